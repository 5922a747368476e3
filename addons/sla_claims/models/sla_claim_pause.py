from odoo import fields, models


class SlaClaimPause(models.Model):
    """One interval during which a claim waited on the customer."""

    _name = "sla.claim.pause"
    _description = "Claim SLA Pause"
    _order = "start, id"

    claim_id = fields.Many2one(
        "sla.claim", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    end = fields.Datetime(help="Empty while the claim still waits.")
    working_hours = fields.Float(
        help="Working hours of the claim's calendar between start and end: "
        "what the deadlines moved by."
    )
    resume_stage_id = fields.Many2one(
        "sla.claim.stage",
        help="Stage the claim was in before the pause; a customer reply "
        "brings it back there.",
    )
