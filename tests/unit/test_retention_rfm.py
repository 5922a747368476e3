import collections
import itertools

import pytest
from conftest import load_lib

rfm = load_lib("client_retention", "rfm")


def scores(values, **kwargs):
    result = rfm.quintile_scores(dict(enumerate(values)), **kwargs)
    return [result.get(index) for index in range(len(values))]


def f_scores(counts):
    result = rfm.frequency_scores(dict(enumerate(counts)))
    return [result.get(index) for index in range(len(counts))]


def population():
    """1,000 clients of a retailer: 60 % bought once, ties in days and money."""
    clients = {}
    prices = (20.0, 35.0, 50.0, 50.0, 80.0, 120.0, 200.0)
    for i in range(600):  # one invoice: weekly ties in days, a few price points
        clients[f"once{i}"] = rfm.RfmInput(7 * (i % 52) + 1, 1, prices[i * 3 % 7])
    for i in range(60):  # bought before, nothing in the last 12 months
        clients[f"faded{i}"] = rfm.RfmInput(370 + 10 * (i % 12), 0, 0.0)
    for i in range(340):  # repeat buyers: mostly two or three, a few regulars
        invoices = (2, 2, 2, 3, 3, 4, 6, 9, 14, 24)[i % 10]
        days = 5 * (i * 7 % 73) + 1 if invoices < 6 else 2 * (i % 60) + 1
        basket = (40.0, 60.0, 90.0, 150.0)[i % 4]
        clients[f"repeat{i}"] = rfm.RfmInput(days, invoices, invoices * basket)
    return clients


def scored_with(**extra):
    """The population plus the named clients, scored."""
    return rfm.rfm_scores({**population(), **extra})


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
    # the smallest of the four with revenue (M 2), two invoices (F 2), silent
    # for 100 days (R 3)
    assert result["small"].segment == "about_to_sleep"
    assert result["new"].r == 4


def test_no_revenue_in_the_year_is_the_bottom_however_many_share_it():
    clients = {key: rfm.RfmInput(400 + key, 0, 0.0) for key in range(60)}
    clients.update(
        {100 + key: rfm.RfmInput(10, 3, 100.0 * key) for key in range(1, 41)}
    )
    result = rfm.rfm_scores(clients)
    assert {result[key].m for key in range(60)} == {1}
    # F = M = 1: by R, the longest silent are lost, never "hibernating"
    assert {result[key].segment for key in range(60) if result[key].r == 1} == {"lost"}
    assert sorted({result[100 + key].m for key in range(1, 41)}) == [1, 2, 3, 4, 5]


def test_ten_thousand_clients_score_quickly_and_fully():
    values = {key: key % 997 for key in range(10000)}
    result = rfm.quintile_scores(values)
    assert set(result.values()) == {1, 2, 3, 4, 5}
    assert len(result) == 10000


def test_one_invoice_or_none_in_the_window_scores_f_1():
    assert f_scores([1, 1, 0, 1]) == [1, 1, 1, 1]
    # 60 % one-time buyers: mid-ranks over everyone would give them 2
    counts = [1] * 600 + [2] * 200 + [5] * 200
    assert set(f_scores(counts)[:600]) == {1}
    assert f_scores([None, 0, 1, 2]) == [None, 1, 1, 3]


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([2], [3]),
        ([2, 3], [2, 4]),
        ([2, 3, 4], [2, 3, 5]),
        ([5, 3, 2, 4], [5, 3, 2, 4]),
        (list(range(2, 10)), [2, 2, 3, 3, 4, 4, 5, 5]),
        ([1, 1, 1, 0, 2, 3, 4, 5], [1, 1, 1, 1, 2, 3, 4, 5]),
    ],
)
def test_repeat_buyers_spread_over_two_to_five_among_themselves(counts, expected):
    assert f_scores(counts) == expected


def test_a_lone_repeat_buyer_or_equal_repeat_buyers_score_f_3():
    assert f_scores([1, 1, 1, 7]) == [1, 1, 1, 3]
    assert f_scores([1, 0, 4, 4, 4, 4]) == [1, 1, 3, 3, 3, 3]
    assert rfm.rfm_scores({7: rfm.RfmInput(10, 1, 50.0)})[7].f == 1


def test_six_hundred_equal_clients_of_a_thousand_share_one_score():
    same = [40] * 600
    others = [value for value in range(1, 1000) if value != 40][:400]
    for higher_is_better in (True, False):
        result = scores(same + others, higher_is_better=higher_is_better)
        assert len(set(result[:600])) == 1
    counts = [3] * 600 + [1] * 150 + [2] * 100 + list(range(4, 154))
    assert len(set(f_scores(counts)[:600])) == 1
    assert len(set(f_scores(counts)[750:850])) == 1
    clients = {key: rfm.RfmInput(30, 3, 250.0) for key in range(600)}
    clients.update(
        {key: rfm.RfmInput(key % 97, key % 13, key * 1.5) for key in range(600, 1000)}
    )
    result = rfm.rfm_scores(clients)
    assert len({result[key] for key in range(600)}) == 1


def test_more_never_scores_lower_and_ties_never_split():
    values = [(key * 37) % 23 for key in range(1000)]
    for score in (scores, f_scores):
        result = score(values)
        by_value = collections.defaultdict(set)
        for value, got in zip(values, result, strict=True):
            by_value[value].add(got)
        assert all(len(got) == 1 for got in by_value.values())
        ordered = [by_value[value].pop() for value in sorted(by_value)]
        assert ordered == sorted(ordered)


def test_a_realistic_population_reaches_every_segment():
    result = rfm.rfm_scores(population())
    reached = collections.Counter(score.segment for score in result.values())
    assert set(reached) == {code for code, _label in rfm.SEGMENTS}
    assert {score.f for key, score in result.items() if "repeat" not in key} == {1}
    assert {score.f for key, score in result.items() if "repeat" in key} == {
        2,
        3,
        4,
        5,
    }


def test_one_recent_purchase_is_new():
    result = scored_with(newcomer=rfm.RfmInput(2, 1, 20.0))
    assert result["newcomer"] == rfm.RfmScore(5, 1, 1, "new")


@pytest.mark.parametrize(
    "days, r, expected", [(85, 4, "promising"), (160, 3, "about_to_sleep")]
)
def test_one_purchase_a_while_ago_is_promising_or_about_to_sleep(days, r, expected):
    result = scored_with(once=rfm.RfmInput(days, 1, 20.0))
    assert result["once"] == rfm.RfmScore(r, 1, 1, expected)


@pytest.mark.parametrize(
    "client",
    [rfm.RfmInput(350, 1, 20.0), rfm.RfmInput(420, 0, 0.0)],
    ids=["last_invoice_11_months_ago", "none_in_12_months"],
)
def test_one_old_purchase_is_lost(client):
    assert scored_with(old=client)["old"] == rfm.RfmScore(1, 1, 1, "lost")


def test_a_one_time_buyer_who_spent_more_is_not_new():
    result = scored_with(big=rfm.RfmInput(2, 1, 200.0))
    assert result["big"].f == 1 and result["big"].m > 1
    assert result["big"].segment == "potential_loyal"
