"""Would the risk score have told us who was about to leave? The backtest.

On monthly snapshot days in the past, every client that had bought and had
not left is replayed as the scan would have seen it that day
(``history.replay``) and scored; whether it left in the ``horizon_days``
after (``history.left_within``) is then known. The score is compared with
the simplest baseline, the days since the last purchase, on the same
clients:

- ROC AUC: the chance that a client who left scored above one who stayed
  (ties count half); 0.5 is a coin, 1 is perfect; also among the clients
  not yet dormant on the day, where recency alone says least;
- precision and recall of "high" and of "medium or high";
- lift of the top decile: the share that left among the 10 % riskiest,
  against the share among all (clients tied at the cut count pro rata);
- calibration: per score band of 10 points, how many clients and what share
  left.

Plain Python, no Odoo: the Odoo layer loads the facts in SQL once.
"""

from datetime import date as Date
from typing import NamedTuple

from . import dormancy, history, risk

BANDS = 10


class Sample(NamedTuple):
    day: object
    key: object  # the client
    score: int
    level: str
    days_since_last: int
    dormant: bool  # already dormant on the day
    left: bool
    found: dict  # {factor code: intensity}: what the weight fitting learns from
    sla_breaches: object


def _months_back(day, months):
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return Date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def snapshot_days(today, months, horizon_days):
    """``months`` monthly days, the latest ``horizon_days`` before today (so
    its outcome is known), oldest first."""
    latest = Date.fromordinal(today.toordinal() - horizon_days)
    return [_months_back(latest, back) for back in range(months - 1, -1, -1)]


def samples(facts_by_client, days, horizon_days, settings, has_claims):
    """Every eligible client on every snapshot day, scored, with its outcome."""
    result = []
    for day in days:
        for key, facts in facts_by_client.items():
            seen = history.replay(facts, day, settings, has_claims)
            if seen.lost or seen.figures.last_purchase is None:
                continue
            scored, found = risk.scored(seen.input, settings)
            result.append(
                Sample(
                    day,
                    key,
                    scored.score,
                    scored.level,
                    seen.figures.days_since_last,
                    dormancy.is_dormant(
                        seen.figures.days_since_last,
                        seen.figures.avg_interval_days,
                        settings.dormancy_floor_days,
                        settings.dormancy_factor,
                    ),
                    history.left_within(
                        facts, day, horizon_days, seen.figures, settings
                    ),
                    found,
                    seen.input.sla_breaches,
                )
            )
    return result


def roc_auc(scores, labels):
    """Area under the ROC curve, by mean ranks (ties count half); ``None``
    when every client left or none did."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda pair: pair[0])
    positives = sum(1 for _score, left in pairs if left)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return None
    rank_sum, index = 0.0, 0
    while index < len(pairs):
        end = index
        while end + 1 < len(pairs) and pairs[end + 1][0] == pairs[index][0]:
            end += 1
        mean_rank = (index + end) / 2 + 1
        rank_sum += mean_rank * sum(1 for p in pairs[index : end + 1] if p[1])
        index = end + 1
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def precision_recall(flags, labels):
    """``(precision, recall)`` of flagging; ``None`` where undefined."""
    flagged = sum(1 for flag in flags if flag)
    hits = sum(1 for flag, left in zip(flags, labels, strict=True) if flag and left)
    positives = sum(1 for left in labels if left)
    return (
        hits / flagged if flagged else None,
        hits / positives if positives else None,
    )


def top_decile_lift(scores, labels):
    """Share that left among the top 10 % of scores ÷ share among all."""
    count = len(scores)
    base = sum(1 for left in labels if left) / count if count else 0
    if not base:
        return None
    take = max(count / 10, 1)
    by_score = {}
    for score, left in zip(scores, labels, strict=True):
        total, lefts = by_score.get(score, (0, 0))
        by_score[score] = (total + 1, lefts + left)
    taken = hits = 0.0
    for score in sorted(by_score, reverse=True):
        total, lefts = by_score[score]
        part = min(total, take - taken)
        hits += lefts * part / total
        taken += part
        if taken >= take:
            break
    return hits / taken / base


def calibration(scores, labels, bands=BANDS):
    """``[(from, to, clients, left, share)]`` per band of ``100 / bands`` points."""
    width = 100 // bands
    rows = [[band * width, band * width + width - 1, 0, 0] for band in range(bands)]
    rows[-1][1] = 100
    for score, left in zip(scores, labels, strict=True):
        row = rows[min(int(score) // width, bands - 1)]
        row[2] += 1
        row[3] += bool(left)
    return [(a, b, n, k, k / n if n else None) for a, b, n, k in rows]


class Report(NamedTuple):
    samples: int
    clients: int
    left: int
    auc_score: object
    auc_recency: object
    auc_active_score: object  # the same among clients not yet dormant
    auc_active_recency: object
    high: tuple  # (precision, recall)
    medium: tuple  # "medium or high": (precision, recall)
    lift: object
    calibration: list


def report(samples_):
    """The figures of the module docstring over ``samples_``."""
    scores = [s.score for s in samples_]
    labels = [s.left for s in samples_]
    active = [s for s in samples_ if not s.dormant]
    active_labels = [s.left for s in active]
    return Report(
        samples=len(samples_),
        clients=len({s.key for s in samples_}),
        left=sum(labels),
        auc_score=roc_auc(scores, labels),
        auc_recency=roc_auc([s.days_since_last for s in samples_], labels),
        auc_active_score=roc_auc([s.score for s in active], active_labels),
        auc_active_recency=roc_auc([s.days_since_last for s in active], active_labels),
        high=precision_recall([s.level == risk.HIGH for s in samples_], labels),
        medium=precision_recall([s.level != risk.LOW for s in samples_], labels),
        lift=top_decile_lift(scores, labels),
        calibration=calibration(scores, labels),
    )


def rescored(samples_, settings):
    """The same samples scored with other weights (the intensities stay)."""
    return [
        s._replace(
            score=(points := risk.rescore(s.found, s.sla_breaches, settings)),
            level=risk.level_of(points, settings),
        )
        for s in samples_
    ]
