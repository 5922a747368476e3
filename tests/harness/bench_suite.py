"""The benchmarks of tests/bench/ that need a database of their own, as
suites of tests/run:

- side by side: sla_claims, OCA helpdesk_mgmt_sla and crm on one fresh
  database (no demo data), then tests/bench/bench_side_by_side.py;
- the large benchmark: the suite on a fresh database (no demo data), then
  tests/bench/bench_retention_scan.py, which writes its clients and invoices
  and times the nightly scan and the churn analysis, and
  tests/bench/bench_scale.py, which adds claims, offboarding cases and
  inventories and times the screens and the other crons.

Both run under pytest-odoo. `tests/run --bench` runs them at full size;
every other `tests/run` runs them at the smoke size, so that the benchmarks
never rot: they fail when a benchmark's code breaks, never on a figure.
"""

import os
import time

from . import peers
from .lifecycle import Lifecycle
from .odoo_config import write_run_rc

FULL_SIZE = 1000
SMOKE_SIZE = 10
BENCH_FILE = "tests/bench/bench_side_by_side.py"
FULL_NAME = "benchmark (side by side)"
SMOKE_NAME = "benchmark smoke"
RETENTION_FULL_CLIENTS = 50000  # and 20 invoices per client
RETENTION_SMOKE_CLIENTS = 200
RETENTION_FILES = ("tests/bench/bench_retention_scan.py", "tests/bench/bench_scale.py")
RETENTION_MODULES = ("client_offboarding", "spreadsheet_dashboard_client_retention")
RETENTION_FULL_NAME = "benchmark (large: retention scan, screens, crons)"
RETENTION_SMOKE_NAME = "benchmark smoke (large)"


def _no_smoke(options):
    """Why the smoke runs are left out, or None."""
    if options.no_bench_smoke:
        return "--no-bench-smoke"
    if options.module:
        return "--module runs only that module's tests"
    if options.keyword:
        return "-k filters only the pytest suites"
    return None


def plan(options):
    """(suite name, size, None) to run, or (suite name, None, why not)."""
    if options.bench:
        return FULL_NAME, options.bench_size or FULL_SIZE, None
    why = _no_smoke(options)
    return SMOKE_NAME, None if why else options.bench_size or SMOKE_SIZE, why


def retention_plan(options):
    """The retention scan benchmark's (suite name, clients, None) to run, or
    (suite name, None, why not)."""
    if options.bench:
        return (
            RETENTION_FULL_NAME,
            options.bench_clients or RETENTION_FULL_CLIENTS,
            None,
        )
    why = _no_smoke(options)
    clients = None if why else options.bench_clients or RETENTION_SMOKE_CLIENTS
    return RETENTION_SMOKE_NAME, clients, why


def json_path(workdir, environ=None):
    environ = os.environ if environ is None else environ
    return environ.get("BENCH_JSON") or os.path.join(workdir, "bench-side-by-side.json")


def retention_json_path(workdir, environ=None):
    environ = os.environ if environ is None else environ
    return environ.get("BENCH_RETENTION_JSON") or os.path.join(
        workdir, "bench-retention-scan.json"
    )


def _report(check, ok, details=()):
    print(f"{'ok  ' if ok else 'FAIL'} {check}")
    for detail in details:
        print("     " + detail.replace("\n", "\n     "))


def _figures_at(path, kept, variable):
    print(
        f"Benchmark figures (JSON): {path}"
        + (
            ""
            if kept
            else " (removed with the run's folder when the run passes; set "
            f"{variable}=path to keep them)"
        )
    )


