from odoo import fields, models


class ClientOffboardingInvoice(models.Model):
    """An invoice issued after the client's notice, kept for review: the
    last-minute bill must say what work it pays for."""

    _name = "client.offboarding.invoice"
    _description = "Offboarding Invoice to Review"
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
