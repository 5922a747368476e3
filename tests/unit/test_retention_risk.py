import dataclasses

import pytest
from risk_cases import HEALTHY, RECENCY_96_32, SETTINGS, Input, healthy, risk


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def factors(result):
    return {code: (points, values) for code, points, values in result.factors}


def test_the_managers_example_96_days_against_the_usual_32():
    # recency is the only factor with data: it has all the weight, 80 of 100
    result = risk.score(Input(days_since_last=96, avg_interval_days=32))
    assert result.factors == [
        (
            "recency",
            80,
            {"days": 96, "usual_days": 32, "times": 3.0, "dormant_days": 90},
        )
    ]
    assert result.score == 80 and result.level == "high"
    assert risk.intensities(Input(days_since_last=96, avg_interval_days=32)) == {
        "recency": pytest.approx(RECENCY_96_32)
    }
    # among figures that all say "healthy", recency weighs its default 35
    among_healthy = risk.score(healthy(days_since_last=96, avg_interval_days=32))
    assert among_healthy.score == 28 and among_healthy.level == "low"  # 28.15


def test_a_client_buying_on_its_rhythm_has_no_risk():
    assert risk.score(HEALTHY) == risk.RiskResult(0, "low", [])


def test_a_client_with_no_data_at_all_is_low_risk_with_nothing_to_explain():
    assert risk.score(Input()) == risk.RiskResult(0, "low", [])
    assert risk.intensities(Input()) == {}


def test_no_ratings_is_not_low_rated_and_no_survey_is_not_unhappy():
    result = risk.score(Input(rating_count=0, low_rating_count=0, satisfaction=None))
    assert result.factors == []
    assert risk.intensities(Input(rating_count=0, low_rating_count=0)) == {}


def test_recency_half_a_stretch_to_dormancy():
    # usual 30 days, dormant after 90: 60 days is half-way, 1 - 0.2 ** 0.5
    result = risk.score(Input(days_since_last=60, avg_interval_days=30))
    points, values = factors(result)["recency"]
    assert points == 55 and values["times"] == 2.0


def test_a_one_purchase_client_is_measured_against_the_floor():
    # no rhythm: from 0 days to the 90-day floor; 45 days is half a stretch
    points, values = factors(risk.score(Input(days_since_last=45)))["recency"]
    assert points == 55
    assert values["usual_days"] is None and values["times"] is None
    assert values["dormant_days"] == 90


def test_recency_is_0_8_at_the_dormancy_threshold_and_keeps_rising_after():
    def recency(days):
        return risk.intensities(Input(days_since_last=days))["recency"]

    assert recency(0) == 0.0
    assert recency(90) == pytest.approx(0.8)
    # then on to 1 at the silent leave (365): 0.8 + 0.2 × 90 / 275
    assert recency(180) == pytest.approx(0.8 + 0.2 * 90 / 275)
    assert recency(89) < recency(90) < recency(91) < recency(180) < recency(364) < 1
    assert recency(365) == recency(400) == 1.0

    def one_time_buyer(days):
        client = Input(days_since_last=days, purchase_days=1, tenure_days=days)
        return risk.score(client).score

    # recency 35 and few_purchases 10 of 45: 77.8 × intensity + 22
    scores = [one_time_buyer(days) for days in (45, 90, 135, 180, 270)]
    assert scores == [65, 84, 87, 89, 94]
    assert risk.score(Input(days_since_last=180)).score == 87  # 86.5
    assert risk.score(Input(days_since_last=90)).score == 80


def test_few_purchases_and_short_tenure_intensities():
    def intensity(**figures):
        return risk.intensities(Input(**figures))

    few = [intensity(purchase_days=n)["few_purchases"] for n in range(1, 7)]
    assert few == [1.0, 0.75, 0.5, 0.25, 0.0, 0.0]
    assert intensity(purchase_days=0) == {}  # never bought: no data
    tenure = [intensity(tenure_days=d)["short_tenure"] for d in (0, 73, 365, 500)]
    assert tenure == pytest.approx([1.0, 0.8, 0.0, 0.0])


def test_short_tenure_weighs_nothing_by_default():
    newcomer = Input(days_since_last=96, avg_interval_days=32, tenure_days=10)
    result = risk.score(newcomer)
    assert result.score == 80  # as without a tenure: a weight of 0 takes no share
    assert "short_tenure" not in factors(result)
    settings = dataclasses.replace(SETTINGS, weight_short_tenure=35.0)
    # half the weight each: 50 × 0.8044 + 50 × (1 - 10 / 365)
    assert risk.score(newcomer, settings).score == 40 + 49


