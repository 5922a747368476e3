import dataclasses

from markupsafe import Markup

from odoo import fields, models
from odoo.tools.misc import formatLang

from ..lib import fit as fitting
from ..lib import risk

WEIGHT_FIELDS = {code: f"retention_weight_{code}" for code in risk.FACTORS}


def _with_weights(settings, weights):
    return dataclasses.replace(
        settings, **{f"weight_{code}": value for code, value in weights.items()}
    )


class ClientRetentionWeightFit(models.Model):
    """One fitting of the risk weights to the company's history, kept.

    Learnt on the older snapshot days, judged on the most recent ones; the
    new weights replace the company's only when they rank the judged days
    better (``applied``). Settings keep the weights editable by hand.
    """

    _name = "client.retention.weight.fit"
    _description = "Churn Risk Weight Fit"
    _order = "create_date desc, id desc"
    _rec_name = "create_date"

    backtest_id = fields.Many2one(
        "client.retention.backtest", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="backtest_id.company_id", store=True, index=True
    )
    weights_before = fields.Json(readonly=True)
    weights_after = fields.Json(readonly=True)
    learn_samples = fields.Integer(string="Client-Days Learnt On", readonly=True)
    judge_samples = fields.Integer(string="Client-Days Judged On", readonly=True)
    judge_from = fields.Date(string="Judged From", readonly=True)
    auc_before = fields.Float(
        string="AUC Before",
        digits=(4, 3),
        readonly=True,
        help="The weights in use, on the judged (most recent) days.",
    )
    auc_after = fields.Float(
        string="AUC After",
        digits=(4, 3),
        readonly=True,
        help="The fitted weights, on the same judged days.",
    )
    auc_recency = fields.Float(
        string="AUC of Days Since Last Purchase", digits=(4, 3), readonly=True
    )
    applied = fields.Boolean(readonly=True)
    outcome = fields.Char(readonly=True)
    weights_html = fields.Html(
        string="Weights", compute="_compute_weights_html", sanitize=False
    )

    def _compute_weights_html(self):
        company_fields = self.env["res.company"]._fields
        _ = self.env._
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("Factor"),
            _("Before"),
            _("Fitted"),
        )
        for record in self:
            before, after = record.weights_before or {}, record.weights_after or {}
            rows = [
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    company_fields[field].get_description(self.env)["string"],
                    formatLang(self.env, before.get(code, 0.0), digits=1),
                    formatLang(self.env, after[code], digits=1)
                    if code in after
                    else "—",
                )
                for code, field in WEIGHT_FIELDS.items()
            ]
            record.weights_html = Markup(
                '<table class="table table-sm">%s%s</table>'
            ) % (
                head,
                Markup("").join(rows),
            )

    def _fit(self, backtest):
        """Fit, keep the record, and apply the weights when they are better."""
        days, samples, settings = backtest._samples()
        result = fitting.fit(
            samples, days, int(backtest.horizon), settings, _with_weights
        )
        before = {code: settings.weight(code) for code in risk.FACTORS}
        _ = self.env._
        if not result.learn_days or result.weights is None:
            outcome = _(
                "Nothing to learn from: test more months, or wait for more history "
                "(the fit needs clients who left and clients who stayed on days "
                "at least one horizon before the judged ones)."
            )
        elif result.better:
            outcome = _("Applied: the fitted weights rank the recent days better.")
        else:
            outcome = _(
                "Not applied: the weights in use rank the recent days as well or "
                "better."
            )
        # the fit is kept as the system did it: a manager reads it, never edits it
        record = self.sudo().create(
            {
                "backtest_id": backtest.id,
                "weights_before": before,
                "weights_after": result.weights or {},
                "learn_samples": result.learn_samples,
                "judge_samples": result.judge_samples,
                "judge_from": result.judge_days[0] if result.judge_days else False,
                "auc_before": result.auc_before or 0.0,
                "auc_after": result.auc_after or 0.0,
                "auc_recency": result.auc_recency or 0.0,
                "applied": result.better,
                "outcome": outcome,
            }
        )
        if result.better:
            # the button is the retention manager's; the weights are Settings
            # fields of the company, which a manager may not edit otherwise
            backtest.company_id.sudo().write(
                {WEIGHT_FIELDS[code]: value for code, value in result.weights.items()}
            )
        return record.sudo(False)
