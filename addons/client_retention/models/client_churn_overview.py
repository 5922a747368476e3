from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ClientChurnAnalysis(models.TransientModel):
    """The Retention overview: what a manager opens first."""

    _inherit = "client.churn.analysis"

    at_risk_clients = fields.Integer(compute="_compute_overview")
    dormant_clients = fields.Integer(compute="_compute_overview")
    backlog_clients = fields.Integer(
        string="Dormant Before the Module Was Installed",
        compute="_compute_overview",
        help="Dormant clients the scan did not write to because they fell "
        "silent before the module was installed (or long before the scan "
        "found them). Start a reactivation campaign for those you choose.",
    )
    backtest_auc_score = fields.Float(
        string="Risk Score AUC (Last Backtest)",
        compute="_compute_overview",
        digits=(4, 3),
        help="How well the churn-risk score ranked who left, in the last "
        "backtest on your own history: 0.5 is a coin toss, 1 is perfect.",
    )
    backtest_auc_recency = fields.Float(
        string="Days Since Last Purchase AUC (Last Backtest)",
        compute="_compute_overview",
        digits=(4, 3),
    )
    lost_this_quarter = fields.Integer(compute="_compute_overview")
    won_back_this_quarter = fields.Integer(compute="_compute_overview")
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        compute="_compute_overview",
        digits=(5, 1),
        help="Deadlines met among the claim deadlines that ended in the range.",
    )

    @api.depends("company_id", "date_from", "date_to")
    def _compute_overview(self):
        today = fields.Date.context_today(self)
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        Profile = self.env["client.retention.profile"].sudo()
        Losses = self.env["client.churn.report"].sudo()
        Claim = self.env["sla.claim"].sudo()
        Backtest = self.env["client.retention.backtest"].sudo()
        for analysis in self:
            company = [("company_id", "=", analysis.company_id.id)]
            states = dict(Profile._read_group(company, ["state"], ["__count"]))
            analysis.at_risk_clients = states.get("at_risk", 0)
            analysis.dormant_clients = states.get("dormant", 0)
            analysis.backlog_clients = Profile.search_count(
                company
                + [("state", "=", "dormant"), ("reactivation_backlog", "=", True)]
            )
            test = Backtest.search(company + [("state", "=", "done")], limit=1)
            analysis.backtest_auc_score = test.auc_score
            analysis.backtest_auc_recency = test.auc_recency
            # the losses of the Churn Report, the Dashboard and the analysis
            analysis.lost_this_quarter = Losses.search_count(
                company + [("date", ">=", quarter), ("date", "<=", today)]
            )
            analysis.won_back_this_quarter = Losses.search_count(
                company + [("won_back_date", ">=", quarter)]
            )
            met = breached = 0
            for clock in ("sla_response_state", "sla_resolution_state"):
                deadline = clock.replace("sla_", "").replace("_state", "_deadline")
                rows = Claim._read_group(
                    company
                    + [
                        (clock, "in", ("met", "breached")),
                        (deadline, ">=", analysis.date_from or today),
                        (
                            deadline,
                            "<",
                            (analysis.date_to or today) + relativedelta(days=1),
                        ),
                    ],
                    [clock],
                    ["__count"],
                )
                counts = dict(rows)
                met += counts.get("met", 0)
                breached += counts.get("breached", 0)
            analysis.sla_compliance = (
                100.0 * met / (met + breached) if met + breached else 0.0
            )

    @api.model
    def action_open_overview(self):
        """Trailing 12 full months of the current company."""
        month = fields.Date.context_today(self).replace(day=1)
        values = {
            "date_from": month - relativedelta(months=12),
            "date_to": month - relativedelta(days=1),
            "granularity": "month",
            "is_overview": True,
            "company_id": self.env.company.id,
        }
        # its figures are computed when read: one record a user and month,
        # not one a visit
        overview = self.search(
            [(name, "=", value) for name, value in values.items()]
            + [("create_uid", "=", self.env.uid)],
            limit=1,
        ) or self.create(values)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retention Overview"),
            "res_model": self._name,
            "res_id": overview.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("client_retention.client_churn_overview_view_form").id,
                    "form",
                )
            ],
            "target": "current",
        }
