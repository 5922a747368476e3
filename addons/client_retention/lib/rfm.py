"""RFM: how recently, how often and for how much each client buys.

Scores 1–5 by quintiles over the clients the scan passes in, one company at
a time. The scan passes every client with a purchase that is not lost (lost
clients keep no scores); the recommended values are

- R: days since the last purchase (fewer days scores higher),
- F: invoices in the last 12 months,
- M: revenue in the last 12 months (``purchases.revenue``: never below 0).

Rules:

- A client's score is its mid-rank percentile ``p`` in ``(0, 1)`` cut into
  fifths: ``score = 1 + floor(5 × p)``, where ``p = (below + equal / 2) / n``
  (``below``: clients with a worse value, ``equal``: clients with the same
  value, itself included). So ten clients with distinct values score
  1,1,2,2,3,3,4,4,5,5, and five score 1,2,3,4,5.
- Ties share a score: the same days, invoices or revenue always give the same
  score, even across a quintile boundary. When half the clients brought no
  revenue they all score 2 on M (the middle of the bottom half), not some 1
  and some 2.
- Fewer than five clients still spread over the scale: two score 2 and 4,
  three 1, 3, 5, four 1, 2, 4, 5. **A single client scores 3** on each
  dimension (nothing to compare with, so average; a lone client is not a
  "champion"), and so does a group whose values are all equal.
- A client with no value for a dimension (``None``) gets no score for it and
  no segment.

Segments, from R and FM = (F + M) / 2 rounded half up (so FM is 1 only for
F = M = 1, 5 only for F + M ≥ 9). The grid is the common R × F segment map,
with "lost" carved out of "hibernating" as in the 11-segment tables:

=====  ==============  ===============  ===============  =========  =========
R\\FM  1               2                3                4          5
=====  ==============  ===============  ===============  =========  =========
5      new             potential_loyal  potential_loyal  champions  champions
4      promising       potential_loyal  potential_loyal  loyal      loyal
3      about_to_sleep  about_to_sleep   need_attention   loyal      loyal
2      hibernating     hibernating      at_risk          at_risk    cant_lose
1      lost            hibernating      at_risk          at_risk    cant_lose
=====  ==============  ===============  ===============  =========  =========

The codes are stable (stored in ``retention_rfm_segment``); ``SEGMENTS`` gives
the English labels for the Selection field, which the Odoo layer translates.
"""

from bisect import bisect_left, bisect_right
from typing import NamedTuple

SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("potential_loyal", "Potential loyal"),
    ("new", "New"),
    ("promising", "Promising"),
    ("need_attention", "Need attention"),
    ("about_to_sleep", "About to sleep"),
    ("at_risk", "At risk"),
    ("cant_lose", "Can't lose"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]

# _ROWS[r][fm - 1]: one row per R score, one column per FM score
_ROWS = {
    5: ("new", "potential_loyal", "potential_loyal", "champions", "champions"),
    4: ("promising", "potential_loyal", "potential_loyal", "loyal", "loyal"),
    3: ("about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"),
    2: ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    1: ("lost", "hibernating", "at_risk", "at_risk", "cant_lose"),
}


class RfmInput(NamedTuple):
    """One client's raw values: days since last purchase, count, revenue."""

    days_since_last: object  # int or None
    frequency: object  # number or None
    monetary: object  # number or None


class RfmScore(NamedTuple):
    r: object  # 1..5 or None
    f: object
    m: object
    segment: object  # a code of SEGMENTS or None


def quintile_scores(values, *, higher_is_better=True):
    """Score each key's value 1–5 among all the values (see the module).

    ``values`` maps any key (a partner id) to a number or ``None``; keys with
    ``None`` are left out of the result. O(n log n): one sort, then bisection.
    """
    present = [value for value in values.values() if value is not None]
    ordered = sorted(present)
    count = len(ordered)
    by_value = {}
    scores = {}
    for key, value in values.items():
        if value is None:
            continue
        if value not in by_value:
            below = bisect_left(ordered, value)
            equal = bisect_right(ordered, value) - below
            if not higher_is_better:
                below = count - below - equal
            by_value[value] = min(5, 1 + (5 * (2 * below + equal)) // (2 * count))
        scores[key] = by_value[value]
    return scores


def fm_score(f, m):
    """The combined frequency-monetary score: their mean, half rounded up."""
    return (f + m + 1) // 2


def segment(r, f, m):
    """The segment code for scores 1–5, or ``None`` when a score is missing."""
    if r is None or f is None or m is None:
        return None
    return _ROWS[r][fm_score(f, m) - 1]


def rfm_scores(clients):
    """Scores and segment of every client: ``{key: RfmInput}`` → ``{key: RfmScore}``."""
    recency = quintile_scores(
        {key: c.days_since_last for key, c in clients.items()},
        higher_is_better=False,
    )
    frequency = quintile_scores({key: c.frequency for key, c in clients.items()})
    monetary = quintile_scores({key: c.monetary for key, c in clients.items()})
    result = {}
    for key in clients:
        r, f, m = recency.get(key), frequency.get(key), monetary.get(key)
        result[key] = RfmScore(r, f, m, segment(r, f, m))
    return result
