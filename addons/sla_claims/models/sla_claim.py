import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..lib import sla_rules
from .sla_policy import CHANNELS, PRIORITIES

SLA_STATES = [
    (sla_rules.RUNNING, "Running"),
    (sla_rules.PAUSED, "Paused"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.MET, "Met"),
    (sla_rules.BREACHED, "Breached"),
]
# changing these re-matches the policy and plans the deadlines again
POLICY_FIELDS = frozenset(
    {"partner_id", "category_id", "priority", "team_id", "company_id"}
)
# The SLA's bookkeeping: what was promised and what happened. Users change
# it only through what they do (answer, move the stage, change the priority),
# never by writing it, not even through RPC (sla.system.kept.mixin).
SYSTEM_KEPT_FIELDS = frozenset(
    {
        "number",
        "policy_id",
        "sla_start_date",
        "response_deadline",
        "resolution_deadline",
        "response_at_risk_date",
        "resolution_at_risk_date",
        "first_response_date",
        "resolved_date",
        "sla_response_state",
        "sla_resolution_state",
        "sla_next_check",
        "pause_ids",
        "paused_hours",
        "escalation_level",
        "response_working_hours",
        "resolution_working_hours",
        "is_open",
        "is_unfounded",
        "needs_assignment",
    }
)


class SlaClaim(models.Model):
    _name = "sla.claim"
    _inherit = [
        "sla.system.kept.mixin",
        "sla.claim.routing",
        "sla.claim.mail",
        "sla.claim.clock",
        "mail.thread.cc",
        "mail.activity.mixin",
        "portal.mixin",
        "rating.mixin",
    ]
    _description = "Claim"
    _order = "priority desc, id desc"
    _rec_names_search = ["number", "name"]
    _primary_email = "email_from"
    _mail_post_access = "read"  # customers answer from the portal
    # the open claims of each responsible, read for every new claim's
    # assignment: a small index however many closed claims pile up
    _open_load_idx = models.Index("(team_id, user_id) WHERE is_open")

    def _default_team(self):
        teams = self.env["sla.claim.team"].search(
            [("company_id", "in", self.env.companies.ids)]
        )
        mine = teams.filtered(
            lambda t: self.env.user in t.member_ids or self.env.user == t.leader_id
        )
        return (mine or teams)[:1]

    def _default_stage(self):
        return self.env["sla.claim.stage"].search([], limit=1)

    number = fields.Char(
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html(sanitize_style=True)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one(
        "sla.claim.team",
        required=True,
        index=True,
        tracking=True,
        default=_default_team,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        related="team_id.company_id",
        store=True,
        readonly=True,
        index=True,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    email_from = fields.Char(
        string="Email", help="Address the claim came from; replies go to it."
    )
    email_from_normalized = fields.Char(
        string="Normalized Email",
        compute="_compute_email_from_normalized",
        store=True,
        precompute=True,
        index=True,
        help="The address alone, lowercase: what mail from the same sender is "
        "compared with.",
    )
    category_id = fields.Many2one(
        "sla.claim.category", index=True, tracking=True, check_company=True
    )
    priority = fields.Selection(PRIORITIES, default="1", required=True, tracking=True)
    stage_id = fields.Many2one(
        "sla.claim.stage",
        required=True,
        index=True,
        tracking=True,
        default=_default_stage,
        group_expand="_read_group_stage_ids",
        ondelete="restrict",
    )
    channel = fields.Selection(
        CHANNELS,
        default="manual",
        required=True,
    )
    is_open = fields.Boolean(
        compute="_compute_stage_flags", store=True, index=True, precompute=True
    )
    is_unfounded = fields.Boolean(
        compute="_compute_stage_flags", store=True, precompute=True
    )
    policy_id = fields.Many2one(
        "sla.policy", string="SLA Policy", readonly=True, copy=False
    )
    sla_start_date = fields.Datetime(
        string="Received", default=fields.Datetime.now, readonly=True, copy=False
    )
    response_deadline = fields.Datetime(readonly=True, copy=False, tracking=True)
    resolution_deadline = fields.Datetime(readonly=True, copy=False, tracking=True)
    response_at_risk_date = fields.Datetime(readonly=True, copy=False)
    resolution_at_risk_date = fields.Datetime(readonly=True, copy=False)
    first_response_date = fields.Datetime(readonly=True, copy=False)
    resolved_date = fields.Datetime(readonly=True, copy=False)
    sla_response_state = fields.Selection(
        SLA_STATES, string="Response SLA", readonly=True, copy=False, index=True
    )
    sla_resolution_state = fields.Selection(
        SLA_STATES, string="Resolution SLA", readonly=True, copy=False, index=True
    )
    pause_ids = fields.One2many(
        "sla.claim.pause", "claim_id", string="Pauses", copy=False
    )
    paused_hours = fields.Float(
        compute="_compute_paused_hours",
        store=True,
        precompute=True,
        help="Working hours the claim waited on the customer; the deadlines "
        "moved by them.",
    )
    escalation_level = fields.Integer(readonly=True, copy=False)
    sla_next_check = fields.Datetime(
        string="Next SLA Check",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the scheduled SLA check next has something to do for this "
        "claim: a clock turns at risk or breached, or an escalation falls due. "
        "Empty when nothing is left to do.",
    )
    needs_assignment = fields.Boolean(
        compute="_compute_needs_assignment",
        store=True,
        precompute=True,
        string="Unassigned",
        help="The responsible left the team or the company: reassign the claim.",
    )
    response_working_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
        precompute=True,
        help="Working hours from receipt to the first answer, pauses excluded.",
    )
    resolution_working_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
        precompute=True,
        help="Working hours from receipt to resolution, pauses excluded.",
    )
    customer_tz = fields.Char(
        compute="_compute_customer_tz",
        help="Time zone the customer reads deadlines in: the contact's, else "
        "the claim's working hours'.",
    )

    @api.depends("stage_id.is_resolved", "stage_id.is_closed", "stage_id.is_unfounded")
    def _compute_stage_flags(self):
        for claim in self:
            claim.is_open = not claim.stage_id._ends_claim() if claim.stage_id else True
            claim.is_unfounded = claim.stage_id.is_unfounded

    @api.depends("email_from")
    def _compute_email_from_normalized(self):
        for claim in self:
            claim.email_from_normalized = (
                email_normalize(claim.email_from or "", strict=False) or False
            )

    @api.depends("pause_ids.working_hours")
    def _compute_paused_hours(self):
        for claim in self:
            claim.paused_hours = sum(claim.pause_ids.mapped("working_hours"))

    @api.depends("user_id.active", "team_id.member_ids", "team_id.leader_id", "is_open")
    def _compute_needs_assignment(self):
        for claim in self:
            team = claim.team_id
            claim.needs_assignment = claim.is_open and (
                not claim.user_id.active
                or claim.user_id not in (team.member_ids | team.leader_id)
            )

    @api.depends("first_response_date", "resolved_date", "pause_ids.working_hours")
    def _compute_working_hours(self):
        work = self._work_times()
        for claim in self:
            claim.response_working_hours = claim.resolution_working_hours = 0.0
            if not (claim.first_response_date or claim.resolved_date):
                continue
            for field, stop in (
                ("response_working_hours", claim.first_response_date),
                ("resolution_working_hours", claim.resolved_date),
            ):
                if stop:
                    worked = claim._working_hours_between(
                        claim.sla_start_date, stop, work
                    )
                    paused = claim._paused_hours_before(stop, work)
                    claim[field] = max(worked - paused, 0.0)

    @api.depends("partner_id.tz", "team_id", "policy_id")
    def _compute_customer_tz(self):
        for claim in self:
            calendar_tz = claim._calendar().tz if claim.team_id else False
            claim.customer_tz = claim.partner_id.tz or calendar_tz or "UTC"

    def _compute_access_url(self):
        for claim in self:
            claim.access_url = f"/my/claims/{claim.id}"

    @api.depends("number", "name")
    def _compute_display_name(self):
        for claim in self:
            claim.display_name = f"{claim.number} {claim.name or ''}".strip()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # every acknowledgement links to the portal: the token from the start
            vals.setdefault("access_token", str(uuid.uuid4()))
        if "default_stage_id" not in self.env.context and any(
            not vals.get("stage_id") for vals in vals_list
        ):
            stage = self._default_stage()  # once for the batch, not per claim
            for vals in vals_list:
                vals.setdefault("stage_id", stage.id)
        self.env["sla.claim.team"]._assign_responsibles(vals_list)
        claims = super().create(vals_list)
        if self.env.context.get("tracking_disable"):
            # followers are set by the auto-subscription, skipped in this mode
            for partner, group in (
                claims.filtered("partner_id").grouped("partner_id").items()
            ):
                group.message_subscribe(partner_ids=partner.ids)
        no_stage = self.env["sla.claim.stage"]
        claims._sla_update({claim: no_stage for claim in claims}, rematch=True)
        if not self.env.context.get("sla_claims_no_acknowledgement"):
            claims._notify_customer("sla_claims.mail_template_claim_acknowledgement")
        claims._warn_unreachable_customers()
        return claims

    def write(self, vals):
        if self._holds_system_key():
            return super().write(vals)  # the SLA's own bookkeeping (`_sla_write`)
        previous_stages = (
            {claim: claim.stage_id for claim in self} if "stage_id" in vals else None
        )
        result = super().write(vals)
        if previous_stages or POLICY_FIELDS & vals.keys():
            self._sla_update(previous_stages, rematch=bool(POLICY_FIELDS & vals.keys()))
        return result

    # ------------------------------------------------- system-kept fields

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "Answer the customer, move the claim to another stage or change its "
            "priority, category, customer or team: the deadlines and their "
            "states follow."
        )

    def _system_kept_placeholder(self, name, value):
        return (
            name == "number" and value == self.env._("New")
        ) or super()._system_kept_placeholder(name, value)

    def _system_kept_create_values(self, vals):
        if not vals.get("number") or vals["number"] == self.env._("New"):
            return {"number": self.env["ir.sequence"].next_by_code("sla.claim")}
        return {}

    def _sla_write(self, vals):
        """Store SLA bookkeeping: the module's own writes, without the write()
        hooks (they decided what to store)."""
        return self._system_write(vals)

    # ------------------------------------------------------------- actions

    def action_assign_to_me(self):
        self.write({"user_id": self.env.user.id})

    def action_resolve(self):
        self._move_to_stage([("is_resolved", "=", True)])

    def action_mark_unfounded(self):
        self._move_to_stage([("is_unfounded", "=", True)])

    def action_reopen(self):
        """Back to work: the last working stage (e.g. "In progress")."""
        last = self.env["sla.claim.stage"].search([], order="sequence desc, id desc")
        stage = last[:1]._working_stage() if last else last
        self.filtered(lambda c: not c.is_open).write({"stage_id": stage.id})

    def _move_to_stage(self, domain):
        stage = self.env["sla.claim.stage"].search(domain, limit=1)
        if not stage:
            raise UserError(
                self.env._(
                    "No stage does that yet: add one in Clients → Configuration → "
                    "Claim Stages."
                )
            )
        self.write({"stage_id": stage.id})
