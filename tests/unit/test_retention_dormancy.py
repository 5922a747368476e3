from datetime import date, timedelta

import pytest
from conftest import load_lib

dormancy = load_lib("client_retention", "dormancy")

TODAY = date(2026, 6, 30)
DAY = timedelta(days=1)


def test_a_frequent_buyer_is_not_dormant_before_the_floor():
    assert not dormancy.is_dormant(90, avg_interval_days=10)
    assert dormancy.is_dormant(91, avg_interval_days=10)


def test_a_slow_buyer_is_judged_on_its_own_rhythm():
    # buys every 60 days: dormant only after 2 × 60 = 120 days
    assert not dormancy.is_dormant(120, avg_interval_days=60)
    assert dormancy.is_dormant(121, avg_interval_days=60)
    assert dormancy.threshold_days(60) == 120


def test_without_a_rhythm_only_the_floor_counts():
    assert dormancy.threshold_days(None) == 90
    assert not dormancy.is_dormant(90, avg_interval_days=None)
    assert dormancy.is_dormant(91, avg_interval_days=None)


def test_floor_and_factor_are_settings():
    assert dormancy.is_dormant(31, None, floor_days=30)
    assert not dormancy.is_dormant(170, 60, factor=3.0)
    assert dormancy.is_dormant(181, 60, factor=3.0)


def test_a_partner_that_never_bought_is_never_dormant():
    assert not dormancy.is_dormant(None, None)
    assert dormancy.dormant_since(None, None, TODAY) is None
    assessed = dormancy.assess(None, None, TODAY)
    assert not assessed.dormant and not assessed.send_reactivation
    assert not assessed.silent_leave and assessed.silent_leave_date is None


def test_dormant_since_is_the_first_day_past_the_threshold():
    last = date(2026, 1, 1)
    assert dormancy.dormant_since(last, None, TODAY) == last + 91 * DAY
    # 2 × 45.3 = 90.6 days: the 91st day is the first one past it
    assert dormancy.dormant_since(last, 45.3, TODAY) == last + 91 * DAY
    assert dormancy.dormant_since(last, 60, TODAY) == last + 121 * DAY


def test_dormant_since_does_not_depend_on_when_the_scan_runs():
    last = date(2026, 1, 1)
    dates = {dormancy.dormant_since(last, 30, last + n * DAY) for n in (91, 98, 200)}
    assert dates == {last + 91 * DAY}


def test_not_yet_dormant_has_no_dormant_since():
    assert dormancy.dormant_since(TODAY - 90 * DAY, None, TODAY) is None
    assert dormancy.dormant_since(TODAY + 3 * DAY, None, TODAY) is None


def test_an_invoice_dated_ahead_is_not_a_dormancy():
    assessed = dormancy.assess(TODAY + 10 * DAY, 30, TODAY)
    assert not assessed.dormant and assessed.dormant_since is None


def scan(last, sent, today, interval=30, **settings):
    """One nightly scan: returns the assessment and the sent date after it."""
    assessed = dormancy.assess(last, interval, today, sent, **settings)
    return assessed, (today if assessed.send_reactivation else sent)


def test_one_reactivation_mail_per_episode_over_repeated_scans():
    last, sent, mails = date(2026, 1, 1), None, 0
    for n in range(85, 200):
        assessed, sent = scan(last, sent, last + n * DAY)
        mails += assessed.send_reactivation
    assert mails == 1
    assert sent == last + 91 * DAY


def test_a_new_purchase_ends_the_episode_and_the_next_dormancy_mails_again():
    first_last = date(2026, 1, 1)
    _assessed, sent = scan(first_last, None, first_last + 100 * DAY)
    assert sent == first_last + 100 * DAY
    new_last = first_last + 120 * DAY  # the client came back
    assessed, sent = scan(new_last, sent, new_last + 10 * DAY)
    assert not assessed.dormant and not assessed.send_reactivation
    assessed, _sent = scan(new_last, sent, new_last + 95 * DAY)
    assert assessed.send_reactivation


def test_changing_the_floor_mid_episode_sends_no_second_mail():
    last = date(2026, 1, 1)
    _assessed, sent = scan(last, None, last + 91 * DAY)
    assessed, _sent = scan(last, sent, last + 130 * DAY, floor_days=120)
    assert assessed.dormant
    assert assessed.dormant_since == last + 121 * DAY  # after the mail
    assert not assessed.send_reactivation


def test_no_mail_for_a_client_that_is_not_dormant():
    assert not dormancy.new_episode(False, TODAY - 200 * DAY, None)
    assert not dormancy.new_episode(True, None, None)


def test_silent_leave_after_a_year_without_purchase():
    assert not dormancy.is_silent_leave(365, 30)
    assert dormancy.is_silent_leave(366, 30)
    assert dormancy.is_silent_leave(366, None)
    assert not dormancy.is_silent_leave(None, None)
    assert dormancy.is_silent_leave(181, 30, silent_leave_days=180)


def test_a_client_buying_every_200_days_is_dormant_before_it_is_lost():
    assert not dormancy.is_silent_leave(366, 200)  # not even dormant yet
    assert not dormancy.is_dormant(366, 200)
    assert dormancy.is_silent_leave(401, 200)
    last = date(2025, 1, 1)
    assert dormancy.silent_leave_date(last, 200) == last + 401 * DAY


def test_the_inferred_loss_is_dated_when_the_rule_first_held():
    last = date(2025, 1, 1)
    assessed = dormancy.assess(last, 30, last + 500 * DAY)
    assert assessed.silent_leave
    assert assessed.silent_leave_date == last + 366 * DAY
    assert dormancy.assess(last, 30, last + 365 * DAY).silent_leave_date is None


@pytest.mark.parametrize(
    "flags, expected",
    [
        ({}, "active"),
        ({"high_risk": True}, "at_risk"),
        ({"dormant": True, "high_risk": True}, "dormant"),
        ({"leaving": True, "dormant": True}, "leaving"),
        ({"lost": True, "leaving": True, "dormant": True}, "lost"),
    ],
)
def test_the_retention_state_shows_the_gravest_fact(flags, expected):
    assert dormancy.retention_state(has_purchase=True, **flags) == expected


def test_a_partner_that_never_bought_has_no_retention_state():
    assert dormancy.retention_state(has_purchase=False, high_risk=True) is None


def test_states_are_a_selection_of_stable_codes():
    codes = [code for code, _label in dormancy.STATES]
    assert codes == ["active", "at_risk", "dormant", "leaving", "lost"]
