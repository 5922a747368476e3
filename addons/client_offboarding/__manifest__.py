# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Client Offboarding",
    "summary": "Part well with leaving clients: retention attempt, notice, "
    "document handover and door-open follow-ups",
    "version": "19.0.1.1.0",
    "category": "Services/Clients",
    "author": "Client Retention Suite",
    "maintainers": ["client-retention-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "application": True,
    "depends": ["client_retention"],
    "data": [
        "security/client_offboarding_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/client_document_type_data.xml",
        "report/ir_actions_report.xml",
        "report/report_termination_letter.xml",
        "report/report_handover_act.xml",
        "data/mail_template_data.xml",
        "views/client_offboarding_views.xml",
        "views/client_offboarding_done_views.xml",
        "views/client_document_type_views.xml",
        "views/client_document_inventory_views.xml",
        "views/client_letgo_review_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/client_offboarding_portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/offboarding_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_offboarding/static/tests/tours/**/*",
        ],
    },
}
