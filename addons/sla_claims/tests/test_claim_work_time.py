"""Deadlines planned from work intervals read once per batch are the ones
resource.calendar.plan_hours gives, question by question."""

import random
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimWorkTime(ClaimsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Monday to Friday 8-12 and 13-17 in Sofia, Friday afternoon off, and
        # a public holiday
        cls.office = cls.env["resource.calendar"].create(
            {
                "name": "Sofia, lunch break",
                "tz": "Europe/Sofia",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                    if not (day == 4 and period == "afternoon")
                ],
            }
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.office.id,
                "date_from": datetime(2026, 12, 23, 22, 0),
                "date_to": datetime(2026, 12, 24, 21, 59, 59),
            }
        )

    def test_planning_agrees_with_plan_hours(self):
        work = self.env["sla.claim"]._work_times()(self.office)
        rng = random.Random(2026)
        start = datetime(2026, 11, 20)
        work.prepare(start, start + timedelta(days=60))
        for _n in range(150):
            moment = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
            hours = rng.choice([0.5, 1, 2, 3.25, 4, 8, 16, 24, 40, 80])
            expected = self.office.plan_hours(hours, moment, compute_leaves=True)
            with self.subTest(moment=moment, hours=hours):
                self.assertEqual(
                    work.plan(hours, moment).replace(microsecond=0),
                    expected.replace(microsecond=0),
                )
                end = moment + timedelta(hours=hours * 3)
                self.assertAlmostEqual(
                    work.hours_between(moment, end),
                    self.office.get_work_hours_count(moment, end, compute_leaves=True),
                    places=6,
                )
