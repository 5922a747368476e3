"""Churn-risk score 0–100 from weighted factors, each explained.

Each factor turns the client's figures into an intensity from 0 (no sign of
trouble) to 1 (the factor's full weight). Only the factors the client has data
for take part: a factor's points are
``100 × weight ÷ (sum of the weights of the factors with data) × intensity``,
rounded half up to an integer. So a company that only has invoices scores on
the purchase factors alone and can reach every level, and a client without
ratings is scored without the ratings factor rather than as "not low rated".
The score is the sum of the points, capped at 100; the level is high from
``high_threshold`` (70), medium from ``medium_threshold`` (40), else low.
Missing data is ``None``.

The purchase side follows what predicts leaving in the buy-till-you-die
literature: how long the client has been silent against its own rhythm, how
many times it has bought, how long it has been a client, and its trend.

========================  =====================================================
code (values)             intensity
========================  =====================================================
recency                   silence past the usual interval, measured in the
(days, usual_days,        stretch from the usual interval (0) to the dormancy
times, dormant_days)      threshold max(floor, factor × usual) (1 stretch):
                          ``1 − 0.2 ** stretches``, so 0.8 at the threshold;
                          then on, linearly, to 1 on the silent-leave day
                          (365): clients long silent keep their order rather
                          than tie at a cap. Without a rhythm, from 0 days
                          against the floor.
few_purchases             ``(5 − purchase days) ÷ 4``: one purchase 1, two
(purchases)               0.75, … five or more 0. Few purchases, few reasons
                          to come back.
short_tenure (days)       ``1 − days since the first purchase ÷
                          tenure_full_days`` (365). Weight 0 by default: the
                          weight fitting on the company's history decides.
frequency_drop            1 − invoices in the last ``trend_window_days`` (90)
(count, usual_count,      ÷ the client's previous average per 90 days
drop_pct)                 (``purchases.previous_average_per_window``).
revenue_drop              the same with revenue; a negative recent revenue
(amount, usual_amount,    (refunds) counts as 0; no previous revenue, no drop.
drop_pct)
claims (claims, days)     founded claims in ``claims_window_days`` (claims
                          minus unfounded ones) ÷ ``claims_full`` (3). ``None``
                          (no data) when the company records no claims.
unfounded_claims          unfounded claims in the window ÷
(claims, days)            ``unfounded_claims_full`` (2).
sla_breaches              breaches in ``sla_window_days`` ÷ ``sla_breaches_full``
(breaches, days,          (2). Rule: ``sla_breaches_for_medium`` (2) breaches
[minimum_breaches])       alone make a client at least medium: the factor is
                          topped up so the score reaches ``medium_threshold``
                          (``minimum_breaches`` is then in the values). 0 turns
                          the rule off; a weight of 0 does not.
overdue (amount,          overdue amount ÷ average invoice ÷
invoices)                 ``overdue_full_invoices`` (2 invoices overdue: full);
                          data whenever the average invoice is known.
payment_delay (days)      average days late ÷ ``payment_delay_full_days`` (30).
low_ratings (low,         share of ratings ≤ 2 of 5 (``LOW_RATING_MAX``) among
ratings, share_pct, days) the ratings of ``ratings_window_days``.
low_satisfaction          (threshold − satisfaction) ÷ threshold below
(satisfaction, threshold) ``satisfaction_threshold`` (60 on the 0–100 scale).
========================  =====================================================

``RiskResult.factors`` holds ``(code, points, values)``, points above 0 only,
most points first (ties in the order above); the Odoo layer renders a
translated sentence per code from ``values``, e.g. "no purchase for 96 days,
3× the usual 32 days: +28". Amounts are in company currency. Scoring never
raises on bad settings (a nightly scan must finish): with weights summing to
zero every factor scores 0. ``validate_settings`` is for the Settings form.
``intensities`` gives the raw intensities the weight fitting learns from.
"""

import math
from dataclasses import dataclass
from typing import NamedTuple

from . import dormancy
from .risk_settings import (
    DEFAULT_SETTINGS,
    FACTORS,
    HIGH,
    LEVELS,
    LOW,
    LOW_RATING_MAX,
    MEDIUM,
    SETTING_NAMES,
    RiskSettings,
    validate_settings,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "FACTORS",
    "HIGH",
    "LEVELS",
    "LOW",
    "LOW_RATING_MAX",
    "MEDIUM",
    "SETTING_NAMES",
    "RiskInput",
    "RiskResult",
    "RiskSettings",
    "high_risk_alert",
    "intensities",
    "level_of",
    "rescore",
    "score",
    "score_many",
    "scored",
    "validate_settings",
]


