"""The backtest of the risk score on replayed past days (lib/backtest.py)."""

import dataclasses
from datetime import date, timedelta

import pytest
from conftest import load_lib

backtest = load_lib("client_retention", "backtest")
history = load_lib("client_retention", "history")
risk = load_lib("client_retention", "risk")

S = risk.DEFAULT_SETTINGS
Facts, Move = history.Facts, history.Move


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def invoices(*days):
    return tuple(Move(i + 1, day, False, 100.0, None) for i, day in enumerate(days))


def test_snapshot_days_are_monthly_oldest_first_ending_a_horizon_ago():
    # 29 June 2024 - 90 days = 31 March; February 2024 has 29 days
    assert backtest.snapshot_days(date(2024, 6, 29), 6, 90) == [
        date(2023, 10, 31),
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]
    assert backtest.snapshot_days(date(2023, 6, 29), 3, 90) == [
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
    ]


def test_snapshot_days_over_a_year_and_a_longer_horizon():
    days = backtest.snapshot_days(date(2025, 4, 15), 13, 90)
    assert days[0] == date(2024, 1, 15) and days[-1] == date(2025, 1, 15)
    assert [(d.year, d.month) for d in days] == [(2024, m) for m in range(1, 13)] + [
        (2025, 1)
    ]
    assert {d.day for d in days} == {15}
    today = date(2025, 4, 15)
    days = backtest.snapshot_days(today, 3, 180)
    assert days[-1] == today - timedelta(days=180) == date(2024, 10, 17)
    assert days == [date(2024, 8, 17), date(2024, 9, 17), date(2024, 10, 17)]


@pytest.mark.parametrize(
    "scores, labels, auc",
    [
        ([10, 20, 30, 40], [False, False, True, True], 1.0),
        ([10, 20, 30, 40], [True, True, False, False], 0.0),
        # pairs (left, stayed): 20>10, 20<30, 40>10, 40>30: 3 of 4
        ([10, 20, 30, 40], [False, True, False, True], 0.75),
        # 20 against 20 is a tie, half a pair: 3.5 of 4
        ([10, 20, 20, 30], [False, True, False, True], 0.875),
        # the order of the input does not matter
        ([30, 20, 10, 20], [True, True, False, False], 0.875),
        ([5, 5, 5, 5, 5], [True, False, False, True, False], 0.5),
        # 2 left, 3 stayed: 50 beats 15 and 10, 15 beats 10 and ties 15: 3.5 of 6
        ([50, 15, 15, 10, 60], [True, True, False, False, False], 7 / 12),
    ],
)
def test_roc_auc_on_hand_computed_cases(scores, labels, auc):
    assert backtest.roc_auc(scores, labels) == pytest.approx(auc)


def test_roc_auc_needs_both_outcomes():
    assert backtest.roc_auc([1, 2, 3], [True, True, True]) is None
    assert backtest.roc_auc([1, 2, 3], [False, False, False]) is None
    assert backtest.roc_auc([], []) is None


def test_precision_and_recall():
    flags = [True, True, False, False, True]
    labels = [True, False, True, False, False]
    # 3 flagged, 1 of them left; 2 left, 1 of them flagged
    assert backtest.precision_recall(flags, labels) == (1 / 3, 1 / 2)
    assert backtest.precision_recall([False, False], [True, False]) == (None, 0.0)
    assert backtest.precision_recall([True, False], [False, False]) == (0.0, None)


def test_top_decile_lift_counts_ties_at_the_cut_pro_rata():
    # 20 clients, 4 left (base 0.2); the top 10 % are 2 clients: the one at
    # 90 (left) and a third of the three at 80 (one of them left):
    # (1 + 1/3) / 2 = 2/3 left, 2/3 ÷ 0.2 = 10/3
    scores = [90, 80, 80, 80] + [10] * 16
    labels = [True, False, True, False] + [True, True] + [False] * 14
    assert backtest.top_decile_lift(scores, labels) == pytest.approx(10 / 3)
    # which of the tied clients left does not matter
    shuffled = [True, True, False, False] + [True, True] + [False] * 14
    assert backtest.top_decile_lift(scores, shuffled) == pytest.approx(10 / 3)


def test_top_decile_lift_of_small_and_uneven_sets():
    # fewer than 10 clients: the top one alone; 1 ÷ 2/5
    scores = [50, 40, 30, 20, 10]
    labels = [True, False, False, False, True]
    assert backtest.top_decile_lift(scores, labels) == pytest.approx(2.5)
    # 15 clients: the top 1.5 are the one at 70 and half a client of the two
    # at 60, of whom one left; 3 left of 15: (0 + 0.5 × 1/2) / 1.5 ÷ 0.2 = 5/6
    scores = [70, 60, 60] + [10] * 12
    labels = [False, True, False] + [True, True] + [False] * 10
    assert backtest.top_decile_lift(scores, labels) == pytest.approx(5 / 6)
    assert backtest.top_decile_lift([1, 2], [False, False]) is None
    assert backtest.top_decile_lift([], []) is None


