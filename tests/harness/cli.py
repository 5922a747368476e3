"""tests/run: every suite of the project in one command (see README.md)."""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time

from . import deps
from .bench_suite import run_retention_scan, run_side_by_side
from .lifecycle import Lifecycle
from .odoo_config import OUR_MODULES, read_rc, write_rc, write_run_rc
from .odoo_finder import HOW_TO_PROVIDE, OdooNotFound, find_odoo
from .odoo_logs import check_test_log
from .odoo_runner import run_odoo_tests
from .postgres import PostgresError, ThrowawayCluster, given_server
from .process import install_signal_handlers
from .pytest_run import run_pytest
from .replica_suite import run_replica
from .static import static_checks
from .workers_suite import run_workers

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEST_LANGUAGES = ("ru", "bg")  # ISO codes, as `odoo i18n loadlang` wants
TRUE = {"1", "true", "yes", "on"}


class Summary:
    def __init__(self):
        self.suites = []  # (name, passed, failed, skipped)
        self.skipped_suites = []  # (what, why)

    def add(self, name, passed, failed, skipped=0):
        self.suites.append((name, passed, failed, skipped))

    def failed(self):
        return any(failed for _, _, failed, _ in self.suites)

    def print(self):
        print("\n========== summary ==========")
        for name, passed, failed, skipped in self.suites:
            extra = f", {skipped} skipped" if skipped else ""
            print(f"{name}: {passed} passed, {failed} failed{extra}")
        for what, why in self.skipped_suites:
            print(f"NOT RUN: {what}: {why}")
        passed = sum(s[1] for s in self.suites)
        failed = sum(s[2] for s in self.suites)
        skipped = sum(s[3] for s in self.suites)
        print(
            f"total: {passed} passed, {failed} failed"
            + (f", {skipped} skipped" if skipped else "")
        )


class Checks:
    """Named pass/fail checks (static checks, lifecycle steps)."""

    def __init__(self):
        self.results = []

    def report(self, name, ok, details=()):
        self.results.append((name, ok))
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
        for detail in details:
            print("     " + detail.replace("\n", "\n     "))

    def counts(self):
        passed = sum(1 for _, ok in self.results if ok)
        return passed, len(self.results) - passed


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="tests/run",
        description="Static checks, Odoo-free tests and, when Odoo 19.0 is "
        "present, install/upgrade/uninstall checks and the Odoo tests.",
    )
    parser.add_argument(
        "--require-odoo",
        action="store_true",
        default=os.environ.get("REQUIRE_ODOO", "").lower() in TRUE,
        help="fail when Odoo 19.0 is not found (also REQUIRE_ODOO=1)",
    )
    parser.add_argument(
        "--module",
        action="append",
        choices=OUR_MODULES,
        help="run only this module's Odoo tests (repeatable)",
    )
    parser.add_argument(
        "--no-static",
        action="store_true",
        help="skip ruff, pylint-odoo and the XML check",
    )
    parser.add_argument(
        "--no-lifecycle",
        action="store_true",
        help="skip the install/upgrade/uninstall checks",
    )
    parser.add_argument(
        "--bench",
        action="store_true",
        help="run the benchmarks of tests/bench/ (figures, not checks): the "
        "scale benchmark, then the full side-by-side benchmark against OCA "
        "helpdesk and crm and the retention scan benchmark, instead of the "
        "Odoo tests; implies --no-lifecycle",
    )
    parser.add_argument(
        "--bench-size",
        type=positive_int,
        metavar="N",
        help="records per measurement of the side-by-side benchmark (default "
        "1000 with --bench, 10 for the smoke run of the other runs)",
    )
    parser.add_argument(
        "--bench-clients",
        type=positive_int,
        metavar="N",
        help="clients of the retention scan benchmark, 20 invoices each "
        "(default 10000 with --bench, 200 for the smoke run of the other runs)",
    )
    parser.add_argument(
        "--workers-mails",
        type=positive_int,
        metavar="N",
        help="mails of the multi-worker run (default 2000 with --bench, 200 "
        "for the smoke run of the other runs)",
    )
    parser.add_argument(
        "--no-bench-smoke",
        action="store_true",
        help="skip the smoke runs of the side-by-side and retention scan benchmarks",
    )
    parser.add_argument(
        "--no-odoo-runner",
        action="store_true",
        help="skip the second run of the Odoo tests under Odoo's own runner "
        "(odoo --test-enable, fresh database without demo data)",
    )
    parser.add_argument(
        "-k",
        dest="keyword",
        help="only tests matching this pytest -k expression (the run under "
        "Odoo's own runner is then left out)",
    )
    return parser.parse_args(argv)


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def odoo_free_suites(summary, workdir, options):
    try:
        tools = deps.tools_python()
    except deps.DependencyError as error:
        print(error)
        summary.add("static checks", 0, 1)
        return
    if not options.no_static:
        print("\n========== static checks ==========")
        checks = Checks()
        addons = [os.path.join("addons", m) for m in OUR_MODULES]
        for name, ok in static_checks(REPO, tools, addons):
            checks.report(name, ok)
        summary.add("static checks", *checks.counts())
    print("\n========== Odoo-free tests (plain pytest, no Odoo) ==========")
    args = ["tests/unit"] + (["-k", options.keyword] if options.keyword else [])
    summary.add(
        "odoo-free tests",
        *run_pytest(tools, args, workdir, "unit", allow_empty=bool(options.keyword)),
    )


