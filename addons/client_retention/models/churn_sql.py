"""The churn analysis's SQL: a constant number of queries per analysis.

Clients are the commercial partners with a posted customer invoice in the
company, narrowed by salesperson and partner tags; ``client_filter`` gives
the SQL for that set, ``read_clients`` reads it once per call of the
analysis, and the other functions read through what it returns.
"""

from odoo.tools.sql import SQL

# What a loss of the event ``e`` still costs: its lost annual revenue while
# the client stays lost, nothing once it is won back. Every screen sums this.
LOST_REVENUE = SQL(
    "CASE WHEN e.state = 'lost' THEN COALESCE(e.lost_annual_revenue, 0) ELSE 0 END"
)
# What makes a client: a posted customer invoice ``m`` with its date.
PURCHASE = SQL(
    "m.state = 'posted' AND m.move_type = 'out_invoice' AND m.invoice_date IS NOT NULL"
)
# Whether the event's client is a client of its company (see PURCHASE and
# client_filter): the losses of anyone else are no churn.
IS_CLIENT = SQL(
    """EXISTS (SELECT 1 FROM account_move m
                WHERE m.company_id = e.company_id
                  AND m.commercial_partner_id = e.partner_id
                  AND %s)""",
    PURCHASE,
)


def array_literal(values):
    """A PostgreSQL array literal of ints or dates, for ``%s::int[]`` or
    ``%s::date[]``: tens of thousands of values parse far faster as one text
    than as an ARRAY[...] of as many parameters."""
    return "{%s}" % ",".join(str(value) for value in values)


def client_filter(company_id, user_ids, category_ids):
    """SQL of ``(id, first_purchase)`` for the analysed clients."""
    conditions = []
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
          %(partner)s
         WHERE m.company_id = %(company)s
           AND %(purchase)s
           %(conditions)s
         GROUP BY m.commercial_partner_id
        """,
        # the partner only when a filter needs it
        partner=SQL("JOIN res_partner p ON p.id = m.commercial_partner_id")
        if conditions
        else SQL(""),
        company=company_id,
        purchase=PURCHASE,
        conditions=SQL("").join(SQL("AND %s", c) for c in conditions),
    )


def read_clients(cr, clients):
    """The analysed clients, read once: SQL of the same rows for the next
    queries, as arrays, so that each of them does not aggregate the
    company's invoices again."""
    cr.execute(clients)
    rows = cr.fetchall()
    return SQL(
        "SELECT * FROM unnest(%s::int[], %s::date[]) AS c(id, first_purchase)",
        array_literal(row[0] for row in rows),
        array_literal(row[1] for row in rows),
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


def revenue_before_loss(cr, losses):
    """``{(client, company, day): (net revenue, invoices)}`` of the 12 months
    before each loss: the year up to the client's last invoice on or before
    the loss day, and its credit notes up to that day. A client that went
    silent for a year before its loss is priced on its last year of buying,
    not on the empty year before the loss. The one definition of what a
    loss costs; ``losses`` is ``[(client, company, day)]``."""
    if not losses:
        return {}
    partners, companies, days = zip(*losses, strict=True)
    cr.execute(
        SQL(
            """
            WITH losses AS (
                SELECT DISTINCT * FROM unnest(%s::int[], %s::int[], %s::date[])
                    AS l(partner_id, company_id, day)
            ), ends AS (
                SELECT l.*, (
                        SELECT max(m.invoice_date) FROM account_move m
                         WHERE m.company_id = l.company_id
                           AND m.commercial_partner_id = l.partner_id
                           AND m.state = 'posted'
                           AND m.move_type = 'out_invoice'
                           AND m.invoice_date <= l.day
                       ) AS last_invoice
                  FROM losses l
            )
            SELECT e.partner_id, e.company_id, e.day,
                   COALESCE(sum(m.amount_untaxed_signed), 0),
                   count(m.id) FILTER (WHERE m.move_type = 'out_invoice')
              FROM ends e
              LEFT JOIN account_move m
                ON m.company_id = e.company_id
               AND m.commercial_partner_id = e.partner_id
               AND m.state = 'posted'
               AND m.move_type IN ('out_invoice', 'out_refund')
               AND m.invoice_date > e.last_invoice - interval '12 months'
               AND m.invoice_date <= e.day
             GROUP BY e.partner_id, e.company_id, e.day
            """,
            list(partners),
            list(companies),
            list(days),
        )
    )
    return {
        (partner, company, day): (float(revenue), count)
        for partner, company, day, revenue, count in cr.fetchall()
    }


def churn_events(cr, clients, company_id, date_to):
    """Every loss of the clients up to ``date_to`` (its id first), with what
    each cost as recorded on the event (see ``revenue_before_loss``)."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s)
            SELECT e.id, e.partner_id, c.first_purchase, e.date, e.won_back_date,
                   COALESCE(e.lost_annual_revenue, 0),
                   COALESCE(e.invoices_per_year, 0)
              FROM client_churn_event e
              JOIN clients c ON c.id = e.partner_id
             WHERE e.company_id = %(company)s AND e.date <= %(date_to)s
             ORDER BY e.date, e.id
            """,
            clients=clients,
            company=company_id,
            date_to=date_to,
        )
    )
    return cr.fetchall()


def breakdown(cr, clients, company_id, date_from, date_to, key, by_tag=False):
    """Losses in the range grouped by ``key`` (an SQL expression over the
    event ``e``, its reason ``r`` and client ``p``): ``[(key, losses, lost
    annual revenue)]``, most losses first."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s)
            SELECT %(key)s AS key, count(*), COALESCE(sum(%(revenue)s), 0)
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
            revenue=LOST_REVENUE,
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


def _month_number(day):
    """year * 12 + month - 1 of a date, in integers (``extract`` gives
    numerics, slow over a million invoices)."""
    return SQL(
        "(date_part('year', %s)::int * 12 + date_part('month', %s)::int - 1)", day, day
    )


def cohorts(cr, clients, company_id, date_from, date_to):
    """``(cohort month, month offset, clients who bought)`` for the clients
    whose first purchase is in the range. Months are counted as integers
    (year * 12 + month - 1), and each client's months are grouped before
    the join. Offset 0 is the cohort itself: every client bought in the
    month of their first purchase."""
    cr.execute(
        SQL(
            """
            WITH clients AS (%(clients)s),
            cohort AS MATERIALIZED (
                SELECT id, %(first_month)s AS month
                  FROM clients
                 WHERE first_purchase BETWEEN %(date_from)s AND %(date_to)s
            ),
            bought AS (
                -- a cohort's purchases are all in the range: none is
                -- before its first
                SELECT m.commercial_partner_id AS id, %(invoice_month)s AS month
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type = 'out_invoice'
                   AND m.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                 GROUP BY 1, 2
            )
            SELECT make_date(cohort.month / 12, cohort.month %% 12 + 1, 1),
                   bought.month - cohort.month, count(*)
              FROM cohort
              JOIN bought ON bought.id = cohort.id
             GROUP BY cohort.month, 2
             ORDER BY cohort.month, 2
            """,
            clients=clients,
            first_month=_month_number(SQL("first_purchase")),
            invoice_month=_month_number(SQL("m.invoice_date")),
            company=company_id,
            date_from=date_from,
            date_to=date_to,
        )
    )
    return cr.fetchall()
