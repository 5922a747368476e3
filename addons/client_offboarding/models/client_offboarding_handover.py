import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.client_retention.models.risk_text import days_text, months_text
from odoo.addons.sla_claims.models.cron_progress import commit_progress, retried_soon

from ..lib import dates, flow

_logger = logging.getLogger(__name__)

ESCALATION_BATCH_SIZE = 200


class ClientOffboardingHandover(models.AbstractModel):
    """The handover of an offboarding case: its document list, the invoices
    to justify, the end of the case and the door left open."""

    _name = "client.offboarding.handover"
    _description = "Offboarding Handover"

    inventory_id = fields.Many2one(
        "client.document.inventory",
        string="Handover Inventory",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    handover_line_ids = fields.One2many(
        related="inventory_id.line_ids", readonly=False, string="Documents"
    )
    handover_date = fields.Date(
        readonly=True, copy=False, help="When the handover was completed."
    )
    invoice_review_ids = fields.One2many(
        "client.offboarding.invoice", "offboarding_id", string="Invoices to Review"
    )
    churn_event_id = fields.Many2one(
        "client.churn.event",
        readonly=True,
        copy=False,
        groups="client_retention.group_retention_user",
    )
    send_goodbye = fields.Boolean(
        string="Send a Goodbye Mail",
        default=True,
        help="When the case is done, thank the client for its trust and tell "
        "it the door stays open.",
    )
    handover_mandatory_pending = fields.Integer(
        string="Mandatory Documents Pending",
        compute="_compute_handover_progress",
    )
    handover_progress = fields.Float(compute="_compute_handover_progress")

    @api.depends(
        "handover_line_ids.handover_state",
        "handover_line_ids.document_type_id.mandatory_on_handover",
    )
    def _compute_handover_progress(self):
        for case in self:
            lines = case.handover_line_ids
            settled = lines.filtered(
                lambda x: x.handover_state not in ("to_prepare", "ready")
            )
            case.handover_progress = len(settled) * 100.0 / len(lines) if lines else 0.0
            case.handover_mandatory_pending = len(
                (lines - settled).filtered("document_type_id.mandatory_on_handover")
            )

    # ------------------------------------------------------------ handover

    def _build_handover_list(self):
        """The handover inventory: the last confirmed inventory's documents
        plus every mandatory document type still missing from it."""
        Inventory = self.env["client.document.inventory"].sudo()
        cases = self.filtered(lambda c: not c.inventory_id)
        if not cases:
            return
        last = Inventory._last_confirmed(cases.partner_id.ids, cases.company_id.ids)
        mandatory = (
            self.env["client.document.type"]
            .sudo()
            .search([("mandatory_on_handover", "=", True)])
        )
        vals_list = []
        for case in cases:
            source = last.get((case.partner_id.id, case.company_id.id))
            lines = Inventory._carried_lines(source) if source else []
            present = {line[2].get("document_type_id") for line in lines}
            lines += [
                (0, 0, {"document_type_id": kind.id, "name": kind.name})
                for kind in mandatory
                if kind.id not in present
                and (not kind.company_id or kind.company_id == case.company_id)
            ]
            vals_list.append(
                {
                    "partner_id": case.partner_id.id,
                    "company_id": case.company_id.id,
                    "date": fields.Date.context_today(self),
                    "period": dates.period_label(fields.Date.context_today(self)),
                    "kind": "handover",
                    "offboarding_id": case.id,
                    "line_ids": lines,
                }
            )
        inventories = Inventory.with_context(
            tracking_disable=True, mail_create_nolog=True
        ).create(vals_list)
        for case, inventory in zip(cases, inventories, strict=True):
            case._system_write({"inventory_id": inventory.id})

    def _review_invoices(self):
        """List the invoices posted since the notice date, for review (also
        done as each invoice is posted, see ``account.move._post``)."""
        if not self:
            return
        cases = self.sudo()
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("company_id", "in", cases.company_id.ids),
                    ("commercial_partner_id", "in", cases.partner_id.ids),
                    ("invoice_date", ">=", min(cases.mapped("request_date"))),
                    ("id", "not in", cases.invoice_review_ids.move_id.ids),
                ]
            )
        )
        by_client = moves.grouped(lambda m: (m.commercial_partner_id, m.company_id))
        vals_list = [
            {
                "offboarding_id": case.id,
                "move_id": move.id,
                "invoice_name": move.name,
                "invoice_date": move.invoice_date,
                "amount": move.amount_total_signed,
            }
            for case in cases
            for move in by_client.get((case.partner_id, case.company_id), moves[:0])
            if move.invoice_date >= case.request_date
            and move not in case.invoice_review_ids.move_id
        ]
        self.env["client.offboarding.invoice"].sudo().create(vals_list)

    def action_hand_over_all(self):
        """Every document still to prepare or ready is handed over (when the
        whole set goes in one meeting); exceptions stay as they are."""
        if self.filtered(lambda c: c.state != "handover"):
            raise UserError(
                self.env._("Documents are handed over while the case is in handover.")
            )
        self.handover_line_ids.filtered(
            lambda x: x.handover_state in ("to_prepare", "ready")
        ).write({"handover_state": "handed_over"})
        return True

    def action_review_invoices(self):
        self._review_invoices()
        return True

    def _check_handover_complete(self):
        self._review_invoices()
        for case in self:
            lines = [
                (
                    line.display_name,
                    line.document_type_id.mandatory_on_handover,
                    line.handover_state,
                    line.note,
                )
                for line in case.handover_line_ids
            ]
            for problem, names in flow.handover_problems(lines):
                raise UserError(case._handover_message(problem, names))
            missing = flow.unjustified(
                [(r.invoice_name, r.justification) for r in case.invoice_review_ids]
            )
            if missing:
                raise UserError(
                    self.env._(
                        "%(case)s: invoices were issued after the notice date and "
                        "nobody has justified them yet: %(invoices)s. Write a "
                        "justification for each on the “Invoices to Review” tab "
                        "(the work they pay for), or credit them.",
                        case=case.display_name,
                        invoices=", ".join(missing),
                    )
                )

    def _handover_message(self, problem, names):
        if problem == flow.DOCUMENTS_PENDING:
            return self.env._(
                "%(case)s cannot be done yet: these mandatory documents are not "
                "handed over: %(documents)s. Hand them over, or mark each as "
                "missing or kept by law with a note saying why.",
                case=self.display_name,
                documents=", ".join(names),
            )
        return self.env._(
            "%(case)s: say in a note why these documents are not handed over: "
            "%(documents)s.",
            case=self.display_name,
            documents=", ".join(names),
        )

    # ------------------------------------------------------------ done

    def _finish(self):
        """The client is gone: its loss recorded, a goodbye, the door open."""
        today = fields.Date.context_today(self)
        events = self.env["client.churn.event"]._system_create(
            [case._churn_event_vals(today) for case in self]
        )
        for case, event in zip(self, events, strict=True):
            case._system_write({"churn_event_id": event.id})
        self.inventory_id.sudo().write({"state": "confirmed"})
        self.filtered("send_goodbye")._send_goodbye()
        self._schedule_followups(today)

    def _loss_date(self, today):
        """The loss is dated on the last day of service, or today when that
        has passed: a client served until the end of the month is lost then,
        not on the day its handover papers were signed; and a case closed
        late does not rewrite the churn of months already reported."""
        return max(self.end_date or today, today)

    def _days_text(self, days):
        """ "30 days", "30 дней", "30 дни": for the letter, act and portal."""
        return days_text(self.env, days or 0)

    def _churn_event_vals(self, today):
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "date": self._loss_date(today),
            "reason_id": self.reason_id.id,
            "initiated_by": self.initiated_by,
            "stated_reason": self.stated_reason,
            "competitor_id": self.successor_id.id,
            "retention_attempted": bool(self.retention_offer),
            "retention_offer": self.retention_offer,
            "user_id": self.user_id.id,
            "source": "offboarding",
        }

    def _send_goodbye(self):
        template = self.env.ref(
            "client_offboarding.mail_template_goodbye", raise_if_not_found=False
        )
        if not template:
            return
        for case in self.filtered("contact_id.email"):
            case.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _schedule_followups(self, today):
        """Door-open activities for the account manager on the client,
        counted from the day the client is lost."""
        activity_type = self.env.ref(
            "client_offboarding.mail_activity_type_door_open",
            raise_if_not_found=False,
        )
        model = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for case in self:
            user = case.user_id or self.env.user
            # written in the account manager's language, not the closer's
            env = self.with_context(lang=user.lang or self.env.lang).env
            for months in case.company_id._offboarding_followup_months():
                vals_list.append(
                    {
                        "res_model_id": model,
                        "res_id": case.partner_id.id,
                        "activity_type_id": activity_type.id
                        if activity_type
                        else False,
                        "user_id": user.id,
                        "date_deadline": dates.add_months(
                            case._loss_date(today), months
                        ),
                        "summary": env._(
                            "Door open: %(months)s since %(client)s left",
                            months=months_text(env, months),
                            client=case.partner_id.name,
                        ),
                        "note": Markup("<p>%s</p>")
                        % env._(
                            "Ask how things are going with the new provider, "
                            "without pressure. Case %(case)s.",
                            case=case.name,
                        ),
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

    # ------------------------------------------------------------ escalation

    @api.model
    def _overdue_ids(self, today):
        """Cases past a deadline not yet escalated for that deadline:
        ``[(case id, kind)]`` with kind ``end`` or ``handover``."""
        self.env["client.offboarding"].flush_model()
        self.env.cr.execute(
            """
            SELECT id, 'handover' FROM client_offboarding
             WHERE state IN ('notice', 'handover')
               AND handover_deadline < %(today)s
               AND escalated_handover_deadline IS DISTINCT FROM handover_deadline
            UNION ALL
            SELECT id, 'end' FROM client_offboarding
             WHERE state IN ('draft', 'retention', 'notice')
               AND end_date < %(today)s
               AND escalated_end_date IS DISTINCT FROM end_date
             ORDER BY 1
            """,
            {"today": today},
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_escalate_overdue(self):
        today = fields.Date.context_today(self)
        due = self._overdue_ids(today)
        Case = self.env["client.offboarding"]
        managers = Case._retention_managers()
        with retried_soon(self.env, "client_offboarding.ir_cron_escalate_overdue"):
            for start in range(0, len(due), ESCALATION_BATCH_SIZE):
                batch = due[start : start + ESCALATION_BATCH_SIZE]
                cases = Case.browse({case_id for case_id, __ in batch})
                by_id = {case.id: case for case in cases}
                for case_id, kind in batch:
                    by_id[case_id]._escalate(kind, managers)
                left = commit_progress(
                    self.env, len(batch), len(due) - start - len(batch)
                )
                if left <= 0:
                    return

    @api.model
    def _retention_managers(self):
        """``{company id: users}`` of the retention managers."""
        group = self.env.ref("client_retention.group_retention_manager")
        users = group.sudo().all_user_ids.filtered(lambda u: u.active and not u.share)
        return {
            company.id: users.filtered(lambda u, c=company: c in u.company_ids)
            for company in self.env["res.company"].sudo().search([])
        }

    def _escalate(self, kind, managers):
        self.ensure_one()
        users = managers.get(self.company_id.id) or self.env["res.users"]
        if kind == "handover":
            body = self.env._(
                "The handover deadline %(deadline)s has passed and %(client)s has "
                "not received every document. The contract gives %(days)s "
                "after the last service day: finish the handover now.",
                deadline=self.handover_deadline,
                client=self.partner_id.name,
                days=days_text(self.env, self.handover_days),
            )
            self._system_write({"escalated_handover_deadline": self.handover_deadline})
        else:
            body = self.env._(
                "The last service day %(end)s has passed but the case is still at "
                "“%(state)s”. Accept the notice and start the handover.",
                end=self.end_date,
                state=dict(self._fields["state"]._description_selection(self.env))[
                    self.state
                ],
            )
            self._system_write({"escalated_end_date": self.end_date})
        self.message_post(
            body=body,
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Overdue offboarding"),
                note=Markup("<p>%s</p>") % body,  # the client's name stays text
                user_id=user.id,
            )
