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
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/survey_data.xml",
        "views/client_exit_reason_views.xml",
        "views/client_churn_event_views.xml",
        "views/client_retention_profile_views.xml",
        "views/res_partner_views.xml",
        "views/sla_claim_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/retention_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_retention/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
}
