"""The client_retention nightly scan at scale: 10,000 clients and 200,000
invoices (BENCH_CLIENTS sets the clients, 20 invoices each). Run by
`tests/run --bench` (full size) and, at the smoke size, by every
`tests/run`, on a database of its own with client_retention and no demo.

The data is written in SQL and COPY (retention_data.py) and checked by
Odoo. The scan runs as the scheduler runs it (the cron job triggered, its
own cursor, a commit per batch): the first scan, a second run the same day,
and the next night (every client due again). Measured: wall time, SQL
queries and time per batch, the effects (mails, activities, churn events),
the peak resident memory, and the purchase aggregation for all clients
beside a plain GROUP BY. Figures are printed ("BENCH" lines) and written to
BENCH_RETENTION_JSON, never asserted; what is asserted is that the data is
valid and the scan did its work.
"""

import cProfile
import os
import resource
import threading
import time
from unittest.mock import patch

from bench import (
    report_common,
    retention_backlog_bench,
    retention_check,
    retention_data,
)
from bench.retention_plan import FULL_CLIENTS, plan, sizes
from bench.retention_queries import (
    compare,
    explain,
    median_of_three,
    profiled,
    purchase_windows,
    timed,
)
from bench.retention_report import (
    json_path,
    peak_rss,
    reset_peak_rss,
    table,
    write_json,
)
from bench.retention_scan_probe import Probe
from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, release, sql_db
from odoo.modules.registry import Registry
from odoo.tests import BaseCase
from odoo.tests.common import get_db_name

from odoo.addons.client_retention.models import client_retention_scan, retention_sql

MOVES = ("out_invoice", "out_refund")


