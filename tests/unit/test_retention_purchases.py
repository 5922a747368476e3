from datetime import date, timedelta

import pytest
from conftest import load_lib

purchases = load_lib("client_retention", "purchases")

TODAY = date(2026, 6, 30)
DAY = timedelta(days=1)


def test_the_rhythm_is_the_mean_gap_between_purchase_days():
    dates = [date(2026, 3, 1), date(2026, 1, 1), date(2026, 2, 1)]  # any order
    assert purchases.average_interval_days(dates) == 29.5  # (31 + 28) / 2


def test_several_invoices_on_one_day_are_one_purchase_day():
    day = date(2026, 1, 1)
    assert purchases.average_interval_days([day, day, day, day + 30 * DAY]) == 30


def test_all_purchases_on_the_same_day_give_no_rhythm():
    day = date(2026, 1, 1)
    assert purchases.average_interval_days([day, day, day]) is None


@pytest.mark.parametrize("dates", [[], None, [date(2026, 1, 1)], [None]])
def test_one_or_no_purchase_gives_no_rhythm(dates):
    assert purchases.average_interval_days(dates) is None


def test_sql_aggregates_give_the_same_rhythm_as_the_dates():
    dates = [date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 11), date(2026, 2, 5)]
    span = purchases.interval_from_span(date(2026, 1, 1), date(2026, 2, 5), 3)
    assert span == purchases.average_interval_days(dates) == 17.5
    assert purchases.interval_from_span(date(2026, 1, 1), date(2026, 1, 1), 1) is None
    assert purchases.interval_from_span(None, None, 0) is None


def test_days_since_the_last_purchase():
    assert purchases.days_since(TODAY - 96 * DAY, TODAY) == 96
    assert purchases.days_since(TODAY, TODAY) == 0
    assert purchases.days_since(None, TODAY) is None


def test_an_invoice_dated_ahead_counts_as_bought_today():
    assert purchases.days_since(TODAY + 5 * DAY, TODAY) == 0


def test_the_last_90_days_include_today():
    start = purchases.window_start(TODAY, 90)
    assert (TODAY - start).days + 1 == 90
    assert purchases.window_start(TODAY, 1) == TODAY


def test_refunds_exceeding_invoices_mean_no_revenue_not_negative_revenue():
    assert purchases.revenue(-250.0) == 0.0
    assert purchases.revenue(0) == 0.0
    assert purchases.revenue(None) == 0.0
    assert not purchases.has_revenue(-250.0)
    assert purchases.average_invoice(-250.0, 3) is None
    assert purchases.annual_revenue(None, 12) == 0.0


def test_a_refunded_client_still_bought_on_its_purchase_days():
    dates = [TODAY - 60 * DAY, TODAY - 30 * DAY]
    figures = purchases.figures(dates, invoice_count=2, net_amount=-80.0, today=TODAY)
    assert figures.days_since_last == 30
    assert figures.avg_interval_days == 30
    assert figures.revenue == 0.0
    assert figures.avg_invoice is None
    assert figures.annual_revenue == 0.0


def test_average_invoice_is_net_revenue_per_invoice():
    assert purchases.average_invoice(1200.0, 4) == 300.0
    assert purchases.average_invoice(1200.0, 0) is None


def test_a_client_without_purchases_has_empty_figures():
    figures = purchases.figures([], invoice_count=0, net_amount=None, today=TODAY)
    assert figures.first_purchase is None and figures.last_purchase is None
    assert figures.avg_interval_days is None and figures.days_since_last is None
    assert figures.revenue == 0.0 and figures.annual_revenue == 0.0
    assert figures.avg_invoice is None and figures.invoices_per_year is None


def test_a_one_purchase_client_is_taken_to_buy_once_a_year():
    figures = purchases.figures(
        [TODAY - 10 * DAY], invoice_count=1, net_amount=500.0, today=TODAY
    )
    assert figures.avg_interval_days is None
    assert figures.invoices_per_year == 1.0
    assert figures.annual_revenue == 500.0


def test_monthly_client_loses_twelve_invoices_a_year():
    yearly = purchases.invoices_per_year(365 / 12, invoice_count=24, distinct_days=24)
    assert yearly == pytest.approx(12)
    assert purchases.annual_revenue(100.0, yearly) == pytest.approx(1200)


def test_two_invoices_per_purchase_day_double_the_yearly_invoices():
    assert purchases.invoices_per_year(30.0, 20, 10) == pytest.approx(2 * 365 / 30)


def test_sql_row_and_date_list_give_the_same_figures():
    dates = [date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1)]
    from_list = purchases.figures(dates, 4, 4000.0, TODAY)
    from_row = purchases.figures_from_span(dates[0], dates[-1], 4, 4, 4000.0, TODAY)
    assert from_list == from_row
    assert from_row.first_purchase == date(2025, 7, 1)
    assert from_row.days_since_last == 90


def test_usual_amount_per_90_days_before_the_recent_window():
    start = purchases.window_start(TODAY, 90)
    first = start - 360 * DAY
    assert purchases.previous_average_per_window(8, first, start, 90) == 2.0
    assert purchases.previous_average_per_window(3600.0, first, start, 90) == 900.0


def test_a_client_older_than_the_data_is_judged_on_the_data_it_has():
    # its partner record and earlier business predate the database: the only
    # invoice here is recent, so it has no rhythm and no usual amount yet
    start = purchases.window_start(TODAY, 90)
    recent_first = TODAY - 20 * DAY
    figures = purchases.figures([recent_first], 1, 900.0, TODAY)
    assert figures.first_purchase == recent_first
    assert figures.avg_interval_days is None
    assert purchases.previous_average_per_window(0, recent_first, start, 90) is None


def test_less_than_one_window_of_history_shows_no_usual_amount():
    start = purchases.window_start(TODAY, 90)
    assert purchases.previous_average_per_window(2, start - 89 * DAY, start, 90) is None
    assert purchases.previous_average_per_window(2, start - 90 * DAY, start, 90) == 2
    assert purchases.previous_average_per_window(None, start, start, 90) is None
    assert purchases.previous_average_per_window(2, None, start, 90) is None