def odoo_suites(summary, odoo, workdir, options):
    print(f"\n========== Odoo {odoo.version}: {odoo.bin} on {odoo.python} ==========")
    deps.ensure_odoo_test_packages(odoo.python)
    still_missing = deps.ensure_debian_tools()
    if still_missing:
        print(
            f"Missing and not installable here: {', '.join(still_missing)} "
            "(browser tours need chromium, PDF reports wkhtmltopdf); the tests "
            "that need them will fail."
        )
    rc_options = read_rc(os.environ.get("ODOO_RC"))
    server = given_server(os.environ, rc_options)
    cluster = ThrowawayCluster() if server is None else None
    if cluster is not None:
        server = cluster.__enter__()
    try:
        print(f"Database server: {server.describe()}")
        rc_path = write_run_rc(
            os.path.join(workdir, "odoo-test.conf"),
            rc_options,
            REPO,
            server,
            os.path.join(workdir, "data"),
        )
        prefix = f"crs_{os.getpid()}_{secrets.token_hex(3)}"
        checks = Checks()
        modules = options.module or list(OUR_MODULES)
        if not (options.no_lifecycle or options.bench):
            print("\n========== install / upgrade / uninstall ==========")
            Lifecycle(odoo, rc_path, workdir, OUR_MODULES, checks.report).run_all(
                f"{prefix}_lifecycle"
            )
        print("\n========== Odoo tests (pytest-odoo, Chromium) ==========")
        db = f"{prefix}_test"
        lifecycle = Lifecycle(odoo, rc_path, workdir, modules, checks.report)
        try:
            if lifecycle.install(db, modules, demo=True) and lifecycle.load_languages(
                db, TEST_LANGUAGES
            ):
                test_dirs = [
                    os.path.join("addons", m, "tests")
                    for m in modules
                    if os.path.isdir(os.path.join(REPO, "addons", m, "tests"))
                ]
                if options.bench:
                    test_dirs = ["-s", "tests/bench/bench_claims.py"]
                # the run's own configuration: its log goes to a file that
                # checklog-odoo reads afterwards
                pytest_log = os.path.join(workdir, "pytest-odoo.log")
                pytest_rc = os.path.join(workdir, "odoo-pytest.conf")
                write_rc(pytest_rc, {**read_rc(rc_path), "logfile": pytest_log})
                args = [
                    f"--odoo-config={pytest_rc}",
                    f"--odoo-database={db}",
                    "--odoo-http",
                    # info: the file shows the run happened; checklog reads WARNING+
                    "--odoo-log-level=info",
                    *test_dirs,
                ]
                if options.keyword:
                    args += ["-k", options.keyword]
                summary.add(
                    "odoo tests",
                    *run_pytest(
                        odoo.python,
                        args,
                        workdir,
                        "odoo",
                        allow_empty=bool(options.keyword),
                    ),
                )
                if not options.bench:
                    print("--- checklog-odoo on the log of the pytest-odoo run")
                    checks.report(
                        "log of the Odoo tests (pytest-odoo)",
                        check_test_log(deps.tools_python(), pytest_log, REPO),
                    )
        finally:
            lifecycle.drop(db)
        odoo_runner = not (options.bench or options.no_odoo_runner)
        if odoo_runner and options.keyword:
            summary.skipped_suites.append(
                (
                    "odoo tests (odoo --test-enable)",
                    "-k filters only the pytest suites",
                )
            )
        elif odoo_runner:
            print("\n========== Odoo tests (odoo --test-enable, no demo) ==========")
            runner_db = f"{prefix}_runner"
            try:
                summary.add(
                    "odoo tests (odoo --test-enable)",
                    *run_odoo_tests(
                        odoo,
                        rc_path,
                        workdir,
                        runner_db,
                        modules,
                        os.path.join(REPO, "addons"),
                    ),
                )
            finally:
                lifecycle.drop(runner_db)
            print("--- checklog-odoo on the log of the odoo --test-enable run")
            checks.report(
                "log of the Odoo tests (odoo --test-enable)",
                check_test_log(
                    deps.tools_python(), os.path.join(workdir, "odoo-runner.log"), REPO
                ),
            )
        summary.add("lifecycle checks", *checks.counts())
        run_side_by_side(
            summary,
            options,
            (odoo, rc_options, server, workdir, REPO, f"{prefix}_bench"),
            run_pytest,
        )
        run_retention_scan(
            summary,
            options,
            (odoo, rc_options, server, workdir, REPO, f"{prefix}_retention"),
            run_pytest,
        )
        run_workers(
            summary,
            options,
            (odoo, rc_options, server, workdir, REPO, f"{prefix}_workers"),
        )
        run_replica(
            summary, options, (odoo, rc_options, workdir, REPO, f"{prefix}_replica")
        )
    finally:
        if cluster is not None:
            cluster.remove()