def test_an_invoices_only_one_time_buyer_long_silent_is_high_risk():
    # what a company without claims, ratings or surveys knows of a client
    # that bought once 200 days ago, paid on time and never came back
    client = Input(
        days_since_last=200,
        purchase_days=1,
        tenure_days=200,
        recent_count=0,
        previous_count=0.81,
        recent_revenue=0.0,
        previous_revenue=81.0,
        overdue_amount=0.0,
        avg_invoice_amount=100.0,
        avg_payment_delay_days=0.0,
    )
    result = risk.score(client)
    # weights with data: 35 + 10 + 0 + 5 + 5 + 5 + 5 = 65
    # recency 53.8 × (0.8 + 0.2 × 110 / 275) = 47.4, few purchases 15.4,
    # both drops 7.7, overdue and payment delay 0
    assert factors(result)["recency"][0] == 47
    assert factors(result)["few_purchases"][0] == 15
    assert result.score == 47 + 15 + 8 + 8 == 78
    assert result.score >= 70 and result.level == "high"


def test_a_factor_without_data_does_not_dilute_the_score():
    silent = Input(days_since_last=96, avg_interval_days=32)
    unknown_rest = dataclasses.replace(
        silent,
        rating_count=0,  # no ratings
        low_rating_count=0,
        satisfaction=None,
        overdue_amount=500.0,  # no average invoice to compare with
        avg_invoice_amount=None,
        recent_count=0,  # a newcomer has no previous rhythm
        previous_count=None,
        previous_revenue=None,
    )
    assert risk.score(unknown_rest) == risk.score(silent)
    assert risk.score(silent).score == 80


def test_a_present_factor_at_zero_is_evidence_of_health_and_lowers_the_score():
    silent = Input(days_since_last=96, avg_interval_days=32)
    satisfied = dataclasses.replace(silent, satisfaction=85.0)
    # overdue has data whenever the average invoice is known, even at 0
    paid_up = dataclasses.replace(
        satisfied, overdue_amount=0.0, avg_invoice_amount=300.0
    )
    assert risk.intensities(paid_up) == {
        "recency": pytest.approx(RECENCY_96_32),
        "overdue": 0.0,
        "low_satisfaction": 0.0,
    }
    # recency's 35 of 35, of 40, of 45: 80.4, 70.4, 62.6
    scores = [risk.score(c).score for c in (silent, satisfied, paid_up)]
    assert scores == [80, 70, 63]
    assert [code for code, _p, _v in risk.score(paid_up).factors] == ["recency"]


def test_frequency_drop_against_the_clients_own_past():
    result = risk.score(Input(recent_count=1, previous_count=4.0))
    points, values = factors(result)["frequency_drop"]
    assert points == 75  # the only factor with data: 75 % of all the weight
    assert values == {"count": 1, "usual_count": 4.0, "drop_pct": 75, "days": 90}
    among_healthy = risk.score(healthy(recent_count=1, previous_count=4.0))
    assert factors(among_healthy)["frequency_drop"][0] == 4  # 75 % of 5: 3.75


def test_refunds_in_the_recent_window_are_a_full_revenue_drop():
    result = risk.score(healthy(recent_revenue=-200.0, previous_revenue=1000.0))
    points, values = factors(result)["revenue_drop"]
    assert points == 5 and values["amount"] == 0 and values["drop_pct"] == 100


def test_a_newcomer_or_a_client_without_past_revenue_shows_no_drop():
    # no previous count; refunds exceeded invoices before
    client = Input(recent_count=0, recent_revenue=0.0, previous_revenue=-50.0)
    assert risk.score(client).factors == []
    assert risk.intensities(client) == {}


def test_founded_and_unfounded_claims_are_separate_factors():
    result = factors(risk.score(healthy(claims=4, unfounded_claims=1)))
    assert result["claims"] == (10, {"claims": 3, "days": 90})
    assert result["unfounded_claims"] == (3, {"claims": 1, "days": 90})  # 2.5
    alone = factors(risk.score(Input(claims=4, unfounded_claims=1)))
    # 10 and 5 of 15: 66.7 × 1 and 33.3 × 0.5
    assert alone["claims"][0] == 67 and alone["unfounded_claims"][0] == 17


def test_two_sla_breaches_alone_make_a_client_medium_risk():
    result = risk.score(healthy(sla_breaches=2))
    assert result.level == "medium" and result.score == 40
    assert result.factors == [
        ("sla_breaches", 40, {"breaches": 2, "days": 90, "minimum_breaches": 2})
    ]


def test_one_breach_is_not_enough_for_medium():
    result = risk.score(healthy(sla_breaches=1))
    assert result.level == "low" and result.score == 5


def test_the_breach_rule_tops_up_only_what_is_missing():
    # recency 28 + breaches 10 = 38: two points are missing
    client = healthy(sla_breaches=2, days_since_last=96, avg_interval_days=32)
    result = factors(risk.score(client))
    assert result["recency"][0] == 28
    points, values = result["sla_breaches"]
    assert points == 12 and values["minimum_breaches"] == 2
    # 35 and 10 of 45: 62.6 + 22.2, already past 40
    client = Input(sla_breaches=2, days_since_last=96, avg_interval_days=32)
    result = risk.score(client)
    assert result.score == 63 + 22
    assert "minimum_breaches" not in factors(result)["sla_breaches"][1]


