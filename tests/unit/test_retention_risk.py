import dataclasses

import pytest
from conftest import load_lib

risk = load_lib("client_retention", "risk")

Input = risk.RiskInput
SETTINGS = risk.RiskSettings()


def factors(result):
    return {code: (points, values) for code, points, values in result.factors}


def test_the_managers_example_96_days_against_the_usual_32():
    result = risk.score(Input(days_since_last=96, avg_interval_days=32))
    assert result.factors == [
        (
            "recency",
            30,
            {"days": 96, "usual_days": 32, "times": 3.0, "dormant_days": 90},
        )
    ]
    assert result.score == 30 and result.level == "low"


def test_a_client_buying_on_its_rhythm_has_no_risk():
    result = risk.score(
        Input(
            days_since_last=20,
            avg_interval_days=30,
            recent_count=3,
            previous_count=3.0,
            recent_revenue=900.0,
            previous_revenue=850.0,
            claims=0,
            unfounded_claims=0,
            sla_breaches=0,
            overdue_amount=0.0,
            avg_invoice_amount=300.0,
            avg_payment_delay_days=-2.0,  # pays early
            rating_count=4,
            low_rating_count=0,
            satisfaction=85.0,
        )
    )
    assert result == risk.RiskResult(0, "low", [])


def test_a_client_with_no_data_at_all_is_low_risk_with_nothing_to_explain():
    assert risk.score(Input()) == risk.RiskResult(0, "low", [])


def test_no_ratings_is_not_low_rated_and_no_survey_is_not_unhappy():
    result = risk.score(Input(rating_count=0, low_rating_count=0, satisfaction=None))
    assert result.factors == []


def test_recency_halfway_to_dormancy_counts_half():
    # usual 30 days, dormant after 90: 60 days is half-way, 15 of 30 points
    result = risk.score(Input(days_since_last=60, avg_interval_days=30))
    points, values = factors(result)["recency"]
    assert points == 15 and values["times"] == 2.0


def test_a_one_purchase_client_is_measured_against_the_floor():
    points, values = factors(risk.score(Input(days_since_last=45)))["recency"]
    assert points == 15
    assert values["usual_days"] is None and values["times"] is None


def test_frequency_drop_against_the_clients_own_past():
    result = risk.score(Input(recent_count=1, previous_count=4.0))
    points, values = factors(result)["frequency_drop"]
    assert points == 8  # 75 % of 10, rounded half up from 7.5
    assert values == {"count": 1, "usual_count": 4.0, "drop_pct": 75, "days": 90}


def test_refunds_in_the_recent_window_are_a_full_revenue_drop():
    result = risk.score(Input(recent_revenue=-200.0, previous_revenue=1000.0))
    points, values = factors(result)["revenue_drop"]
    assert points == 10 and values["amount"] == 0 and values["drop_pct"] == 100


def test_a_newcomer_or_a_client_without_past_revenue_shows_no_drop():
    result = risk.score(
        Input(
            recent_count=0,
            previous_count=None,
            recent_revenue=0.0,
            previous_revenue=-50.0,  # refunds exceeded invoices before
        )
    )
    assert result.factors == []


def test_founded_and_unfounded_claims_are_separate_factors():
    result = factors(risk.score(Input(claims=4, unfounded_claims=1)))
    assert result["claims"] == (10, {"claims": 3, "days": 90})
    assert result["unfounded_claims"] == (3, {"claims": 1, "days": 90})  # 2.5


def test_two_sla_breaches_alone_make_a_client_medium_risk():
    result = risk.score(Input(sla_breaches=2, days_since_last=5, avg_interval_days=30))
    assert result.level == "medium" and result.score == 40
    assert result.factors == [
        ("sla_breaches", 40, {"breaches": 2, "days": 90, "minimum_breaches": 2})
    ]


def test_one_breach_is_not_enough_for_medium():
    result = risk.score(Input(sla_breaches=1))
    assert result.level == "low" and result.score == 5


