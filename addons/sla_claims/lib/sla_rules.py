"""The rules of an SLA clock, on plain datetimes and numbers.

Working time itself is counted by Odoo's resource.calendar; these functions
only decide what the counted times mean. Empty values are ``None`` here;
the models convert the ORM's ``False`` before calling (see ``sla.claim``).
"""

from datetime import datetime
from typing import NamedTuple

RUNNING = "running"
PAUSED = "paused"
AT_RISK = "at_risk"
MET = "met"
BREACHED = "breached"
FINAL_STATES = (MET, BREACHED)


def clock_state(
    *,
    now,
    deadline,
    at_risk_date=None,
    stopped_at=None,
    paused_since=None,
    previous=None,
):
    """State of one clock (response or resolution).

    - A clock already met or breached stays so: the customer was told, and a
      later change of priority or category cannot rewrite what happened.
    - A stopped clock is met when it stopped by the deadline, else breached.
    - A running clock past its deadline is breached, even while paused when it
      was paused only after the deadline had passed.
    - A paused clock is paused; a running one is at risk from its at-risk date.
    - No deadline (the policy sets no target for this clock): met once stopped,
      otherwise running.
    """
    if previous in FINAL_STATES:
        return previous
    if stopped_at is not None:
        return MET if deadline is None or stopped_at <= deadline else BREACHED
    if deadline is not None:
        if paused_since is not None:
            return BREACHED if paused_since > deadline else PAUSED
        if now > deadline:
            return BREACHED
    elif paused_since is not None:
        return PAUSED
    if at_risk_date is not None and now >= at_risk_date:
        return AT_RISK
    return RUNNING


def at_risk_hours(target_hours, at_risk_percent):
    """Working hours after which a clock of ``target_hours`` is at risk."""
    return target_hours * at_risk_percent / 100.0


class Pause(NamedTuple):
    """One interval during which the clocks stood still. ``end`` is None while
    it lasts; ``working_hours`` counts the calendar's working time in it."""

    start: datetime
    end: datetime | None
    working_hours: float


def paused_hours_before(pauses, moment, count_hours):
    """Working hours of the finished ``pauses`` that lie before ``moment``
    (all of them when ``moment`` is None).

    The response clock uses it: a pause after the first response does not
    move the response deadline. ``count_hours(start, end)`` counts working
    hours, for a pause cut in two by ``moment``.
    """
    total = 0.0
    for pause in pauses:
        if pause.end is None:
            continue  # still paused: counted when it ends
        if moment is None or pause.end <= moment:
            total += pause.working_hours
        elif pause.start < moment:
            total += count_hours(pause.start, moment)
    return total


def policy_rank(
    *,
    has_partner,
    has_partner_tag,
    has_category,
    has_priority,
    has_team=False,
    sequence=10,
):
    """Sort key of a matching policy: the most specific comes first.

    Specificity is the most specific criterion the policy sets: partner, then
    partner tag, then claim category, then priority, then team (a team's
    default), then none (the company's default). Among equals, the policy
    setting more criteria wins, then the lower sequence.
    """
    criteria = (has_partner, has_partner_tag, has_category, has_priority, has_team)
    most_specific = next((i for i, has in enumerate(criteria) if has), len(criteria))
    return (most_specific, -sum(map(bool, criteria)), sequence)
