"""When the SLA check next has something to do for a claim.

The 15-minute check only looks at claims whose next check is due, so each
claim carries the earliest moment at which one of its clocks changes state or
one of its pending escalations falls due. A claim with nothing left to do has
no next check and leaves the check's domain for good.
"""

from datetime import timedelta

from .sla_rules import AT_RISK, MET, PAUSED, RUNNING

RECHECK_DELAY = timedelta(seconds=1)

BEFORE_BREACH = "before_breach"
AT_BREACH = "at_breach"
AFTER_BREACH = "after_breach"


def clock_change_at(state, at_risk_date, deadline):
    """When a clock in ``state`` turns at risk or breached; None when it never
    will by itself (stopped, paused, already met or breached, no target)."""
    if state == RUNNING:
        return at_risk_date or deadline
    if state == AT_RISK:
        return deadline
    return None


def escalation_due_at(trigger, *, state, live, at_risk_date, deadline, after_due):
    """When an escalation on one clock falls due, or None if it cannot.

    ``live`` is False once the clock stopped (answered or resolved) or while
    the claim waits on the customer: nobody is escalated for those.
    ``after_due`` is the deadline plus the rule's working hours, planned on the
    claim's calendar (only needed for ``after_breach``).
    """
    if not live or state in (PAUSED, MET) or deadline is None:
        return None
    if trigger == BEFORE_BREACH:
        return at_risk_date or deadline
    if trigger == AT_BREACH:
        return deadline
    return after_due


def next_check(moments, now):
    """The earliest of ``moments`` (None ignored), always after ``now``.

    Everything due by ``now`` has just been handled; a moment not later than
    ``now`` (a deadline of exactly now is breached only once it has passed) is
    checked again just after it, so a check run always ends.
    """
    pending = [moment for moment in moments if moment is not None]
    if not pending:
        return None
    return max(min(pending), now + RECHECK_DELAY)
