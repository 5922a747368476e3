"""A client replayed on a past day from dated facts (lib/history.py)."""

from datetime import date, timedelta

import pytest
from conftest import load_lib

history = load_lib("client_retention", "history")
risk = load_lib("client_retention", "risk")
snapshot = load_lib("client_retention", "snapshot")

S = risk.DEFAULT_SETTINGS
Move, Settlement, Receivable = history.Move, history.Settlement, history.Receivable
Claim, Survey, Facts = history.Claim, history.Survey, history.Facts
DAY = date(2025, 6, 30)
NEXT = DAY + timedelta(days=1)


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def invoice(id_, day, amount):
    return Move(id_, day, False, amount, None)


def refund(id_, day, amount, of=None):
    return Move(id_, day, True, -amount, of)


def bought(moves, day):
    return history.bought_at(moves, day, snapshot.windows(day, S))


def paid(receivables, day):
    return history.paid_at(receivables, day, snapshot.windows(day, S))


def every(days, first, count):
    """``count`` invoices of 100, ``days`` apart from ``first``."""
    return tuple(
        invoice(i + 1, first + timedelta(days=days * i), 100.0) for i in range(count)
    )


# What the company knew on DAY: three invoices, the last one open and overdue,
# a claim with a missed response, a rating of 4, a survey at 80.
KNOWN = Facts(
    moves=(
        invoice(1, date(2025, 1, 15), 1000.0),
        invoice(2, date(2025, 3, 15), 600.0),
        invoice(3, date(2025, 5, 15), 400.0),
    ),
    receivables=(
        Receivable(
            date(2025, 1, 15),
            date(2025, 2, 14),
            1000.0,
            (Settlement(date(2025, 2, 20), 1000.0, False),),  # 6 days late
        ),
        Receivable(
            date(2025, 3, 15),
            date(2025, 4, 14),
            600.0,
            (Settlement(date(2025, 4, 14), 600.0, False),),  # on time
        ),
        Receivable(date(2025, 5, 15), date(2025, 6, 14), 400.0, ()),
    ),
    claims=(Claim(date(2025, 5, 1), False, (date(2025, 5, 3),)),),
    ratings=((date(2025, 5, 10), 4),),
    surveys=(Survey(date(2025, 4, 1), 80.0),),
)
# The same client with what happened on the next day: invoice 2 refunded in
# full, invoice 3 paid 17 days late, the claim's resolution deadline missed,
# an unfounded claim, a rating of 1, a survey at 20 and a churn event.
LATER = Facts(
    moves=(*KNOWN.moves, refund(10, NEXT, 600.0, of=2)),
    receivables=(
        *KNOWN.receivables[:2],
        KNOWN.receivables[2]._replace(settlements=(Settlement(NEXT, 400.0, False),)),
    ),
    claims=(
        Claim(date(2025, 5, 1), False, (date(2025, 5, 3), NEXT)),
        Claim(NEXT, True, ()),
    ),
    ratings=(*KNOWN.ratings, (NEXT, 1)),
    surveys=(*KNOWN.surveys, Survey(NEXT, 20.0)),
    losses=((NEXT, None),),
)


def test_no_fact_dated_after_the_day_leaks_into_it():
    assert history.replay(LATER, DAY, S, True) == history.replay(KNOWN, DAY, S, True)
    seen = history.replay(LATER, DAY, S, True)
    assert seen.bought["last_date"] == date(2025, 5, 15)
    assert seen.bought["distinct_days"] == 3 and seen.bought["net_amount"] == 2000
    entry = seen.input
    assert entry.overdue_amount == 400.0
    assert entry.avg_payment_delay_days == 3.0  # 6 and 0 days late
    assert (entry.claims, entry.unfounded_claims, entry.sla_breaches) == (1, 0, 1)
    assert (entry.rating_count, entry.low_rating_count) == (1, 0)
    assert entry.satisfaction == 80.0
    assert not seen.lost


def test_later_facts_count_from_their_own_day():
    seen = history.replay(LATER, NEXT, S, True)
    assert seen.bought["last_date"] == date(2025, 5, 15)
    assert seen.bought["distinct_days"] == 2  # invoice 2 is no purchase any more
    assert seen.bought["net_amount"] == 1400
    entry = seen.input
    assert entry.overdue_amount == 0.0
    assert entry.avg_payment_delay_days == pytest.approx((6 + 0 + 17) / 3)
    assert (entry.claims, entry.unfounded_claims, entry.sla_breaches) == (2, 1, 2)
    assert (entry.rating_count, entry.low_rating_count) == (2, 1)
    assert entry.satisfaction == 20.0
    assert seen.lost


