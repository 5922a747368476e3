from datetime import timedelta

from odoo import api, fields, models

from . import demo_invoices as data


class ClientRetentionDemo(models.AbstractModel):
    """Loads the demo's invoice history in a few large batches: creating,
    posting and paying 350 invoices one XML record at a time took minutes,
    long enough for a browser install to time out."""

    _name = "client.retention.demo"
    _description = "Client Retention Demo History"

    @api.model
    def _load_invoices(self):
        """Every demo invoice but the comebacks, its payments and refunds."""
        invoices = self._create_invoices(lambda xmlid: xmlid not in data.COMEBACK)
        self._create_refunds()
        self._pay(invoices)

    @api.model
    def _load_comeback_invoices(self):
        """Invoices after a recorded loss: posting them wins the client back."""
        self._pay(self._create_invoices(lambda xmlid: xmlid in data.COMEBACK))

    # ------------------------------------------------------------ helpers

    def _day(self, days_ago):
        return fields.Date.context_today(self) - timedelta(days=days_ago)

    def _lines(self, lines):
        commands = []
        for product, quantity, *price in lines:
            vals = {
                "product_id": self.env.ref(data.PRODUCTS[product]).id,
                "quantity": quantity,
            }
            if price:
                vals["price_unit"] = price[0]
            commands.append(fields.Command.create(vals))
        return commands

    def _create_invoices(self, wanted):
        """Create and post the invoices whose xml id ``wanted`` accepts, in
        one batch, naming each; returns ``{invoice: days ago paid or None}``."""
        vals_list, names, paid = [], [], []
        for client, salesperson, runs in data.INVOICES:
            partner = self.env.ref(
                data.PARTNERS.get(client, f"client_retention.client_{client}")
            )
            number = 0
            for lines, invoices in runs:
                for invoiced, paid_days_ago in invoices:
                    number += 1
                    name = f"invoice_{client}_{number:02d}"
                    if not wanted(name):
                        continue
                    names.append(name)
                    paid.append(paid_days_ago)
                    vals_list.append(
                        {
                            "move_type": "out_invoice",
                            "partner_id": partner.id,
                            "invoice_user_id": self.env.ref(salesperson).id,
                            "invoice_date": self._day(invoiced),
                            "invoice_line_ids": self._lines(lines),
                        }
                    )
        moves = self._create_named(vals_list, names)
        moves.action_post()
        return dict(zip(moves, paid, strict=True))

    def _create_refunds(self):
        vals_list, names = [], []
        for name, invoice_name, days_ago, lines, reason in data.REFUNDS:
            invoice = self.env.ref(f"client_retention.{invoice_name}")
            names.append(name)
            vals_list.append(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "invoice_user_id": invoice.invoice_user_id.id,
                    "invoice_date": self._day(days_ago),
                    "ref": reason,
                    "reversed_entry_id": invoice.id,
                    "invoice_line_ids": self._lines(lines),
                }
            )
        self._create_named(vals_list, names).action_post()

    def _create_named(self, vals_list, names):
        moves = self.env["account.move"].create(vals_list)
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"client_retention.{name}",
                    "record": move,
                    "noupdate": True,
                }
                for name, move in zip(names, moves, strict=True)
            ]
        )
        return moves

    def _pay(self, paid):
        """Pay each invoice in full on its day from the bank: the payments
        created, posted and matched with their invoices in three batches."""
        due = [(invoice, self._day(days)) for invoice, days in paid.items() if days]
        if not due:
            return
        company = due[0][0].company_id
        journal = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(company)]
            + [("type", "=", "bank")],
            limit=1,
        )
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": invoice.amount_residual,
                    "currency_id": invoice.currency_id.id,
                    "date": day,
                    "journal_id": journal.id,
                    "memo": invoice.name,
                    "invoice_ids": [fields.Command.set(invoice.ids)],
                }
                for invoice, day in due
            ]
        )
        payments.action_post()
        self.env["account.move.line"]._reconcile_plan(
            [
                (payment.move_id.line_ids | invoice.line_ids).filtered(
                    lambda line: (
                        line.account_type == "asset_receivable" and not line.reconciled
                    )
                )
                for payment, (invoice, _day) in zip(payments, due, strict=True)
            ]
        )
