from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionCampaign(RetentionInvoicingCase):
    """The backlog the first scan leaves, written to by a manager's choice,
    a daily number at a time; activities within a daily number per person."""

    def dormant_for_long(self, count, **values):
        clients = self.env["res.partner"]
        for index in range(count):
            client = self.make_client(f"Backlog {index}", **values)
            self.invoices(client, [400, 350, 300])
            clients |= client
        return clients

    def profiles(self, clients):
        return (
            self.env["client.retention.profile"]
            .with_user(self.retention_manager)
            .search([("partner_id", "in", clients.ids)], order="partner_id")
        )

    def test_a_manager_writes_to_the_backlog_a_daily_number_at_a_time(self):
        # two more today than the company's campaigns (the demo's) wrote to
        already = self.env["client.retention.profile"].search_count(
            [
                ("company_id", "=", self.company.id),
                ("reactivation_campaign_date", "!=", False),
                ("reactivation_sent_date", "=", self.today),
            ]
        )
        self.company.retention_campaign_daily_cap = already + 2
        clients = self.dormant_for_long(3)
        self.run_scan()
        self.assertFalse(self.mails_to(clients), "the first scan writes to nobody")
        profiles = self.profiles(clients)
        self.assertEqual(profiles.mapped("reactivation_backlog"), [True] * 3)
        with self.assertRaises(AccessError):
            profiles.with_user(self.retention_user).action_start_reactivation_campaign()
        action = profiles.action_start_reactivation_campaign()
        self.assertIn(
            "3 client(s) in the campaign: 2 written to", action["params"]["message"]
        )
        written = clients.filtered(lambda c: self.mails_to(c))
        self.assertEqual(len(written), 2, "two today, at most")
        self.assertEqual(
            written.mapped("retention_reactivation_sent_date"), [self.today] * 2
        )
        self.assertFalse(any(self.profiles(written).mapped("reactivation_backlog")))
        # starting it again the same day sends nothing more
        profiles.action_start_reactivation_campaign()
        self.assertEqual(len(clients.filtered(lambda c: self.mails_to(c))), 2)
        # the next night's scan writes to the third, and only once
        self.scan_on(self.today + timedelta(days=1))
        self.scan_on(self.today + timedelta(days=2))
        for client in clients:
            self.assertEqual(len(self.mails_to(client)), 1, client.name)
        self.assertFalse(any(self.profiles(clients).mapped("reactivation_backlog")))

    def test_nobody_gets_more_activities_a_day_than_settings_allow(self):
        manager = self.retention_manager
        self.company.write(
            {
                "retention_activity_daily_cap": 2,
                "retention_fallback_user_id": manager.id,
            }
        )
        self.company.retention_campaign_daily_cap = 1000
        clients = self.dormant_for_long(3)  # nobody's clients: the manager acts
        self.run_scan()
        self.profiles(clients).action_start_reactivation_campaign()
        given = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", clients.ids)]
        )
        self.assertEqual(given.user_id, manager)
        self.assertEqual(len(given), 2, "two a day for one person")
        waiting = self.profiles(clients).filtered("waiting_activity_type_id")
        self.assertEqual(len(waiting), 1, "the third waits, listed")
        self.assertIn("reactivation mail was sent", waiting.waiting_activity_note)
        self.scan_on(self.today + timedelta(days=1))
        given = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", clients.ids)]
        )
        self.assertEqual(len(given), 3, "given the next day")
        self.assertFalse(self.profiles(clients).filtered("waiting_activity_type_id"))

    def test_a_waiting_activity_is_dropped_when_the_client_buys_again(self):
        manager = self.retention_manager
        self.company.write(
            {
                "retention_activity_daily_cap": 1,
                "retention_fallback_user_id": manager.id,
                "retention_campaign_daily_cap": 1000,
            }
        )
        clients = self.dormant_for_long(2)
        self.run_scan()
        self.profiles(clients).action_start_reactivation_campaign()
        waiting = self.profiles(clients).filtered("waiting_activity_type_id")
        self.assertEqual(len(waiting), 1)
        self.invoice(waiting.partner_id, 0)  # it came back by itself
        self.scan_on(self.today + timedelta(days=1))
        self.assertFalse(self.profiles(clients).filtered("waiting_activity_type_id"))
        todo = self.activities(waiting.partner_id)
        self.assertFalse(todo, todo.mapped("summary"))
