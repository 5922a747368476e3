from datetime import datetime, timedelta

import pytest
from conftest import load_lib

rules = load_lib("sla_claims", "sla_rules")

NOW = datetime(2026, 11, 27, 15, 0)
HOUR = timedelta(hours=1)


def state(**kwargs):
    kwargs.setdefault("now", NOW)
    return rules.clock_state(**kwargs)


def test_a_clock_before_its_at_risk_date_is_running():
    assert state(deadline=NOW + 4 * HOUR, at_risk_date=NOW + HOUR) == "running"


def test_a_clock_past_its_at_risk_date_is_at_risk():
    assert state(deadline=NOW + HOUR, at_risk_date=NOW - HOUR) == "at_risk"
    assert state(deadline=NOW + HOUR, at_risk_date=NOW) == "at_risk"


def test_a_clock_past_its_deadline_is_breached():
    assert state(deadline=NOW - HOUR, at_risk_date=NOW - 2 * HOUR) == "breached"


def test_a_clock_stopped_by_the_deadline_is_met_else_breached():
    assert state(deadline=NOW, stopped_at=NOW) == "met"
    assert state(deadline=NOW, stopped_at=NOW + HOUR) == "breached"
    # stopping is what counts, not the time the state is looked at
    assert state(deadline=NOW - HOUR, stopped_at=NOW - 2 * HOUR) == "met"


def test_a_paused_clock_is_paused_unless_it_was_already_late():
    assert state(deadline=NOW - HOUR, paused_since=NOW - 2 * HOUR) == "paused"
    assert state(deadline=NOW - HOUR, paused_since=NOW - HOUR / 2) == "breached"


@pytest.mark.parametrize("final", ["met", "breached"])
def test_met_or_breached_stays_so(final):
    assert state(deadline=NOW + 9 * HOUR, previous=final) == final
    assert (
        state(deadline=NOW - 9 * HOUR, stopped_at=NOW - 10 * HOUR, previous=final)
        == final
    )


def test_without_a_target_a_clock_is_met_once_stopped():
    assert state(deadline=None) == "running"
    assert state(deadline=None, paused_since=NOW) == "paused"
    assert state(deadline=None, stopped_at=NOW) == "met"


def test_at_risk_hours_are_a_share_of_the_target():
    assert rules.at_risk_hours(8, 75) == 6
    assert rules.at_risk_hours(40, 50) == 20


def test_pauses_after_the_first_response_do_not_count_for_it():
    def count(start, end):
        return (end - start) / HOUR

    pauses = [
        rules.Pause(NOW - 10 * HOUR, NOW - 8 * HOUR, 2.0),  # before: counts
        rules.Pause(NOW - 2 * HOUR, NOW + 2 * HOUR, 4.0),  # cut by the response
        rules.Pause(NOW + 3 * HOUR, NOW + 5 * HOUR, 2.0),  # after: does not count
        rules.Pause(NOW + 6 * HOUR, None, 0.0),  # still open: not yet counted
    ]
    assert rules.paused_hours_before(pauses, NOW, count) == 4.0
    assert rules.paused_hours_before(pauses, None, count) == 8.0


def rank(**criteria):
    flags = dict.fromkeys(
        ("has_partner", "has_partner_tag", "has_category", "has_priority"), False
    )
    return rules.policy_rank(**{**flags, **criteria})


def test_the_most_specific_policy_comes_first():
    ordered = sorted(
        [
            ("company default", rank(sequence=1)),
            ("team", rank(has_team=True)),
            ("priority", rank(has_priority=True)),
            ("category", rank(has_category=True)),
            ("tag", rank(has_partner_tag=True)),
            ("partner", rank(has_partner=True, sequence=99)),
        ],
        key=lambda item: item[1],
    )
    assert [name for name, _ in ordered] == [
        "partner",
        "tag",
        "category",
        "priority",
        "team",
        "company default",
    ]
    # same most-specific criterion: the one setting more criteria wins,
    # then the lower sequence
    assert rank(has_category=True, has_priority=True) < rank(has_category=True)
    assert rank(has_category=True, sequence=1) < rank(has_category=True, sequence=2)


def test_a_teams_policy_beats_the_companys():
    assert rank(has_team=True) < rank()
    assert rank(has_priority=True) < rank(has_team=True)
    assert rank(has_priority=True, has_team=True) < rank(has_priority=True)
