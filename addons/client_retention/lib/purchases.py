"""A client's purchase figures, from its purchase dates and net amounts.

What the scan passes in (per commercial partner and company, in company
currency, already computed in SQL):

- purchase dates: the invoice dates of its posted customer invoices that are
  still purchases once refunds are applied (an invoice refunded in full is not
  a purchase). Several invoices on one day are one purchase *date*: the
  rhythm of a client is measured in days on which it bought.
- the net amount: invoices minus refunds. It may be zero or negative when
  refunds exceed invoices (a credit note for an older period, a goodwill
  credit). **Such a client has no revenue**: its revenue is 0 (never
  negative, so it ranks last on money, never "below nothing"), it has no
  average invoice (``None``) and no annual revenue to lose (0). Its purchase
  dates still count for recency and rhythm: it did buy on those days.

Rules:

- The average interval is the mean gap between consecutive distinct purchase
  dates. That mean is ``(last - first) / (distinct dates - 1)``, so SQL can
  compute it from ``min``, ``max`` and ``count(DISTINCT invoice_date)`` with
  no arrays (:func:`interval_from_span`); it is ``None`` with fewer than two
  distinct dates (one purchase, or all on the same day).
- Days since the last purchase count calendar days; an invoice dated ahead of
  today counts as bought today (0), never as a negative age.
- History starts at the first purchase in the data: a client older than the
  data (migrated with its opening balance only, or whose partner record is
  older than its first invoice here) is judged on the invoices the database
  holds. The partner's creation date plays no part.
- "The last N days" are the N calendar days ending today, today included:
  ``invoice_date >= window_start(today, N)``.

Empty values are ``None``; the models convert the ORM's ``False`` first.
"""

from datetime import timedelta
from typing import NamedTuple

DAYS_PER_YEAR = 365


def distinct_dates(dates):
    """Sorted distinct purchase dates, ``None`` entries dropped."""
    return sorted({day for day in dates or () if day is not None})


def interval_from_span(first, last, distinct_days):
    """Average days between purchases from the first and last dates.

    ``distinct_days`` is the number of distinct purchase dates. ``None``
    without a rhythm: fewer than two distinct dates, or no dates at all.
    """
    if first is None or last is None or not distinct_days or distinct_days < 2:
        return None
    return (last - first).days / (distinct_days - 1)


def average_interval_days(dates):
    """Average days between consecutive distinct purchase dates, or ``None``.

    Equal dates count once: three invoices on one day and one a month later
    are a 30-day rhythm, not a 10-day one.
    """
    days = distinct_dates(dates)
    if len(days) < 2:
        return None
    return interval_from_span(days[0], days[-1], len(days))


def days_since(day, today):
    """Whole days from ``day`` to ``today``; 0 for a future date, else ``None``."""
    if day is None:
        return None
    return max((today - day).days, 0)


def window_start(today, days):
    """First date of the last ``days`` calendar days ending with ``today``."""
    return today - timedelta(days=max(days, 1) - 1)


def has_revenue(net_amount):
    """Whether the client brought money: a net amount above zero."""
    return net_amount is not None and net_amount > 0


def revenue(net_amount):
    """Revenue to show and rank on: the net amount, never below zero."""
    return float(net_amount) if has_revenue(net_amount) else 0.0


def average_invoice(net_amount, invoice_count):
    """Average invoice: net amount ÷ invoices; ``None`` without revenue."""
    if not invoice_count or not has_revenue(net_amount):
        return None
    return net_amount / invoice_count


def previous_average_per_window(total_before, first_purchase, start, window_days):
    """The client's usual amount (or count) per window, before the window.

    ``total_before`` is what the client bought from its first purchase up to
    the day before ``start`` (the first day of the recent window); the result
    is that total spread over its history in windows of ``window_days``.
    ``None`` when the client has less than one whole window of history before
    the recent one: a newcomer (or a client older than the data whose
    invoices here are all recent) cannot show a drop, only a first rhythm.
    """
    if total_before is None or first_purchase is None or window_days <= 0:
        return None
    history_days = (start - first_purchase).days
    if history_days < window_days:
        return None
    return total_before * window_days / history_days


def invoices_per_year(avg_interval_days, invoice_count, distinct_days):
    """How many invoices a year the client's own rhythm gives.

    The rhythm is in purchase days, so it is scaled by the invoices per
    purchase day. A client seen buying on one day only is taken to buy once a
    year: its invoices of that day, per year. ``None`` without invoices.
    """
    if not invoice_count or not distinct_days:
        return None
    per_day = invoice_count / distinct_days
    if avg_interval_days is None or avg_interval_days <= 0:
        return float(per_day)
    return per_day * DAYS_PER_YEAR / avg_interval_days


def annual_revenue(avg_invoice_amount, yearly_invoices):
    """Revenue a year from the client's own history (what its loss costs).

    0 when the client brought no revenue (refunds exceeding invoices) or its
    rhythm is unknown: nothing is lost that was never earned.
    """
    if not avg_invoice_amount or avg_invoice_amount <= 0 or not yearly_invoices:
        return 0.0
    return avg_invoice_amount * yearly_invoices


class Figures(NamedTuple):
    """One client's purchase figures, as stored on the partner."""

    first_purchase: object  # date or None
    last_purchase: object  # date or None
    avg_interval_days: object  # float or None
    days_since_last: object  # int or None
    revenue: float
    avg_invoice: object  # float or None
    invoices_per_year: object  # float or None
    annual_revenue: float


def figures_from_span(first, last, distinct_days, invoice_count, net_amount, today):
    """All figures of one client from the aggregates one SQL row gives."""
    interval = interval_from_span(first, last, distinct_days)
    avg = average_invoice(net_amount, invoice_count)
    yearly = invoices_per_year(interval, invoice_count, distinct_days)
    return Figures(
        first_purchase=first,
        last_purchase=last,
        avg_interval_days=interval,
        days_since_last=days_since(last, today),
        revenue=revenue(net_amount),
        avg_invoice=avg,
        invoices_per_year=yearly,
        annual_revenue=annual_revenue(avg, yearly),
    )


def figures(dates, invoice_count, net_amount, today):
    """All figures of one client from its purchase dates (see the module)."""
    days = distinct_dates(dates)
    if not days:
        return figures_from_span(None, None, 0, invoice_count, net_amount, today)
    return figures_from_span(
        days[0], days[-1], len(days), invoice_count, net_amount, today
    )
