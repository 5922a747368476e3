from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sla_claims.models.sla_bounded_mixin import DAYS, MONEY

from ..lib import dates


class ResCompany(models.Model):
    _inherit = "res.company"

    offboarding_notice_days = fields.Integer(
        string="Notice Period (days)",
        default=30,
        help="Days between a client's notice and the end of the service, "
        "unless the client's contract says otherwise.",
    )
    offboarding_handover_days = fields.Integer(
        string="Handover Period (days)",
        default=30,
        help="Days after the end of the service within which every document "
        "must be handed over to the client or its successor.",
    )
    offboarding_followup_months = fields.Char(
        string="Door-Open Follow-ups (months)",
        default="3, 6, 12",
        help="Months after a client left at which its account manager gets an "
        "activity to get in touch again, separated by commas.",
    )
    offboarding_letgo_claims_per_month = fields.Float(
        string="Let-go: Claims a Month",
        default=2.0,
        help="More claims a month than this (over the last 12 months) counts "
        "as excessive demands.",
    )
    offboarding_letgo_unfounded_pct = fields.Float(
        string="Let-go: Unfounded Claims (%)",
        default=50.0,
        help="A share of unfounded claims at least this high counts as "
        "excessive demands.",
    )
    offboarding_letgo_min_claims = fields.Integer(
        string="Let-go: Minimum Claims",
        default=3,
        help="Excessive demands are judged only from this many claims a year.",
    )
    offboarding_letgo_delay_days = fields.Float(
        string="Let-go: Payment Delay (days)",
        default=30.0,
        help="An average payment delay at least this long marks a late payer.",
    )
    offboarding_letgo_overdue_amount = fields.Monetary(
        string="Let-go: Overdue Amount",
        currency_field="currency_id",
        help="An overdue amount above this marks a late payer (0: not used).",
    )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "offboarding_notice_days": DAYS,
            "offboarding_handover_days": DAYS,
            "offboarding_letgo_claims_per_month": (0, 1000),
            "offboarding_letgo_unfounded_pct": (0, 100),
            "offboarding_letgo_min_claims": (0, 10000),
            "offboarding_letgo_delay_days": DAYS,
            "offboarding_letgo_overdue_amount": MONEY,
        }

    @api.constrains("offboarding_followup_months")
    def _check_offboarding_followup_months(self):
        for company in self:
            try:
                dates.parse_months(company.offboarding_followup_months)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Follow-ups are whole numbers of months from 1 to "
                        "%(most)s separated by commas, e.g. “3, 6, 12”; "
                        "“%(value)s” is not one.",
                        most=dates.MAX_FOLLOWUP_MONTHS,
                        value=company.offboarding_followup_months,
                    )
                ) from error

    def _offboarding_followup_months(self):
        self.ensure_one()
        return dates.parse_months(self.offboarding_followup_months)
