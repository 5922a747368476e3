from odoo import fields, models

# copied from the invoice when the case lists it (sla.system.kept.mixin)
SYSTEM_KEPT_FIELDS = frozenset(
    {"offboarding_id", "move_id", "invoice_name", "invoice_date", "amount"}
)


class ClientOffboardingInvoice(models.Model):
    """An invoice issued after the client's notice, kept for review: the
    last-minute bill must say what work it pays for."""

    _name = "client.offboarding.invoice"
    _description = "Offboarding Invoice to Review"
    _inherit = ["sla.system.kept.mixin"]
    _order = "invoice_date, id"

    offboarding_id = fields.Many2one(
        "client.offboarding", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="offboarding_id.company_id", store=True)
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    invoice_name = fields.Char(string="Number", readonly=True)
    invoice_date = fields.Date(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(readonly=True)
    justification = fields.Text(
        help="The work this invoice pays for, agreed with the client."
    )

    _offboarding_move_unique = models.Constraint(
        "UNIQUE(offboarding_id, move_id)", "An invoice is reviewed once per case."
    )

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "The case lists the invoices posted after the notice by itself: write "
            "only the justification."
        )
