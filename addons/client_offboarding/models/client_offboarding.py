from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.client_retention.models.risk_text import days_text
from odoo.addons.sla_claims.models.sla_bounded_mixin import DAYS
from odoo.addons.sla_claims.models.sla_system_kept_mixin import CLIENT_OWNER_FIELDS

from ..lib import dates, flow

# What we think and decided stays in the company: the leaving client reads
# its case on the portal, but not these (the letter says what it needs).
INTERNAL = "client_retention.group_retention_user"

# Kept by the case itself: users press buttons, they do not set these
# (sla.system.kept.mixin).
SYSTEM_KEPT_FIELDS = frozenset(
    {
        "state",
        "close_date",
        "handover_date",
        "inventory_id",
        "churn_event_id",
        "letter_sent_date",
        "signature",
        "signed_by",
        "signed_on",
        "escalated_end_date",
        "escalated_handover_deadline",
    }
)


class ClientOffboarding(models.Model):
    """A client leaving: retention attempt, notice, handover, goodbye."""

    _name = "client.offboarding"
    _description = "Client Offboarding"
    # the case's own mixins first: they extend mail.thread and portal.mixin
    _inherit = [
        "sla.system.kept.mixin",
        "sla.bounded.mixin",
        "client.offboarding.steps",
        "client.offboarding.handover",
        "client.offboarding.documents",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Client Contact",
        compute="_compute_contact_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
        help="The person who receives the letter, the exit interview and the "
        "handover act.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    initiated_by = fields.Selection(
        [("client", "Client"), ("company", "Company")],
        required=True,
        default="client",
        tracking=True,
        help="Client: the client asked to leave; we first try to keep it. "
        "Company: we decided to part with the client.",
    )
    request_date = fields.Date(
        string="Notice Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="When the client gave notice, or when we gave it to the client.",
    )
    notice_days = fields.Integer(
        string="Notice Period (days)",
        compute="_compute_periods",
        store=True,
        readonly=False,
        precompute=True,
    )
    handover_days = fields.Integer(
        string="Handover Period (days)",
        compute="_compute_periods",
        store=True,
        readonly=False,
        precompute=True,
    )
    end_date = fields.Date(
        string="Last Service Day",
        compute="_compute_end_date",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    handover_deadline = fields.Date(
        compute="_compute_handover_deadline",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    date_override_note = fields.Text(
        groups=INTERNAL,
        string="Reason for Changed Dates",
        tracking=True,
        help="Why the last service day or the handover deadline differ from "
        "the contract's periods.",
    )
    reason_id = fields.Many2one(
        "client.exit.reason",
        groups=INTERNAL,
        string="Exit Reason",
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    stated_reason = fields.Text(string="What the Client Said")
    retention_offer = fields.Text(
        groups=INTERNAL, tracking=True, help="What we offered to keep the client."
    )
    retention_outcome = fields.Selection(
        [("retained", "Retained"), ("declined", "Declined")],
        tracking=True,
        help="Declined: the client still wants to leave; notice can be accepted.",
    )
    successor_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="Who takes over the client's service (a competitor, in-house "
        "staff); recorded as the competitor on the churn event.",
    )
    successor_contact_id = fields.Many2one(
        "res.partner",
        domain="['|', ('id', '=', successor_id), ('parent_id', '=', successor_id)]",
    )
    recommended_provider_ids = fields.Many2many(
        "res.partner",
        "client_offboarding_recommended_rel",
        "offboarding_id",
        "partner_id",
        string="Recommended Providers",
        help="Providers we recommend to a client we part with; printed in the "
        "termination letter.",
    )
    checklist_called = fields.Boolean(
        groups=INTERNAL,
        string="Called the Client First",
        help="The client heard it from us on the phone before any letter.",
    )
    checklist_professional = fields.Boolean(
        groups=INTERNAL,
        string="Stayed Professional",
        help="No blame, no emotions: facts, dates and a clean handover.",
    )
    checklist_alternatives = fields.Boolean(
        groups=INTERNAL,
        string="Recommended Alternatives",
        help="The client got names of providers who can serve it.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("retention", "Retention"),
            ("notice", "Notice"),
            ("handover", "Handover"),
            ("done", "Done"),
            ("retained", "Retained"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_expand_states",
    )
    close_date = fields.Date(readonly=True, copy=False, index=True)
    escalated_end_date = fields.Date(readonly=True, copy=False, groups=INTERNAL)
    escalated_handover_deadline = fields.Date(
        readonly=True, copy=False, groups=INTERNAL
    )
    color = fields.Integer()
    days_to_end = fields.Integer(compute="_compute_days_to_end")

    _name_company_unique = models.Constraint(
        "UNIQUE(name, company_id)", "An offboarding reference is unique per company."
    )

    def _expand_states(self, states, domain):
        """Kanban columns in the order of the process: every open state,
        the closed ones when they hold cases."""
        return [
            state
            for state, __ in self._fields["state"].selection
            if state in flow.OPEN_STATES or state in states
        ]

    @api.depends("partner_id")
    def _compute_contact_id(self):
        for case in self:
            client = case.partner_id
            contacts = client.child_ids.filtered(
                lambda c: c.type == "contact" and c.email
            )
            case.contact_id = contacts[:1] or client

    @api.depends("partner_id")
    def _compute_user_id(self):
        for case in self:
            case.user_id = case.partner_id.user_id or case.user_id or self.env.user

    @api.depends("partner_id", "company_id")
    def _compute_periods(self):
        for case in self:
            client = case.partner_id.with_company(case.company_id)
            case.notice_days = client.offboarding_notice_days
            case.handover_days = client.offboarding_handover_days

    @api.depends("request_date", "notice_days")
    def _compute_end_date(self):
        for case in self:
            case.end_date = dates.end_date(case.request_date, case.notice_days)

    @api.depends("end_date", "handover_days")
    def _compute_handover_deadline(self):
        for case in self:
            case.handover_deadline = dates.handover_deadline(
                case.end_date, case.handover_days
            )

    @api.depends("end_date")
    def _compute_days_to_end(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.days_to_end = dates.days_left(case.end_date, today) or 0

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for case in self:
            case.display_name = self.env._(
                "%(reference)s: %(client)s",
                reference=case.name,
                client=case.partner_id.display_name or "",
            )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "notice_days": DAYS,
            "handover_days": DAYS,
        }

    @api.constrains(
        "request_date",
        "notice_days",
        "handover_days",
        "end_date",
        "handover_deadline",
        "date_override_note",
    )
    def _check_dates(self):
        for case in self:
            problems = dates.date_problems(
                case.request_date,
                case.notice_days,
                case.handover_days,
                case.end_date,
                case.handover_deadline,
                case.date_override_note,
            )
            if problems:
                raise ValidationError(case._date_message(problems[0]))

    def _date_message(self, problem):
        contract_end = dates.end_date(self.request_date, self.notice_days)
        messages = {
            dates.NEGATIVE_PERIOD: self.env._(
                "Notice and handover periods are counted in days and cannot be "
                "negative. Enter 0 for no period."
            ),
            dates.END_BEFORE_REQUEST: self.env._(
                "The last service day (%(end)s) cannot come before the notice "
                "date (%(request)s).",
                end=self.end_date,
                request=self.request_date,
            ),
            dates.END_INSIDE_NOTICE: self.env._(
                "The last service day %(end)s falls inside the notice period of "
                "%(days)s (the contract ends the service on %(contract_end)s). "
                "Write down in “Reason for Changed Dates” why the service ends "
                "earlier, e.g. the client's written request.",
                end=self.end_date,
                days=days_text(self.env, self.notice_days),
                contract_end=contract_end,
            ),
            dates.HANDOVER_BEFORE_END: self.env._(
                "The handover deadline (%(deadline)s) cannot come before the last "
                "service day (%(end)s).",
                deadline=self.handover_deadline,
                end=self.end_date,
            ),
            dates.DATES_CHANGED: self.env._(
                "The dates differ from the contract (service until "
                "%(contract_end)s, handover within %(days)s after). Write "
                "down in “Reason for Changed Dates” why they were moved.",
                contract_end=contract_end,
                days=days_text(self.env, self.handover_days),
            ),
        }
        return messages[problem]

    # ------------------------------------------------------------ CRUD

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _owner_fields(self):
        return CLIENT_OWNER_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "Use the case's buttons (accept notice, start handover, done, sign the "
            "act) instead."
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("client.offboarding") or self.env._("New")
        cases = super().create(vals_list)
        cases._mark_partners_leaving()
        return cases

    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if "partner_id" in vals and self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._(
                    "The client of a case cannot change once the case has started. "
                    "Cancel this case and start one for the other client."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "Only draft or cancelled offboarding cases can be deleted: "
                    "cancel the case first; its history stays in the chatter."
                )
            )
