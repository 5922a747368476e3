"""Several workers, one database: a suite of tests/run.

On a fresh database (sla_claims and client_retention, no demo data), set up
by tests/bench/workers_data.py: a prefork Odoo with four HTTP workers and no
cron thread, and a cron-only Odoo (prefork, --no-http, two cron workers),
both with -d so that they run this database's jobs only. Eight feeders
deliver the mails through message_process over XML-RPC as odoo-mailgate
does, a third of them replies (tests/bench/workers_feed.py); then the SLA
check and the retention scan are asked of both servers at one moment
(tests/bench/workers_crons.py). Both servers are stopped, whatever happens,
and the database is judged in SQL (workers_figures.py, workers_checks.py).

`tests/run --bench` sends 2,000 mails, every other run 200 (smoke size);
`--workers-mails N` sets the number. Run alone, on a throwaway cluster:
``cd tests && python3 -m harness.workers_suite [--mails N]``.
"""

import argparse
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import xmlrpc.client

from bench import workers_checks, workers_crons, workers_feed

from .bench_suite import _no_smoke, _report
from .lifecycle import Lifecycle
from .logcheck import find_problems
from .odoo_config import run_options, write_rc
from .odoo_finder import find_odoo
from .postgres import ThrowawayCluster, free_port
from .process import install_signal_handlers, run
from .workers_servers import OdooServer, SmtpSink, wait_http

FULL_MAILS = 2000
SMOKE_MAILS = 200
FEEDERS = 8
HTTP_WORKERS = 4
CRON_WORKERS = 2
MODULES = ("sla_claims", "client_retention")
FULL_NAME = "multi-worker run"
SMOKE_NAME = "multi-worker smoke"
START_WAIT = 180  # seconds a server gets to load and answer
# seconds after the first mail when the SLA check has warnings and
# escalations to make: the policy of workers_data.py puts a claim at risk
# 7 s after its receipt, late after 29 s
FIRST_BREACH = 35
TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_SCRIPT = os.path.join(TESTS, "bench", "workers_odoo.py")
MARK = "WORKERS_RESULT "  # workers_odoo.py's result line


def plan(options):
    """(suite name, mails, None) to run, or (suite name, None, why not)."""
    chosen = getattr(options, "workers_mails", None)
    if options.bench:
        return FULL_NAME, chosen or FULL_MAILS, None
    why = _no_smoke(options)
    return SMOKE_NAME, None if why else chosen or SMOKE_MAILS, why


def run_workers(summary, options, context):
    """Run or skip the suite as ``options`` say; adds it to ``summary``.
    ``context``: (odoo, rc_options, server, workdir, repo, database name)."""
    name, mails, why = plan(options)
    if why:
        summary.skipped_suites.append((name, why))
        return
    print(
        f"\n========== {name}: {mails} mails from {FEEDERS} feeders to "
        f"--workers={HTTP_WORKERS} and a cron server, one database =========="
    )
    started = time.monotonic()
    checks = WorkersRun(*context).run(mails)
    summary.add(name, sum(ok for _, ok in checks), sum(not ok for _, ok in checks))
    print(f"{name}: {time.monotonic() - started:.0f} s with its database")


