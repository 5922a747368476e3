from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OffboardingCase


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingFlow(OffboardingCase):
    def test_started_from_the_client_with_a_reference_and_contract_dates(self):
        case = self.new_case(request_date=date(2026, 3, 2))
        self.assertRegex(case.name, r"^OFB/\d{4}/\d{4}$")
        self.assertEqual(case.partner_id, self.client)
        self.assertEqual(case.initiated_by, "client")
        self.assertEqual(case.user_id, self.account_manager)
        self.assertEqual(case.contact_id, self.contact)
        self.assertEqual(case.state, "draft")
        self.assertEqual((case.notice_days, case.handover_days), (30, 30))
        self.assertEqual(case.end_date, date(2026, 4, 1))
        self.assertEqual(case.handover_deadline, date(2026, 5, 1))
        self.assertEqual(self.client.retention_state, "leaving")

    def test_a_contact_starts_the_case_of_its_company(self):
        action = self.contact.with_user(
            self.account_manager
        ).action_start_offboarding_client()
        self.assertEqual(action["context"]["default_partner_id"], self.client.id)

    def test_one_open_case_per_client(self):
        self.new_case()
        with self.assertRaisesText(UserError, "already being offboarded"):
            self.client.with_user(
                self.account_manager
            ).action_start_offboarding_client()

    def test_client_contract_periods_override_the_company_defaults(self):
        self.company.offboarding_notice_days = 60
        self.assertEqual(self.client.offboarding_notice_days, 60)
        form = Form(self.client)
        form.offboarding_own_periods = True
        form.offboarding_notice_days = 90
        form.offboarding_handover_days = 14
        form.save()
        self.company.offboarding_notice_days = 45
        self.assertEqual(self.client.offboarding_notice_days, 90)
        case = self.new_case(request_date=date(2026, 1, 1))
        self.assertEqual(case.end_date, date(2026, 4, 1))
        self.assertEqual(case.handover_deadline, date(2026, 4, 15))

    def test_changing_the_request_date_moves_both_dates(self):
        case = self.new_case(request_date=date(2026, 1, 1))
        with Form(case.with_user(self.account_manager)) as form:
            form.request_date = date(2026, 2, 1)
            self.assertEqual(form.end_date, date(2026, 3, 3))
            self.assertEqual(form.handover_deadline, date(2026, 4, 2))

    def test_an_end_date_inside_the_notice_needs_a_reason(self):
        case = self.new_case(request_date=date(2026, 1, 1))
        with self.assertRaisesText(
            ValidationError, "inside the notice period of 30 days"
        ):
            case.end_date = date(2026, 1, 15)
        self.assertEqual(case.end_date, date(2026, 1, 31))
        case.write(
            {
                "end_date": date(2026, 1, 15),
                "date_override_note": "The client asked in writing to stop earlier.",
            }
        )
        self.assertEqual(case.end_date, date(2026, 1, 15))
        self.assertEqual(case.handover_deadline, date(2026, 2, 14))

    def test_a_moved_deadline_needs_a_reason_and_stays_after_the_end(self):
        case = self.new_case(request_date=date(2026, 1, 1))
        with self.assertRaisesText(ValidationError, "differ from the contract"):
            case.handover_deadline = date(2026, 3, 31)
        with self.assertRaisesText(ValidationError, "cannot come before the last"):
            case.write(
                {"handover_deadline": date(2026, 1, 10), "date_override_note": "x"}
            )
        with self.assertRaisesText(ValidationError, "cannot come before the notice"):
            case.write({"end_date": date(2025, 12, 1), "date_override_note": "x"})
        case.write(
            {"handover_deadline": date(2026, 3, 31), "date_override_note": "Audit."}
        )
        self.assertEqual(case.handover_deadline, date(2026, 3, 31))

    def test_client_initiated_case_tries_to_keep_the_client_first(self):
        case = self.new_case()
        with self.assertRaisesText(UserError, "Start the retention step first"):
            case.action_accept_notice()
        case.action_start_retention()
        self.assertEqual(case.state, "retention")
        with self.assertRaisesText(UserError, "write down what was offered"):
            case.action_accept_notice()
        case.retention_offer = "A dedicated accountant and 10% off"
        with self.assertRaisesText(UserError, "record the outcome"):
            case.action_accept_notice()
        case.retention_outcome = "retained"
        with self.assertRaisesText(UserError, "Press “Retained”"):
            case.action_accept_notice()
        case.retention_outcome = "declined"
        case.action_accept_notice()
        self.assertEqual(case.state, "notice")

    def test_the_retention_step_may_be_recorded_in_one_sitting(self):
        case = self.new_case(
            retention_offer="A month free", retention_outcome="declined"
        )
        case.action_accept_notice()
        self.assertEqual(case.state, "notice")
        with self.assertRaisesText(UserError, "not possible now"):
            case.action_retained()

    def test_retained_closes_as_a_save_and_the_client_stays(self):
        self.invoice(self.client, 20)
        self.run_scan()
        case = self.new_case()
        case.action_start_retention()
        self.run_scan()
        self.assertEqual(self.client.retention_state, "leaving")
        with self.assertRaisesText(UserError, "write down what was offered"):
            case.action_retained()
        case.retention_offer = "Free payroll for three months"
        case.action_retained()
        self.assertEqual(case.state, "retained")
        self.assertEqual(case.retention_outcome, "retained")
        self.assertEqual(case.close_date, self.today)
        self.assertEqual(self.client.retention_state, "active")
        self.assertFalse(
            self.env["client.churn.event"].search([("partner_id", "=", self.client.id)])
        )

    def test_company_initiated_case_goes_straight_to_notice(self):
        case = self.new_case(initiated_by="company")
        with self.assertRaisesText(UserError, "started by the company"):
            case.action_start_retention()
        case.action_accept_notice()
        self.assertEqual(case.state, "notice")

    def test_steps_out_of_order_are_refused(self):
        case = self.new_case()
        for step in ("action_start_handover", "action_done"):
            with (
                self.subTest(step=step),
                self.assertRaisesText(UserError, "not possible now"),
            ):
                getattr(case.with_user(self.retention_manager), step)()
        case.action_cancel()
        self.assertEqual(case.state, "cancelled")
        with self.assertRaisesText(UserError, "not possible now"):
            case.action_cancel()
        case.action_reset_draft()
        self.assertEqual(case.state, "draft")

    def test_only_managers_close_cases(self):
        case = self.case_to_handover()
        self.hand_over_everything(case)
        with self.assertRaisesText(AccessError, "Only retention managers"):
            case.action_done()
        case.with_user(self.retention_manager).action_done()
        self.assertEqual(case.state, "done")

    def test_system_fields_cannot_be_forged(self):
        case = self.new_case()
        for field, value in (
            ("state", "done"),
            ("close_date", date(2026, 1, 1)),
            ("signed_by", "Someone"),
            ("handover_date", date(2026, 1, 1)),
        ):
            with (
                self.subTest(field=field),
                self.assertRaisesText(AccessError, "kept by the system"),
            ):
                case.write({field: value})
        with self.assertRaisesText(AccessError, "kept by the system"):
            self.Case.with_user(self.account_manager).create(
                {"partner_id": self.client.id, "state": "done"}
            )

    def test_account_managers_see_their_clients_cases_only(self):
        case = self.new_case()
        Case = self.Case.with_user(self.other_manager)
        self.assertFalse(Case.search([("id", "=", case.id)]))
        self.assertEqual(
            self.Case.with_user(self.retention_manager).search([("id", "=", case.id)]),
            case,
        )

    def test_other_company_cases_are_invisible(self):
        other = self.Case.create(
            {"partner_id": self.client.id, "company_id": self.other_company.id}
        )
        self.assertFalse(
            self.Case.with_user(self.retention_manager).search([("id", "=", other.id)])
        )

    def test_the_scan_keeps_clients_with_an_open_case_leaving(self):
        self.invoice(self.client, 10)
        case = self.new_case()
        self.run_scan()
        self.assertEqual(self.client.retention_state, "leaving")
        case.action_cancel()
        self.assertEqual(self.client.retention_state, "active")
        self.run_scan()
        self.assertEqual(self.client.retention_state, "active")

    @freeze_time("2024-06-28")
    def test_save_rate_in_the_churn_analysis(self):
        retained = self.new_case()
        retained.action_start_retention()
        retained.retention_offer = "Discount"
        retained.action_retained()
        client_b = self.make_client("Beta Ltd", user_id=self.account_manager.id)
        self.client = client_b
        left = self.case_to_handover()
        self.hand_over_everything(left)
        left.with_user(self.retention_manager).action_done()
        client_c = self.make_client("Gamma Ltd", user_id=self.account_manager.id)
        self.client = client_c
        let_go = self.new_case(initiated_by="company")
        let_go.action_accept_notice()
        let_go.action_start_handover()
        self.hand_over_everything(let_go)
        let_go.with_user(self.retention_manager).action_done()
        analysis = self.env["client.churn.analysis"].create(
            {"date_from": date(2024, 6, 1), "date_to": date(2024, 6, 30)}
        )
        self.assertEqual(analysis._save_rate(), 50.0)
        self.assertEqual(analysis.save_rate, 50.0)
        earlier = self.env["client.churn.analysis"].create(
            {"date_from": date(2024, 1, 1), "date_to": date(2024, 5, 31)}
        )
        self.assertFalse(earlier._save_rate())
