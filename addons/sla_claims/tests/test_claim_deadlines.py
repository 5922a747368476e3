"""Deadlines on working calendars: times are UTC, the office is in Sofia
(UTC+2 in winter), open Monday to Friday 9:00-17:00."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClaimsCase

FRIDAY_15H_SOFIA = "2026-11-27 13:00:00"


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimDeadlines(ClaimsCase):
    def test_a_friday_afternoon_claim_is_answered_by_monday(self):
        with freeze_time(FRIDAY_15H_SOFIA):
            claim = self.new_claim()
        # Friday 15-17 is 2 hours, the other 2 are Monday 9-11 in Sofia
        self.assertEqual(claim.response_deadline, datetime(2026, 11, 30, 9, 0))
        # 16 hours: Friday 2 h, Monday 8 h, Tuesday 6 h -> Tuesday 15:00 Sofia
        self.assertEqual(claim.resolution_deadline, datetime(2026, 12, 1, 13, 0))
        self.assertEqual(claim.policy_id, self.policy)
        self.assertEqual(claim.sla_response_state, "running")

    def test_a_public_holiday_is_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 11, 29, 22, 0),  # Monday 00:00 Sofia
                "date_to": datetime(2026, 11, 30, 21, 59, 59),
            }
        )
        with freeze_time(FRIDAY_15H_SOFIA):
            claim = self.new_claim()
        self.assertEqual(claim.response_deadline, datetime(2026, 12, 1, 9, 0))

    def test_the_at_risk_date_is_three_quarters_of_the_working_time(self):
        with freeze_time(FRIDAY_15H_SOFIA):
            claim = self.new_claim()
        # 75% of 4 h = 3 h: Friday 2 h + Monday 1 h -> Monday 10:00 Sofia
        self.assertEqual(claim.response_at_risk_date, datetime(2026, 11, 30, 8, 0))

    def test_a_pause_over_the_weekend_moves_deadlines_by_working_hours_only(self):
        with freeze_time("2026-11-27 08:00:00"):  # Friday 10:00 Sofia
            claim = self.new_claim()
        self.assertEqual(claim.resolution_deadline, datetime(2026, 12, 1, 8, 0))
        with freeze_time("2026-11-27 14:00:00"):  # Friday 16:00
            claim.stage_id = self.stage_waiting
        self.assertEqual(claim.sla_resolution_state, "paused")
        with freeze_time("2026-11-30 09:00:00"):  # Monday 11:00
            claim.stage_id = self.stage_progress
        # paused Friday 16-17 and Monday 9-11: 3 working hours, not 67
        self.assertEqual(claim.pause_ids.working_hours, 3.0)
        self.assertEqual(claim.paused_hours, 3.0)
        self.assertEqual(claim.resolution_deadline, datetime(2026, 12, 1, 11, 0))
        self.assertEqual(claim.sla_resolution_state, "running")

    def test_a_customer_reply_resumes_a_paused_claim(self):
        with freeze_time("2026-11-27 08:00:00"):
            claim = self.new_claim(stage_id=self.stage_progress.id)
        with freeze_time("2026-11-27 09:00:00"):
            claim.stage_id = self.stage_waiting
        with freeze_time("2026-11-27 11:00:00"):
            claim.message_post(
                body="Here are the photos you asked for.",
                author_id=self.contact.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(claim.stage_id, self.stage_progress)
        self.assertEqual(claim.pause_ids.end, datetime(2026, 11, 27, 11, 0))
        self.assertEqual(claim.paused_hours, 2.0)

    def test_a_priority_change_after_a_pause_keeps_the_paused_hours(self):
        urgent = self.urgent_policy()
        with freeze_time("2026-11-27 08:00:00"):  # Friday 10:00 Sofia
            claim = self.new_claim()
        with freeze_time("2026-11-27 09:00:00"):
            claim.stage_id = self.stage_waiting
        with freeze_time("2026-11-27 12:00:00"):  # 3 working hours later
            claim.stage_id = self.stage_progress
            claim.priority = "3"
        self.assertEqual(claim.policy_id, urgent)
        # 8 h + 3 h paused from Friday 10:00: Friday 7 h, Monday 4 h -> 13:00 Sofia
        self.assertEqual(claim.resolution_deadline, datetime(2026, 11, 30, 11, 0))
        self.assertEqual(claim.paused_hours, 3.0)

    def test_met_or_breached_stays_so_when_the_policy_changes(self):
        with freeze_time(FRIDAY_15H_SOFIA):
            claim = self.new_claim()
        with freeze_time("2026-11-30 10:00:00"):  # an hour after the deadline
            claim.with_user(self.ana).message_post(
                body="We are sorry, a new delivery leaves today.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(claim.sla_response_state, "breached")
        deadline = claim.response_deadline
        self.env["sla.policy"].create(
            {
                "name": "Lenient",
                "team_id": self.team.id,
                "priority": "0",
                "response_hours": 40,
                "resolution_hours": 80,
            }
        )
        claim.priority = "0"
        self.assertEqual(claim.sla_response_state, "breached")
        self.assertEqual(claim.response_deadline, deadline)
        self.assertEqual(claim.resolution_deadline.date().isoformat(), "2026-12-11")

    def test_resolving_stops_the_resolution_clock(self):
        with freeze_time(FRIDAY_15H_SOFIA):
            claim = self.new_claim()
        with freeze_time("2026-11-30 12:00:00"):
            claim.stage_id = self.stage_resolved
        self.assertEqual(claim.resolved_date, datetime(2026, 11, 30, 12, 0))
        self.assertEqual(claim.sla_resolution_state, "met")
        self.assertFalse(claim.is_open)
