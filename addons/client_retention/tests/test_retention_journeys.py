from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionJourneys(RetentionInvoicingCase):
    """Clients over months, the nightly scan running as it does in production."""

    def test_a_client_drifts_is_mailed_comes_back_and_drifts_again(self):
        client = self.make_client("Drifter Ltd", user_id=self.retention_user.id)
        self.invoices(client, [230, 200, 170, 140, 110])  # every 30 days, then silence
        self.watched_since(25)
        self.run_scan()
        self.assertEqual(client.retention_state, "dormant")
        self.assertEqual(len(self.mails_to(client)), 1)
        mail = self.mails_to(client)
        self.assertIn("it has been a while", mail.subject)
        reactivation = self.env.ref("client_retention.mail_activity_type_reactivation")
        activity = self.activities(client, reactivation)
        self.assertEqual(activity.user_id, self.retention_user)
        # the mail worked: the client orders again
        self.invoice(client, 0, amount=150.0)
        self.scan_on(self.today + timedelta(days=1))
        self.assertEqual(client.retention_state, "active")
        self.assertFalse(client.retention_dormant_since)
        # ... then goes quiet once more: a new episode, a new mail
        self.scan_on(self.today + timedelta(days=120))
        self.assertEqual(client.retention_state, "dormant")
        self.assertEqual(len(self.mails_to(client)), 2)
        self.assertEqual(
            client.retention_reactivation_sent_date, self.today + timedelta(days=120)
        )

    def test_a_client_goes_silent_is_lost_and_is_won_back(self):
        client = self.make_client("Silent Ltd")
        self.invoices(client, [330, 300, 270, 240])
        self.run_scan()
        self.assertEqual(client.retention_state, "dormant")
        # the scan runs every night; the client stays quiet past the year
        self.scan_on(self.today + timedelta(days=60))
        self.assertEqual(client.retention_state, "dormant")
        self.assertFalse(
            self.mails_to(client), "dormant long before the first scan: no mail"
        )
        self.assertTrue(client.retention_reactivation_backlog)
        self.scan_on(self.today + timedelta(days=130))
        self.assertEqual(client.retention_state, "lost")
        event = client.retention_churn_event_ids
        self.assertEqual(event.initiated_by, "inferred")
        self.assertEqual(event.date, self.days_ago(240) + timedelta(days=366))
        # a year later it comes back with an order
        with freeze_time(self.today + timedelta(days=200)):
            self.invoice(client, -200, amount=400.0)
            self.assertEqual(event.state, "won_back")
            self.assertEqual(client.retention_state, "active")

    def test_a_contract_end_raises_one_reminder(self):
        self.company.write(
            {"retention_contract_notice_days": 30, "retention_contract_mail": True}
        )
        client = self.make_client(
            "Trial Ltd",
            user_id=self.retention_user.id,
            retention_contract_end_date=self.today + timedelta(days=45),
        )
        self.run_scan()
        self.assertFalse(self.activities(client), "45 days ahead: not yet")
        self.scan_on(self.today + timedelta(days=16))
        activity = self.activities(client)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, client.retention_contract_end_date)
        self.assertEqual(len(self.mails_to(client)), 1)
        self.scan_on(self.today + timedelta(days=17))
        self.assertEqual(len(self.activities(client)), 1, "once per end date")
        # a renewed contract is a new risk moment
        client.retention_contract_end_date = self.today + timedelta(days=400)
        self.scan_on(self.today + timedelta(days=380))
        self.assertEqual(len(self.activities(client)), 2)

    def test_preferences_show_on_the_clients_claims(self):
        client = self.make_client(
            "Picky Ltd", retention_preferences_note="Write, don't call."
        )
        contact = self.Partner.create({"name": "Mila", "parent_id": client.id})
        team = self.env["sla.claim.team"].create(
            {"name": "Care", "company_id": self.company.id}
        )
        claim = self.env["sla.claim"].create(
            {"name": "Invoice wrong", "partner_id": contact.id, "team_id": team.id}
        )
        self.assertEqual(claim.retention_preferences_note, "Write, don't call.")
