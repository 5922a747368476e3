import itertools

import pytest
from conftest import load_lib

rfm = load_lib("client_retention", "rfm")


def scores(values, **kwargs):
    result = rfm.quintile_scores(dict(enumerate(values)), **kwargs)
    return [result.get(index) for index in range(len(values))]


def test_five_clients_spread_over_the_five_scores():
    assert scores([100, 300, 200, 500, 400]) == [1, 3, 2, 5, 4]


def test_ten_clients_make_five_quintiles_of_two():
    assert scores(range(10)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_recency_scores_the_most_recent_buyer_highest():
    days = [5, 400, 30, 90, 200]
    assert scores(days, higher_is_better=False) == [5, 1, 4, 3, 2]


def test_equal_values_get_equal_scores_even_across_a_boundary():
    values = [1, 2, 2, 2, 2, 2, 2, 2, 2, 10]
    result = scores(values)
    assert len(set(result[1:9])) == 1
    assert result[0] == 1 and result[9] == 5
    assert result[1] == 3


def test_clients_without_revenue_share_one_low_score():
    revenue = [0.0] * 5 + [100.0, 200.0, 300.0, 400.0, 500.0]
    result = scores(revenue)
    assert set(result[:5]) == {2}
    assert result[5:] == [3, 4, 4, 5, 5]


@pytest.mark.parametrize(
    "values, expected",
    [
        ([10, 20], [2, 4]),
        ([10, 20, 30], [1, 3, 5]),
        ([10, 20, 30, 40], [1, 2, 4, 5]),
    ],
)
def test_fewer_than_five_clients_still_spread(values, expected):
    assert scores(values) == expected
    assert scores(values, higher_is_better=False) == expected[::-1]


def test_a_single_client_is_average():
    assert scores([42]) == [3]
    assert rfm.rfm_scores({7: rfm.RfmInput(10, 3, 900.0)}) == {
        7: rfm.RfmScore(3, 3, 3, "need_attention")
    }


def test_all_equal_clients_are_average():
    assert scores([7, 7, 7, 7, 7, 7]) == [3] * 6


def test_a_client_without_a_value_gets_no_score():
    assert scores([None, 10, 20]) == [None, 2, 4]
    assert rfm.quintile_scores({}) == {}
    result = rfm.rfm_scores({1: rfm.RfmInput(None, 2, 10.0)})
    assert result[1].r is None and result[1].segment is None


@pytest.mark.parametrize(
    "r, f, m, expected",
    [
        (5, 5, 5, "champions"),
        (5, 4, 3, "champions"),
        (4, 5, 5, "loyal"),
        (3, 4, 4, "loyal"),
        (5, 1, 1, "new"),
        (4, 1, 1, "promising"),
        (5, 2, 3, "potential_loyal"),
        (4, 3, 2, "potential_loyal"),
        (3, 3, 3, "need_attention"),
        (3, 1, 2, "about_to_sleep"),
        (2, 3, 3, "at_risk"),
        (1, 4, 3, "at_risk"),
        (1, 5, 5, "cant_lose"),
        (2, 5, 4, "cant_lose"),
        (2, 1, 2, "hibernating"),
        (1, 2, 1, "hibernating"),
        (1, 1, 1, "lost"),
    ],
)
def test_segments_follow_the_rfm_map(r, f, m, expected):
    assert rfm.segment(r, f, m) == expected


def test_a_rare_big_buyer_is_not_called_new():
    # one large invoice last week: monetary lifts FM to 3
    assert rfm.segment(5, 1, 5) == "potential_loyal"


def test_every_score_combination_has_a_segment_and_every_segment_is_reached():
    codes = [code for code, _label in rfm.SEGMENTS]
    reached = {
        rfm.segment(r, f, m) for r, f, m in itertools.product(range(1, 6), repeat=3)
    }
    assert reached == set(codes)
    assert len(codes) == len(set(codes)) == 11


def test_segment_codes_are_stable():
    assert [code for code, _label in rfm.SEGMENTS] == [
        "champions",
        "loyal",
        "potential_loyal",
        "new",
        "promising",
        "need_attention",
        "about_to_sleep",
        "at_risk",
        "cant_lose",
        "hibernating",
        "lost",
    ]
    assert dict(rfm.SEGMENTS)["cant_lose"] == "Can't lose"


def test_a_missing_score_gives_no_segment():
    assert rfm.segment(None, 3, 3) is None


def test_the_best_client_is_a_champion_and_a_silent_big_one_cant_be_lost():
    clients = {
        "best": rfm.RfmInput(days_since_last=3, frequency=40, monetary=90000.0),
        "gone_big": rfm.RfmInput(days_since_last=300, frequency=50, monetary=70000.0),
        "small": rfm.RfmInput(days_since_last=100, frequency=2, monetary=300.0),
        "new": rfm.RfmInput(days_since_last=5, frequency=1, monetary=100.0),
        # nothing in the last 12 months: no invoices, no revenue
        "faded": rfm.RfmInput(days_since_last=400, frequency=0, monetary=0.0),
    }
    result = rfm.rfm_scores(clients)
    assert result["best"].segment == "champions"
    assert result["gone_big"].segment == "cant_lose"
    assert result["faded"].segment == "lost"
    assert result["small"].segment == "need_attention"
    assert result["new"].r == 4


def test_ten_thousand_clients_score_quickly_and_fully():
    values = {key: key % 997 for key in range(10000)}
    result = rfm.quintile_scores(values)
    assert set(result.values()) == {1, 2, 3, 4, 5}
    assert len(result) == 10000
