from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimTour(HttpCase):
    def test_a_claims_user_creates_and_resolves_a_claim(self):
        agent = new_test_user(
            self.env,
            login="agent_tour",
            groups="sla_claims.group_claims_user",
            lang="en_US",
        )
        team = self.env["sla.claim.team"].create(
            {
                "name": "Tour team",
                "leader_id": agent.id,
                "member_ids": [Command.set(agent.ids)],
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
        self.assertEqual(claim.user_id, agent)
        self.assertEqual(claim.stage_id, self.env.ref("sla_claims.stage_resolved"))
        self.assertEqual(claim.sla_resolution_state, "met")
