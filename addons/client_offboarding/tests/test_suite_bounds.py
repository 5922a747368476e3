"""Numbers people type are checked in the models: out of range, they get a
sentence naming the field and its range, through a form, the API or a
create, never a database error and never a silent clamp."""

import re

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OffboardingCase


@tagged("post_install", "-at_install")
class TestSuiteBounds(OffboardingCase):
    def setUp(self):
        super().setUp()
        policy = self.env["sla.policy"].create(
            {"name": "Standard", "response_hours": 4, "resolution_hours": 16}
        )
        case = self.new_case()
        inventory = self.env["client.document.inventory"].create(
            {"partner_id": self.client.id, "line_ids": [(0, 0, {"name": "Ledger"})]}
        )
        # a record of every model with bounded numbers
        self.records = {
            "res.company": self.company,
            "res.partner": self.client,
            "sla.policy": policy,
            "sla.escalation.rule": self.env["sla.escalation.rule"].create(
                {"policy_id": policy.id}
            ),
            "client.churn.event": self.env["client.churn.event"].create(
                {"partner_id": self.make_client("Gone Ltd").id}
            ),
            "client.offboarding": case,
            "client.retention.backtest": self.env["client.retention.backtest"].create(
                {"company_id": self.company.id}
            ),
            "client.document.type": self.policy,
            "client.document.inventory.line": inventory.line_ids,
            # no typed number but a sequence: the database's integer range
            "sla.claim.team": self.env["sla.claim.team"].create({"name": "Care"}),
            "sla.claim.stage": self.env.ref("sla_claims.stage_new"),
            "sla.claim.category": self.env["sla.claim.category"].create(
                {"name": "Billing"}
            ),
            "client.exit.reason": self.env.ref(
                "client_retention.client_exit_reason_price_increase"
            ),
        }

    def test_every_bounded_model_is_probed(self):
        bounded = set(self.env.registry["sla.bounded.mixin"]._inherit_children)
        self.assertEqual(bounded, set(self.records))

    def test_out_of_range_numbers_are_refused_naming_field_and_range(self):
        for model, record in self.records.items():
            for name, (low, high) in record._field_bounds().items():
                label = record._fields[name]._description_string(self.env)
                before = record[name]
                huge = max(10**12, high * 1000)
                for value in (high + 1, low - 1, huge, -huge):
                    with (
                        self.subTest(model=model, field=name, value=value),
                        self.assertRaisesText(
                            ValidationError, f"“{re.escape(label)}” must be between"
                        ),
                    ):
                        record.write({name: value})
                    record.invalidate_recordset()
                    self.assertEqual(record[name], before)

    def test_a_sequence_out_of_the_databases_range_is_refused(self):
        for model in ("sla.claim.team", "sla.claim.stage", "client.exit.reason"):
            record = self.records[model]
            with (
                self.subTest(model=model),
                self.assertRaisesText(
                    ValidationError, "“Sequence” must be between -2,147,483,648"
                ),
            ):
                record.sequence = 10**12

    def test_numbers_are_checked_on_create_too(self):
        with self.assertRaisesText(
            ValidationError,
            "“Response Target \\(working hours\\)” must be between 0 and",
        ):
            self.env["sla.policy"].create({"name": "Forever", "response_hours": 10**12})
        with self.assertRaisesText(
            ValidationError, "“Quantity” must be between 0 and 1,000,000"
        ):
            self.env["client.document.inventory.line"].create(
                {
                    "inventory_id": self.records[
                        "client.document.inventory.line"
                    ].inventory_id.id,
                    "name": "Invoices",
                    "quantity": 2**40,
                }
            )

    def test_settings_refuse_absurd_numbers_and_keep_the_old_ones(self):
        for field, value in (
            ("sla_at_risk_percent", 10**12),
            ("retention_silent_leave_days", 10**12),
            ("retention_dormancy_factor", 1e300),
            ("offboarding_notice_days", -(10**12)),
            ("offboarding_letgo_min_claims", -1),
        ):
            before = self.company[field]
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.env["res.config.settings"].create({field: value}).execute()
            self.company.invalidate_recordset()
            self.assertEqual(self.company[field], before)

    def test_a_policy_of_a_million_hours_cannot_stop_new_claims(self):
        team = self.env["sla.claim.team"].create({"name": "Support"})
        policy = self.records["sla.policy"]
        with self.assertRaises(ValidationError):
            policy.resolution_hours = 10**12
        claim = self.env["sla.claim"].create(
            {"name": "Broken", "team_id": team.id, "partner_id": self.client.id}
        )
        self.assertTrue(claim.resolution_deadline)

    def test_the_largest_allowed_target_still_plans_a_deadline(self):
        team = self.env["sla.claim.team"].create({"name": "Support"})
        self.records["sla.policy"].write(
            {"response_hours": 2000, "resolution_hours": 2000}
        )
        claim = self.env["sla.claim"].create(
            {"name": "Slow", "team_id": team.id, "partner_id": self.client.id}
        )
        self.assertGreater(claim.resolution_deadline, claim.create_date)

    def test_follow_up_months_have_bounds(self):
        with self.assertRaisesText(ValidationError, "from 1 to 120"):
            self.company.offboarding_followup_months = "3, 999999999999"
