import time

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..lib import backtest
from . import backtest_sql


class ClientRetentionBacktest(models.Model):
    """Would the churn-risk score have told us who was about to leave?

    Replays the company's own history on monthly days in the past
    (``lib.backtest``) and compares the score with the days since the last
    purchase alone, on the same clients. Kept, so a manager sees how the
    score did before and after fitting the weights.
    """

    _name = "client.retention.backtest"
    _description = "Churn Risk Backtest"
    _inherit = ["sla.bounded.mixin"]
    _order = "create_date desc, id desc"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
        index=True,
    )
    months = fields.Integer(
        string="Snapshot Months",
        default=12,
        required=True,
        help="How many monthly days in the past the clients are replayed on "
        "(12 to 24 is usual).",
    )
    horizon = fields.Selection(
        [("90", "90 days"), ("180", "180 days")],
        default="180",
        required=True,
        help="How long after each day a client counts as having left: a loss "
        "recorded, or no purchase and dormant at the end.",
    )
    state = fields.Selection(
        [("draft", "Not Run"), ("done", "Done")], default="draft", readonly=True
    )
    first_day = fields.Date(readonly=True)
    last_day = fields.Date(readonly=True)
    sample_count = fields.Integer(string="Client-Days", readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    left_count = fields.Integer(string="Left", readonly=True)
    auc_score = fields.Float(
        string="AUC of the Score",
        digits=(4, 3),
        readonly=True,
        help="The chance that a client who left scored above one who stayed: "
        "0.5 is a coin toss, 1 is perfect.",
    )
    auc_recency = fields.Float(
        string="AUC of Days Since Last Purchase",
        digits=(4, 3),
        readonly=True,
        help="The same for the simplest rule: the longer since the last "
        "purchase, the riskier. The score should do at least as well.",
    )
    auc_active_score = fields.Float(
        string="AUC of the Score (Active Clients)",
        digits=(4, 3),
        readonly=True,
        help="The score's AUC among the clients not yet dormant on the day: "
        "those a salesperson can still keep.",
    )
    auc_active_recency = fields.Float(
        string="AUC of Days Since Last Purchase (Active Clients)",
        digits=(4, 3),
        readonly=True,
    )
    high_precision = fields.Float(string="High: Precision (%)", readonly=True)
    high_recall = fields.Float(string="High: Recall (%)", readonly=True)
    medium_precision = fields.Float(
        string="Medium or High: Precision (%)", readonly=True
    )
    medium_recall = fields.Float(string="Medium or High: Recall (%)", readonly=True)
    top_decile_lift = fields.Float(
        string="Lift of the Top 10%",
        digits=(6, 2),
        readonly=True,
        help="How many times more often the 10% riskiest clients left than "
        "clients on average.",
    )
    calibration = fields.Json(string="Calibration Data", readonly=True)
    calibration_html = fields.Html(
        string="Calibration", compute="_compute_calibration_html", sanitize=False
    )
    duration = fields.Float(string="Duration (s)", digits=(8, 1), readonly=True)
    fit_ids = fields.One2many(
        "client.retention.weight.fit", "backtest_id", string="Weight Fits"
    )

    def _field_bounds(self):
        return {**super()._field_bounds(), "months": (3, 36)}

    @api.depends("calibration")
    def _compute_calibration_html(self):
        _ = self.env._
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("Score"),
            _("Clients"),
            _("Left"),
            _("Share Left"),
        )
        for test in self:
            rows = [
                Markup("<tr><td>%s–%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    low,
                    high,
                    formatLang(self.env, count, digits=0),
                    formatLang(self.env, left, digits=0),
                    "—"
                    if share is None
                    else formatLang(self.env, 100 * share, digits=1) + "%",
                )
                for low, high, count, left, share in test.calibration or ()
            ]
            test.calibration_html = (
                Markup(
                    '<table class="table table-sm o_retention_calibration">%s%s</table>'
                )
                % (head, Markup("").join(rows))
                if rows
                else False
            )

    def _samples(self):
        """Every client on every snapshot day, replayed and scored."""
        self.ensure_one()
        company = self.company_id
        self.env.flush_all()
        facts, has_claims = backtest_sql.load_facts(self.env.cr, company.id)
        days = backtest.snapshot_days(
            fields.Date.context_today(self), self.months, int(self.horizon)
        )
        settings = company._retention_settings()
        samples = backtest.samples(facts, days, int(self.horizon), settings, has_claims)
        if not samples:
            raise UserError(
                self.env._(
                    "No client had bought before %(day)s: there is no history to "
                    "test on. Post customer invoices first, or test fewer months.",
                    day=days[-1],
                )
            )
        return days, samples, settings

    def action_run(self):
        for test in self:
            started = time.monotonic()
            days, samples, _settings = test._samples()
            report = backtest.report(samples)
            test.write(test._report_values(report, days, time.monotonic() - started))
        return True

    @staticmethod
    def _pct(value):
        return 100.0 * value if value is not None else 0.0

    def _report_values(self, report, days, duration):
        return {
            "state": "done",
            "first_day": days[0],
            "last_day": days[-1],
            "sample_count": report.samples,
            "client_count": report.clients,
            "left_count": report.left,
            "auc_score": report.auc_score or 0.0,
            "auc_recency": report.auc_recency or 0.0,
            "auc_active_score": report.auc_active_score or 0.0,
            "auc_active_recency": report.auc_active_recency or 0.0,
            "high_precision": self._pct(report.high[0]),
            "high_recall": self._pct(report.high[1]),
            "medium_precision": self._pct(report.medium[0]),
            "medium_recall": self._pct(report.medium[1]),
            "top_decile_lift": report.lift or 0.0,
            "calibration": report.calibration,
            "duration": duration,
        }

    def action_fit_weights(self):
        """Fit the weights on the older days, judge them on the recent ones,
        and apply them only when they rank the recent days better."""
        self.ensure_one()
        fit = self.env["client.retention.weight.fit"]._fit(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": fit._name,
            "res_id": fit.id,
            "view_mode": "form",
            "target": "current",
        }
