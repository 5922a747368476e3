from odoo import api, fields, models

from ..lib.sla_rules import Pause

PAUSE_KINDS = [
    ("customer", "Waiting on the customer"),
    ("resolved", "Resolved, then reopened"),
]


class SlaClaimPause(models.Model):
    """One interval during which a claim's clocks stood still: it waited on
    the customer, or it was resolved and then reopened.

    The rows are the system's bookkeeping of the SLA: users read them, only
    this module writes them (as superuser, from the claim's stage changes).
    """

    _name = "sla.claim.pause"
    _description = "Claim SLA Pause"
    _order = "start, id"

    claim_id = fields.Many2one(
        "sla.claim", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    kind = fields.Selection(
        PAUSE_KINDS, string="Why", required=True, default="customer", readonly=True
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    end = fields.Datetime(readonly=True, help="Empty while the claim still waits.")
    working_hours = fields.Float(
        readonly=True,
        help="Working hours of the claim's calendar between start and end: "
        "what the deadlines moved by.",
    )
    resume_stage_id = fields.Many2one(
        "sla.claim.stage",
        readonly=True,
        help="Stage the claim was in before the pause; a customer reply "
        "brings it back there.",
    )

    @api.model
    def _open_for(self, claims, resume_stages):
        """Start waiting on the customer for ``claims`` that are not waiting
        yet; ``resume_stages`` maps a claim to the stage to come back to."""
        waiting = claims.filtered(lambda claim: not claim._open_pause())
        return self.sudo().create(
            [
                {
                    "claim_id": claim.id,
                    "kind": "customer",
                    "resume_stage_id": resume_stages.get(claim, False)
                    and resume_stages[claim].id,
                }
                for claim in waiting
            ]
        )

    def _close(self, now, work):
        """End these pauses at ``now``, counting their working hours on the
        claims' calendars (``work``, read once for all)."""
        for pause in self.filtered(lambda p: not p.end):
            pause.sudo().write(
                {
                    "end": now,
                    "working_hours": pause.claim_id._working_hours_between(
                        pause.start, now, work
                    ),
                }
            )

    @api.model
    def _record_resolved_time(self, claims, now, work):
        """Reopened ``claims`` were resolved since their ``resolved_date``:
        that time does not count against the resolution deadline."""
        return self.sudo().create(
            [
                {
                    "claim_id": claim.id,
                    "kind": "resolved",
                    "start": claim.resolved_date,
                    "end": now,
                    "working_hours": claim._working_hours_between(
                        claim.resolved_date, now, work
                    ),
                }
                for claim in claims
                if claim.resolved_date and claim.resolved_date < now
            ]
        )

    def _as_lib_pauses(self):
        """These rows as the plain values of ``lib/`` (None, not False)."""
        return [
            Pause(pause.start, pause.end or None, pause.working_hours) for pause in self
        ]