class SideBySide:
    """One run of the benchmark: peers, configuration, database, test."""

    def __init__(self, odoo, rc_options, server, workdir, repo, report):
        self.odoo = odoo
        self.rc_options = rc_options
        self.server = server
        self.workdir = workdir
        self.repo = repo
        self.report = report  # report(check_name, ok, details)

    def prepare(self):
        """The configuration file with the peers on the addons path; None
        (reported) when the peers or a module they need are missing."""
        try:
            peers_addons = peers.ensure_peers(self.odoo.python)
        except peers.PeersError as error:
            self.report("OCA peers from PyPI", False, [str(error)])
            return None
        versions = peers.peer_versions(os.path.dirname(os.path.dirname(peers_addons)))
        print(
            "OCA peers: "
            + ", ".join(f"{name} {version}" for name, version in versions.items())
            + f" ({peers_addons})"
        )
        rc_path = write_run_rc(
            os.path.join(self.workdir, "odoo-bench.conf"),
            self.rc_options,
            self.repo,
            self.server,
            os.path.join(self.workdir, "data"),
            extra_addons=[peers_addons],
        )
        try:
            resolved = peers.resolve_modules(self.odoo, rc_path, peers.BENCH_MODULES)
        except peers.PeersError as error:
            self.report("modules of the benchmark found", False, [str(error)])
            return None
        missing, core = peers.peer_dependencies(resolved, peers_addons)
        missing_any = sorted(m for m, p in resolved["paths"].items() if p is None)
        print(f"helpdesk_mgmt(_sla) need from Odoo itself: {', '.join(core)}")
        self.report(
            "modules of the benchmark found",
            not missing_any,
            [
                f"not found on the addons path: {', '.join(missing_any)}"
                + (
                    f" (the OCA modules need {', '.join(missing)}, which Odoo 19 "
                    "Community should have)"
                    if missing
                    else ""
                )
            ]
            if missing_any
            else [],
        )
        if missing_any:
            return None
        self.theirs = peers.their_modules(resolved)
        return rc_path

    def run(self, db, size, run_pytest, keep=False):
        """(passed, failed, skipped) of the benchmark at ``size``; ``keep``:
        the run's folder, where the JSON goes by default, is kept."""
        rc_path = self.prepare()
        if rc_path is None:
            return 0, 1, 0
        lifecycle = Lifecycle(
            self.odoo, rc_path, self.workdir, peers.BENCH_MODULES, self.report
        )
        try:
            if not lifecycle.install(
                db,
                peers.BENCH_MODULES,
                tolerated=lambda problem: peers.is_theirs(problem, self.theirs),
            ):
                return 0, 1, 0
            figures = json_path(self.workdir)
            counts = run_pytest(
                self.odoo.python,
                [
                    f"--odoo-config={rc_path}",
                    f"--odoo-database={db}",
                    "--odoo-log-level=warn",
                    "-s",
                    BENCH_FILE,
                ],
                self.workdir,
                "bench-side-by-side",
                env_extra={"BENCH_SIZE": str(size), "BENCH_JSON": figures},
            )
            kept = keep or "BENCH_JSON" in os.environ
            print(
                f"Benchmark figures (JSON): {figures}"
                + (
                    ""
                    if kept
                    else " (removed with the run's folder when the run "
                    "passes; set BENCH_JSON=path to keep them)"
                )
            )
            return counts
        finally:
            lifecycle.drop(db)


def run_side_by_side(summary, options, context, run_pytest):
    """Run or skip the benchmark as ``options`` say; adds it to ``summary``.
    ``context``: (odoo, rc_options, server, workdir, repo, database name)."""
    name, size, why = plan(options)
    if why:
        summary.skipped_suites.append((name, why))
        return
    odoo, rc_options, server, workdir, repo, db = context
    print(
        f"\n========== {name}: sla_claims vs OCA helpdesk_mgmt_sla vs crm, "
        f"size {size} =========="
    )
    started = time.monotonic()
    bench = SideBySide(odoo, rc_options, server, workdir, repo, _report)
    summary.add(name, *bench.run(db, size, run_pytest, keep=options.bench))
    print(f"{name}: {time.monotonic() - started:.0f} s with its database")


def run_retention_scan(summary, options, context, run_pytest):
    """Run or skip the retention scan benchmark as ``options`` say; adds it
    to ``summary``. ``context``: (odoo, rc_options, server, workdir, repo,
    database name)."""
    name, clients, why = retention_plan(options)
    if why:
        summary.skipped_suites.append((name, why))
        return
    odoo, rc_options, server, workdir, repo, db = context
    print(
        f"\n========== {name}: {clients} clients, the nightly scan, the "
        "screens and the crons =========="
    )
    started = time.monotonic()
    rc_path = write_run_rc(
        os.path.join(workdir, "odoo-retention.conf"),
        rc_options,
        repo,
        server,
        os.path.join(workdir, "data"),
    )
    lifecycle = Lifecycle(odoo, rc_path, workdir, RETENTION_MODULES, _report)
    counts = 0, 1, 0
    try:
        if lifecycle.install(db, RETENTION_MODULES):
            figures = retention_json_path(workdir)
            counts = run_pytest(
                odoo.python,
                [
                    f"--odoo-config={rc_path}",
                    f"--odoo-database={db}",
                    "--odoo-log-level=warn",
                    "-s",
                    *RETENTION_FILES,
                ],
                workdir,
                "bench-retention-scan",
                env_extra={
                    "BENCH_CLIENTS": str(clients),
                    "BENCH_RETENTION_JSON": figures,
                    "BENCH_SCALE_JSON": os.path.join(
                        os.path.dirname(figures), "bench-scale.json"
                    ),
                },
            )
            kept = options.bench or "BENCH_RETENTION_JSON" in os.environ
            _figures_at(figures, kept, "BENCH_RETENTION_JSON")
    finally:
        lifecycle.drop(db)
    summary.add(name, *counts)
    print(f"{name}: {time.monotonic() - started:.0f} s with its database")
