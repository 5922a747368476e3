"""The scheduled jobs of the multi-worker run, asked of both servers at the
same moment. Standard library only: the harness runs it.

Odoo runs one job row only once at a time: a worker takes the row with
``FOR NO KEY UPDATE SKIP LOCKED`` (odoo/addons/base/models/ir_cron.py), and
"Run Manually" (``method_direct_trigger``) is refused while it runs. So for
each job (the SLA check, the retention scan) the run asks, at one moment:

- the cron server: the job's own row and a copy of it are made due (the
  web server notifies the cron workers, ODOO_NOTIFY_CRON_CHANGES);
- the web server: "Run Manually" on the job's own row (Odoo's lock decides
  which server runs it) and on a second copy, through XML-RPC.

The copies run the same code on the same records at the same time: what
one run processed, no other may process again.
"""

import re
import threading
import time
import xmlrpc.client
from datetime import datetime, timezone

STARTING = re.compile(
    r"^(\S+ \S+) \d+ INFO \S+ odoo\.addons\.base\.models\.ir_cron: "
    r"Job '.*' \((\d+)\) starting"
)
ENDED = re.compile(
    r"^(\S+ \S+) \d+ (?:INFO|WARNING) \S+ odoo\.addons\.base\.models\.ir_cron: "
    r"Job '.*' \((\d+)\) (fully done|partially done|failed) "
    r"\(#loop \d+; done (\d+); remaining (\d+); duration ([0-9.]+)s\)"
)
WAIT = 300.0  # seconds the cron server gets to run its due jobs


def utc_now_text():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


class Jobs:
    """``crons``: ``{job: {"job": id, "cron": id, "web": id}}``."""

    def __init__(self, url, db, uid, password, crons):
        self.url = url
        self.db = db
        self.uid = uid
        self.password = password
        self.crons = crons

    def _call(self, model, method, args, kwargs=None):
        proxy = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )
        return proxy.execute_kw(
            self.db, self.uid, self.password, model, method, args, kwargs or {}
        )

    def wake_cron_server(self):
        """Let the cron server run what is due already (its workers first
        look after a minute): a change of the jobs' next call wakes them."""
        rows = [row for rows in self.crons.values() for row in rows.values()]
        states = self._call("ir.cron", "read", [rows, ["nextcall"]])
        for state in states:
            self._call("ir.cron", "write", [[state["id"]], state])

    def run_at_once(self):
        """Ask both servers at one moment; returns (moment asked (UTC text),
        ``{row id: outcome}`` of the manual runs)."""
        manual = [
            row for rows in self.crons.values() for row in (rows["job"], rows["web"])
        ]
        due = [
            row for rows in self.crons.values() for row in (rows["job"], rows["cron"])
        ]
        barrier = threading.Barrier(len(manual) + 1)
        outcomes = {}

        def run_manually(row):
            barrier.wait()
            started = time.monotonic()
            try:
                result = self._call("ir.cron", "method_direct_trigger", [[row]])
                outcome = "ran" if result is True else f"failed: {_cause(result)}"
            except xmlrpc.client.Fault as fault:
                lines = [ln for ln in fault.faultString.splitlines() if ln.strip()]
                outcome = f"refused: {lines[-1] if lines else fault.faultCode}"
            outcomes[row] = (outcome, time.monotonic() - started)

        threads = [threading.Thread(target=run_manually, args=(row,)) for row in manual]
        for thread in threads:
            thread.start()
        since = utc_now_text()
        # due first: written while a manual run holds the row, it would wait
        self._call("ir.cron", "write", [due, {"nextcall": since}])
        barrier.wait()
        for thread in threads:
            thread.join()
        return since, outcomes

    def wait_scheduled(self, since, timeout=WAIT):
        """Wait until the cron server ran every row made due (its last call
        at or after ``since``, its next one later); True when it did."""
        rows = [
            row for rows in self.crons.values() for row in (rows["job"], rows["cron"])
        ]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = self._call("ir.cron", "read", [rows, ["lastcall", "nextcall"]])
            if all(
                state["lastcall"]
                and state["lastcall"] >= since
                and state["nextcall"] > since
                for state in states
            ):
                return True
            time.sleep(1)
        return False


def _cause(action):
    """The error a failed manual run reports (Odoo returns it as an action
    showing the traceback): its first database error, else its last line."""
    debug = str(action.get("params", {}).get("data", {}).get("debug", action))
    lines = [ln.strip() for ln in debug.splitlines() if ln.strip()]
    found = [ln for ln in lines if ln.startswith("psycopg2.errors.")]
    return (found or lines or ["?"])[0 if found else -1]


def runs_in_log(path, server):
    """The job runs a server's log shows: ``[{row, server, start, end,
    status, done}]`` (times as logged, local)."""
    runs, open_runs = [], {}
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            started = STARTING.match(line)
            if started:
                open_runs.setdefault(int(started.group(2)), []).append(started.group(1))
                continue
            ended = ENDED.match(line)
            if ended:
                row = int(ended.group(2))
                start = (open_runs.get(row) or [None]).pop(0)
                runs.append(
                    {
                        "row": row,
                        "server": server,
                        "start": start,
                        "end": ended.group(1),
                        "status": ended.group(3),
                        "done": int(ended.group(4)),
                    }
                )
    return runs


def overlapping(runs):
    """Pairs of runs (of different rows) whose times overlap."""
    pairs = []
    for index, first in enumerate(runs):
        for second in runs[index + 1 :]:
            if first["row"] == second["row"] or not (
                first["start"] and second["start"]
            ):
                continue
            if first["start"] < second["end"] and second["start"] < first["end"]:
                pairs.append((first, second))
    return pairs
