from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    offboarding_notice_days = fields.Integer(
        related="company_id.offboarding_notice_days", readonly=False
    )
    offboarding_handover_days = fields.Integer(
        related="company_id.offboarding_handover_days", readonly=False
    )
    offboarding_followup_months = fields.Char(
        related="company_id.offboarding_followup_months", readonly=False
    )
    offboarding_letgo_claims_per_month = fields.Float(
        related="company_id.offboarding_letgo_claims_per_month", readonly=False
    )
    offboarding_letgo_unfounded_pct = fields.Float(
        related="company_id.offboarding_letgo_unfounded_pct", readonly=False
    )
    offboarding_letgo_min_claims = fields.Integer(
        related="company_id.offboarding_letgo_min_claims", readonly=False
    )
    offboarding_letgo_delay_days = fields.Float(
        related="company_id.offboarding_letgo_delay_days", readonly=False
    )
    offboarding_letgo_overdue_amount = fields.Monetary(
        related="company_id.offboarding_letgo_overdue_amount",
        readonly=False,
        currency_field="currency_id",
    )
