from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.sla_claims.tests.common import ClaimsCase

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionRiskSignals(RetentionInvoicingCase, ClaimsCase):
    """Claims, breaches, unpaid invoices and ratings move the risk."""

    def regular_client(self, name):
        """A client buying every 30 days, last 20 days ago: low risk."""
        client = self.make_client(name, user_id=self.retention_user.id)
        self.invoices(client, [200, 170, 140, 110, 80, 50, 20])
        return client

    def breached_claim(self, client, days_ago):
        """A claim received ``days_ago`` days ago and never answered: the SLA
        check breaches both its deadlines."""
        return self.new_claim(
            partner_id=client.id,
            sla_start_date=fields.Datetime.now() - timedelta(days=days_ago),
        )

    def test_two_breaches_make_a_client_at_least_medium_risk(self):
        client = self.regular_client("Breached Ltd")
        self.run_scan()
        self.assertEqual(client.retention_risk_level, "low")
        claim = self.breached_claim(client, 10)
        self.run_sla_check()
        self.assertEqual(claim.sla_response_state, "breached")
        self.assertEqual(claim.sla_resolution_state, "breached")
        self.env["client.retention.profile"].sudo().search(
            [("partner_id", "=", client.id)]
        ).invalidate_recordset()
        self.run_scan()  # already scanned today: nothing changes until tomorrow
        self.env["client.retention.scan"]._refresh(client)
        self.assertEqual(client.retention_risk_level, "medium")
        self.assertGreaterEqual(client.retention_risk_score, 40)
        self.assertIn(
            "2 missed deadline(s) in the last 90 days",
            client.retention_risk_explanation,
        )
        self.assertIn("at least medium risk", client.retention_risk_explanation)

    def test_unpaid_and_late_invoices_show_in_the_risk(self):
        client = self.make_client("Late Payer Ltd")
        paid_late = self.invoice(client, 100, amount=100.0, due_days=30)
        self.pay(paid_late, 100 - 30 - 20)  # paid 20 days after its due date
        self.invoice(client, 70, amount=100.0, due_days=15)  # due 55 days ago, unpaid
        self.invoice(client, 10, amount=100.0, due_days=30)  # not due yet
        self.run_scan()
        self.assertAlmostEqual(client.retention_overdue_amount, 100.0)
        self.assertAlmostEqual(client.retention_avg_payment_delay_days, 20.0)
        lines = client.retention_risk_explanation
        self.assertIn("overdue", lines)
        self.assertIn("pays 20 days late on average", lines)

    def test_high_risk_alerts_once_per_episode(self):
        self.company.retention_high_threshold = 60  # a cautious company
        client = self.make_client("Wobbly Ltd", user_id=self.retention_user.id)
        self.invoices(
            client, [400, 370, 340, 310, 280, 250, 220, 190, 160, 130, 100, 85]
        )
        self.watched_since(60)  # a steady client then: the first scan alerts nobody
        self.assertEqual(client.retention_risk_level, "low")
        for days in (5, 12, 20):
            self.new_claim(
                partner_id=client.id,
                sla_start_date=fields.Datetime.now() - timedelta(days=days),
            )
        self.run_sla_check()
        self.run_scan()
        self.assertEqual(
            client.retention_risk_level, "high", client.retention_risk_explanation
        )
        self.assertEqual(client.retention_state, "at_risk")
        churn_risk = self.env.ref("client_retention.mail_activity_type_churn_risk")
        activity = self.activities(client, churn_risk)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.retention_user)
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", client.id),
                ("body", "ilike", "Churn risk is high"),
            ]
        )
        self.assertEqual(len(notes), 1)
        self.env["client.retention.scan"]._refresh(client)
        self.assertEqual(len(self.activities(client, churn_risk)), 1, "same episode")
        # back to low risk ends the episode; the next rise alerts again
        self.company.write(
            {
                "retention_medium_threshold": 90,
                "retention_high_threshold": 95,
                "retention_sla_breaches_for_medium": 0,
            }
        )
        self.env["client.retention.scan"]._refresh(client)
        self.assertEqual(client.retention_risk_level, "low")
        self.company.write(
            {"retention_medium_threshold": 40, "retention_high_threshold": 60}
        )
        self.env["client.retention.scan"]._refresh(client)
        self.assertEqual(len(self.activities(client, churn_risk)), 2, "a new episode")
