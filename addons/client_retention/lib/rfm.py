"""RFM: how recently, how often and for how much each client buys.

Scores 1–5 over the clients the scan passes in, one company at a time. The
scan passes every client with a purchase that is not lost (lost clients keep
no scores), with

- R: days since the last purchase (fewer days scores higher),
- F: invoices in the last 12 months (0 for a client whose last purchase is
  older but who is still scored),
- M: revenue in the last 12 months (``purchases.revenue``: never below 0).

Rules:

- A client's mid-rank percentile is ``p = (below + equal / 2) / n`` in
  ``(0, 1)`` (``below``: clients with a worse value, ``equal``: clients with
  the same value, itself included).
- R and M are ``p`` cut into fifths: ``score = 1 + floor(5 × p)``. Ten clients
  with distinct values score 1,1,2,2,3,3,4,4,5,5, five score 1,2,3,4,5, and
  fewer still spread: two score 2 and 4, three 1, 3, 5, four 1, 2, 4, 5.
- F: 0 or 1 invoice scores 1, however many clients bought once (where 60 %
  of the clients buy once, mid-ranks over everyone gave them all 2 and no one
  was ever "new", "promising" or "lost"). The repeat buyers (2 invoices or
  more) score 2–5 by their ``p`` among the repeat buyers only, cut into
  quarters: ``score = 1 + ceil(4 × p)``, so a repeat buyer exactly on a
  boundary takes the lower score. Eight repeat buyers with distinct counts
  score 2,2,3,3,4,4,5,5, four 2,3,4,5, three 2, 3, 5, two 2 and 4.
- M: no revenue in the 12 months scores 1, however many such clients there
  are (a client that stopped buying a year ago is at the bottom, not in the
  middle of a tie); the clients with revenue score 1–5 among themselves.
- Ties share a score: the same days, invoices or revenue always give the same
  score, even across a boundary.
- **A single client scores 3** on each dimension (nothing to compare with, so
  average; a lone client is not a "champion"), and so does a group whose
  values are all equal; the same holds for F among the repeat buyers: a lone
  repeat buyer, or repeat buyers with equal counts, score F = 3 (the lower
  middle of 2–5). A single client who bought once scores F = 1.
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

So a one-time buyer (F = 1) in the bottom fifth of revenue (M = 1) is "new"
at R = 5, "promising" at R = 4, "about_to_sleep" at R = 3, "hibernating" at
R = 2 and "lost" at R = 1; one who spent more (M = 2 or 3, FM = 2) is
"potential_loyal", "about_to_sleep" or "hibernating" instead.

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


def _mid_rank_scores(values, score, higher_is_better=True):
    """``{key: score(2 × below + equal, 2 × n)}`` for the keys with a value.

    Equal values are scored once, so they always share a score. O(n log n):
    one sort, then bisection.
    """
    ordered = sorted(value for value in values.values() if value is not None)
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
            by_value[value] = score(2 * below + equal, 2 * count)
        scores[key] = by_value[value]
    return scores


def quintile_scores(values, *, higher_is_better=True):
    """Score each key's value 1–5 among all the values (see the module).

    ``values`` maps any key (a partner id) to a number or ``None``; keys with
    ``None`` are left out of the result.
    """
    return _mid_rank_scores(
        values, lambda rank2, count2: 1 + 5 * rank2 // count2, higher_is_better
    )


def frequency_scores(values):
    """Score invoice counts: 1 for 0 or 1, 2–5 among the repeat buyers.

    Same keys and ``None`` handling as :func:`quintile_scores`.
    """
    scores = {key: 1 for key, value in values.items() if value is not None}
    repeat = {key: value for key, value in values.items() if (value or 0) >= 2}
    # 1 + ceil(4 × p): a boundary takes the lower score, a lone one scores 3
    scores.update(
        _mid_rank_scores(repeat, lambda rank2, count2: 1 - (-4 * rank2 // count2))
    )
    return scores


def monetary_scores(values):
    """Score revenue: 1 without any, 1–5 among the clients with revenue."""
    scores = {key: 1 for key, value in values.items() if value is not None}
    scores.update(
        quintile_scores({key: v for key, v in values.items() if (v or 0) > 0})
    )
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
    frequency = frequency_scores({key: c.frequency for key, c in clients.items()})
    monetary = monetary_scores({key: c.monetary for key, c in clients.items()})
    result = {}
    for key in clients:
        r, f, m = recency.get(key), frequency.get(key), monetary.get(key)
        result[key] = RfmScore(r, f, m, segment(r, f, m))
    return result