class WorkersRun:
    def __init__(self, odoo, rc_options, server, workdir, repo, db):
        self.odoo = odoo
        self.rc_options = rc_options
        self.server = server
        self.workdir = workdir
        self.repo = repo
        self.db = db
        self.password = secrets.token_hex(12)
        self.results = []  # (check, ok)
        self.marks = {}  # server name -> size of its log when the jobs began

    def report(self, check, ok, details=()):
        self.results.append((check, ok))
        _report(check, ok, details)

    def run(self, mails):
        """The checks' (name, ok) of one run with ``mails`` mails."""
        with SmtpSink() as sink:
            rc_path = os.path.join(self.workdir, "odoo-workers.conf")
            options = run_options(
                self.rc_options,
                os.path.join(self.repo, "addons"),
                self.server.odoo_options(),
                os.path.join(self.workdir, "data"),
            )
            options.update(smtp_server="127.0.0.1", smtp_port=sink.port)
            write_rc(rc_path, options)
            self.rc_path = rc_path
            lifecycle = Lifecycle(
                self.odoo, rc_path, self.workdir, MODULES, self.report
            )
            try:
                if lifecycle.install(self.db, MODULES):
                    self._run_installed(mails, sink)
            finally:
                lifecycle.drop(self.db)
        return self.results

    # ------------------------------------------------------------ steps

    def odoo_script(self, action, params):
        """Run tests/bench/workers_odoo.py under Odoo's Python."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (TESTS, self.odoo.source_dir, env.get("PYTHONPATH")) if p
        )
        logfile = os.path.join(self.workdir, f"workers-{action}.log")
        code, output = run(
            [self.odoo.python, ODOO_SCRIPT, self.rc_path, self.db, action],
            stream=False,
            logfile=logfile,
            input_text=json.dumps(params),
            env=env,
        )
        line = next((ln for ln in output.splitlines() if ln.startswith(MARK)), None)
        if code or line is None:
            self.report(
                f"workers {action} script", False, [f"exit {code}:\n{output[-3000:]}"]
            )
            return None
        return json.loads(line[len(MARK) :])

    def servers(self, port):
        """The web server (prefork, no cron) and the cron-only server."""
        base = ["-c", self.rc_path, "-d", self.db, "--log-level=info"]
        # the web server wakes the cron workers when it makes a job due
        env = dict(os.environ, ODOO_NOTIFY_CRON_CHANGES="1")
        web = OdooServer(
            "web",
            self.odoo.command(
                *base,
                f"--workers={HTTP_WORKERS}",
                "--max-cron-threads=0",
                f"--http-port={port}",
                f"--gevent-port={free_port()}",
            ),
            os.path.join(self.workdir, "workers-web.log"),
            env,
        )
        # prefork without HTTP: Odoo spawns only its cron workers
        cron = OdooServer(
            "cron",
            self.odoo.command(
                *base, "--workers=1", "--no-http", f"--max-cron-threads={CRON_WORKERS}"
            ),
            os.path.join(self.workdir, "workers-cron.log"),
            env,
        )
        return web, cron

    def _run_installed(self, mails, sink):
        setup = self.odoo_script("setup", {"password": self.password})
        if setup is None:
            return
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        web, cron = self.servers(port)
        outcome = None
        try:
            web.start()
            cron.start()
            ready = wait_http(url, web, START_WAIT) and cron.wait_log(
                "Worker WorkerCron", START_WAIT
            )
            self.report(
                "web server (--workers) and cron server started",
                ready,
                [] if ready else [f"web:\n{web.tail()}", f"cron:\n{cron.tail()}"],
            )
            if ready:
                outcome = self._exercise(url, setup, mails, (web, cron))
        except (OSError, xmlrpc.client.Error) as error:
            # a server that died or refused a call outside the feeders
            self.report("the run went through", False, [repr(error)])
        finally:
            web.stop()
            cron.stop()
        if outcome is not None:
            self._judge(setup, outcome, sink, web, cron)

    def _exercise(self, url, setup, mails, servers):
        uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            self.db, "admin", self.password, {}
        )
        feeders = workers_feed.Feeders(
            url,
            self.db,
            uid,
            self.password,
            setup["alias"],
            setup["clients"],
            secrets.token_hex(3),
        )
        jobs = workers_crons.Jobs(url, self.db, uid, self.password, setup["crons"])
        jobs.wake_cron_server()
        print(f"--- {mails} mails from {FEEDERS} feeders")
        first_mail = time.monotonic()
        fed = feeders.feed(mails, FEEDERS)
        time.sleep(max(0.0, first_mail + FIRST_BREACH - time.monotonic()))
        print("--- the SLA check and the retention scan on both servers at once")
        asked = time.monotonic()
        # where the jobs' part of each server's log begins
        self.marks = {s.name: os.path.getsize(s.logfile) for s in servers}
        since, manual = jobs.run_at_once()
        scheduled = jobs.wait_scheduled(since)
        return fed, since, manual, scheduled, time.monotonic() - asked

    def _judge(self, setup, outcome, sink, web, cron):
        fed, since, manual, scheduled, cron_seconds = outcome
        deliveries = [vars(d) for d in fed.deliveries]
        rows = sorted(
            {row for rows in setup["crons"].values() for row in rows.values()}
        )
        figures = self.odoo_script(
            "figures",
            {
                "message_ids": [d["message_id"] for d in deliveries],
                "since": since,
                "cron_ids": rows,
            },
        )
        if figures is None:
            return
        members = setup["member_ids"]
        for check in (
            workers_checks.mail_checks(deliveries, figures, members)
            + workers_checks.sla_checks(figures)
            + workers_checks.retention_checks(figures)
        ):
            self.report(*check)
        runs = workers_crons.runs_in_log(
            web.logfile, "web"
        ) + workers_crons.runs_in_log(cron.logfile, "cron")
        self._judge_runs(setup, runs, manual, scheduled)
        self._judge_logs(web, cron)
        self._print_figures(setup, fed, figures, sink, runs, manual, cron_seconds)

    def _judge_runs(self, setup, runs, manual, scheduled):
        broken = [] if scheduled else ["the cron server did not run its due jobs"]
        for job, rows in setup["crons"].items():
            mine = [r for r in runs if r["row"] in rows.values()]
            servers = {r["server"] for r in mine}
            together = [
                pair
                for pair in workers_crons.overlapping(mine)
                if pair[0]["server"] != pair[1]["server"]
            ]
            if servers != {"web", "cron"} or not together:
                seen = [(r["row"], r["server"], r["start"], r["end"]) for r in mine]
                broken.append(f"{job}: runs {seen}")
        self.report("both servers ran each job at the same moment", not broken, broken)

    def _judge_logs(self, *servers):
        """Neither server logged a warning or an error but the run's
        expected noise (workers_checks.unexpected), before the jobs and
        while they ran."""
        found = []
        for server in servers:
            with open(server.logfile, "rb") as log:
                text = log.read()
            mark = self.marks.get(server.name, len(text))
            for jobs_phase, part in ((False, text[:mark]), (True, text[mark:])):
                lines = part.decode("utf-8", "replace").splitlines()
                found += [
                    f"{server.name}: {problem}"
                    for problem in workers_checks.unexpected(
                        find_problems(lines), jobs_phase
                    )
                ]
        self.report("nothing else wrong in the servers' logs", not found, found[:5])

    def _print_figures(self, setup, fed, figures, sink, runs, manual, cron_seconds):
        originals, replies = fed.originals(), fed.replies()
        median, p95, slowest = workers_checks.latency([vars(d) for d in fed.deliveries])
        load = workers_checks.member_load(figures, setup["member_ids"])
        names = setup["members"]
        print(
            f"WORKERS mails {len(fed.deliveries)} ({len(originals)} new, "
            f"{len(replies)} replies) in {fed.seconds:.1f} s, "
            f"{len(fed.deliveries) / max(fed.seconds, 1e-9):.1f} mails/s; "
            f"gateway call median {median:.2f} s, p95 {p95:.2f} s, "
            f"max {slowest:.2f} s; "
            f"errors {len(fed.errors())}"
        )
        print(
            f"WORKERS claims {len(figures['claims'])}; open claims per member: "
            + ", ".join(f"{names[str(u)]} {n}" for u, n in sorted(load.items()))
            + f"; mails Odoo sent (SMTP sink) {sink.received}"
        )
        states = {}
        for row in figures["claims"]:
            states[row[5]] = states.get(row[5], 0) + 1
        sla_activities = sum(r[4] for r in figures["activities"] if r[0] == "sla.claim")
        print(
            f"WORKERS SLA check: response states {states}; activities "
            f"{sla_activities}; digest mails {len(figures['digests'])} with "
            f"{len(workers_checks.digest_lines(figures))} lines"
        )
        print(
            f"WORKERS retention scan: profiles {figures['profiles']} "
            f"(scanned {figures['profiles_scanned']}), scans logged "
            f"{sum(r[3] for r in figures['scans'])}, churn events "
            f"{sum(r[3] for r in figures['churn_events'])}, partner activities "
            f"{sum(r[4] for r in figures['activities'] if r[0] == 'res.partner')}"
        )
        print(f"WORKERS jobs asked and done in {cron_seconds:.1f} s; runs:")
        for r in sorted(runs, key=lambda r: (r["start"] or "", r["row"])):
            print(
                f"WORKERS   row {r['row']} on {r['server']}: {r['start']} -> "
                f"{r['end']} {r['status']}, done {r['done']}"
            )
        for row, (outcome, seconds) in sorted(manual.items()):
            print(f"WORKERS   Run Manually row {row}: {outcome} ({seconds:.1f} s)")


def main(argv):
    """Run the suite alone on a throwaway cluster."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=SMOKE_MAILS)
    args = parser.parse_args(argv)
    odoo = find_odoo()
    workdir = tempfile.mkdtemp(prefix="crs-workers-")
    install_signal_handlers()
    results = []
    try:
        with ThrowawayCluster() as server:
            db = f"workers_{secrets.token_hex(3)}"
            run_ = WorkersRun(odoo, {}, server, workdir, os.path.dirname(TESTS), db)
            results = run_.run(args.mails)
    finally:
        failed = sum(not ok for _, ok in results)
        if failed or not results:
            print(f"Logs of this run are kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