def test_an_invoice_refunded_in_full_stops_being_a_purchase_from_the_refunds_date():
    moves = (
        invoice(1, date(2025, 1, 10), 100.0),
        invoice(2, date(2025, 3, 10), 200.0),
        refund(3, date(2025, 4, 20), 200.0, of=2),
        refund(4, date(2025, 5, 5), 30.0, of=1),  # partly: still a purchase
        refund(5, date(2025, 5, 6), 500.0),  # a goodwill credit of no invoice
    )
    before = bought(moves, date(2025, 4, 19))  # the trend window opens 20 Jan
    assert (before["last_date"], before["distinct_days"]) == (date(2025, 3, 10), 2)
    assert (before["invoice_count"], before["net_amount"]) == (2, 300.0)
    assert (before["recent_count"], before["count_before"]) == (1, 1)
    assert (before["recent_revenue"], before["revenue_before"]) == (200.0, 100.0)
    on = bought(moves, date(2025, 4, 20))
    assert (on["first_date"], on["last_date"]) == (date(2025, 1, 10),) * 2
    assert (on["distinct_days"], on["invoice_count"], on["net_amount"]) == (1, 1, 100)
    assert (on["recent_count"], on["recent_revenue"]) == (0, 0.0)
    seen = history.replay(Facts(moves=moves), date(2025, 4, 20), S, False)
    assert seen.figures.days_since_last == 100
    assert seen.input.purchase_days == 1
    partly = bought(moves, date(2025, 5, 5))
    assert partly["distinct_days"] == 1 and partly["net_amount"] == 70.0
    credited = bought(moves, date(2025, 5, 6))
    assert credited["distinct_days"] == 1 and credited["net_amount"] == -430.0
    assert bought(moves, date(2025, 1, 9)) is None


RECEIVABLES = (
    Receivable(  # due 31 Jan, paid 20 Feb: 20 days late
        date(2025, 1, 1),
        date(2025, 1, 31),
        1000.0,
        (Settlement(date(2025, 2, 20), 1000.0, False),),
    ),
    Receivable(  # due 31 Mar, 200 paid 5 Apr, the rest credited 10 Apr
        date(2025, 3, 1),
        date(2025, 3, 31),
        500.0,
        (
            Settlement(date(2025, 4, 5), 200.0, False),
            Settlement(date(2025, 4, 10), 300.0, True),
        ),
    ),
    Receivable(date(2025, 4, 1), None, 300.0, ()),  # no due date: never overdue
    Receivable(  # settled by a credit note alone: not paid, never late
        date(2025, 5, 1),
        date(2025, 5, 31),
        200.0,
        (Settlement(date(2025, 6, 20), 200.0, True),),
    ),
    Receivable(  # paid 30 days late, more than a year before 2025's days
        date(2024, 1, 1),
        date(2024, 1, 31),
        100.0,
        (Settlement(date(2024, 3, 1), 100.0, False),),
    ),
)


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2024, 2, 29), (100.0, None)),
        (date(2024, 3, 1), (None, 30.0)),
        (date(2025, 1, 31), (None, None)),  # due today is not overdue yet
        (date(2025, 2, 1), (1000.0, None)),
        (date(2025, 2, 20), (None, 20.0)),
        (date(2025, 4, 1), (500.0, 20.0)),
        (date(2025, 4, 5), (300.0, 20.0)),
        (date(2025, 4, 10), (None, 15.0)),  # (20 + 10) / 2
        (date(2025, 6, 10), (200.0, 15.0)),
        (date(2025, 6, 20), (None, 15.0)),
    ],
)
def test_overdue_and_days_late_on_a_day(day, expected):
    assert paid(RECEIVABLES, day) == expected


def test_overdue_and_days_late_reach_the_risk_input():
    facts = Facts(
        moves=(invoice(1, date(2025, 1, 1), 1000.0),), receivables=RECEIVABLES
    )
    entry = history.replay(facts, date(2025, 4, 5), S, False).input
    assert (entry.overdue_amount, entry.avg_payment_delay_days) == (300.0, 20.0)
    assert entry.avg_invoice_amount == 1000.0
    entry = history.replay(facts, date(2025, 2, 20), S, False).input
    assert (entry.overdue_amount, entry.avg_payment_delay_days) == (0.0, 20.0)


def test_claims_and_ratings_in_their_windows():
    facts = Facts(
        claims=(
            Claim(date(2025, 3, 1), False, (date(2025, 4, 10),)),  # before the window
            Claim(date(2025, 4, 2), True, ()),  # first day of the 90 days
            Claim(date(2025, 6, 1), False, (date(2025, 6, 2), date(2025, 6, 20))),
        ),
        ratings=((date(2024, 6, 30), 1), (date(2024, 7, 1), 2), (date(2025, 6, 1), 3)),
    )
    win = snapshot.windows(DAY, S)
    assert history.claims_at(facts, DAY, win, True) == (2, 1, 3, 2, 1)
    assert history.claims_at(facts, DAY, win, False) is None
    assert history.claims_at(Facts(), DAY, win, True) == (0, 0, 0, 0, 0)
    no_claims = history.replay(Facts(), DAY, S, False).input
    assert no_claims.claims is None and no_claims.sla_breaches is None


