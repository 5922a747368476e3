"""The retention scan's SQL: every figure of a batch of clients, set-wise.

Each function runs a constant number of queries for a whole batch, whatever
its size, and returns plain rows keyed by commercial partner id. Amounts are
the company-currency ``*_signed`` columns of ``account_move``, so refunds
count negative. Nothing here decides a rule: ``lib/`` does.
"""

from odoo.tools.sql import SQL

from . import churn_sql

CUSTOMER_MOVES = "('out_invoice', 'out_refund')"
# the clients' posted customer moves by company and client, with what the
# scan and the churn analysis read of them: both read the index alone
MOVE_INDEX = "client_retention_account_move_purchase_idx"
# the moves of one client, of any state: Odoo's own partner form reads them
# (days sales outstanding) with no index to find them, a scan of every move
CLIENT_MOVES_INDEX = "client_retention_account_move_client_idx"
OLD_MOVE_INDEXES = ("client_retention_account_move_partner_idx",)


def create_indexes(cr):
    """The indexes of the clients' moves (the purchase index replaces the
    narrower one of earlier versions)."""
    for name in OLD_MOVE_INDEXES:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
    cr.execute(
        SQL(
            f"""CREATE INDEX IF NOT EXISTS %s ON account_move
                (company_id, commercial_partner_id, invoice_date)
                INCLUDE (move_type, amount_untaxed_signed, reversed_entry_id, id)
                WHERE state = 'posted' AND move_type IN {CUSTOMER_MOVES}""",
            SQL.identifier(MOVE_INDEX),
        )
    )
    cr.execute(
        SQL(
            "CREATE INDEX IF NOT EXISTS %s ON account_move (commercial_partner_id)",
            SQL.identifier(CLIENT_MOVES_INDEX),
        )
    )


def drop_indexes(cr):
    for name in (MOVE_INDEX, CLIENT_MOVES_INDEX, *OLD_MOVE_INDEXES):
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))


def seed_profiles(cr, company_id, uid):
    """Give every client that bought from the company a profile row.

    Run at every call of the scan: read from the purchase index alone, and
    only for clients without a profile yet."""
    cr.execute(
        SQL(
            """
            INSERT INTO client_retention_profile
                   (partner_id, company_id, create_uid, write_uid, create_date,
                    write_date)
            SELECT DISTINCT m.commercial_partner_id, m.company_id, %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM account_move m
             WHERE m.company_id = %(company)s
               AND %(purchase)s
               AND m.commercial_partner_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1 FROM client_retention_profile prof
                    WHERE prof.partner_id = m.commercial_partner_id
                      AND prof.company_id = m.company_id)
            ON CONFLICT (partner_id, company_id) DO NOTHING
            """,
            company=company_id,
            uid=uid,
            purchase=churn_sql.PURCHASE,
        )
    )


def next_batch(cr, company_id, today, size):
    """Ids of clients of the company not yet scanned today, and how many remain.

    New clients first, then those scanned longest ago: the order of the
    profile's queue index, which the scan walks from its start (reading
    ``size`` rows, not every profile scanned today)."""
    cr.execute(
        """
        SELECT partner_id
          FROM client_retention_profile
         WHERE company_id = %s AND (scan_date IS NULL OR scan_date < %s)
         ORDER BY scan_date NULLS FIRST, partner_id
         LIMIT %s
        """,
        (company_id, today, size),
    )
    ids = [row[0] for row in cr.fetchall()]
    if len(ids) < size:
        return ids, len(ids)
    cr.execute(
        """
        SELECT count(*) FROM client_retention_profile
         WHERE company_id = %s AND (scan_date IS NULL OR scan_date < %s)
        """,
        (company_id, today),
    )
    return ids, cr.fetchone()[0]


