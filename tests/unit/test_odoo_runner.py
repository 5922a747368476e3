"""Reading the log of `odoo --test-enable` (tests/harness/odoo_runner.py)."""

import json
import sys

from harness.odoo_runner import (
    counts,
    parse_log,
    reason_written_in_test,
    refused_skips,
    run_odoo_tests,
    source_file,
)

STAMP = "2026-12-01 08:00:00,000 4242"
TESTS = "odoo.addons.sla_claims.tests.test_claim_deadlines"


def record(level, logger, message):
    return f"{STAMP} {level} crs_runner {logger}: {message}\n"


def result(failures, errors, total, level="INFO"):
    return record(
        level,
        "odoo.tests.result",
        f"{failures} failed, {errors} error(s) of {total} tests when loading "
        "database 'crs_runner'",
    )


START = record("INFO", TESTS, "Starting TestDeadlines.test_due ...")
LOADED = record("INFO", "odoo.modules.loading", "72 modules loaded in 9.10s")
FAIL = [
    record("INFO", TESTS, "=" * 70),
    record("ERROR", TESTS, "FAIL: TestDeadlines.test_due"),
    "Traceback (most recent call last):\n",
    '  File "test_claim_deadlines.py", line 40, in test_due\n',
    "AssertionError: 3 != 4\n",
]
ERROR = [
    record("ERROR", TESTS, "ERROR: setUpClass (odoo.addons.sla_claims.tests.x.T)"),
    "Traceback (most recent call last):\n",
    "KeyError: 'base.demo_user0'\n",
]
MODULE_SUMMARY = record(
    "ERROR", "odoo.modules.loading", "Module sla_claims: 1 failures, 1 errors"
)


def test_all_pass():
    parsed = parse_log([LOADED, START, START, result(0, 0, 49)])
    assert (parsed.total, parsed.failures, parsed.errors) == (49, 0, 0)
    assert parsed.failed_tests == [] and parsed.skips == []
    assert counts(parsed, 0) == (49, 0, 0, [])


def test_failures_and_errors_count_with_their_tracebacks():
    lines = [START, *FAIL, START, *ERROR, MODULE_SUMMARY, result(1, 1, 49, "ERROR")]
    parsed = parse_log(lines)
    assert (parsed.total, parsed.failures, parsed.errors) == (49, 1, 1)
    assert [test[0].split("   [")[0] for test in parsed.failed_tests] == [
        "FAIL: TestDeadlines.test_due",
        "ERROR: setUpClass (odoo.addons.sla_claims.tests.x.T)",
    ]
    assert parsed.failed_tests[0][-1] == "AssertionError: 3 != 4"
    assert parsed.failed_tests[1][-1] == "KeyError: 'base.demo_user0'"
    # Odoo exits 1 when a test failed: that is no extra failure
    assert counts(parsed, 1) == (47, 2, 0, [])


def test_a_missing_result_line_fails_once_or_per_logged_failure():
    parsed = parse_log([LOADED, START])
    passed, failed, skipped, problems = counts(parsed, 0)
    assert (passed, failed, skipped) == (0, 1, 0)
    assert problems == ["Odoo printed no test result line"]
    crashed = parse_log([START, *FAIL, START, *ERROR])
    assert counts(crashed, -1)[:3] == (0, 2, 0)


def test_no_test_run_or_a_bad_exit_code_fails():
    nothing = parse_log([result(0, 0, 0, "WARNING")])
    assert counts(nothing, 0)[:3] == (0, 1, 0)
    passed, failed, _, problems = counts(parse_log([result(0, 0, 12)]), 255)
    assert (passed, failed) == (12, 1)
    assert problems == ["odoo exited with code 255"]


def test_skips_are_counted_and_not_passed():
    skip = record(
        "INFO", TESTS, "skipped TestDeadlines.test_tz : no tzdata: written here"
    )
    parsed = parse_log([START, skip, START, result(0, 0, 2)])
    assert parsed.skips == [(TESTS, "TestDeadlines.test_tz", "no tzdata: written here")]
    assert counts(parsed, 0) == (1, 0, 1, [])


def test_skips_whose_reason_is_not_in_the_test_fail(tmp_path):
    tests = tmp_path / "sla_claims" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_claim_deadlines.py").write_text(
        'self.skipTest("calendar without time zone")\n'
    )
    deliberate = record(
        "INFO", TESTS, "skipped TestDeadlines.test_a : calendar without time zone"
    )
    no_chrome = record(
        "INFO", TESTS, "skipped TestDeadlines.test_b : Chrome executable not found"
    )
    parsed = parse_log([deliberate, no_chrome, result(0, 0, 3)])
    refused = refused_skips(parsed, reason_written_in_test(str(tmp_path)))
    assert refused == [(TESTS, "TestDeadlines.test_b", "Chrome executable not found")]
    assert counts(parsed, 0, refused) == (1, 1, 1, [])


def test_a_skipped_test_is_found_by_its_logger_or_description(tmp_path):
    tests = tmp_path / "sla_claims" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_x.py").write_text("")
    assert source_file(str(tmp_path), TESTS, "T.test") is None
    by_logger = source_file(str(tmp_path), "odoo.addons.sla_claims.tests.test_x", "T.t")
    assert by_logger == str(tests / "test_x.py")
    set_up_class = "setUpClass (odoo.addons.sla_claims.tests.test_x.T)"
    by_description = source_file(str(tmp_path), "odoo.tests.suite", set_up_class)
    assert by_description == str(tests / "test_x.py")


class FakeOdoo:
    """An `odoo` that prints its arguments, then ``log_text``, and exits."""

    def __init__(self, log_text, exit_code):
        self.script = (
            "import json, sys\n"
            "print('ARGS ' + json.dumps(sys.argv[1:]))\n"
            f"sys.stdout.write({log_text!r})\n"
            f"sys.exit({exit_code})\n"
        )

    def command(self, *args):
        return [sys.executable, "-c", self.script, *args]


def test_one_command_installs_and_tests_the_modules_over_http(tmp_path, capsys):
    log = "".join([START, *FAIL, result(1, 0, 5, "ERROR")])
    counted = run_odoo_tests(
        FakeOdoo(log, 1), "rc", str(tmp_path), "db", ["sla_claims", "a"], "addons"
    )
    assert counted == (4, 1, 0)
    text = (tmp_path / "odoo-runner.log").read_text()
    args = json.loads(text.splitlines()[0].removeprefix("ARGS "))
    assert args[:6] == ["-c", "rc", "-d", "db", "-i", "sla_claims,a"]
    assert "--test-tags=/sla_claims,/a" in args and "--test-enable" in args
    assert "--no-http" not in args and "--with-demo" not in args
    assert any(arg.startswith("--http-port=") for arg in args)
    out = capsys.readouterr().out
    assert "FAIL: TestDeadlines.test_due" in out and "AssertionError: 3 != 4" in out


def test_a_crash_prints_the_end_of_the_log(tmp_path, capsys):
    log = "".join(f"line {n}\n" for n in range(100)) + "Traceback: boom\n"
    counted = run_odoo_tests(FakeOdoo(log, 255), "rc", str(tmp_path), "db", ["m"], "")
    assert counted == (0, 1, 0)
    out = capsys.readouterr().out
    assert "FAIL Odoo printed no test result line" in out
    assert "FAIL odoo exited with code 255" in out
    assert "line 61\n" in out and "line 60\n" not in out and "Traceback: boom" in out
