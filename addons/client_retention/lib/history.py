"""A client as it stood on any past day, replayed from dated facts.

The backtest asks "what would the scan have said on that day?". Only facts
dated on or before the day are used, so nothing the company learnt later
leaks in:

- moves: posted invoices and credit notes by invoice date; a credit note
  lowers its invoice from the credit note's own date on (an invoice refunded
  in full stops being a purchase on the day of the refund, not before);
- receivables: an invoice's amount due, less the payments and credit notes
  reconciled with it up to the day (a payment's date is its reconciliation's
  ``max_date``): overdue on the day, and days late of the invoices paid by
  then;
- claims by their SLA start, breaches by their missed deadline, ratings by
  the day they were given, surveys by the day they were completed;
- losses: a churn event counts from its date until it is won back.

The aggregates are those the scan's SQL computes (``retention_sql``), and
``snapshot`` turns both into figures and a risk input: a replay on today
equals the scan. Facts are plain tuples; the Odoo layer loads them in SQL.
"""

from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

from . import dormancy, snapshot

PAID = 1e-6  # what is left of an invoice below this is paid (rounding)


class Move(NamedTuple):
    id: int
    date: object
    is_refund: bool
    amount: float  # untaxed, company currency, refunds negative
    reversed_id: object  # the invoice a credit note reverses, or None


class Settlement(NamedTuple):
    date: object
    amount: float
    by_refund: bool  # a credit note, not a payment


class Receivable(NamedTuple):
    date: object  # invoice date
    due: object  # due date or None
    amount: float  # total due, company currency
    settlements: tuple  # (Settlement, ...)


class Claim(NamedTuple):
    start: object  # SLA start date
    unfounded: bool
    breaches: tuple  # dates of missed deadlines (response, resolution)


class Survey(NamedTuple):
    date: object
    score: float


class Facts(NamedTuple):
    moves: tuple = ()
    receivables: tuple = ()
    claims: tuple = ()
    ratings: tuple = ()  # ((date, rating 1–5), ...)
    surveys: tuple = ()  # (Survey, ...)
    losses: tuple = ()  # ((date, won back date or None), ...)


def bought_at(moves, day, win):
    """The purchase aggregates of ``retention_sql.purchase_figures`` on ``day``.

    One pass over the moves known on the day (plus one over the credit notes):
    the backtest calls it for every client on every snapshot day.
    """
    known = [move for move in moves if move.date <= day]
    if not known:
        return None
    refunded = defaultdict(float)
    for move in known:
        if move.is_refund and move.reversed_id:
            refunded[move.reversed_id] -= move.amount
    year, trend = win.year_start, win.trend_start
    net = revenue_12m = recent_revenue = 0.0
    dates, count_12m, recent = set(), 0, 0
    first = last = None
    count = 0
    for move in known:
        date, amount = move.date, move.amount
        net += amount
        if date >= year:
            revenue_12m += amount
        if date >= trend:
            recent_revenue += amount
        if move.is_refund or amount - refunded.get(move.id, 0.0) <= 0:
            continue
        count += 1
        dates.add(date)
        first = date if first is None or date < first else first
        last = date if last is None or date > last else last
        count_12m += date >= year
        recent += date >= trend
    return {
        "first_date": first,
        "last_date": last,
        "distinct_days": len(dates),
        "invoice_count": count,
        "net_amount": net,
        "count_12m": count_12m,
        "revenue_12m": revenue_12m,
        "recent_count": recent,
        "recent_revenue": recent_revenue,
        "count_before": count - recent,
        "revenue_before": net - recent_revenue,
    }


def paid_at(receivables, day, win):
    """``(overdue amount, average days late)`` on ``day``; ``None`` when not known."""
    overdue, delays = 0.0, []
    for invoice in receivables:
        if invoice.date > day:
            continue
        left, last, paid = invoice.amount, None, False
        for settled in invoice.settlements:
            if settled.date <= day:
                left -= settled.amount
                last = settled.date if last is None or settled.date > last else last
                paid = paid or not settled.by_refund
        if left > PAID:
            if invoice.due and invoice.due < day:
                overdue += left
        elif paid and invoice.due and invoice.date >= win.year_start:
            delays.append(max((last - invoice.due).days, 0))
    return (
        overdue if overdue > PAID else None,
        sum(delays) / len(delays) if delays else None,
    )


def claims_at(facts, day, win, has_claims):
    """``(claims, unfounded, breaches, ratings, low ratings)`` or ``None``."""
    if not has_claims:
        return None
    recent = [c for c in facts.claims if win.claims_start <= c.start <= day]
    breaches = sum(
        1
        for claim in facts.claims
        for missed in claim.breaches
        if win.sla_start <= missed <= day
    )
    rated = [r for d, r in facts.ratings if win.ratings_start <= d <= day]
    low = sum(1 for r in rated if r <= 2)
    return (
        len(recent),
        sum(1 for c in recent if c.unfounded),
        breaches,
        len(rated),
        low,
    )


def satisfaction_at(surveys, day):
    """The score of the latest survey completed on or before ``day``
    (``surveys`` in the order they were completed)."""
    done = [survey for survey in surveys if survey.date <= day]
    return done[-1].score if done else None


def lost_at(losses, day):
    """Whether a churn event stood on ``day`` (dated by then, not yet won back)."""
    return any(
        date <= day and (won_back is None or won_back > day)
        for date, won_back in losses
    )


class Replay(NamedTuple):
    bought: object  # the purchase aggregates, or None before any move
    figures: object  # purchases.Figures
    input: object  # risk.RiskInput
    lost: bool  # a churn event or a silent leave stood on the day


def replay(facts, day, settings, has_claims):
    """The client on ``day``: aggregates, figures, risk input and loss."""
    win = snapshot.windows(day, settings)
    bought = bought_at(facts.moves, day, win)
    figures = snapshot.figures(bought, day)
    paid = paid_at(facts.receivables, day, win)
    claims = claims_at(facts, day, win, has_claims)
    satisfaction = satisfaction_at(facts.surveys, day)
    entry = snapshot.risk_input(
        bought, figures, paid, claims, satisfaction, win, settings
    )
    silent = dormancy.is_silent_leave(
        figures.days_since_last,
        figures.avg_interval_days,
        settings.silent_leave_days,
        settings.dormancy_floor_days,
        settings.dormancy_factor,
    )
    return Replay(bought, figures, entry, silent or lost_at(facts.losses, day))


def left_within(facts, day, horizon_days, figures, settings):
    """Whether a client judged on ``day`` left in the ``horizon_days`` after.

    Left: a churn event dated in the horizon, or no purchase in it and, at
    its end, dormant by the client's own threshold on ``day``.
    """
    end = day + timedelta(days=horizon_days)
    if any(day < date <= end for date, _won_back in facts.losses):
        return True
    bought_again = any(
        day < m.date <= end and not m.is_refund and m.amount > 0 for m in facts.moves
    )
    if bought_again or figures.last_purchase is None:
        return False
    return dormancy.is_dormant(
        (end - figures.last_purchase).days,
        figures.avg_interval_days,
        settings.dormancy_floor_days,
        settings.dormancy_factor,
    )
