from odoo import api, fields, models

EXIT = "exit"


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    offboarding_id = fields.Many2one(
        "client.offboarding",
        index="btree_not_null",
        ondelete="set null",
        help="The offboarding case this exit interview was sent for.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.filtered(
            lambda a: (
                a.survey_id.retention_kind == EXIT
                and a.partner_id
                and not a.offboarding_id
            )
        )._link_offboarding()
        return answers

    def _link_offboarding(self):
        """Exit interviews go to the case they were sent from, else to the
        client's latest case. The case named in the context is a hint from
        the caller: it counts only when it is a case of the same client."""
        sent_from = self.env.context.get("offboarding_exit_case_id")
        cases = (
            self.env["client.offboarding"]
            .sudo()
            .search(
                [("partner_id", "in", self.partner_id.commercial_partner_id.ids)],
                order="request_date desc, id desc",
            )
        )
        latest = {}
        for case in cases:
            latest.setdefault(case.partner_id, case)
        for answer in self:
            client = answer.partner_id.commercial_partner_id
            case = next(
                (c for c in cases if c.id == sent_from and c.partner_id == client),
                latest.get(client),
            )
            if case:
                answer.sudo().offboarding_id = case
