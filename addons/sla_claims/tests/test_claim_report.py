from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimReport(ClaimsCase):
    def test_compliance_is_met_over_met_and_breached(self):
        with freeze_time("2026-11-27 08:00:00"):  # Friday 10:00 Sofia
            on_time, late, still_open = (self.new_claim() for _ in range(3))
        with freeze_time("2026-11-27 10:00:00"):  # 2 working hours later
            on_time.with_user(on_time.user_id).message_post(
                body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            on_time.stage_id = self.stage_resolved
        with freeze_time("2026-12-03 08:00:00"):
            late.stage_id = self.stage_resolved
        Report = self.env["sla.claim.report"].with_user(self.manager)
        claims, breaches, compliance, response_hours = Report._read_group(
            [("team_id", "=", self.team.id)],
            [],
            [
                "claim_count:sum",
                "breach_count:sum",
                "resolution_compliance:avg",
                "response_working_hours:avg",
            ],
        )[0]
        self.assertEqual(claims, 3)
        # `late` missed both clocks; `still_open` is overdue only once the
        # 15-minute check has run
        self.assertEqual(breaches, 1)
        self.assertEqual(compliance, 50.0)
        # only the answered claim has a first-response time
        self.assertEqual(on_time.response_working_hours, 2.0)
        self.assertEqual(response_hours, 2.0)
        self.assertTrue(still_open.is_open)

    def test_users_analyse_their_teams_claims_only(self):
        self.new_claim()
        self.assertEqual(
            self.env["sla.claim.report"].with_user(self.ana).search_count([]), 1
        )
        self.assertEqual(
            self.env["sla.claim.report"].with_user(self.outsider).search_count([]), 0
        )


@tagged("post_install", "-at_install", "sla_claims")
class TestRepeatComplainers(ClaimsCase):
    def test_only_customers_over_the_threshold_most_claims_first(self):
        calm = self.env["res.partner"].create({"name": "Calm Ltd", "is_company": True})
        for _n in range(3):
            self.new_claim()
        self.new_claim(partner_id=calm.id)
        self.company.sla_repeat_complainer_claims = 3
        action = (
            self.env["sla.claim.report"]
            .with_user(self.manager)
            ._action_repeat_complainers()
        )
        rows = (
            self.env["sla.claim.report"]
            .with_user(self.manager)
            .search(action["domain"])
        )
        self.assertIn(self.customer, rows.partner_id)
        self.assertNotIn(calm, rows.partner_id, "one claim is no pattern")
        with self.assertRaises(ValidationError):
            self.company.sla_repeat_complainer_claims = 1
