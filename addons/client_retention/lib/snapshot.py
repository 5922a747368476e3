"""One client's figures and risk on one day, from its aggregates.

The nightly scan gets the aggregates from SQL; the backtest replays them
from dated facts (``history``). Both turn them into figures and a risk input
here, so the two cannot disagree on a rule.

``bought`` holds the purchase aggregates on ``day`` (the keys of
``retention_sql.purchase_figures``), ``paid`` is ``(overdue amount, average
days late)``, ``claims`` is ``(claims, unfounded, breaches, ratings, low
ratings)`` or ``None`` when the company records no claims, ``satisfaction``
the latest survey score or ``None``.
"""

from typing import NamedTuple

from . import purchases, risk

YEAR_DAYS = 365


class Windows(NamedTuple):
    today: object
    year_start: object
    trend_start: object
    claims_start: object
    sla_start: object
    ratings_start: object


def windows(today, settings):
    """The first day of each counting window ending ``today``."""
    start = purchases.window_start
    return Windows(
        today,
        start(today, YEAR_DAYS),
        start(today, settings.trend_window_days),
        start(today, settings.claims_window_days),
        start(today, settings.sla_window_days),
        start(today, settings.ratings_window_days),
    )


def purchase_windows(win):
    """The windows ``retention_sql.purchase_figures`` counts in."""
    return {
        "today": win.today,
        "year_start": win.year_start,
        "trend_start": win.trend_start,
    }


def number(value):
    """SQL numerics arrive as Decimal; lib works on floats (``None`` stays)."""
    return None if value is None else float(value)


def figures(bought, today):
    """``purchases.Figures`` of a client from its purchase aggregates."""
    b = bought or {}
    return purchases.figures_from_span(
        b.get("first_date"),
        b.get("last_date"),
        b.get("distinct_days", 0),
        b.get("invoice_count", 0),
        number(b.get("net_amount")),
        today,
    )


def risk_input(bought, figures_, paid, claims, satisfaction, win, settings):
    """The ``risk.RiskInput`` of a client (see the module)."""
    b = bought or {}

    def previous(key):
        return purchases.previous_average_per_window(
            number(b.get(key)),
            figures_.first_purchase,
            win.trend_start,
            settings.trend_window_days,
        )

    overdue, delay = paid
    claim_count, unfounded, breaches, rated, low = claims or (None,) * 5
    first = figures_.first_purchase
    return risk.RiskInput(
        days_since_last=figures_.days_since_last,
        avg_interval_days=figures_.avg_interval_days,
        purchase_days=b.get("distinct_days") or None,
        tenure_days=purchases.days_since(first, win.today) if first else None,
        recent_count=b.get("recent_count") if b else None,
        previous_count=previous("count_before"),
        recent_revenue=number(b.get("recent_revenue")),
        previous_revenue=previous("revenue_before"),
        claims=claim_count,
        unfounded_claims=unfounded,
        sla_breaches=breaches,
        overdue_amount=number(overdue) or 0.0,
        avg_invoice_amount=figures_.avg_invoice,
        avg_payment_delay_days=number(delay),
        rating_count=rated,
        low_rating_count=low,
        satisfaction=number(satisfaction),
    )
