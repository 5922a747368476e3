from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import risk
from .risk_text import days_text

# Field of res.company ↔ field of lib.risk.RiskSettings (same name without prefix)
SETTING_FIELDS = {f"retention_{name}": name for name in risk.SETTING_NAMES}
_DEFAULTS = risk.DEFAULT_SETTINGS


def _weight(label, code):
    return fields.Float(
        string=label,
        default=_DEFAULTS.weight(code),
        digits=(5, 1),
        help="Relative weight of this factor in the churn-risk score: a factor "
        "scores at most 100 × its weight ÷ the sum of the weights.",
    )


def _days(label, default, help_text):
    return fields.Integer(string=label, default=default, help=help_text)


def _scale(label, default, help_text):
    return fields.Float(string=label, default=default, digits=(6, 1), help=help_text)


class ResCompany(models.Model):
    _inherit = "res.company"

    retention_dormancy_floor_days = fields.Integer(
        string="Dormancy Floor (days)",
        default=_DEFAULTS.dormancy_floor_days,
        help="A client is never called dormant before this many days without "
        "a purchase, however often it usually buys.",
    )
    retention_dormancy_factor = fields.Float(
        string="Dormancy Factor",
        default=_DEFAULTS.dormancy_factor,
        digits=(4, 2),
        help="A client is dormant when the days since its last purchase exceed "
        "this many times its own average interval between purchases "
        "(and the floor).",
    )
    retention_silent_leave_days = fields.Integer(
        string="Silent Leave (days)",
        default=_DEFAULTS.silent_leave_days,
        help="After this many days without a purchase the client is recorded "
        "as lost with an inferred churn event.",
    )
    retention_churn_warning_pct = fields.Float(
        string="Churn Warning (%)",
        default=10.0,
        digits=(5, 2),
        help="Annual churn above this share of clients is a warning.",
    )
    retention_churn_critical_pct = fields.Float(
        string="Churn Critical (%)",
        default=20.0,
        digits=(5, 2),
        help="Annual churn at or above this share of clients is critical.",
    )
    retention_reactivation_mail = fields.Boolean(
        string="Reactivation Mail",
        default=True,
        help="Mail a dormant client once per dormancy episode (the account "
        "manager gets an activity in any case).",
    )
    retention_contract_notice_days = fields.Integer(
        string="Contract End Reminder (days)",
        default=30,
        help="How many days before a client's contract end date the account "
        "manager gets a retention activity.",
    )
    retention_fallback_user_id = fields.Many2one(
        "res.users",
        string="Retention Manager for Clients Without Salesperson",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="Who gets the retention activities of clients without a "
        "salesperson. Empty: the first retention manager of the company.",
    )
    retention_activity_daily_cap = fields.Integer(
        string="Retention Activities per Person and Day",
        default=30,
        help="Nobody gets more retention activities (reactivation, calls, "
        "high churn risk) from the scan in one day; the rest wait and are "
        "given out first on the next days. 0: no limit.",
    )
    retention_campaign_daily_cap = fields.Integer(
        string="Campaign Mails per Day",
        default=200,
        help="A reactivation campaign writes to at most this many clients a "
        "day; the rest follow on the next days.",
    )
    retention_contract_mail = fields.Boolean(
        string="Contract End Mail",
        help="Also mail the client before its contract ends.",
    )
    # Risk score: weights, levels, windows and the points where a factor is full
    retention_weight_recency = _weight("Recency", "recency")
    retention_weight_few_purchases = _weight("Few Purchases", "few_purchases")
    retention_weight_short_tenure = _weight("Short Tenure", "short_tenure")
    retention_weight_frequency_drop = _weight("Frequency Drop", "frequency_drop")
    retention_weight_revenue_drop = _weight("Revenue Drop", "revenue_drop")
    retention_weight_claims = _weight("Claims", "claims")
    retention_weight_unfounded_claims = _weight("Unfounded Claims", "unfounded_claims")
    retention_weight_sla_breaches = _weight("SLA Breaches", "sla_breaches")
    retention_weight_overdue = _weight("Overdue Amount", "overdue")
    retention_weight_payment_delay = _weight("Payment Delay", "payment_delay")
    retention_weight_low_ratings = _weight("Low Ratings", "low_ratings")
    retention_weight_low_satisfaction = _weight("Low Satisfaction", "low_satisfaction")
    retention_medium_threshold = fields.Integer(
        string="Medium Risk From",
        default=_DEFAULTS.medium_threshold,
        help="Score (0–100) from which a client is at medium risk.",
    )
    retention_high_threshold = fields.Integer(
        string="High Risk From",
        default=_DEFAULTS.high_threshold,
        help="Score (0–100) from which a client is at high risk: its account "
        "manager gets an activity.",
    )
    retention_trend_window_days = _days(
        "Trend Window (days)",
        _DEFAULTS.trend_window_days,
        "Recent purchases are counted over these days and compared with the "
        "client's own average for as many days before.",
    )
    retention_claims_window_days = _days(
        "Claims Window (days)",
        _DEFAULTS.claims_window_days,
        "Claims received in these last days count in the risk.",
    )
    retention_sla_window_days = _days(
        "SLA Window (days)",
        _DEFAULTS.sla_window_days,
        "Breached deadlines in these last days count in the risk.",
    )
    retention_ratings_window_days = _days(
        "Ratings Window (days)",
        _DEFAULTS.ratings_window_days,
        "Ratings given in these last days count in the risk.",
    )
    retention_claims_full = _scale(
        "Claims for Full Weight",
        _DEFAULTS.claims_full,
        "This many founded claims in the window give the claims factor its "
        "whole weight.",
    )
    retention_unfounded_claims_full = _scale(
        "Unfounded Claims for Full Weight",
        _DEFAULTS.unfounded_claims_full,
        "This many unfounded claims in the window give the factor its whole weight.",
    )
    retention_sla_breaches_full = _scale(
        "Breaches for Full Weight",
        _DEFAULTS.sla_breaches_full,
        "This many breached deadlines in the window give the factor its whole weight.",
    )
    retention_sla_breaches_for_medium = fields.Integer(
        string="Breaches Making Medium Risk",
        default=_DEFAULTS.sla_breaches_for_medium,
        help="A client with this many breached deadlines in the window is at "
        "least at medium risk, whatever else it shows. 0 turns the rule off.",
    )
    retention_overdue_full_invoices = _scale(
        "Overdue Invoices for Full Weight",
        _DEFAULTS.overdue_full_invoices,
        "An overdue amount worth this many of the client's average invoices "
        "gives the factor its whole weight.",
    )
    retention_payment_delay_full_days = _scale(
        "Payment Delay for Full Weight (days)",
        _DEFAULTS.payment_delay_full_days,
        "Paying this many days late on average gives the factor its whole weight.",
    )
    retention_tenure_full_days = _scale(
        "Established Client After (days)",
        _DEFAULTS.tenure_full_days,
        "A client for this many days since its first purchase adds nothing for "
        "short tenure; a newer one adds the more, the newer it is.",
    )
    retention_satisfaction_threshold = _scale(
        "Satisfaction Threshold (%)",
        _DEFAULTS.satisfaction_threshold,
        "A survey satisfaction below this share (0–100) adds risk; the lower, "
        "the more.",
    )

    def _retention_settings(self):
        """The company's settings as the Odoo-free ``lib.risk.RiskSettings``."""
        self.ensure_one()
        return risk.RiskSettings(
            **{name: self[field] for field, name in SETTING_FIELDS.items()}
        )

    def _retention_setting_errors(self):
        """Translated sentences for the problem codes of ``lib.risk``."""
        settings = self._retention_settings()
        _ = self.env._
        messages = {
            "negative_weight": _(
                "A risk weight cannot be negative; use 0 to ignore a factor."
            ),
            "weights_sum_zero": _(
                "At least one risk weight must be above 0, or every client "
                "would score 0."
            ),
            "negative_days": _(
                "Days cannot be negative: check the dormancy floor, the "
                "silent-leave days and the windows."
            ),
            "factor_below_one": _(
                "The dormancy factor must be 1 or more: below 1 a client "
                "buying on its usual rhythm would count as dormant. 2 is a "
                "good start."
            ),
            "silent_leave_before_floor": _(
                "A silent leave (%(silent)s) must come after the dormancy "
                "floor (%(floor)s): a client is first dormant, then lost. "
                "Raise the silent-leave days or lower the floor.",
                silent=days_text(self.env, settings.silent_leave_days),
                floor=days_text(self.env, settings.dormancy_floor_days),
            ),
            "scale_not_positive": _(
                "The amounts at which a risk factor reaches its whole weight "
                "must be above 0."
            ),
            "negative_breach_count": _(
                "The breaches making a client medium risk cannot be negative; "
                "0 turns the rule off."
            ),
            "threshold_range": _("Risk levels start at a score between 1 and 100."),
            "thresholds_order": _(
                "Medium risk (%(medium)s) must start below high risk (%(high)s).",
                medium=settings.medium_threshold,
                high=settings.high_threshold,
            ),
            "satisfaction_threshold_range": _(
                "The satisfaction threshold is a share between 0 and 100."
            ),
        }
        return [messages[code] for code in risk.validate_settings(settings)]

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "retention_dormancy_floor_days": (1, 3650),
            "retention_dormancy_factor": (1, 50),
            "retention_silent_leave_days": (1, 7300),
            "retention_churn_warning_pct": (0, 100),
            "retention_churn_critical_pct": (0, 100),
            "retention_contract_notice_days": (0, 365),
            "retention_activity_daily_cap": (0, 10000),
            "retention_campaign_daily_cap": (1, 100000),
            "retention_weight_recency": (0, 100),
            "retention_weight_few_purchases": (0, 100),
            "retention_weight_short_tenure": (0, 100),
            "retention_weight_frequency_drop": (0, 100),
            "retention_weight_revenue_drop": (0, 100),
            "retention_weight_claims": (0, 100),
            "retention_weight_unfounded_claims": (0, 100),
            "retention_weight_sla_breaches": (0, 100),
            "retention_weight_overdue": (0, 100),
            "retention_weight_payment_delay": (0, 100),
            "retention_weight_low_ratings": (0, 100),
            "retention_weight_low_satisfaction": (0, 100),
            "retention_medium_threshold": (1, 100),
            "retention_high_threshold": (1, 100),
            "retention_trend_window_days": (1, 3650),
            "retention_claims_window_days": (1, 3650),
            "retention_sla_window_days": (1, 3650),
            "retention_ratings_window_days": (1, 3650),
            "retention_claims_full": (0, 1000),
            "retention_unfounded_claims_full": (0, 1000),
            "retention_sla_breaches_full": (0, 1000),
            "retention_sla_breaches_for_medium": (0, 1000),
            "retention_overdue_full_invoices": (0, 1000),
            "retention_payment_delay_full_days": (0, 3650),
            "retention_tenure_full_days": (0, 3650),
            "retention_satisfaction_threshold": (0, 100),
        }

    @api.constrains(*SETTING_FIELDS)
    def _check_retention_settings(self):
        for company in self:
            errors = company._retention_setting_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    @api.constrains("retention_churn_warning_pct", "retention_churn_critical_pct")
    def _check_retention_churn_thresholds(self):
        for company in self:
            warning = company.retention_churn_warning_pct
            critical = company.retention_churn_critical_pct
            if not 0 < warning < critical <= 100:
                raise ValidationError(
                    self.env._(
                        "Churn thresholds must satisfy 0 < warning < critical ≤ 100 "
                        "(now warning %(warning)s%%, critical %(critical)s%%). "
                        "The usual lines are 10%% and 20%% a year.",
                        warning=warning,
                        critical=critical,
                    )
                )
