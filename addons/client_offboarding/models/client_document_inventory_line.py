from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientDocumentInventoryLine(models.Model):
    """One kind of document held for the client in an inventory."""

    _name = "client.document.inventory.line"
    _description = "Client Document Inventory Line"
    _inherit = ["sla.bounded.mixin"]
    _order = "inventory_id, sequence, id"

    inventory_id = fields.Many2one(
        "client.document.inventory", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="inventory_id.company_id", store=True)
    partner_id = fields.Many2one(related="inventory_id.partner_id", store=True)
    document_type_id = fields.Many2one("client.document.type", index=True)
    mandatory = fields.Boolean(
        related="document_type_id.mandatory_on_handover", string="Mandatory"
    )
    name = fields.Char(
        string="Description",
        required=True,
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    period_label = fields.Char(
        string="Period", help="The period the documents cover, e.g. 2026-Q3."
    )
    quantity = fields.Integer(default=1)
    medium = fields.Selection(
        [("paper", "Paper"), ("electronic", "Electronic")],
        default="electronic",
        required=True,
    )
    location = fields.Char(help="Where the documents are: a binder, a folder, …")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "client_document_inventory_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Files",
    )
    handover_state = fields.Selection(
        [
            ("to_prepare", "To Prepare"),
            ("ready", "Ready"),
            ("handed_over", "Handed Over"),
            ("missing", "Missing"),
            ("kept_by_law", "Kept by Law"),
        ],
        default="to_prepare",
        required=True,
        index=True,
    )
    note = fields.Text(
        help="Why a document is missing or kept, or anything the successor should know."
    )

    @api.depends("document_type_id")
    def _compute_name(self):
        for line in self:
            if not line.name and line.document_type_id:
                line.name = line.document_type_id.name

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_inventory_open()
        return lines

    def write(self, vals):
        self._check_inventory_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_from_open_inventories(self):
        self._check_inventory_open()

    def _check_inventory_open(self):
        if self.env.su:
            return
        if self.inventory_id.filtered(lambda i: i.state == "confirmed"):
            raise UserError(
                self.env._(
                    "A confirmed inventory is a record of what was held: reset it "
                    "to draft to correct it."
                )
            )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "quantity": (0, 1000000),
        }
