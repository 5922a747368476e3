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
