"""What managers read runs on a read-only transaction, as on Odoo's read
replica (``db_replica_host``): the Overview, the analysis, the Churn Report's
pivot, the lists of clients and the client's Retention tab write nothing.

Each check runs in a savepoint set ``transaction_read_only``: PostgreSQL
refuses any write there, exactly as a streaming replica does."""

from contextlib import contextmanager
from datetime import timedelta

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestReadOnlyScreens(RetentionInvoicingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work_in_own_company("Read Only Co")
        cls.steady = cls.make_client("Steady Reader Ltd")
        cls.gone = cls.make_client("Gone Reader Ltd")

    @contextmanager
    def read_only(self):
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT read_only_screens")
        self.env.cr.execute("SET LOCAL transaction_read_only = on")
        try:
            yield
            self.env.flush_all()  # a pending write fails here
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT read_only_screens")
            self.env.invalidate_all()

    def test_the_managers_screens_read_without_writing(self):
        for client in (self.steady, self.gone):
            self.invoices(client, [300, 200, 100, 20], amount=250.0)
        self.env["client.churn.event"].create(
            {"partner_id": self.gone.id, "date": self.today - timedelta(days=60)}
        )
        self.run_scan()
        Analysis = self.env["client.churn.analysis"]
        overview = Analysis.browse(Analysis.action_open_overview()["res_id"])
        analysis = Analysis.create(
            {
                "date_from": self.today - timedelta(days=365),
                "date_to": self.today,
                "granularity": "quarter",
            }
        )
        figures = {name: {} for name in ("lost_clients", "lost_annual_revenue")}
        with self.read_only():
            # the forms' figures, as the web client reads them
            [read] = overview.web_read({**figures, "at_risk_clients": {}})
            self.assertEqual(read["lost_clients"], 1)
            self.assertGreater(read["lost_annual_revenue"], 0)
            self.assertEqual(analysis.web_read(figures)[0]["lost_clients"], 1)
            # what the workbook and an RPC caller read
            self.assertEqual(
                sum(row["lost_clients"] for row in analysis.get_period_rows()), 1
            )
            self.assertTrue(analysis.get_breakdowns()["reason"])
            self.assertTrue(analysis.get_cohorts() is not None)
            self.assertEqual(analysis.get_top_lost().partner_id, self.gone)
            # the Churn Report's pivot and graph (the Dashboard reads the same)
            groups = self.env["client.churn.report"].formatted_read_group(
                [("company_id", "=", self.company.id)],
                ["date:month"],
                ["lost_clients:sum", "lost_annual_revenue:sum"],
            )
            self.assertEqual(sum(g["lost_clients:sum"] for g in groups), 1)
            # the lists of clients, grouped by salesperson
            Profile = self.env["client.retention.profile"]
            listed = Profile.web_search_read(
                [("company_id", "=", self.company.id)],
                {"partner_id": {"fields": {"display_name": {}}}, "state": {}},
            )
            self.assertEqual(listed["length"], 2)
            Profile.web_read_group(
                [("company_id", "=", self.company.id)],
                ["user_id"],
                ["__count"],
            )
            # the client's Retention tab
            [tab] = self.gone.web_read(
                {
                    "retention_state": {},
                    "retention_loss_summary": {},
                    "retention_risk_explanation": {},
                    "retention_satisfaction_measured": {},
                    "retention_churn_event_count": {},
                }
            )
            self.assertEqual(tab["retention_state"], "lost")
            self.assertTrue(tab["retention_loss_summary"].startswith("Lost on"))

    def test_a_write_is_refused_in_the_check(self):
        """The check is real: the same savepoint refuses a write."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction) as caught,
            self.read_only(),
        ):
            self.steady.write({"comment": "written"})
        self.assertIn("read-only transaction", str(caught.exception))
