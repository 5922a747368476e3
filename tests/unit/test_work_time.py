"""WorkTime plans like resource.calendar.plan_hours, from intervals read once."""

from datetime import datetime, timedelta

from conftest import load_lib

work_time = load_lib("sla_claims", "work_time")

MONDAY = datetime(2026, 11, 30)


def office(start, end, holidays=()):
    """Monday to Friday 9-12 and 13-17 (naive UTC), without ``holidays``."""
    intervals = []
    day = start.replace(hour=0, minute=0)
    while day < end:
        if day.weekday() < 5 and day.date() not in holidays:
            for begin, finish in ((9, 12), (13, 17)):
                interval = (day + timedelta(hours=begin), day + timedelta(hours=finish))
                if interval[1] > start and interval[0] < end:
                    intervals.append((max(interval[0], start), min(interval[1], end)))
        day += timedelta(days=1)
    return intervals


class Reader:
    def __init__(self, holidays=()):
        self.calls = []
        self.holidays = holidays

    def __call__(self, start, end):
        self.calls.append((start, end))
        return office(start, end, self.holidays)


def test_hours_are_planned_on_working_intervals_only():
    work = work_time.WorkTime(Reader())
    friday_15h = datetime(2026, 11, 27, 15, 0)
    assert work.plan(2, friday_15h) == datetime(2026, 11, 27, 17, 0)  # fills it
    assert work.plan(4, friday_15h) == datetime(2026, 11, 30, 11, 0)
    assert work.plan(0.5, datetime(2026, 11, 30, 12, 15)) == datetime(
        2026, 11, 30, 13, 30
    )


def test_a_batch_reads_the_intervals_once():
    reader = Reader()
    work = work_time.WorkTime(reader)
    work.prepare(MONDAY, MONDAY + timedelta(days=3))
    for hour in range(100):
        work.plan(16, MONDAY + timedelta(hours=hour % 72))
    assert len(reader.calls) == 1


def test_planning_reads_further_when_needed_and_skips_holidays():
    reader = Reader(holidays={datetime(2026, 12, 1).date()})
    work = work_time.WorkTime(reader, lookahead=timedelta(days=2))
    # Monday 9-17 is 7 h, Tuesday is a holiday, so 10 h end Wednesday 12:00
    assert work.plan(10, MONDAY) == datetime(2026, 12, 2, 12, 0)
    # 400 h is ten weeks on: far beyond the first read
    assert work.plan(400, MONDAY) > MONDAY + timedelta(weeks=10)
    assert len(reader.calls) > 1


def test_a_calendar_without_working_time_plans_nothing():
    work = work_time.WorkTime(lambda start, end: [], horizon=timedelta(days=60))
    assert work.plan(1, MONDAY) is None


def test_working_hours_between_two_moments():
    work = work_time.WorkTime(Reader())
    assert work.hours_between(MONDAY, MONDAY + timedelta(days=7)) == 35.0
    assert (
        work.hours_between(
            datetime(2026, 11, 30, 11, 0), datetime(2026, 11, 30, 14, 30)
        )
        == 2.5
    )
    assert work.hours_between(MONDAY, MONDAY) == 0.0
