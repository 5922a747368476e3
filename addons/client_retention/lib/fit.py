"""Fit the risk weights to the company's own history.

The backtest's samples carry each factor's intensity (0–1) and whether the
client left. A logistic regression with an L2 penalty (ridge, ``l2`` on the
standardised scale of 0–1 intensities, intercept free) learns how much each
factor says; its coefficients, kept non-negative (a factor that seems to
protect is dropped and the rest refitted: a weight cannot be negative), become
the weights, scaled to sum to 100. Newton's method in plain Python: rows are
sparse (a client has data for a few factors), so each step costs the factors
present per row, squared.

The fit learns on the older snapshot days and is judged on the most recent
ones (``split``): days whose outcome window reaches into the judged days are
left out of the learning, so the judged outcomes were never seen. The caller
applies the new weights only when they rank the judged days better.
"""

import math
from typing import NamedTuple

from . import backtest, risk

MAX_ROWS = 40_000  # rows used for learning: a stride sample beyond this
L2 = 1.0
STEPS = 30


def split(days, horizon_days, held_out=None):
    """``(learn days, judge days)``: the latest third (at least one) judged;
    learning days end a horizon before the first judged day."""
    days = sorted(days)
    held_out = held_out or max(len(days) // 3, 1)
    judged = days[-held_out:]
    first = judged[0].toordinal() - horizon_days
    return [d for d in days[:-held_out] if d.toordinal() <= first], judged


def _solve(matrix, vector):
    """Gaussian elimination with partial pivoting (small dense systems)."""
    size = len(vector)
    rows = [list(matrix[i]) + [vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        if abs(rows[col][col]) < 1e-12:
            continue
        for r in range(size):
            if r != col and rows[r][col]:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [
                    a - factor * b for a, b in zip(rows[r], rows[col], strict=True)
                ]
    return [
        rows[i][size] / rows[i][i] if abs(rows[i][i]) > 1e-12 else 0.0
        for i in range(size)
    ]


def logistic(rows, labels, size, l2=L2, steps=STEPS):
    """Coefficients ``[intercept, b1..b_size]`` of a ridge logistic regression.

    ``rows`` are sparse: ``[(feature index, value), ...]`` per sample.
    """
    beta = [0.0] * (size + 1)
    for _step in range(steps):
        grad = [0.0] * (size + 1)
        hess = [[0.0] * (size + 1) for _ in range(size + 1)]
        for row, left in zip(rows, labels, strict=True):
            z = beta[0] + sum(beta[i + 1] * x for i, x in row)
            p = 1 / (1 + math.exp(-max(min(z, 35), -35)))
            err, w = (1.0 if left else 0.0) - p, p * (1 - p)
            full = ((0, 1.0), *((i + 1, x) for i, x in row))
            for i, xi in full:
                grad[i] += err * xi
                hess_i = hess[i]
                for j, xj in full:
                    hess_i[j] += w * xi * xj
        for i in range(1, size + 1):
            grad[i] -= l2 * beta[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta


def _sample(samples_, limit=MAX_ROWS):
    if len(samples_) <= limit:
        return samples_
    stride = len(samples_) / limit
    return [samples_[int(i * stride)] for i in range(limit)]


def fit_weights(samples_, codes, current_weights):
    """New ``{code: weight}`` summing to 100 from ``samples_``.

    Factors with no data in the samples keep their current weight share
    (nothing to learn from); ``None`` when nothing can be learnt (no client
    left, or all did).
    """
    rows = _sample(samples_)
    labels = [s.left for s in rows]
    if all(labels) or not any(labels):
        return None
    seen = [c for c in codes if any(s.found.get(c) for s in rows)]
    active = list(seen)
    while active:
        index = {code: i for i, code in enumerate(active)}
        sparse = [
            [(index[c], v) for c, v in s.found.items() if c in index and v]
            for s in rows
        ]
        beta = logistic(sparse, labels, len(active))
        negative = [c for c in active if beta[index[c] + 1] <= 0]
        if not negative:
            break
        active = [c for c in active if c not in negative]
    if not active:
        return None  # every factor seemed to protect: nothing to weigh by
    learnt = {c: beta[i + 1] for i, c in enumerate(active)}
    unseen = {c: current_weights.get(c, 0.0) for c in codes if c not in seen}
    unseen_total = sum(unseen.values())
    current_total = sum(current_weights.values()) or 1.0
    room = 100.0 * (1 - unseen_total / current_total)
    learnt_total = sum(learnt.values())
    weights = {c: 0.0 for c in codes}
    for code, value in unseen.items():
        weights[code] = round(100.0 * value / current_total, 1)
    for code, value in learnt.items():
        weights[code] = round(room * value / learnt_total, 1) if learnt_total else 0.0
    if not any(weights.values()):
        return None
    return weights


BLENDS = (0.25, 0.5, 0.75, 1.0)


def _blend(current, fitted, share):
    """``share`` of the fitted weights, the rest of the current ones, /100."""
    total = sum(current.values()) or 1.0
    return {
        code: round(
            (1 - share) * 100.0 * current[code] / total + share * fitted[code], 1
        )
        for code in fitted
    }


def auc_standard_error(auc, positives, negatives):
    """Hanley and McNeil's standard error of an AUC."""
    if not auc or not positives or not negatives:
        return 0.0
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (
        auc * (1 - auc)
        + (positives - 1) * (q1 - auc * auc)
        + (negatives - 1) * (q2 - auc * auc)
    ) / (positives * negatives)
    return math.sqrt(max(variance, 0.0))


def _best_blend(learn, current, fitted, settings, with_weights):
    """The smallest step from the current weights towards the fitted ones
    that ranks the learning days within one standard error of the best step
    (the "one standard error" rule): the regression's log-loss is not the
    score's ranking, and the older days the fit learns from are not quite
    the days it will be used on, so a shorter step travels better."""
    rows = _sample(learn)
    labels = [s.left for s in rows]

    def auc(weights):
        scored = backtest.rescored(rows, with_weights(settings, weights))
        return backtest.roc_auc([s.score for s in scored], labels) or 0.0

    candidates = [(_blend(current, fitted, share), share) for share in BLENDS]
    aucs = [auc(weights) for weights, _share in candidates]
    best = max(aucs)
    positives = sum(labels)
    margin = auc_standard_error(best, positives, len(labels) - positives)
    return next(
        weights
        for (weights, _share), value in zip(candidates, aucs, strict=True)
        if value >= best - margin
    )


class Fit(NamedTuple):
    weights: object  # {code: weight} or None
    learn_days: list
    judge_days: list
    learn_samples: int
    judge_samples: int
    auc_before: object  # the current weights on the judged days
    auc_after: object  # the new weights on the judged days
    auc_recency: object  # days since the last purchase on the judged days
    better: bool


def fit(samples_, days, horizon_days, settings, with_weights):
    """Learn weights on the older days, judge them on the recent ones.

    ``with_weights(settings, weights)`` returns settings with those weights
    (the caller's dataclass). ``better``: the judged AUC of the new weights
    beats the current one's.
    """
    learn_days, judge_days = split(days, horizon_days)
    learn = [s for s in samples_ if s.day in set(learn_days)]
    judge = [s for s in samples_ if s.day in set(judge_days)]
    codes = list(risk.FACTORS)
    current = {c: max(settings.weight(c), 0.0) for c in codes}
    weights = fit_weights(learn, codes, current) if learn else None
    if weights:
        weights = _best_blend(learn, current, weights, settings, with_weights)
    labels = [s.left for s in judge]
    before = backtest.roc_auc([s.score for s in judge], labels)
    after = None
    if weights:
        new = backtest.rescored(judge, with_weights(settings, weights))
        after = backtest.roc_auc([s.score for s in new], labels)
    recency = backtest.roc_auc([s.days_since_last for s in judge], labels)
    better = after is not None and (before is None or after > before)
    return Fit(
        weights,
        learn_days,
        judge_days,
        len(learn),
        len(judge),
        before,
        after,
        recency,
        better,
    )
