"""The dated facts the backtest replays (``lib.history``), in a few queries.

One query per kind of fact for the whole company, whatever its size; rows
are grouped per commercial partner into ``history.Facts``. The filters are
those of the scan's SQL (``retention_sql``): posted customer invoices and
credit notes of the company in company currency, its claims and their
ratings, completed satisfaction surveys, its churn events.
"""

from collections import defaultdict

from ..lib import history
from .retention_sql import CUSTOMER_MOVES, company_has_claims


def _grouped(cr, query, params, make):
    cr.execute(query, params)
    grouped = defaultdict(list)
    for row in cr.fetchall():
        grouped[row[0]].append(make(row[1:]))
    return grouped


def load_facts(cr, company_id):
    """``({partner: history.Facts}, has_claims)`` of every client of the company."""
    params = {"company": company_id}
    moves = _grouped(
        cr,
        f"""
        SELECT commercial_partner_id, id, invoice_date, move_type = 'out_refund',
               amount_untaxed_signed, reversed_entry_id
          FROM account_move
         WHERE company_id = %(company)s AND state = 'posted'
           AND move_type IN {CUSTOMER_MOVES}
           AND commercial_partner_id IS NOT NULL AND invoice_date IS NOT NULL
         ORDER BY invoice_date, id
        """,
        params,
        lambda r: history.Move(r[0], r[1], r[2], float(r[3]), r[4]),
    )
    settled = _grouped(
        cr,
        """
        SELECT l.move_id, p.max_date, p.amount, cm.move_type = 'out_refund'
          FROM account_partial_reconcile p
          JOIN account_move_line l ON l.id = p.debit_move_id
          JOIN account_move m ON m.id = l.move_id
          JOIN account_move_line cl ON cl.id = p.credit_move_id
          JOIN account_move cm ON cm.id = cl.move_id
         WHERE m.company_id = %(company)s AND m.state = 'posted'
           AND m.move_type = 'out_invoice' AND l.display_type = 'payment_term'
        """,
        params,
        lambda r: history.Settlement(r[0], float(r[1]), r[2]),
    )
    receivables = _grouped(
        cr,
        """
        SELECT commercial_partner_id, id, invoice_date, invoice_date_due,
               amount_total_signed
          FROM account_move
         WHERE company_id = %(company)s AND state = 'posted'
           AND move_type = 'out_invoice'
           AND commercial_partner_id IS NOT NULL AND invoice_date IS NOT NULL
        """,
        params,
        lambda r: history.Receivable(
            r[1], r[2], float(r[3]), tuple(settled.get(r[0], ()))
        ),
    )
    claims = _grouped(
        cr,
        """
        SELECT commercial_partner_id, sla_start_date::date,
               COALESCE(is_unfounded, FALSE),
               CASE WHEN sla_response_state = 'breached'
                    THEN response_deadline::date END,
               CASE WHEN sla_resolution_state = 'breached'
                    THEN resolution_deadline::date END
          FROM sla_claim
         WHERE company_id = %(company)s AND commercial_partner_id IS NOT NULL
        """,
        params,
        lambda r: history.Claim(r[0], r[1], tuple(d for d in r[2:] if d)),
    )
    ratings = _grouped(
        cr,
        """
        SELECT c.commercial_partner_id, r.write_date::date, r.rating
          FROM rating_rating r
          JOIN sla_claim c ON c.id = r.res_id
         WHERE r.res_model = 'sla.claim' AND r.consumed AND r.rating > 0
           AND c.company_id = %(company)s AND c.commercial_partner_id IS NOT NULL
        """,
        params,
        tuple,
    )
    surveys = _grouped(
        cr,
        """
        SELECT p.commercial_partner_id, ui.end_datetime::date, ui.scoring_percentage
          FROM survey_user_input ui
          JOIN survey_survey s ON s.id = ui.survey_id
          JOIN res_partner p ON p.id = ui.partner_id
         WHERE s.retention_kind = 'satisfaction' AND ui.state = 'done'
           AND NOT ui.test_entry AND ui.end_datetime IS NOT NULL
         ORDER BY ui.end_datetime, ui.id
        """,
        params,
        lambda r: history.Survey(r[0], float(r[1] or 0.0)),
    )
    losses = _grouped(
        cr,
        """
        SELECT partner_id, date,
               CASE WHEN state = 'won_back' THEN COALESCE(won_back_date, date) END
          FROM client_churn_event
         WHERE company_id = %(company)s AND date IS NOT NULL
        """,
        params,
        tuple,
    )
    facts = {
        partner: history.Facts(
            moves=tuple(partner_moves),
            receivables=tuple(receivables.get(partner, ())),
            claims=tuple(claims.get(partner, ())),
            ratings=tuple(ratings.get(partner, ())),
            surveys=tuple(surveys.get(partner, ())),
            losses=tuple(losses.get(partner, ())),
        )
        for partner, partner_moves in moves.items()
    }
    return facts, company_has_claims(cr, company_id)
