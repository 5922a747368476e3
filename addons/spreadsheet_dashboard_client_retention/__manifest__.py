# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Client Retention Dashboard",
    "summary": "Retention dashboard in the Dashboards app: clients at risk, "
    "dormant and lost, lost revenue by month and reason",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "author": "Client Retention Suite",
    "maintainers": ["client-retention-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["spreadsheet_dashboard", "client_retention"],
    "data": [
        "data/dashboards.xml",
    ],
    "auto_install": ["client_retention"],
    "assets": {
        "web.assets_tests": [
            "spreadsheet_dashboard_client_retention/static/tests/tours/**/*",
        ],
    },
}
