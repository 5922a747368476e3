# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Client Retention",
    "summary": "Exit reasons, churn events, dormancy, churn risk and churn analytics",
    "version": "19.0.1.0.0",
    "category": "Services/Clients",
    "author": "Client Retention Suite",
    "maintainers": ["client-retention-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["sla_claims", "account", "survey"],
    "data": [
        "security/client_retention_security.xml",
        "security/ir.model.access.csv",
        "data/client_exit_reason_data.xml",
        "views/client_exit_reason_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_retention/static/tests/tours/**/*",
        ],
    },
}
