from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ClientDocumentType(models.Model):
    """A kind of client document a firm keeps (primary documents, payroll,
    the accounting policy, …): whether it must be handed over when a client
    leaves, and how long the law makes the firm keep it."""

    _name = "client.document.type"
    _description = "Client Document Type"
    _inherit = ["sla.bounded.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    mandatory_on_handover = fields.Boolean(
        string="Mandatory on Handover",
        help="An offboarding case cannot be done before this document is "
        "handed over (or its absence explained).",
    )
    retention_years = fields.Integer(
        string="Legal Retention (years)",
        help="How long the law requires the document to be kept (0: no rule).",
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: used by every company."
    )
    description = fields.Text(translate=True)

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "A document type code is unique per company."
    )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "retention_years": (0, 100),
        }

    @api.constrains("retention_years")
    def _check_retention_years(self):
        if any(kind.retention_years < 0 for kind in self):
            raise ValidationError(
                self.env._(
                    "Legal retention is a number of years: enter 0 when no rule "
                    "applies."
                )
            )
