import threading
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import sla_rules
from .sla_policy import CHANNELS, PRIORITIES

SLA_STATES = [
    (sla_rules.RUNNING, "Running"),
    (sla_rules.PAUSED, "Paused"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.MET, "Met"),
    (sla_rules.BREACHED, "Breached"),
]
# changing these re-matches the policy and recomputes the deadlines
POLICY_FIELDS = {"partner_id", "category_id", "priority", "team_id", "company_id"}
CLOCKS = ("response", "resolution")
CRON_BATCH_SIZE = 200


class SlaClaim(models.Model):
    _name = "sla.claim"
    _inherit = ["mail.thread.cc", "mail.activity.mixin", "portal.mixin", "rating.mixin"]
    _description = "Claim"
    _order = "priority desc, id desc"
    _rec_names_search = ["number", "name"]
    _primary_email = "email_from"
    _mail_post_access = "read"  # customers answer from the portal

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
        CHANNELS,
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
    needs_assignment = fields.Boolean(
        compute="_compute_needs_assignment",
        store=True,
        string="Unassigned",
        help="The responsible left the team or the company: reassign the claim.",
    )
    response_working_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
        help="Working hours from receipt to the first answer, pauses excluded.",
    )
    resolution_working_hours = fields.Float(
        compute="_compute_working_hours",
        store=True,
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
        for claim in self:
            claim.response_working_hours = claim.resolution_working_hours = 0.0
            if not (claim.first_response_date or claim.resolved_date):
                continue
            for field, stop in (
                ("response_working_hours", claim.first_response_date),
                ("resolution_working_hours", claim.resolved_date),
            ):
                if stop:
                    worked = claim._working_hours_between(claim.sla_start_date, stop)
                    claim[field] = max(worked - claim._paused_hours_before(stop), 0.0)

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
        claims._notify_customer("sla_claims.mail_template_claim_acknowledgement")
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
            rematched = defaultdict(lambda: self.browse())
            for claim, policy in self.env["sla.policy"]._find_for_claims(self).items():
                if claim.policy_id != policy:
                    rematched[policy] |= claim
            for policy, claims in rematched.items():
                claims._write_bypassing_sla({"policy_id": policy.id})
        now = fields.Datetime.now()
        for claim in self:
            claim._store_sla_values(claim._sla_values(now))

    def _store_sla_values(self, values):
        """Write the same SLA values on these claims in one go; a clock turning
        at risk warns the responsible (once: the state is stored in the same
        transaction)."""
        if not self or not values:
            return
        newly_at_risk = [
            (claim, clock)
            for claim in self
            for clock in CLOCKS
            if values.get(f"sla_{clock}_state") == sla_rules.AT_RISK
            and claim[f"sla_{clock}_state"] != sla_rules.AT_RISK
        ]
        self._write_bypassing_sla(values)
        for claim, clock in newly_at_risk:
            claim._warn_at_risk(clock)

    def _clock_labels(self):
        return {
            "response": self.env._("response"),
            "resolution": self.env._("resolution"),
        }

    def _warn_at_risk(self, clock):
        deadline = self[f"{clock}_deadline"]
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.user_id.id,
            summary=self.env._(
                "%(number)s: %(clock)s deadline at risk",
                number=self.number,
                clock=self._clock_labels()[clock],
            ),
            note=self.env._(
                "The %(clock)s deadline of this claim is %(deadline)s. "
                "Act now to keep the promise made to the customer.",
                clock=self._clock_labels()[clock],
                deadline=self._format_deadline(deadline, self.user_id),
            ),
        )

    def _format_deadline(self, moment, user):
        """A UTC datetime in ``user``'s (or the team calendar's) time zone."""
        tz = user.tz or self.team_id._get_calendar().tz or "UTC"
        return fields.Datetime.to_string(
            fields.Datetime.context_timestamp(self.with_context(tz=tz), moment)
        )[:16]

    def _sla_values(self, now):
        """New SLA field values of one claim (only those that change)."""
        self.ensure_one()
        policy = self.policy_id
        calendar = self._calendar()
        clocks = (
            (
                "response",
                policy.response_hours,
                self._paused_hours_before(self.first_response_date),
            ),
            ("resolution", policy.resolution_hours, self._paused_hours_before(None)),
        )
        values = {}
        for clock, target, paused in clocks:
            if self[f"sla_{clock}_state"] not in sla_rules.FINAL_STATES:
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
            values[f"sla_{clock}_state"] = self._clock_state(
                clock, now, deadline, at_risk
            )
        return {key: value for key, value in values.items() if self[key] != value}

    def _clock_stops(self):
        """When each clock stopped, False while it runs. A claim ended without
        a public answer stops its response clock too."""
        self.ensure_one()
        ended_at = self.resolved_date if not self.is_open else False
        return {
            "response": self.first_response_date or ended_at,
            "resolution": self.resolved_date,
        }

    def _clock_state(self, clock, now, deadline, at_risk):
        """State of one clock of this claim for the given deadline dates."""
        open_pause = self.pause_ids.filtered(lambda p: not p.end)[:1]
        return sla_rules.clock_state(
            now=now,
            deadline=deadline or None,
            at_risk_date=at_risk or None,
            stopped_at=self._clock_stops()[clock] or None,
            paused_since=open_pause.start or None,
            previous=self[f"sla_{clock}_state"],
        )

    def _calendar(self):
        """Working hours of the claim: its policy's, else its team's, else
        the company's."""
        self.ensure_one()
        if self.policy_id:
            return self.policy_id._get_calendar(self.team_id)
        return self.team_id._get_calendar()

    def _working_hours_between(self, start, end):
        return self._calendar().get_work_hours_count(start, end, compute_leaves=True)

    def _paused_hours_before(self, moment):
        """Working hours paused before ``moment`` (all finished pauses when
        None)."""
        pauses = [(p.start, p.end, p.working_hours) for p in self.pause_ids]
        return sla_rules.paused_hours_before(
            pauses, moment or None, self._working_hours_between
        )

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
            pause.write(
                {
                    "end": now,
                    "working_hours": pause.claim_id._working_hours_between(
                        pause.start, now
                    ),
                }
            )

    def _on_stage_changed(self, previous_stage):
        now = fields.Datetime.now()
        pausing = self.filtered(lambda c: c.stage_id.pauses_sla)
        pausing._open_pauses(previous_stage)
        resumed = (self - pausing).filtered(
            lambda c: c.pause_ids.filtered(lambda p: not p.end)
        )
        resumed._close_pauses()
        for claim in self.filtered(lambda c: not c.is_open and not c.resolved_date):
            claim._write_bypassing_sla({"resolved_date": now})
        self._apply_sla()
        resumed.filtered("is_open")._notify_customer(
            "sla_claims.mail_template_claim_deadline_moved"
        )
        for claim in self.filtered(lambda c: c.stage_id.mail_template_id):
            if claim.stage_id != previous_stage.get(claim):
                claim._notify_customer(claim.stage_id.mail_template_id)

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
            # the customer may not edit claims: the resume is the system's doing
            claim.sudo().stage_id = stage

    # ------------------------------------------------------------- messages

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Mail to a team alias: a claim of the sender, acknowledged."""
        values = dict(custom_values or {})
        team = self.env["sla.claim.team"].browse(values.get("team_id")).exists()
        team = team or self._default_team()
        email_from = msg_dict.get("email_from")
        partner = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if not partner and email_from:
            partner = self._partner_find_from_emails_single(
                [email_from], no_create=not team.create_partner
            )
        values.update(
            team_id=team.id,
            partner_id=partner.id,
            email_from=email_from,
            channel="email",
            name=msg_dict.get("subject") or self.env._("(no subject)"),
            description=msg_dict.get("body"),
        )
        claim = super().message_new(msg_dict, custom_values=values)
        cc_partners = self._partner_find_from_emails_single(
            list(self._mail_cc_sanitized_raw_dict(msg_dict.get("cc")).values()),
            no_create=not team.create_partner,
        )
        if cc_partners:
            claim.message_subscribe(partner_ids=cc_partners.ids)
        return claim

    def _notify_customer(self, template):
        """Post an automatic mail from a template (or its XML id) to the
        customer, a follower: automatic, so it never counts as the first
        response."""
        if isinstance(template, str):
            template = self.env.ref(template, raise_if_not_found=False)
        if not template:
            return
        for claim in self.filtered(lambda c: c.partner_id.email):
            claim.message_post_with_source(
                template,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
            )

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

    # ----------------------------------------------------------------- cron

    @api.model
    def _sla_check_domain(self, now):
        """Open claims whose clock may have turned at risk or breached, or
        which may have an escalation due."""
        clock_domains = []
        for clock in CLOCKS:
            clock_domains += [
                "&",
                (f"sla_{clock}_state", "=", sla_rules.RUNNING),
                (f"{clock}_at_risk_date", "<=", now),
                "&",
                (f"sla_{clock}_state", "in", (sla_rules.RUNNING, sla_rules.AT_RISK)),
                (f"{clock}_deadline", "<=", now),
                "&",
                (f"sla_{clock}_state", "=", sla_rules.BREACHED),
                ("policy_id.escalation_rule_ids", "!=", False),
            ]
        return (
            [("is_open", "=", True), ("policy_id", "!=", False)]
            + ["|"] * (len(clock_domains) // 3 - 1)
            + clock_domains
        )

    @api.model
    def _cron_check_sla(self):
        """Every 15 minutes: refresh clock states, warn before a breach and
        escalate. Batches are committed, so an interrupted run loses nothing
        and the next one goes on; states and escalation levels are stored
        with their effects, so nothing fires twice."""
        now = fields.Datetime.now()
        claims = self.search(self._sla_check_domain(now), order="id")
        in_test = getattr(threading.current_thread(), "testing", False)
        for start in range(0, len(claims), CRON_BATCH_SIZE):
            batch = claims[start : start + CRON_BATCH_SIZE]
            batch._check_sla(now)
            if not in_test:
                remaining = len(claims) - start - len(batch)
                time_left = self.env["ir.cron"]._commit_progress(
                    len(batch), remaining=remaining
                )
                if time_left <= 0:
                    break  # the cron is called again for the rest

    def _check_sla(self, now):
        """Refresh states and escalate; claims reaching the same states or
        level are written together."""
        changed = defaultdict(lambda: self.browse())
        for claim in self:
            values = claim._refreshed_states(now)
            if values:
                changed[frozenset(values.items())] |= claim
        for values, claims in changed.items():
            claims._store_sla_values(dict(values))
        self._run_escalations(now)

    def _refreshed_states(self, now):
        """Clock states from the stored dates, without recomputing deadlines."""
        self.ensure_one()
        values = {}
        for clock in CLOCKS:
            state = self._clock_state(
                clock, now, self[f"{clock}_deadline"], self[f"{clock}_at_risk_date"]
            )
            if state != self[f"sla_{clock}_state"]:
                values[f"sla_{clock}_state"] = state
        return values

    def _run_escalations(self, now):
        """Fire, in level order, the policy's escalations above the level each
        claim reached and now due; each level fires once."""
        reached_level = defaultdict(lambda: self.browse())
        for claim in self:
            rules = claim.policy_id.escalation_rule_ids.filtered(
                lambda r, claim=claim: r.level > claim.escalation_level
            ).sorted("level")
            reached = claim.escalation_level
            for rule in rules:
                if claim._escalation_due(rule, now):
                    claim._escalate(rule)
                    reached = rule.level
            if reached != claim.escalation_level:
                reached_level[reached] |= claim
        for level, claims in reached_level.items():
            claims._write_bypassing_sla({"escalation_level": level})

    def _escalation_due(self, rule, now):
        clock = rule.clock
        stopped = self._clock_stops()[clock]
        state = self[f"sla_{clock}_state"]
        deadline = self[f"{clock}_deadline"]
        if stopped or state in (sla_rules.PAUSED, sla_rules.MET) or not deadline:
            return False
        if rule.trigger == "before_breach":
            at_risk = self[f"{clock}_at_risk_date"]
            return bool(at_risk) and now >= at_risk
        if rule.trigger == "at_breach":
            return now >= deadline
        due = self._calendar().plan_hours(rule.hours, deadline, compute_leaves=True)
        return bool(due) and now >= due

    def _escalate(self, rule):
        clock = self._clock_labels()[rule.clock]
        summary = self.env._(
            "%(number)s: escalation level %(level)s (%(clock)s deadline)",
            number=self.number,
            level=rule.level,
            clock=clock,
        )
        note = self.env._(
            "Claim %(number)s of %(customer)s: the %(clock)s deadline %(deadline)s "
            "is at risk or missed. Responsible: %(responsible)s.",
            number=self.number,
            customer=self.partner_id.display_name or self.email_from or "-",
            clock=clock,
            deadline=self._format_deadline(
                self[f"{rule.clock}_deadline"], self.user_id
            ),
            responsible=self.user_id.name,
        )
        leader = self.team_id.leader_id
        if rule.action == "notify_responsible":
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=summary,
                note=note,
            )
        elif rule.action == "notify_leader":
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=leader.id,
                summary=summary,
                note=note,
            )
        elif rule.action == "reassign_leader":
            self.write({"user_id": leader.id})
            self.message_post(body=note, subtype_xmlid="mail.mt_note")
        elif rule.action == "notify_managers":
            managers = self.env.ref("sla_claims.group_claims_manager").all_user_ids
            managers = managers.filtered(
                lambda u: self.company_id in u.company_ids and not u.share
            )
            self.message_post(
                body=note,
                subject=summary,
                subtype_xmlid="mail.mt_note",
                partner_ids=managers.partner_id.ids,
            )
