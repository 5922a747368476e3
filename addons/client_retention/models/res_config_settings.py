from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    retention_dormancy_floor_days = fields.Integer(
        related="company_id.retention_dormancy_floor_days", readonly=False
    )
    retention_dormancy_factor = fields.Float(
        related="company_id.retention_dormancy_factor", readonly=False
    )
    retention_silent_leave_days = fields.Integer(
        related="company_id.retention_silent_leave_days", readonly=False
    )
    retention_churn_warning_pct = fields.Float(
        related="company_id.retention_churn_warning_pct", readonly=False
    )
    retention_churn_critical_pct = fields.Float(
        related="company_id.retention_churn_critical_pct", readonly=False
    )