def purchase_figures(cr, company_id, partner_ids, windows):
    """Purchase aggregates per client.

    ``windows``: ``today``, ``year_start`` (first day of the last 12 months),
    ``trend_start``. An invoice refunded in full (its refunds reversing it
    sum to its amount) is no purchase: no date, no count; its refunds still
    lower the net amount.
    """
    # one pass over the clients' moves in the purchase index's order (read
    # from it alone), each flagged a purchase or not: the few invoices
    # refunded in full are found first, from their refunds
    cr.execute(
        f"""
        WITH refunded AS (
            SELECT r.reversed_entry_id AS id, -sum(r.amount_untaxed_signed) AS amount
              FROM account_move r
             WHERE r.company_id = %(company)s
               AND r.state = 'posted'
               AND r.move_type = 'out_refund'
               AND r.reversed_entry_id IS NOT NULL
               AND r.commercial_partner_id = ANY(%(partners)s::int[])
             GROUP BY r.reversed_entry_id
        ), cancelled AS MATERIALIZED (
            SELECT i.id
              FROM refunded rf
              JOIN account_move i ON i.id = rf.id
             WHERE i.amount_untaxed_signed - rf.amount <= 0
        ), moves AS (
            SELECT m.commercial_partner_id AS partner_id, m.invoice_date,
                   m.amount_untaxed_signed AS amount,
                   m.move_type = 'out_invoice' AND m.amount_untaxed_signed > 0
                       AND m.id NOT IN (SELECT id FROM cancelled) AS purchase
              FROM account_move m
             WHERE m.company_id = %(company)s
               AND m.state = 'posted'
               AND m.move_type IN {CUSTOMER_MOVES}
               AND m.commercial_partner_id = ANY(%(partners)s::int[])
             -- the index's order; OFFSET 0: the flag computed once per move,
             -- not once per figure
             ORDER BY m.commercial_partner_id
            OFFSET 0
        )
        SELECT partner_id,
               min(invoice_date) FILTER (WHERE purchase),
               max(invoice_date) FILTER (WHERE purchase),
               count(DISTINCT invoice_date) FILTER (WHERE purchase),
               count(*) FILTER (WHERE purchase),
               sum(amount),
               count(*) FILTER (WHERE purchase AND invoice_date >= %(year_start)s),
               COALESCE(sum(amount) FILTER (
                   WHERE invoice_date >= %(year_start)s), 0),
               count(*) FILTER (WHERE purchase AND invoice_date >= %(trend_start)s),
               COALESCE(sum(amount) FILTER (
                   WHERE invoice_date >= %(trend_start)s), 0),
               count(*) FILTER (WHERE purchase AND invoice_date < %(trend_start)s),
               COALESCE(sum(amount) FILTER (
                   WHERE invoice_date < %(trend_start)s), 0)
          FROM moves
         GROUP BY partner_id
        """,
        {
            "company": company_id,
            "partners": churn_sql.array_literal(partner_ids),
            **windows,
        },
    )
    keys = (
        "first_date",
        "last_date",
        "distinct_days",
        "invoice_count",
        "net_amount",
        "count_12m",
        "revenue_12m",
        "recent_count",
        "recent_revenue",
        "count_before",
        "revenue_before",
    )
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in cr.fetchall()}


def payment_figures(cr, company_id, partner_ids, today, year_start):
    """Overdue amount now, and the average days invoices of the last 12
    months were paid after their due date (from reconciled payments)."""
    cr.execute(
        """
        WITH invoices AS (
            SELECT m.id, m.commercial_partner_id AS partner_id, m.invoice_date,
                   m.invoice_date_due, m.amount_residual_signed AS residual,
                   m.payment_state
              FROM account_move m
             WHERE m.company_id = %(company)s
               AND m.state = 'posted'
               AND m.move_type = 'out_invoice'
               AND m.commercial_partner_id = ANY(%(partners)s::int[])
        ), paid AS (
            SELECT i.partner_id,
                   GREATEST(max(p.max_date) - i.invoice_date_due, 0) AS delay
              FROM invoices i
              JOIN account_move_line l
                ON l.move_id = i.id AND l.display_type = 'payment_term'
              JOIN account_partial_reconcile p ON p.debit_move_id = l.id
             WHERE i.payment_state IN ('paid', 'in_payment')
               AND i.invoice_date >= %(year_start)s
               AND i.invoice_date_due IS NOT NULL
             GROUP BY i.id, i.partner_id, i.invoice_date_due
        ), overdue AS (
            SELECT partner_id, sum(residual) AS amount
              FROM invoices
             WHERE residual > 0 AND invoice_date_due < %(today)s
             GROUP BY partner_id
        )
        SELECT partner_id, max(amount), max(delay)
          FROM (
                SELECT partner_id, amount, NULL::numeric AS delay FROM overdue
                UNION ALL
                SELECT partner_id, NULL, avg(delay) FROM paid GROUP BY partner_id
               ) figures
         GROUP BY partner_id
        """,
        {
            "company": company_id,
            "partners": churn_sql.array_literal(partner_ids),
            "today": today,
            "year_start": year_start,
        },
    )
    return {row[0]: (row[1], row[2]) for row in cr.fetchall()}


def company_has_claims(cr, company_id):
    """Whether the company records claims at all: without any, the claim
    factors have no data (rather than zero claims for every client)."""
    cr.execute("SELECT 1 FROM sla_claim WHERE company_id = %s LIMIT 1", (company_id,))
    return bool(cr.fetchone())


