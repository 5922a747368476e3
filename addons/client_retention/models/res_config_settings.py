from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    group_retention_all_clients = fields.Boolean(
        string="Retention Users See All Clients",
        implied_group="client_retention.group_retention_all_clients",
        group="client_retention.group_retention_user",
        help="Off: a retention user sees the clients it manages as "
        "salesperson and those nobody manages.",
    )
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
    retention_reactivation_mail = fields.Boolean(
        related="company_id.retention_reactivation_mail", readonly=False
    )
    retention_contract_notice_days = fields.Integer(
        related="company_id.retention_contract_notice_days", readonly=False
    )
    retention_fallback_user_id = fields.Many2one(
        related="company_id.retention_fallback_user_id", readonly=False
    )
    retention_activity_daily_cap = fields.Integer(
        related="company_id.retention_activity_daily_cap", readonly=False
    )
    retention_campaign_daily_cap = fields.Integer(
        related="company_id.retention_campaign_daily_cap", readonly=False
    )
    retention_contract_mail = fields.Boolean(
        related="company_id.retention_contract_mail", readonly=False
    )
    retention_weight_recency = fields.Float(
        related="company_id.retention_weight_recency", readonly=False
    )
    retention_weight_few_purchases = fields.Float(
        related="company_id.retention_weight_few_purchases", readonly=False
    )
    retention_weight_short_tenure = fields.Float(
        related="company_id.retention_weight_short_tenure", readonly=False
    )
    retention_tenure_full_days = fields.Float(
        related="company_id.retention_tenure_full_days", readonly=False
    )
    retention_weight_frequency_drop = fields.Float(
        related="company_id.retention_weight_frequency_drop", readonly=False
    )
    retention_weight_revenue_drop = fields.Float(
        related="company_id.retention_weight_revenue_drop", readonly=False
    )
    retention_weight_claims = fields.Float(
        related="company_id.retention_weight_claims", readonly=False
    )
    retention_weight_unfounded_claims = fields.Float(
        related="company_id.retention_weight_unfounded_claims", readonly=False
    )
    retention_weight_sla_breaches = fields.Float(
        related="company_id.retention_weight_sla_breaches", readonly=False
    )
    retention_weight_overdue = fields.Float(
        related="company_id.retention_weight_overdue", readonly=False
    )
    retention_weight_payment_delay = fields.Float(
        related="company_id.retention_weight_payment_delay", readonly=False
    )
    retention_weight_low_ratings = fields.Float(
        related="company_id.retention_weight_low_ratings", readonly=False
    )
    retention_weight_low_satisfaction = fields.Float(
        related="company_id.retention_weight_low_satisfaction", readonly=False
    )
    retention_medium_threshold = fields.Integer(
        related="company_id.retention_medium_threshold", readonly=False
    )
    retention_high_threshold = fields.Integer(
        related="company_id.retention_high_threshold", readonly=False
    )
    retention_trend_window_days = fields.Integer(
        related="company_id.retention_trend_window_days", readonly=False
    )
    retention_claims_window_days = fields.Integer(
        related="company_id.retention_claims_window_days", readonly=False
    )
    retention_sla_window_days = fields.Integer(
        related="company_id.retention_sla_window_days", readonly=False
    )
    retention_ratings_window_days = fields.Integer(
        related="company_id.retention_ratings_window_days", readonly=False
    )
    retention_claims_full = fields.Float(
        related="company_id.retention_claims_full", readonly=False
    )
    retention_unfounded_claims_full = fields.Float(
        related="company_id.retention_unfounded_claims_full", readonly=False
    )
    retention_sla_breaches_full = fields.Float(
        related="company_id.retention_sla_breaches_full", readonly=False
    )
    retention_sla_breaches_for_medium = fields.Integer(
        related="company_id.retention_sla_breaches_for_medium", readonly=False
    )
    retention_overdue_full_invoices = fields.Float(
        related="company_id.retention_overdue_full_invoices", readonly=False
    )
    retention_payment_delay_full_days = fields.Float(
        related="company_id.retention_payment_delay_full_days", readonly=False
    )
    retention_satisfaction_threshold = fields.Float(
        related="company_id.retention_satisfaction_threshold", readonly=False
    )
