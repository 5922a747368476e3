from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimTour(HttpCase):
    def test_a_claims_user_takes_resolves_and_reopens_a_claim(self):
        agent = new_test_user(
            self.env,
            login="agent_tour",
            groups="sla_claims.group_claims_user",
            lang="en_US",
        )
        colleague = new_test_user(
            self.env, login="colleague_tour", groups="sla_claims.group_claims_user"
        )
        team = self.env["sla.claim.team"].create(
            {
                "name": "Tour team",
                "leader_id": agent.id,
                "member_ids": [Command.set(colleague.ids)],
            }
        )
        self.env["sla.policy"].create(
            {
                "name": "Tour policy",
                "team_id": team.id,
                "response_hours": 4,
                "resolution_hours": 16,
            }
        )
        self.env["res.partner"].create({"name": "Tour Customer", "is_company": True})
        self.start_tour("/odoo", "sla_claims_create_and_resolve", login="agent_tour")
        claim = self.env["sla.claim"].search(
            [("name", "=", "Tour: wrong invoice address")]
        )
        self.assertEqual(claim.user_id, agent, "taken with Assign to Me")
        self.assertEqual(claim.stage_id, self.env.ref("sla_claims.stage_in_progress"))
        self.assertEqual(claim.sla_resolution_state, "running")
        self.assertFalse(claim.resolved_date)
