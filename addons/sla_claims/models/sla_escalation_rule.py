from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import sla_schedule


class SlaEscalationRule(models.Model):
    _name = "sla.escalation.rule"
    _description = "SLA Escalation Rule"
    _inherit = ["sla.bounded.mixin"]
    _order = "policy_id, level, id"

    policy_id = fields.Many2one(
        "sla.policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    level = fields.Integer(
        default=1, required=True, help="Escalations fire in level order, each once."
    )
    clock = fields.Selection(
        [("response", "Response"), ("resolution", "Resolution")],
        required=True,
        default="resolution",
    )
    trigger = fields.Selection(
        [
            (sla_schedule.BEFORE_BREACH, "Before the breach (at risk)"),
            (sla_schedule.AT_BREACH, "At the breach"),
            (sla_schedule.AFTER_BREACH, "Working hours after the breach"),
        ],
        required=True,
        default="at_breach",
    )
    hours = fields.Float(
        string="Hours After Breach",
        help="For “working hours after the breach”: how many working hours "
        "after the deadline the escalation fires.",
    )
    action = fields.Selection(
        [
            ("notify_responsible", "Notify the responsible"),
            ("notify_leader", "Notify the team leader"),
            ("reassign_leader", "Reassign to the team leader"),
            ("notify_managers", "Notify the claims managers"),
        ],
        required=True,
        default="notify_responsible",
    )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "level": (1, 100),
            "hours": (0, 2000),
        }

    @api.constrains("trigger", "hours", "level")
    def _check_hours(self):
        for rule in self:
            if rule.level < 1:
                raise ValidationError(
                    self.env._("Escalation levels start at 1. Enter 1, 2, 3…")
                )
            if rule.trigger == "after_breach" and rule.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "An escalation after the breach needs a number of working "
                        "hours greater than zero, e.g. 4."
                    )
                )

    # ------------------------------------------------------------ behaviour

    def _due_at(self, claim, clock_facts, plan_after):
        """When this rule falls due for ``claim`` (None if it cannot):
        ``clock_facts[clock]`` holds the clock's state, deadline, at-risk date
        and whether it still runs; ``plan_after(deadline, hours)`` plans
        working hours after a deadline on the claim's calendar."""
        self.ensure_one()
        facts = clock_facts[self.clock]
        after_due = None
        if self.trigger == sla_schedule.AFTER_BREACH and facts["deadline"]:
            after_due = plan_after(facts["deadline"], self.hours)
        return sla_schedule.escalation_due_at(
            self.trigger,
            state=facts["state"],
            live=facts["live"],
            at_risk_date=facts["at_risk_date"],
            deadline=facts["deadline"],
            after_due=after_due,
        )

    def _fire(self, claim, notices):
        """Do what this level says for ``claim``; people are told through
        ``notices`` (a to-do, a line in their digest of the run)."""
        self.ensure_one()
        summary, note = notices.escalation_texts(claim, self)
        leader = claim.team_id.leader_id
        if self.action == "notify_responsible":
            notices.activity(claim, claim.user_id, summary, note)
        elif self.action == "notify_leader":
            notices.activity(claim, leader, summary, note)
        elif self.action == "reassign_leader":
            # the leader learns it from the digest, not from one mail a claim
            claim.with_context(mail_auto_subscribe_no_notify=True).write(
                {"user_id": leader.id}
            )
            claim.message_post(body=note, subtype_xmlid="mail.mt_note")
            notices.tell(leader, claim, summary)
        elif self.action == "notify_managers":
            managers = self.env.ref("sla_claims.group_claims_manager").all_user_ids
            managers = managers.filtered(
                lambda u: claim.company_id in u.company_ids and not u.share
            )
            claim.message_post(body=note, subject=summary, subtype_xmlid="mail.mt_note")
            notices.tell(managers, claim, summary)
