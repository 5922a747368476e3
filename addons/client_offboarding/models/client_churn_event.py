from odoo import models


class ClientChurnEvent(models.Model):
    _inherit = "client.churn.event"

    def _mark_won_back(self, date, *args, **kwargs):
        """A client won back needs no more door-open follow-ups."""
        result = super()._mark_won_back(date, *args, **kwargs)
        door_open = self.env.ref(
            "client_offboarding.mail_activity_type_door_open",
            raise_if_not_found=False,
        )
        if door_open and self.partner_id:
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.partner_id.ids),
                    ("activity_type_id", "=", door_open.id),
                ]
            ).unlink()
        return result
