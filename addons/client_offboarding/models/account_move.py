from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda m: m.move_type == "out_invoice")
        if invoices:
            cases = (
                self.env["client.offboarding"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", invoices.commercial_partner_id.ids),
                        ("company_id", "in", invoices.company_id.ids),
                        ("state", "in", ("notice", "handover")),
                    ]
                )
            )
            # a last-minute bill goes on the case's list to be justified
            cases._review_invoices()
        return posted
