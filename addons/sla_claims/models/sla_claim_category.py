from odoo import fields, models


class SlaClaimCategory(models.Model):
    _name = "sla.claim.category"
    _description = "Claim Category"
    _inherit = ["sla.bounded.mixin"]  # the database's range for the sequence
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share with all companies."
    )
