from odoo import fields, models


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "sla.bounded.mixin"]

    sla_at_risk_percent = fields.Integer(
        string="Claims At-Risk Warning (%)",
        default=75,
        help="Share of a deadline's working time after which a claim is flagged "
        "at risk and its responsible is warned (1 to 99: at 100 the claim is "
        "already breached). New SLA policies start with it.",
    )

    sla_repeat_complainer_claims = fields.Integer(
        string="Repeat Complainer From (claims)",
        default=3,
        help="A customer with at least this many claims (2 or more) in the last "
        "12 months is listed among the repeat complainers.",
    )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "sla_at_risk_percent": (1, 99),
            "sla_repeat_complainer_claims": (2, 10000),
        }
