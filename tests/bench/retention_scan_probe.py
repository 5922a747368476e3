"""What the retention scan does while the benchmark runs it: each batch's
time, SQL queries and SQL time, its effects, and the time of each step.

Odoo's cursors count every query (``odoo.sql_db.sql_counter``) and, when
the thread has them, add each query's count and time to
``query_count``/``query_time`` (as for HTTP requests). The scan's SQL
functions and methods are wrapped while the probe is active; nothing of
client_retention is changed.
"""

import threading
import time
from unittest.mock import patch

from bench.retention_report import batch_summary

from odoo import sql_db

from odoo.addons.client_retention.models import retention_sql

SQL_STEPS = (
    "seed_profiles",
    "next_batch",
    "purchase_figures",
    "payment_figures",
    "claim_figures",
    "satisfaction",
    "profile_state",
    "rfm_inputs",
    "write_rfm",
)
METHODS = {
    "client.retention.scan": ("_run", "_score_rfm", "_contract_reminders"),
    "client.retention.profile": ("_upsert",),
    "ir.cron": ("_commit_progress",),
}
THREAD_COUNTERS = {"query_time": 0.0, "query_count": 0}


class Probe:
    """Context manager: while active, ``batches`` and ``steps`` fill up."""

    def __init__(self, env):
        self.env = env
        self.batches = []
        self.steps = {}
        self._current = None
        self._patches = []
        self._added = []

    def __enter__(self):
        thread = threading.current_thread()
        for name, zero in THREAD_COUNTERS.items():
            if not hasattr(thread, name):
                setattr(thread, name, zero)
                self._added.append(name)
        for name in SQL_STEPS:
            self._patch(retention_sql, name, self._timed(name))
        for model, names in METHODS.items():
            for name in names:
                self._patch(type(self.env[model]), name, self._timed(name))
        self._patch(type(self.env["client.retention.scan"]), "_scan_batch", self._batch)
        self._patch(type(self.env["client.retention.effects"]), "_apply", self._effects)
        return self

    def __exit__(self, *exc):
        for patcher in reversed(self._patches):
            patcher.stop()
        thread = threading.current_thread()
        for name in self._added:
            delattr(thread, name)

    def summary(self):
        return batch_summary(self.batches)

    def _patch(self, target, name, make):
        patcher = patch.object(target, name, make(getattr(target, name)))
        patcher.start()
        self._patches.append(patcher)

    @staticmethod
    def _mark():
        thread = threading.current_thread()
        return time.perf_counter(), sql_db.sql_counter, thread.query_time

    @staticmethod
    def _since(mark):
        seconds, queries, sql_seconds = (
            now - then for now, then in zip(Probe._mark(), mark, strict=True)
        )
        return seconds, queries, sql_seconds

    def _timed(self, name):
        def make(function):
            def timed(*args, **kwargs):
                mark = self._mark()
                try:
                    return function(*args, **kwargs)
                finally:
                    seconds, queries, sql_seconds = self._since(mark)
                    step = self.steps.setdefault(
                        name,
                        {"calls": 0, "seconds": 0.0, "queries": 0, "sql_seconds": 0.0},
                    )
                    step["calls"] += 1
                    step["seconds"] += seconds
                    step["queries"] += queries
                    step["sql_seconds"] += sql_seconds

            return timed

        return make

    def _batch(self, function):
        def scan_batch(scan, company, partner_ids, today):
            current = {
                "clients": len(partner_ids),
                "effects": {},
                "effect_queries": 0,
                "effect_seconds": 0.0,
            }
            self._current = current
            mark = self._mark()
            try:
                return function(scan, company, partner_ids, today)
            finally:
                seconds, queries, sql_seconds = self._since(mark)
                current.update(
                    seconds=seconds, queries=queries, sql_seconds=sql_seconds
                )
                self.batches.append(current)
                self._current = None

        return scan_batch

    def _effects(self, function):
        def apply(effects_model, company, effects, today):
            mark = self._mark()
            try:
                return function(effects_model, company, effects, today)
            finally:
                seconds, queries, _sql = self._since(mark)
                if self._current is not None:
                    self._current["effects"] = {k: len(v) for k, v in effects.items()}
                    self._current["effect_queries"] = queries
                    self._current["effect_seconds"] = seconds

        return apply
