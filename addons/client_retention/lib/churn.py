"""Churn rates, money lost and the alarm line, for periods of a date range.

Definitions (the seeds' formulas, made exact for real histories):

- **Periods** are calendar months, quarters or years; the first and last are
  cut to the range, so a range from 15 March to 14 June by month gives four
  periods, 15–31 March … 1–14 June.
- **Churn rate** of a period = clients lost in it ÷ clients at its start × 100
  (1,000 at the start, 200 lost: 20%). No client at the start gives 0, never
  a division error (:func:`churn_rate`). Clients that both started and were
  lost in the period are counted apart (``new_and_lost``), so the rate never
  exceeds 100%.
- **Monetary churn** = Σ over the clients lost of their average invoice ×
  their invoices per period of this length, both from the 12 months before
  the loss. With alike clients it is the seeds' lost × average check ×
  payments (200 × 2,000 × 6 = 2,400,000). :func:`monetary_churn` takes each
  lost client's 12-month revenue and count: average × count ÷ periods per
  year = revenue ÷ periods per year.
- **Annualised churn** of a range of ``y`` years (:func:`range_years`) with
  churn ``R`` over the range: ``1 − (1 − R)^(1 ÷ y)``. Twelve months losing
  20% over the year is 20% a year, by month or by quarter alike; one month
  losing 20% is 93% a year.
- **Lost clients** of a period are its losses (a client lost, won back and
  lost again counts twice); **lost revenue** and monetary churn leave out
  the clients won back since.
- **Status**: critical from the critical line (20%), warning above the warning
  line (10%), else ok.
"""

from datetime import date, timedelta
from typing import NamedTuple

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"
GRANULARITIES = [(MONTH, "Month"), (QUARTER, "Quarter"), (YEAR, "Year")]
PERIODS_PER_YEAR = {MONTH: 12, QUARTER: 4, YEAR: 1}
_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}

OK = "ok"
WARNING = "warning"
CRITICAL = "critical"
STATUSES = [(OK, "OK"), (WARNING, "Warning"), (CRITICAL, "Critical")]


class Period(NamedTuple):
    start: date
    end: date  # inclusive


def _period_start(day, granularity):
    months = _MONTHS[granularity]
    month = (day.month - 1) // months * months + 1
    return date(day.year, month, 1)


def _add_months(day, months):
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def periods(date_from, date_to, granularity):
    """Calendar periods covering ``[date_from, date_to]``, the ends cut."""
    if granularity not in _MONTHS:
        raise ValueError(granularity)
    if date_from is None or date_to is None or date_to < date_from:
        return []
    result = []
    start = _period_start(date_from, granularity)
    while start <= date_to:
        following = _add_months(start, _MONTHS[granularity])
        result.append(
            Period(max(start, date_from), min(following - timedelta(days=1), date_to))
        )
        start = following
    return result


def churn_rate(lost, at_start):
    """Lost ÷ clients at the start × 100; 0 with nobody at the start."""
    if not at_start:
        return 0.0
    return 100.0 * lost / at_start


def range_years(date_from, date_to):
    """The length of ``[date_from, date_to]`` in years: whole months when
    the range runs from a first to a last day of a month (12 months are one
    year, whatever their days), else days ÷ 365.25."""
    if date_from is None or date_to is None or date_to < date_from:
        return 0.0
    after = date_to + timedelta(days=1)
    if date_from.day == 1 and after.day == 1:
        months = (after.year - date_from.year) * 12 + after.month - date_from.month
        return months / 12.0
    return ((date_to - date_from).days + 1) / 365.25


def annualized(rate_pct, years):
    """Annual churn (%) from the churn (%) over a range of ``years``: the
    same range gives the same annual rate whatever its periods."""
    if not years or rate_pct <= 0:
        return 0.0
    kept = max(1 - rate_pct / 100.0, 0.0)
    annual = 100.0 * (1 - kept ** (1 / years))
    return round(annual, 9)  # 20% over a year is 20%, not 19.999…


def status(annual_pct, warning_pct=10.0, critical_pct=20.0):
    """``critical`` at or above the critical line, ``warning`` above the
    warning line, else ``ok``."""
    if annual_pct >= critical_pct:
        return CRITICAL
    if annual_pct > warning_pct:
        return WARNING
    return OK


