import json
from unittest.mock import patch

from babel.messages.pofile import read_po

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import config, file_open, file_path
from odoo.tools.translate import extract_spreadsheet_terms

from odoo.addons.spreadsheet.utils.validate_data import (
    fields_in_spreadsheet,
    menus_xml_ids_in_spreadsheet,
    odoo_charts,
)

MODULE = "spreadsheet_dashboard_client_retention"
FILES = f"{MODULE}/data/files"
REPORT = "client.churn.report"
PROFILE = "client.retention.profile"


@tagged("post_install", "-at_install", MODULE)
class TestRetentionDashboard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(f"{MODULE}.spreadsheet_dashboard_retention")
        cls.data = json.loads(cls.dashboard.spreadsheet_data)
        with file_open(f"{FILES}/retention_sample_dashboard.json") as f:
            cls.sample = json.load(f)

    def test_dashboard_is_published_for_retention_managers_in_clients(self):
        dashboard = self.dashboard
        self.assertEqual(dashboard.name, "Retention")
        self.assertTrue(dashboard.is_published)
        self.assertEqual(
            dashboard.dashboard_group_id,
            self.env.ref(f"{MODULE}.spreadsheet_dashboard_group_clients"),
        )
        self.assertIn(dashboard, dashboard.dashboard_group_id.published_dashboard_ids)
        self.assertEqual(
            dashboard.group_ids,
            self.env.ref("client_retention.group_retention_manager"),
        )
        self.assertEqual(dashboard.main_data_model_ids.mapped("model"), [PROFILE])
        self.assertEqual(dashboard._get_dashboard_translation_namespace(), MODULE)

    def test_only_retention_managers_see_it(self):
        manager = new_test_user(
            self.env,
            login="dashboard_manager",
            groups="base.group_user,client_retention.group_retention_manager",
        )
        user = new_test_user(
            self.env,
            login="dashboard_user",
            groups="base.group_user,client_retention.group_retention_user",
        )
        Dashboard = self.env["spreadsheet.dashboard"]
        domain = [("id", "=", self.dashboard.id)]
        self.assertEqual(Dashboard.with_user(manager).search(domain), self.dashboard)
        self.assertFalse(Dashboard.with_user(user).search(domain))

    def test_odoo_validation_of_the_spreadsheet_passes(self):
        # Odoo checks models, fields and menus only when tests are enabled
        with patch.dict(config.options, {"test_enable": True}):
            self.dashboard._check_spreadsheet_data()
        fields = fields_in_spreadsheet(self.data)
        self.assertEqual(set(fields), {REPORT, PROFILE})
        for model, chains in fields.items():
            for chain in chains:
                self.assertIn(chain.split(".")[0], self.env[model]._fields)
        for xml_id in menus_xml_ids_in_spreadsheet(self.data):
            self.assertTrue(self.env.ref(xml_id).action, xml_id)

    def test_every_data_source_follows_the_global_filters(self):
        """Odoo's validation skips fieldMatching: check each chain here."""
        filters = {f["id"]: f for f in self.data["globalFilters"]}
        self.assertEqual(
            sorted(f["label"] for f in filters.values()),
            ["Company", "Period", "Salesperson"],
        )
        sources = [
            *self.data["pivots"].values(),
            *self.data["lists"].values(),
            *odoo_charts(self.data),
        ]
        self.assertEqual(len(sources), 5 + 1 + 3)
        for source in sources:
            model = source.get("model") or source["metaData"]["resModel"]
            matching = source["fieldMatching"]
            expected = set(filters)
            if model == PROFILE:  # a snapshot of today: no period
                expected -= {f for f in filters if filters[f]["type"] == "date"}
            self.assertEqual(set(matching), expected, source.get("name"))
            for filter_id, match in matching.items():
                field = self.env[model]._fields[match["chain"]]
                global_filter = filters[filter_id]
                if global_filter["type"] == "date":
                    self.assertEqual((field.type, match["type"]), ("date", "date"))
                else:
                    self.assertEqual(field.type, match["type"])
                    self.assertEqual(field.comodel_name, global_filter["modelName"])

    def test_layout_matches_the_sample(self):
        def shape(data):
            sheet = data["sheets"][0]
            return [
                (f["id"], f["data"]["type"].removeprefix("odoo_"), f["offset"])
                for f in sheet["figures"]
            ]

        self.assertEqual(self.data["version"], self.sample["version"])
        self.assertEqual(shape(self.data), shape(self.sample))
        titles = [
            f["data"]["title"]["text"]
            for f in self.data["sheets"][0]["figures"]
            if f["data"]["type"] == "scorecard"
        ]
        self.assertEqual(
            titles,
            [
                "Clients at risk",
                "Dormant clients",
                "Lost clients",
                "Lost annual revenue",
            ],
        )

    def test_sample_is_shown_until_the_first_scan(self):
        self.env[PROFILE].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Scanned"}).id,
                "company_id": self.env.company.id,
                "state": "active",
            }
        )
        self.assertFalse(self.dashboard._dashboard_is_empty())
        self.env[PROFILE].search([]).unlink()
        self.assertTrue(self.dashboard._dashboard_is_empty())
        self.assertEqual(self.dashboard._get_sample_dashboard(), self.sample)

    def test_every_dashboard_string_is_translated(self):
        terms = set()
        for name in ("retention_dashboard.json", "retention_sample_dashboard.json"):
            with file_open(f"{FILES}/{name}", "rb") as f:
                terms |= {
                    term
                    for _l, _f, term, _c in extract_spreadsheet_terms(f, [], [], {})
                }
        self.assertIn("Lost clients by month", terms)
        for lang in ("ru", "bg"):
            with open(file_path(f"{MODULE}/i18n/{lang}.po"), "rb") as f:
                catalog = read_po(f)
            translated = {m.id for m in catalog if m.id and m.string}
            self.assertFalse(terms - translated, lang)
