from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimAssignment(ClaimsCase):
    def test_the_customers_salesperson_takes_the_claim_when_in_the_team(self):
        self.customer.user_id = self.boris
        self.assertEqual(self.new_claim().user_id, self.boris)

    def test_claims_are_shared_by_open_claims_otherwise(self):
        first, second, third = (self.new_claim() for _ in range(3))
        self.assertEqual({first.user_id, second.user_id}, {self.ana, self.boris})
        (first | second).filtered(
            lambda c: c.user_id == self.ana
        ).stage_id = self.stage_resolved
        self.assertEqual(self.new_claim().user_id, self.ana)
        self.assertTrue(third.user_id)

    def test_the_leader_takes_the_claims_of_a_team_without_members(self):
        self.team.member_ids = [Command.clear()]
        self.customer.user_id = self.boris  # not a member any more
        self.assertEqual(self.new_claim().user_id, self.leader)

    def test_a_claim_gets_a_number_and_follows_the_customer(self):
        claim = self.new_claim()
        self.assertTrue(claim.number.startswith("CLM/"))
        self.assertIn(self.contact, claim.message_partner_ids)
        self.assertEqual(claim.commercial_partner_id, self.customer)

    def test_users_see_their_teams_claims_managers_all(self):
        claim = self.new_claim()
        self.assertEqual(
            claim.with_user(self.ana).read(["name"])[0]["name"], claim.name
        )
        with self.assertRaises(AccessError):
            claim.with_user(self.outsider).read(["name"])
        self.assertTrue(claim.with_user(self.manager).read(["name"]))


@tagged("post_install", "-at_install", "sla_claims")
class TestPolicyMatching(ClaimsCase):
    def make_policy(self, name, **values):
        return self.env["sla.policy"].create(
            {"name": name, "response_hours": 2, "resolution_hours": 8, **values}
        )

    def test_the_most_specific_policy_applies(self):
        tag = self.env["res.partner.category"].create({"name": "Key account"})
        category = self.env["sla.claim.category"].create({"name": "Delivery"})
        by_priority = self.make_policy("Urgent", priority="3")
        by_category = self.make_policy(
            "Delivery", category_ids=[Command.set(category.ids)]
        )
        by_tag = self.make_policy(
            "Key accounts", partner_category_ids=[Command.set(tag.ids)]
        )
        by_partner = self.make_policy(
            "Acme", partner_ids=[Command.set(self.customer.ids)]
        )
        claim = self.new_claim(priority="3", category_id=category.id)
        self.assertEqual(claim.policy_id, by_partner)
        by_partner.active = False
        self.customer.category_id = tag
        claim.priority = "2"
        claim.priority = "3"  # re-match after the configuration changed
        self.assertEqual(claim.policy_id, by_tag)
        claim.partner_id = self.env["res.partner"].create({"name": "Walk-in"})
        self.assertEqual(claim.policy_id, by_category)
        claim.category_id = False
        self.assertEqual(claim.policy_id, by_priority)
        claim.priority = "1"
        self.assertEqual(claim.policy_id, self.policy)  # the team's default


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimIsolation(ClaimsCase):
    def test_a_responsible_leaving_the_team_makes_the_claim_unassigned(self):
        claim = self.new_claim()
        self.assertFalse(claim.needs_assignment)
        self.team.member_ids = [Command.unlink(claim.user_id.id)]
        self.assertTrue(claim.needs_assignment)
        self.assertIn(
            claim, self.env["sla.claim"].search([("needs_assignment", "=", True)])
        )
        claim.user_id = self.leader
        self.assertFalse(claim.needs_assignment)

    def test_companies_do_not_see_each_others_claims(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        manager_b = self.env["res.users"].create(
            {
                "name": "Manager B",
                "login": "manager_b",
                "company_id": other_company.id,
                "company_ids": [Command.set(other_company.ids)],
                "group_ids": [
                    Command.set(self.env.ref("sla_claims.group_claims_manager").ids)
                ],
            }
        )
        team_b = self.env["sla.claim.team"].create(
            {
                "name": "Team B",
                "leader_id": manager_b.id,
                "company_id": other_company.id,
            }
        )
        claim_b = self.env["sla.claim"].create(
            {"name": "B's claim", "team_id": team_b.id}
        )
        claim_a = self.new_claim()
        self.assertEqual(claim_b.company_id, other_company)
        self.assertEqual(claim_b.user_id, manager_b)
        visible = self.env["sla.claim"].with_user(self.manager).search([])
        self.assertIn(claim_a, visible)
        self.assertNotIn(claim_b, visible)
        self.assertNotIn(
            team_b, self.env["sla.claim.team"].with_user(self.manager).search([])
        )
        with self.assertRaises(AccessError):
            claim_b.with_user(self.manager).read(["name"])
