"""Which clients are worth letting go, and why (the evidence for each sign).

Four signs: excessive demands (many claims a month, many of them unfounded),
the chronic late payer (long average delay or a large overdue amount),
pressure or threats, and blame-shifting (both noted by hand by the team).
"""

from collections import namedtuple

DEMANDS, LATE_PAYER, PRESSURE, BLAME = "demands", "late_payer", "pressure", "blame"
SIGNS = (DEMANDS, LATE_PAYER, PRESSURE, BLAME)

Thresholds = namedtuple(
    "Thresholds",
    "claims_per_month unfounded_pct min_claims payment_delay_days overdue_amount",
)
DEFAULTS = Thresholds(2.0, 50.0, 3, 30.0, 0.0)


def claims_per_month(claims, months):
    """Average claims a month over a window of ``months``."""
    return round(claims / months, 2) if months else 0.0


def unfounded_share(claims, unfounded):
    """Share (%) of claims that turned out unfounded."""
    return round(unfounded * 100.0 / claims, 1) if claims else 0.0


def signs(
    thresholds,
    claims,
    unfounded,
    months,
    payment_delay,
    overdue,
    pressure=False,
    blame=False,
):
    """The signs shown by a client, in ``SIGNS`` order.

    Excessive demands: at least ``min_claims`` claims in the window and either
    more than ``claims_per_month`` a month or an unfounded share of at least
    ``unfounded_pct``. Late payer: an average payment delay of at least
    ``payment_delay_days``, or an overdue amount above ``overdue_amount`` when
    that threshold is set (0 = ignored).
    """
    found = []
    if claims >= thresholds.min_claims and (
        claims_per_month(claims, months) > thresholds.claims_per_month
        or unfounded_share(claims, unfounded) >= thresholds.unfounded_pct
    ):
        found.append(DEMANDS)
    if (payment_delay or 0) >= thresholds.payment_delay_days or (
        thresholds.overdue_amount and (overdue or 0) > thresholds.overdue_amount
    ):
        found.append(LATE_PAYER)
    if pressure:
        found.append(PRESSURE)
    if blame:
        found.append(BLAME)
    return found
