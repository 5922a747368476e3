from odoo.tests import tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionScan(RetentionInvoicingCase):
    def test_figures_come_from_posted_invoices_net_of_refunds(self):
        client = self.make_client("Figures Ltd")
        contact = self.Partner.create({"name": "Eva", "parent_id": client.id})
        self.invoices(client, [300, 200, 100], amount=100.0)
        last = self.invoice(contact, 10, amount=300.0)
        self.invoice(client, 5, amount=999.0, post=False)  # a draft is no purchase
        self.refund(last, amount=100.0, days_ago=2)
        self.run_scan()
        self.assertEqual(client.retention_first_purchase_date, self.days_ago(300))
        self.assertEqual(client.retention_last_purchase_date, self.days_ago(10))
        self.assertAlmostEqual(client.retention_avg_interval_days, 290 / 3, places=1)
        self.assertEqual(client.retention_invoice_count_12m, 4)
        self.assertAlmostEqual(client.retention_revenue_12m, 500.0)
        self.assertAlmostEqual(client.retention_avg_invoice_amount, 125.0)
        self.assertEqual(client.retention_state, "active")
        # a contact shows its company's figures
        self.assertEqual(contact.retention_last_purchase_date, self.days_ago(10))

    def test_a_dormant_client_is_mailed_once_per_episode(self):
        client = self.make_client("Sleepy Ltd")
        self.invoices(client, [220, 190, 160, 130])
        self.run_scan()
        self.assertEqual(client.retention_state, "dormant")
        self.assertEqual(client.retention_dormant_since, self.days_ago(130 - 91))
        self.assertEqual(client.retention_reactivation_sent_date, self.today)
        self.assertEqual(len(self.mails_to(client)), 1)
        self.assertEqual(len(self.activities(client)), 1)
        self.run_scan()
        self.assertEqual(len(self.mails_to(client)), 1, "one mail per episode")
        self.assertEqual(len(self.activities(client)), 1)