def test_the_breach_rule_tops_up_only_what_is_missing():
    client = Input(sla_breaches=2, days_since_last=96, avg_interval_days=32)
    result = factors(risk.score(client))
    assert result["recency"][0] == 30
    assert result["sla_breaches"][0] == 10  # 30 + 10 = 40 already
    assert "minimum_breaches" not in result["sla_breaches"][1]


def test_the_breach_rule_can_be_turned_off():
    settings = dataclasses.replace(SETTINGS, sla_breaches_for_medium=0)
    result = risk.score(Input(sla_breaches=5), settings)
    assert result.level == "low" and result.score == 10


def test_factors_are_listed_by_points_and_sum_to_the_score():
    client = Input(
        days_since_last=96,
        avg_interval_days=32,
        claims=1,
        overdue_amount=300.0,
        avg_invoice_amount=300.0,
        rating_count=4,
        low_rating_count=1,
    )
    result = risk.score(client)
    points = [points for _code, points, _values in result.factors]
    assert [code for code, _p, _v in result.factors] == [
        "recency",
        "claims",
        "overdue",
        "low_ratings",
    ]
    assert points == sorted(points, reverse=True)
    assert result.score == sum(points) == 30 + 3 + 3 + 3
    assert factors(result)["overdue"][1] == {"amount": 300.0, "invoices": 1.0}


def test_the_score_is_capped_at_100_and_high():
    worst = Input(
        days_since_last=400,
        avg_interval_days=30,
        recent_count=0,
        previous_count=5.0,
        recent_revenue=0.0,
        previous_revenue=5000.0,
        claims=9,
        unfounded_claims=5,
        sla_breaches=6,
        overdue_amount=5000.0,
        avg_invoice_amount=1000.0,
        avg_payment_delay_days=90.0,
        rating_count=3,
        low_rating_count=3,
        satisfaction=0.0,
    )
    settings = dataclasses.replace(SETTINGS, weight_recency=60.0)
    result = risk.score(worst, settings)
    assert result.score == 100 and result.level == "high"
    assert sum(points for _c, points, _v in result.factors) >= 100


def test_overdue_without_an_average_invoice_contributes_nothing():
    # refunds exceeding invoices: no average invoice to compare with
    result = risk.score(Input(overdue_amount=500.0, avg_invoice_amount=None))
    assert result.factors == []


def test_late_payers_and_unhappy_clients_score():
    result = factors(
        risk.score(
            Input(
                avg_payment_delay_days=15.0,
                rating_count=4,
                low_rating_count=2,
                satisfaction=30.0,
            )
        )
    )
    assert result["payment_delay"] == (3, {"days": 15})  # 2.5 rounds up
    assert result["low_ratings"][0] == 5
    assert result["low_ratings"][1]["share_pct"] == 50
    assert result["low_satisfaction"] == (3, {"satisfaction": 30, "threshold": 60})


def test_satisfaction_at_the_threshold_is_not_low():
    assert risk.score(Input(satisfaction=60.0)).factors == []


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
    settings = dataclasses.replace(SETTINGS, medium_threshold=20, high_threshold=30)
    result = risk.score(Input(days_since_last=96, avg_interval_days=32), settings)
    assert result.score == 30 and result.level == "high"
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
    assert sum(SETTINGS.weight(code) for code in risk.FACTORS) == 100


def test_a_batch_is_scored_per_client():
    batch = {1: Input(sla_breaches=2), 2: Input()}
    result = risk.score_many(batch)
    assert result[1].level == "medium" and result[2].level == "low"


def test_high_risk_alerts_once_per_episode():
    in_episode, alerts = False, 0
    for level in ["low", "high", "high", "medium", "high", "low", "high"]:
        alert, in_episode = risk.high_risk_alert(level, in_episode)
        alerts += alert
    assert alerts == 2  # wavering around 70 does not alert again; low re-arms
