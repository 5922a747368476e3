# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Client Offboarding",
    "summary": "Part well with leaving clients: retention attempt, notice, "
    "document handover and door-open follow-ups",
    "version": "19.0.1.0.0",
    "category": "Services/Clients",
    "author": "Client Retention Suite",
    "maintainers": ["client-retention-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["client_retention"],
    "data": [
        "views/res_config_settings_views.xml",
    ],
}
