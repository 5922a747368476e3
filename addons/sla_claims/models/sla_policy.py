from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.sla_rules import policy_rank

PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]
CHANNELS = [
    ("email", "Email"),
    ("portal", "Portal"),
    ("phone", "Phone"),
    ("manual", "Manual"),
]


class SlaPolicy(models.Model):
    _name = "sla.policy"
    _description = "SLA Policy"
    _inherit = ["sla.bounded.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "sla.claim.team",
        index=True,
        check_company=True,
        help="Empty: applies to the claims of every team of the company.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        domain=[("is_company", "=", True)],
        help="Applies to these customers' claims (their contacts included).",
    )
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Tags",
        help="Applies to customers with one of these tags.",
    )
    category_ids = fields.Many2many(
        "sla.claim.category", string="Claim Categories", check_company=True
    )
    priority = fields.Selection(
        PRIORITIES, help="Applies to claims of this priority only."
    )
    response_hours = fields.Float(
        string="Response Target (working hours)",
        help="Working hours to the first public answer to the customer. "
        "0: no response target.",
    )
    resolution_hours = fields.Float(
        string="Resolution Target (working hours)",
        help="Working hours to a resolved stage. 0: no resolution target.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        help="Empty: the team's, then the company's working hours.",
    )
    at_risk_percent = fields.Integer(
        string="At Risk at (%)",
        default=lambda self: self.env.company.sla_at_risk_percent,
        help="Share of a target's working time after which the claim is at risk "
        "and its responsible warned.",
    )
    escalation_rule_ids = fields.One2many(
        "sla.escalation.rule", "policy_id", string="Escalations", copy=True
    )

    def _field_bounds(self):
        # about a year of full-time work: deadlines are planned that far ahead
        return {
            **super()._field_bounds(),
            "response_hours": (0, 2000),
            "resolution_hours": (0, 2000),
            "at_risk_percent": (1, 99),
        }

    @api.constrains("response_hours", "resolution_hours")
    def _check_targets(self):
        for policy in self:
            if (
                policy.response_hours
                and policy.resolution_hours
                and policy.resolution_hours < policy.response_hours
            ):
                raise ValidationError(
                    self.env._(
                        "Policy “%(policy)s”: the resolution target (%(resolution)s h) "
                        "comes before the response target (%(response)s h). "
                        "A claim is answered before it is resolved.",
                        policy=policy.name,
                        resolution=policy.resolution_hours,
                        response=policy.response_hours,
                    )
                )

    def _applies_to(self, claim):
        """Whether this policy's criteria all hold for ``claim``."""
        self.ensure_one()
        partner = claim.commercial_partner_id
        return (
            (not self.team_id or self.team_id == claim.team_id)
            and (not self.partner_ids or partner in self.partner_ids)
            and (
                not self.partner_category_ids
                or self.partner_category_ids
                & (partner.category_id | claim.partner_id.category_id)
            )
            and (not self.category_ids or claim.category_id in self.category_ids)
            and (not self.priority or self.priority == claim.priority)
        )

    def _rank(self):
        self.ensure_one()
        return policy_rank(
            has_partner=bool(self.partner_ids),
            has_partner_tag=bool(self.partner_category_ids),
            has_category=bool(self.category_ids),
            has_priority=bool(self.priority),
            has_team=bool(self.team_id),
            sequence=self.sequence,
        ) + (self.id,)

    @api.model
    def _find_for_claims(self, claims):
        """{claim: best policy or empty} for ``claims``, one search in all."""
        policies = self.search([("company_id", "in", claims.company_id.ids)]).sorted(
            lambda policy: policy._rank()
        )
        return {
            claim: next(
                (
                    policy
                    for policy in policies
                    if policy.company_id == claim.company_id
                    and policy._applies_to(claim)
                ),
                self.browse(),
            )
            for claim in claims
        }

    def _get_calendar(self, team):
        self.ensure_one()
        return self.resource_calendar_id or team._get_calendar()
