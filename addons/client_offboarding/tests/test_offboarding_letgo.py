from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.client_offboarding.lib import letgo

from .common import OffboardingCase


@tagged("post_install", "-at_install", "client_offboarding")
class TestLetgoReview(OffboardingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["sla.claim.team"].create({"name": "Client care"})
        cls.Review = cls.env["client.letgo.review"]
        cls.good = cls.make_client("Good Client", user_id=cls.account_manager.id)

    def claims(self, client, count, unfounded=0):
        Claim = self.env["sla.claim"].with_context(sla_claims_no_acknowledgement=True)
        for index in range(count):
            claim = Claim.create(
                {
                    "name": f"Complaint {index}",
                    "team_id": self.team.id,
                    "partner_id": client.id,
                    "sla_start_date": fields.Datetime.now() - timedelta(days=index * 3),
                }
            )
            if index < unfounded:
                claim.stage_id = self.env.ref("sla_claims.stage_unfounded")

    def candidates(self, user=None):
        Review = self.Review.with_user(user or self.account_manager)
        return Review.search(
            [
                ("sign_count", ">", 0),
                ("has_open_case", "=", False),
                ("partner_id", "in", (self.client | self.good).ids),
            ]
        ).partner_id

    def test_an_endlessly_demanding_client_is_a_candidate_with_its_evidence(self):
        for client in (self.client, self.good):
            self.invoice(client, 20)
        self.claims(self.client, 30, unfounded=20)
        self.claims(self.good, 1)
        self.run_scan()
        self.assertEqual(self.candidates(), self.client)
        review = self.Review.search([("partner_id", "=", self.client.id)])
        self.assertEqual(review.claim_count, 30)
        self.assertEqual(review.claims_per_month, 2.5)
        self.assertEqual(review.unfounded_share, 66.7)
        self.assertEqual(review.main_sign, "demands")
        opened = review.with_user(self.account_manager).action_open_client()
        [(view_id, _kind)] = opened["views"]
        arch = self.env["res.partner"].get_view(view_id, "form")["arch"]
        self.assertRegex(
            arch, r'<page[^>]*name="letgo_review"[^>]*autofocus', "on its let-go tab"
        )
        client = self.client.with_user(self.account_manager)
        self.assertTrue(client.offboarding_letgo_candidate)
        self.assertEqual(client.offboarding_letgo_signs, "Excessive demands")
        self.assertEqual(client.offboarding_claims_12m, 30)
        self.assertFalse(
            self.good.with_user(self.account_manager).offboarding_letgo_candidate
        )
        action = review.with_user(self.account_manager).action_start_offboarding()
        case = (
            self.Case.with_user(self.account_manager)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(case.initiated_by, "company")
        self.assertEqual(
            case.reason_id,
            self.env.ref("client_retention.client_exit_reason_excessive_demands"),
        )
        self.assertNotIn(self.client, self.candidates(), "already being let go")

    def test_a_chronic_late_payer_shows_its_delay_and_overdue_amount(self):
        for days in (200, 150, 100):
            self.pay(self.invoice(self.client, days, due_days=10), days - 60)
        self.invoice(self.client, 60, amount=300.0, due_days=10)
        self.invoice(self.good, 20)
        self.run_scan()
        self.assertEqual(self.candidates(), self.client)
        review = self.Review.search([("partner_id", "=", self.client.id)])
        self.assertTrue(review.is_late_payer)
        self.assertGreaterEqual(review.payment_delay_days, 30)
        self.assertEqual(review.overdue_amount, 300.0)
        action = self.client.with_user(
            self.account_manager
        ).action_start_offboarding_company()
        self.assertEqual(
            action["context"]["default_reason_id"],
            self.env.ref("client_retention.client_exit_reason_chronic_late_payment").id,
        )

    def test_pressure_and_blame_are_noted_by_hand(self):
        self.invoice(self.client, 20)
        self.run_scan()
        self.assertFalse(self.candidates())
        self.client.with_user(self.account_manager).write(
            {
                "offboarding_pressure": True,
                "offboarding_pressure_note": "Threatened to sue over a late report.",
                "offboarding_pressure_date": self.today,
                "offboarding_blame": True,
                "offboarding_blame_note": "Blamed us for a fine it caused.",
            }
        )
        self.assertEqual(self.candidates(), self.client)
        review = self.Review.search([("partner_id", "=", self.client.id)])
        self.assertEqual(review.sign_count, 2)
        self.assertIn("Threatened to sue", review.pressure_note)
        self.assertEqual(
            self.client.with_user(self.account_manager).offboarding_letgo_signs,
            "Pressure or threats, Blame-shifting",
        )

    def test_account_managers_review_their_own_clients(self):
        self.invoice(self.client, 20)
        self.claims(self.client, 30)
        self.run_scan()
        self.assertFalse(self.candidates(self.other_manager))
        self.assertEqual(self.candidates(self.retention_manager), self.client)

    def test_the_candidates_list_and_the_rules_agree(self):
        """The SQL view judges as ``lib.letgo`` does, on the company's
        thresholds."""
        self.company.write(
            {
                "offboarding_letgo_claims_per_month": 1.0,
                "offboarding_letgo_min_claims": 2,
                "offboarding_letgo_overdue_amount": 250.0,
            }
        )
        clients = {
            name: self.make_client(name, user_id=self.account_manager.id)
            for name in ("Many", "Unfounded", "Overdue", "Calm")
        }
        for client in clients.values():
            self.invoice(client, 30)
        self.invoice(clients["Overdue"], 60, amount=300.0, due_days=5)
        self.claims(clients["Many"], 13)
        self.claims(clients["Unfounded"], 2, unfounded=1)
        self.claims(clients["Calm"], 1)
        self.run_scan()
        company = self.company
        thresholds = letgo.Thresholds(
            company.offboarding_letgo_claims_per_month,
            company.offboarding_letgo_unfounded_pct,
            company.offboarding_letgo_min_claims,
            company.offboarding_letgo_delay_days,
            company.offboarding_letgo_overdue_amount,
        )
        reviews = self.Review.search(
            [("partner_id", "in", [c.id for c in clients.values()])]
        )
        self.assertEqual(len(reviews), 4)
        for review in reviews:
            with self.subTest(client=review.partner_id.name):
                self.assertEqual(
                    review._signs(),
                    letgo.signs(
                        thresholds,
                        review.claim_count,
                        review.unfounded_count,
                        12,
                        review.payment_delay_days,
                        review.overdue_amount,
                        review.pressure,
                        review.blame,
                    ),
                )
        signs = {r.partner_id.name: r._signs() for r in reviews}
        self.assertEqual(signs["Many"], ["demands"])
        self.assertEqual(signs["Unfounded"], ["demands"])
        self.assertEqual(signs["Overdue"], ["late_payer"])
        self.assertEqual(signs["Calm"], [])
