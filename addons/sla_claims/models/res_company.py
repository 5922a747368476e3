from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    sla_at_risk_percent = fields.Integer(
        string="Claims At-Risk Warning (%)",
        default=75,
        help="Share of a deadline's working time after which a claim is flagged "
        "at risk and its responsible is warned. New SLA policies start with it.",
    )

    sla_repeat_complainer_claims = fields.Integer(
        string="Repeat Complainer From (claims)",
        default=3,
        help="A customer with at least this many claims in the last 12 months "
        "is listed among the repeat complainers.",
    )

    @api.constrains("sla_repeat_complainer_claims")
    def _check_sla_repeat_complainer_claims(self):
        for company in self:
            if company.sla_repeat_complainer_claims < 2:
                raise ValidationError(
                    self.env._(
                        "A repeat complainer has at least 2 claims: enter 2 or "
                        "more (%(company)s).",
                        company=company.display_name,
                    )
                )

    @api.constrains("sla_at_risk_percent")
    def _check_sla_at_risk_percent(self):
        for company in self:
            if not 1 <= company.sla_at_risk_percent <= 99:
                raise ValidationError(
                    self.env._(
                        "The at-risk warning of %(company)s must be between 1%% and "
                        "99%% of the deadline: at 100%% the claim is already "
                        "breached. Enter, for example, 75.",
                        company=company.display_name,
                    )
                )
