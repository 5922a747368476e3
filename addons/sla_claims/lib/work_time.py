"""Working time of one calendar, planned in Python from its work intervals.

Odoo's ``resource.calendar.plan_hours`` reads the calendar's attendances and
leaves again on every call; a batch of claims asks it four times per claim.
``WorkTime`` reads the work intervals once per span of time (through the
``read`` function the model gives it) and answers every question of the batch
from them, the same way ``plan_hours`` and ``get_work_hours_count`` do.

All datetimes are naive UTC, as the ORM stores them.
"""

from bisect import bisect_right
from datetime import timedelta

# two weeks past the last start cover the usual targets; planning reads further
# when a target needs it
LOOKAHEAD = timedelta(days=14)
# as far as plan_hours looks: 100 steps of 14 days
HORIZON = timedelta(days=1400)


class WorkTime:
    def __init__(self, read, lookahead=LOOKAHEAD, horizon=HORIZON):
        """``read(start, end)`` returns the sorted work intervals
        ``[(start, stop), ...]`` of the calendar between two datetimes."""
        self._read = read
        self._lookahead = lookahead
        self._horizon = horizon
        self._span = None  # (start, end) read so far
        self._intervals = []
        self._stops = []

    def prepare(self, start, end=None):
        """Read the intervals from ``start`` to ``end`` (plus the lookahead)
        at once, so that the questions of a batch read nothing more."""
        end = (end or start) + self._lookahead
        if self._span and self._span[0] <= start and end <= self._span[1]:
            return
        if self._span:
            start, end = min(start, self._span[0]), max(end, self._span[1])
        self._intervals = list(self._read(start, end))
        self._stops = [stop for _start, stop in self._intervals]
        self._span = (start, end)

    def plan(self, hours, start):
        """The moment ``hours`` working hours after ``start`` (exactly at the
        end of an interval when the hours fill it), or None when the calendar
        has no such working time within the horizon."""
        self.prepare(start)
        planned_from = start
        while True:
            index = bisect_right(self._stops, planned_from)
            for interval_start, stop in self._intervals[index:]:
                interval_start = max(interval_start, planned_from)
                length = (stop - interval_start).total_seconds() / 3600
                if hours <= length:
                    return interval_start + timedelta(hours=hours)
                hours -= length
                planned_from = stop
            # every interval read is used up: read further, up to the horizon
            planned_from = max(planned_from, self._span[1])
            if planned_from - start >= self._horizon:
                return None
            self.prepare(self._span[0], planned_from + 4 * self._lookahead)

    def hours_between(self, start, end):
        """Working hours between two moments."""
        if end <= start:
            return 0.0
        self.prepare(start, end)
        index = bisect_right(self._stops, start)
        total = 0.0
        for interval_start, stop in self._intervals[index:]:
            if interval_start >= end:
                break
            total += (min(stop, end) - max(interval_start, start)).total_seconds()
        return total / 3600


class WorkTimes:
    """A ``WorkTime`` per calendar for one batch of work: ``work(calendar)``.

    ``read(calendar, start, end)`` returns a calendar's work intervals.
    """

    def __init__(self, read):
        self._read = read
        self._by_calendar = {}

    def __call__(self, calendar):
        if calendar not in self._by_calendar:
            self._by_calendar[calendar] = WorkTime(
                lambda start, end: self._read(calendar, start, end)
            )
        return self._by_calendar[calendar]
