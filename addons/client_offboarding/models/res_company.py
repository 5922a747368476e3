from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("offboarding_notice_days", "offboarding_handover_days")
    def _check_offboarding_periods(self):
        for company in self:
            if (
                company.offboarding_notice_days < 0
                or company.offboarding_handover_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Notice and handover periods are counted in days and cannot "
                        "be negative. Enter 0 for no period."
                    )
                )
