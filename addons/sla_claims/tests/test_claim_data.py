import importlib.util

from odoo.tests import tagged
from odoo.tools import convert_file, file_path

from .common import ClientsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimShippedData(ClientsCase):
    def test_an_upgrade_keeps_the_companys_edits_of_the_mail_templates(self):
        template = self.env.ref("sla_claims.mail_template_claim_acknowledgement")
        template.body_html = "<p>Dear customer, we are on it.</p>"
        # what `-u sla_claims` does with the file
        convert_file(
            self.env, "sla_claims", "data/mail_template_data.xml", {}, mode="update"
        )
        self.assertEqual(str(template.body_html), "<p>Dear customer, we are on it.</p>")

    def test_the_upgrade_to_next_checks_schedules_open_claims(self):
        team = self.env["sla.claim.team"].create({"name": "Upgrade team"})
        self.env["sla.policy"].create(
            {"name": "Upgrade", "team_id": team.id, "response_hours": 4}
        )
        claim = self.env["sla.claim"].create({"name": "Old claim", "team_id": team.id})
        self.assertTrue(claim.sla_next_check)
        claim.flush_recordset()
        self.env.cr.execute(
            "UPDATE sla_claim SET sla_next_check = NULL WHERE id = %s", [claim.id]
        )
        claim.invalidate_recordset()
        path = file_path("sla_claims/migrations/19.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("sla_claims_post_migrate", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "19.0.1.0.0")
        claim.invalidate_recordset()
        self.assertTrue(claim.sla_next_check)
