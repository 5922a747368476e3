"""The churn analysis's SQL: a constant number of queries per analysis.

Clients are the commercial partners with a posted customer invoice in the
company, narrowed by salesperson and partner tags; ``client_filter`` gives
the SQL for that set, the other functions read through it.
"""

from odoo.tools.sql import SQL


def client_filter(company_id, user_ids, category_ids):
    """SQL of ``(id, first_purchase)`` for the analysed clients."""
    conditions = [SQL("TRUE")]
    if user_ids:
        conditions.append(SQL("p.user_id = ANY(%s)", list(user_ids)))
    if category_ids:
        conditions.append(
            SQL(
                """EXISTS (SELECT 1 FROM res_partner_res_partner_category_rel r
                            WHERE r.partner_id = p.id AND r.category_id = ANY(%s))""",
                list(category_ids),
            )
        )
    return SQL(
        """
        SELECT m.commercial_partner_id AS id, min(m.invoice_date) AS first_purchase
          FROM account_move m
          JOIN res_partner p ON p.id = m.commercial_partner_id
         WHERE m.company_id = %(company)s
           AND m.state = 'posted'
           AND m.move_type = 'out_invoice'
           AND m.invoice_date IS NOT NULL
           AND %(conditions)s
         GROUP BY m.commercial_partner_id
        """,
        company=company_id,
        conditions=SQL(" AND ").join(conditions),
    )


def first_purchases(cr, clients, date_to):
    """``[(first purchase date, clients)]`` up to ``date_to``, sorted."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%s)
            SELECT first_purchase, count(*) FROM clients
             WHERE first_purchase <= %s
             GROUP BY first_purchase ORDER BY first_purchase
            """,
            clients,
            date_to,
        )
    )
    return cr.fetchall()


def churn_events(cr, clients, company_id, date_from, date_to):
    """Every loss of the clients up to ``date_to``; those in the range carry
    the client's revenue and invoices of the 12 months before the loss."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s)
            SELECT e.partner_id, c.first_purchase, e.date, e.won_back_date,
                   COALESCE(before.revenue, 0), COALESCE(before.invoices, 0),
                   COALESCE(e.lost_annual_revenue, 0)
              FROM client_churn_event e
              JOIN clients c ON c.id = e.partner_id
              LEFT JOIN LATERAL (
                    SELECT sum(m.amount_untaxed_signed) AS revenue,
                           count(*) FILTER (WHERE m.move_type = 'out_invoice')
                               AS invoices
                      FROM account_move m
                     WHERE e.date >= %(date_from)s
                       AND m.company_id = e.company_id
                       AND m.commercial_partner_id = e.partner_id
                       AND m.state = 'posted'
                       AND m.move_type IN ('out_invoice', 'out_refund')
                       AND m.invoice_date >= e.date - 365
                       AND m.invoice_date < e.date
                   ) before ON TRUE
             WHERE e.company_id = %(company)s AND e.date <= %(date_to)s
             ORDER BY e.date, e.id
            """,
            clients=clients,
            company=company_id,
            date_from=date_from,
            date_to=date_to,
        )
    )
    return cr.fetchall()


def breakdown(cr, clients, company_id, date_from, date_to, key, by_tag=False):
    """Losses in the range grouped by ``key`` (an SQL expression over the
    event ``e``, its reason ``r`` and client ``p``): ``[(key, clients,
    lost annual revenue)]``, most clients first."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s)
            SELECT %(key)s AS key, count(DISTINCT e.partner_id),
                   COALESCE(sum(e.lost_annual_revenue), 0)
              FROM client_churn_event e
              JOIN clients c ON c.id = e.partner_id
              JOIN res_partner p ON p.id = e.partner_id
              LEFT JOIN client_exit_reason r ON r.id = e.reason_id
              %(joins)s
             WHERE e.company_id = %(company)s
               AND e.date BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY 1
             ORDER BY 2 DESC, 3 DESC
            """,
            clients=clients,
            key=key,
            joins=SQL(
                "LEFT JOIN res_partner_res_partner_category_rel t"
                " ON t.partner_id = p.id"
            )
            if by_tag
            else SQL(""),
            company=company_id,
            date_from=date_from,
            date_to=date_to,
        )
    )
    return cr.fetchall()


def cohorts(cr, clients, company_id, date_from, date_to):
    """``(cohort month, clients)`` and ``(cohort month, month offset,
    clients who bought)`` for clients whose first purchase is in the range."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s),
            cohort AS (
                SELECT id, date_trunc('month', first_purchase)::date AS month
                  FROM clients
                 WHERE first_purchase BETWEEN %(date_from)s AND %(date_to)s
            ),
            bought AS (
                SELECT DISTINCT m.commercial_partner_id AS id,
                       date_trunc('month', m.invoice_date)::date AS month
                  FROM account_move m
                  JOIN cohort ON cohort.id = m.commercial_partner_id
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type = 'out_invoice'
                   AND m.invoice_date <= %(date_to)s
            )
            SELECT cohort.month,
                   (extract(year FROM age(bought.month, cohort.month)) * 12
                    + extract(month FROM age(bought.month, cohort.month)))::int,
                   count(*),
                   (SELECT count(*) FROM cohort c2 WHERE c2.month = cohort.month)
              FROM cohort
              JOIN bought ON bought.id = cohort.id
             GROUP BY cohort.month, 2
             ORDER BY cohort.month, 2
            """,
            clients=clients,
            company=company_id,
            date_from=date_from,
            date_to=date_to,
        )
    )
    return cr.fetchall()
