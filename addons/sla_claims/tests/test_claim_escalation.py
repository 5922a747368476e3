"""The 15-minute SLA check: at-risk warnings and escalation levels, each once.

The claim comes in on Friday 27 November 2026 at 10:00 in Sofia (08:00 UTC).
Response: 4 working hours, at risk after 3 (Friday 13:00 Sofia), due 14:00.
Resolution: 16 working hours, at risk after 12 (Monday 14:00), due Tuesday 10:00.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimEscalation(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.escalation_rule_ids = [
            Command.create(
                {
                    "level": 1,
                    "clock": "resolution",
                    "trigger": "before_breach",
                    "action": "notify_responsible",
                }
            ),
            Command.create(
                {
                    "level": 2,
                    "clock": "resolution",
                    "trigger": "at_breach",
                    "action": "notify_leader",
                }
            ),
            Command.create(
                {
                    "level": 3,
                    "clock": "resolution",
                    "trigger": "after_breach",
                    "hours": 2,
                    "action": "reassign_leader",
                }
            ),
            Command.create(
                {
                    "level": 4,
                    "clock": "resolution",
                    "trigger": "after_breach",
                    "hours": 4,
                    "action": "notify_managers",
                }
            ),
        ]

    def setUp(self):
        super().setUp()
        with freeze_time("2026-11-27 08:00:00"):
            self.claim = self.new_claim()
        self.responsible = self.claim.user_id

    def check(self, when, runs=2):
        with freeze_time(when):
            for _run in range(runs):  # re-running changes nothing
                self.run_sla_check()

    def activities(self, user):
        return sorted(
            self.claim.activity_ids.filtered(lambda a: a.user_id == user).mapped(
                "summary"
            )
        )

    def manager_notes(self):
        return self.digest_lines(self.manager, self.claim)

    def test_each_warning_and_escalation_fires_once(self):
        self.check("2026-11-27 10:30:00")  # Friday 12:30 Sofia: all fine
        self.assertEqual(self.claim.sla_response_state, "running")
        self.assertFalse(self.claim.activity_ids)

        self.check("2026-11-27 11:30:00")  # 13:30: response at risk
        self.assertEqual(self.claim.sla_response_state, "at_risk")
        self.assertEqual(
            self.activities(self.responsible), ["The response deadline is at risk"]
        )

        self.check("2026-11-30 12:30:00")  # Monday 14:30: resolution at risk
        self.assertEqual(self.claim.sla_response_state, "breached")
        self.assertEqual(self.claim.sla_resolution_state, "at_risk")
        self.assertEqual(self.claim.escalation_level, 1)
        self.assertEqual(
            self.activities(self.responsible),
            [
                "Escalation level 1: resolution deadline",
                "The resolution deadline is at risk",
                "The response deadline is at risk",
            ],
        )

        self.check("2026-12-01 08:30:00")  # Tuesday 10:30: breached
        self.assertEqual(self.claim.sla_resolution_state, "breached")
        self.assertEqual(self.claim.escalation_level, 2)
        self.assertEqual(
            self.activities(self.leader),
            ["Escalation level 2: resolution deadline"],
        )
        self.assertEqual(self.claim.user_id, self.responsible)

        self.check("2026-12-01 10:30:00")  # 2.5 working hours late
        self.assertEqual(self.claim.escalation_level, 3)
        self.assertEqual(self.claim.user_id, self.leader)
        self.assertFalse(self.manager_notes())

        self.check("2026-12-01 12:30:00", runs=3)  # 4.5 working hours late
        self.assertEqual(self.claim.escalation_level, 4)
        self.assertEqual(len(self.manager_notes()), 1)
        self.assertEqual(len(self.claim.activity_ids), 4)

    def test_a_missed_run_fires_every_level_due_in_order(self):
        self.check("2026-12-01 12:30:00", runs=1)
        self.assertEqual(self.claim.escalation_level, 4)
        self.assertEqual(self.claim.user_id, self.leader)
        self.assertEqual(len(self.manager_notes()), 1)

    def test_a_resolved_claim_is_not_escalated(self):
        with freeze_time("2026-11-30 09:00:00"):
            self.claim.stage_id = self.stage_resolved
        self.check("2026-12-01 12:30:00")
        self.assertEqual(self.claim.escalation_level, 0)
        self.assertEqual(self.claim.sla_resolution_state, "met")

    def test_a_paused_claim_is_not_escalated(self):
        with freeze_time("2026-11-27 09:00:00"):
            self.claim.stage_id = self.stage_waiting
        self.check("2026-12-01 12:30:00")
        self.assertEqual(self.claim.escalation_level, 0)
        self.assertEqual(self.claim.sla_resolution_state, "paused")

    def test_many_claims_late_at_once_make_one_digest_per_person(self):
        with freeze_time("2026-11-27 08:00:00"):
            claims = self.claim | self.env["sla.claim"].create(
                [
                    {
                        "name": f"Late {n}",
                        "team_id": self.team.id,
                        "partner_id": self.contact.id,
                    }
                    for n in range(4)
                ]
            )
        mails = self.env["mail.mail"].sudo()
        before = mails.search([])
        self.check("2026-12-01 08:30:00", runs=1)  # all past the deadline
        self.assertEqual(set(claims.mapped("escalation_level")), {2})
        leader_todos = claims.activity_ids.filtered(lambda a: a.user_id == self.leader)
        self.assertEqual(len(leader_todos), 5, "a to-do on each claim")
        digests = self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.leader.partner_id.ids),
            ]
        )
        self.assertEqual(len(digests), 1, "one digest for the run")
        for claim in claims:
            self.assertIn(claim.number, digests.body)
        to_leader = mails.search([("id", "not in", before.ids)]).filtered(
            lambda m: self.leader.partner_id in m.recipient_ids
        )
        self.assertEqual(len(to_leader), 1, "one mail, not one per claim")
