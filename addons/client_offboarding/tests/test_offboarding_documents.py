import io
import re
from datetime import date

from odoo.tests import Form, HttpCase, tagged
from odoo.tools.pdf import PdfReader

from .common import OffboardingCase

LETTER = "client_offboarding.action_report_termination_letter"
ACT = "client_offboarding.action_report_handover_act"


def pdf_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"\s+", " ", text))


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingDocuments(HttpCase, OffboardingCase):
    """An HttpCase: wkhtmltopdf reads the report's styles from the test
    server, in the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages(["client_offboarding"])
        cls.company.write({"name": "Ledger and Co", "street": "1 Vitosha Blvd"})
        cls.client.write({"street": "5 Market Street", "city": "Plovdiv"})
        cls.provider = cls.env["res.partner"].create(
            {
                "name": "Trusted Books Ltd",
                "is_company": True,
                "phone": "+359 2 555 0101",
                "email": "hello@trustedbooks.example",
            }
        )

    def render(self, report, case, lang="en_US"):
        """The real PDF (wkhtmltopdf), read back as text."""
        self.contact.lang = lang
        # wkhtmltopdf's requests for the styles must reach this test's
        # registry: under Odoo's own runner the server is still loading it
        with self.scheduler_mode():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, case.ids)
            )
        self.assertEqual(kind, "pdf")
        return pdf_text(pdf)

    def test_client_termination_letter_states_parties_terms_and_dates(self):
        case = self.case_to_notice(
            request_date=date(2026, 3, 2), successor_id=self.competitor.id
        )
        text = self.render(LETTER, case)
        for expected in (
            "Notice of termination of services",
            "Ledger and Co",
            "Acme Trading",
            "5 Market Street",
            case.name,
            (
                "We, Acme Trading, give notice that we end the service agreement "
                "with Ledger and Co."
            ),
            "Our contract sets a notice period of 30 days.",
            "The last day of service is 04/01/2026.",
            "within 30 days after the last day of service, by 05/01/2026.",
            "Rival Accounting",
            "For the client",
            "Received by the service provider",
        ):
            self.assertIn(expected, text)

    def test_company_letter_is_courteous_and_recommends_providers(self):
        case = self.new_case(initiated_by="company", request_date=date(2026, 3, 2))
        case.recommended_provider_ids = self.provider
        text = self.render(LETTER, case)
        for expected in (
            "Termination of our services",
            "Dear Ivan Petrov,",
            "Thank you for the time we have worked together.",
            "We will continue to serve you until the last day of service, 04/01/2026.",
            "These providers can serve you well:",
            "Trusted Books Ltd",
            "+359 2 555 0101",
            "We thank you for your trust and wish you every success.",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("give notice that we end", text)

    def test_handover_act_lists_every_document_with_three_signatures(self):
        case = self.case_to_handover(
            request_date=date(2026, 3, 2), successor_id=self.competitor.id
        )
        lines = case.handover_line_ids
        lines[0].write({"handover_state": "kept_by_law", "note": "Kept five years"})
        text = self.render(ACT, case)
        self.assertIn("Act of handover of documents", text)
        self.assertIn(
            "Ledger and Co hands over to Acme Trading the documents listed below.", text
        )
        for line in lines:
            self.assertIn(line.name, text)
        self.assertIn("Kept by Law", text)
        self.assertIn("Kept five years", text)
        for block in (
            "Handed over by the service provider",
            "Received by the client",
            "Received by the successor",
        ):
            self.assertIn(block, text)

    def test_documents_render_in_russian_and_bulgarian(self):
        case = self.case_to_handover(request_date=date(2026, 3, 2))
        for lang, end in (("ru_RU", "01.04.2026"), ("bg_BG", "01.04.2026")):
            with self.subTest(lang=lang):
                letter = self.render(LETTER, case, lang)
                self.assertIn(end, letter, "dates follow the client's language")
                self.assertIn("Acme Trading", letter)
                act = self.render(ACT, case, lang)
                self.assertIn(case.name, act)
                for line in case.handover_line_ids:
                    self.assertIn(
                        line.document_type_id.with_context(lang=lang).name, act
                    )

    def test_termination_letter_is_mailed_with_its_pdf(self):
        case = self.case_to_notice()
        action = case.with_user(self.account_manager).action_send_termination_letter()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.account_manager)
            .with_context(**action["context"])
        )
        self.assertIn(self.contact, composer.partner_ids[:])
        composer.save().action_send_mail()
        self.assertEqual(case.letter_sent_date, self.today)
        message = case.message_ids[0]
        self.assertIn(self.contact, message.partner_ids)
        self.assertIn("The last day of our service is", message.body)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(message.attachment_ids.name.startswith("Termination letter"))

    def test_only_the_letter_sent_dates_the_letter(self):
        case = self.case_to_notice().with_user(self.account_manager)
        case.with_context(mark_letter_sent=True).message_post(
            body="See you at the meeting.",
            partner_ids=self.contact.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(case.letter_sent_date)

    def test_exit_interview_is_sent_to_the_contact_and_linked(self):
        case = self.case_to_notice()
        action = case.with_user(self.account_manager).action_send_exit_interview()
        survey = self.env.ref("client_retention.survey_exit_interview")
        invite = Form(
            self.env["survey.invite"]
            .with_user(self.account_manager)
            .with_context(**action["context"])
        )
        self.assertEqual(invite.survey_id, survey)
        invite.save().action_invite()
        answer = case.exit_interview_ids
        self.assertEqual(answer.survey_id, survey)
        self.assertEqual(answer.partner_id, self.contact)
        self.assertEqual(case.exit_interview_count, 1)
        self.assertIn(
            answer,
            self.env["survey.user_input"].search(
                [("partner_id", "child_of", self.client.id)]
            ),
        )

    def test_an_exit_interview_answered_without_an_invite_finds_its_case(self):
        case = self.case_to_notice()
        survey = self.env.ref("client_retention.survey_exit_interview")
        answer = survey._create_answer(partner=self.contact)
        self.assertEqual(answer.offboarding_id, case)

    def test_the_signed_act_shows_the_client_signature(self):
        case = self.case_to_handover(request_date=date(2026, 3, 2))
        png = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
            "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        )
        case._sign_handover_act("Ivan Petrov", png)
        text = self.render(ACT, case)
        self.assertIn("Signed by Ivan Petrov on", text)
        self.assertNotIn("Received by the client Acme Trading Signature:", text)
