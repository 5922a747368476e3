from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import sla_rules
from .sla_policy import PRIORITIES

SLA_STATES = [
    (sla_rules.RUNNING, "Running"),
    (sla_rules.PAUSED, "Paused"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.MET, "Met"),
    (sla_rules.BREACHED, "Breached"),
]
# changing these re-matches the policy and recomputes the deadlines
POLICY_FIELDS = {"partner_id", "category_id", "priority", "team_id", "company_id"}


class SlaClaim(models.Model):
    _name = "sla.claim"
    _inherit = ["mail.thread.cc", "mail.activity.mixin", "portal.mixin", "rating.mixin"]
    _description = "Claim"
    _order = "priority desc, id desc"
    _rec_names_search = ["number", "name"]
    _primary_email = "email_from"

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
        [
            ("email", "Email"),
            ("portal", "Portal"),
            ("phone", "Phone"),
            ("manual", "Manual"),
        ],
        default="manual",
        required=True,
    )
    is_open = fields.Boolean(compute="_compute_stage_flags", store=True, index=True)
    is_unfounded = fields.Boolean(compute="_compute_stage_flags", store=True)
    policy_id = fields.Many2one("sla.policy", string="SLA Policy", readonly=True)
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
        help="Working hours the claim waited on the customer; the deadlines "
        "moved by them.",
    )
    escalation_level = fields.Integer(readonly=True, copy=False)

    @api.depends("stage_id.is_resolved", "stage_id.is_closed", "stage_id.is_unfounded")
    def _compute_stage_flags(self):
        for claim in self:
            claim.is_open = not claim.stage_id._ends_claim() if claim.stage_id else True
            claim.is_unfounded = claim.stage_id.is_unfounded

    @api.depends("pause_ids.working_hours")
    def _compute_paused_hours(self):
        for claim in self:
            claim.paused_hours = sum(claim.pause_ids.mapped("working_hours"))

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
            if not vals.get("number") or vals["number"] == self.env._("New"):
                vals["number"] = self.env["ir.sequence"].next_by_code("sla.claim")
        self._assign_responsibles(vals_list)
        claims = super().create(vals_list)
        for claim in claims.filtered("partner_id"):
            claim.message_subscribe(partner_ids=claim.partner_id.ids)
        claims.filtered(lambda c: c.stage_id.pauses_sla)._open_pauses()
        ended = claims.filtered(lambda c: not c.is_open and not c.resolved_date)
        if ended:  # recorded straight into a resolved or closed stage
            ended._write_bypassing_sla({"resolved_date": fields.Datetime.now()})
        claims._apply_sla(rematch=True)
        return claims

    def write(self, vals):
        previous_stage = (
            {claim: claim.stage_id for claim in self} if "stage_id" in vals else {}
        )
        result = super().write(vals)
        if previous_stage:
            self._on_stage_changed(previous_stage)
        if POLICY_FIELDS & vals.keys():
            self._apply_sla(rematch=True)
        return result

    def _write_bypassing_sla(self, vals):
        """Store SLA bookkeeping without re-running the write() hooks."""
        return super().write(vals)

    # ------------------------------------------------------------ assignment

    @api.model
    def _assign_responsibles(self, vals_list):
        """Give every new claim a responsible: the customer's salesperson when
        a member of the team, else the member with the fewest open claims,
        else the team leader."""
        Team = self.env["sla.claim.team"]
        default_team = self._default_team()
        pending = [v for v in vals_list if not v.get("user_id")]
        for vals in pending:
            vals.setdefault("team_id", default_team.id)
        teams = Team.browse({v["team_id"] for v in pending if v.get("team_id")})
        load = self._open_claim_load(teams)
        for vals in pending:
            team = Team.browse(vals.get("team_id"))
            if not team:
                raise ValidationError(
                    self.env._(
                        "Create a claims team first (Clients → Configuration → "
                        "Teams): every claim belongs to a team."
                    )
                )
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            salesperson = partner.commercial_partner_id.user_id or partner.user_id
            if salesperson and salesperson in team.member_ids:
                user = salesperson
            elif team.member_ids:
                user = min(
                    team.member_ids, key=lambda u, t=team: (load[t.id, u.id], u.id)
                )
            else:
                user = team.leader_id
            vals["user_id"] = user.id
            load[team.id, user.id] += 1

    @api.model
    def _open_claim_load(self, teams):
        """Open claims per (team, responsible), in one query."""
        load = Counter()
        for team, user, count in self.sudo()._read_group(
            [("team_id", "in", teams.ids), ("is_open", "=", True)],
            ["team_id", "user_id"],
            ["__count"],
        ):
            load[team.id, user.id] = count
        return load

    # ----------------------------------------------------------------- SLA

    def _apply_sla(self, rematch=False):
        """Match the policy (when asked) and recompute deadlines and states.

        Paused hours are kept: the new deadlines still move by them. A clock
        already met or breached keeps its deadline and state.
        """
        if rematch:
            for claim, policy in self.env["sla.policy"]._find_for_claims(self).items():
                if claim.policy_id != policy:
                    claim._write_bypassing_sla({"policy_id": policy.id})
        now = fields.Datetime.now()
        for claim in self:
            values = claim._sla_values(now)
            if values:
                claim._write_bypassing_sla(values)

    def _sla_values(self, now):
        """New SLA field values of one claim (only those that change)."""
        self.ensure_one()
        policy = self.policy_id
        calendar = (
            policy._get_calendar(self.team_id)
            if policy
            else self.team_id._get_calendar()
        )
        open_pause = self.pause_ids.filtered(lambda p: not p.end)[:1]
        pauses = [(p.start, p.end, p.working_hours) for p in self.pause_ids]

        def count(start, end):
            return calendar.get_work_hours_count(start, end, compute_leaves=True)

        # a claim ended without a public answer stops its response clock too
        ended_at = self.resolved_date if not self.is_open else False
        clocks = (
            (
                "response",
                policy.response_hours,
                self.first_response_date or ended_at,
                sla_rules.paused_hours_before(
                    pauses, self.first_response_date or None, count
                ),
            ),
            (
                "resolution",
                policy.resolution_hours,
                self.resolved_date,
                sla_rules.paused_hours_before(pauses, None, count),
            ),
        )
        values = {}
        for clock, target, stopped_at, paused in clocks:
            state_field = f"sla_{clock}_state"
            previous = self[state_field]
            if previous not in sla_rules.FINAL_STATES:
                deadline = at_risk = False
                if target:
                    deadline = self._plan(calendar, target + paused)
                    at_risk = self._plan(
                        calendar,
                        sla_rules.at_risk_hours(target, policy.at_risk_percent)
                        + paused,
                    )
                values[f"{clock}_deadline"] = deadline
                values[f"{clock}_at_risk_date"] = at_risk
            else:
                deadline = self[f"{clock}_deadline"]
                at_risk = self[f"{clock}_at_risk_date"]
            values[state_field] = sla_rules.clock_state(
                now=now,
                deadline=deadline or None,
                at_risk_date=at_risk or None,
                stopped_at=stopped_at or None,
                paused_since=open_pause.start or None,
                previous=previous,
            )
        return {key: value for key, value in values.items() if self[key] != value}

    def _plan(self, calendar, hours):
        result = calendar.plan_hours(hours, self.sla_start_date, compute_leaves=True)
        if not result:
            raise ValidationError(
                self.env._(
                    "The working hours “%(calendar)s” have no working time in the "
                    "coming years, so no deadline can be set. Add attendances to "
                    "it or choose other working hours on the team or policy.",
                    calendar=calendar.name,
                )
            )
        return result

    # --------------------------------------------------------------- pauses

    def _open_pauses(self, previous_stage=None):
        self.env["sla.claim.pause"].create(
            [
                {
                    "claim_id": claim.id,
                    "resume_stage_id": (previous_stage or {})
                    .get(claim, claim.stage_id)
                    .id,
                }
                for claim in self
                if not claim.pause_ids.filtered(lambda p: not p.end)
            ]
        )

    def _close_pauses(self):
        now = fields.Datetime.now()
        for pause in self.pause_ids.filtered(lambda p: not p.end):
            calendar = (
                pause.claim_id.policy_id._get_calendar(pause.claim_id.team_id)
                if pause.claim_id.policy_id
                else pause.claim_id.team_id._get_calendar()
            )
            pause.write(
                {
                    "end": now,
                    "working_hours": calendar.get_work_hours_count(
                        pause.start, now, compute_leaves=True
                    ),
                }
            )

    def _on_stage_changed(self, previous_stage):
        now = fields.Datetime.now()
        pausing = self.filtered(lambda c: c.stage_id.pauses_sla)
        pausing._open_pauses(previous_stage)
        (self - pausing)._close_pauses()
        for claim in self.filtered(lambda c: not c.is_open and not c.resolved_date):
            claim._write_bypassing_sla({"resolved_date": now})
        self._apply_sla()

    def _resume_from_pause(self):
        """A customer replied: back to the stage the claim waited in."""
        for claim in self.filtered(lambda c: c.stage_id.pauses_sla):
            pause = claim.pause_ids.filtered(lambda p: not p.end)[:1]
            stage = pause.resume_stage_id
            if not stage or stage.pauses_sla or stage._ends_claim():
                stage = self.env["sla.claim.stage"].search(
                    [
                        ("pauses_sla", "=", False),
                        ("is_resolved", "=", False),
                        ("is_closed", "=", False),
                        ("is_unfounded", "=", False),
                    ],
                    limit=1,
                )
            claim.stage_id = stage

    # ------------------------------------------------------------- messages

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type not in ("comment", "email"):
            return result
        author_users = message.author_id.user_ids
        internal_author = author_users and not all(author_users.mapped("share"))
        if internal_author:
            if not message.subtype_id.internal and message.message_type == "comment":
                self._register_first_response(message)
        elif message.author_id or message.email_from:
            self._resume_from_pause()
        return result

    def _register_first_response(self, message):
        """The first public answer that reaches the customer stops the
        response clock; notes, stage changes and automatic mails do not."""
        for claim in self.filtered(lambda c: not c.first_response_date):
            customer = claim.partner_id
            if customer and (
                customer in message.partner_ids or customer in claim.message_partner_ids
            ):
                claim._write_bypassing_sla({"first_response_date": message.date})
                claim._apply_sla()
