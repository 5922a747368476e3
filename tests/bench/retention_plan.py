"""What the retention scan benchmark builds: its clients and their invoices,
planned in plain Python (no Odoo), written by retention_data.py with COPY.

Deterministic: the same sizes, seed and day give the same plan. Each client
has its own rhythm (days between purchases), size of invoice, payment
habit and a kind that decides when it stopped buying:

- ``active``: bought within the last few weeks;
- ``slowing``: still buying, but a third as often in the last 120 days and
  for less (the risk score's frequency and revenue drops);
- ``dormant``: stopped 4 to 11 months ago (past its dormancy threshold);
- ``silent``: stopped more than a year ago (a silent leave).

Invoices are spread over the 3 years before today, due 15 to 60 days after
their date; most are paid (late by some clients, never by a few: overdue
amounts), about 3 % refunded, a third of those in full.

Plain Python: tests/unit/test_retention_bench_plan.py tests it.
"""

import math
import random
from datetime import timedelta
from typing import NamedTuple

FULL_CLIENTS = 50_000
SMOKE_CLIENTS = 200
INVOICES_PER_CLIENT = 20
SCAN_BATCH = 1000  # client_retention's SCAN_BATCH_SIZE
SEED = 19
HISTORY_DAYS = 3 * 365  # invoice dates: the 3 years before today
KINDS = (("active", 0.55), ("slowing", 0.10), ("dormant", 0.20), ("silent", 0.15))
TERMS = ((15, 0.2), (30, 0.6), (45, 0.1), (60, 0.1))  # days to the due date
PAYERS = (("on_time", 0.70), ("late", 0.25), ("bad", 0.05))
SLOW_DAYS = 120  # a slowing client's recent stretch: a third as many invoices
REFUND_SHARE = 0.03
FULL_REFUND_SHARE = 1 / 3
EMAIL_SHARE = 0.9
SALESPERSON_SHARE = 0.5


class Client(NamedTuple):
    index: int
    kind: str
    name: str
    email: object  # str or None
    salesperson: bool
    first: object  # date of the first invoice
    last: object  # date of the last invoice
    invoices: int
    payer: str


class Invoice(NamedTuple):
    client: int  # Client.index
    invoice_date: object
    due_date: object
    cents: int  # untaxed = total (no tax)
    refund_cents: int  # 0: not refunded; == cents: refunded in full
    refund_date: object  # None when not refunded
    pay_date: object  # None: not paid (open, overdue once due)


