import dataclasses
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sla_claims.tests.common import ClaimsCase

from ..lib import history, risk
from ..models import backtest_sql
from ..models.risk_text import risk_lines
from .common import RetentionInvoicingCase

EVERY = 45  # days between the purchases of a regular client


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionBacktest(RetentionInvoicingCase, ClaimsCase):
    """A company installs the module over two years of invoices, tests the
    risk score on its own history and fits the weights to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ensure_chart(cls.other_company)
        cls.retention_manager.company_ids |= cls.other_company

    def history_of_clients(self, company):
        """Regular clients who stay, regular ones who stopped at different
        times, and one-time buyers: invoices posted in one go."""
        drafts = self.env["account.move"]
        clients = self.env["res.partner"]
        plans = [range(600, 0, -EVERY)] * 4 + [
            range(600, stop, -EVERY) for stop in (420, 380, 330, 290, 250, 200)
        ]
        plans += [[day] for day in (520, 430, 350, 280)]
        for index, days in enumerate(plans):
            client = self.make_client(f"History {index:02d}")
            clients |= client
            for day in days:
                drafts |= self.invoice(client, day, 200.0, company, post=False)
        drafts.action_post()
        return clients

    def as_manager(self, record, company):
        return record.with_user(self.retention_manager).with_company(company)

    def test_install_over_history_then_backtest_fit_and_a_better_scan(self):
        company = self.other_company  # its own history only, demo data or not
        clients = self.history_of_clients(company)
        self.run_scan()  # the first night after the install
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", clients.ids)]),
            "installing over years of history mails nobody",
        )
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", clients.ids)]
            ),
            "... and opens no activity",
        )
        overview = self.as_manager(self.env["client.churn.analysis"], company).create(
            {}
        )
        dormant = clients.with_company(company).filtered(
            lambda c: c.retention_state == "dormant"
        )
        self.assertTrue(dormant)
        self.assertEqual(overview.backlog_clients, len(dormant))

        # bad manual weights: only overdue invoices count, and every invoice is
        company.write(
            {
                **{f"retention_weight_{code}": 0.0 for code in risk.FACTORS},
                "retention_weight_overdue": 100.0,
            }
        )
        self.env["client.retention.scan"]._refresh(clients, company)
        steady, silent = (
            clients.with_company(company).filtered(lambda c, n=name: c.name == n)
            for name in ("History 00", "History 09")
        )
        self.assertEqual(
            (steady.retention_risk_score, silent.retention_risk_score),
            (100, 100),
            "a client buying every 45 days scores as one silent for 240",
        )
        test = self.as_manager(self.env["client.retention.backtest"], company).create(
            {"months": 9, "horizon": "90"}
        )
        test.action_run()
        self.assertEqual(test.state, "done")
        self.assertEqual(test.client_count, len(clients))
        self.assertGreater(test.left_count, 0)
        self.assertLess(test.left_count, test.sample_count)
        self.assertGreater(
            test.auc_recency, test.auc_score, "the bad weights rank worse"
        )
        self.assertIn("<table", test.calibration_html)
        action = test.action_fit_weights()
        fit = self.env["client.retention.weight.fit"].browse(action["res_id"])
        self.assertTrue(fit.applied, fit.outcome)
        self.assertGreater(fit.auc_after, fit.auc_before)
        self.assertGreater(company.retention_weight_recency, 0)
        self.assertIn("Recency", fit.weights_html)
        # the next night's scan uses the fitted weights
        self.scan_on(self.today + timedelta(days=1))
        self.assertGreater(silent.retention_risk_score, steady.retention_risk_score)
        self.assertIn("no purchase for", silent.retention_risk_explanation)
        # fitting again on the same history finds nothing better: kept as is
        weights = company.retention_weight_recency
        again = test.action_fit_weights()
        refit = self.env["client.retention.weight.fit"].browse(again["res_id"])
        self.assertFalse(refit.applied)
        self.assertIn("Not applied", refit.outcome)
        self.assertEqual(company.retention_weight_recency, weights)
        self.assertEqual(len(test.fit_ids), 2, "every fit is kept")

    def test_a_backtest_without_history_says_what_to_do(self):
        test = self.as_manager(
            self.env["client.retention.backtest"], self.other_company
        ).create({"months": 3, "horizon": "180"})
        with self.assertRaisesText(Exception, "no history to test on"):
            test.action_run()

    def test_backtests_are_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["client.retention.backtest"].with_user(self.retention_user).create(
                {"months": 12}
            )

    def test_replayed_today_the_history_gives_what_the_scan_stored(self):
        steady = self.make_client("Steady Replay")
        self.invoices(steady, [300, 240, 180, 120, 60, 5])
        refunded = self.make_client("Refunded Replay")
        first = self.invoice(refunded, 200, amount=300.0)
        self.refund(first, days_ago=150)  # in full: no purchase any more
        partly = self.invoice(refunded, 100, amount=400.0)
        self.refund(partly, amount=100.0, days_ago=80)
        payer = self.make_client("Late Replay")
        late = self.invoice(payer, 120, amount=100.0, due_days=30)
        self.pay(late, 70)
        self.invoice(payer, 70, amount=250.0, due_days=15)  # overdue
        self.invoice(payer, 40, amount=250.0, due_days=15)
        claimant = self.make_client("Claims Replay")
        self.invoices(claimant, [200, 150, 100, 50, 10])
        self.new_claim(
            partner_id=claimant.id,
            sla_start_date=fields.Datetime.now() - timedelta(days=10),
        )
        self.run_sla_check()
        rated = self.new_claim(partner_id=claimant.id)
        rated.stage_id = self.stage_resolved  # asks the client for a rating
        request = rated.rating_ids[:1]
        rated.rating_apply(1, token=request.access_token, feedback="Too slow")
        silent = self.make_client("Silent Replay")
        self.invoices(silent, [700, 600, 500])  # a silent leave
        clients = steady | refunded | payer | claimant | silent
        self.run_scan()
        self.env.flush_all()
        facts, has_claims = backtest_sql.load_facts(self.env.cr, self.company.id)
        settings = self.company._retention_settings()
        Profile = self.env["client.retention.profile"].sudo()
        for client in clients:
            profile = Profile.search(
                [("partner_id", "=", client.id), ("company_id", "=", self.company.id)]
            )
            seen = history.replay(facts[client.id], self.today, settings, has_claims)
            result = risk.score(seen.input, settings)
            if seen.lost:  # a lost client keeps no risk (and is not replayed)
                result = risk.RiskResult(0, False, [])
            self.assertEqual(
                (profile.risk_score, profile.risk_level),
                (result.score, result.level),
                client.name,
            )
            self.assertEqual(
                profile.risk_factors,
                [[c, p, v] for c, p, v in result.factors],
                client.name,
            )
            self.assertEqual(profile.last_purchase_date, seen.figures.last_purchase)
            self.assertAlmostEqual(
                profile.revenue_12m, max(seen.bought["revenue_12m"], 0.0)
            )
            self.assertEqual(profile.state == "lost", seen.lost, client.name)
        self.assertTrue(has_claims)
        self.assertEqual(facts[claimant.id].ratings[0][1], 1)
        self.assertIn(
            "low_ratings",
            [
                code
                for code, _p, _v in Profile.search(
                    [
                        ("partner_id", "=", claimant.id),
                        ("company_id", "=", self.company.id),
                    ]
                ).risk_factors
            ],
        )
        self.assertFalse(facts[refunded.id].moves[0].is_refund)

    def test_every_factor_is_explained_in_words(self):
        worst = risk.RiskInput(
            days_since_last=300,
            avg_interval_days=30,
            purchase_days=2,
            tenure_days=40,
            recent_count=0,
            previous_count=3.0,
            recent_revenue=0.0,
            previous_revenue=900.0,
            claims=4,
            unfounded_claims=2,
            sla_breaches=3,
            overdue_amount=900.0,
            avg_invoice_amount=300.0,
            avg_payment_delay_days=40.0,
            rating_count=2,
            low_rating_count=2,
            satisfaction=10.0,
        )
        settings = dataclasses.replace(
            self.company._retention_settings(), weight_short_tenure=10.0
        )
        factors = risk.score(worst, settings).factors
        self.assertEqual({code for code, _p, _v in factors}, set(risk.FACTORS))
        lines = risk_lines(self.env, factors, self.company.currency_id)
        for (code, points, _values), line in zip(factors, lines, strict=True):
            self.assertNotEqual(line, f"{code}: +{points}", "a sentence, not the code")
        self.assertIn("only 2 purchase day(s) so far", "\n".join(lines))
        self.assertIn("a client for 40 days only", "\n".join(lines))
