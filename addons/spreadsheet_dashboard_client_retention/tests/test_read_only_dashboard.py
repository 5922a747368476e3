"""The Retention dashboard is served on Odoo's read replica: its data route
is read-only, and so are the calls its pivots, charts and list make."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sla_claims.tests.read_only import ReadOnlyMixin

MODULE = "spreadsheet_dashboard_client_retention"


def dashboard_calls(data):
    """(model, method, args, kwargs) the dashboard's data sources call, as
    Odoo's spreadsheet does: pivots by ``formatted_read_grouping_sets``,
    charts by ``formatted_read_group``, lists by ``web_search_read``."""
    for pivot in data["pivots"].values():
        rows = [row["fieldName"] for row in pivot["rows"]]
        columns = [column["fieldName"] for column in pivot["columns"]]
        measures = [
            "__count" if m["fieldName"] == "__count" else f"{m['fieldName']}:sum"
            for m in pivot["measures"]
        ]
        sets = [[], rows, columns, rows + columns]
        yield (
            pivot["model"],
            "formatted_read_grouping_sets",
            [pivot["domain"]],
            {
                "grouping_sets": sets,
                "aggregates": measures,
            },
        )
    for sheet in data["sheets"]:
        for figure in sheet.get("figures", []):
            chart = figure["data"]
            if not chart.get("type", "").startswith("odoo_"):
                continue
            meta = chart["metaData"]
            yield (
                meta["resModel"],
                "formatted_read_group",
                [chart["searchParams"]["domain"]],
                {
                    "groupby": meta["groupBy"],
                    "aggregates": [f"{meta['measure']}:sum"],
                },
            )
    for listed in data["lists"].values():
        order = ", ".join(
            f"{o['name']} {'ASC' if o['asc'] else 'DESC'}" for o in listed["orderBy"]
        )
        yield (
            listed["model"],
            "web_search_read",
            [listed["domain"]],
            {
                "specification": {name: {} for name in listed["columns"]},
                "order": order,
                "limit": 10,
            },
        )


@tagged("post_install", "-at_install", MODULE)
class TestReadOnlyDashboard(ReadOnlyMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="ro_retention_manager",
            groups="client_retention.group_retention_manager",
        )
        cls.dashboard = cls.env.ref(f"{MODULE}.spreadsheet_dashboard_retention")

    def test_the_data_route_is_served_read_only(self):
        self.authenticate("ro_retention_manager", "ro_retention_manager")
        # Odoo's test mode serves readonly routes on a read-only cursor and
        # retries one that wrote on a read/write cursor, with a warning
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("snapshot", response.json())

    def test_every_data_source_reads_only(self):
        calls = list(dashboard_calls(json.loads(self.dashboard.spreadsheet_data)))
        self.assertEqual(len(calls), 5 + 3 + 1)  # pivots, charts, list
        env = self.env(user=self.manager)
        with self.read_only():
            for model, method, args, kwargs in calls:
                with self.subTest(call=f"{model}.{method}"):
                    self.assertReadOnlyCall(model, method)
                    self.assertIsNotNone(getattr(env[model], method)(*args, **kwargs))
