from datetime import datetime, timedelta

from conftest import load_lib

schedule = load_lib("sla_claims", "sla_schedule")

NOW = datetime(2026, 11, 27, 15, 0)
HOUR = timedelta(hours=1)


def due(trigger, **facts):
    values = {
        "state": "running",
        "live": True,
        "at_risk_date": NOW + HOUR,
        "deadline": NOW + 2 * HOUR,
        "after_due": NOW + 5 * HOUR,
    }
    values.update(facts)
    return schedule.escalation_due_at(trigger, **values)


def test_a_running_clock_changes_at_its_at_risk_date_then_its_deadline():
    assert schedule.clock_change_at("running", NOW + HOUR, NOW + 2 * HOUR) == NOW + HOUR
    assert schedule.clock_change_at("running", None, NOW + 2 * HOUR) == NOW + 2 * HOUR
    assert schedule.clock_change_at("at_risk", NOW - HOUR, NOW + 2 * HOUR) == (
        NOW + 2 * HOUR
    )
    for state in ("paused", "met", "breached"):
        assert schedule.clock_change_at(state, NOW, NOW + HOUR) is None


def test_escalations_fall_due_by_their_trigger():
    assert due("before_breach") == NOW + HOUR
    assert due("at_breach") == NOW + 2 * HOUR
    assert due("after_breach") == NOW + 5 * HOUR
    assert due("after_breach", state="breached") == NOW + 5 * HOUR


def test_no_escalation_for_a_stopped_paused_or_met_clock():
    assert due("at_breach", live=False) is None
    assert due("at_breach", state="paused") is None
    assert due("at_breach", state="met") is None
    assert due("at_breach", deadline=None) is None


def test_the_next_check_is_the_earliest_moment_and_always_after_now():
    assert schedule.next_check([None, NOW + 2 * HOUR, NOW + HOUR], NOW) == NOW + HOUR
    assert schedule.next_check([None], NOW) is None
    assert schedule.next_check([], NOW) is None
    # a deadline of exactly now is breached only once passed: look again just
    # after, so one run of the check always ends
    assert schedule.next_check([NOW], NOW) > NOW
    assert schedule.next_check([NOW - HOUR], NOW) > NOW