def main(argv):
    options = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep order with child output
    install_signal_handlers()
    started = time.monotonic()
    summary = Summary()
    try:
        odoo, odoo_problem = find_odoo(), None
    except OdooNotFound as error:
        odoo, odoo_problem = None, str(error)
    if odoo is None:
        why = (
            odoo_problem
            or f"no Odoo 19.0 found (no ODOO_BIN, no `odoo` on PATH). {HOW_TO_PROVIDE}"
        )
        if options.require_odoo:
            print(f"ERROR: --require-odoo: {why}", file=sys.stderr)
            return 2
    workdir = tempfile.mkdtemp(prefix="crs-run-")
    try:
        odoo_free_suites(summary, workdir, options)
        if odoo is not None:
            odoo_suites(summary, odoo, workdir, options)
        else:
            summary.skipped_suites.append(
                (
                    (
                        "Odoo integration suites (install/upgrade/uninstall "
                        "checks, pytest-odoo tests and browser tours)"
                    ),
                    why,
                )
            )
    except (PostgresError, deps.DependencyError, FileNotFoundError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        summary.add("setup", 0, 1)
    failed = summary.failed()
    if failed or options.bench:  # --bench: keep its figures
        print(f"\nLogs of this run are kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Ran for {time.monotonic() - started:.0f} s.")
    summary.print()  # its last line is the closing "total: N passed, N failed"
    return 1 if failed else 0
