import io
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestChurnAnalysis(RetentionInvoicingCase):
    """Churn over last calendar year, from invoices and losses in the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work_in_own_company("Churn Analysis Co")
        year = cls.today.year - 1
        cls.start, cls.end = date(year, 1, 1), date(year, 12, 31)
        cls.before = date(year - 1, 6, 1)  # clients already buying before the year

    def on(self, day, days=0):
        return day + relativedelta(days=days)

    def bought(self, partner, day, amount=100.0, company=None):
        return self.invoice(partner, (self.today - day).days, amount, company)

    def lose(self, partner, day, **values):
        return self.env["client.churn.event"].create(
            {"partner_id": partner.id, "date": day, **values}
        )

    def analysis(self, **values):
        return self.env["client.churn.analysis"].create(
            {
                "date_from": self.start,
                "date_to": self.end,
                "granularity": "year",
                **values,
            }
        )

    def test_a_fifth_lost_is_twenty_percent_critical_and_what_it_cost(self):
        loyal = self.Partner.create(
            [{"name": f"Loyal {n}", "is_company": True} for n in range(80)]
        )
        lost = self.Partner.create(
            [{"name": f"Gone {n}", "is_company": True} for n in range(20)]
        )
        for client in loyal:
            self.bought(client, self.before)
        loss_day = date(self.start.year, 6, 30)
        for client in lost:
            for months in range(6):  # 6 invoices of 2,000 in the 12 months before
                self.bought(
                    client, loss_day - relativedelta(months=2 * months + 1), 2000.0
                )
            self.lose(client, loss_day)
        analysis = self.analysis()
        [row] = analysis.get_period_rows()
        self.assertEqual(row["clients_at_start"], 100)
        self.assertEqual(row["lost_clients"], 20)
        self.assertAlmostEqual(row["churn_rate"], 20.0)
        self.assertAlmostEqual(row["monetary_churn"], 20 * 2000 * 6)
        self.assertAlmostEqual(row["avg_invoice_amount"], 2000.0)
        self.assertAlmostEqual(row["invoices_per_period"], 6.0)
        self.assertAlmostEqual(analysis.churn_rate, 20.0)
        self.assertAlmostEqual(analysis.annualized_churn_rate, 20.0)
        self.assertEqual(analysis.churn_status, "critical")
        self.assertAlmostEqual(analysis.monetary_churn, 240_000.0)
        monthly = self.analysis(granularity="month")
        rows = monthly.get_period_rows()
        self.assertEqual(len(rows), 12)
        june = rows[5]
        self.assertEqual(june["lost_clients"], 20)
        self.assertAlmostEqual(june["monetary_churn"], 20 * 2000 * 6 / 12)
        self.assertEqual(rows[6]["clients_at_start"], 80)

    def test_new_and_lost_in_one_period_never_raise_the_rate_above_100(self):
        old = self.make_client("Old Ltd")
        self.bought(old, self.before)
        fresh = self.make_client("Fresh Ltd")
        self.bought(fresh, date(self.start.year, 3, 2))
        self.lose(fresh, date(self.start.year, 3, 20))
        self.lose(old, date(self.start.year, 3, 25))
        march = self.analysis(granularity="month").get_period_rows()[2]
        self.assertEqual(march["clients_at_start"], 1)
        self.assertEqual(march["new_clients"], 1)
        self.assertEqual(march["new_and_lost"], 1)
        self.assertEqual(march["lost_clients"], 2, "both losses, the new one too")
        self.assertAlmostEqual(march["churn_rate"], 100.0, msg="of the one at start")

    def test_won_back_before_and_after_a_period_start(self):
        early = self.make_client("Early Return Ltd")
        late = self.make_client("Late Return Ltd")
        for client in early | late:
            self.bought(client, self.before)
        lost_on = date(self.start.year - 1, 9, 1)
        self.lose(early, lost_on)
        self.lose(late, lost_on)
        with freeze_time(date(self.start.year - 1, 12, 10)):
            self.bought(
                early, date(self.start.year - 1, 12, 10)
            )  # back before the year
        with freeze_time(date(self.start.year, 2, 10)):
            self.bought(late, date(self.start.year, 2, 10))  # back in February
        rows = self.analysis(granularity="month").get_period_rows()
        self.assertEqual(rows[0]["clients_at_start"], 1, "the late one is still lost")
        self.assertEqual(rows[1]["won_back"], 1)
        self.assertEqual(rows[2]["clients_at_start"], 2)

    def test_refunds_lower_the_money_lost(self):
        client = self.make_client("Refunded Ltd")
        loss_day = date(self.start.year, 6, 30)
        first = self.bought(client, loss_day - relativedelta(months=8), 1000.0)
        self.bought(client, loss_day - relativedelta(months=3), 1000.0)
        refunded_on = loss_day - relativedelta(months=1)
        self.refund(first, amount=400.0, days_ago=(self.today - refunded_on).days)
        self.lose(client, loss_day)
        [row] = self.analysis().get_period_rows()
        self.assertAlmostEqual(row["monetary_churn"], 1600.0)

    def test_amounts_are_in_company_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        if eur == self.company.currency_id:
            eur = self.env.ref("base.USD")
            eur.active = True
        self.env["res.currency.rate"].create(
            {
                "name": self.before,
                "rate": 2.0,
                "currency_id": eur.id,
                "company_id": self.company.id,
            }
        )
        client = self.make_client("Foreign Ltd")
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": client.id,
                "currency_id": eur.id,
                "invoice_date": self.before,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Audit",
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        move.action_post()
        self.lose(client, date(self.start.year, 4, 1))
        [row] = self.analysis().get_period_rows()
        self.assertAlmostEqual(row["monetary_churn"], 500.0, "1,000 at 2 a unit: 500")

    def test_no_clients_and_a_reversed_range(self):
        analysis = self.analysis(company_id=self.other_company.id)
        self.assertEqual(analysis.churn_rate, 0.0)
        self.assertEqual(analysis.clients_at_start, 0)
        self.assertIn("the churn rate is 0", analysis.summary_note)
        with self.assertRaisesText(ValidationError, "swap the dates"):
            self.analysis(date_from=self.end, date_to=self.start)

    def test_cohorts_share_of_clients_buying_each_month(self):
        year = self.start.year
        clients = [self.make_client(f"Cohort {n}") for n in range(4)]
        for client in clients:
            self.bought(client, date(year, 1, 10))
        self.bought(clients[0], date(year, 2, 10))
        self.bought(clients[1], date(year, 2, 12))
        self.bought(clients[0], date(year, 3, 3))
        late = self.make_client("Cohort March")
        self.bought(late, date(year, 3, 20))
        cohorts = self.analysis(granularity="month").get_cohorts()
        self.assertEqual(cohorts[0], (date(year, 1, 1), 4, [100.0, 50.0, 25.0]))
        self.assertEqual(cohorts[1], (date(year, 3, 1), 1, [100.0]))

    def test_the_workbook_reads_back_with_numbers_and_safe_text(self):
        sly = self.make_client('=HYPERLINK("http://x","y")')
        self.bought(sly, self.before, 500.0)
        self.lose(sly, date(self.start.year, 5, 5), stated_reason="+cheaper elsewhere")
        analysis = self.analysis(granularity="month")
        action = analysis.action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "client.churn.analysis"), ("res_id", "=", analysis.id)]
        )
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        self.assertIn(str(self.start), attachment.name)
        self.assertIn(str(self.end), attachment.name)
        book = load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(
            book.sheetnames,
            ["Summary", "Trend", "Reasons", "Salespeople", "Lost clients", "Cohorts"],
        )
        trend = book["Trend"]
        self.assertEqual(trend["H1"].value, "Churn rate")
        self.assertEqual(trend.freeze_panes, "A2")
        self.assertEqual(trend.auto_filter.ref[:2], "A1")
        may = trend["A6"]
        self.assertEqual(may.value.date(), date(self.start.year, 5, 1))
        self.assertEqual(trend["F6"].value, 1)
        self.assertAlmostEqual(trend["H6"].value, 100.0)
        self.assertEqual(len(trend._charts), 1)
        lost = book["Lost clients"]
        self.assertEqual(lost["A2"].value, '=HYPERLINK("http://x","y")')
        self.assertEqual(lost["A2"].data_type, "s", "a formula-like name stays text")
        self.assertEqual(lost["H2"].value, "+cheaper elsewhere")
        self.assertEqual(lost["H2"].data_type, "s")
        summary = book["Summary"]
        labels = {row[0].value: row[1].value for row in summary.iter_rows(min_row=3)}
        self.assertEqual(labels["Lost clients"], 1)
        self.assertEqual(labels["Status"], "Critical")

    def test_the_alarm_fires_once_a_month(self):
        clients = self.Partner.create(
            [{"name": f"Alarm {n}", "is_company": True} for n in range(4)]
        )
        month = self.today.replace(day=1)
        for client in clients:
            self.bought(client, month - relativedelta(months=14))
        self.lose(
            clients[0],
            month - relativedelta(months=2),
            reason_id=self.env.ref(
                "client_retention.client_exit_reason_price_increase"
            ).id,
        )
        cron = self.env.ref("client_retention.ir_cron_churn_alert")
        for _run in range(2):
            with self.scheduler_mode():
                cron.method_direct_trigger()
        alerts = self.env["client.churn.alert"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(alerts), 1)
        self.assertEqual(alerts.churn_status, "critical")  # 1 of 4: 25% a year
        self.assertIn("Price increase", alerts.top_reasons)
        self.assertTrue(
            alerts.activity_ids.filtered(lambda a: a.user_id == self.retention_manager)
        )
