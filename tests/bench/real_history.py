"""A real purchase history for the retention module: the CDNOW transaction
log (23,570 customers who first bought from the CDNOW music shop in the
first quarter of 1997, every purchase of theirs to the end of June 1998),
as shipped by the PyPI package ``lifetimes`` (its
``lifetimes/datasets/CDNOW_master.txt``: customer id, date YYYYMMDD, number
of CDs, dollar amount). It is downloaded once with pip into the suite's
cache folder, never committed, and turned into the plan of
retention_plan.py (``Client``, ``Invoice``), which retention_data.py writes
unchanged:

- one client company per CDNOW customer, in the order of their ids, named
  after the id; no e-mail address, no salesperson;
- a customer's purchases of one day are one invoice (their amounts summed);
  days whose total is 0 or less are left out, and so are the customers who
  have no other (68 in CDNOW: their only purchases were for $0.00);
- every date moved by the same number of whole days, so that the data
  set's last day (1998-06-30) is the day before ``today``;
- each invoice due 30 days after its date and paid on its date; no refund.

Plain Python, deterministic: tests/unit/test_real_history.py tests it.
load_real_history.py loads it into a database of its own.
"""

import glob
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from bench.retention_plan import Client, Invoice

PACKAGE = "lifetimes"
VERSION = "0.11.3"
MEMBER = "lifetimes/datasets/CDNOW_master.txt"
SHA256 = "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef"
FIRST_DAY = date(1997, 1, 1)
LAST_DAY = date(1998, 6, 30)  # the log's last day: yesterday once shifted
DUE_DAYS = 30
KIND = "cdnow"  # Client.kind of every client of this history
PAYER = "on_time"


class RealHistoryError(Exception):
    """The transactions could not be had or read; the message says why."""


def cache_dir():
    """The suite's cache folder (as tests/harness/deps.py's)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return os.path.join(base, "client-retention-suite")


def cdnow_path(cache=None):
    """Where the cached CDNOW_master.txt is (or goes)."""
    return os.path.join(
        cache or cache_dir(), f"{PACKAGE}-{VERSION}", "CDNOW_master.txt"
    )


def download(cache=None, python=None, log=print):
    """The path of CDNOW_master.txt, downloaded the first time from PyPI
    (``pip download lifetimes==0.11.3 --no-deps``, the wheel's member
    extracted, its SHA-256 checked); nothing is installed."""
    target = cdnow_path(cache)
    if os.path.isfile(target):
        return target
    requirement = f"{PACKAGE}=={VERSION}"
    log(f"Downloading {requirement} from PyPI for {MEMBER} into {target}")
    command = [
        python or sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--retries=2",
        "--timeout=20",
        "--no-deps",
        "--only-binary=:all:",
        requirement,
    ]
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [*command, "-d", folder], capture_output=True, text=True, check=False
        )
        wheels = glob.glob(os.path.join(folder, "*.whl"))
        if result.returncode or not wheels:
            raise RealHistoryError(
                f"The CDNOW transactions are the file {MEMBER} of the PyPI "
                f"package {requirement}, and pip could not download it "
                f"({' '.join(command[2:])}; exit code {result.returncode}). "
                "Is PyPI reachable (proxy, PIP_INDEX_URL)? Or download that "
                f"wheel elsewhere and put its {MEMBER} at {target}.\n"
                f"{result.stdout[-1000:]}{result.stderr[-2000:]}"
            )
        with zipfile.ZipFile(wheels[0]) as wheel:
            content = wheel.read(MEMBER)
    digest = hashlib.sha256(content).hexdigest()
    if digest != SHA256:
        raise RealHistoryError(
            f"{MEMBER} of {requirement} has SHA-256 {digest}, not {SHA256}: "
            "not the file this loader was written for."
        )
    os.makedirs(os.path.dirname(target), exist_ok=True)
    partial = f"{target}.partial-{os.getpid()}"
    with open(partial, "wb") as out:
        out.write(content)
    os.replace(partial, target)
    return target


def read_lines(path):
    with open(path, encoding="ascii", newline=None) as log_file:
        return log_file.read().splitlines()


def purchases(lines):
    """``{customer id: {day: cents}}`` of the transaction log's ``lines``
    (a header line and blank lines are skipped): the day's transactions of a
    customer summed, days whose total is 0 or less left out, and customers
    left with no day too."""
    days = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields or (number == 1 and not fields[0].isdigit()):
            continue
        try:
            customer, day, _cds, amount = fields
            customer = int(customer)
            day = date(int(day[:4]), int(day[4:6]), int(day[6:8]))
            cents = Decimal(amount) * 100
        except (ValueError, InvalidOperation) as error:
            raise RealHistoryError(f"line {number}: {line!r}: {error}") from None
        if cents != cents.to_integral_value():
            raise RealHistoryError(f"line {number}: {amount} is not in cents")
        of_customer = days.setdefault(customer, {})
        of_customer[day] = of_customer.get(day, 0) + int(cents)
    kept = {}
    for customer in sorted(days):
        positive = {d: c for d, c in sorted(days[customer].items()) if c > 0}
        if positive:
            kept[customer] = positive
    return kept


def shift_days(today):
    """Whole days added to every date: LAST_DAY becomes the day before
    ``today``."""
    return (today - timedelta(days=1) - LAST_DAY).days


def relate(days, today):
    """(the shift in days, ``{CDNOW customer id: Client.index}``) of the
    plan of ``days`` (``purchases()``) for ``today``."""
    return shift_days(today), {customer: i for i, customer in enumerate(days)}


def plan(days, today):
    """(clients, invoices) of ``days`` (``purchases()``) for ``today``, as
    retention_plan.plan gives them (invoices client by client, by date)."""
    shift = timedelta(days=shift_days(today))
    clients, invoices = [], []
    for index, (customer, of_customer) in enumerate(days.items()):
        dates = [day + shift for day in of_customer]
        clients.append(
            Client(
                index,
                KIND,
                f"CDNOW customer {customer:05d}",
                None,
                False,
                dates[0],
                dates[-1],
                len(dates),
                PAYER,
            )
        )
        for day, cents in zip(dates, of_customer.values(), strict=True):
            due = day + timedelta(days=DUE_DAYS)
            invoices.append(Invoice(index, day, due, cents, 0, None, day))
    return clients, invoices


def load(today, path=None, customers=None):
    """(clients, invoices, shift, {CDNOW id: client index}) of the whole
    CDNOW log (downloaded if need be), or of its first ``customers``."""
    days = purchases(read_lines(path or download()))
    if customers:
        days = dict(list(days.items())[: int(customers)])
    clients, invoices = plan(days, today)
    shift, indexes = relate(days, today)
    return clients, invoices, shift, indexes