def test_the_breach_rule_can_be_turned_off():
    settings = dataclasses.replace(SETTINGS, sla_breaches_for_medium=0)
    result = risk.score(healthy(sla_breaches=5), settings)
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
    codes = [code for code, _points, _values in result.factors]
    assert codes == ["recency", "claims", "overdue", "low_ratings"]
    assert points == sorted(points, reverse=True)
    # weights with data 35 + 10 + 5 + 5 = 55: 63.6 × 0.8044, 18.2 ÷ 3,
    # 9.1 × 0.5, 9.1 × 0.25
    assert result.score == sum(points) == 51 + 6 + 5 + 2
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
    result = risk.score(worst)
    assert result.score == 100 and result.level == "high"
    # weights with data sum to 90: 38.9 → 39, 11.1 → 11 (×2), 5.6 → 6 (×7)
    assert sum(points for _c, points, _v in result.factors) == 39 + 22 + 42


def test_overdue_without_an_average_invoice_contributes_nothing():
    # refunds exceeding invoices: no average invoice to compare with
    result = risk.score(Input(overdue_amount=500.0, avg_invoice_amount=None))
    assert result.factors == []


def test_late_payers_and_unhappy_clients_score():
    client = Input(
        avg_payment_delay_days=15.0,
        rating_count=4,
        low_rating_count=2,
        satisfaction=30.0,
    )
    result = factors(risk.score(client))
    # three factors of weight 5, each at half: 33.3 × 0.5
    assert result["payment_delay"] == (17, {"days": 15})
    assert result["low_ratings"][0] == 17
    assert result["low_ratings"][1]["share_pct"] == 50
    assert result["low_satisfaction"] == (17, {"satisfaction": 30, "threshold": 60})
    late = factors(risk.score(healthy(avg_payment_delay_days=15.0)))
    assert late["payment_delay"][0] == 3  # 2.5 rounds half up


def test_satisfaction_at_the_threshold_is_not_low():
    assert risk.score(Input(satisfaction=60.0)).factors == []


def test_a_batch_is_scored_per_client():
    batch = {1: healthy(sla_breaches=2), 2: Input(), 3: Input(sla_breaches=2)}
    result = risk.score_many(batch)
    assert result[1].level == "medium" and result[2].level == "low"
    assert result[3].score == 100  # breaches are all it knows of that client


RESCORED = [
    Input(),
    HEALTHY,
    Input(days_since_last=96, avg_interval_days=32),
    healthy(days_since_last=96, avg_interval_days=32, sla_breaches=2),  # topped up
    healthy(sla_breaches=2),  # all 40 points from the rule
    healthy(sla_breaches=2, days_since_last=300, claims=3),  # no top-up
    Input(sla_breaches=3, satisfaction=90.0),
    Input(sla_breaches=1),
    Input(days_since_last=400, purchase_days=1, tenure_days=400, claims=2),
    Input(days_since_last=50, avg_interval_days=20, purchase_days=3, tenure_days=60),
    Input(claims=4, unfounded_claims=1, overdue_amount=900.0, avg_invoice_amount=300.0),
    Input(
        recent_count=0, previous_count=2.0, recent_revenue=-5.0, previous_revenue=9.0
    ),
    Input(avg_payment_delay_days=45.0, rating_count=3, low_rating_count=1),
]
OTHER_WEIGHTS = [
    SETTINGS,
    dataclasses.replace(SETTINGS, sla_breaches_for_medium=0),
    dataclasses.replace(
        SETTINGS, weight_short_tenure=20.0, weight_recency=5.0, weight_claims=0.0
    ),
    dataclasses.replace(SETTINGS, medium_threshold=60, sla_breaches_for_medium=1),
    dataclasses.replace(
        SETTINGS, **{f"weight_{code}": 0.0 for code in risk.FACTORS}
    ),  # the rule still tops up
]


@pytest.mark.parametrize("settings", OTHER_WEIGHTS)
@pytest.mark.parametrize("client", RESCORED)
def test_rescoring_the_intensities_gives_the_score(client, settings):
    # intensities do not depend on the weights: the backtest rescores them
    # with other weights and must find what scoring the client would give
    found = risk.intensities(client, SETTINGS)
    assert risk.rescore(found, client.sla_breaches, settings) == (
        risk.score(client, settings).score
    )


def test_high_risk_alerts_once_per_episode():
    in_episode, alerts = False, 0
    for level in ["low", "high", "high", "medium", "high", "low", "high"]:
        alert, in_episode = risk.high_risk_alert(level, in_episode)
        alerts += alert
    assert alerts == 2  # wavering around 70 does not alert again; low re-arms
