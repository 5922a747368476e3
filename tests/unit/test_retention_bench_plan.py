"""The retention scan benchmark's plan: sizes, clients, invoices, COPY text."""

from collections import Counter
from datetime import date, timedelta

import pytest
from bench.retention_plan import (
    HISTORY_DAYS,
    CopySource,
    apportion,
    copy_line,
    plan,
    plan_clients,
    plan_invoices,
    sizes,
)

TODAY = date(2026, 3, 15)


def test_full_and_smoke_sizes():
    assert sizes(10000) == {"clients": 10000, "invoices": 200000, "batch": 1000}
    assert sizes("200") == {"clients": 200, "invoices": 4000, "batch": 50}
    assert sizes(1) == {"clients": 1, "invoices": 20, "batch": 1}
    assert sizes(300, 100)["invoices"] == 300  # at least one invoice per client


def test_apportion_gives_one_each_and_the_exact_total():
    assert apportion(10, [1, 1]) == [5, 5]
    assert apportion(5, [1, 0, 0]) == [3, 1, 1]
    assert apportion(4, [1, 1, 1]) == [2, 1, 1]  # ties to the first
    parts = apportion(1000, [0.3, 2.5, 7.1, 0.01])
    assert sum(parts) == 1000 and min(parts) >= 1
    with pytest.raises(ValueError):
        apportion(2, [1, 1, 1])


def invoices_of(clients):
    return [row for c in clients for row in plan_invoices(c, TODAY)]


def test_the_plan_is_deterministic_and_exact():
    clients, rows = plan(300, 6000, TODAY)
    rows = list(rows)
    again_clients, again_rows = plan(300, 6000, TODAY)
    assert clients == again_clients and rows == list(again_rows)
    assert plan_clients(300, 6000, TODAY, seed=7) != clients
    assert len(clients) == 300 and len(rows) == 6000
    per_client = Counter(row.client for row in rows)
    assert all(per_client[c.index] == c.invoices >= 1 for c in clients)
    # one client's invoices do not depend on the others'
    assert plan_invoices(clients[5], TODAY) == [r for r in rows if r.client == 5]


def test_invoices_span_three_years_with_every_kind_of_client():
    clients, rows = plan(400, 8000, TODAY)
    rows = list(rows)
    horizon = TODAY - timedelta(days=HISTORY_DAYS - 1)
    assert all(horizon <= r.invoice_date <= TODAY for r in rows)
    assert min(r.invoice_date for r in rows) < horizon + timedelta(days=60)
    kinds = Counter(c.kind for c in clients)
    assert set(kinds) == {"active", "slowing", "dormant", "silent"}
    last = {
        c.index: max(r.invoice_date for r in rows if r.client == c.index)
        for c in clients
    }
    for client in clients:
        age = (TODAY - last[client.index]).days
        if client.kind == "silent":
            assert age > 365
        elif client.kind == "dormant":
            assert 120 <= age <= 330
        else:
            assert age <= 25
    names = [c.name for c in clients]
    assert len(set(names)) == len(names)
    assert any(c.email is None for c in clients) and any(c.email for c in clients)


def test_slowing_clients_buy_less_often_lately():
    clients, _rows = plan(400, 8000, TODAY)
    slowing = [c for c in clients if c.kind == "slowing" and c.invoices >= 20]
    assert slowing
    recent = TODAY - timedelta(days=90)
    for client in slowing:
        rows = plan_invoices(client, TODAY)
        window = (client.last - client.first).days
        share = sum(1 for r in rows if r.invoice_date >= recent) / len(rows)
        assert share < 90 / window  # fewer than an even spread would give


def test_refunds_payments_and_overdue_invoices_are_consistent():
    _clients, rows = plan(400, 8000, TODAY)
    rows = list(rows)
    refunded = [r for r in rows if r.refund_cents]
    assert refunded and any(r.refund_cents == r.cents for r in refunded)
    assert any(0 < r.refund_cents < r.cents for r in refunded)
    for row in rows:
        assert row.cents >= 100 and row.due_date > row.invoice_date
        assert 0 <= row.refund_cents <= row.cents
        assert (row.refund_date is None) == (row.refund_cents == 0)
        if row.refund_date:
            assert row.invoice_date < row.refund_date <= TODAY or (
                row.refund_date == TODAY
            )
        if row.pay_date:
            assert row.invoice_date <= row.pay_date <= TODAY
            assert row.refund_cents < row.cents  # nothing to pay after a full one
            assert row.refund_date is None or row.pay_date >= row.refund_date
    paid = sum(1 for r in rows if r.pay_date)
    overdue = [
        r
        for r in rows
        if not r.pay_date and r.refund_cents < r.cents and r.due_date < TODAY
    ]
    assert 0.8 * len(rows) < paid < len(rows)
    assert overdue


def test_copy_text():
    assert copy_line([1, None, True, date(2026, 1, 2), "a\tb\\c\nd"]) == (
        "1\t\\N\tt\t2026-01-02\ta\\tb\\\\c\\nd\n"
    )
    source = CopySource([i, f"row {i}"] for i in range(1000))
    chunks = []
    while chunk := source.read(100):
        assert len(chunk) <= 100
        chunks.append(chunk)
    text = "".join(chunks)
    assert text.splitlines()[999] == "999\trow 999"
    assert source.rows == 1000 and source.read() == ""
    assert CopySource([[1], [2]]).read() == "1\n2\n"
