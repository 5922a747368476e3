from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import freeze_all_time

from .common import OffboardingCase

INVENTORY_CRON = "client_offboarding.ir_cron_quarterly_inventory"


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingJourneys(OffboardingCase):
    """Clients leaving (or not) as users take them through it."""

    def start_from_form(self, user, initiated_by="client"):
        client = self.client.with_user(user)
        if initiated_by == "company":
            action = client.action_start_offboarding_company()
        else:
            action = client.action_start_offboarding_client()
        return Form(self.Case.with_user(user).with_context(**action["context"]))

    def door_open(self):
        return self.activities(
            self.client, self.env.ref("client_offboarding.mail_activity_type_door_open")
        )

    def analysis(self):
        return self.env["client.churn.analysis"].create(
            {
                "date_from": self.today - timedelta(days=30),
                "date_to": self.today,
            }
        )

    def test_a_client_asks_to_leave_and_is_retained(self):
        self.invoices(self.client, [90, 60, 30])
        self.run_scan()
        form = self.start_from_form(self.account_manager)
        form.stated_reason = "Your reports always come late."
        form.reason_id = self.env.ref(
            "client_retention.client_exit_reason_broken_promises"
        )
        case = form.save()
        saves_before = self.analysis().save_rate
        self.assertEqual(self.client.retention_state, "leaving")
        case.action_start_retention()
        with Form(case) as edit:
            edit.retention_offer = "Reports by the 5th, guaranteed, and a month free."
        case.action_retained()
        self.assertEqual(case.state, "retained")
        self.assertEqual(self.client.retention_state, "active")
        self.assertFalse(
            self.env["client.churn.event"].search([("partner_id", "=", self.client.id)])
        )
        self.assertGreater(self.analysis().save_rate, saves_before)
        self.assertFalse(self.door_open())
        # the client may still leave later: a new case can start
        self.assertTrue(self.start_from_form(self.account_manager).save())

    def test_a_client_leaves_to_a_competitor_with_a_full_handover(self):
        self.invoices(self.client, [120, 90, 60])
        self.run_scan()
        with freeze_all_time(datetime.combine(self.today, time(10)) - timedelta(45)):
            self.attach(self.client, "Service contract.pdf")
            self.run_cron(INVENTORY_CRON)
        inventory = self.env["client.document.inventory"].search(
            [("partner_id", "=", self.client.id)]
        )
        inventory.line_ids = [
            (0, 0, {"document_type_id": kind.id}) for kind in self.mandatory_types
        ]
        inventory.line_ids.location = "Cabinet 3"
        inventory.with_user(self.account_manager).action_confirm()
        form = self.start_from_form(self.account_manager)
        form.reason_id = self.env.ref(
            "client_retention.client_exit_reason_competitor_offer"
        )
        form.successor_id = self.competitor
        form.request_date = self.today - timedelta(days=35)
        case = form.save()
        saves_before = self.analysis().save_rate
        case.action_start_retention()
        case.write(
            {"retention_offer": "Price matched", "retention_outcome": "declined"}
        )
        case.action_accept_notice()
        case.action_start_handover()
        self.assertEqual(case.handover_line_ids.document_type_id, self.mandatory_types)
        self.assertEqual(set(case.handover_line_ids.mapped("location")), {"Cabinet 3"})
        late = self.invoice(self.client, 3, amount=800.0)
        self.assertEqual(case.invoice_review_ids.move_id, late)
        case.invoice_review_ids.justification = "Year-end closing, agreed on 12 May"
        self.hand_over_everything(case)
        case._sign_handover_act("Ivan Petrov", False)
        case.with_user(self.retention_manager).action_done()
        event = case.churn_event_id
        self.assertEqual(event.competitor_id, self.competitor)
        self.assertEqual(event.source, "offboarding")
        self.assertLess(case.end_date, self.today)
        self.assertEqual(event.date, self.today, "its last day had passed")
        self.assertEqual(self.client.retention_state, "lost")
        self.assertEqual(len(self.door_open()), 3)
        self.run_scan()
        self.assertEqual(self.client.retention_state, "lost")
        if saves_before:
            self.assertLess(self.analysis().save_rate, saves_before)
        else:
            self.assertEqual(self.analysis().save_rate, 0.0)

    def test_the_company_lets_a_chronic_late_payer_go(self):
        for days in (240, 180, 120):
            self.pay(self.invoice(self.client, days, due_days=10), days - 70)
        self.invoice(self.client, 50, amount=500.0, due_days=10)
        self.run_scan()
        review = self.env["client.letgo.review"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertEqual(review.main_sign, "late_payer")
        form = self.start_from_form(self.account_manager, "company")
        self.assertEqual(
            form.reason_id,
            self.env.ref("client_retention.client_exit_reason_chronic_late_payment"),
        )
        form.recommended_provider_ids.add(self.competitor)
        form.checklist_called = True
        form.checklist_professional = True
        form.checklist_alternatives = True
        case = form.save()
        saves_before = self.analysis()._save_rate()
        case.action_accept_notice()
        case.action_start_handover()
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()
        event = case.churn_event_id
        self.assertEqual(event.initiated_by, "company")
        self.assertEqual(event.reason_id, case.reason_id)
        self.assertFalse(event.retention_attempted)
        self.assertEqual(
            self.analysis()._save_rate(), saves_before, "a let-go is not a loss to save"
        )

    def test_a_lost_client_comes_back_after_the_six_month_follow_up(self):
        self.invoices(self.client, [90, 60, 30])
        self.run_scan()
        case = self.case_to_handover(
            request_date=self.today - timedelta(days=20),
            reason_id=self.env.ref(
                "client_retention.client_exit_reason_in_house_staff"
            ).id,
        )
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()
        followups = self.door_open().sorted("date_deadline")
        six_months = followups[1]
        self.assertIn("6 months", six_months.summary)
        comeback = six_months.date_deadline + timedelta(days=7)
        with freeze_time(six_months.date_deadline):
            six_months.with_user(self.account_manager).action_feedback(
                "They miss our payroll service: a quote is on its way."
            )
        with freeze_time(comeback):
            self.invoice(self.client, (self.today - comeback).days, amount=250.0)
        event = case.churn_event_id
        self.assertEqual(event.state, "won_back")
        self.assertEqual(event.won_back_date, comeback)
        self.assertEqual(self.client.retention_state, "active")
        self.assertTrue(date(2000, 1, 1) < event.date < comeback)
        self.assertFalse(self.door_open(), "a client back needs no more follow-ups")
