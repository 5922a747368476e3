from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestPartnerClaimStatistics(ClaimsCase):
    def test_counts_per_company_in_a_window_in_one_query(self):
        other = self.env["res.partner"].create({"name": "Beta", "is_company": True})
        quiet = self.env["res.partner"].create({"name": "Quiet", "is_company": True})
        with freeze_time("2026-10-05 08:00:00"):
            self.new_claim()  # October: outside the window
        with freeze_time("2026-11-02 08:00:00"):
            self.new_claim(partner_id=self.customer.id)
            unfounded = self.new_claim()
            late = self.new_claim(partner_id=other.id)
            unfounded.stage_id = self.env.ref("sla_claims.stage_unfounded")
            elsewhere = self.claim_in_another_company()
        with freeze_time("2026-11-20 08:00:00"):
            self.run_sla_check()  # `late` is long overdue
        # a reader working in the first company only
        partners = (self.customer | self.contact | other | quiet).with_context(
            allowed_company_ids=[self.company.id]
        )
        partners.mapped("commercial_partner_id")  # the caller has them already
        _ = partners.env.companies.ids  # the session's, read once already
        with self.assertQueryCount(1):
            stats = partners._get_claim_statistics(date(2026, 11, 1), date(2026, 12, 1))
        self.assertEqual(
            stats[self.customer.id], {"claims": 2, "unfounded": 1, "breaches": 1}
        )
        self.assertEqual(stats[self.contact.id], stats[self.customer.id])
        self.assertEqual(stats[other.id], {"claims": 1, "unfounded": 0, "breaches": 1})
        self.assertEqual(stats[quiet.id], {"claims": 0, "unfounded": 0, "breaches": 0})
        self.assertTrue(late.sla_resolution_state == "breached")
        # the other company's claim counts only for a reader who works in it
        both = partners.with_context(
            allowed_company_ids=[self.company.id, elsewhere.company_id.id]
        )
        self.assertEqual(
            both._get_claim_statistics(date(2026, 11, 1), date(2026, 12, 1))[
                self.customer.id
            ]["claims"],
            3,
        )

    def claim_in_another_company(self):
        company = self.env["res.company"].create({"name": "Elsewhere Ltd"})
        self.env.user.company_ids |= company
        team = self.env["sla.claim.team"].create(
            {
                "name": "Elsewhere care",
                "company_id": company.id,
                "leader_id": self.env.user.id,
            }
        )
        return (
            self.env["sla.claim"]
            .with_company(company)
            .create(
                {
                    "name": "Wrong invoice",
                    "team_id": team.id,
                    "partner_id": self.customer.id,
                    "company_id": company.id,
                }
            )
        )
