"""The customers' claim list is served on Odoo's read replica: the route is
``readonly=True`` and writes nothing, not even the links' access tokens."""

import importlib.util

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .read_only import ReadOnlyMixin

RETRIED = "retrying with a read/write cursor"


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimPortalReadOnly(ReadOnlyMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        leader = new_test_user(
            cls.env, login="ro_leader", groups="sla_claims.group_claims_user"
        )
        cls.team = cls.env["sla.claim.team"].create(
            {"name": "Read-only team", "leader_id": leader.id}
        )
        cls.acme = cls.env["res.partner"].create(
            {"name": "Acme Readers", "is_company": True}
        )
        cls.ivan = new_test_user(
            cls.env, login="ro_ivan", groups="base.group_portal", lang="en_US"
        )
        cls.ivan.partner_id.parent_id = cls.acme
        cls.claim = cls.env["sla.claim"].create(
            {
                "name": "Acme: shelves bent",
                "team_id": cls.team.id,
                "partner_id": cls.ivan.partner_id.id,
            }
        )

    def drop_token(self):
        """A claim of a version before tokens were given at creation."""
        self.claim.flush_recordset()
        self.env.cr.execute(
            "UPDATE sla_claim SET access_token = NULL WHERE id = %s", [self.claim.id]
        )
        self.claim.invalidate_recordset(["access_token"])

    def open_list(self):
        self.authenticate("ro_ivan", "ro_ivan")
        listing = self.url_open("/my/claims")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.claim.number, listing.text)
        return listing

    def test_the_list_is_served_on_the_read_only_cursor(self):
        # Odoo's test mode serves readonly routes on a read-only cursor and
        # retries one that wrote on a read/write cursor, with a warning
        with self.assertNoLogs("odoo.http", "WARNING"):
            listing = self.open_list()
        self.assertIn(f"access_token={self.claim.access_token}", listing.text)
        self.assertTrue(self.claim.access_token)  # given at creation

    def test_the_check_sees_a_write(self):
        """The check is real: a claim without its token makes the list write
        one, which the read-only cursor refuses."""
        self.drop_token()
        with (
            mute_logger("odoo.sql_db"),  # the refused INSERT, logged as bad query
            self.assertLogs("odoo.http", "WARNING") as logged,
        ):
            self.open_list()
        self.assertIn(RETRIED, "\n".join(logged.output))

    def test_claims_of_earlier_versions_get_their_token(self):
        self.drop_token()
        path = file_path("sla_claims/migrations/19.0.1.2.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("sla_claims_1_2_0", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "19.0.1.1.0")
        self.claim.invalidate_recordset(["access_token"])
        self.assertRegex(self.claim.access_token, r"^[0-9a-f-]{36}$")
        with self.assertNoLogs("odoo.http", "WARNING"):
            self.open_list()

    def test_the_portal_homes_counter_is_served_read_only(self):
        self.authenticate("ro_ivan", "ro_ivan")
        with self.assertNoLogs("odoo.http", "WARNING"):
            counters = self.make_jsonrpc_request(
                "/my/counters", {"counters": ["claim_count"]}
            )
        self.assertEqual(counters["claim_count"], 1)
