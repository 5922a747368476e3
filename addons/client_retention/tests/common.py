from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.sla_claims.tests.common import ClientsCase


class RetentionCase(ClientsCase):
    """Two companies, a retention user and a manager in the first one.

    The users live in the superuser's time zone (Odoo's demo data gives it
    Europe/Brussels): the superuser makes the fixtures and runs the crons,
    and one calendar day for all of them keeps the dates right at any hour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.retention_user = new_test_user(
            cls.env,
            login="retention_user",
            groups="client_retention.group_retention_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            tz=cls.env.user.tz,
        )
        cls.retention_manager = new_test_user(
            cls.env,
            login="retention_manager",
            groups="client_retention.group_retention_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            tz=cls.env.user.tz,
        )
        cls.Reason = cls.env["client.exit.reason"]


class RetentionInvoicingCase(RetentionCase):
    """Clients buying through the real accounting flow: invoices posted,
    refunds by Odoo's reversal wizard, payments registered and reconciled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.product = cls.env["product.product"].create(
            {"name": "Bookkeeping, monthly", "list_price": 100.0, "taxes_id": False}
        )
        cls.Partner = cls.env["res.partner"]

    @classmethod
    def ensure_chart(cls, company):
        """Give ``company`` Odoo's generic chart of accounts if it has none."""
        if not cls.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
        ):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )

    @classmethod
    def work_in_own_company(cls, name):
        """Move the test into a company of its own, so that its figures are
        exact whatever else the database holds (demo data, other tests)."""
        cls.company = cls.env["res.company"].create({"name": name})
        cls.ensure_chart(cls.company)
        cls.env.user.company_ids |= cls.company
        cls.retention_manager.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )

    @classmethod
    def make_client(cls, name="Client", **values):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "email": f"{name.lower().replace(' ', '.')}@client.example",
                **values,
            }
        )

    def days_ago(self, days):
        return self.today - timedelta(days=days)

    def invoice(
        self, partner, days_ago, amount=100.0, company=None, post=True, due_days=0
    ):
        """A customer invoice dated ``days_ago`` days ago, posted."""
        company = company or self.company
        date = self.days_ago(days_ago)
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_date": date,
                    "invoice_date_due": date + timedelta(days=due_days),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def invoices(self, partner, days_list, amount=100.0, company=None):
        return self.env["account.move"].union(
            *(self.invoice(partner, days, amount, company) for days in days_list)
        )

    def refund(self, invoice, amount=None, days_ago=0):
        """A credit note reversing ``invoice`` (in full, or ``amount``)."""
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "date": self.days_ago(days_ago),
                    "journal_id": invoice.journal_id.id,
                    "reason": "Returned",
                }
            )
        )
        refund = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
        if amount is not None:
            refund.invoice_line_ids[0].price_unit = amount
        refund.invoice_date = self.days_ago(days_ago)
        refund.action_post()
        return refund

    def pay(self, invoice, days_ago):
        """Register the full payment of ``invoice`` on a date."""
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": self.days_ago(days_ago)})._create_payments()

    def run_scan(self):
        """The daily retention scan, as Odoo's scheduler runs it."""
        cron = self.env.ref("client_retention.ir_cron_retention_scan")
        with self.scheduler_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def scan_on(self, day):
        """The nightly scan as it ran (or will run) on ``day``."""
        with freeze_time(day):
            self.run_scan()

    def watched_since(self, days):
        """The module was already scanning ``days`` days ago: the first scan
        of a client records it and mails nobody (no backlog mail)."""
        self.scan_on(self.days_ago(days))

    def activities(self, partner, activity_type=None):
        domain = [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        if activity_type:
            domain.append(("activity_type_id", "=", activity_type.id))
        return self.env["mail.activity"].search(domain)

    def mails_to(self, partner):
        """Outgoing mails (queued or sent) addressed to ``partner``."""
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])
