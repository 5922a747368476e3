"""A client's name is text wherever the suite shows it: in activity notes,
chatter messages, mails, the churn workbook and both PDFs, whatever it
holds (markup, a spreadsheet formula, right-to-left marks, 5,000
characters, emoji)."""

import io
from datetime import date, timedelta

import lxml.html
from openpyxl import load_workbook

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sla_claims.models.sla_notices import SlaNotices

from .common import OffboardingCase
from .test_offboarding_documents import ACT, LETTER, pdf_text

HOSTILE = {
    "markup": '<b>Bold</b><img src=x onerror="alert(1)"> & Co',
    "formula": '=HYPERLINK("http://evil.example","click")',
    "right_to_left": "\u202eTrading\u202c שירות لبنان",
    "long": ("Long Name " * 500).strip() + "!",
    "emoji": "🦄 Unicorn «Ёлка» Ltd",
}


@tagged("post_install", "-at_install")
class TestSuiteHostileNames(HttpCase, OffboardingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ensure_chart(cls.company)
        cls.leader = new_test_user(
            cls.env,
            login="hostile_leader",
            groups="sla_claims.group_claims_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.team = cls.env["sla.claim.team"].create(
            {"name": "Complaints", "leader_id": cls.leader.id}
        )
        policy = cls.env["sla.policy"].create(
            {"name": "Standard", "response_hours": 4, "resolution_hours": 16}
        )
        cls.rule = cls.env["sla.escalation.rule"].create(
            {"policy_id": policy.id, "action": "notify_leader", "trigger": "at_breach"}
        )

    def hostile_client(self, name):
        """The account manager's client, renamed."""
        self.client.name = name
        return self.client

    def assert_text(self, html, name):
        """``name`` shows in ``html`` as text, never as markup."""
        tree = lxml.html.fragment_fromstring(str(html), create_parent="div")
        self.assertIn(name, tree.text_content())
        self.assertFalse(tree.xpath("//img|//b"))

    def test_notes_and_mails_show_the_name_as_text(self):
        for kind, name in HOSTILE.items():
            with self.subTest(kind=kind), self.env.cr.savepoint() as savepoint:
                client = self.hostile_client(name)
                claim = self.env["sla.claim"].create(
                    {"name": "Broken", "team_id": self.team.id, "partner_id": client.id}
                )
                acknowledgement = self.env["mail.mail"].search(
                    [
                        ("model", "=", "sla.claim"),
                        ("res_id", "=", claim.id),
                        ("recipient_ids", "in", client.ids),
                    ]
                )
                self.assertTrue(acknowledgement)
                self.assert_text(acknowledgement.body_html, name)
                # the escalation at the breach: a to-do for the leader
                notices = SlaNotices(self.env)
                self.rule._fire(claim, notices)
                notices.send()
                note = claim.activity_ids.filtered(
                    lambda a, leader=self.leader: a.user_id == leader
                ).note
                self.assert_text(note, name)
                self.assertIn("missed its resolution deadline", str(note))
                # an overdue handover: a note and a to-do for the managers
                case = self.case_to_handover()
                case._escalate("handover", {self.company.id: self.retention_manager})
                self.assert_text(case.activity_ids[-1:].note, name)
                self.assert_text(case.message_ids[:1].body, name)
                savepoint.rollback()

    def test_the_workbook_keeps_the_name_as_plain_text(self):
        for name in HOSTILE.values():
            client = self.make_client("Hostile")
            client.name = name
            self.invoice(client, 400)
            self.env["client.churn.event"].create(
                {"partner_id": client.id, "date": self.days_ago(10)}
            )
        analysis = self.env["client.churn.analysis"].create(
            {
                "date_from": self.days_ago(30),
                "date_to": self.today,
                "granularity": "month",
            }
        )
        analysis.action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "client.churn.analysis"), ("res_id", "=", analysis.id)]
        )
        sheet = load_workbook(io.BytesIO(attachment.raw))["Lost clients"]
        cells = {
            cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value
        }
        for kind, name in HOSTILE.items():
            with self.subTest(kind=kind):
                self.assertIn(name, cells)
                self.assertEqual(cells[name].data_type, "s")  # never a formula

    def test_both_pdfs_print_the_name_as_written(self):
        for kind in ("markup", "long"):
            name = HOSTILE[kind]
            with self.subTest(kind=kind), self.env.cr.savepoint() as savepoint:
                self.hostile_client(name)
                case = self.case_to_handover(
                    request_date=date.today() - timedelta(days=40)
                )
                for report in (LETTER, ACT):
                    with self.scheduler_mode():
                        pdf, _kind = (
                            self.env["ir.actions.report"]
                            .with_context(force_report_rendering=True)
                            ._render_qweb_pdf(report, case.ids)
                        )
                    text = pdf_text(pdf)
                    self.assertIn(name[:60], text)
                savepoint.rollback()