class BenchRetentionScan(BaseCase):
    """Not a TransactionCase: the scan commits, as it does in production;
    the database is the benchmark's own and dropped after it."""

    # outside an add-on, Odoo's test metaclass does not set these
    test_module = "client_retention"
    test_tags = frozenset({"standard", "bench"})
    test_class = "BenchRetentionScan"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.size = sizes(os.environ.get("BENCH_CLIENTS") or FULL_CLIENTS)
        cls.results = {"size": cls.size, "runs": {}}
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.today = fields.Date.context_today(env["res.partner"])  # as the cron
            cls.company = env.company.id
            modules = env["ir.module.module"].search(
                [("name", "in", ("client_retention", "sla_claims", "account"))]
            )
            cls.results["versions"] = {
                "odoo": release.version,
                **{m.name: m.latest_version for m in modules},
            }
            clients, invoices = plan(
                cls.size["clients"], cls.size["invoices"], cls.today
            )
            cls.results["data"] = retention_data.build(env, clients, invoices)
            cls.results["plan"] = {
                kind: sum(1 for c in clients if c.kind == kind)
                for kind in ("active", "slowing", "dormant", "silent")
            }

    @classmethod
    def tearDownClass(cls):
        cls.results["machine"] = report_common.machine()
        print()
        for line in table(cls.results) + retention_backlog_bench.lines(cls.results):
            print(line)
        for line in cls.results.get("profile", {}).get("cumulative", ()):
            print(f"BENCH profile {line}")
        print(f"BENCH JSON: {write_json(cls.results, json_path())}")
        super().tearDownClass()

    @staticmethod
    def environment(cr):
        """The cron's environment: the superuser, no context."""
        return api.Environment(cr, SUPERUSER_ID, {})

    # ---------------------------------------------------------------- tests

    def test_a_data_is_valid_for_odoo(self):
        with self.registry.cursor() as cr:
            valid = retention_check.check(self.environment(cr), self.today)
        self.results["valid"] = valid
        self.assertEqual(valid["unbalanced_entries"], 0)
        self.assertEqual(valid["recomputed_differently"], [])
        self.assertEqual(valid["constraint_errors"], [])
        self.assertTrue(valid["orm_operations"]["ok"], valid["orm_operations"])
        written = self.results["data"]["written"]
        self.assertEqual(written["clients"], self.size["clients"])
        self.assertEqual(written["invoices"], self.size["invoices"])

    def test_b_scans(self):
        """The first scan, again the same day, and the next night."""
        batch = self.size["batch"]
        # small runs scan smaller batches, so that they too have several
        with patch.object(client_retention_scan, "SCAN_BATCH_SIZE", batch):
            first = self.run_cron(profile=os.environ.get("BENCH_PROFILE"))
            self.assertEqual(first["batches"], -(-self.size["clients"] // batch))
            self.assertEqual(first["left"], 0, "every client scanned today")
            self.assertEqual(
                first["made"]["churn events"],
                first["batch_summary"]["effects"]["silent_leave"],
            )
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT COALESCE(state, 'none'), count(*) FROM "
                    "client_retention_profile GROUP BY 1 ORDER BY 2 DESC"
                )
                states = dict(cr.fetchall())
            self.results["states"] = states
            self.assertEqual(sum(states.values()), self.size["clients"])
            self.assertTrue({"active", "dormant", "lost"} <= set(states), states)
            self.results["first_scan_mails"] = first["made"]["mails"]
            self.results["first_scan_activities"] = first["made"]["activities"]
            self.assertEqual(first["made"]["mails"], 0, "installing mails nobody")
            same_day = self.run_cron()
            self.assertEqual(same_day["batches"], 0, "a re-run repeats nothing")
            with self.registry.cursor() as cr:  # as if the first ran last night
                cr.execute(
                    "UPDATE client_retention_profile SET scan_date = scan_date - 1"
                )
            next_night = self.run_cron()
            self.assertEqual(next_night["batches"], first["batches"])
        self.results["runs"] = {
            "first": first,
            "same_day": same_day,
            "next_night": next_night,
        }

    def run_cron(self, profile=None):
        """The scan's cron job, triggered as Odoo's scheduler runs it (its
        own cursor, a commit per batch, at most 10 s before it hands over),
        until no client is left for today. ``profile``: a path, the run is
        profiled with cProfile (slower) and its statistics written there."""
        with self.registry.cursor() as cr:
            env = self.environment(cr)
            cron = env.ref("client_retention.ir_cron_retention_scan")
            made_before = self.made(cr)
            probe = Probe(env)
            thread = threading.current_thread()
            jobs = 0
            profiler = cProfile.Profile() if profile else None
            with probe:
                if profiler:
                    profiler.enable()
                rss = reset_peak_rss()
                queries, sql_seconds = sql_db.sql_counter, thread.query_time
                started = time.perf_counter()
                while True:
                    self.assertIs(cron.method_direct_trigger(), True, "the job failed")
                    cr.commit()
                    jobs += 1
                    left = self.left(cr)
                    if not left or jobs >= 20:
                        break
                seconds = time.perf_counter() - started
                queries = sql_db.sql_counter - queries
                sql_seconds = thread.query_time - sql_seconds
                peak = peak_rss()
                if profiler:
                    profiler.disable()
            if profiler:
                self.results["profile"] = profiled(profiler, profile)
            made = {
                name: count - made_before[name] for name, count in self.made(cr).items()
            }
        return {
            "seconds": seconds,
            "jobs": jobs,
            "left": left,
            "callbacks": probe.steps.get("_run", {}).get("calls", 0),
            "batches": len(probe.batches),
            "batch_size": self.size["batch"],
            "queries": queries,
            "sql_seconds": sql_seconds,
            "batch_summary": probe.summary(),
            "batch_details": probe.batches,
            "steps": probe.steps,
            "made": made,
            "memory": {
                "rss_before_kb": rss,
                "rss_peak_kb": peak,
                "rss_peak_delta_kb": None if None in (peak, rss) else peak - rss,
                "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            },
        }

    def left(self, cr):
        cr.execute(
            "SELECT count(*) FROM client_retention_profile "
            "WHERE scan_date IS NULL OR scan_date < %s",
            [self.today],
        )
        return cr.fetchone()[0]

    def made(self, cr):
        counts = {}
        for name, table_name in (
            ("churn events", "client_churn_event"),
            ("activities", "mail_activity"),
            ("messages", "mail_message"),
            ("mails", "mail_mail"),
        ):
            cr.execute(f"SELECT count(*) FROM {table_name}")
            counts[name] = cr.fetchone()[0]
        return counts

    def test_c_purchase_query(self):
        """retention_sql.purchase_figures for all clients in one query, and in
        the scan's batches, beside one plain GROUP BY of the same figures."""
        with self.registry.cursor() as cr:
            env = self.environment(cr)
            company = env["res.company"].browse(self.company)
            cr.execute(
                """SELECT DISTINCT commercial_partner_id FROM account_move
                    WHERE company_id = %s AND state = 'posted' AND move_type IN %s
                    ORDER BY 1""",
                [company.id, MOVES],
            )
            ids = [row[0] for row in cr.fetchall()]
            windows = purchase_windows(company, self.today)

            def aggregation():
                return retention_sql.purchase_figures(cr, company.id, ids, windows)

            def batched():
                step = self.size["batch"]
                for i in range(0, len(ids), step):
                    retention_sql.purchase_figures(
                        cr, company.id, ids[i : i + step], windows
                    )

            # the floor: the same per-client figures (dates, counts, distinct
            # days, net amount, the 12-month and trend windows) in one plain
            # GROUP BY, every invoice a purchase (no refund rule)
            invoice = "move_type = 'out_invoice'"
            plain_sql = f"""
                SELECT commercial_partner_id,
                       min(invoice_date) FILTER (WHERE {invoice}),
                       max(invoice_date) FILTER (WHERE {invoice}),
                       count(*) FILTER (WHERE {invoice}),
                       sum(amount_untaxed_signed),
                       count(DISTINCT invoice_date) FILTER (WHERE {invoice}),
                       count(*) FILTER (WHERE {invoice}
                                        AND invoice_date >= %(year_start)s),
                       sum(amount_untaxed_signed) FILTER (
                           WHERE invoice_date >= %(year_start)s),
                       count(*) FILTER (WHERE {invoice}
                                        AND invoice_date >= %(trend_start)s),
                       sum(amount_untaxed_signed) FILTER (
                           WHERE invoice_date >= %(trend_start)s),
                       count(*) FILTER (WHERE {invoice}
                                        AND invoice_date < %(trend_start)s),
                       sum(amount_untaxed_signed) FILTER (
                           WHERE invoice_date < %(trend_start)s)
                  FROM account_move
                 WHERE company_id = %(company)s AND state = 'posted'
                   AND move_type IN %(moves)s
                 GROUP BY commercial_partner_id"""

            def plain():
                cr.execute(
                    plain_sql, {"company": company.id, "moves": MOVES, **windows}
                )
                return [row[:5] for row in cr.fetchall()]

            agg_times, figures = timed(aggregation)
            batch_times, _ = timed(batched)
            plain_times, rows = timed(plain)
            same, different, explained = compare(cr, company.id, figures, rows)
            plans = {
                "aggregation": explain(cr, aggregation),
                "plain": explain(cr, plain),
            }
        self.results["purchase_query"] = {
            "clients": len(ids),
            "batch": self.size["batch"],
            "aggregation_ms": min(agg_times),
            "aggregation_first_ms": agg_times[0],
            "batched_ms": min(batch_times),
            "plain_ms": min(plain_times),
            "plain_first_ms": plain_times[0],
            "ratio": min(agg_times) / min(plain_times) if min(plain_times) else None,
            "same": same,
            "different": different,
            "different_explained": explained,
            "explain_analyze": plans,
        }
        self.assertEqual(len(figures), len(ids))
        self.assertEqual(same + different, len(ids))
        self.assertEqual(explained, different)

    def test_e_campaign_and_backtest(self):
        """The effects of a campaign for the whole backlog, then the backtest."""
        with self.registry.cursor() as cr:
            env = self.environment(cr)
            done = retention_backlog_bench.effects(env, self.company)
            cr.commit()
            self.results["effects"] = done
            self.results["backtest"] = retention_backlog_bench.backtest(
                env, self.company
            )
            cr.rollback()
        self.assertEqual(done["sent"], done["backlog"])
        self.assertGreater(done["activities"], 0)
        self.assertGreater(self.results["backtest"]["client_days"], 0)

    def test_d_churn_analysis(self):
        """36 monthly periods with breakdowns and cohorts, then the XLSX, on
        the scanned data (the first scan recorded the silent leaves)."""
        with self.registry.cursor() as cr:
            env = self.environment(cr)
            month = self.today.replace(day=1)
            analysis = env["client.churn.analysis"].create(
                {
                    "company_id": self.company,
                    "date_from": month - relativedelta(months=36),
                    "date_to": month - relativedelta(days=1),
                    "granularity": "month",
                }
            )

            def screens():
                rows = analysis.get_period_rows()
                analysis.get_breakdowns()
                cohorts = analysis.get_cohorts()
                return (
                    rows,
                    cohorts,
                    analysis.annualized_churn_rate,
                    analysis.lost_clients,
                )

            # median of 3 runs, each with a cold ORM cache
            (rows, cohorts, *summary), seconds, queries = median_of_three(env, screens)
            workbook, xlsx_seconds, xlsx_queries = median_of_three(
                env, analysis._xlsx_content
            )
        self.results["churn_analysis"] = {
            "periods": len(rows),
            "cohorts": len(cohorts),
            "lost_clients": summary[1],
            "losses_in_periods": sum(
                r["lost_clients"] + r["new_and_lost"] for r in rows
            ),
            "annualized_churn_rate": summary[0],
            "analysis_seconds": seconds,
            "analysis_queries": queries,
            "xlsx_seconds": xlsx_seconds,
            "xlsx_queries": xlsx_queries,
            "xlsx_bytes": len(workbook),
        }
        print(
            f"\nBENCH churn analysis: {len(rows)} monthly periods, {len(cohorts)} "
            f"cohorts, {sum(r['lost_clients'] + r['new_and_lost'] for r in rows)} "
            f"losses: {seconds:.2f} s, {queries} SQL; XLSX "
            f"{xlsx_seconds:.2f} s, {xlsx_queries} SQL, {len(workbook):,} bytes"
        )
        self.assertEqual(len(rows), 36)
