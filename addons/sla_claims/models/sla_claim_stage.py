from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SlaClaimStage(models.Model):
    _name = "sla.claim.stage"
    _description = "Claim Stage"
    _inherit = ["sla.bounded.mixin"]  # the database's range for the sequence
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    fold = fields.Boolean(help="Folded in the kanban view.")
    pauses_sla = fields.Boolean(
        string="Pauses SLA",
        help="Waiting on the customer: both clocks stop and the deadlines move "
        "by the working hours spent here. A customer reply resumes the claim.",
    )
    is_resolved = fields.Boolean(
        string="Resolved", help="Stops the resolution clock and asks for a rating."
    )
    is_closed = fields.Boolean(
        string="Closed", help="The claim is over: no clock runs any more."
    )
    is_unfounded = fields.Boolean(
        string="Unfounded",
        help="The complaint was not justified. Counted apart in the client's "
        "history; no clock runs any more.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        domain=[("model", "=", "sla.claim")],
        help="Sent to the customer when a claim reaches this stage.",
    )

    @api.constrains("pauses_sla", "is_resolved", "is_closed", "is_unfounded")
    def _check_flags(self):
        for stage in self:
            if stage.pauses_sla and (
                stage.is_resolved or stage.is_closed or stage.is_unfounded
            ):
                raise ValidationError(
                    self.env._(
                        "Stage “%(stage)s” cannot both pause the SLA and end the "
                        "claim. Untick “Pauses SLA” or the end flags.",
                        stage=stage.name,
                    )
                )

    def _ends_claim(self):
        self.ensure_one()
        return self.is_resolved or self.is_closed or self.is_unfounded

    def _working_stage(self):
        """Where a claim goes when the customer answers and the stage it
        waited from is unknown: the last open working stage before this one
        (e.g. "In progress"), else the first open working stage."""
        self.ensure_one()
        working = self.search(
            [
                ("pauses_sla", "=", False),
                ("is_resolved", "=", False),
                ("is_closed", "=", False),
                ("is_unfounded", "=", False),
            ]
        )
        before = working.filtered(
            lambda stage: (stage.sequence, stage.id) < (self.sequence, self.id)
        )
        return before[-1:] or working[:1]
