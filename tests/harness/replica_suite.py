"""The read replica suite of tests/run: Odoo reads the suite's read-only
screens from a real PostgreSQL streaming replica.

A throwaway primary and its hot standby (``pg_basebackup -R``) start on TCP
ports of their own, with pg_stat_statements. The four add-ons are installed
with demo data on the primary; an Odoo server then runs with
``--db_replica_host/--db_replica_port``. A retention manager and a portal
user open each read-only screen as the web client does, and the statements
each server executed are counted per screen: the primary must have executed
none in the database, the replica the screen's reads. Exporting the churn
workbook (a write) must go to the primary.

Run alone (about 3 minutes): cd tests && python3 -m harness.replica_suite
"""

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error

from .bench_suite import _no_smoke
from .lifecycle import Lifecycle
from .logcheck import check_log_file
from .odoo_config import OUR_MODULES, write_run_rc
from .odoo_finder import find_odoo
from .postgres import PostgresError, free_port
from .replica_cluster import PrimaryCluster, StandbyCluster
from .replica_screens import Client, RpcError, screens

NAME = "read replica (streaming standby)"
RETRIED = "retrying with a read/write cursor"
MANAGER = "replica_manager"
TRANSACTION = re.compile(r"(BEGIN|COMMIT|ROLLBACK|DISCARD ALL)\b")
# what Odoo 19 itself runs on the primary while serving a read-only request
ODOO_OWN = (
    (TRANSACTION, "the transaction of one of the statements below"),
    (
        re.compile(r"INSERT INTO res_device_log "),
        (
            "the session's device log (res.device.log._update_device writes it "
            "on a read/write cursor)"
        ),
    ),
    (
        re.compile(
            r'SELECT "ir_model"\."id", "ir_model"\."name"->>\$1, '
            r'"ir_model"\."model" FROM "ir_model" WHERE'
        ),
        (
            "the spreadsheet's model names (web's ir.model.display_name_for is not "
            "@api.readonly in Odoo 19)"
        ),
    ),
)
MODULES = ("client_offboarding", "spreadsheet_dashboard_client_retention")


