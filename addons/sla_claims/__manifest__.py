# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "SLA Claims",
    "summary": "Complaint tickets with a promised response and resolution deadline",
    "version": "19.0.1.0.0",
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
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
}
