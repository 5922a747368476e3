from odoo import api, fields, models, tools

from ..lib import letgo

CLAIMS_WINDOW_MONTHS = 12


class ClientLetgoReview(models.Model):
    """Clients of each company with the evidence for letting them go: an SQL
    view over the retention profiles, the claims of the last 12 months and
    the team's own notes. The thresholds are the company's (Settings)."""

    _name = "client.letgo.review"
    _description = "Let-go Review"
    _auto = False
    _order = "sign_count desc, claims_per_month desc, payment_delay_days desc"
    _rec_name = "partner_id"
    _depends = {
        "client.retention.profile": [
            "partner_id",
            "company_id",
            "state",
            "avg_payment_delay_days",
            "overdue_amount",
        ],
        "res.partner": [
            "active",
            "user_id",
            "offboarding_pressure",
            "offboarding_pressure_note",
            "offboarding_blame",
            "offboarding_blame_note",
        ],
        "res.company": [
            "offboarding_letgo_claims_per_month",
            "offboarding_letgo_unfounded_pct",
            "offboarding_letgo_min_claims",
            "offboarding_letgo_delay_days",
            "offboarding_letgo_overdue_amount",
        ],
        "sla.claim": [
            "commercial_partner_id",
            "company_id",
            "is_unfounded",
            "sla_start_date",
        ],
        "client.offboarding": ["partner_id", "company_id", "state"],
    }

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    retention_state = fields.Selection(
        related="partner_id.retention_state", string="Retention State"
    )
    claim_count = fields.Integer(string="Claims (12 months)", readonly=True)
    unfounded_count = fields.Integer(string="Unfounded Claims", readonly=True)
    claims_per_month = fields.Float(digits=(10, 2), readonly=True)
    unfounded_share = fields.Float(
        string="Unfounded Claims (%)", digits=(5, 1), readonly=True
    )
    payment_delay_days = fields.Float(
        string="Average Payment Delay (days)", digits=(10, 1), readonly=True
    )
    overdue_amount = fields.Monetary(readonly=True)
    pressure = fields.Boolean(string="Pressure or Threats", readonly=True)
    pressure_note = fields.Text(readonly=True)
    blame = fields.Boolean(string="Blame-shifting", readonly=True)
    blame_note = fields.Text(readonly=True)
    is_demanding = fields.Boolean(string="Excessive Demands", readonly=True)
    is_late_payer = fields.Boolean(string="Late Payer", readonly=True)
    sign_count = fields.Integer(string="Signs", readonly=True)
    main_sign = fields.Selection(
        [
            (letgo.DEMANDS, "Excessive demands"),
            (letgo.LATE_PAYER, "Late payer"),
            (letgo.PRESSURE, "Pressure or threats"),
            (letgo.BLAME, "Blame-shifting"),
        ],
        readonly=True,
    )
    has_open_case = fields.Boolean(string="Being Offboarded", readonly=True)

    def _signs(self):
        self.ensure_one()
        return [
            sign
            for sign, flag in (
                (letgo.DEMANDS, self.is_demanding),
                (letgo.LATE_PAYER, self.is_late_payer),
                (letgo.PRESSURE, self.pressure),
                (letgo.BLAME, self.blame),
            )
            if flag
        ]

    def _query(self):
        return f"""
            WITH figures AS (
                SELECT prof.id, prof.partner_id, prof.company_id,
                       p.user_id,
                       COALESCE(cl.claims, 0) AS claim_count,
                       COALESCE(cl.unfounded, 0) AS unfounded_count,
                       round(COALESCE(cl.claims, 0) / {CLAIMS_WINDOW_MONTHS}.0, 2)
                           AS claims_per_month,
                       CASE WHEN cl.claims > 0
                            THEN round(cl.unfounded * 100.0 / cl.claims, 1)
                            ELSE 0 END AS unfounded_share,
                       COALESCE(prof.avg_payment_delay_days, 0)
                           AS payment_delay_days,
                       COALESCE(prof.overdue_amount, 0) AS overdue_amount,
                       COALESCE(p.offboarding_pressure, FALSE) AS pressure,
                       p.offboarding_pressure_note AS pressure_note,
                       COALESCE(p.offboarding_blame, FALSE) AS blame,
                       p.offboarding_blame_note AS blame_note,
                       co.offboarding_letgo_claims_per_month AS max_per_month,
                       co.offboarding_letgo_unfounded_pct AS max_unfounded,
                       co.offboarding_letgo_min_claims AS min_claims,
                       co.offboarding_letgo_delay_days AS max_delay,
                       co.offboarding_letgo_overdue_amount AS max_overdue,
                       EXISTS (
                           SELECT 1 FROM client_offboarding o
                            WHERE o.partner_id = prof.partner_id
                              AND o.company_id = prof.company_id
                              AND o.state IN ('draft', 'retention', 'notice',
                                              'handover')
                       ) AS has_open_case
                  FROM client_retention_profile prof
                  JOIN res_partner p ON p.id = prof.partner_id
                  JOIN res_company co ON co.id = prof.company_id
                  -- per client, so that one client's review (its form)
                  -- reads its own claims only
                  CROSS JOIN LATERAL (
                      SELECT count(*) AS claims,
                             count(*) FILTER (WHERE c.is_unfounded) AS unfounded
                        FROM sla_claim c
                       WHERE c.commercial_partner_id = prof.partner_id
                         AND c.company_id = prof.company_id
                         AND COALESCE(c.sla_start_date, c.create_date)
                             >= (now() at time zone 'UTC')
                                - interval '{CLAIMS_WINDOW_MONTHS} months'
                  ) cl
                 WHERE prof.state IS DISTINCT FROM 'lost' AND p.active
            ), judged AS (
                SELECT figures.*,
                       (claim_count >= COALESCE(min_claims, 0)
                        AND (claims_per_month > COALESCE(max_per_month, 0)
                             OR unfounded_share >= COALESCE(max_unfounded, 0)))
                           AS is_demanding,
                       (payment_delay_days >= COALESCE(max_delay, 0)
                        OR (COALESCE(max_overdue, 0) > 0
                            AND overdue_amount > max_overdue)) AS is_late_payer
                  FROM figures
            )
            SELECT id, partner_id, company_id, user_id, claim_count,
                   unfounded_count, claims_per_month, unfounded_share,
                   payment_delay_days, overdue_amount, pressure, pressure_note,
                   blame, blame_note, is_demanding, is_late_payer, has_open_case,
                   is_demanding::int + is_late_payer::int + pressure::int
                       + blame::int AS sign_count,
                   CASE WHEN is_demanding THEN 'demands'
                        WHEN is_late_payer THEN 'late_payer'
                        WHEN pressure THEN 'pressure'
                        WHEN blame THEN 'blame' END AS main_sign
              FROM judged
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})"
        )

    @api.readonly  # a form to open: run on the replica when Odoo has one
    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            # on its Let-go Review tab, not on Contacts & Addresses
            "views": [
                (
                    self.env.ref(
                        "client_offboarding.res_partner_view_form_letgo_review"
                    ).id,
                    "form",
                )
            ],
        }

    def action_start_offboarding(self):
        self.ensure_one()
        return self.partner_id.with_company(
            self.company_id
        ).action_start_offboarding_company()
