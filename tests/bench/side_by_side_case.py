"""The case of the side-by-side benchmark: the three systems set up alike
(side_by_side_setup.py), and how one item is measured and mails delivered.
The measurements themselves are in bench_side_by_side.py."""

import cProfile
import io
import os
import pstats
import time

from bench import report_common
from bench.side_by_side_report import (
    CUSTOMERS,
    FULL_SIZE,
    SYSTEMS,
    json_path,
    sizes,
    table,
    write_json,
)
from bench.side_by_side_setup import MODELS, raw_mail, setup_systems

from odoo import release
from odoo.tests import TransactionCase


def rotated(items, i):
    """``items`` starting at the i-th: no system always goes first."""
    k = i % len(items)
    return items[k:] + items[:k]


class SideBySideCase(TransactionCase):
    """Set-up, measuring and delivering; no measurement of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # production-like: tracking, followers notified, mails queued
        context = {
            key: value
            for key, value in cls.env.context.items()
            if not key.startswith(("tracking_", "mail_"))
        }
        cls.env = cls.env(context=context)
        cls.size = sizes(os.environ.get("BENCH_SIZE") or FULL_SIZE)
        cls.records = setup_systems(cls.env, CUSTOMERS)
        cls.partners = cls.records["partners"]
        modules = cls.env["ir.module.module"].search(
            [("name", "in", ("sla_claims", "helpdesk_mgmt", "helpdesk_mgmt_sla"))]
        )
        cls.results = {
            "size": cls.size,
            "versions": {
                "odoo": release.version,
                **{m.name: m.latest_version for m in modules},
            },
        }
        cls.env.cr.flush()

    @classmethod
    def tearDownClass(cls):
        cls.results["machine"] = report_common.machine()
        print()
        for line in table(cls.results):
            print(line)
        print(f"BENCH JSON: {write_json(cls.results, json_path())}")
        super().tearDownClass()

    # ------------------------------------------------------------ measuring

    def last_id(self, table_name):
        self.env.cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table_name}")
        return self.env.cr.fetchone()[0]

    def created_since(self, table_name, last):
        self.env.cr.execute(f"SELECT COUNT(*) FROM {table_name} WHERE id > %s", [last])
        return self.env.cr.fetchone()[0]

    def measure(self, function):
        """(result, {ms, sql, mails}) of ``function``: wall time and queries
        until everything it left for the commit is done (flush and precommit
        hooks: tracking, stage templates), and the mails it queued."""
        cr = self.env.cr
        cr.flush()
        mails_before = self.last_id("mail_mail")
        queries, started = cr.sql_log_count, time.perf_counter()
        result = function()
        cr.flush()
        ms = (time.perf_counter() - started) * 1000
        sample = {"ms": ms, "sql": cr.sql_log_count - queries}
        sample["mails"] = self.created_since("mail_mail", mails_before)
        return result, sample

    def deliver(self, system, i, tag):
        """Mail ``i`` through the real gateway to ``system``'s alias."""
        raw = raw_mail(system, i, self.partners[i % CUSTOMERS], tag)
        return self.measure(lambda: self.env["mail.thread"].message_process(None, raw))

    def deliver_all(self, indexes, tag):
        """Deliver each mail to the three systems in turn, rotating who goes
        first; returns ({system: [samples]}, {system: [record ids]})."""
        samples = {system: [] for system in SYSTEMS}
        ids = {system: [] for system in SYSTEMS}
        for i in indexes:
            for system in rotated(SYSTEMS, i):
                record_id, sample = self.deliver(system, i, tag)
                samples[system].append(sample)
                ids[system].append(record_id)
        for system in SYSTEMS:
            self.assert_one_record_per_mail(system, ids[system], indexes)
        return samples, ids

    def assert_one_record_per_mail(self, system, ids, indexes):
        records = self.env[MODELS[system]].browse(ids).exists()
        self.assertEqual(len(set(ids)), len(indexes), f"{system}: a record per mail")
        self.assertEqual(len(records), len(indexes), f"{system}: records exist")
        customers = [self.partners[i % CUSTOMERS] for i in indexes]
        self.assertEqual(
            [r.partner_id for r in records], customers, f"{system}: the sender"
        )

    def profile_gateway(self, path, mails=50):
        """With BENCH_PROFILE=path: ``mails`` more mails to each system under
        cProfile, after the measured ones (the profiler slows everything),
        the statistics written to path.<system>.prof and the claims' top
        functions printed by cumulative time: where a mail's time goes."""
        for system in SYSTEMS:
            profiler = cProfile.Profile()
            profiler.enable()
            self.deliver_all_of(system, range(mails), "profile")
            profiler.disable()
            profiler.dump_stats(f"{path}.{system}.prof")
            if system == "claims":
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
                stats.print_stats(40)
                print(f"BENCH profile of {mails} claim mails ({path}.*.prof):")
                print(out.getvalue())

    def deliver_all_of(self, system, indexes, tag):
        for i in indexes:
            self.deliver(system, i, tag)
