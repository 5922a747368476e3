"""What managers read runs on Odoo's read replica (``db_replica_host``):
the web client's calls of the Overview, the analysis, the Churn Report's
pivot and graph, the lists of clients and the client's Retention tab take the
read-only cursor, and write nothing there (see ReadOnlyMixin)."""

from datetime import timedelta

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.sla_claims.tests.read_only import ReadOnlyMixin

from .common import RetentionInvoicingCase

# (model, method) the web client calls on these screens: Odoo's own read
# methods, and ours marked @api.readonly
SCREEN_CALLS = [
    ("client.churn.analysis", "web_read"),
    ("client.churn.analysis", "get_period_rows"),
    ("client.churn.analysis", "get_breakdowns"),
    ("client.churn.analysis", "get_top_lost"),
    ("client.churn.analysis", "get_cohorts"),
    ("client.churn.report", "formatted_read_group"),
    ("client.churn.report", "formatted_read_grouping_sets"),
    ("client.churn.report", "web_read_group"),
    ("client.retention.profile", "get_views"),
    ("client.retention.profile", "web_search_read"),
    ("client.retention.profile", "web_read_group"),
    ("res.partner", "web_read"),
    ("res.partner", "action_view_retention_claims"),
    ("res.partner", "action_view_retention_invoices"),
    ("res.partner", "action_view_retention_churn_events"),
    ("res.partner", "action_view_retention_surveys"),
]


@tagged("post_install", "-at_install", "client_retention")
class TestReadOnlyScreens(ReadOnlyMixin, RetentionInvoicingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work_in_own_company("Read Only Co")
        cls.steady = cls.make_client("Steady Reader Ltd")
        cls.gone = cls.make_client("Gone Reader Ltd")

    def test_the_screens_calls_take_the_read_only_cursor(self):
        for model, method in SCREEN_CALLS:
            with self.subTest(call=f"{model}.{method}"):
                self.assertReadOnlyCall(model, method)

    def test_the_managers_screens_read_without_writing(self):
        for client in (self.steady, self.gone):
            self.invoices(client, [300, 200, 100, 20], amount=250.0)
        self.env["client.churn.event"].create(
            {"partner_id": self.gone.id, "date": self.today - timedelta(days=60)}
        )
        self.run_scan()
        # the manager opens the screens: the Overview's record and the
        # analysis are written first, on the primary
        self.env = self.env(user=self.retention_manager)
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
        company = [("company_id", "=", self.company.id)]
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
            # the Churn Report's graph, pivot and list grouped by month
            Report = self.env["client.churn.report"]
            groups = Report.formatted_read_group(
                company, ["date:month"], ["lost_clients:sum", "lost_annual_revenue:sum"]
            )
            self.assertEqual(sum(g["lost_clients:sum"] for g in groups), 1)
            [_total, by_month] = Report.formatted_read_grouping_sets(
                company, [[], ["date:month"]], ["lost_clients:sum"]
            )
            self.assertEqual(by_month[0]["lost_clients:sum"], 1)
            self.assertEqual(
                Report.web_read_group(company, ["date:month"], ["__count"])["length"],
                1,
            )
            self.assertLists(company)
            self.assertRetentionTab()

    def assertLists(self, company):
        """The Clients at Risk and Dormant Clients lists, as their menus open
        them, and grouped by salesperson."""
        Profile = self.env["client.retention.profile"]
        views = Profile.get_views([(False, "list"), (False, "search")])
        self.assertIn("client.retention.profile", views["models"])
        listed = Profile.web_search_read(
            company,
            {"partner_id": {"fields": {"display_name": {}}}, "state": {}},
        )
        self.assertEqual(listed["length"], 2)
        for state in ("at_risk", "dormant"):
            Profile.web_search_read(
                company + [("state", "=", state)],
                {"partner_id": {"fields": {"display_name": {}}}, "risk_score": {}},
            )
        grouped = Profile.web_read_group(company, ["user_id"], ["__count"])
        self.assertEqual(sum(g["__count"] for g in grouped["groups"]), 2)

    def assertRetentionTab(self):
        """The client's Retention tab and the lists its buttons open."""
        [tab] = self.gone.with_env(self.env).web_read(
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
        gone = self.gone.with_env(self.env)
        for method, model in (
            ("action_view_retention_claims", "sla.claim"),
            ("action_view_retention_invoices", "account.move"),
            ("action_view_retention_churn_events", "client.churn.event"),
            ("action_view_retention_surveys", "survey.user_input"),
        ):
            self.assertEqual(getattr(gone, method)()["res_model"], model)

    def test_a_write_is_refused_in_the_check(self):
        """The check is real: the same savepoint refuses a write."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction) as caught,
            self.read_only(),
        ):
            self.steady.write({"comment": "written"})
        self.assertIn("read-only transaction", str(caught.exception))
