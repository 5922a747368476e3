from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        result = super()._mark_done()
        answered = self.filtered(
            lambda answer: (
                answer.survey_id.retention_kind == "satisfaction"
                and answer.partner_id
                and not answer.test_entry
            )
        )
        if answered:
            # the client's satisfaction and risk follow its answer at once
            self.env["client.retention.scan"].sudo()._refresh(answered.partner_id)
        return result