def test_the_latest_survey_on_or_before_the_day():
    # in the order they were completed, as the Odoo layer loads them
    surveys = (
        Survey(date(2025, 3, 1), 90.0),
        Survey(date(2025, 5, 1), 40.0),
        Survey(date(2025, 5, 1), 60.0),  # the same day, completed later
    )
    assert history.satisfaction_at(surveys, date(2025, 2, 28)) is None
    assert history.satisfaction_at(surveys, date(2025, 4, 30)) == 90.0
    assert history.satisfaction_at(surveys, date(2025, 5, 1)) == 60.0
    assert history.satisfaction_at((), date(2025, 5, 1)) is None


def test_a_loss_stands_from_its_date_until_won_back():
    losses = ((date(2025, 3, 1), date(2025, 6, 1)), (date(2025, 9, 1), None))
    for day, lost in [
        (date(2025, 2, 28), False),
        (date(2025, 3, 1), True),
        (date(2025, 5, 31), True),
        (date(2025, 6, 1), False),  # won back
        (date(2025, 8, 31), False),
        (date(2025, 9, 1), True),
        (date(2030, 1, 1), True),  # never won back
    ]:
        assert history.lost_at(losses, day) is lost, day
    facts = Facts(moves=every(30, date(2025, 1, 1), 8), losses=losses)
    assert history.replay(facts, date(2025, 4, 1), S, False).lost
    assert not history.replay(facts, date(2025, 7, 1), S, False).lost


def test_a_silent_leave_is_a_loss_without_a_churn_event():
    facts = Facts(moves=(invoice(1, date(2024, 1, 1), 100.0),))
    assert not history.replay(facts, date(2024, 12, 31), S, False).lost  # 365 days
    assert history.replay(facts, date(2025, 1, 1), S, False).lost  # 366


def test_before_any_purchase_there_is_nothing_to_score():
    facts = Facts(moves=(invoice(1, date(2025, 7, 1), 100.0),))
    seen = history.replay(facts, DAY, S, True)
    assert seen.bought is None and seen.figures.last_purchase is None
    assert seen.input.days_since_last is None and not seen.lost


def test_an_invoices_only_one_time_buyer_long_silent_replays_as_high_risk():
    first = DAY - timedelta(days=200)
    due = first + timedelta(days=30)
    facts = Facts(
        moves=(invoice(1, first, 100.0),),
        receivables=(Receivable(first, due, 100.0, (Settlement(due, 100.0, False),)),),
    )
    entry = history.replay(facts, DAY, S, False).input
    assert entry.purchase_days == 1
    assert entry.tenure_days == entry.days_since_last == 200
    assert entry.previous_count == pytest.approx(90 / 111)  # 111 days of history
    assert (entry.recent_count, entry.overdue_amount) == (0, 0.0)
    assert entry.avg_payment_delay_days == 0.0 and entry.claims is None
    result = risk.score(entry)
    assert result.score == 78 and result.level == "high"  # as in test_retention_risk


# Regular: every 30 days to 31 May (dormant after 90 days); slow: every 60
# days to 1 May (dormant after 120). Both judged on 10 June.
JUDGED = date(2025, 6, 10)
REGULAR = Facts(moves=every(30, date(2025, 1, 1), 6))
SLOW = Facts(moves=every(60, date(2025, 1, 1), 3))


def left(facts, horizon, day=JUDGED):
    figures = history.replay(facts, day, S, False).figures
    return history.left_within(facts, day, horizon, figures, S)


def test_left_within_the_horizon():
    assert REGULAR.moves[-1].date == date(2025, 5, 31)
    assert left(REGULAR, 90)  # silent 100 days by 8 September: dormant
    assert not left(REGULAR, 60)  # silent 70 days by 9 August: not yet dormant
    assert not left(SLOW, 60)  # silent 100 of its 120 days at the end
    assert left(SLOW, 90)  # 130 of 120


def test_buying_again_in_the_horizon_is_not_leaving():
    again = REGULAR._replace(moves=(*REGULAR.moves, invoice(9, date(2025, 9, 8), 50.0)))
    assert not left(again, 90)
    after = REGULAR._replace(moves=(*REGULAR.moves, invoice(9, date(2025, 9, 9), 50.0)))
    assert left(after, 90)
    credit = REGULAR._replace(moves=(*REGULAR.moves, refund(9, date(2025, 7, 1), 50.0)))
    assert left(credit, 90)  # a credit note is no purchase


def test_a_churn_event_in_the_horizon_is_leaving():
    moves = (*REGULAR.moves, invoice(9, date(2025, 7, 1), 50.0))
    assert left(Facts(moves=moves, losses=((date(2025, 7, 15), None),)), 90)
    assert left(Facts(moves=moves, losses=((date(2025, 9, 8), None),)), 90)
    assert not left(Facts(moves=moves, losses=((date(2025, 9, 9), None),)), 90)
    assert not left(Facts(moves=moves, losses=((JUDGED, None),)), 90)
