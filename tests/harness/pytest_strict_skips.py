"""pytest plugin: a skipped test fails the run unless its test says why.

Odoo skips browser tests, and exits 0, when Chromium or websocket-client is
missing; pytest-odoo skips HttpCase tests without --odoo-http. Such a run has
tested nothing in a browser and must not pass. A skip is accepted only when its
reason is written, word for word, in the test file itself: a deliberate skip
the test's author chose and explained.
"""

import json
import os

import pytest

_REFUSED = pytest.StashKey()
_CONFIG = []  # reports carry no config: keep the session's here


def pytest_configure(config):
    config.stash[_REFUSED] = []
    _CONFIG.append(config)


def _reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        message = str(longrepr[2])
    else:
        message = str(longrepr or "")
    message = message.strip()
    if message in ("Skipped", "Skipped:"):  # pytest.skip() with no reason
        return ""
    return message.removeprefix("Skipped: ").strip()


def _written_in_test(rootpath, report, reason):
    if not reason:
        return False
    path = os.path.join(str(rootpath), report.location[0])
    try:
        with open(path, encoding="utf-8") as source:
            return reason in source.read()
    except OSError:
        return False


def pytest_runtest_logreport(report):
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    config = _CONFIG[-1]
    reason = _reason(report)
    refused = config.stash[_REFUSED]
    if not _written_in_test(config.rootpath, report, reason) and report.nodeid not in {
        nodeid for nodeid, _ in refused
    }:
        refused.append((report.nodeid, reason or "(no reason given)"))


def pytest_terminal_summary(terminalreporter, config):
    refused = config.stash.get(_REFUSED, [])
    if not refused:
        return
    terminalreporter.section("skips that fail the run", sep="=", red=True)
    for nodeid, reason in refused:
        terminalreporter.line(f"SKIPPED WITHOUT A WRITTEN REASON {nodeid}: {reason}")
    terminalreporter.line(
        "A skip passes only when its reason is written in the test. Browser "
        "tests need Chromium and websocket-client (tests/run installs them) "
        "and pytest-odoo's --odoo-http."
    )


def pytest_sessionfinish(session):
    refused = session.config.stash.get(_REFUSED, [])
    report_path = os.environ.get("STRICT_SKIPS_REPORT")
    if report_path:  # for tests/run's summary
        with open(report_path, "w", encoding="utf-8") as report:
            json.dump(refused, report)
    if refused and session.exitstatus in (
        pytest.ExitCode.OK,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    ):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