def test_calibration_bands_of_ten_points():
    scores = [0, 9, 10, 55, 99, 100]
    labels = [False, True, False, True, True, False]
    rows = backtest.calibration(scores, labels)
    assert [(a, b) for a, b, _n, _k, _s in rows] == [
        (0, 9),
        (10, 19),
        (20, 29),
        (30, 39),
        (40, 49),
        (50, 59),
        (60, 69),
        (70, 79),
        (80, 89),
        (90, 100),
    ]
    assert rows[0] == (0, 9, 2, 1, 0.5)
    assert rows[1] == (10, 19, 1, 0, 0.0)
    assert rows[5] == (50, 59, 1, 1, 1.0)
    assert rows[9] == (90, 100, 2, 1, 0.5)  # 100 falls in the last band
    assert rows[3] == (30, 39, 0, 0, None)
    assert sum(n for _a, _b, n, _k, _s in rows) == len(scores)


# Judged on 10 April and 10 June 2025, 90 days ahead:
CLIENTS = {
    # every 30 days to 31 May, then again on 15 July
    "regular": Facts(
        moves=invoices(
            *(date(2025, 1, 1) + timedelta(days=30 * i) for i in range(6)),
            date(2025, 7, 15),
        )
    ),
    # buys every 30 days, stops on 31 January: dormant from 2 May
    "fading": Facts(moves=invoices(date(2025, 1, 1), date(2025, 1, 31))),
    "newcomer": Facts(moves=invoices(date(2025, 5, 1))),  # after 10 April
    "lost": Facts(moves=invoices(date(2025, 1, 1)), losses=((date(2025, 3, 1), None),)),
    "left in silence": Facts(moves=invoices(date(2024, 1, 1))),  # over a year
    "future": Facts(moves=invoices(date(2026, 1, 1))),
}
DAYS = [date(2025, 4, 10), date(2025, 6, 10)]


def test_samples_skip_lost_clients_and_clients_yet_to_buy():
    found = backtest.samples(CLIENTS, DAYS, 90, S, False)
    assert [(s.day, s.key) for s in found] == [
        (DAYS[0], "regular"),
        (DAYS[0], "fading"),
        (DAYS[1], "regular"),
        (DAYS[1], "fading"),
        (DAYS[1], "newcomer"),
    ]
    outcome = {(s.day, s.key): (s.days_since_last, s.dormant, s.left) for s in found}
    assert outcome == {
        (DAYS[0], "regular"): (9, False, False),  # bought 1 May
        (DAYS[0], "fading"): (69, False, True),
        (DAYS[1], "regular"): (10, False, False),  # bought 15 July
        (DAYS[1], "fading"): (130, True, True),
        (DAYS[1], "newcomer"): (40, False, True),  # 130 silent days on 8 Sep
    }


def test_a_sample_is_what_the_scan_would_have_said_that_day():
    for sample in backtest.samples(CLIENTS, DAYS, 90, S, True):
        seen = history.replay(CLIENTS[sample.key], sample.day, S, True)
        result = risk.score(seen.input, S)
        assert (sample.score, sample.level) == (result.score, result.level)
        assert sample.found == risk.intensities(seen.input, S)
        assert sample.sla_breaches == 0  # the company records claims


def test_rescored_samples_are_the_scores_with_other_weights():
    found = backtest.samples(CLIENTS, DAYS, 90, S, False)
    assert backtest.rescored(found, S) == found
    other = dataclasses.replace(
        S, weight_recency=10.0, weight_short_tenure=30.0, high_threshold=50
    )
    for sample in backtest.rescored(found, other):
        entry = history.replay(CLIENTS[sample.key], sample.day, S, False).input
        result = risk.score(entry, other)
        assert (sample.score, sample.level) == (result.score, result.level)


def sample(key, score, level, days, dormant, left):
    return backtest.Sample(DAYS[0], key, score, level, days, dormant, left, {}, None)


def test_the_report():
    found = [
        sample("a", 80, "high", 200, True, True),
        sample("b", 75, "high", 40, False, False),
        sample("c", 50, "medium", 120, False, True),
        sample("d", 20, "low", 10, False, False),
        sample("a", 10, "low", 100, True, False),
    ]
    report = backtest.report(found)
    assert (report.samples, report.clients, report.left) == (5, 4, 2)
    # 80 beats all three who stayed; 50 beats 20 and 10, not 75
    assert report.auc_score == pytest.approx(5 / 6)
    assert report.auc_recency == 1.0
    # not dormant: b, c, d; c left, scored below b
    assert report.auc_active_score == 0.5
    assert report.auc_active_recency == 1.0
    assert report.high == (0.5, 0.5)
    assert report.medium == (pytest.approx(2 / 3), 1.0)
    assert report.lift == pytest.approx(2.5)  # the top one left; 2 of 5 did
    counts = [n for _a, _b, n, _k, _s in report.calibration]
    assert counts == [0, 1, 1, 0, 0, 1, 0, 1, 1, 0]  # 10, 20, 50, 75, 80
