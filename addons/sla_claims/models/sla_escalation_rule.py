from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SlaEscalationRule(models.Model):
    _name = "sla.escalation.rule"
    _description = "SLA Escalation Rule"
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
            ("before_breach", "Before the breach (at risk)"),
            ("at_breach", "At the breach"),
            ("after_breach", "Working hours after the breach"),
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
            if rule.hours < 0:
                raise ValidationError(self.env._("Working hours cannot be negative."))