class LostClient(NamedTuple):
    """A client lost in a period, with its 12 months before the loss."""

    revenue_12m: float
    invoice_count_12m: int


class MoneyLost(NamedTuple):
    monetary_churn: float
    avg_invoice_amount: float  # over the lost clients' invoices
    invoices_per_period: float  # per lost client


def monetary_churn(lost_clients, granularity):
    """Money a period's losses cost per period of this length (see module).

    A client whose refunds exceed its invoices brought nothing: it counts
    for 0, never negative.
    """
    per_year = PERIODS_PER_YEAR[granularity]
    revenue = sum(max(c.revenue_12m or 0.0, 0.0) for c in lost_clients)
    count = sum(c.invoice_count_12m or 0 for c in lost_clients)
    lost = len(lost_clients)
    return MoneyLost(
        monetary_churn=revenue / per_year,
        avg_invoice_amount=revenue / count if count else 0.0,
        invoices_per_period=count / lost / per_year if lost else 0.0,
    )


def cohort_shares(cohort_sizes, active_counts):
    """``{cohort: [share % per month offset]}`` from the cohort sizes and
    ``{(cohort, offset): clients that bought in that month}``."""
    result = {}
    for cohort, size in cohort_sizes.items():
        offsets = [offset for (c, offset) in active_counts if c == cohort]
        width = max(offsets, default=-1) + 1
        result[cohort] = [
            100.0 * active_counts.get((cohort, offset), 0) / size if size else 0.0
            for offset in range(width)
        ]
    return result


class EventRow(NamedTuple):
    """A churn event as the analysis reads it (one SQL row)."""

    partner_id: int
    first_purchase: object  # date or None: the client's first purchase
    date: date
    won_back_date: object  # date or None
    # what the loss costs: the client's revenue and invoices of the 12
    # months before it, as recorded on the event
    lost_annual_revenue: float
    invoice_count_12m: int


class PeriodRow(NamedTuple):
    period_start: date
    period_end: date
    clients_at_start: int
    new_clients: int
    new_and_lost: int
    lost_clients: int
    won_back: int
    churn_rate: float
    monetary_churn: float
    lost_annual_revenue: float
    avg_invoice_amount: float
    invoices_per_period: float


def _lost_at(events, day):
    """Clients lost before ``day`` and not won back before it."""
    return {
        e.partner_id
        for e in events
        if e.date < day and (e.won_back_date is None or e.won_back_date >= day)
    }


def period_row(period, first_purchases, events, granularity):
    """The figures of one period.

    ``first_purchases``: sorted ``[(first purchase date, clients)]``;
    ``events``: every churn event of the clients up to the period's end.
    Lost clients are the losses dated in the period, new clients lost in
    it included (``new_and_lost``); the churn rate counts only those who
    were clients at its start. Lost revenue and monetary churn leave out
    the clients won back since: their revenue came back.
    """
    start, end = period
    before = sum(count for day, count in first_purchases if day < start)
    new = sum(count for day, count in first_purchases if start <= day <= end)
    gone = _lost_at(events, start)
    losses = [
        e for e in events if start <= e.date <= end and e.first_purchase is not None
    ]
    from_start = {
        e.partner_id
        for e in losses
        if e.first_purchase < start and e.partner_id not in gone
    }
    first = {e.partner_id: e.first_purchase for e in events}
    at_start = before - sum(1 for p in gone if first[p] and first[p] < start)
    still_lost = [e for e in losses if e.won_back_date is None]
    money = monetary_churn(
        [LostClient(e.lost_annual_revenue, e.invoice_count_12m) for e in still_lost],
        granularity,
    )
    return PeriodRow(
        period_start=start,
        period_end=end,
        clients_at_start=at_start,
        new_clients=new,
        new_and_lost=len({e.partner_id for e in losses if e.first_purchase >= start}),
        lost_clients=len(losses),
        won_back=sum(
            1 for e in events if e.won_back_date and start <= e.won_back_date <= end
        ),
        churn_rate=churn_rate(len(from_start), at_start),
        monetary_churn=money.monetary_churn,
        lost_annual_revenue=sum(
            max(e.lost_annual_revenue or 0.0, 0.0) for e in still_lost
        ),
        avg_invoice_amount=money.avg_invoice_amount,
        invoices_per_period=money.invoices_per_period,
    )
