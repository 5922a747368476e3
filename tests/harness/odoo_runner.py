"""The Odoo tests under Odoo's own runner (`odoo --test-enable`), as OCA CI and
the official Odoo image run them: one command installs the modules on a fresh
database, without demo data, and runs their at_install and post_install tests.

Odoo ends such a run with one line of the `odoo.tests.result` logger (see
Server.run in odoo/service/server.py and OdooTestResult.__str__ in
odoo/tests/result.py):

    0 failed, 0 error(s) of 49 tests when loading database 'db'

(INFO when all passed, WARNING when no test ran, ERROR otherwise). Odoo 19
leaves skips out of that line. Instead, each skip is an INFO record
`skipped <test> : <reason>` of the test's own logger, and each failure an ERROR
record `FAIL: <test>` or `ERROR: <test>` whose traceback follows on
continuation lines.
"""

import os
import re
from dataclasses import dataclass, field

from .logcheck import _RECORD as RECORD
from .postgres import free_port
from .process import run

RESULT = re.compile(
    r"^(?P<failures>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) "
    r"tests when loading database"
)
FAILURE = re.compile(r"^(?P<flavour>FAIL|ERROR): (?P<test>.+)$")
SKIP = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
# where a skipped test lives: odoo.addons.<module>.tests.<file>[.<Class>]
TEST_PATH = re.compile(r"odoo\.addons\.(?P<module>\w+)\.tests(?P<rest>(?:\.\w+)+)")
LAST_LINES = 40


@dataclass
class RunnerLog:
    """What one `odoo --test-enable` log says."""

    total: int | None = None  # tests run; None when the result line is missing
    failures: int = 0
    errors: int = 0
    failed_tests: list = field(default_factory=list)  # [[first line, *traceback]]
    skips: list = field(default_factory=list)  # [(logger, test, reason)]


def parse_log(lines):
    """Read the result line, the FAIL/ERROR records (with their tracebacks)
    and the skips of an Odoo test run's log lines."""
    parsed = RunnerLog()
    current = None  # the failure record whose traceback lines follow
    for raw in lines:
        line = raw.rstrip("\n")
        record = RECORD.match(line)
        if not record:
            if current is not None:
                current.append(line)
            continue
        current = None
        logger, message = record["logger"], record["message"].rstrip()
        result = RESULT.match(message)
        if logger == "odoo.tests.result" and result:
            parsed.total = int(result["total"])
            parsed.failures = int(result["failures"])
            parsed.errors = int(result["errors"])
        elif record["level"] == "ERROR" and FAILURE.match(message):
            current = [f"{message}   [{logger}]"]
            parsed.failed_tests.append(current)
        elif record["level"] == "INFO" and (skip := SKIP.match(message)):
            parsed.skips.append((logger, skip["test"], skip["reason"].strip()))
    return parsed


def source_file(addons_dir, logger, test):
    """The file of a skipped test, from its logger or its description
    (`setUpClass (odoo.addons.m.tests.test_x.TestX)`); None when unknown."""
    found = TEST_PATH.search(logger) or TEST_PATH.search(test)
    if not found:
        return None
    parts = found["rest"].strip(".").split(".")
    for end in range(len(parts), 0, -1):  # the longest dotted prefix that is a file
        path = os.path.join(
            addons_dir, found["module"], "tests", *parts[: end - 1], parts[end - 1]
        )
        if os.path.isfile(path + ".py"):
            return path + ".py"
    return None


def reason_written_in_test(addons_dir):
    """The rule of pytest_strict_skips: a skip passes only when its reason is
    written, word for word, in the test's file. Odoo skips browser tests when
    Chromium or websocket-client is missing, and exits 0."""

    def written(logger, test, reason):
        path = source_file(addons_dir, logger, test)
        if not reason or path is None:
            return False
        with open(path, encoding="utf-8", errors="replace") as source:
            return reason in source.read()

    return written


def refused_skips(parsed, accepted):
    """The skips ``accepted(logger, test, reason)`` refuses."""
    return [skip for skip in parsed.skips if not accepted(*skip)]


def counts(parsed, exit_code, refused=()):
    """(passed, failed, skipped, problems) for the summary. Failures, errors
    and ``refused`` skips fail; so do a missing result line, a non-zero exit
    code without any failed test, and a run of no test at all. ``problems``
    says why the run failed outside its tests."""
    problems = []
    failed = parsed.failures + parsed.errors
    if parsed.total is None:
        problems.append("Odoo printed no test result line")
        failed = len(parsed.failed_tests)  # those logged before it broke off
    elif parsed.total == 0:
        problems.append("no test ran (are the modules' tests tagged?)")
    if exit_code and not failed:
        problems.append(f"odoo exited with code {exit_code}")
    if problems and not failed:
        failed = 1
    failed += len(refused)
    skipped = len(parsed.skips) - len(refused)
    # testsRun counts skipped tests but not setUpClass errors: never below 0
    ran = (parsed.total or 0) - len(parsed.skips)
    passed = max(ran - parsed.failures - parsed.errors, 0)
    return passed, failed, skipped, problems


def report(parsed, problems, refused, lines):
    """Print why the run failed: each failing test with its traceback, each
    refused skip, and the end of the log when Odoo broke outside the tests."""
    for failure in parsed.failed_tests:
        print("\n".join(failure))
    for logger, test, reason in refused:
        print(f"SKIPPED WITHOUT A WRITTEN REASON {test} [{logger}]: {reason!r}")
    if refused:
        print(
            "A skip passes only when its reason is written in the test. Browser "
            "tests need Chromium and websocket-client (tests/run installs them)."
        )
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        print(f"last {LAST_LINES} lines of the log:")
        print("".join(lines[-LAST_LINES:]), end="")


def run_odoo_tests(odoo, rc_path, workdir, db, modules, addons_dir):
    """Install ``modules`` on the new database ``db`` and run their tests in
    one `odoo --test-enable` command. Returns (passed, failed, skipped)."""
    tags = ",".join(f"/{module}" for module in modules)
    args = [
        "-c",
        rc_path,
        "-d",
        db,
        "-i",
        ",".join(modules),
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        # HttpCase tests (tours, portal) need the HTTP server: no --no-http
        f"--http-port={free_port()}",
        "--log-level=test",
    ]
    logfile = os.path.join(workdir, "odoo-runner.log")
    print(f"--- odoo -d {db} -i {','.join(modules)} --test-enable --test-tags={tags}")
    print(f"    (no demo data; log: {logfile})")
    exit_code, output = run(odoo.command(*args), stream=False, logfile=logfile)
    lines = output.splitlines(True)
    parsed = parse_log(lines)
    refused = refused_skips(parsed, reason_written_in_test(addons_dir))
    passed, failed, skipped, problems = counts(parsed, exit_code, refused)
    report(parsed, problems, refused, lines)
    print(
        f"odoo --test-enable: {parsed.failures} failed, {parsed.errors} error(s) "
        f"of {parsed.total if parsed.total is not None else '?'} tests, "
        f"{len(parsed.skips)} skipped; exit code {exit_code}"
    )
    return passed, failed, skipped
