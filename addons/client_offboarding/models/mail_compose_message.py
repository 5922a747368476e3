from odoo import fields, models

LETTER = "client_offboarding.mail_template_termination_letter"


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        """A termination letter sent from its template dates the case's
        letter: what was sent decides, not a flag in the context."""
        result = super()._action_send_mail(auto_commit=auto_commit)
        letter_id = self.env["ir.model.data"]._xmlid_to_res_id(
            LETTER, raise_if_not_found=False
        )
        for composer in self.filtered(
            lambda c: c.model == "client.offboarding" and c.template_id.id == letter_id
        ):
            cases = self.env["client.offboarding"].browse(composer._evaluate_res_ids())
            cases.filtered(lambda c: not c.letter_sent_date)._system_write(
                {"letter_sent_date": fields.Date.context_today(self)}
            )
        return result
