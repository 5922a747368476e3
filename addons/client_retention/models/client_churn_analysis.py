from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date
from odoo.tools.sql import SQL

from odoo.addons.sla_claims.models.cron_progress import commit_progress, retried_soon

from ..lib import churn
from . import churn_sql

BREAKDOWNS = {
    "reason": SQL("e.reason_id"),
    "category": SQL("r.category"),
    "avoidable": SQL("e.avoidable"),
    "initiated_by": SQL("e.initiated_by"),
    "salesperson": SQL("e.user_id"),
    "tag": SQL("t.category_id"),
}


class ClientChurnAnalysis(models.TransientModel):
    """Churn over a date range: rates, money lost, reasons and cohorts."""

    _name = "client.churn.analysis"
    _description = "Churn Analysis"
    _inherit = ["client.churn.analysis.xlsx"]

    date_from = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self) - relativedelta(months=12, day=1)
        ),
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self) + relativedelta(day=1, days=-1)
        ),
    )
    granularity = fields.Selection(
        churn.GRANULARITIES, required=True, default=churn.MONTH
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_ids = fields.Many2many("res.users", string="Salespeople")
    category_ids = fields.Many2many("res.partner.category", string="Client Tags")
    is_overview = fields.Boolean(readonly=True)  # opened as the Retention Overview
    clients_at_start = fields.Integer(compute="_compute_summary")
    lost_clients = fields.Integer(
        compute="_compute_summary",
        help="Losses dated in the range, new clients lost in it included (a "
        "client lost, won back and lost again counts twice): the count of the "
        "Churn Report, the Dashboard and every sheet of the workbook.",
    )
    new_clients = fields.Integer(compute="_compute_summary")
    won_back = fields.Integer(compute="_compute_summary")
    churn_rate = fields.Float(
        compute="_compute_summary",
        digits=(5, 2),
        help="Clients at the start lost in the range ÷ clients at the start.",
    )
    annualized_churn_rate = fields.Float(
        compute="_compute_summary",
        digits=(5, 2),
        help="The churn over the range as a rate per year: 12 months give the "
        "same rate by month, quarter or year.",
    )
    churn_status = fields.Selection(churn.STATUSES, compute="_compute_summary")
    monetary_churn = fields.Monetary(
        compute="_compute_summary",
        help="Lost annual revenue ÷ periods in a year: the revenue lost per "
        "month, quarter or year, as the granularity says.",
    )
    lost_annual_revenue = fields.Monetary(
        compute="_compute_summary",
        help="What the clients lost in the range invoiced in the 12 months "
        "before their loss. Clients won back since are left out: their revenue "
        "came back.",
    )
    win_back_rate = fields.Float(compute="_compute_summary", digits=(5, 2))
    save_rate = fields.Float(
        compute="_compute_summary",
        digits=(5, 2),
        help="Clients kept by a retention offer ÷ clients who asked to leave "
        "(filled by Client Offboarding).",
    )
    summary_note = fields.Char(compute="_compute_summary")

    @api.depends("date_from", "date_to", "is_overview")
    def _compute_display_name(self):
        _ = self.env._
        for analysis in self:
            analysis.display_name = (
                _("Retention Overview")
                if analysis.is_overview
                else _(
                    "Churn from %(start)s to %(end)s",
                    start=format_date(self.env, analysis.date_from),
                    end=format_date(self.env, analysis.date_to),
                )
            )

    @api.constrains("date_from", "date_to")
    def _check_range(self):
        for analysis in self:
            analysis._check_dates()

    def _check_dates(self):
        if not self.date_from or not self.date_to:
            raise ValidationError(
                self.env._("Give the analysis a start and an end date.")
            )
        if self.date_to < self.date_from:
            raise ValidationError(
                self.env._(
                    "The analysis ends (%(end)s) before it starts (%(start)s): "
                    "swap the dates.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )

    # ------------------------------------------------------------ figures

    def _clients_sql(self):
        """The analysed clients, read now, as SQL for the queries that
        follow (see ``churn_sql.read_clients``)."""
        self.env["account.move"].flush_model()
        return churn_sql.read_clients(
            self.env.cr,
            churn_sql.client_filter(
                self.company_id.id, self.user_ids.ids, self.category_ids.ids
            ),
        )

    def _periods(self):
        return churn.periods(self.date_from, self.date_to, self.granularity)

    def _read_history(self):
        """First purchases and churn events of the analysed clients."""
        cr, clients = self.env.cr, self._clients_sql()
        self.env["client.churn.event"].flush_model()
        self.env["account.move"].flush_model()
        firsts = churn_sql.first_purchases(cr, clients, self.date_to)
        rows = churn_sql.churn_events(cr, clients, self.company_id.id, self.date_to)
        events = [
            churn.EventRow(p, first, day, back, float(revenue), round(count))
            for _id, p, first, day, back, revenue, count in rows
        ]
        return firsts, events

    @api.readonly  # read on the replica when Odoo has one
    def get_period_rows(self):
        """One dict per period (see ``lib.churn.PeriodRow``)."""
        self.ensure_one()
        self._check_dates()
        firsts, events = self._read_history()
        return [
            churn.period_row(period, firsts, events, self.granularity)._asdict()
            for period in self._periods()
        ]

    @api.depends(
        "date_from", "date_to", "granularity", "company_id", "user_ids", "category_ids"
    )
    def _compute_summary(self):
        for analysis in self:
            analysis._compute_one_summary()

    def _compute_one_summary(self):
        values = dict.fromkeys(
            ("clients_at_start", "lost_clients", "new_clients", "won_back"), 0
        )
        values.update(
            churn_rate=0.0,
            annualized_churn_rate=0.0,
            churn_status=churn.OK,
            monetary_churn=0.0,
            lost_annual_revenue=0.0,
            win_back_rate=0.0,
            save_rate=0.0,
            summary_note=False,
        )
        if self.date_from and self.date_to and self.date_from <= self.date_to:
            values.update(self._summary())
        self.update(values)

    def _summary(self):
        firsts, events = self._read_history()
        periods = self._periods()
        rows = [churn.period_row(p, firsts, events, self.granularity) for p in periods]
        whole = churn.period_row(
            churn.Period(self.date_from, self.date_to), firsts, events, self.granularity
        )
        company = self.company_id
        annual = churn.annualized(
            whole.churn_rate, churn.range_years(self.date_from, self.date_to)
        )
        lost_in_range = [e for e in events if self.date_from <= e.date <= self.date_to]
        return {
            "clients_at_start": whole.clients_at_start,
            "lost_clients": whole.lost_clients,
            "new_clients": whole.new_clients,
            "won_back": whole.won_back,
            "churn_rate": whole.churn_rate,
            "annualized_churn_rate": annual,
            "churn_status": churn.status(
                annual,
                company.retention_churn_warning_pct,
                company.retention_churn_critical_pct,
            ),
            "monetary_churn": sum(row.monetary_churn for row in rows),
            "lost_annual_revenue": whole.lost_annual_revenue,
            "win_back_rate": churn.churn_rate(
                sum(1 for e in lost_in_range if e.won_back_date), len(lost_in_range)
            ),
            "save_rate": self._save_rate() or 0.0,
            "summary_note": False
            if whole.clients_at_start
            else self.env._(
                "No client had bought before %(date)s: the churn rate is 0.",
                date=self.date_from,
            ),
        }

    def _save_rate(self):
        """Share (%) of clients asking to leave who were kept; the offboarding
        module fills it. ``False`` while nothing measures it."""
        return False

    @api.readonly  # read on the replica when Odoo has one
    def get_breakdowns(self):
        """``{kind: [(label, clients, lost annual revenue)]}`` for the range."""
        self.ensure_one()
        self._check_dates()
        self.env["client.churn.event"].flush_model()
        clients = self._clients_sql()
        result = {}
        for kind, key in BREAKDOWNS.items():
            rows = churn_sql.breakdown(
                self.env.cr,
                clients,
                self.company_id.id,
                self.date_from,
                self.date_to,
                key,
                by_tag=kind == "tag",
            )
            labels = self._labels(kind, [row[0] for row in rows])
            result[kind] = [
                (labels.get(key, key), count, float(amount))
                for key, count, amount in rows
            ]
        return result

    def _labels(self, kind, keys):
        _ = self.env._
        none = _("None")
        if kind == "reason":
            records = self.env["client.exit.reason"].browse([k for k in keys if k])
        elif kind == "salesperson":
            records = self.env["res.users"].browse([k for k in keys if k])
        elif kind == "tag":
            records = self.env["res.partner.category"].browse([k for k in keys if k])
        else:
            field = {
                "category": self.env["client.exit.reason"]._fields["category"],
                "initiated_by": self.env["client.churn.event"]._fields["initiated_by"],
            }.get(kind)
            if field:
                names = dict(field._description_selection(self.env))
                return {k: names.get(k, none) for k in keys}
            return {True: _("Avoidable"), False: _("Not avoidable"), None: none}
        labels = {record.id: record.display_name for record in records.exists()}
        labels[None] = none
        return labels

    @api.readonly  # read on the replica when Odoo has one
    def get_top_lost(self, limit=10):
        """The losses of the range, those still costing most first (the
        clients won back since last): the same losses as the figures."""
        self.ensure_one()
        self._check_dates()
        rows = churn_sql.churn_events(
            self.env.cr, self._clients_sql(), self.company_id.id, self.date_to
        )
        ids = [row[0] for row in rows if self.date_from <= row[3]]
        return self.env["client.churn.event"].search(
            [("id", "in", ids)],
            order="state, lost_annual_revenue desc, date desc",
            limit=limit,
        )

    @api.readonly  # read on the replica when Odoo has one
    def get_cohorts(self):
        """``[(cohort month, clients, [share % bought per month offset])]``."""
        self.ensure_one()
        self._check_dates()
        self.env["account.move"].flush_model()
        rows = churn_sql.cohorts(
            self.env.cr,
            self._clients_sql(),
            self.company_id.id,
            self.date_from,
            self.date_to,
        )
        sizes = {month: count for month, offset, count in rows if offset == 0}
        counts = {(month, offset): count for month, offset, count in rows}
        shares = churn.cohort_shares(sizes, counts)
        return [(month, sizes[month], shares[month]) for month in sorted(sizes)]

    @api.model
    def _cron_churn_alert(self):
        """Monthly: trailing-12-month churn of each company against its lines;
        one alarm (activity and message to the retention managers) a month."""
        today = fields.Date.context_today(self)
        Alert = self.env["client.churn.alert"].sudo()
        companies = self.env["res.company"].sudo().search([])
        with retried_soon(self.env, "client_retention.ir_cron_churn_alert"):
            for done, company in enumerate(companies, 1):
                Alert.with_company(company)._check_company_month(company, today)
                # the companies left: a failure after some is retried at once
                commit_progress(self.env, 1, len(companies) - done)
