from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sla_claims.models.sla_system_kept_mixin import CLIENT_OWNER_FIELDS

from ..lib import dates

# Line columns carried from one inventory to the next
CARRIED = ("document_type_id", "name", "period_label", "quantity", "medium", "location")
# kept by the inventory's buttons and the handover (sla.system.kept.mixin)
SYSTEM_KEPT_FIELDS = frozenset(
    {"state", "confirmed_by_id", "confirmed_date", "kind", "offboarding_id"}
)
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_activity_quick_update": True,
}


class ClientDocumentInventory(models.Model):
    """What documents the firm holds for a client, listed every quarter
    during the relationship so that a handover starts from a ready list."""

    _name = "client.document.inventory"
    _description = "Client Document Inventory"
    _inherit = ["sla.system.kept.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Account Manager", store=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    period = fields.Char(
        required=True,
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        help="The quarter the inventory stands for, e.g. 2026-Q3.",
    )
    kind = fields.Selection(
        [("quarterly", "Quarterly"), ("handover", "Handover")],
        required=True,
        default="quarterly",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        required=True,
        default="draft",
        index=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "client.document.inventory.line", "inventory_id", string="Documents"
    )
    line_count = fields.Integer(compute="_compute_line_count", string="Document Count")
    offboarding_id = fields.Many2one(
        "client.offboarding",
        index="btree_not_null",
        ondelete="cascade",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Date(readonly=True, copy=False)

    _quarter_unique = models.UniqueIndex(
        "(partner_id, company_id, period) WHERE kind = 'quarterly'",
        "A client has one quarterly inventory per quarter.",
    )
    _company_state_period_idx = models.Index("(company_id, period, kind)")

    def write(self, vals):
        if self.filtered(lambda i: i.state == "confirmed") and (
            set(vals) - SYSTEM_KEPT_FIELDS - {"message_main_attachment_id"}
        ):
            raise UserError(
                self.env._(
                    "A confirmed inventory is a record of what was held: reset it "
                    "to draft to correct it."
                )
            )
        return super().write(vals)

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _owner_fields(self):
        return CLIENT_OWNER_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "Press “Confirm” once its documents are checked; a handover inventory "
            "is made by its offboarding case."
        )

    @api.depends("date")
    def _compute_period(self):
        for inventory in self:
            inventory.period = inventory.date and dates.period_label(inventory.date)

    @api.depends("line_ids")
    def _compute_line_count(self):
        for inventory in self:
            inventory.line_count = len(inventory.line_ids)

    @api.depends("partner_id", "period", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for inventory in self:
            inventory.display_name = self.env._(
                "%(client)s: %(kind)s inventory %(period)s",
                client=inventory.partner_id.display_name or "",
                kind=kinds.get(inventory.kind, ""),
                period=inventory.period or "",
            )

    def action_confirm(self):
        if self.filtered(lambda i: i.state != "draft"):
            raise UserError(self.env._("Only draft inventories can be confirmed."))
        self._system_write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": fields.Date.context_today(self),
            }
        )
        self._follow_up_confirmation()
        return True

    def action_reset_draft(self):
        if self.filtered("offboarding_id"):
            raise UserError(
                self.env._(
                    "A handover inventory follows its offboarding case: correct "
                    "the documents on the case."
                )
            )
        self._system_write({"state": "draft"})
        return True

    # ------------------------------------------------------------ carrying on

    @api.model
    def _last_confirmed(self, partner_ids, company_ids):
        """``{(partner id, company id): inventory}``: each client's latest
        confirmed inventory (quarterly or handover)."""
        if not partner_ids:
            return {}
        self.flush_model(["partner_id", "company_id", "state", "date"])
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (partner_id, company_id) partner_id, company_id, id
              FROM client_document_inventory
             WHERE partner_id = ANY(%s) AND company_id = ANY(%s)
               AND state = 'confirmed'
             ORDER BY partner_id, company_id, date DESC, id DESC
            """,
            [list(partner_ids), list(company_ids)],
        )
        rows = self.env.cr.fetchall()
        inventories = self.browse([row[2] for row in rows])
        by_id = {inventory.id: inventory for inventory in inventories}
        return {(p, c): by_id[i] for p, c, i in rows}

    @api.model
    def _carried_lines(self, inventory):
        """Create commands copying ``inventory``'s lines (ready to hand over)."""
        return [
            (
                0,
                0,
                {
                    **{name: line[name] for name in CARRIED},
                    "document_type_id": line.document_type_id.id,
                    "attachment_ids": [(6, 0, line.attachment_ids.ids)],
                    "note": line.note,
                },
            )
            for line in inventory.line_ids
        ]
