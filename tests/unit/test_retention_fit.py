"""Fitting the risk weights to the company's history (lib/fit.py)."""

import dataclasses
import math
from datetime import date

import pytest
from conftest import load_lib

backtest = load_lib("client_retention", "backtest")
fitting = load_lib("client_retention", "fit")
risk = load_lib("client_retention", "risk")

S = risk.DEFAULT_SETTINGS
GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
MONTHS = [date(2024, month, 1) for month in range(1, 13)]


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def with_weights(settings, weights):
    return dataclasses.replace(
        settings, **{f"weight_{code}": value for code, value in weights.items()}
    )


def only(code):
    """Settings with all the weight on one factor."""
    return with_weights(S, {c: 100.0 if c == code else 0.0 for c in risk.FACTORS})


def recency_says(a, _b):
    return a >= 0.75


def grid_samples(day, settings, left=recency_says):
    """25 clients on ``day`` with recency ``a`` and claims ``b`` (every value
    of one meets every value of the other), scored by ``settings``; by
    default recency says who leaves and the claims are noise."""
    result = []
    for a in GRID:
        for b in GRID:
            found = {"recency": a, "claims": b}
            score = risk.rescore(found, 0, settings)
            level = risk.level_of(score, settings)
            sample = backtest.Sample(
                day, (a, b), score, level, 0, False, left(a, b), found, 0
            )
            result.append(sample)
    return result


def history_of(settings, learnt=recency_says, judged=None):
    """The grid on every month; ``judged`` says who leaves from September."""
    return [
        sample
        for day in MONTHS
        for sample in grid_samples(
            day, settings, judged if judged and day >= MONTHS[8] else learnt
        )
    ]


def test_split_keeps_learning_days_a_horizon_before_the_first_judged_day():
    learn, judge = fitting.split(MONTHS, 90)
    assert judge == MONTHS[8:]  # the latest third: September to December
    # 1 September - 90 days = 3 June: July and August would see September
    assert learn == MONTHS[:6]
    assert fitting.split(list(reversed(MONTHS)), 90) == (learn, judge)
    # a learning day whose horizon ends on the first judged day is kept
    assert fitting.split(MONTHS, 92)[0] == MONTHS[:6]  # 1 June + 92 = 1 Sep
    assert fitting.split(MONTHS, 93)[0] == MONTHS[:5]
    assert fitting.split(MONTHS, 180) == (MONTHS[:3], MONTHS[8:])


def test_split_judges_at_least_one_day():
    assert fitting.split(MONTHS[:2], 30) == ([MONTHS[0]], [MONTHS[1]])
    assert fitting.split(MONTHS[:2], 90) == ([], [MONTHS[1]])
    assert fitting.split(MONTHS, 30, held_out=2) == (MONTHS[:10], MONTHS[10:])


def test_logistic_without_penalty_gives_the_odds_by_hand():
    # x = 1: 3 of 4 left (odds 3); x = 0: 1 of 4 (odds 1/3)
    rows = [[(0, 1.0)]] * 4 + [[]] * 4
    labels = [True, True, True, False, True, False, False, False]
    intercept, slope = fitting.logistic(rows, labels, 1, l2=0.0)
    assert intercept == pytest.approx(-math.log(3), abs=1e-6)
    assert slope == pytest.approx(2 * math.log(3), abs=1e-6)
    _intercept, shrunk = fitting.logistic(rows, labels, 1)
    assert 0 < shrunk < slope  # the ridge pulls towards 0


def test_logistic_recovers_the_sign_and_order_of_known_effects():
    # a raises the risk, c lowers it half as much, b is noise
    rows, labels = [], []
    for a in GRID:
        for b in GRID:
            for c in GRID:
                rows.append([(i, x) for i, x in enumerate((a, b, c)) if x])
                labels.append(a - c / 2 > 0.3)
    _intercept, beta_a, beta_b, beta_c = fitting.logistic(rows, labels, 3)
    assert beta_a > 1 and beta_c < -1
    assert beta_a > -beta_c > 100 * abs(beta_b)
    assert abs(beta_b) < 1e-6


def factor_samples(left, **values):
    """One sample per combination of the factors' values."""
    codes = list(values)
    combos = [{}]
    for code in codes:
        combos = [{**combo, code: v} for combo in combos for v in values[code]]
    return [
        backtest.Sample(MONTHS[0], i, 0, "low", 0, False, left(f), f, 0)
        for i, f in enumerate(combos)
    ]


