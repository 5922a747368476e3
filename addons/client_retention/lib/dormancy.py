"""When a client is dormant, when it has left in silence, and its state.

Rules:

- A client is **dormant** when the days since its last purchase exceed
  ``max(floor_days, factor × its own average interval)`` (defaults 90 and 2):
  a client buying every 10 days is not dormant before 90 days, one buying
  every 60 days not before 120. Without a rhythm (one purchase date) only the
  floor counts. A client that never bought is no client: never dormant.
- ``dormant_since`` is the first day on which that holds: the last purchase
  plus the threshold (rounded down) plus one day. It depends on the last
  purchase, the rhythm and the settings only, not on when the scan runs, so a
  scan that did not run for a week dates the dormancy the same.
- **One reactivation mail per episode.** An episode is the time between a
  purchase and the next one; it ends with a new purchase. A mail is due when
  the client is dormant and no mail was sent after its last purchase
  (:func:`new_episode`). Comparing with the last purchase rather than with
  ``dormant_since`` keeps one mail per episode even when a manager changes
  the floor or factor in the middle of an episode.
- **No backlog mail.** A mail (and activity) is sent only for a dormancy
  the scan catches as it begins: not on the first scan of a client (the
  module installed over years of history), and not when the dormancy began
  more than ``FRESH_DAYS`` (30) before the scan found it (the scan did not
  run for weeks, or the floor was lowered). Those clients are the backlog:
  their state is recorded and a manager decides whom to write to
  (:func:`reactivation_action`).
- **Silent leave**: days since the last purchase exceed ``silent_leave_days``
  (365) *and* the client is dormant. A client is first dormant, then lost:
  one buying every 200 days is called lost only after 400 days (its own
  dormancy), not at 366. The inferred churn event is dated the first day the
  rule holds (:func:`silent_leave_date`), again independent of the scan.
- State precedence (:func:`retention_state`): lost > leaving > dormant >
  at_risk (high risk) > active; ``None`` for a partner with no purchase.

Empty values are ``None``; the models convert the ORM's ``False`` first.
"""

import math
from datetime import timedelta
from typing import NamedTuple

from .purchases import days_since

FLOOR_DAYS = 90
FACTOR = 2.0
SILENT_LEAVE_DAYS = 365
FRESH_DAYS = 30
SEND = "send"
BACKLOG = "backlog"

ACTIVE = "active"
AT_RISK = "at_risk"
DORMANT = "dormant"
LEAVING = "leaving"
LOST = "lost"
STATES = [
    (ACTIVE, "Active"),
    (AT_RISK, "At risk"),
    (DORMANT, "Dormant"),
    (LEAVING, "Leaving"),
    (LOST, "Lost"),
]


def threshold_days(avg_interval_days, floor_days=FLOOR_DAYS, factor=FACTOR):
    """Days without a purchase a client may go before it is dormant."""
    if avg_interval_days is None:
        return float(floor_days)
    return max(float(floor_days), factor * avg_interval_days)


def is_dormant(
    days_since_last, avg_interval_days, floor_days=FLOOR_DAYS, factor=FACTOR
):
    """Whether the days since the last purchase exceed the client's threshold."""
    if days_since_last is None:
        return False
    return days_since_last > threshold_days(avg_interval_days, floor_days, factor)


def dormant_since(
    last_purchase, avg_interval_days, today, floor_days=FLOOR_DAYS, factor=FACTOR
):
    """The first day the client counted as dormant, or ``None`` if it is not."""
    if last_purchase is None:
        return None
    limit = threshold_days(avg_interval_days, floor_days, factor)
    since = last_purchase + timedelta(days=math.floor(limit) + 1)
    return since if since <= today else None


def new_episode(dormant, last_purchase, reactivation_sent_date):
    """Whether a reactivation mail (and activity) is due now.

    True when the client is dormant and nothing was sent since its last
    purchase: the first scan of each episode, and never a second time in it.
    """
    if not dormant or last_purchase is None:
        return False
    return reactivation_sent_date is None or reactivation_sent_date <= last_purchase


def reactivation_action(due, first_scan, since, today, fresh_days=FRESH_DAYS):
    """``SEND``, ``BACKLOG`` or ``None`` for a client whose mail is ``due``
    (:func:`new_episode`): sent only for a dormancy that began at most
    ``fresh_days`` ago and was not found by the client's first scan."""
    if not due:
        return None
    if first_scan or since is None or (today - since).days > fresh_days:
        return BACKLOG
    return SEND


def is_silent_leave(
    days_since_last,
    avg_interval_days,
    silent_leave_days=SILENT_LEAVE_DAYS,
    floor_days=FLOOR_DAYS,
    factor=FACTOR,
):
    """Whether the client has left without a word (see the module)."""
    if days_since_last is None or days_since_last <= silent_leave_days:
        return False
    return is_dormant(days_since_last, avg_interval_days, floor_days, factor)


def silent_leave_date(
    last_purchase,
    avg_interval_days,
    silent_leave_days=SILENT_LEAVE_DAYS,
    floor_days=FLOOR_DAYS,
    factor=FACTOR,
):
    """The first day the silent-leave rule holds: the inferred event's date."""
    if last_purchase is None:
        return None
    limit = max(
        float(silent_leave_days),
        threshold_days(avg_interval_days, floor_days, factor),
    )
    return last_purchase + timedelta(days=math.floor(limit) + 1)


class Dormancy(NamedTuple):
    """What the scan needs to know about one client's silence."""

    dormant: bool
    dormant_since: object  # date or None
    send_reactivation: bool
    silent_leave: bool
    silent_leave_date: object  # date or None (None when not left)


def assess(
    last_purchase,
    avg_interval_days,
    today,
    reactivation_sent_date=None,
    *,
    floor_days=FLOOR_DAYS,
    factor=FACTOR,
    silent_leave_days=SILENT_LEAVE_DAYS,
):
    """Dormancy, its start, the mail due and silent leave of one client."""
    days = days_since(last_purchase, today)
    dormant = is_dormant(days, avg_interval_days, floor_days, factor)
    left = is_silent_leave(
        days, avg_interval_days, silent_leave_days, floor_days, factor
    )
    return Dormancy(
        dormant=dormant,
        dormant_since=(
            dormant_since(last_purchase, avg_interval_days, today, floor_days, factor)
            if dormant
            else None
        ),
        send_reactivation=new_episode(dormant, last_purchase, reactivation_sent_date),
        silent_leave=left,
        silent_leave_date=(
            silent_leave_date(
                last_purchase, avg_interval_days, silent_leave_days, floor_days, factor
            )
            if left
            else None
        ),
    )


def retention_state(
    *, has_purchase, dormant=False, lost=False, leaving=False, high_risk=False
):
    """The client's ``retention_state``.

    ``lost``: an open lost churn event (manual, offboarding or silent leave);
    ``leaving``: an offboarding case under way. A partner that never bought
    has no state (``None``): it is not a client yet.
    """
    if not has_purchase:
        return None
    if lost:
        return LOST
    if leaving:
        return LEAVING
    if dormant:
        return DORMANT
    if high_risk:
        return AT_RISK
    return ACTIVE
