import ast
from datetime import timedelta

from odoo.tests import new_test_user, tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionScan(RetentionInvoicingCase):
    def test_figures_come_from_posted_invoices_net_of_refunds(self):
        client = self.make_client("Figures Ltd")
        contact = self.Partner.create({"name": "Eva", "parent_id": client.id})
        self.invoices(client, [300, 200, 100], amount=100.0)
        last = self.invoice(contact, 10, amount=300.0)
        self.invoice(client, 5, amount=999.0, post=False)  # a draft is no purchase
        self.refund(last, amount=100.0, days_ago=2)
        self.run_scan()
        self.assertEqual(client.retention_first_purchase_date, self.days_ago(300))
        self.assertEqual(client.retention_last_purchase_date, self.days_ago(10))
        self.assertAlmostEqual(client.retention_avg_interval_days, 290 / 3, places=1)
        self.assertEqual(client.retention_invoice_count_12m, 4)
        self.assertAlmostEqual(client.retention_revenue_12m, 500.0)
        self.assertAlmostEqual(client.retention_avg_invoice_amount, 125.0)
        self.assertEqual(client.retention_state, "active")
        # a contact shows its company's figures
        self.assertEqual(contact.retention_last_purchase_date, self.days_ago(10))

    def test_a_dormant_client_is_mailed_once_per_episode(self):
        client = self.make_client("Sleepy Ltd")
        self.invoices(client, [200, 170, 140, 110])
        self.watched_since(25)
        self.assertEqual(client.retention_state, "active")
        self.run_scan()
        self.assertEqual(client.retention_state, "dormant")
        self.assertEqual(client.retention_dormant_since, self.days_ago(110 - 91))
        self.assertEqual(client.retention_reactivation_sent_date, self.today)
        self.assertEqual(len(self.mails_to(client)), 1)
        self.assertEqual(len(self.activities(client)), 1, "no high-risk alert too")
        self.run_scan()
        self.assertEqual(len(self.mails_to(client)), 1, "one mail per episode")
        self.assertEqual(len(self.activities(client)), 1)

    def test_opt_outs_and_channels_are_respected(self):
        history = [200, 170, 140, 110]
        blacklisted = self.make_client("Blacklisted Ltd")
        self.env["mail.blacklist"].create({"email": blacklisted.email})
        no_calls = self.make_client("Quiet Ltd", retention_do_not_call=True)
        phone_only = self.make_client("Phone Ltd", retention_preferred_channel="phone")
        phone_no_calls = self.make_client(
            "Hermit Ltd",
            retention_preferred_channel="phone",
            retention_do_not_call=True,
        )
        for client in blacklisted | no_calls | phone_only | phone_no_calls:
            self.invoices(client, history)
        self.watched_since(25)
        self.run_scan()
        call = self.env.ref("mail.mail_activity_data_call")
        reactivation = self.env.ref("client_retention.mail_activity_type_reactivation")
        self.assertFalse(
            self.mails_to(blacklisted), "a blacklisted address gets no mail"
        )
        self.assertIn("blacklisted", self.activities(blacklisted).note)
        self.assertEqual(len(self.mails_to(no_calls)), 1, "do-not-call still gets mail")
        self.assertFalse(self.activities(no_calls, call))
        self.assertIn("Do not call", self.activities(no_calls, reactivation).note)
        self.assertFalse(self.mails_to(phone_only), "a phone-only client is called")
        self.assertEqual(len(self.activities(phone_only, call)), 1)
        self.assertFalse(self.mails_to(phone_no_calls))
        self.assertFalse(self.activities(phone_no_calls, call))
        self.assertEqual(len(self.activities(phone_no_calls, reactivation)), 1)
        for client in blacklisted | no_calls | phone_only | phone_no_calls:
            self.assertEqual(client.retention_state, "dormant")

    def test_reactivation_mail_can_be_turned_off(self):
        self.company.retention_reactivation_mail = False
        client = self.make_client("Unmailed Ltd")
        self.invoices(client, [170, 120])
        self.watched_since(25)
        self.run_scan()
        self.assertEqual(client.retention_state, "dormant")
        self.assertFalse(self.mails_to(client))
        self.assertIn("off in Settings", self.activities(client).note)

    def test_a_client_is_dormant_on_its_own_rhythm(self):
        weekly = self.make_client("Weekly Ltd")
        self.invoices(weekly, [120, 113, 106, 99])  # 99 days: past the 90-day floor
        slow = self.make_client("Slow Ltd")
        self.invoices(slow, [400, 300, 200, 100])  # every 100 days: 200 to dormancy
        self.run_scan()
        self.assertEqual(weekly.retention_state, "dormant")
        self.assertEqual(slow.retention_state, "active")
        self.assertEqual(slow.retention_avg_interval_days, 100.0)

    def test_silent_leave_records_an_inferred_loss_once(self):
        client = self.make_client("Gone Ltd")
        self.invoices(client, [700, 600, 500, 400])
        self.run_scan()
        events = client.retention_churn_event_ids
        self.assertEqual(len(events), 1)
        self.assertEqual(events.initiated_by, "inferred")
        self.assertEqual(events.source, "dormancy")
        self.assertEqual(
            events.reason_id,
            self.env.ref("client_retention.client_exit_reason_silent_leave"),
        )
        self.assertEqual(events.date, self.days_ago(400) + timedelta(days=366))
        # priced on its last year of buying, not the empty year before the loss
        self.assertAlmostEqual(events.lost_annual_revenue, 400.0)
        self.assertEqual(client.retention_state, "lost")
        self.assertFalse(self.mails_to(client), "a lost client gets no reactivation")
        self.assertFalse(client.retention_rfm_segment, "lost clients keep no RFM")
        self.run_scan()
        self.assertEqual(len(client.retention_churn_event_ids), 1)

    def test_a_lost_client_invoiced_again_is_won_back_at_posting(self):
        client = self.make_client("Returning Ltd")
        self.invoices(client, [800, 700, 600, 500])
        self.run_scan()
        event = client.retention_churn_event_ids
        self.assertEqual(client.retention_state, "lost")
        self.invoice(client, 0, amount=250.0)
        # no scan in between: the posting itself wins the client back
        self.assertEqual(event.state, "won_back")
        self.assertEqual(event.won_back_date, self.today)
        self.assertEqual(client.retention_state, "active")
        self.run_scan()
        self.assertEqual(client.retention_state, "active")
        self.assertEqual(len(client.retention_churn_event_ids), 1)

    def test_refunds_exceeding_invoices_give_no_revenue(self):
        client = self.make_client("Credit Ltd")
        invoice = self.invoice(client, 30, amount=100.0)
        self.refund(invoice, days_ago=20)  # refunded in full: no purchase left
        self.run_scan()
        self.assertFalse(client.retention_last_purchase_date)
        self.assertEqual(client.retention_revenue_12m, 0.0)
        self.assertFalse(client.retention_state, "no purchase, not a client yet")

    def test_each_company_has_its_own_figures(self):
        self.ensure_chart(self.other_company)
        shared = self.make_client("Shared Ltd", company_id=False)
        self.invoices(shared, [60, 30], amount=100.0)
        self.invoices(shared, [200, 150], amount=1000.0, company=self.other_company)
        self.run_scan()
        here = shared.with_company(self.company)
        there = shared.with_company(self.other_company)
        self.assertAlmostEqual(here.retention_revenue_12m, 200.0)
        self.assertAlmostEqual(there.retention_revenue_12m, 2000.0)
        self.assertEqual(here.retention_last_purchase_date, self.days_ago(30))
        self.assertEqual(there.retention_last_purchase_date, self.days_ago(150))
        self.assertEqual(here.retention_state, "active")
        self.assertEqual(there.retention_state, "dormant")
        profiles = self.env["client.retention.profile"].search(
            [("partner_id", "=", shared.id)]
        )
        self.assertEqual(profiles.company_id, self.company | self.other_company)
        # a user of the first company sees nothing of the other one
        visible = profiles.with_user(self.retention_manager).search(
            [("partner_id", "=", shared.id)]
        )
        self.assertEqual(visible.company_id, self.company)

    def test_the_scan_queries_do_not_grow_with_the_clients(self):
        self.run_scan()  # settle whatever the database already holds

        def scan_queries(count, prefix):
            for number in range(count):
                client = self.make_client(f"{prefix} {number}")
                self.invoices(client, [40, 25, 10])
            self.env.flush_all()
            before = self.cr.sql_log_count
            self.run_scan()
            return self.cr.sql_log_count - before

        small = scan_queries(3, "Small")
        large = scan_queries(12, "Large")
        self.assertEqual(small, large)

    def test_a_lost_client_stops_nagging(self):
        client = self.make_client("Nagged Ltd", user_id=self.retention_user.id)
        self.invoices(client, [200, 170, 140, 110])
        self.watched_since(25)
        self.run_scan()
        reactivation = self.env.ref("client_retention.mail_activity_type_reactivation")
        self.assertEqual(len(self.activities(client, reactivation)), 1)
        self.assertTrue(client.retention_risk_level)
        self.env["client.churn.event"].create(
            {
                "partner_id": client.id,
                "reason_id": self.env.ref(
                    "client_retention.client_exit_reason_price_increase"
                ).id,
            }
        )
        self.assertEqual(client.retention_state, "lost")
        self.assertIn("Lost on", client.retention_loss_summary)
        self.assertIn("Price increase", client.retention_loss_summary)
        self.assertFalse(self.activities(client, reactivation), "nobody to win over")
        self.assertEqual(
            (client.retention_risk_score, client.retention_risk_level), (0, False)
        )
        action = self.env.ref("client_retention.client_retention_profile_action_calls")
        calls = self.env["client.retention.profile"].search(
            ast.literal_eval(action.domain)
        )
        self.assertNotIn(client, calls.partner_id, "off the list of whom to call")
        self.scan_on(self.today + timedelta(days=1))
        self.assertEqual(
            (client.retention_risk_score, client.retention_risk_level), (0, False)
        )
        self.assertFalse(client.retention_risk_explanation)

    def test_what_the_scan_writes_reads_in_the_account_managers_language(self):
        self.load_languages(["client_retention"])
        russian = new_test_user(
            self.env,
            login="retention_ru_manager",
            groups="client_retention.group_retention_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
            lang="ru_RU",
        )
        theirs = self.make_client("Sonny Ltd", user_id=russian.id)
        mine = self.make_client("Dozy Ltd", user_id=self.retention_user.id)
        for client in theirs | mine:
            self.invoices(client, [200, 170, 140, 110])
        self.watched_since(25)
        self.run_scan()
        kind = self.env.ref("client_retention.mail_activity_type_reactivation")
        self.assertEqual(
            self.activities(theirs, kind).summary, "Реактивировать неактивного клиента"
        )
        self.assertEqual(
            self.activities(mine, kind).summary, "Reactivate dormant client"
        )
