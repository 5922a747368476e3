"""Mail comes in on several workers at once: two transactions assign claims
of one team at the same time. They are real transactions, each on its own
connection (the test's own transaction cannot show what another one does),
so the team they share is committed for the test and removed after it."""

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .common import ClientsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestConcurrentAssignment(ClientsCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.team_id = (
                env["sla.claim.team"]
                .create(
                    {"name": "Night shift", "leader_id": env.ref("base.user_admin").id}
                )
                .id
            )
        self.addCleanup(self.remove_team)

    def remove_team(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            team = env["sla.claim.team"].browse(self.team_id)
            team.with_context(active_test=False).claim_ids.unlink()
            team.unlink()

    def transaction(self):
        """A transaction of its own, rolled back at the end unless committed;
        it waits on a lock 10 s at most, so a mistake fails the test instead
        of hanging it."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        cr.execute("SET LOCAL lock_timeout = '10s'")
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_an_assignment_waits_for_the_other_and_counts_its_claim(self):
        first, second = self.transaction(), self.transaction()
        team = second["sla.claim.team"].browse(self.team_id)
        admin = second.ref("base.user_admin")
        # the second transaction's snapshot is taken now, before the first
        # one has a claim
        self.assertFalse(team._read_open_claim_load())
        claim = first["sla.claim"].create(
            {"name": "Late delivery", "team_id": self.team_id}
        )
        self.assertEqual(claim.user_id.id, admin.id)  # no members: the leader
        first.flush_all()
        # until the first transaction ends, the second one cannot take the
        # team to assign a claim of its own
        with (
            self.assertRaises(psycopg2.errors.LockNotAvailable),
            second.cr.savepoint(flush=False),
        ):
            second.cr.execute(
                "SELECT id FROM sla_claim_team WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                [self.team_id],
                log_exceptions=False,
            )
        first.cr.commit()
        # invisible to the second transaction, yet counted in its load
        self.assertFalse(team._read_open_claim_load())
        self.assertEqual(team._open_claim_load(), {(self.team_id, admin.id): 1})
