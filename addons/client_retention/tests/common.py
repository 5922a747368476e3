from odoo.tests import new_test_user

from odoo.addons.sla_claims.tests.common import ClientsCase


class RetentionCase(ClientsCase):
    """Two companies, a retention user and a manager in the first one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.retention_user = new_test_user(
            cls.env,
            login="retention_user",
            groups="client_retention.group_retention_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.retention_manager = new_test_user(
            cls.env,
            login="retention_manager",
            groups="client_retention.group_retention_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.Reason = cls.env["client.exit.reason"]
