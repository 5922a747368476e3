from ast import literal_eval
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class SlaClaimTeam(models.Model):
    _name = "sla.claim.team"
    _inherit = ["sla.bounded.mixin", "mail.alias.mixin", "mail.thread"]
    _description = "Claims Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        check_company=True,
        tracking=True,
        help="Takes the claims no member can, and receives escalations.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "sla_claim_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
        check_company=True,
        help="New claims are shared among the members by their open claims.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        help="Deadlines of this team's claims count working hours on this "
        "calendar, unless their SLA policy sets another. Empty: the company's.",
    )
    create_partner = fields.Boolean(
        string="Create Unknown Senders",
        default=True,
        help="Mail from an address no contact has creates a contact. "
        "Untick to keep such claims without a contact.",
    )
    policy_ids = fields.One2many("sla.policy", "team_id", string="SLA Policies")
    claim_ids = fields.One2many("sla.claim", "team_id", string="Claims")
    open_claim_count = fields.Integer(compute="_compute_open_claim_count")

    @api.depends("claim_ids.stage_id")
    def _compute_open_claim_count(self):
        counts = dict(
            self.env["sla.claim"]._read_group(
                [("team_id", "in", self.ids), ("is_open", "=", True)],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_claim_count = counts.get(team, 0)

    @api.constrains("leader_id", "member_ids", "company_id")
    def _check_users_company(self):
        for team in self:
            users = team.leader_id | team.member_ids
            strangers = users.filtered(
                lambda u, t=team: t.company_id not in u.company_ids
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot work in %(company)s, so cannot handle "
                        "team %(team)s's claims. Give them access to the company "
                        "first.",
                        users=", ".join(strangers.mapped("name")),
                        company=team.company_id.name,
                        team=team.name,
                    )
                )

    # ------------------------------------------------------------ assignment

    @api.model
    def _assign_responsibles(self, vals_list):
        """Give every new claim (its create values) a responsible."""
        pending = [v for v in vals_list if not v.get("user_id")]
        if any(not vals.get("team_id") for vals in pending):
            default_team = self.env["sla.claim"]._default_team()
            for vals in pending:
                vals.setdefault("team_id", default_team.id)
        teams = self.browse({v["team_id"] for v in pending if v.get("team_id")})
        teams._lock_for_assignment()
        load = teams._open_claim_load()
        for vals in pending:
            team = self.browse(vals.get("team_id"))
            if not team:
                raise ValidationError(
                    self.env._(
                        "Create a claims team first (Clients → Configuration → "
                        "Teams): every claim belongs to a team."
                    )
                )
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            vals["user_id"] = team._pick_responsible(partner, load).id

    def _lock_for_assignment(self):
        """Hold these teams until this transaction ends: claims of a team are
        assigned one transaction at a time (mail comes in on several workers
        at once), each after the previous one committed its claims."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sla_claim_team WHERE id IN %s ORDER BY id "
                    "FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )

    def _open_claim_load(self):
        """Open claims per (team, responsible) of these teams.

        Read twice: in this transaction, which sees its own new claims, and
        on a fresh cursor, which sees the claims other transactions committed
        since this one began (invisible to it: Odoo's transactions are
        REPEATABLE READ). Each pair counts the larger: exact when only one of
        the two holds new claims, the case of a mail or of a batch run alone.
        While modules load (demo claims), nothing else runs on the database,
        whose committed state may not even have the claims' table yet.
        """
        load = self._read_open_claim_load()
        if not self.env.registry.ready:
            return load
        with self.env.registry.cursor() as cr:
            fresh = self.with_env(self.env(cr=cr))._read_open_claim_load()
        for key, count in fresh.items():
            load[key] = max(load[key], count)
        return load

    def _read_open_claim_load(self):
        load = Counter()
        for team, user, count in (
            self.env["sla.claim"]
            .sudo()
            ._read_group(
                [("team_id", "in", self.ids), ("is_open", "=", True)],
                ["team_id", "user_id"],
                ["__count"],
            )
        ):
            load[team.id, user.id] = count
        return load

    def _pick_responsible(self, partner, load):
        """Who answers a new claim of ``partner`` in this team: the customer's
        salesperson when a member, else the member with the fewest open
        claims (``load``, updated), else the leader."""
        self.ensure_one()
        salesperson = partner.commercial_partner_id.user_id or partner.user_id
        if salesperson and salesperson in self.member_ids:
            user = salesperson
        elif self.member_ids:
            user = min(self.member_ids, key=lambda u: (load[self.id, u.id], u.id))
        else:
            user = self.leader_id
        load[self.id, user.id] += 1
        return user

    def _get_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or self.company_id.resource_calendar_id

    # mail.alias.mixin
    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("sla.claim").id
        if self.id:
            values["alias_defaults"] = defaults = literal_eval(
                self.alias_defaults or "{}"
            )
            defaults["team_id"] = self.id
        return values
