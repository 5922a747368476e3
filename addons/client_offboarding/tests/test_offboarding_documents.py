import io
import re
from datetime import date

from odoo.tests import Form, HttpCase, tagged
from odoo.tools.pdf import PdfReader

from .common import OffboardingCase

LETTER = "client_offboarding.action_report_termination_letter"
ACT = "client_offboarding.action_report_handover_act"


def pdf_text(pdf, tidy=True):
    """The PDF's text, one space between words; ``tidy`` also drops the
    spaces before commas and full stops (``tidy=False``: as a reader sees
    them)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    return re.sub(r"\s+([,.])", r"\1", text) if tidy else text


def heights(pdf, start):
    """The heights on the page of the PDF's lines that begin with ``start``."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if re.sub(r"\s+", " ", text).strip().startswith(start):
            found.append(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


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

    def render_pdf(self, report, case, lang="en_US"):
        """The real PDF (wkhtmltopdf)."""
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
        return pdf

    def render(self, report, case, lang="en_US", tidy=True):
        """The real PDF (wkhtmltopdf), read back as text."""
        return pdf_text(self.render_pdf(report, case, lang), tidy)

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
        case.recommended_provider_ids = self.provider | self.competitor
        pdf = self.render_pdf(LETTER, case)
        # a provider's line as written: its parts joined by commas, no space
        # before them, none for an empty part (the tidied text hides those)
        as_written = pdf_text(pdf, tidy=False)
        self.assertIn(
            "Trusted Books Ltd, +359 2 555 0101, hello@trustedbooks.example",
            as_written,
        )
        self.assertIn("Rival Accounting", as_written)  # no phone, no email
        self.assertNotIn("Rival Accounting,", as_written)
        text = pdf_text(pdf)
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

    def test_company_letter_greets_a_company_without_a_contact_neutrally(self):
        client = self.make_client("Dunav Freight Ltd", user_id=self.account_manager.id)
        case = self.Case.with_user(self.account_manager).create(
            {
                "partner_id": client.id,
                "initiated_by": "company",
                "request_date": date(2026, 3, 2),
            }
        )
        self.assertEqual(case.contact_id, client)
        text = self.render(LETTER, case)
        self.assertIn("Dear Sir or Madam,", text)
        self.assertNotIn("Dear Dunav Freight Ltd", text)

    def test_handover_act_lists_every_document_with_three_signatures(self):
        case = self.case_to_handover(
            request_date=date(2026, 3, 2), successor_id=self.competitor.id
        )
        lines = case.handover_line_ids
        lines[0].write({"handover_state": "kept_by_law", "note": "Kept five years"})
        lines[1].period_label = "2025-Q4"
        self.assertEqual(case._handover_period_label(), "2026")  # no invoice yet
        # the client's first invoice in 2024: the act covers 2024 to the last
        # day of service (04/01/2026), as the retention profile knows it
        self.invoice(self.client, (self.today - date(2024, 6, 3)).days)
        self.run_scan()
        pdf = self.render_pdf(ACT, case)
        text = pdf_text(pdf)
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
        # every line has a period: its own, else the years the client was served
        self.assertIn("2025-Q4", text)
        self.assertEqual(text.count("2024\N{EN DASH}2026"), len(lines) - 1)
        # the three signature blocks: their lines side by side, at one height
        for start in ("Signature:", "Name:"):
            with self.subTest(line=start):
                found = heights(pdf, start)
                self.assertEqual(len(found), 3)
                self.assertEqual(len(set(found)), 1, found)

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
                    # named after its type (in English): the type's name, once
                    translated = line.document_type_id.with_context(lang=lang).name
                    self.assertNotEqual(translated, line.name)
                    self.assertEqual(act.count(translated), 1)
                    self.assertNotIn(line.name, act)

    def test_the_act_shows_a_name_written_by_the_user_with_its_type(self):
        case = self.case_to_handover(request_date=date(2026, 3, 2))
        line = case.handover_line_ids.filtered(
            lambda line: line.document_type_id == self.policy
        )
        line.name = "Policy as signed in 2024, paper copy"
        for lang in ("en_US", "ru_RU"):
            with self.subTest(lang=lang):
                act = self.render(ACT, case, lang)
                self.assertIn("Policy as signed in 2024, paper copy", act)
                self.assertIn(self.policy.with_context(lang=lang).name, act)

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
        pdf = self.render_pdf(ACT, case)
        self.assertIn("Signed by Ivan Petrov on", pdf_text(pdf))
        # the client's signature line is the signature itself
        self.assertEqual(len(heights(pdf, "Signature:")), 2)
        # its name line, at the height of the others
        signed = heights(pdf, "Signed by")
        self.assertEqual(len(signed), 1)
        self.assertEqual(set(heights(pdf, "Name:")), set(signed))
