"""Bookkeeping nobody can forge: every system-kept field of every model of
the suite, set by the strongest user short of an administrator, on create and
on write, whatever the context says, through the ORM and over JSON-RPC."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import OffboardingCase

# what an RPC caller may put in its context: the flags that once unlocked
# the bookkeeping, and the guard's own key name with a forgeable value
FORGING_CONTEXT = {
    "retention_system_write": True,
    "offboarding_system_write": True,
    "sla_claims_edit": True,
    "system_kept_write": True,
    "mark_letter_sent": True,  # once dated the letter of any message
}
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestSuiteForging(OffboardingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forger = new_test_user(
            cls.env,
            login="forger",
            groups="client_retention.group_retention_manager,"
            "sla_claims.group_claims_manager,base.group_partner_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            tz=cls.env.user.tz,  # the superuser's day (see RetentionCase)
        )
        cls.ensure_chart(cls.company)
        cls.team = cls.env["sla.claim.team"].create(
            {"name": "Complaints", "leader_id": cls.forger.id}
        )

    def setUp(self):
        super().setUp()
        self.env["sla.policy"].create(
            {"name": "Standard", "response_hours": 4, "resolution_hours": 16}
        )
        claim_values = {"name": "Late delivery", "team_id": self.team.id}
        claim = self.env["sla.claim"].create(
            {**claim_values, "partner_id": self.client.id}
        )
        case = self.new_case()
        other_client = self.make_client("Beta Supplies", user_id=self.forger.id)
        event = self.env["client.churn.event"].create({"partner_id": other_client.id})
        review = (
            self.env["client.offboarding.invoice"]
            .sudo()
            .create(
                {"offboarding_id": case.id, "move_id": self.invoice(self.client, 0).id}
            )
        )
        inventory = self.env["client.document.inventory"].create(
            {"partner_id": self.client.id}
        )
        # a record of each model, and what a new one of it needs
        self.records = {
            "sla.claim": (claim, {**claim_values, "partner_id": other_client.id}),
            "client.churn.event": (event, {"partner_id": self.client.id}),
            "res.partner": (self.client, {"name": "New Client"}),
            "client.offboarding": (case, {"partner_id": other_client.id}),
            "client.document.inventory": (
                inventory,
                {"partner_id": other_client.id},
            ),
            "client.offboarding.invoice": (review, {"justification": "Work done"}),
        }

    def forged_value(self, record, name):
        field = record._fields[name]
        current = record[name]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id
        if field.type == "selection":
            default = field.default(record) if field.default else None
            return next(
                value
                for value, _label in field._description_selection(self.env)
                if value not in (current, default)
            )
        return {
            "date": "2020-02-02",
            "datetime": "2020-02-02 10:00:00",
            "boolean": not current,
            "integer": 7,
            "float": 7.0,
            "monetary": 7.0,
            "char": "forged",
            "text": "forged",
            "json": {"forged": 100},
            "image": PNG,
            "binary": PNG,
            "one2many": [Command.clear()],
            "many2many": [Command.clear()],
        }[field.type]

    def test_every_model_with_kept_fields_is_probed(self):
        guarded = set(self.env.registry["sla.system.kept.mixin"]._inherit_children)
        self.assertEqual(guarded, set(self.records))
        for model in guarded:
            self.assertTrue(self.env[model]._system_kept_fields(), model)

    def test_kept_fields_refused_on_write_and_create_whatever_the_context(self):
        for model, (record, create_values) in self.records.items():
            Model = self.env[model].with_user(self.forger)
            forger_record = record.with_user(self.forger).with_context(
                **FORGING_CONTEXT
            )
            for name in sorted(record._system_kept_fields()):
                value = self.forged_value(record, name)
                before = record[name]
                # a field of administrators only may be refused by its groups
                refusal = "kept by the system|not have enough rights"
                with self.subTest(model=model, field=name):
                    with self.assertRaisesText(AccessError, refusal):
                        forger_record.write({name: value})
                    record.invalidate_recordset()
                    self.assertEqual(record[name], before)
                    if not value:
                        continue  # an empty value on create means "not set"
                    with self.assertRaisesText(AccessError, refusal):
                        Model.with_context(**FORGING_CONTEXT).create(
                            {**create_values, name: value}
                        )

    def test_context_defaults_do_not_set_kept_fields(self):
        for model, (record, create_values) in self.records.items():
            if model == "client.offboarding.invoice":
                continue  # needs kept fields to exist: only the case creates it
            stored = [
                name
                for name in sorted(record._system_kept_fields())
                if record._fields[name].store
                and not record._fields[name].compute
                and self.env[model]
                .with_user(self.forger)
                ._has_field_access(record._fields[name], "write")
                and record._fields[name].type not in ("one2many", "many2many")
            ]
            values = {name: self.forged_value(record, name) for name in stored}
            Model = self.env[model].with_user(self.forger)
            # what the system gives a record created without that context
            twin = Model.create(dict(create_values))
            expected = {name: twin[name] for name in values}
            twin.sudo().unlink()
            new = Model.with_context(
                **FORGING_CONTEXT, **{f"default_{k}": v for k, v in values.items()}
            ).create(dict(create_values))
            for name, value in values.items():
                field = new._fields[name]
                forged = field.convert_to_record(
                    field.convert_to_cache(value, new), new
                )
                with self.subTest(model=model, field=name):
                    if new[name] == forged:
                        self.assertEqual(expected[name], forged)

    def test_a_copy_starts_its_own_history(self):
        event = self.records["client.churn.event"][0]
        event._mark_won_back(self.today)
        self.assertEqual(event.state, "won_back")
        copy = event.with_user(self.forger).copy({"partner_id": self.client.id})
        self.assertEqual((copy.state, copy.won_back_date), ("lost", False))

    def test_json_rpc_cannot_forge_either(self):
        self.authenticate("forger", "forger")
        case = self.records["client.offboarding"][0]
        for model, (record, create_values) in self.records.items():
            for name in sorted(record._system_kept_fields()):
                value = self.forged_value(record, name)
                calls = [("write", [record.ids, {name: value}])]
                if value:  # an empty value on create means "not set"
                    calls.append(("create", [[{**create_values, name: value}]]))
                for method, args in calls:
                    with self.subTest(model=model, field=name, method=method):
                        with (
                            self.assertRaises(JsonRpcException) as caught,
                            mute_logger("odoo.http"),  # logs every refusal
                        ):
                            self.make_jsonrpc_request(
                                "/web/dataset/call_kw",
                                {
                                    "model": model,
                                    "method": method,
                                    "args": args,
                                    "kwargs": {"context": FORGING_CONTEXT},
                                },
                            )
                        self.assertEqual(
                            str(caught.exception), "odoo.exceptions.AccessError"
                        )
        case.invalidate_recordset()
        self.assertEqual(case.state, "draft")
        self.assertFalse(case.signed_on)
