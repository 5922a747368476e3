"""The paths users take every day, end to end: mail through the real gateway,
agents acting as the claims users they are, the scheduled check as Odoo runs
it. Each rule has its own tests; these prove that they hold together.

The office is in Sofia (UTC+2), open Monday to Friday 9:00-17:00; the policy
promises an answer within 4 working hours and a resolution within 16.
"""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ClaimsGatewayCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimJourneys(ClaimsGatewayCase):
    def at(self, moment):
        """Freeze the clock at ``moment`` (UTC), cursor clock included."""
        return freeze_time(moment)

    def check_at(self, moment):
        with self.at(moment):
            self.run_sla_check()

    def customer_mails(self, claim, text):
        return claim.message_ids.filtered(
            lambda m: self.contact in m.notified_partner_ids and text in m.body
        )

    def test_answer_then_wait_then_the_customer_replies_then_resolve(self):
        with self.at("2026-11-27 08:00:00"):  # Friday 10:00 Sofia
            claim = self.Claim.browse(self.receive())
        as_agent = claim.with_user(claim.user_id)
        with self.at("2026-11-27 09:00:00"):
            answer = as_agent.message_post(
                body="Could you send us a photo of the damage?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(claim.sla_response_state, "met")
        with self.at("2026-11-27 09:30:00"):  # 11:30 Sofia: wait on the photo
            as_agent.stage_id = self.stage_waiting
        self.assertEqual(claim.sla_resolution_state, "paused")
        self.assertEqual(claim.sla_response_state, "met")
        self.assertFalse(claim.sla_next_check, "nothing to watch while waiting")
        self.check_at("2026-11-30 07:00:00")
        self.assertEqual(claim.sla_resolution_state, "paused")
        self.assertFalse(claim.activity_ids)

        with self.at("2026-11-30 08:00:00"):  # Monday 10:00 Sofia
            self.receive(
                subject="Re: Chair broken",
                body="<p>Here is the photo.</p>",
                headers={"In-Reply-To": answer.message_id},
            )
        self.assertEqual(claim.stage_id, self.stage_new)
        # paused Friday 11:30-17:00 and Monday 9:00-10:00 Sofia: 6.5 h, so
        # 22.5 working hours from Friday 10:00 end on Tuesday 16:30 Sofia
        self.assertEqual(claim.paused_hours, 6.5)
        self.assertEqual(claim.resolution_deadline, datetime(2026, 12, 1, 14, 30))
        self.assertEqual(claim.sla_resolution_state, "running")
        self.assertTrue(claim.sla_next_check)
        self.assertTrue(self.customer_mails(claim, "deadlines moved"))

        self.check_at("2026-12-01 12:00:00")  # Tuesday 14:00: at risk
        self.assertEqual(claim.sla_resolution_state, "at_risk")
        self.assertEqual(len(claim.activity_ids), 1)
        with self.at("2026-12-01 13:00:00"):
            as_agent.stage_id = self.stage_resolved
        self.assertEqual(claim.sla_resolution_state, "met")
        self.assertEqual(claim.resolved_date, datetime(2026, 12, 1, 13, 0))
        self.assertFalse(claim.sla_next_check)
        self.assertTrue(self.customer_mails(claim, "is resolved"))

    def test_resolve_then_reopen_runs_the_resolution_clock_again(self):
        with self.at("2026-11-27 08:00:00"):  # Friday 10:00 Sofia
            claim = self.new_claim()
        as_agent = claim.with_user(self.ana)
        with self.at("2026-11-27 10:00:00"):  # resolved after 2 working hours
            as_agent.stage_id = self.stage_resolved
        self.assertEqual(claim.sla_resolution_state, "met")
        with self.at("2026-11-30 08:00:00"):  # Monday 10:00: "still broken"
            as_agent.stage_id = self.stage_progress
        self.assertFalse(claim.resolved_date)
        self.assertTrue(claim.is_open)
        # resolved Friday 12:00-17:00 and Monday 9:00-10:00: 6 h do not count,
        # 22 working hours from Friday 10:00 end on Tuesday 16:00 Sofia
        self.assertEqual(claim.resolution_deadline, datetime(2026, 12, 1, 14, 0))
        self.assertEqual(claim.sla_resolution_state, "running")
        self.assertEqual(claim.pause_ids.mapped("kind"), ["resolved"])

        self.check_at("2026-12-01 11:00:00")  # the check watches it again
        self.assertEqual(claim.sla_resolution_state, "at_risk")
        with self.at("2026-12-01 13:00:00"):
            as_agent.stage_id = self.stage_resolved
        self.assertEqual(claim.resolved_date, datetime(2026, 12, 1, 13, 0))
        self.assertEqual(claim.sla_resolution_state, "met")
        self.assertEqual(claim.resolution_working_hours, 15.0)

    def test_a_breach_stays_a_breach_after_reopening(self):
        with self.at("2026-11-27 08:00:00"):
            claim = self.new_claim()
        with self.at("2026-12-03 08:00:00"):  # days late
            claim.with_user(self.ana).stage_id = self.stage_resolved
        self.assertEqual(claim.sla_resolution_state, "breached")
        with self.at("2026-12-04 08:00:00"):
            claim.with_user(self.ana).stage_id = self.stage_progress
        self.assertEqual(claim.sla_resolution_state, "breached")
        self.assertFalse(claim.resolved_date)

    def test_escalate_then_reassign(self):
        self.policy.escalation_rule_ids = [
            Command.create(
                {"level": 1, "trigger": "at_breach", "action": "notify_leader"}
            ),
            Command.create(
                {
                    "level": 2,
                    "trigger": "after_breach",
                    "hours": 2,
                    "action": "reassign_leader",
                }
            ),
            Command.create(
                {
                    "level": 3,
                    "trigger": "after_breach",
                    "hours": 4,
                    "action": "notify_managers",
                }
            ),
        ]
        with self.at("2026-11-27 08:00:00"):  # due Tuesday 10:00 Sofia
            claim = self.new_claim()
        first = claim.user_id
        self.check_at("2026-12-01 08:30:00")
        self.assertEqual(claim.escalation_level, 1)
        self.assertEqual(
            claim.activity_ids.filtered(lambda a: a.user_id == self.leader).mapped(
                "summary"
            ),
            ["Escalation level 1: resolution deadline"],
        )
        self.check_at("2026-12-01 10:30:00")  # 2.5 working hours late
        self.assertEqual((claim.escalation_level, claim.user_id), (2, self.leader))
        # the leader hands it to a colleague, who is not escalated again
        claim.with_user(self.leader).user_id = (
            self.boris if first != self.boris else self.ana
        )
        handed_to = claim.user_id
        self.check_at("2026-12-01 11:30:00")
        self.assertEqual((claim.escalation_level, claim.user_id), (2, handed_to))
        self.check_at("2026-12-01 12:30:00")  # 4.5 working hours late
        self.assertEqual(claim.escalation_level, 3)
        self.assertEqual(len(self.digest_lines(self.manager, claim)), 1)
        self.assertTrue(
            claim.message_ids.filtered(
                lambda m: (
                    m.subtype_id.internal
                    and "missed its resolution deadline of Tue 1 Dec 2026, 10:00"
                    " (Europe/Sofia)"
                    in m.body
                )
            ),
            "the escalation is noted on the claim",
        )
        self.assertFalse(claim.sla_next_check, "every level spent: nothing to do")
        self.check_at("2026-12-02 12:30:00")
        self.assertEqual(len(claim.activity_ids), 1)
        self.assertEqual(claim.user_id, handed_to)

    def test_an_interrupted_check_is_finished_by_the_next_without_repeats(self):
        with self.at("2026-11-27 08:00:00"):
            claims = self.Claim.create(
                [
                    {
                        "name": f"Claim {n}",
                        "team_id": self.team.id,
                        "partner_id": self.contact.id,
                    }
                    for n in range(6)
                ]
            )
        now = datetime(2026, 11, 27, 11, 30)  # all responses at risk
        with self.at(now):
            # the first run dies after one batch of three (a worker killed)
            batch = self.Claim.search(
                self.Claim._sla_check_domain(now), limit=3, order="sla_next_check, id"
            )
            batch._check_sla(now)
        self.check_at(now)
        self.check_at(now)
        self.assertEqual(set(claims.mapped("sla_response_state")), {"at_risk"})
        for claim in claims:
            self.assertEqual(len(claim.activity_ids), 1, claim.name)
        self.assertFalse(
            self.Claim.search_count(
                self.Claim._sla_check_domain(now) + [("id", "in", claims.ids)]
            )
        )
