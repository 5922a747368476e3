from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "client_retention")
class TestManagerTour(HttpCase):
    """A retention manager walks from the Overview to a client at risk,
    records its loss, and every screen then counts it the same way."""

    def setUp(self):
        super().setUp()
        # a company of its own, so that the figures the tour reads are exact
        self.company = self.env["res.company"].create({"name": "Tour Retention Co"})
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=self.company, install_demo=False
        )
        self.manager = new_test_user(
            self.env,
            login="tour_retention_manager",
            groups="base.group_user,client_retention.group_retention_manager",
            company_id=self.company.id,
            company_ids=[self.company.id],
            lang="en_US",
        )
        self.today = fields.Date.context_today(self.env["res.partner"])

    def bought(self, client, days_ago):
        day = self.today - timedelta(days=days_ago)
        move = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "invoice_date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Bookkeeping", "quantity": 1, "price_unit": 400}
                        )
                    ],
                }
            )
        )
        move.action_post()

    def test_from_the_overview_to_a_loss_recorded(self):
        Partner = self.env["res.partner"].with_company(self.company)
        clients = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "company_id": self.company.id,
                    "user_id": self.manager.id,
                }
                for name in ("Tour Steady Ltd", "Tour Gone Ltd", "Tour Risky Ltd")
            ]
        )
        steady, gone, risky = clients
        for client in clients:
            for days_ago in (150, 120, 90, 60, 30):
                self.bought(client, days_ago)
        month = self.today.replace(day=1)
        quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
        self.env["client.churn.event"].create(
            {
                "partner_id": gone.id,
                "company_id": self.company.id,
                "date": quarter - timedelta(days=10),  # within the last 12 months
            }
        )
        self.env.ref("client_retention.ir_cron_retention_scan").method_direct_trigger()
        Profile = self.env["client.retention.profile"]
        Profile._set_state(self.company, risky.ids, "at_risk")

        self.start_tour(
            "/odoo",
            "client_retention_manager_walk",
            login="tour_retention_manager",
        )

        event = risky.retention_churn_event_ids
        self.assertEqual(
            event.reason_id,
            self.env.ref("client_retention.client_exit_reason_price_increase"),
        )
        self.assertEqual(event.stated_reason, "Your new prices are too high for us.")
        self.assertEqual(event.user_id, self.manager)
        # the Churn Report (and the Dashboard reading it) counts what the
        # Overview showed
        report = self.env["client.churn.report"].search(
            [("company_id", "=", self.company.id), ("date", ">=", quarter)]
        )
        self.assertEqual(report.partner_id, risky)
        self.assertEqual(risky.with_company(self.company).retention_state, "lost")
        self.assertEqual(steady.with_company(self.company).retention_state, "active")
