from odoo import api, fields, models
from odoo.tools import format_date


class ClientOffboardingDone(models.TransientModel):
    """The confirmation of *Done*, asked once the case passed its checks,
    saying what closing it records."""

    _name = "client.offboarding.done"
    _description = "Close Offboarding Case"

    offboarding_id = fields.Many2one(
        "client.offboarding", required=True, readonly=True, ondelete="cascade"
    )
    summary = fields.Text(compute="_compute_summary")

    @api.depends("offboarding_id")
    def _compute_summary(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            case = wizard.offboarding_id
            day = case._loss_date(today)
            values = {
                "client": case.partner_id.display_name or "",
                "date": format_date(self.env, day),
            }
            if day > today:
                wizard.summary = self.env._(
                    "%(client)s will be recorded as lost on %(date)s, its last "
                    "day of service; the door-open follow-ups count from that "
                    "day. Close the case?",
                    **values,
                )
            else:
                wizard.summary = self.env._(
                    "%(client)s will be recorded as lost on %(date)s; the "
                    "door-open follow-ups count from that day. Close the case?",
                    **values,
                )

    def action_confirm(self):
        self.ensure_one()
        return self.offboarding_id.action_done()