CURRENT = {code: S.weight(code) for code in risk.FACTORS}


def test_fit_weights_drops_a_protective_factor_and_sums_to_100():
    samples = factor_samples(
        lambda f: f["recency"] - f["overdue"] / 2 > 0.3,
        recency=GRID,
        claims=GRID,  # noise
        overdue=GRID,  # protects: a negative coefficient
    )
    weights = fitting.fit_weights(samples, list(risk.FACTORS), CURRENT)
    assert weights["overdue"] == 0.0
    assert weights["claims"] == 0.0  # noise learns nothing
    assert sum(weights.values()) == pytest.approx(100, abs=0.2)
    # the factors without data in the samples keep their current weight; the
    # three learnt ones share what their current weights had: 35 + 10 + 5
    unseen = [c for c in risk.FACTORS if c not in ("recency", "claims", "overdue")]
    assert {c: weights[c] for c in unseen} == {c: CURRENT[c] for c in unseen}
    assert weights["recency"] == 50.0


def test_fit_weights_ranks_the_stronger_factor_higher():
    samples = factor_samples(
        lambda f: 2 * f["recency"] + f["low_ratings"] > 1.6,
        recency=GRID,
        low_ratings=GRID,
    )
    weights = fitting.fit_weights(samples, list(risk.FACTORS), CURRENT)
    assert weights["recency"] > weights["low_ratings"] > 0
    assert weights["recency"] + weights["low_ratings"] == pytest.approx(40, abs=0.1)
    assert sum(weights.values()) == pytest.approx(100, abs=0.2)


def test_fit_weights_learns_nothing_from_one_outcome():
    codes = list(risk.FACTORS)
    for outcome in (True, False):
        samples = grid_samples(MONTHS[0], S, lambda a, b, left=outcome: left)
        assert fitting.fit_weights(samples, codes, CURRENT) is None


def test_fit_applies_new_weights_when_the_current_ones_rank_badly():
    current = only("claims")  # all the weight on the noise
    result = fitting.fit(history_of(current), MONTHS, 90, current, with_weights)
    assert result.learn_days == MONTHS[:6] and result.judge_days == MONTHS[8:]
    assert (result.learn_samples, result.judge_samples) == (150, 100)
    assert result.auc_before == 0.5
    assert result.weights["recency"] == pytest.approx(100, abs=0.1)
    assert result.weights["claims"] == 0.0
    assert result.auc_after == 1.0
    assert result.better


def test_fit_keeps_the_current_weights_when_the_new_ones_do_not_beat_them():
    current = only("recency")
    result = fitting.fit(history_of(current), MONTHS, 90, current, with_weights)
    assert result.auc_before == 1.0 and result.auc_after == 1.0
    assert not result.better  # as good is not better


def test_fit_keeps_the_current_weights_when_the_past_misleads():
    # on the learning days the noise factor happened to say who left; on the
    # judged days recency did, and the current weights are on recency
    current = only("recency")
    samples = history_of(current, learnt=lambda _a, b: b >= 0.75, judged=recency_says)
    result = fitting.fit(samples, MONTHS, 90, current, with_weights)
    assert result.weights["claims"] > result.weights["recency"]
    assert result.auc_before == 1.0 and result.auc_after < 1.0
    assert not result.better


def test_fit_with_the_default_weights():
    # defaults weigh the noise 10 against recency's 35: a stayer at recency
    # 0.5 with claims 1 outranks a leaver at 0.75 with no claims
    result = fitting.fit(history_of(S), MONTHS, 90, S, with_weights)
    assert result.auc_before < 1.0 and result.auc_after == 1.0
    assert result.better
    unseen = [c for c in risk.FACTORS if c not in ("recency", "claims")]
    assert all(result.weights[c] == S.weight(c) for c in unseen)


def test_the_standard_error_of_an_auc_by_hanley_and_mcneil():
    # AUC 0.8 on 50 and 50: Q1 = 0.8 / 1.2, Q2 = 1.28 / 1.8,
    # (0.16 + 49 × (Q1 − 0.64) + 49 × (Q2 − 0.64)) / 2500 = 0.00198
    assert fitting.auc_standard_error(0.8, 50, 50) == pytest.approx(0.0445, abs=1e-4)
    assert fitting.auc_standard_error(0.8, 500, 500) < fitting.auc_standard_error(
        0.8, 50, 50
    )
    assert fitting.auc_standard_error(None, 50, 50) == 0.0
