from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..lib import risk
from .common import RetentionCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionSettings(RetentionCase):
    def test_defaults_follow_the_usual_alarm_lines(self):
        company = self.env["res.company"].create({"name": "Fresh Company"})
        self.assertEqual(company.retention_dormancy_floor_days, 90)
        self.assertEqual(company.retention_dormancy_factor, 2.0)
        self.assertEqual(company.retention_silent_leave_days, 365)
        self.assertEqual(company.retention_churn_warning_pct, 10.0)
        self.assertEqual(company.retention_churn_critical_pct, 20.0)

    def test_settings_are_saved_on_the_company(self):
        settings = Form(self.env["res.config.settings"])
        settings.retention_dormancy_floor_days = 60
        settings.retention_churn_warning_pct = 8
        settings.save().execute()
        self.assertEqual(self.env.company.retention_dormancy_floor_days, 60)
        self.assertEqual(self.env.company.retention_churn_warning_pct, 8)

    def test_impossible_thresholds_are_refused(self):
        company = self.company
        cases = [
            (
                {"retention_dormancy_floor_days": 0},
                "“Dormancy Floor \\(days\\)” must be between 1 and 3,650",
            ),
            (
                {"retention_dormancy_factor": 0.5},
                "“Dormancy Factor” must be between 1 and 50",
            ),
            ({"retention_silent_leave_days": 60}, "must come after the dormancy floor"),
            ({"retention_churn_warning_pct": 25}, "warning < critical"),
            (
                {"retention_churn_critical_pct": 120},
                "“Churn Critical \\(%\\)” must be between 0 and 100",
            ),
            ({"retention_churn_warning_pct": 0}, "0 < warning"),
        ]
        for values, message in cases:
            with (
                self.subTest(values=values),
                self.assertRaisesText(ValidationError, message),
            ):
                company.write(values)
        self.assertEqual(company.retention_dormancy_floor_days, 90)

    def test_risk_settings_are_validated_with_what_to_do(self):
        weights = {f"retention_weight_{code}": 0 for code in risk.FACTORS}
        cases = [
            (weights, "At least one risk weight must be above 0"),
            ({"retention_weight_claims": -1}, "“Claims” must be between 0 and 100"),
            (
                {"retention_trend_window_days": -5},
                "“Trend Window \\(days\\)” must be between 1 and 3,650",
            ),
            (
                {"retention_medium_threshold": 80},
                r"Medium risk \(80\) must start below",
            ),
            ({"retention_high_threshold": 120}, "between 1 and 100"),
            ({"retention_claims_full": 0}, "must be above 0"),
            (
                {"retention_contract_notice_days": -1},
                "“Contract End Reminder \\(days\\)” must be between 0 and 365",
            ),
        ]
        for values, message in cases:
            with (
                self.subTest(values=values),
                self.assertRaisesText(ValidationError, message),
            ):
                self.company.write(values)
        self.assertEqual(self.company.retention_weight_recency, 35.0)
