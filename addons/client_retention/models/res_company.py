from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    retention_dormancy_floor_days = fields.Integer(
        string="Dormancy Floor (days)",
        default=90,
        help="A client is never called dormant before this many days without "
        "a purchase, however often it usually buys.",
    )
    retention_dormancy_factor = fields.Float(
        string="Dormancy Factor",
        default=2.0,
        digits=(4, 2),
        help="A client is dormant when the days since its last purchase exceed "
        "this many times its own average interval between purchases "
        "(and the floor).",
    )
    retention_silent_leave_days = fields.Integer(
        string="Silent Leave (days)",
        default=365,
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

    @api.constrains(
        "retention_dormancy_floor_days",
        "retention_dormancy_factor",
        "retention_silent_leave_days",
    )
    def _check_retention_dormancy(self):
        for company in self:
            if company.retention_dormancy_floor_days < 1:
                raise ValidationError(
                    self.env._(
                        "The dormancy floor must be at least one day; "
                        "90 days suits most businesses."
                    )
                )
            if company.retention_dormancy_factor < 1:
                raise ValidationError(
                    self.env._(
                        "The dormancy factor must be 1 or more: below 1 a client "
                        "buying on its usual rhythm would count as dormant. "
                        "2 is a good start."
                    )
                )
            if (
                company.retention_silent_leave_days
                <= company.retention_dormancy_floor_days
            ):
                raise ValidationError(
                    self.env._(
                        "A silent leave (%(silent)s days) must come after the "
                        "dormancy floor (%(floor)s days): a client is first dormant, "
                        "then lost. Raise the silent-leave days or lower the floor.",
                        silent=company.retention_silent_leave_days,
                        floor=company.retention_dormancy_floor_days,
                    )
                )

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
