from odoo import api, fields, models

from ..lib import dormancy, rfm, risk
from . import retention_sql
from .risk_text import risk_lines

# Columns the scan writes, in the order of its rows (see ``_upsert``)
SCAN_COLUMNS = (
    "partner_id",
    "company_id",
    "user_id",
    "state",
    "first_purchase_date",
    "last_purchase_date",
    "revenue_12m",
    "invoice_count_12m",
    "avg_invoice_amount",
    "avg_interval_days",
    "invoices_per_year",
    "annual_revenue",
    "overdue_amount",
    "avg_payment_delay_days",
    "risk_score",
    "risk_level",
    "risk_factors",
    "satisfaction",
    "dormant_since",
    "reactivation_sent_date",
    "high_risk_date",
    "reactivation_backlog",
    "scan_date",
)


class ClientRetentionProfile(models.Model):
    """One client's retention figures in one company.

    Written only by the retention scan (and by the win-back at posting), in
    SQL with ``INSERT … ON CONFLICT``: a nightly run over 50,000 clients
    writes one table, not 50,000 partners. A client shared by two companies
    has a row in each, from that company's invoices only. ``res.partner``
    shows the row of the current company through its ``retention_*`` fields.
    """

    _name = "client.retention.profile"
    _description = "Client Retention Profile"
    _order = "risk_score desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        related="partner_id.user_id",
        store=True,
        index=True,
    )
    category_ids = fields.Many2many(related="partner_id.category_id", string="Tags")
    state = fields.Selection(dormancy.STATES, readonly=True, index=True)
    first_purchase_date = fields.Date(readonly=True)
    last_purchase_date = fields.Date(readonly=True)
    revenue_12m = fields.Monetary(string="Revenue (12 months)", readonly=True)
    invoice_count_12m = fields.Integer(string="Invoices (12 months)", readonly=True)
    avg_invoice_amount = fields.Monetary(string="Average Invoice", readonly=True)
    avg_interval_days = fields.Float(
        string="Average Interval (days)", digits=(10, 1), readonly=True
    )
    invoices_per_year = fields.Float(digits=(10, 2), readonly=True)
    annual_revenue = fields.Monetary(readonly=True)
    overdue_amount = fields.Monetary(readonly=True)
    avg_payment_delay_days = fields.Float(
        string="Average Payment Delay (days)", digits=(10, 1), readonly=True
    )
    rfm_r = fields.Integer(string="Recency (R)", readonly=True)
    rfm_f = fields.Integer(string="Frequency (F)", readonly=True)
    rfm_m = fields.Integer(string="Monetary (M)", readonly=True)
    rfm_segment = fields.Selection(rfm.SEGMENTS, string="Segment", readonly=True)
    risk_score = fields.Integer(readonly=True, aggregator="avg")
    risk_level = fields.Selection(risk.LEVELS, readonly=True, index=True)
    risk_factors = fields.Json(readonly=True)
    satisfaction = fields.Float(digits=(5, 1), readonly=True, aggregator="avg")
    # an empty satisfaction reads 0.0: this tells "0%" from "never measured"
    satisfaction_measured = fields.Boolean(compute="_compute_satisfaction_measured")
    dormant_since = fields.Date(readonly=True)
    reactivation_sent_date = fields.Date(readonly=True)
    high_risk_date = fields.Date(
        readonly=True,
        help="When the current high-risk episode was alerted; empty once the "
        "client is back to low risk.",
    )
    reactivation_backlog = fields.Boolean(
        string="Dormant Before the Scan Found It",
        readonly=True,
        help="Dormant and never written to: the dormancy began before the "
        "module was installed, or long before the scan found it. The scan "
        "mails nobody for it; start a reactivation campaign for those you "
        "choose.",
    )
    reactivation_campaign_date = fields.Date(
        string="In Reactivation Campaign Since",
        readonly=True,
        help="A manager chose to write to this client; the mails go out in the "
        "order chosen, a daily number at most (Settings).",
    )
    waiting_activity_type_id = fields.Many2one(
        "mail.activity.type", string="Waiting Activity", readonly=True
    )
    waiting_activity_summary = fields.Char(readonly=True)
    waiting_activity_note = fields.Html(readonly=True)
    waiting_activity_since = fields.Date(
        readonly=True,
        help="The account manager already had the daily number of retention "
        "activities (Settings); this one is given on the next day with room.",
    )
    scan_date = fields.Date(readonly=True, index=True)
    days_since_last_purchase = fields.Integer(
        compute="_compute_days_since_last_purchase"
    )
    risk_explanation = fields.Text(compute="_compute_risk_explanation")
    activity_date_deadline = fields.Date(
        related="partner_id.activity_date_deadline", string="Next Activity"
    )
    activity_summary = fields.Char(related="partner_id.activity_summary")

    # the scan's queue (retention_sql.next_batch): new clients, then the
    # oldest scanned, read in index order
    _scan_queue_idx = models.Index("(company_id, scan_date NULLS FIRST, partner_id)")
    _partner_company_unique = models.Constraint(
        "UNIQUE(partner_id, company_id)",
        "A client has one retention profile per company.",
    )

    def _compute_satisfaction_measured(self):
        self.flush_model(["satisfaction"])
        self.env.cr.execute(
            "SELECT id FROM client_retention_profile"
            " WHERE id = ANY(%s) AND satisfaction IS NOT NULL",
            [self.ids],
        )
        measured = {row[0] for row in self.env.cr.fetchall()}
        for profile in self:
            profile.satisfaction_measured = profile.id in measured

    def init(self):
        retention_sql.create_indexes(self.env.cr)

    @api.depends("last_purchase_date")
    def _compute_days_since_last_purchase(self):
        today = fields.Date.context_today(self)
        for profile in self:
            last = profile.last_purchase_date
            profile.days_since_last_purchase = (
                max((today - last).days, 0) if last else 0
            )

    @api.depends("risk_factors")
    def _compute_risk_explanation(self):
        for profile in self:
            profile.risk_explanation = "\n".join(
                risk_lines(self.env, profile.risk_factors, profile.currency_id)
            )

    # ------------------------------------------------------------ writing

    @api.model
    def _upsert(self, rows):
        """Insert or update profiles from rows of ``SCAN_COLUMNS`` values."""
        if not rows:
            return
        columns = ", ".join(SCAN_COLUMNS)
        updates = ", ".join(
            f"{column} = EXCLUDED.{column}" for column in SCAN_COLUMNS[2:]
        )
        self.env.cr.execute_values(
            f"""
            INSERT INTO client_retention_profile
                ({columns}, create_uid, write_uid, create_date, write_date)
            VALUES %s
            ON CONFLICT (partner_id, company_id) DO UPDATE
               SET {updates}, write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            """,
            [(*row, self.env.uid, self.env.uid) for row in rows],
            template="("
            + ", ".join(["%s"] * len(SCAN_COLUMNS))
            + ", %s, %s, (now() at time zone 'UTC'), (now() at time zone 'UTC'))",
            page_size=1000,
        )
        self._invalidate_retention_caches()

    @api.model
    def _set_state(self, company, partner_ids, state, **values):
        """Set the state (and a few columns) of clients at once, creating
        their profile if the scan has not seen them yet."""
        if not partner_ids:
            return
        sets = ", ".join(
            ["state = EXCLUDED.state"] + [f"{k} = %({k})s" for k in values]
        )
        self.env.cr.execute(
            f"""
            INSERT INTO client_retention_profile
                   (partner_id, company_id, user_id, state, create_uid, write_uid,
                    create_date, write_date)
            SELECT p.id, %(company)s, p.user_id, %(state)s, %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM res_partner p
             WHERE p.id = ANY(%(partners)s)
            ON CONFLICT (partner_id, company_id) DO UPDATE
               SET {sets}, write_date = now() at time zone 'UTC'
            """,
            {
                "company": company.id,
                "state": state,
                "uid": self.env.uid,
                "partners": list(partner_ids),
                **values,
            },
        )
        self._invalidate_retention_caches()

    def action_start_reactivation_campaign(self):
        """Write to the chosen dormant clients the scan left alone (backlog)."""
        chosen, sent = self.env["client.retention.campaign"]._start(self)
        _ = self.env._
        if not chosen:
            message = _(
                "None of the selected clients is dormant and waiting for a first "
                "word: nothing to do."
            )
        else:
            message = _(
                "%(chosen)s client(s) in the campaign: %(sent)s written to today, "
                "the rest on the next days (at most %(cap)s a day, see Settings).",
                chosen=chosen,
                sent=sent,
                cap=self.env.company.retention_campaign_daily_cap,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if chosen else "warning",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _invalidate_retention_caches(self):
        self.env["client.retention.profile"].invalidate_model()
        self.env["res.partner"].invalidate_model(
            self.env["res.partner"]._retention_profile_fields()
        )
