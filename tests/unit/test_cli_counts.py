import json

from harness.cli import Summary
from harness.postgres import given_server
from harness.pytest_run import junit_counts

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="7" failures="1" errors="1" skipped="1">
<testcase classname="a" name="ok1"/>
<testcase classname="a" name="ok2"/>
<testcase classname="a" name="with_subtests"/>
<testcase classname="a" name="broken"><failure message="x"/></testcase>
<testcase classname="a" name="crashed"><error message="y"/></testcase>
<testcase classname="a" name="skipped"><skipped message="z"/></testcase>
</testsuite></testsuites>
"""


def test_counts_are_per_test_not_per_subtest(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(JUNIT)
    assert junit_counts(str(path)) == (3, 2, 1)


def test_refused_skips_count_as_failures(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(JUNIT)
    refused = tmp_path / "refused.json"
    refused.write_text(json.dumps([["a::skipped", "Chrome executable not found"]]))
    assert junit_counts(str(path), str(refused)) == (3, 3, 0)


def test_a_run_that_wrote_no_report_failed(tmp_path):
    assert junit_counts(str(tmp_path / "missing.xml")) == (0, 1, 0)


def test_summary_ends_with_the_closing_line(capsys):
    summary = Summary()
    summary.add("static checks", 6, 0)
    summary.add("odoo tests", 20, 1, 2)
    summary.skipped_suites.append(("browser tours", "no Chromium"))
    summary.print()
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "total: 26 passed, 1 failed, 2 skipped"
    assert "NOT RUN: browser tours: no Chromium" in lines
    assert summary.failed()


def test_the_server_comes_from_pg_variables_or_the_odoo_config():
    assert given_server({}, {}) is None
    assert given_server({}, {"db_host": "False", "db_port": "False"}) is None
    server = given_server({"PGHOST": "db", "PGPASSWORD": "s3cret"}, {"db_user": "odoo"})
    assert server.odoo_options() == {
        "db_host": "db",
        "db_user": "odoo",
        "db_password": "s3cret",
    }
