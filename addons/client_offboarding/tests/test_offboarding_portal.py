import base64
import io

from PIL import Image

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


def signature_png():
    image = Image.new("RGB", (60, 20), "white")
    image.putpixel((10, 10), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Acme Trading", "is_company": True})
        cls.other_client = Partner.create({"name": "Beta Foods", "is_company": True})
        cls.portal_user = new_test_user(
            cls.env,
            login="acme_portal",
            password="acme_portal",
            groups="base.group_portal",
            partner_id=Partner.create(
                {
                    "name": "Ivan Petrov",
                    "email": "ivan@acme.example",
                    "parent_id": cls.client.id,
                }
            ).id,
        )
        cls.other_portal = new_test_user(
            cls.env,
            login="beta_portal",
            password="beta_portal",
            groups="base.group_portal",
            partner_id=Partner.create(
                {"name": "Maria", "parent_id": cls.other_client.id}
            ).id,
        )
        Case = cls.env["client.offboarding"]
        cls.case = Case.create(
            {
                "partner_id": cls.client.id,
                "initiated_by": "company",
                "contact_id": cls.portal_user.partner_id.id,
            }
        )
        cls.case.action_accept_notice()
        cls.case.action_start_handover()
        cls.other_case = Case.create(
            {"partner_id": cls.other_client.id, "initiated_by": "company"}
        )
        cls.other_case.action_accept_notice()

    def test_portal_users_see_only_their_own_company_cases(self):
        Case = self.env["client.offboarding"]
        self.assertEqual(Case.with_user(self.portal_user).search([]), self.case)
        self.assertEqual(Case.with_user(self.other_portal).search([]), self.other_case)

    def test_the_client_reads_its_dates_and_documents(self):
        self.authenticate("acme_portal", "acme_portal")
        page = self.url_open("/my/offboarding")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.case.name, page.text)
        self.assertNotIn(self.other_case.name, page.text)
        page = self.url_open(f"/my/offboarding/{self.case.id}")
        self.assertIn("Last service day", page.text)
        self.assertIn("Sign the handover act", page.text)
        for line in self.case.handover_line_ids:
            self.assertIn(line.name, page.text)
        for report in ("letter", "act"):
            pdf = self.url_open(f"/my/offboarding/{self.case.id}?report={report}")
            self.assertEqual(pdf.status_code, 200)
            self.assertEqual(pdf.headers["Content-Type"], "application/pdf")

    def test_another_client_is_sent_away(self):
        self.authenticate("beta_portal", "beta_portal")
        page = self.url_open(f"/my/offboarding/{self.case.id}")
        self.assertNotIn(self.case.name, page.text)
        self.assertTrue(page.url.endswith("/my"))
        result = self.make_jsonrpc_request(
            f"/my/offboarding/{self.case.id}/sign",
            {"name": "Maria", "signature": signature_png()},
        )
        self.assertIn("error", result)
        self.assertFalse(self.case.signed_on)

    def test_the_client_signs_the_handover_act_on_the_portal(self):
        self.authenticate("acme_portal", "acme_portal")
        result = self.make_jsonrpc_request(
            f"/my/offboarding/{self.case.id}/sign",
            {"name": "Ivan Petrov", "signature": signature_png()},
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.case.signed_by, "Ivan Petrov")
        self.assertTrue(self.case.signed_on)
        self.assertTrue(self.case.act_signed)
        message = self.case.message_ids[0]
        self.assertIn("Handover act signed by Ivan Petrov", message.body)
        self.assertEqual(message.author_id, self.portal_user.partner_id)
        self.assertTrue(message.attachment_ids.name.endswith(".pdf"))
        again = self.make_jsonrpc_request(
            f"/my/offboarding/{self.case.id}/sign",
            {"name": "Ivan Petrov", "signature": signature_png()},
        )
        self.assertIn("already signed", again["error"])

    def test_a_signed_scan_counts_as_signed(self):
        self.case.write(
            {
                "handover_scan": base64.b64encode(b"%PDF-1.4 scan"),
                "handover_scan_name": "act.pdf",
            }
        )
        self.assertTrue(self.case.act_signed)
        self.assertFalse(self.case.signed_on)

    def test_portal_users_cannot_write_cases(self):
        self.assertFalse(
            self.env["client.offboarding"]
            .with_user(self.portal_user)
            .has_access("write")
        )

    def test_the_client_signs_with_the_portal_signature_widget(self):
        self.start_tour(
            f"/my/offboarding/{self.case.id}",
            "client_offboarding_portal_sign",
            login="acme_portal",
        )
        self.assertEqual(self.case.signed_by, "Ivan Petrov")
        self.assertTrue(self.case.signature)
        self.assertTrue(self.case.act_signed)

    def test_the_portal_reads_what_the_client_said_never_what_we_think(self):
        pressure = self.env.ref("client_retention.client_exit_reason_pressure_threats")
        self.case.write(
            {
                "reason_id": pressure.id,
                "stated_reason": "We found a cheaper provider.",
                "retention_offer": "Nothing: we part with this client.",
                "date_override_note": "Lawyer asked for an earlier end.",
                "checklist_called": True,
            }
        )
        mine = self.case.with_user(self.portal_user)
        self.assertEqual(
            mine.read(["stated_reason"])[0]["stated_reason"],
            "We found a cheaper provider.",
        )
        for field in (
            "reason_id",
            "retention_offer",
            "date_override_note",
            "checklist_called",
            "churn_event_id",
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                mine.read([field])
        self.authenticate("acme_portal", "acme_portal")
        page = self.url_open(f"/my/offboarding/{self.case.id}").text
        self.assertNotIn(pressure.name, page)
        self.assertNotIn("Lawyer asked", page)
