from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .common import OffboardingCase

ESCALATION_CRON = "client_offboarding.ir_cron_escalate_overdue"


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingHandover(OffboardingCase):
    def confirmed_inventory(self):
        bank = self.env.ref("client_offboarding.document_type_bank")
        inventory = self.env["client.document.inventory"].create(
            {
                "partner_id": self.client.id,
                "date": self.today - timedelta(days=40),
                "line_ids": [
                    (
                        0,
                        0,
                        {"document_type_id": self.policy.id, "location": "Binder 1"},
                    ),
                    (
                        0,
                        0,
                        {"document_type_id": bank.id, "name": "Bank statements 2026"},
                    ),
                ],
            }
        )
        inventory.action_confirm()
        return inventory

    def test_handover_list_from_the_last_inventory_plus_missing_mandatory_types(self):
        self.confirmed_inventory()
        case = self.case_to_handover()
        self.assertEqual(case.state, "handover")
        inventory = case.inventory_id
        self.assertEqual(inventory.kind, "handover")
        self.assertEqual(inventory.offboarding_id, case)
        lines = case.handover_line_ids
        self.assertIn("Bank statements 2026", lines.mapped("name"))
        policy_lines = lines.filtered(lambda x: x.document_type_id == self.policy)
        self.assertEqual(len(policy_lines), 1, "the policy is carried, not doubled")
        self.assertEqual(policy_lines.location, "Binder 1")
        self.assertEqual(
            lines.document_type_id.filtered("mandatory_on_handover"),
            self.mandatory_types,
        )
        self.assertEqual(set(lines.mapped("handover_state")), {"to_prepare"})

    def test_mandatory_documents_block_done_until_handed_over_or_explained(self):
        case = self.case_to_handover()
        self.assertEqual(case.handover_mandatory_pending, len(self.mandatory_types))
        self.assertEqual(case.handover_progress, 0.0)
        Manager = case.with_user(self.retention_manager)
        with self.assertRaisesText(UserError, "Accounting policy"):
            Manager.action_ask_done()  # the checks come before the confirmation
        with self.assertRaisesText(UserError, "Accounting policy"):
            Manager.action_done()
        self.assertEqual(case.state, "handover")
        self.hand_over_everything(case)
        policy = case.handover_line_ids.filtered(
            lambda x: x.document_type_id == self.policy
        )
        policy.handover_state = "missing"
        with self.assertRaisesText(UserError, "say in a note why"):
            Manager.action_done()
        policy.note = "The client never signed one; a new policy is to be adopted."
        self.assertEqual(case.handover_mandatory_pending, 0)
        self.assertEqual(case.handover_progress, 100.0)
        action = Manager.action_ask_done()
        self.assertEqual(case.state, "handover", "nothing closed before confirming")
        confirmation = (
            self.env[action["res_model"]]
            .with_user(self.retention_manager)
            .browse(action["res_id"])
        )
        self.assertIn("will be recorded as lost on", confirmation.summary)
        confirmation.action_confirm()
        self.assertEqual(case.state, "done")

    def test_invoices_after_the_notice_need_a_justification(self):
        self.invoice(self.client, 60)
        case = self.case_to_handover(request_date=self.days_ago(10))
        self.assertFalse(case.invoice_review_ids)
        late = self.invoice(self.client, 2, amount=450.0)
        self.hand_over_everything(case)
        with self.assertRaisesText(UserError, late.name):
            case.with_user(self.retention_manager).action_done()
        review = case.invoice_review_ids
        self.assertEqual(review.move_id, late)
        self.assertEqual(review.amount, 450.0)
        review.with_user(self.account_manager).justification = "Annual report, agreed"
        case.with_user(self.retention_manager).action_done()
        self.assertEqual(case.state, "done")

    def test_done_records_the_loss_says_goodbye_and_leaves_the_door_open(self):
        reason = self.env.ref("client_retention.client_exit_reason_competitor_offer")
        case = self.case_to_handover(
            reason_id=reason.id,
            successor_id=self.competitor.id,
            stated_reason="A cheaper offer from Rival",
        )
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()
        event = case.churn_event_id
        self.assertEqual(event.source, "offboarding")
        self.assertEqual(event.partner_id, self.client)
        self.assertEqual(event.reason_id, reason)
        self.assertEqual(event.initiated_by, "client")
        self.assertEqual(event.competitor_id, self.competitor)
        self.assertTrue(event.retention_attempted)
        self.assertEqual(event.retention_offer, "10% off for a year")
        self.assertEqual(event.date, max(case.end_date, self.today))
        self.assertEqual(self.client.retention_state, "lost")
        self.assertEqual(case.handover_date, self.today)
        self.assertEqual(case.inventory_id.state, "confirmed")
        goodbye = case.message_ids.filtered(
            lambda m: "door stays open" in (m.body or "")
        )
        self.assertTrue(goodbye)
        self.assertIn(self.contact, goodbye.partner_ids)
        followups = self.activities(
            self.client, self.env.ref("client_offboarding.mail_activity_type_door_open")
        )
        self.assertEqual(len(followups), 3)
        self.assertEqual(followups.user_id, self.account_manager)
        months = sorted(
            (d.year - event.date.year) * 12 + d.month - event.date.month
            for d in followups.mapped("date_deadline")
        )
        self.assertEqual(months, [3, 6, 12], "counted from the day of the loss")

    def test_follow_up_months_come_from_settings_and_goodbye_is_optional(self):
        self.company.offboarding_followup_months = "1, 24"
        case = self.case_to_handover(send_goodbye=False)
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()
        self.assertFalse(
            case.message_ids.filtered(lambda m: "door stays open" in (m.body or ""))
        )
        followups = self.activities(
            self.client, self.env.ref("client_offboarding.mail_activity_type_door_open")
        )
        self.assertEqual(len(followups), 2)

    def test_done_before_the_last_day_of_service_dates_the_loss_on_it(self):
        case = self.case_to_handover(request_date=self.today)
        self.assertGreater(case.end_date, self.today, "still in its notice period")
        self.hand_over_everything(case)
        action = case.with_user(self.retention_manager).action_ask_done()
        summary = self.env[action["res_model"]].browse(action["res_id"]).summary
        self.assertIn(format_date(self.env, case.end_date), summary)
        self.assertIn("its last day of service", summary)
        case.with_user(self.retention_manager).action_done()
        event = case.churn_event_id
        self.assertEqual(event.date, case.end_date)
        self.assertEqual(self.client.retention_state, "lost")
        self.assertTrue(self.client.retention_loss_summary.startswith("Leaves on"))
        first = min(
            self.activities(
                self.client,
                self.env.ref("client_offboarding.mail_activity_type_door_open"),
            ).mapped("date_deadline")
        )
        self.assertGreater(first, case.end_date + timedelta(days=80))
        # the last invoice of the service, on its last day, is no comeback
        self.invoice(self.client, -(case.end_date - self.today).days)
        self.assertEqual(event.state, "lost")

    def test_done_after_the_last_day_of_service_dates_the_loss_today(self):
        case = self.case_to_handover(request_date=self.today - timedelta(days=90))
        self.assertLess(case.end_date, self.today)
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()
        self.assertEqual(case.churn_event_id.date, self.today)
        self.assertTrue(self.client.retention_loss_summary.startswith("Lost on"))

    def test_overdue_handovers_escalate_to_managers_once_per_deadline(self):
        case = self.case_to_handover(request_date=date(2026, 1, 5))
        notes = lambda: case.message_ids.filtered(
            lambda m: "handover deadline" in (m.body or "")
        )
        with freeze_time(case.handover_deadline):
            self.run_cron(ESCALATION_CRON)
        self.assertFalse(notes(), "not overdue on the deadline itself")
        with freeze_time(case.handover_deadline + timedelta(days=1)):
            self.run_cron(ESCALATION_CRON)
            self.run_cron(ESCALATION_CRON)
        self.assertEqual(len(notes()), 1)
        self.assertIn(self.retention_manager.partner_id, notes().partner_ids)
        todo = case.activity_ids.filtered(lambda a: a.user_id == self.retention_manager)
        self.assertEqual(len(todo), 1)
        case.write(
            {
                "handover_deadline": case.handover_deadline + timedelta(days=10),
                "date_override_note": "The client's successor asked for time.",
            }
        )
        with freeze_time(case.handover_deadline + timedelta(days=1)):
            self.run_cron(ESCALATION_CRON)
            self.run_cron(ESCALATION_CRON)
        self.assertEqual(len(notes()), 2, "a new deadline escalates once more")

    def test_a_passed_end_date_escalates_once(self):
        case = self.new_case(request_date=date(2026, 1, 5))
        with freeze_time(case.end_date + timedelta(days=1)):
            self.run_cron(ESCALATION_CRON)
            self.run_cron(ESCALATION_CRON)
        notes = case.message_ids.filtered(
            lambda m: "last service day" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertEqual(case.escalated_end_date, case.end_date)

    def test_closed_cases_do_not_escalate(self):
        case = self.new_case(request_date=date(2026, 1, 5))
        case.action_cancel()
        with freeze_time(case.handover_deadline + timedelta(days=5)):
            self.run_cron(ESCALATION_CRON)
        self.assertFalse(case.escalated_end_date)

    def test_hand_over_all_leaves_the_exceptions(self):
        case = self.case_to_handover()
        first = case.handover_line_ids[0]
        first.write({"handover_state": "kept_by_law", "note": "Kept five years"})
        case.action_hand_over_all()
        self.assertEqual(first.handover_state, "kept_by_law")
        self.assertEqual(
            set((case.handover_line_ids - first).mapped("handover_state")),
            {"handed_over"},
        )

    def test_escalations_go_to_the_managers_of_the_case_company(self):
        other_manager = new_test_user(
            self.env,
            login="other_company_manager",
            groups="client_retention.group_retention_manager",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        case = self.new_case(request_date=date(2026, 1, 5))
        with freeze_time(case.end_date + timedelta(days=1)):
            self.run_cron(ESCALATION_CRON)
        note = case.message_ids.filtered(lambda m: "last service day" in (m.body or ""))
        self.assertIn(self.retention_manager.partner_id, note.partner_ids)
        self.assertNotIn(other_manager.partner_id, note.partner_ids)
        self.assertNotIn(other_manager, case.activity_ids.user_id)

    def test_door_open_follow_ups_read_in_the_account_managers_language(self):
        self.load_languages(["client_offboarding"])
        self.account_manager.lang = "ru_RU"
        case = self.case_to_handover(request_date=self.today - timedelta(days=90))
        self.hand_over_everything(case)
        case.with_user(self.retention_manager).action_done()  # an English manager
        followups = self.activities(
            self.client, self.env.ref("client_offboarding.mail_activity_type_door_open")
        ).sorted("date_deadline")
        self.assertEqual(
            followups[0].summary,
            f"Двери открыты: прошло 3 месяца с ухода клиента {self.client.name}",
        )
