from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ClientsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimsSettings(ClientsCase):
    def test_managers_imply_users(self):
        manager = new_test_user(
            self.env, login="claims_manager", groups="sla_claims.group_claims_manager"
        )
        self.assertTrue(manager.has_group("sla_claims.group_claims_user"))
        user = new_test_user(
            self.env, login="claims_user", groups="sla_claims.group_claims_user"
        )
        self.assertFalse(user.has_group("sla_claims.group_claims_manager"))

    def test_at_risk_warning_defaults_to_three_quarters(self):
        self.assertEqual(
            self.env["res.company"].create({"name": "New Co"}).sla_at_risk_percent, 75
        )

    def test_settings_set_the_company_calendar_and_warning(self):
        calendar = self.env["resource.calendar"].create({"name": "Support hours"})
        settings = Form(self.env["res.config.settings"])
        settings.sla_resource_calendar_id = calendar
        settings.sla_at_risk_percent = 80
        settings.save().execute()
        self.assertEqual(self.env.company.resource_calendar_id, calendar)
        self.assertEqual(self.env.company.sla_at_risk_percent, 80)

    def test_a_warning_at_or_past_the_deadline_is_refused(self):
        for value in (0, 100, 150, -5):
            with (
                self.subTest(value=value),
                self.assertRaisesText(
                    ValidationError,
                    "“Claims At-Risk Warning \\(%\\)” must be between 1 and 99",
                ),
            ):
                self.env.company.sla_at_risk_percent = value
        self.assertEqual(self.env.company.sla_at_risk_percent, 75)
