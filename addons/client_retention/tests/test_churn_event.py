from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestChurnEvent(RetentionInvoicingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_seller = new_test_user(
            cls.env,
            login="retention_other_seller",
            groups="client_retention.group_retention_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.mine = cls.make_client("Mine Ltd", user_id=cls.retention_user.id)
        cls.theirs = cls.make_client("Theirs Ltd", user_id=cls.other_seller.id)
        cls.nobodys = cls.make_client("Nobodys Ltd")
        cls.price = cls.env.ref("client_retention.client_exit_reason_price_increase")

    def test_record_a_loss_from_the_client_prefilled_from_history(self):
        # a year before the last invoice (60 days ago) ends 425 days ago: the
        # invoice of 500 days ago is older; the credit note counts
        self.invoices(self.mine, [500], amount=900.0)
        invoices = self.invoices(self.mine, [330, 240, 150, 60], amount=200.0)
        self.refund(invoices[0], amount=50.0, days_ago=300)
        self.run_scan()
        action = self.mine.action_retention_record_loss()
        self.assertEqual(action["res_model"], "client.churn.event")
        form = Form(
            self.env["client.churn.event"]
            .with_user(self.retention_user)
            .with_context(**action["context"])
        )
        form.reason_id = self.price
        form.stated_reason = "Your new prices are too high for us."
        self.assertAlmostEqual(form.lost_annual_revenue, 750.0, msg="the prefill")
        event = form.save()
        self.assertEqual(event.partner_id, self.mine)
        self.assertEqual(event.initiated_by, "client")
        self.assertEqual(event.invoices_per_year, 4)
        self.assertAlmostEqual(event.avg_invoice_amount, 187.5)
        self.assertAlmostEqual(event.lost_annual_revenue, 750.0)
        self.assertEqual(event.source, "manual")
        self.assertEqual(event.state, "lost")
        self.assertEqual(event.user_id, self.retention_user)
        self.assertEqual(self.mine.retention_state, "lost")

    def test_a_contact_records_the_loss_of_its_company(self):
        contact = self.Partner.create({"name": "Ivan", "parent_id": self.mine.id})
        event = self.env["client.churn.event"].create({"partner_id": contact.id})
        self.assertEqual(event.partner_id, self.mine)

    def test_bad_input_is_refused_with_what_to_do(self):
        Event = self.env["client.churn.event"]
        with self.assertRaisesText(ValidationError, "is in the future"):
            Event.create(
                {"partner_id": self.mine.id, "date": self.today + timedelta(days=3)}
            )
        with self.assertRaisesText(
            ValidationError, "“Lost Annual Revenue” must be between 0 and"
        ):
            Event.create({"partner_id": self.mine.id, "lost_annual_revenue": -5})

    def test_outcome_and_scores_cannot_be_forged(self):
        event = self.env["client.churn.event"].create({"partner_id": self.mine.id})
        as_user = event.with_user(self.retention_user)
        with self.assertRaisesText(AccessError, "kept by the system"):
            as_user.write({"state": "won_back"})
        with self.assertRaisesText(AccessError, "kept by the system"):
            as_user.write({"won_back_date": self.today})
        with self.assertRaisesText(AccessError, "kept by the system"):
            self.mine.with_user(self.retention_user).write(
                {"retention_risk_level": "low"}
            )
        with self.assertRaisesText(AccessError, "kept by the system"):
            self.mine.with_user(self.retention_user).write(
                {"retention_state": "active"}
            )
        profile = self.env["client.retention.profile"].search(
            [("partner_id", "=", self.mine.id)]
        )
        with self.assertRaises(AccessError):
            profile.with_user(self.retention_manager).write({"risk_score": 0})
        self.assertEqual(event.state, "lost")
        self.assertEqual(self.mine.retention_state, "lost")

    def test_users_see_their_own_clients_managers_all(self):
        Event = self.env["client.churn.event"]
        events = Event.create(
            [{"partner_id": p.id} for p in (self.mine, self.theirs, self.nobodys)]
        )
        seen = Event.with_user(self.retention_user).search([("id", "in", events.ids)])
        self.assertEqual(seen.partner_id, self.mine | self.nobodys)
        profiles = self.env["client.retention.profile"].with_user(self.retention_user)
        self.assertEqual(
            profiles.search([("partner_id", "in", events.partner_id.ids)]).partner_id,
            self.mine | self.nobodys,
        )
        seen = Event.with_user(self.retention_manager).search(
            [("id", "in", events.ids)]
        )
        self.assertEqual(seen, events)
        # the setting opens every client to retention users
        settings = self.env["res.config.settings"].create(
            {"group_retention_all_clients": True}
        )
        settings.execute()
        self.env.invalidate_all()
        self.assertIn(
            self.env.ref("client_retention.group_retention_all_clients"),
            self.retention_user.all_group_ids,
        )
        seen = Event.with_user(self.retention_user).search([("id", "in", events.ids)])
        self.assertEqual(seen, events)

    def test_churn_events_stay_in_their_company(self):
        event = self.env["client.churn.event"].create(
            {"partner_id": self.nobodys.id, "company_id": self.other_company.id}
        )
        self.assertFalse(
            self.env["client.churn.event"]
            .with_user(self.retention_manager)
            .search([("id", "=", event.id)])
        )
        self.assertEqual(self.nobodys.with_company(self.company).retention_state, False)
        self.assertEqual(
            self.nobodys.with_company(self.other_company).retention_state, "lost"
        )

    def test_a_shared_clients_counters_show_only_the_readers_companies(self):
        # a loss in the other company of a client both companies serve
        self.env["client.churn.event"].create(
            {"partner_id": self.nobodys.id, "company_id": self.other_company.id}
        )
        seen_here = self.nobodys.with_user(self.retention_manager)
        self.assertEqual(seen_here.retention_churn_event_count, 0)
        there = new_test_user(
            self.env,
            login="retention_manager_there",
            groups="client_retention.group_retention_manager",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        self.assertEqual(self.nobodys.with_user(there).retention_churn_event_count, 1)

    def test_retention_figures_are_hidden_from_other_users(self):
        clerk = new_test_user(self.env, login="plain_clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.mine.with_user(clerk).read(["retention_risk_score"])
        self.assertIn(
            "retention_preferences_note",
            self.mine.with_user(clerk).read(["retention_preferences_note"])[0],
        )
