from datetime import date

import pytest
from conftest import load_lib

churn = load_lib("client_retention", "churn")


def test_the_seeds_example_rate_is_twenty_percent():
    assert churn.churn_rate(200, 1000) == pytest.approx(20.0)


def test_no_clients_at_the_start_is_zero_not_an_error():
    assert churn.churn_rate(0, 0) == 0.0
    assert churn.churn_rate(3, 0) == 0.0


def test_the_seeds_example_money_lost_per_year():
    lost = [churn.LostClient(revenue_12m=2000.0 * 6, invoice_count_12m=6)] * 200
    money = churn.monetary_churn(lost, churn.YEAR)
    assert money.monetary_churn == pytest.approx(2_400_000)
    assert money.avg_invoice_amount == pytest.approx(2000.0)
    assert money.invoices_per_period == pytest.approx(6.0)


def test_money_lost_per_month_is_a_twelfth_and_never_negative():
    lost = [
        churn.LostClient(revenue_12m=1200.0, invoice_count_12m=12),
        churn.LostClient(revenue_12m=-300.0, invoice_count_12m=1),  # refunds
    ]
    money = churn.monetary_churn(lost, churn.MONTH)
    assert money.monetary_churn == pytest.approx(100.0)
    assert money.invoices_per_period == pytest.approx(13 / 2 / 12)
    assert churn.monetary_churn([], churn.MONTH).monetary_churn == 0.0


def test_periods_follow_the_calendar_and_cut_the_ends():
    got = churn.periods(date(2026, 3, 15), date(2026, 6, 14), churn.MONTH)
    assert [(p.start, p.end) for p in got] == [
        (date(2026, 3, 15), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 5, 31)),
        (date(2026, 6, 1), date(2026, 6, 14)),
    ]
    quarters = churn.periods(date(2025, 11, 1), date(2026, 12, 31), churn.QUARTER)
    assert [p.start for p in quarters] == [
        date(2025, 11, 1),
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]
    years = churn.periods(date(2024, 1, 1), date(2026, 12, 31), churn.YEAR)
    assert [p.end for p in years] == [
        date(2024, 12, 31),
        date(2025, 12, 31),
        date(2026, 12, 31),
    ]


def test_a_reversed_range_has_no_period():
    assert churn.periods(date(2026, 5, 1), date(2026, 4, 1), churn.MONTH) == []


def test_annualised_churn():
    assert churn.annualized(20.0, 1.0) == pytest.approx(20.0)
    assert churn.annualized(20.0, 1 / 12) == pytest.approx(100 * (1 - 0.8**12))
    assert churn.annualized(10.0, 2.0) == pytest.approx(100 * (1 - 0.9**0.5))
    assert churn.annualized(0.0, 1.0) == 0.0
    assert churn.annualized(100.0, 1 / 12) == pytest.approx(100.0)


def test_twelve_months_are_a_year_whatever_the_periods():
    # the trailing 12 months of the Overview: by month it is 12 periods, by
    # quarter 5 (two cut), and the annual rate must not change with that
    assert churn.range_years(date(2025, 12, 1), date(2026, 11, 30)) == 1.0
    assert len(churn.periods(date(2025, 12, 1), date(2026, 11, 30), churn.QUARTER)) == 5
    assert churn.range_years(date(2026, 1, 1), date(2026, 3, 31)) == 0.25
    assert churn.range_years(date(2026, 3, 15), date(2026, 3, 28)) == pytest.approx(
        14 / 365.25
    )
    assert churn.range_years(date(2026, 3, 2), date(2026, 3, 1)) == 0.0


def test_status_lines():
    assert churn.status(20.0) == churn.CRITICAL
    assert churn.status(19.9) == churn.WARNING
    assert churn.status(10.0) == churn.OK, "over 10% is a warning, 10% is not"
    assert churn.status(10.1) == churn.WARNING
    assert churn.status(5.0, warning_pct=4, critical_pct=8) == churn.WARNING


def test_cohort_shares():
    shares = churn.cohort_shares(
        {"2026-01": 4, "2026-02": 2},
        {("2026-01", 0): 4, ("2026-01", 1): 2, ("2026-01", 2): 1, ("2026-02", 0): 2},
    )
    assert shares == {"2026-01": [100.0, 50.0, 25.0], "2026-02": [100.0]}


def _event(partner, first, day, won_back=None, annual=1200.0, count=12):
    return churn.EventRow(partner, first, day, won_back, annual, count)


MARCH = churn.Period(date(2026, 3, 1), date(2026, 3, 31))


def test_a_period_counts_clients_at_start_lost_and_new():
    firsts = [(date(2025, 1, 10), 8), (date(2026, 3, 5), 2)]
    events = [
        _event(1, date(2025, 1, 10), date(2026, 3, 20)),  # lost in March
        _event(2, date(2025, 1, 10), date(2026, 1, 15)),  # lost before, not back
        _event(3, date(2025, 1, 10), date(2025, 12, 1), won_back=date(2026, 2, 1)),
        _event(4, date(2026, 3, 5), date(2026, 3, 25)),  # new and lost in March
    ]
    row = churn.period_row(MARCH, firsts, events, churn.MONTH)
    assert row.clients_at_start == 7  # 8 older clients, one still lost
    assert row.new_clients == 2
    assert row.lost_clients == 2, "every loss of the period, the new client's too"
    assert row.new_and_lost == 1
    assert row.churn_rate == pytest.approx(100 / 7), "of the clients at the start"
    assert row.monetary_churn == pytest.approx(200.0)
    assert row.lost_annual_revenue == pytest.approx(2400.0)


def test_won_back_on_or_after_the_start_is_still_lost_at_the_start():
    firsts = [(date(2025, 1, 10), 2)]
    events = [
        _event(1, date(2025, 1, 10), date(2026, 1, 15), won_back=date(2026, 3, 1))
    ]
    row = churn.period_row(MARCH, firsts, events, churn.MONTH)
    assert row.clients_at_start == 1
    assert row.won_back == 1
    assert row.lost_clients == 0


def test_a_client_won_back_since_is_a_loss_without_lost_revenue():
    firsts = [(date(2025, 1, 10), 2)]
    events = [
        _event(1, date(2025, 1, 10), date(2026, 3, 2), won_back=date(2026, 5, 10)),
        _event(2, date(2025, 1, 10), date(2026, 3, 20), annual=600.0),
    ]
    row = churn.period_row(MARCH, firsts, events, churn.MONTH)
    assert row.lost_clients == 2
    assert row.churn_rate == pytest.approx(100.0)
    assert row.lost_annual_revenue == pytest.approx(600.0)
    assert row.monetary_churn == pytest.approx(50.0)


def test_a_client_lost_twice_in_a_period_is_two_losses_and_one_churned_client():
    firsts = [(date(2025, 1, 10), 1)]
    events = [
        _event(1, date(2025, 1, 10), date(2026, 3, 2), won_back=date(2026, 3, 10)),
        _event(1, date(2025, 1, 10), date(2026, 3, 20)),
    ]
    row = churn.period_row(MARCH, firsts, events, churn.MONTH)
    assert row.lost_clients == 2
    assert row.churn_rate == pytest.approx(100.0)
