# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "SLA Claims",
    "summary": "Complaint tickets with a promised response and resolution deadline",
    "version": "19.0.1.2.0",
    "category": "Services/Clients",
    "author": "Client Retention Suite",
    "maintainers": ["client-retention-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "rating", "resource", "base_setup"],
    "data": [
        "security/sla_claims_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/sla_claim_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/sla_claim_views.xml",
        "views/sla_claim_team_views.xml",
        "views/sla_policy_views.xml",
        "views/sla_claim_stage_views.xml",
        "views/sla_claim_portal_templates.xml",
        "views/res_config_settings_views.xml",
        "report/sla_claim_report_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/sla_claims_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sla_claims/static/tests/tours/**/*",
        ],
    },
}
