from odoo import fields, models


class SlaClaim(models.Model):
    _inherit = "sla.claim"

    retention_preferences_note = fields.Text(
        string="Client Preferences",
        related="commercial_partner_id.retention_preferences_note",
        groups="base.group_user",
    )
