from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sla_at_risk_percent = fields.Integer(
        related="company_id.sla_at_risk_percent", readonly=False
    )
    sla_repeat_complainer_claims = fields.Integer(
        related="company_id.sla_repeat_complainer_claims", readonly=False
    )
    sla_resource_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id",
        readonly=False,
        string="Claims Working Hours",
    )