def claim_figures(cr, company_id, partner_ids, claims_start, sla_start, ratings_start):
    """Claims, unfounded claims and breached deadlines in their windows, and
    the ratings given on the company's claims: ``{partner: (claims,
    unfounded, breaches, ratings, low ratings)}``."""
    cr.execute(
        """
        WITH claims AS (
            SELECT c.id, c.commercial_partner_id AS partner_id, c.sla_start_date,
                   c.is_unfounded, c.sla_response_state, c.response_deadline,
                   c.sla_resolution_state, c.resolution_deadline
              FROM sla_claim c
             WHERE c.company_id = %(company)s
               AND c.commercial_partner_id = ANY(%(partners)s::int[])
        ), counts AS (
            SELECT partner_id,
                   count(*) FILTER (WHERE sla_start_date >= %(claims_start)s) AS claims,
                   count(*) FILTER (
                       WHERE sla_start_date >= %(claims_start)s AND is_unfounded
                   ) AS unfounded,
                   count(*) FILTER (
                       WHERE sla_response_state = 'breached'
                         AND response_deadline >= %(sla_start)s)
                   + count(*) FILTER (
                       WHERE sla_resolution_state = 'breached'
                         AND resolution_deadline >= %(sla_start)s) AS breaches
              FROM claims
             GROUP BY partner_id
        ), ratings AS (
            SELECT c.partner_id, count(*) AS rated,
                   count(*) FILTER (WHERE r.rating <= %(low)s) AS low
              FROM rating_rating r
              JOIN claims c ON c.id = r.res_id
             WHERE r.res_model = 'sla.claim' AND r.consumed AND r.rating > 0
               AND r.write_date >= %(ratings_start)s
             GROUP BY c.partner_id
        )
        SELECT counts.partner_id, counts.claims, counts.unfounded, counts.breaches,
               COALESCE(ratings.rated, 0), COALESCE(ratings.low, 0)
          FROM counts
          LEFT JOIN ratings ON ratings.partner_id = counts.partner_id
        """,
        {
            "company": company_id,
            "partners": churn_sql.array_literal(partner_ids),
            "claims_start": claims_start,
            "sla_start": sla_start,
            "ratings_start": ratings_start,
            "low": 2,
        },
    )
    return {row[0]: row[1:] for row in cr.fetchall()}


def satisfaction(cr, partner_ids):
    """The score (0–100) of each client's latest completed satisfaction survey,
    answered by the client or any of its contacts."""
    cr.execute(
        """
        SELECT DISTINCT ON (p.commercial_partner_id)
               p.commercial_partner_id, ui.scoring_percentage
          FROM survey_user_input ui
          JOIN survey_survey s ON s.id = ui.survey_id
          JOIN res_partner p ON p.id = ui.partner_id
         WHERE s.retention_kind = 'satisfaction'
           AND ui.state = 'done' AND NOT ui.test_entry
           AND p.commercial_partner_id = ANY(%s)
         ORDER BY p.commercial_partner_id, ui.end_datetime DESC NULLS LAST, ui.id DESC
        """,
        (list(partner_ids),),
    )
    return dict(cr.fetchall())


def profile_state(cr, company_id, partner_ids):
    """What the previous scans kept: ``{partner: (salesperson, reactivation
    sent, high-risk date, lost, scanned before)}``; lost means an open lost
    churn event."""
    cr.execute(
        """
        SELECT p.id, p.user_id, pr.reactivation_sent_date, pr.high_risk_date,
               EXISTS (
                   SELECT 1 FROM client_churn_event e
                    WHERE e.partner_id = p.id AND e.company_id = %(company)s
                      AND e.state = 'lost'
               ),
               pr.scan_date IS NOT NULL
          FROM res_partner p
          LEFT JOIN client_retention_profile pr
            ON pr.partner_id = p.id AND pr.company_id = %(company)s
         WHERE p.id = ANY(%(partners)s::int[])
        """,
        {"company": company_id, "partners": churn_sql.array_literal(partner_ids)},
    )
    return {row[0]: row[1:] for row in cr.fetchall()}


def rfm_inputs(cr, company_id, today):
    """``(partner, days since last purchase, invoices 12m, revenue 12m)`` of
    every client of the company that bought and is not lost."""
    cr.execute(
        """
        SELECT partner_id, GREATEST(%s - last_purchase_date, 0),
               invoice_count_12m, GREATEST(revenue_12m, 0)
          FROM client_retention_profile
         WHERE company_id = %s AND last_purchase_date IS NOT NULL
           AND state IS DISTINCT FROM 'lost'
        """,
        (today, company_id),
    )
    return cr.fetchall()


def write_rfm(cr, company_id, scores):
    """Store RFM scores (``[(partner, r, f, m, segment)]``); clear the rest."""
    cr.execute(
        """
        UPDATE client_retention_profile
           SET rfm_r = NULL, rfm_f = NULL, rfm_m = NULL, rfm_segment = NULL
         WHERE company_id = %s AND rfm_segment IS NOT NULL
           AND (last_purchase_date IS NULL OR state = 'lost')
        """,
        (company_id,),
    )
    cr.execute_values(
        """
        UPDATE client_retention_profile pr
           SET rfm_r = v.r, rfm_f = v.f, rfm_m = v.m, rfm_segment = v.segment
          FROM (VALUES %s) AS v(partner_id, r, f, m, segment)
         WHERE pr.company_id = {company} AND pr.partner_id = v.partner_id
           AND (pr.rfm_segment IS DISTINCT FROM v.segment
                OR pr.rfm_r IS DISTINCT FROM v.r OR pr.rfm_f IS DISTINCT FROM v.f
                OR pr.rfm_m IS DISTINCT FROM v.m)
        """.replace("{company}", str(int(company_id))),
        scores,
        page_size=5000,
    )
