"""The CDNOW history's parser and plan (tests/bench/real_history.py), on a
small inline sample in the log's own layout; no download."""

from datetime import date, timedelta

import pytest
from bench import real_history
from bench.real_history import (
    LAST_DAY,
    RealHistoryError,
    plan,
    purchases,
    relate,
    shift_days,
)
from bench.retention_plan import Client, CopySource, Invoice

TODAY = date(2026, 3, 15)
SAMPLE = """\
 customer_id  date number_of_cds  dollar_value\r
 00002 19970112  1   12.00\r
 00002 19970112  5   77.00\r
 00001 19970101  1   11.77\r
 00003 19970102  2   20.76\r
 00003 19970330  2   20.76\r
 00003 19970402  2    0.00\r
 00003 19980630  1   -5.00\r
 00003 19980630  1    3.50\r
 00004 19970105  1    0.00\r
\r
 00005 19980101  1    0.00\r
 00005 19980101  1    9.99\r
""".splitlines()


@pytest.fixture(scope="session")
def load_registry():
    """pytest-odoo, when the Odoo Python runs these tests, loads a database's
    registry before every session (an autouse fixture of this name): this
    file needs none."""


def test_shift_makes_the_last_day_yesterday():
    shift = shift_days(TODAY)
    assert shift == (date(2026, 3, 14) - date(1998, 6, 30)).days == 10119
    assert LAST_DAY + timedelta(days=shift) == TODAY - timedelta(days=1)
    assert shift_days(date(1998, 7, 1)) == 0


def test_a_customers_rows_of_one_day_are_summed_and_empty_days_left_out():
    assert purchases(SAMPLE) == {
        1: {date(1997, 1, 1): 1177},
        2: {date(1997, 1, 12): 8900},  # 12.00 + 77.00
        3: {  # 0.00 on 1997-04-02 left out; -5.00 + 3.50 on the last day too
            date(1997, 1, 2): 2076,
            date(1997, 3, 30): 2076,
        },
        5: {date(1998, 1, 1): 999},
        # 4: nothing but $0.00, no client
    }


def test_the_plan_has_a_client_per_customer_and_an_invoice_per_day():
    days = purchases(SAMPLE)
    clients, invoices = plan(days, TODAY)
    shift = timedelta(days=shift_days(TODAY))
    assert [c.name for c in clients] == [
        "CDNOW customer 00001",
        "CDNOW customer 00002",
        "CDNOW customer 00003",
        "CDNOW customer 00005",
    ]
    assert clients[2] == Client(
        2,
        "cdnow",
        "CDNOW customer 00003",
        None,
        False,
        date(1997, 1, 2) + shift,
        date(1997, 3, 30) + shift,
        2,
        "on_time",
    )
    assert [c.invoices for c in clients] == [1, 1, 2, 1]
    day = date(1997, 1, 12) + shift
    assert invoices[1] == Invoice(1, day, day + timedelta(days=30), 8900, 0, None, day)
    assert [i.client for i in invoices] == [0, 1, 2, 2, 3]
    assert [i.invoice_date - shift for i in invoices] == [
        date(1997, 1, 1),
        date(1997, 1, 12),
        date(1997, 1, 2),
        date(1997, 3, 30),
        date(1998, 1, 1),
    ]
    assert all(i.pay_date == i.invoice_date < TODAY for i in invoices)
    assert sum(i.cents for i in invoices) == 1177 + 8900 + 2 * 2076 + 999
    assert plan(purchases(SAMPLE), TODAY) == (clients, invoices)  # deterministic
    # the loader's COPY text takes them as retention_plan's own
    source = CopySource((i.client, i.invoice_date, i.cents) for i in invoices)
    assert source.read().splitlines()[0] == f"0\t{date(1997, 1, 1) + shift}\t1177"


def test_relate_gives_the_shift_and_each_customers_client():
    shift, indexes = relate(purchases(SAMPLE), TODAY)
    assert shift == shift_days(TODAY)
    assert indexes == {1: 0, 2: 1, 3: 2, 5: 3}


def test_a_bad_line_is_named():
    with pytest.raises(RealHistoryError, match="line 2"):
        purchases([" 00001 19970101 1 11.77", " 00002 1997011 1 x"])
    with pytest.raises(RealHistoryError, match="not in cents"):
        purchases([" 00001 19970101 1 11.775"])


def test_load_reads_a_given_file_and_keeps_the_first_customers(tmp_path):
    path = tmp_path / "CDNOW_master.txt"
    path.write_text("\n".join(SAMPLE), encoding="ascii")
    clients, invoices, shift, indexes = real_history.load(TODAY, str(path), 2)
    assert [c.name for c in clients] == ["CDNOW customer 00001", "CDNOW customer 00002"]
    assert len(invoices) == 2 and shift == 10119 and indexes == {1: 0, 2: 1}


def test_the_cache_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert real_history.cdnow_path() == str(
        tmp_path / "client-retention-suite" / "lifetimes-0.11.3" / "CDNOW_master.txt"
    )