def sizes(clients=FULL_CLIENTS, invoices=None):
    """Clients, invoices (20 per client unless given) and the scan batch: the
    module's 1000, or a quarter of the clients for small runs, so that the
    smoke run too scans several batches."""
    clients = max(int(clients), 1)
    invoices = max(int(invoices or clients * INVOICES_PER_CLIENT), clients)
    batch = SCAN_BATCH if clients >= 4 * SCAN_BATCH else max(clients // 4, 1)
    return {"clients": clients, "invoices": invoices, "batch": batch}


def _choice(rng, weighted):
    """One value of ``((value, weight), ...)``; the weights sum to 1."""
    point, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if point < total:
            return value
    return weighted[-1][0]


def apportion(total, weights):
    """``total`` split along ``weights``: at least 1 each, the rest by largest
    remainder (ties to the first), summing to ``total`` exactly."""
    count = len(weights)
    if total < count:
        raise ValueError(f"{total} invoices cannot give {count} clients one each")
    spare, scale = total - count, sum(weights)
    shares = [spare * w / scale for w in weights]
    parts = [1 + math.floor(share) for share in shares]
    left = total - sum(parts)
    by_remainder = sorted(
        range(count), key=lambda i: (-(shares[i] - math.floor(shares[i])), i)
    )
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts


def plan_clients(clients, invoices, today, seed=SEED):
    """The ``clients`` clients and how many of the ``invoices`` each gets."""
    rng = random.Random(f"{seed}-clients")
    horizon = today - timedelta(days=HISTORY_DAYS - 1)
    drafts = []
    for index in range(clients):
        kind = _choice(rng, KINDS)
        start = horizon + timedelta(days=rng.randint(0, 400))
        if kind in ("active", "slowing"):
            last = today - timedelta(days=rng.randint(0, 25))
        elif kind == "dormant":
            last = today - timedelta(days=rng.randint(120, 330))
        else:
            last = today - timedelta(days=rng.randint(400, HISTORY_DAYS - 30))
        start = max(min(start, last - timedelta(days=rng.randint(0, 60))), horizon)
        weight = rng.lognormvariate(0, 0.6) * ((last - start).days + 30)
        email = (
            f"client{index:05d}@retention.bench.example"
            if rng.random() < EMAIL_SHARE
            else None
        )
        salesperson = rng.random() < SALESPERSON_SHARE
        payer = _choice(rng, PAYERS)
        drafts.append((index, kind, email, salesperson, start, last, weight, payer))
    counts = apportion(invoices, [draft[6] for draft in drafts])
    return [
        Client(
            index,
            kind,
            f"Bench client {index:05d}",
            email,
            salesperson,
            start,
            last,
            count,
            payer,
        )
        for (index, kind, email, salesperson, start, last, _w, payer), count in zip(
            drafts, counts, strict=True
        )
    ]


def _dates(rng, client):
    """The client's invoice dates: evenly spread with jitter from its first to
    its last; a slowing client's last SLOW_DAYS hold a third as many."""
    count, first, last = client.invoices, client.first, client.last
    window = (last - first).days
    if count == 1 or window == 0:
        return [last] * count
    slow = SLOW_DAYS if client.kind == "slowing" and window > 2 * SLOW_DAYS else 0
    virtual = window - slow + slow / 3  # the slow stretch counts a third
    step = virtual / (count - 1)
    days = []
    for k in range(count):
        u = k * step
        if 0 < k < count - 1:
            u += rng.uniform(-0.3, 0.3) * step
        real = u if u <= window - slow else (window - slow) + (u - window + slow) * 3
        days.append(min(max(round(real), 0), window))
    return sorted(first + timedelta(days=day) for day in days)


def plan_invoices(client, today, seed=SEED):
    """The client's invoices, each with its refund and payment, if any. Each
    client has its own random stream: the plan of one does not depend on the
    others."""
    rng = random.Random(f"{seed}-client-{client.index}")
    base = min(max(rng.lognormvariate(math.log(600), 0.9), 50), 20_000)
    term = _choice(rng, TERMS)
    slow_from = today - timedelta(days=SLOW_DAYS)
    rows = []
    for day in _dates(rng, client):
        factor = rng.uniform(0.8, 1.25)
        if client.kind == "slowing" and day >= slow_from:
            factor *= 0.6
        cents = max(round(base * factor * 100), 100)
        due = day + timedelta(days=term)
        refund_cents, refund_date = 0, None
        if rng.random() < REFUND_SHARE:
            refund_date = min(day + timedelta(days=rng.randint(1, 30)), today)
            if rng.random() < FULL_REFUND_SHARE:
                refund_cents = cents
            else:
                refund_cents = max(round(cents * rng.uniform(0.1, 0.5)), 1)
        pay_date = None
        if refund_cents < cents:  # what a refund leaves is paid after it
            if client.payer == "on_time":
                delay = rng.randint(-10, 3)
            elif client.payer == "late":
                delay = rng.randint(8, 50)
            else:  # a bad payer never pays a quarter of its invoices
                delay = rng.randint(20, 90) if rng.random() < 0.75 else None
            if delay is not None:
                pay = max(due + timedelta(days=delay), refund_date or day, day)
                pay_date = pay if pay <= today else None
        rows.append(
            Invoice(client.index, day, due, cents, refund_cents, refund_date, pay_date)
        )
    return rows


def plan(clients, invoices, today, seed=SEED):
    """(clients, iterator of every client's invoices, client by client)."""
    planned = plan_clients(clients, invoices, today, seed)
    return planned, (row for c in planned for row in plan_invoices(c, today, seed))


# ------------------------------------------------------------ COPY text


def _copy_value(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy_line(values):
    """One row in PostgreSQL's COPY text format."""
    return "\t".join(_copy_value(value) for value in values) + "\n"


class CopySource:
    """A file-like view of rows for ``copy_expert``: read() renders the rows
    as COPY text as PostgreSQL asks for them, never all at once."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self._buffer = ""
        self.rows = 0

    def read(self, size=-1):
        while size < 0 or len(self._buffer) < size:
            row = next(self._rows, None)
            if row is None:
                break
            self._buffer += copy_line(row)
            self.rows += 1
        if size < 0:
            size = len(self._buffer)
        chunk, self._buffer = self._buffer[:size], self._buffer[size:]
        return chunk