def _report(checks, name, ok, details=()):
    checks.append((name, ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
    for detail in details:
        print("     " + str(detail).replace("\n", "\n     "))


class OdooServer:
    """``odoo -d db`` reading from the replica; stopped on exit."""

    def __init__(self, odoo, rc_path, db, standby, logfile):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logfile = logfile
        self.command = odoo.command(
            "-c",
            rc_path,
            "-d",
            db,
            f"--http-port={self.port}",
            "--db_replica_host=127.0.0.1",
            f"--db_replica_port={standby.port}",
            "--max-cron-threads=0",
            "--log-level=info",
            f"--logfile={logfile}",
        )

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PostgresError(f"Odoo stopped at start; see {self.logfile}")
            try:
                if Client(self.url).get("/web/health")[0] == 200:
                    return self
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        raise PostgresError(f"Odoo did not answer in 120 s; see {self.logfile}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return False


def _xmlid(admin, module, name):
    [found] = admin.call(
        "ir.model.data",
        "search_read",
        [["module", "=", module], ["name", "=", name]],
        ["res_id"],
    )
    return found["res_id"]


def prepare(base_url, db):
    """What the screens need, written on the primary before the counting
    (as a user's first visit of the month writes its Overview): a retention
    manager, the Overview's record, an analysis. Returns (clients, ids)."""
    admin = Client(base_url)
    admin.login(db, "admin", "admin")
    group = _xmlid(admin, "client_retention", "group_retention_manager")
    admin.call(
        "res.users",
        "create",
        {
            "name": "Replica Manager",
            "login": MANAGER,
            "password": MANAGER,
            "group_ids": [[6, 0, [group]]],
        },
    )
    portal_partner = _xmlid(admin, "base", "partner_demo_portal")
    [claim] = admin.call(
        "sla.claim",
        "search_read",
        [["partner_id", "=", portal_partner]],
        ["number"],
        limit=1,
    )
    manager = Client(base_url)
    manager.login(db, MANAGER, MANAGER)
    action = manager.jsonrpc(
        "/web/action/load",
        {"action_id": "client_retention.client_churn_overview_action"},
    )
    opened = manager.jsonrpc("/web/action/run", {"action_id": action["id"]})
    [analysis] = manager.call(
        "client.churn.analysis", "web_save", [], {}, specification={}
    )
    portal = Client(base_url)
    portal.login(db, "portal", "portal")
    ids = {
        "overview": opened["res_id"],
        "overview_view": opened["views"][0][0],
        "analysis": analysis["id"],
        "dashboard": _xmlid(
            admin,
            "spreadsheet_dashboard_client_retention",
            "spreadsheet_dashboard_retention",
        ),
        "portal_claim": claim["number"],
    }
    return {"manager": manager, "portal": portal}, ids


def count(primary, standby, db, action):
    """Run ``action``; the statements (query, calls) each server executed in
    ``db`` meanwhile."""
    standby.wait_replayed()
    primary.reset_statements()
    standby.reset_statements()
    action()
    return primary.statements(db), standby.statements(db)


def calls(statements):
    return sum(number for _query, number in statements)


def odoo_own(query):
    """Why Odoo itself runs ``query`` on the primary during a read-only
    request, or None."""
    return next((why for pattern, why in ODOO_OWN if pattern.match(query)), None)


def measure(primary, standby, db, clients, ids, repo, report):
    """Each read-only screen, then the workbook export; prints the table."""
    rows = []
    for name, who, screen, tables in screens(repo):
        on_primary, on_replica = count(
            primary, standby, db, lambda s=screen, w=who: s(clients[w], ids)
        )
        ours = [(q, n) for q, n in on_primary if not odoo_own(q)]
        rows.append((name, calls(on_primary), calls(ours), calls(on_replica)))
        report(
            f"{name}: the primary ran none of its reads",
            not ours,
            [f"{n} × {q[:300]}" for q, n in ours[:10]]
            + [
                f"Odoo's own: {n} × {q[:80]}: {odoo_own(q)}"
                for q, n in on_primary
                if odoo_own(q) and not TRANSACTION.match(q)
            ],
        )
        missing = [t for t in tables if not any(t in q for q, _n in on_replica)]
        report(
            f"{name}: the replica read {', '.join(tables)}",
            on_replica and not missing,
            [f"no statement on {', '.join(missing)}"] if missing else [],
        )
    on_primary, on_replica = count(
        primary,
        standby,
        db,
        lambda: clients["manager"].call(
            "client.churn.analysis",
            "action_export_xlsx",
            [ids["overview"]],
            route="call_button",
        ),
    )
    rows.append(
        ("Export to Excel (writes)", calls(on_primary), None, calls(on_replica))
    )
    inserted = [
        q for q, _n in on_primary if q.startswith('INSERT INTO "ir_attachment"')
    ]
    report("Export to Excel: the workbook is written on the primary", inserted)
    # primary: all it executed; reads: those of them not Odoo's own (ODOO_OWN)
    print(f"\n{'statements in ' + db:34} {'primary':>8} {'reads':>6} {'replica':>8}")
    for name, first, ours, second in rows:
        print(f"{name:34} {first:>8} {'' if ours is None else ours:>6} {second:>8}")
    return rows


def run_replica_suite(odoo, rc_options, workdir, repo, db):
    """(passed, failed) of the suite, on two clusters of its own."""
    checks = []

    def report(name, ok, details=()):
        _report(checks, name, ok, details)

    try:
        primary = PrimaryCluster()
        with primary as server:
            primary.prepare()
            standby = StandbyCluster(primary)
            with standby:
                standby.wait_streaming()
                report("the standby streams from the primary (pg_basebackup -R)", True)
                rc_path = write_run_rc(
                    os.path.join(workdir, "odoo-replica.conf"),
                    rc_options,
                    repo,
                    server,
                    os.path.join(workdir, "data-replica"),
                )
                lifecycle = Lifecycle(odoo, rc_path, workdir, OUR_MODULES, report)
                if lifecycle.install(db, MODULES, demo=True):
                    _serve(odoo, rc_path, db, (primary, standby), workdir, repo, report)
    except (PostgresError, RpcError, OSError) as error:
        report("read replica set-up", False, [str(error)])
    passed = sum(1 for _name, ok in checks if ok)
    return passed, len(checks) - passed


def _serve(odoo, rc_path, db, clusters, workdir, repo, report):
    primary, standby = clusters
    logfile = os.path.join(workdir, "odoo-replica-server.log")
    print(f"--- odoo -d {db} --db_replica_port={standby.port} (log: {logfile})")
    with OdooServer(odoo, rc_path, db, standby, logfile) as server:
        clients, ids = prepare(server.url, db)
        measure(primary, standby, db, clients, ids, repo, report)
    problems = check_log_file(logfile)
    retried = [p for p in problems if RETRIED in str(p)]
    report("no read-only request was retried on the primary", not retried, retried)
    others = [p for p in problems if p not in retried]
    report("the server's log has no warning or error", not others, others)


def run_replica(summary, options, context):
    """Run or skip the suite as ``options`` say; adds it to ``summary``.
    ``context``: (odoo, rc_options, workdir, repo, database name)."""
    why = _no_smoke(options)
    if why:
        summary.skipped_suites.append((NAME, why))
        return
    print(f"\n========== {NAME} ==========")
    started = time.monotonic()
    passed, failed = run_replica_suite(*context)
    summary.add(NAME, passed, failed)
    print(f"{NAME}: {time.monotonic() - started:.0f} s with its clusters")


def main():

    sys.stdout.reconfigure(line_buffering=True)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    workdir = tempfile.mkdtemp(prefix="crs-replica-")
    started = time.monotonic()
    passed, failed = run_replica_suite(
        find_odoo(), {}, workdir, repo, f"crs_replica_{os.getpid()}"
    )
    print(
        f"{NAME}: {passed} passed, {failed} failed in "
        f"{time.monotonic() - started:.0f} s (logs in {workdir})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
