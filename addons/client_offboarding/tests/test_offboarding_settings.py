from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.sla_claims.tests.common import ClientsCase


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingSettings(ClientsCase):
    def test_contract_periods_default_to_thirty_days(self):
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.offboarding_notice_days, 30)
        self.assertEqual(company.offboarding_handover_days, 30)

    def test_settings_set_the_company_periods(self):
        settings = Form(self.env["res.config.settings"])
        settings.offboarding_notice_days = 60
        settings.offboarding_handover_days = 0
        settings.save().execute()
        self.assertEqual(self.env.company.offboarding_notice_days, 60)
        self.assertEqual(self.env.company.offboarding_handover_days, 0)

    def test_negative_periods_are_refused(self):
        for field in ("offboarding_notice_days", "offboarding_handover_days"):
            with (
                self.subTest(field=field),
                self.assertRaisesText(
                    ValidationError, r"Period \(days\)” must be between 0 and 3,650"
                ),
            ):
                self.env.company[field] = -1
        self.assertEqual(self.env.company.offboarding_notice_days, 30)
