"""The SLA is the system's bookkeeping: agents change it only by what they do."""

from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.resource.models.resource_calendar import ResourceCalendar

from .common import ClaimsCase

FORGERIES = {
    "sla_resolution_state": "met",
    "sla_response_state": "met",
    "response_deadline": datetime(2030, 1, 1),
    "resolution_deadline": datetime(2030, 1, 1),
    "response_at_risk_date": datetime(2030, 1, 1),
    "resolution_at_risk_date": datetime(2030, 1, 1),
    "first_response_date": datetime(2026, 11, 27, 8, 30),
    "resolved_date": datetime(2026, 11, 27, 8, 30),
    "paused_hours": 40.0,
    "escalation_level": 9,
    "sla_start_date": datetime(2030, 1, 1),
    "sla_next_check": False,
    "number": "CLM/FAKE/1",
}


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimSlaProtection(ClaimsCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-11-27 08:00:00"):
            self.claim = self.new_claim()

    def test_agents_and_managers_cannot_write_the_clocks(self):
        for user in (self.ana, self.manager):
            for field, value in FORGERIES.items():
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaisesText(AccessError, "kept by the system"),
                ):
                    self.claim.with_user(user).write({field: value})
        with self.assertRaises(AccessError):
            self.claim.with_user(self.ana).write(
                {"policy_id": self.policy.copy({"resolution_hours": 400}).id}
            )
        self.assertEqual(self.claim.sla_resolution_state, "running")
        self.assertEqual(self.claim.resolution_deadline, datetime(2026, 12, 1, 8, 0))

    def test_a_claim_cannot_be_created_with_forged_clocks(self):
        Claim = self.env["sla.claim"].with_user(self.ana)
        with self.assertRaisesText(AccessError, "Resolution SLA"):
            Claim.create(
                {
                    "name": "Forged",
                    "team_id": self.team.id,
                    "partner_id": self.contact.id,
                    "sla_resolution_state": "met",
                }
            )
        # empty bookkeeping values, as imports send them, are harmless
        claim = Claim.create(
            {
                "name": "Imported",
                "team_id": self.team.id,
                "partner_id": self.contact.id,
                "number": "New",
                "resolved_date": False,
            }
        )
        self.assertTrue(claim.number.startswith("CLM/"))

    def test_agents_edit_what_is_theirs(self):
        claim = self.claim.with_user(self.ana)
        claim.write({"name": "Chair and table damaged", "priority": "2"})
        claim.stage_id = self.stage_progress
        copy = claim.copy()
        self.assertEqual(copy.sla_resolution_state, "running")
        self.assertNotEqual(copy.number, claim.number)

    def test_pause_rows_are_read_only_for_users(self):
        with freeze_time("2026-11-27 09:00:00"):
            self.claim.with_user(self.ana).stage_id = self.stage_waiting
        pause = self.claim.pause_ids
        self.assertEqual(len(pause), 1)
        for user in (self.ana, self.manager):
            with self.subTest(user=user.login):
                Pause = self.env["sla.claim.pause"].with_user(user)
                self.assertEqual(
                    Pause.search([("claim_id", "=", self.claim.id)]), pause
                )
                with self.assertRaises(AccessError):
                    pause.with_user(user).write({"end": datetime(2026, 11, 27, 9, 5)})
                with self.assertRaises(AccessError):
                    Pause.create({"claim_id": self.claim.id, "working_hours": 30})
                with self.assertRaises(AccessError):
                    pause.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.claim.with_user(user).write(
                        {"pause_ids": [Command.create({"working_hours": 30})]}
                    )

    def spy(self, cls, method):
        """Count the calls of a real method (it still runs)."""
        return patch.object(
            cls, method, autospec=True, side_effect=getattr(cls, method)
        )

    def test_a_stage_and_priority_change_in_one_write_plans_once(self):
        urgent = self.urgent_policy()
        with freeze_time("2026-11-27 08:00:00"):
            claims = self.claim | self.new_claim() | self.new_claim()
        with freeze_time("2026-11-27 09:00:00"):
            claims.stage_id = self.stage_waiting
        Claim = type(self.env["sla.claim"])
        with (
            freeze_time("2026-11-27 10:00:00"),
            self.spy(Claim, "_refresh_sla") as refresh,
            self.spy(ResourceCalendar, "_work_intervals_batch") as reads,
        ):
            claims.with_user(self.ana).write(
                {"stage_id": self.stage_progress.id, "priority": "3"}
            )
        self.assertEqual(claims.policy_id, urgent)
        self.assertEqual(refresh.call_count, 1, "the SLA is brought up to date once")
        # the calendar is read for the batch, not for each claim or question
        self.assertLessEqual(reads.call_count, 2)
        # 8 h + 1 h paused from Friday 10:00 Sofia: Friday 7 h, Monday 2 h
        self.assertEqual(
            set(claims.mapped("resolution_deadline")), {datetime(2026, 11, 30, 9, 0)}
        )

    def test_moving_between_working_stages_plans_nothing(self):
        with (
            self.spy(ResourceCalendar, "_work_intervals_batch") as reads,
            freeze_time("2026-11-27 09:00:00"),
        ):
            self.claim.with_user(self.ana).stage_id = self.stage_progress
        self.assertEqual(reads.call_count, 0)
        self.assertEqual(self.claim.resolution_deadline, datetime(2026, 12, 1, 8, 0))
        # the response clock turns at risk at 11:00 (UTC): checked then
        self.assertEqual(self.claim.sla_next_check, datetime(2026, 11, 27, 11, 0))

    def test_the_usual_moves_are_buttons(self):
        claim = self.claim.with_user(self.boris)
        claim.action_assign_to_me()
        self.assertEqual(self.claim.user_id, self.boris)
        with freeze_time("2026-11-27 10:00:00"):
            claim.action_resolve()
        self.assertEqual(self.claim.stage_id, self.stage_resolved)
        with freeze_time("2026-11-27 11:00:00"):
            claim.action_reopen()
        self.assertEqual(self.claim.stage_id, self.stage_progress)
        self.assertTrue(self.claim.is_open)
        claim.action_mark_unfounded()
        self.assertTrue(self.claim.is_unfounded)
