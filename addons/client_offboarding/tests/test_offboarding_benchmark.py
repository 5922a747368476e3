import os
import sys
import time
from datetime import date

from odoo.tests import tagged

from odoo.addons.client_offboarding.lib import dates

from .common import OffboardingCase

# 10,000 for the benchmark of the issue; a smoke size in every run
CLIENTS = int(os.environ.get("OFFBOARDING_BENCH_CLIENTS", "300"))
LINES = 3


@tagged("post_install", "-at_install", "client_offboarding")
class TestQuarterlyInventoryBenchmark(OffboardingCase):
    """The quarterly inventory over many active clients: wall time, queries
    per batch (constant) and a re-run that creates nothing (printed)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.clients = Partner.create(
            [
                {
                    "name": f"Bench client {index}",
                    "is_company": True,
                    "user_id": cls.account_manager.id,
                }
                for index in range(CLIENTS)
            ]
        )
        cls.env["client.retention.profile"]._set_state(
            cls.company, cls.clients.ids, "active"
        )
        previous = cls.env["client.document.inventory"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        inventories = previous.create(
            [
                {
                    "partner_id": client.id,
                    "date": date(2026, 9, 30),
                    "line_ids": [
                        (0, 0, {"document_type_id": kind.id})
                        for kind in cls.mandatory_types[:LINES]
                    ],
                }
                for client in cls.clients
            ]
        )
        inventories.write({"state": "confirmed"})

    def test_benchmark_quarterly_inventory(self):
        Inventory = self.env["client.document.inventory"]
        today = self.today
        period = dates.period_label(today)
        batch = max(CLIENTS // 10, 10)
        queries = []
        started = time.perf_counter()
        for __ in range(3):  # the first one warms the caches up
            ids = Inventory._active_client_ids(self.company, today, batch)
            ids = [i for i in ids if i in set(self.clients.ids)]
            start = self.cr.sql_log_count
            Inventory._create_quarterly(self.company, ids, period, today)
            Inventory.flush_model()
            self.env["client.document.inventory.line"].flush_model()
            self.env["mail.activity"].flush_model()
            queries.append(self.cr.sql_log_count - start)
        self.run_cron("client_offboarding.ir_cron_quarterly_inventory")
        elapsed = time.perf_counter() - started
        created = Inventory.search_count(
            [("partner_id", "in", self.clients.ids), ("period", "=", period)]
        )
        started = time.perf_counter()
        self.run_cron("client_offboarding.ir_cron_quarterly_inventory")
        rerun = time.perf_counter() - started
        again = Inventory.search_count(
            [("partner_id", "in", self.clients.ids), ("period", "=", period)]
        )
        sys.stdout.write(
            f"\nquarterly inventory: {CLIENTS} clients in {elapsed:.1f} s "
            f"(3 batches of {batch} by hand, then the cron), "
            f"queries per batch {queries[1:]}, "
            f"re-run {rerun:.2f} s creating {again - created}\n"
        )
        self.assertEqual(created, CLIENTS)
        self.assertEqual(again, created, "a re-run creates nothing")
        self.assertEqual(queries[1], queries[2], "queries per batch are constant")
        lines = self.env["client.document.inventory.line"].search_count(
            [
                ("partner_id", "in", self.clients.ids),
                ("inventory_id.period", "=", period),
            ]
        )
        self.assertEqual(lines, CLIENTS * LINES, "every inventory carried forward")
