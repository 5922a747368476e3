"""One number for one thing: the losses, the revenue they cost, the clients
at risk and the dormant ones are computed once here from the data, and the
Overview, the analysis (by month and by quarter), every sheet of the
workbook, the Churn Report behind the Dashboard, the alarm and the lists
must all show them."""

import io

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestOneFigureEverywhere(RetentionInvoicingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work_in_own_company("One Figure Co")
        month = cls.today.replace(day=1)
        # the trailing 12 full months of the Overview, the alarm and the
        # Dashboard's default "Last 12 Months"
        cls.start = month - relativedelta(months=12)
        cls.end = month - relativedelta(days=1)

    def bought(self, partner, day, amount):
        with freeze_time(day):
            return self.invoice(partner, (self.today - day).days, amount)

    def lose(self, partner, day, reason="client_exit_reason_price_increase"):
        return self.env["client.churn.event"].create(
            {
                "partner_id": partner.id,
                "date": day,
                "reason_id": self.env.ref(f"client_retention.{reason}").id,
            }
        )

    def day(self, months_after_start, day=10):
        return (self.start + relativedelta(months=months_after_start)).replace(day=day)

    def test_every_screen_shows_the_same_figures(self):
        old = self.start - relativedelta(months=6)
        # clients at the start: six buy monthly-ish before the range
        steady = [self.make_client(f"Steady {n}") for n in range(6)]
        for client in steady:
            self.bought(client, old, 1000.0)
        for client in steady[4:]:  # still buying: no silent leave for the scan
            self.bought(client, self.day(10), 1000.0)
        # three lost in the range; one of them is won back later
        lost_a, lost_b, back = steady[:3]
        self.bought(lost_a, self.day(1), 500.0)
        self.lose(lost_a, self.day(2))
        self.lose(lost_b, self.day(4), "client_exit_reason_poor_service")
        self.lose(back, self.day(5))
        self.bought(back, self.day(7), 300.0)  # a comeback: won back
        # a client new in the range and lost in it
        fresh = self.make_client("Fresh Ltd")
        self.bought(fresh, self.day(6), 800.0)
        self.lose(fresh, self.day(8))
        # a loss recorded on somebody who never bought: no client, no churn
        stranger = self.make_client("Never Bought Ltd")
        self.lose(stranger, self.day(3))
        # a loss before the range and one after it
        self.lose(steady[3], self.start - relativedelta(days=20))
        # now: one at risk, one dormant, lost ones kept out of "at risk"
        Profile = self.env["client.retention.profile"]
        self.run_scan()
        Profile._set_state(self.company, steady[4].ids, "at_risk")
        Profile._set_state(self.company, steady[5].ids, "dormant")

        # ---- the figures, once, from the data above
        losses = 4  # lost_a, lost_b, back, fresh (the stranger is no client)
        lost_revenue = (1000 + 500) + 1000 + 800  # the 12 months before each
        self.assertEqual(back.retention_churn_event_ids.state, "won_back")
        at_risk, dormant = 1, 1

        # ---- the Overview
        overview = self.env["client.churn.analysis"].browse(
            self.env["client.churn.analysis"].action_open_overview()["res_id"]
        )
        self.assertEqual((overview.date_from, overview.date_to), (self.start, self.end))
        self.assertEqual(overview.lost_clients, losses)
        self.assertAlmostEqual(overview.lost_annual_revenue, lost_revenue)
        self.assertAlmostEqual(overview.monetary_churn, lost_revenue / 12)
        self.assertEqual(overview.at_risk_clients, at_risk)
        self.assertEqual(overview.dormant_clients, dormant)

        # ---- the analysis: the same 12 months by quarter give the same year
        by_quarter = self.env["client.churn.analysis"].create(
            {"date_from": self.start, "date_to": self.end, "granularity": "quarter"}
        )
        self.assertEqual(by_quarter.lost_clients, losses)
        self.assertAlmostEqual(by_quarter.lost_annual_revenue, lost_revenue)
        self.assertAlmostEqual(by_quarter.monetary_churn, lost_revenue / 4)
        self.assertAlmostEqual(
            by_quarter.annualized_churn_rate, overview.annualized_churn_rate
        )
        # of the 5 clients at the start (the sixth was lost before it)
        self.assertAlmostEqual(overview.churn_rate, 100.0 * 3 / 5)
        for analysis in (overview, by_quarter):
            rows = analysis.get_period_rows()
            self.assertEqual(sum(r["lost_clients"] for r in rows), losses)
            self.assertAlmostEqual(
                sum(r["lost_annual_revenue"] for r in rows), lost_revenue
            )

        # ---- every sheet of the workbook
        overview.action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "client.churn.analysis"), ("res_id", "=", overview.id)]
        )
        book = load_workbook(io.BytesIO(attachment.raw))
        summary = {
            row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=3)
        }
        self.assertEqual(summary["Lost clients"], losses)
        self.assertAlmostEqual(summary["Lost annual revenue"], lost_revenue)

        def column(sheet, header):
            rows = list(book[sheet].iter_rows(values_only=True))
            index = rows[0].index(header)
            return [row[index] or 0 for row in rows[1:]]

        self.assertEqual(sum(column("Trend", "Lost clients")), losses)
        self.assertAlmostEqual(
            sum(column("Trend", "Lost annual revenue")), lost_revenue
        )
        for sheet in ("Reasons", "Salespeople"):
            self.assertEqual(sum(column(sheet, "Clients lost")), losses, sheet)
            self.assertAlmostEqual(
                sum(column(sheet, "Lost annual revenue")), lost_revenue, msg=sheet
            )
        self.assertEqual(len(column("Lost clients", "Client")), losses)
        self.assertAlmostEqual(
            sum(column("Lost clients", "Lost annual revenue")), lost_revenue
        )

        # ---- the Churn Report (the Dashboard's pivots read it, filtered on
        # the same trailing 12 months)
        [[count, revenue]] = self.env["client.churn.report"]._read_group(
            [
                ("company_id", "=", self.company.id),
                ("date", ">=", self.start),
                ("date", "<=", self.end),
            ],
            aggregates=["lost_clients:sum", "lost_annual_revenue:sum"],
        )
        self.assertEqual(count, losses)
        self.assertAlmostEqual(revenue, lost_revenue)

        # ---- the alarm
        alert = self.env["client.churn.alert"]._check_company_month(
            self.company, self.today
        )
        self.assertEqual(alert.lost_clients, losses)
        self.assertAlmostEqual(
            alert.annualized_churn_rate, overview.annualized_churn_rate
        )

        # ---- the lists behind the Overview's buttons
        action = self.env.ref(
            "client_retention.client_retention_profile_action_at_risk"
        )
        self.assertIn("search_default_state_at_risk", action.context)
        self.assertEqual(
            Profile.search_count(
                [("company_id", "=", self.company.id), ("state", "=", "at_risk")]
            ),
            at_risk,
        )

    def test_a_year_is_a_year_whatever_the_granularity(self):
        clients = [self.make_client(f"Yearly {n}") for n in range(5)]
        for client in clients:
            self.bought(client, self.start - relativedelta(months=2), 100.0)
        self.lose(clients[0], self.day(1))
        rates = {
            granularity: self.env["client.churn.analysis"]
            .create(
                {
                    "date_from": self.start,
                    "date_to": self.end,
                    "granularity": granularity,
                }
            )
            .annualized_churn_rate
            for granularity in ("month", "quarter", "year")
        }
        for rate in rates.values():
            self.assertAlmostEqual(rate, 20.0)