@dataclass(frozen=True)
class RiskInput:
    """One client's figures; every one may be ``None`` (unknown)."""

    days_since_last: int | None = None
    avg_interval_days: float | None = None
    purchase_days: int | None = None  # distinct days with a purchase, ever
    tenure_days: int | None = None  # days since the first purchase
    recent_count: int | None = None
    previous_count: float | None = None  # usual invoices per trend window
    recent_revenue: float | None = None
    previous_revenue: float | None = None  # usual revenue per trend window
    claims: int | None = None  # all claims in the window, unfounded included
    unfounded_claims: int | None = None
    sla_breaches: int | None = None
    overdue_amount: float | None = None
    avg_invoice_amount: float | None = None
    avg_payment_delay_days: float | None = None
    rating_count: int | None = None
    low_rating_count: int | None = None
    satisfaction: float | None = None  # 0–100


class RiskResult(NamedTuple):
    score: int
    level: str
    factors: list  # [(code, points, values)]


def _clamp(value):
    return min(max(value, 0.0), 1.0)


def _ramp(value, start, full):
    """0 at ``start`` or below, 1 at ``full`` or above, linear between."""
    if full <= start:
        return 1.0 if value > start else 0.0
    return _clamp((value - start) / (full - start))


def _share(count, full):
    if full <= 0:
        return 1.0 if count > 0 else 0.0
    return _clamp(count / full)


def _drop(recent, previous):
    if recent is None or previous is None or previous <= 0:
        return None
    return _clamp(1 - max(recent, 0) / previous)


RECENCY_AT_THRESHOLD = 0.8  # recency's intensity on the day dormancy begins
FEW_PURCHASES = 5  # from this many purchase days on, a client is established


def _recency(c, s):
    days, usual = c.days_since_last, c.avg_interval_days
    if days is None:
        return None
    limit = dormancy.threshold_days(usual, s.dormancy_floor_days, s.dormancy_factor)
    values = {"days": days, "usual_days": None, "times": None}
    if usual:
        values.update(usual_days=round(usual), times=round(days / usual, 1))
    values["dormant_days"] = round(limit)
    start = min(usual or 0.0, limit)
    if days <= limit:
        if limit <= start:
            return (1.0 if days > start else 0.0), values
        stretches = max(days - start, 0) / (limit - start)
        return 1 - (1 - RECENCY_AT_THRESHOLD) ** stretches, values
    # past the threshold: on up to 1 on the day of a silent leave, linearly,
    # so that clients long silent keep their order instead of tying at a cap
    end = max(limit, s.silent_leave_days)
    past = (days - limit) / (end - limit) if end > limit else 1.0
    return RECENCY_AT_THRESHOLD + (1 - RECENCY_AT_THRESHOLD) * min(past, 1.0), values


def _history(c, s):
    if c.purchase_days:
        intensity = _clamp((FEW_PURCHASES - c.purchase_days) / (FEW_PURCHASES - 1))
        yield "few_purchases", intensity, {"purchases": c.purchase_days}
    if c.tenure_days is not None:
        values = {"days": c.tenure_days}
        yield "short_tenure", 1 - _share(c.tenure_days, s.tenure_full_days), values


def _trends(c, s):
    window = s.trend_window_days
    drop = _drop(c.recent_count, c.previous_count)
    if drop is not None:
        values = {"count": c.recent_count, "usual_count": round(c.previous_count, 1)}
        values.update(drop_pct=round(drop * 100), days=window)
        yield "frequency_drop", drop, values
    drop = _drop(c.recent_revenue, c.previous_revenue)
    if drop is not None:
        values = {"amount": max(c.recent_revenue, 0)}
        values.update(usual_amount=round(c.previous_revenue, 2))
        values.update(drop_pct=round(drop * 100), days=window)
        yield "revenue_drop", drop, values


def _complaints(c, s):
    unfounded = c.unfounded_claims or 0
    if c.claims is not None:
        founded = max(c.claims - unfounded, 0)
        values = {"claims": founded, "days": s.claims_window_days}
        yield "claims", _share(founded, s.claims_full), values
    if c.unfounded_claims is not None:
        values = {"claims": unfounded, "days": s.claims_window_days}
        yield "unfounded_claims", _share(unfounded, s.unfounded_claims_full), values
    if c.sla_breaches is not None:
        values = {"breaches": c.sla_breaches, "days": s.sla_window_days}
        yield "sla_breaches", _share(c.sla_breaches, s.sla_breaches_full), values


