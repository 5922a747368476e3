from odoo.tests import new_test_user

from odoo.addons.client_retention.tests.common import RetentionInvoicingCase


class OffboardingCase(RetentionInvoicingCase):
    """An accounting firm's account manager (a retention user), a retention
    manager, and a client of the account manager with a contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager = new_test_user(
            cls.env,
            login="account_manager",
            name="Anna Manager",
            email="anna@firm.example",
            groups="client_retention.group_retention_user,survey.group_survey_user,"
            "base.group_partner_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            tz=cls.env.user.tz,  # the superuser's day (see RetentionCase)
        )
        cls.other_manager = new_test_user(
            cls.env,
            login="other_account_manager",
            groups="client_retention.group_retention_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            tz=cls.env.user.tz,  # the superuser's day (see RetentionCase)
        )
        cls.client = cls.make_client("Acme Trading", user_id=cls.account_manager.id)
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ivan Petrov",
                "parent_id": cls.client.id,
                "email": "ivan@acme.example",
            }
        )
        cls.competitor = cls.env["res.partner"].create(
            {"name": "Rival Accounting", "is_company": True}
        )
        cls.Case = cls.env["client.offboarding"]
        cls.policy = cls.env.ref("client_offboarding.document_type_accounting_policy")
        cls.mandatory_types = cls.env["client.document.type"].search(
            [("mandatory_on_handover", "=", True)]
        )

    def new_case(self, user=None, initiated_by="client", **values):
        """A case started from the client's form, as ``user``."""
        user = user or self.account_manager
        client = self.client.with_user(user)
        if initiated_by == "company":
            action = client.action_start_offboarding_company()
        else:
            action = client.action_start_offboarding_client()
        context = {**action["context"]}
        context.update({f"default_{k}": v for k, v in values.items()})
        return self.Case.with_user(user).with_context(**context).create({})

    def case_to_notice(self, user=None, **values):
        case = self.new_case(user, **values)
        case.action_start_retention()
        case.write(
            {"retention_offer": "10% off for a year", "retention_outcome": "declined"}
        )
        case.action_accept_notice()
        return case

    def case_to_handover(self, user=None, **values):
        case = self.case_to_notice(user, **values)
        case.action_start_handover()
        return case

    def hand_over_everything(self, case):
        case.handover_line_ids.write({"handover_state": "handed_over"})

    def attach(self, client, name):
        """A file attached to the client, as a scanned contract is."""
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "res_model": "res.partner",
                "res_id": client.id,
                "raw": b"scan",
            }
        )

    def run_cron(self, xmlid):
        cron = self.env.ref(xmlid)
        with self.scheduler_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()
