"""Contract dates and quarters of client_offboarding (no Odoo)."""

from datetime import date

import pytest
from conftest import load_lib

dates = load_lib("client_offboarding", "dates")


def test_end_date_and_handover_deadline_follow_the_contract():
    end = dates.end_date(date(2026, 3, 2), 30)
    assert end == date(2026, 4, 1)
    assert dates.handover_deadline(end, 30) == date(2026, 5, 1)


def test_no_notice_ends_on_the_request_date():
    assert dates.end_date(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert dates.end_date(None, 30) is None
    assert dates.handover_deadline(None, 30) is None


def test_contract_dates_need_no_reason():
    assert (
        dates.date_problems(
            date(2026, 1, 1), 30, 30, date(2026, 1, 31), date(2026, 3, 2), ""
        )
        == []
    )


def test_an_end_inside_the_notice_needs_a_reason():
    args = (date(2026, 1, 1), 30, 30, date(2026, 1, 15), date(2026, 2, 14))
    assert dates.date_problems(*args, "  ") == [dates.END_INSIDE_NOTICE]
    assert dates.date_problems(*args, "Client's letter of 2 Jan") == []


def test_a_later_end_or_a_moved_deadline_needs_a_reason():
    assert dates.date_problems(
        date(2026, 1, 1), 30, 30, date(2026, 2, 28), date(2026, 3, 30), None
    ) == [dates.DATES_CHANGED]
    assert dates.date_problems(
        date(2026, 1, 1), 30, 30, date(2026, 1, 31), date(2026, 4, 30), None
    ) == [dates.DATES_CHANGED]


def test_impossible_dates_are_refused_even_with_a_reason():
    assert dates.END_BEFORE_REQUEST in dates.date_problems(
        date(2026, 1, 1), 30, 30, date(2025, 12, 31), date(2026, 1, 30), "x"
    )
    assert dates.HANDOVER_BEFORE_END in dates.date_problems(
        date(2026, 1, 1), 30, 30, date(2026, 1, 31), date(2026, 1, 30), "x"
    )
    assert dates.NEGATIVE_PERIOD in dates.date_problems(
        date(2026, 1, 1), -1, 30, None, None, ""
    )


@pytest.mark.parametrize(
    ("day", "label", "start", "end"),
    [
        (date(2026, 1, 1), "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 5, 20), "2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 9, 30), "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarters(day, label, start, end):
    assert dates.period_label(day) == label
    assert dates.quarter_bounds(day) == (start, end)


def test_add_months_keeps_inside_the_month():
    assert dates.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert dates.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert dates.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert dates.add_months(date(2026, 6, 1), 6) == date(2026, 12, 1)


def test_follow_up_months_are_parsed_from_settings():
    assert dates.parse_months("3, 6, 12") == [3, 6, 12]
    assert dates.parse_months("12;3,3") == [3, 12]
    assert dates.parse_months("") == []
    assert dates.parse_months("120") == [120]
    for bad in ("0", "-3", "six", "1.5", "121", "9" * 30):
        with pytest.raises(ValueError):
            dates.parse_months(bad)


def test_days_left():
    assert dates.days_left(date(2026, 1, 10), date(2026, 1, 1)) == 9
    assert dates.days_left(date(2026, 1, 1), date(2026, 1, 10)) == -9
    assert dates.days_left(None, date(2026, 1, 1)) is None
