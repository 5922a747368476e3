from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._retention_win_back()
        return posted

    def _retention_win_back(self):
        """A lost client invoiced again after its loss day is won back at
        once, in the posting transaction: its open loss is closed and it is
        active again. An invoice of the loss day itself is the last one of
        the service (a notice period ending that day), not a comeback."""
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if not invoices:
            return
        Event = self.env["client.churn.event"].sudo()
        events = Event.search(
            [
                ("state", "=", "lost"),
                ("partner_id", "in", invoices.commercial_partner_id.ids),
                ("company_id", "in", invoices.company_id.ids),
            ]
        )
        for event in events:
            dates = [
                m.invoice_date
                for m in invoices
                if m.commercial_partner_id == event.partner_id
                and m.company_id == event.company_id
                and m.invoice_date > event.date
            ]
            if dates:
                event._mark_won_back(min(dates), max(dates))
