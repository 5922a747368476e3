from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.sla_claims.models.cron_progress import commit_progress, retried_soon

from ..lib import dates
from .client_document_inventory import CARRIED, QUIET

INVENTORY_BATCH_SIZE = 1000
ACTIVITY_TYPE = "client_offboarding.mail_activity_type_inventory"


def _quarter_span(day):
    """The quarter of ``day`` as datetimes ``start`` (included) and ``end``
    (excluded), for ``create_date`` comparisons."""
    start, end = dates.quarter_bounds(day)
    return {
        "start": datetime.combine(start, time.min),
        "end": datetime.combine(end + timedelta(days=1), time.min),
    }


class ClientDocumentInventory(models.Model):
    """The quarterly run: draft inventories for the clients with documents,
    and the account managers' to-dos to confirm them."""

    _inherit = "client.document.inventory"

    @api.model
    def _active_client_ids(self, company, day, limit=None):
        """Active clients of ``company`` with something to list and no
        inventory yet for the quarter of ``day``.

        Active: a retention profile that is not lost (the client bought at
        least once and has not left) and a partner not archived. The profile
        is the suite's own register of clients, kept by the nightly scan.
        Something to list: lines on its last confirmed inventory, or files
        attached to it in the quarter; an empty list is only noise.
        """
        period = dates.period_label(day)
        self.env.flush_all()
        # set-based: each client's last confirmed inventory and the quarter's
        # attachments are found once for all, not once per client
        self.env.cr.execute(
            """
            WITH last_confirmed AS (
                SELECT DISTINCT ON (inv.partner_id) inv.partner_id, inv.id
                  FROM client_document_inventory inv
                 WHERE inv.company_id = %(company)s AND inv.state = 'confirmed'
                 ORDER BY inv.partner_id, inv.date DESC, inv.id DESC
            ), listed AS (
                SELECT last.partner_id
                  FROM last_confirmed last
                 WHERE EXISTS (SELECT 1 FROM client_document_inventory_line line
                                WHERE line.inventory_id = last.id)
            ), attached AS (
                SELECT COALESCE(holder.commercial_partner_id, holder.id) AS partner_id
                  FROM ir_attachment a
                  JOIN res_partner holder ON holder.id = a.res_id
                 WHERE a.res_model = 'res.partner' AND a.res_field IS NULL
                   AND a.create_date >= %(start)s AND a.create_date < %(end)s
            )
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
               AND (prof.partner_id IN (SELECT partner_id FROM listed)
                    OR prof.partner_id IN (SELECT partner_id FROM attached))
             ORDER BY prof.partner_id
             LIMIT %(limit)s
            """,
            {
                "company": company.id,
                "period": period,
                "limit": limit,
                **_quarter_span(day),
            },
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_quarterly_inventory(self):
        """One draft inventory per active client and quarter, carried forward
        from its last confirmed one plus the files attached in the quarter,
        and one to-do per account manager to confirm them
        (``_ask_confirmation``).

        Batches are committed one by one; a re-run (or a run interrupted)
        creates only what is still missing.
        """
        today = fields.Date.context_today(self)
        period = dates.period_label(today)
        with retried_soon(self.env, "client_offboarding.ir_cron_quarterly_inventory"):
            for company in self.env["res.company"].sudo().search([]):
                # found once; a run called back finds what is still missing
                todo = self._active_client_ids(company, today)
                for start in range(0, len(todo), INVENTORY_BATCH_SIZE):
                    ids = todo[start : start + INVENTORY_BATCH_SIZE]
                    self._create_quarterly(company, ids, period, today)
                    remaining = len(todo) - start - len(ids)
                    time_left = commit_progress(self.env, len(ids), remaining)
                    if remaining and time_left <= 0:
                        return

    @api.model
    def _create_quarterly(self, company, partner_ids, period, today):
        end = dates.quarter_bounds(today)[1]
        carried = self._carried_rows(company, partner_ids)
        attached = self._quarter_attachments(partner_ids, today)
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
    def _quarter_attachments(self, partner_ids, day):
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
            {"partners": partner_ids, **_quarter_span(day)},
        )
        found = {}
        for partner_id, attachment_id, name in self.env.cr.fetchall():
            found.setdefault(partner_id, []).append((attachment_id, name))
        return found

    # ------------------------------------------------------------ to-dos

    @api.model
    def _ask_confirmation(self, inventories, managers, deadline):
        """One to-do per account manager and quarter, however many clients
        (and batches): it sits on one of the manager's drafts and follows
        them until the last is confirmed (``_follow_up_confirmation``)."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type or not inventories:
            return
        first = {}
        for inventory in inventories:
            user_id = managers.get(inventory.partner_id.id)
            if user_id:
                first.setdefault((user_id, inventory.period), inventory)
        asked = self._asked_managers(activity_type, set(inventories.mapped("period")))
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for (user_id, period), inventory in first.items():
            if (user_id, period) in asked:
                continue
            user = self.env["res.users"].browse(user_id)
            translated = self.with_context(lang=user.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": inventory.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user_id,
                    "date_deadline": deadline,
                    "summary": translated._(
                        "Confirm your clients' document inventories of %(period)s",
                        period=period,
                    ),
                    "note": Markup("<p>%s</p>")
                    % translated._(
                        "Offboarding → Document Inventories, filter “To Confirm”: "
                        "check what is held for each client and confirm it."
                    ),
                    "automated": True,
                }
            )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(**QUIET).create(vals_list)

    @api.model
    def _asked_managers(self, activity_type, periods):
        """``{(user id, period)}`` already holding an open to-do."""
        self.env["mail.activity"].flush_model()
        self.env.cr.execute(
            """
            SELECT a.user_id, inv.period
              FROM mail_activity a
              JOIN client_document_inventory inv ON inv.id = a.res_id
             WHERE a.res_model = %s AND a.activity_type_id = %s
               AND inv.period = ANY(%s)
            """,
            [self._name, activity_type.id, list(periods)],
        )
        return set(self.env.cr.fetchall())

    def _follow_up_confirmation(self):
        """A to-do on an inventory just confirmed moves to another draft of
        the same manager and quarter, or is done when none is left."""
        activity_type = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        for activity in activities:
            confirmed = self.browse(activity.res_id)
            waiting = self.sudo().search(
                [
                    ("state", "=", "draft"),
                    ("kind", "=", "quarterly"),
                    ("period", "=", confirmed.period),
                    ("company_id", "=", confirmed.company_id.id),
                    ("partner_id.user_id", "=", activity.user_id.id),
                ],
                limit=1,
            )
            if waiting:
                activity.write({"res_id": waiting.id})
            else:
                activity.action_feedback()