def _money(c, s):
    overdue, average = c.overdue_amount, c.avg_invoice_amount
    if overdue is not None and average and average > 0:
        invoices = max(overdue, 0) / average
        values = {"amount": max(overdue, 0), "invoices": round(invoices, 1)}
        yield "overdue", _share(invoices, s.overdue_full_invoices), values
    delay = c.avg_payment_delay_days
    if delay is not None:
        values = {"days": round(delay)}
        yield "payment_delay", _share(delay, s.payment_delay_full_days), values


def _feedback(c, s):
    if c.rating_count and c.low_rating_count is not None:
        share = _clamp(c.low_rating_count / c.rating_count)
        values = {"low": c.low_rating_count, "ratings": c.rating_count}
        values.update(share_pct=round(share * 100), days=s.ratings_window_days)
        yield "low_ratings", share, values
    score, limit = c.satisfaction, s.satisfaction_threshold
    if score is not None and limit > 0:
        values = {"satisfaction": round(score), "threshold": round(limit)}
        yield "low_satisfaction", _ramp(limit - score, 0, limit), values


def _intensities(c, s):
    recency = _recency(c, s)
    if recency is not None:
        yield ("recency", *recency)
    yield from _history(c, s)
    yield from _trends(c, s)
    yield from _complaints(c, s)
    yield from _money(c, s)
    yield from _feedback(c, s)


def _round(points):
    return math.floor(points + 0.5)


def level_of(score, settings=DEFAULT_SETTINGS):
    """``low``, ``medium`` or ``high`` for a score."""
    if score >= settings.high_threshold:
        return HIGH
    if score >= settings.medium_threshold:
        return MEDIUM
    return LOW


def intensities(client, settings=DEFAULT_SETTINGS):
    """``{code: intensity}`` of the factors the client has data for."""
    return {code: value for code, value, _values in _intensities(client, settings)}


def _combine(found, sla_breaches, settings):
    """``(total, points, values)`` from ``[(code, intensity, values)]``."""
    weights = {code: max(settings.weight(code), 0) for code, _i, _v in found}
    total_weight = sum(weights.values())
    points, values = {}, {}
    for code, intensity, figures in found:
        share = 100 * weights[code] / total_weight if total_weight else 0
        points[code] = _round(share * intensity)
        values[code] = figures
    rule = settings.sla_breaches_for_medium
    if rule > 0 and (sla_breaches or 0) >= rule:
        missing = settings.medium_threshold - sum(points.values())
        if missing > 0:
            points["sla_breaches"] += missing
            kept = values["sla_breaches"] or {}
            values["sla_breaches"] = {**kept, "minimum_breaches": rule}
    return min(sum(points.values()), 100), points, values


def rescore(found, sla_breaches, settings):
    """The score alone from ``intensities(...)`` items: the backtest rescores
    its replayed clients with other weights without recomputing them."""
    items = [(code, intensity, None) for code, intensity in found.items()]
    return _combine(items, sla_breaches, settings)[0]


def scored(client, settings=DEFAULT_SETTINGS):
    """``(RiskResult, {code: intensity})``: the score and what it was made of,
    computed once (the backtest keeps both for every replayed client)."""
    found = list(_intensities(client, settings))
    total, points, values = _combine(found, client.sla_breaches, settings)
    order = {code: index for index, code in enumerate(FACTORS)}
    factors = sorted(
        ((code, points[code], values[code]) for code in points if points[code] > 0),
        key=lambda factor: (-factor[1], order[factor[0]]),
    )
    result = RiskResult(total, level_of(total, settings), factors)
    return result, {code: intensity for code, intensity, _values in found}


def score(client, settings=DEFAULT_SETTINGS):
    """The churn risk of one client: ``RiskResult(score, level, factors)``."""
    return scored(client, settings)[0]


def score_many(clients, settings=DEFAULT_SETTINGS):
    """``{key: RiskInput}`` → ``{key: RiskResult}`` for a batch of the scan."""
    return {key: score(client, settings) for key, client in clients.items()}


def high_risk_alert(level, in_episode):
    """``(alert_now, in_episode_after)`` for one activity and note per episode.

    A high-risk episode starts when the client reaches high risk and ends
    only when it falls back to low: a client wavering between medium and high
    around the threshold is alerted once, not at every crossing. The Odoo
    layer stores ``in_episode`` (e.g. as the date of the last alert).
    """
    if level == HIGH:
        return (not in_episode, True)
    if level == LOW:
        return (False, False)
    return (False, bool(in_episode))
