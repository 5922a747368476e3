"""The risk settings: relative weights, level thresholds and their checks."""

import dataclasses

import pytest
from risk_cases import SETTINGS, Input, healthy, risk


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def test_weights_are_relative():
    client = Input(days_since_last=96, avg_interval_days=32, claims=3)
    doubled = dataclasses.replace(
        SETTINGS,
        **{f"weight_{code}": 2 * SETTINGS.weight(code) for code in risk.FACTORS},
    )
    assert risk.score(client, doubled) == risk.score(client)


def test_all_weights_zero_is_reported_and_scores_nothing():
    zero = dataclasses.replace(
        SETTINGS,
        sla_breaches_for_medium=0,
        **{f"weight_{code}": 0.0 for code in risk.FACTORS},
    )
    assert "weights_sum_zero" in risk.validate_settings(zero)
    result = risk.score(Input(days_since_last=400, claims=9), zero)
    assert result == risk.RiskResult(0, "low", [])


@pytest.mark.parametrize(
    "score, level",
    [(0, "low"), (39, "low"), (40, "medium"), (69, "medium"), (70, "high")],
)
def test_levels_follow_the_thresholds(score, level):
    assert risk.level_of(score) == level


def test_thresholds_are_settings():
    client = healthy(days_since_last=96, avg_interval_days=32)
    assert risk.score(client).level == "low"
    settings = dataclasses.replace(SETTINGS, medium_threshold=20, high_threshold=28)
    result = risk.score(client, settings)
    assert result.score == 28 and result.level == "high"
    assert risk.level_of(20, settings) == "medium"


def test_default_settings_are_valid():
    assert risk.validate_settings(risk.DEFAULT_SETTINGS) == []


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"weight_claims": -5.0}, "negative_weight"),
        ({"claims_window_days": -1}, "negative_days"),
        ({"dormancy_floor_days": -10}, "negative_days"),
        ({"dormancy_factor": 0.5}, "factor_below_one"),
        ({"silent_leave_days": 90}, "silent_leave_before_floor"),
        ({"payment_delay_full_days": 0}, "scale_not_positive"),
        ({"tenure_full_days": 0}, "scale_not_positive"),
        ({"sla_breaches_for_medium": -1}, "negative_breach_count"),
        ({"high_threshold": 120}, "threshold_range"),
        ({"medium_threshold": 0}, "threshold_range"),
        ({"medium_threshold": 70, "high_threshold": 40}, "thresholds_order"),
        ({"medium_threshold": 50, "high_threshold": 50}, "thresholds_order"),
        ({"satisfaction_threshold": 150}, "satisfaction_threshold_range"),
    ],
)
def test_bad_settings_are_reported_by_code(changes, code):
    assert risk.validate_settings(dataclasses.replace(SETTINGS, **changes)) == [code]


def test_settings_name_every_knob_once():
    assert len(set(risk.SETTING_NAMES)) == len(risk.SETTING_NAMES)
    assert {f"weight_{code}" for code in risk.FACTORS} <= set(risk.SETTING_NAMES)
    weights = [SETTINGS.weight(code) for code in risk.FACTORS]
    assert weights == [35, 10, 0, 5, 5, 10, 5, 10, 5, 5, 5, 5]  # sum 100
    assert SETTINGS.tenure_full_days == 365
