import logging
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sla_claims.models.cron_progress import commit_progress, retried_soon
from odoo.addons.sla_claims.models.sla_system_kept_mixin import CLIENT_OWNER_FIELDS

from ..lib import dates

_logger = logging.getLogger(__name__)

INVENTORY_BATCH_SIZE = 1000
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
        self.activity_feedback(["client_offboarding.mail_activity_type_inventory"])
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

    # ------------------------------------------------------------ the cron

    @api.model
    def _active_client_ids(self, company, period, limit=None):
        """Active clients of ``company`` without an inventory for ``period``.

        Active: a retention profile that is not lost (the client bought at
        least once and has not left) and a partner not archived. The profile
        is the suite's own register of clients, kept by the nightly scan.
        """
        self.flush_model(["partner_id", "company_id", "period", "kind"])
        self.env.cr.execute(
            """
            SELECT prof.partner_id
              FROM client_retention_profile prof
              JOIN res_partner p ON p.id = prof.partner_id
             WHERE prof.company_id = %(company)s
               AND prof.state IS DISTINCT FROM 'lost'
               AND p.active
               AND NOT EXISTS (
                   SELECT 1 FROM client_document_inventory inv
                    WHERE inv.partner_id = prof.partner_id
                      AND inv.company_id = prof.company_id
                      AND inv.period = %(period)s
                      AND inv.kind = 'quarterly')
             ORDER BY prof.partner_id
             LIMIT %(limit)s
            """,
            {"company": company.id, "period": period, "limit": limit},
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_quarterly_inventory(self):
        """One draft inventory per active client and quarter, carried forward
        from its last confirmed one plus the files attached in the quarter,
        with an activity for the account manager to confirm it.

        Batches are committed one by one; a re-run (or a run interrupted)
        creates only what is still missing.
        """
        today = fields.Date.context_today(self)
        period = dates.period_label(today)
        with retried_soon(self.env, "client_offboarding.ir_cron_quarterly_inventory"):
            for company in self.env["res.company"].sudo().search([]):
                remaining = len(self._active_client_ids(company, period))
                while remaining:
                    ids = self._active_client_ids(company, period, INVENTORY_BATCH_SIZE)
                    if not ids:
                        break
                    self._create_quarterly(company, ids, period, today)
                    remaining = max(remaining - len(ids), 0)
                    time_left = commit_progress(self.env, len(ids), remaining)
                    if time_left <= 0:
                        return

    @api.model
    def _create_quarterly(self, company, partner_ids, period, today):
        start, end = dates.quarter_bounds(today)
        carried = self._carried_rows(company, partner_ids)
        attached = self._quarter_attachments(partner_ids, start, end)
        self.env.cr.execute(
            "SELECT id, user_id FROM res_partner WHERE id = ANY(%s)", [partner_ids]
        )
        managers = dict(self.env.cr.fetchall())
        vals_list = []
        for partner_id in partner_ids:
            lines = carried.get(partner_id, [])
            known = {a for line in lines for a in line["attachment_ids"][0][2]}
            lines += [
                {
                    "name": name,
                    "period_label": period,
                    "medium": "electronic",
                    "attachment_ids": [(6, 0, [attachment_id])],
                }
                for attachment_id, name in attached.get(partner_id, [])
                if attachment_id not in known
            ]
            vals_list.append(
                {
                    "partner_id": partner_id,
                    "company_id": company.id,
                    "date": today,
                    "period": period,
                    "kind": "quarterly",
                    "line_ids": [(0, 0, line) for line in lines],
                }
            )
        inventories = (
            self.with_company(company).with_context(**QUIET)._system_create(vals_list)
        )
        self._ask_confirmation(inventories, managers, end)
        return inventories

    @api.model
    def _carried_rows(self, company, partner_ids):
        """``{partner id: [line values]}`` of each client's latest confirmed
        inventory, read in two queries."""
        self.env["client.document.inventory.line"].flush_model()
        self.env.cr.execute(
            """
            WITH last AS (
                SELECT DISTINCT ON (partner_id) partner_id, id
                  FROM client_document_inventory
                 WHERE company_id = %(company)s AND partner_id = ANY(%(partners)s)
                   AND state = 'confirmed'
                 ORDER BY partner_id, date DESC, id DESC
            )
            SELECT last.partner_id, l.document_type_id, l.name, l.period_label,
                   l.quantity, l.medium, l.location, l.note,
                   ARRAY(SELECT rel.attachment_id
                           FROM client_document_inventory_line_attachment_rel rel
                          WHERE rel.line_id = l.id ORDER BY rel.attachment_id)
              FROM last
              JOIN client_document_inventory_line l ON l.inventory_id = last.id
             ORDER BY last.partner_id, l.sequence, l.id
            """,
            {"company": company.id, "partners": partner_ids},
        )
        rows = {}
        for partner_id, *values, note, attachments in self.env.cr.fetchall():
            line = dict(zip(CARRIED, values, strict=True))
            line["note"] = note
            line["attachment_ids"] = [(6, 0, attachments or [])]
            rows.setdefault(partner_id, []).append(line)
        return rows

    @api.model
    def _quarter_attachments(self, partner_ids, start, end):
        """``{partner id: [(attachment id, name)]}``: files attached to the
        clients (or their contacts) during the quarter."""
        self.env["ir.attachment"].flush_model()
        self.env.cr.execute(
            """
            SELECT COALESCE(p.commercial_partner_id, p.id), a.id, a.name
              FROM ir_attachment a
              JOIN res_partner p ON p.id = a.res_id
             WHERE a.res_model = 'res.partner' AND a.res_field IS NULL
               AND COALESCE(p.commercial_partner_id, p.id) = ANY(%(partners)s)
               AND a.create_date >= %(start)s AND a.create_date < %(end)s
             ORDER BY a.id
            """,
            {
                "partners": partner_ids,
                "start": datetime.combine(start, time.min),
                "end": datetime.combine(end + timedelta(days=1), time.min),
            },
        )
        found = {}
        for partner_id, attachment_id, name in self.env.cr.fetchall():
            found.setdefault(partner_id, []).append((attachment_id, name))
        return found

    @api.model
    def _ask_confirmation(self, inventories, managers, deadline):
        activity_type = self.env.ref(
            "client_offboarding.mail_activity_type_inventory",
            raise_if_not_found=False,
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Check and confirm the documents held")
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": inventory.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "user_id": managers[inventory.partner_id.id],
                "date_deadline": deadline,
                "summary": summary,
                "automated": True,
            }
            for inventory in inventories
            if managers.get(inventory.partner_id.id)
        ]
        if vals_list:
            self.env["mail.activity"].sudo().with_context(**QUIET).create(vals_list)
