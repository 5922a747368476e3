"""The retention benchmark's data, written in SQL and COPY, valid for Odoo.

Odoo itself makes one of each kind of row first: a client, a posted
invoice, its payment (account.payment, its journal entry, the partial and
full reconciliation) and a credit note reversing another invoice (Odoo's
reversal wizard). Those rows are read, then rolled back: every row of the
benchmark is a copy of one of them, with its own ids, names, dates, amounts,
residuals, payment state and reconciliation (retention_rows.py writes
them). Entries are numbered per journal and year in date order, as Odoo
numbers them. retention_check.py then shows Odoo's view of the result.
"""

import time
from contextlib import closing
from datetime import timedelta

from bench import retention_rows as rows_sql
from bench.retention_plan import CopySource
from psycopg2.extras import Json

from odoo import Command
from odoo.tools import SQL

TABLES = (
    "res_partner",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "account_full_reconcile",
)


def _row(cr, table, record_id):
    cr.execute(SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(table), record_id))
    return cr.dictfetchall()[0]


def _adapt(value):
    return Json(value) if isinstance(value, dict) else value


# ------------------------------------------------------------ templates


def _odoo_rows(env, client, product):
    """Invoice, payment and credit note made by Odoo for ``client``:
    ``{kind: (table, row)}``, rolled back before returning."""
    today = env.cr.now().date()
    day = today - timedelta(days=40)
    Move = env["account.move"]

    def invoice(amount):
        move = Move.create(
            {
                "move_type": "out_invoice",
                "partner_id": client.id,
                "invoice_date": day,
                "invoice_date_due": day + timedelta(days=30),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    with closing(env.cr.savepoint()):
        paid = invoice(100.0)
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({"payment_date": day + timedelta(days=5)})._create_payments()
        refunded = invoice(100.0)
        wizard = (
            env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=refunded.ids)
            .create({"date": day, "journal_id": refunded.journal_id.id, "reason": "x"})
        )
        refund = Move.browse(wizard.refund_moves()["res_id"])
        refund.action_post()
        env.flush_all()
        payment = paid.matched_payment_ids
        assert paid.payment_state == "paid" and payment.move_id, "a paid template"
        assert refund.payment_state == "paid" and refund.reversed_entry_id == refunded
        line = {
            (move, kind): move.line_ids.filtered(
                lambda l, k=kind: (l.display_type == "payment_term") == (k == "term")
            )
            for move in (paid, refund)
            for kind in ("term", "product")
        }
        pay_move = payment.move_id
        pay_term = pay_move.line_ids.filtered(
            lambda l: l.account_id == line[paid, "term"].account_id
        )
        cr = env.cr
        rows = {
            "inv": ("account_move", _row(cr, "account_move", paid.id)),
            "ref": ("account_move", _row(cr, "account_move", refund.id)),
            "pay": ("account_move", _row(cr, "account_move", pay_move.id)),
            "inv_product": (
                "account_move_line",
                _row(cr, "account_move_line", line[paid, "product"].id),
            ),
            "inv_term": (
                "account_move_line",
                _row(cr, "account_move_line", line[paid, "term"].id),
            ),
            "ref_product": (
                "account_move_line",
                _row(cr, "account_move_line", line[refund, "product"].id),
            ),
            "ref_term": (
                "account_move_line",
                _row(cr, "account_move_line", line[refund, "term"].id),
            ),
            "pay_liquidity": (
                "account_move_line",
                _row(cr, "account_move_line", (pay_move.line_ids - pay_term).id),
            ),
            "pay_term": (
                "account_move_line",
                _row(cr, "account_move_line", pay_term.id),
            ),
            "payment": ("account_payment", _row(cr, "account_payment", payment.id)),
            "partial": (
                "account_partial_reconcile",
                _row(
                    cr,
                    "account_partial_reconcile",
                    line[paid, "term"].matched_credit_ids.id,
                ),
            ),
            "full": (
                "account_full_reconcile",
                _row(
                    cr,
                    "account_full_reconcile",
                    line[paid, "term"].full_reconcile_id.id,
                ),
            ),
        }
    env.cr.postcommit.clear()  # the templates' mails and notifications
    env.invalidate_all(flush=False)
    return rows


def _store_templates(cr, rows):
    """The template rows into temporary tables ``bn_tpl_<table>``; returns
    ``{kind: template id}``."""
    for table in {table for table, _row in rows.values()}:
        cr.execute(
            SQL(
                "CREATE TEMP TABLE %s (LIKE %s)",
                SQL.identifier(f"bn_tpl_{table}"),
                SQL.identifier(table),
            )
        )
    for table, row in rows.values():
        cr.execute(
            SQL(
                "INSERT INTO %s (%s) VALUES %s",
                SQL.identifier(f"bn_tpl_{table}"),
                SQL(", ").join(SQL.identifier(column) for column in row),
                tuple(_adapt(value) for value in row.values()),
            )
        )
    return {kind: row["id"] for kind, (_table, row) in rows.items()}


def _prefix(row):
    """The template's sequence prefix with its year as ``{year}``."""
    return row["sequence_prefix"].replace(str(row["date"].year), "{year}")


# ------------------------------------------------------------ staging


def _reserve(cr, table, count):
    """First of ``count`` ids taken from ``table``'s sequence."""
    sequence = f"{table}_id_seq"
    cr.execute("SELECT nextval(%s)", [sequence])
    first = cr.fetchone()[0]
    if count > 1:
        cr.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def _copy(cr, table, columns, rows):
    source = CopySource(rows)
    cr._obj.copy_expert(  # pylint: disable=protected-access
        f"COPY {table} ({', '.join(columns)}) FROM STDIN", source
    )
    return source.rows


def _stage(cr, clients, invoices, first_client_id):
    """COPY the plan into temporary tables and derive every id, name,
    amount and state of the rows to write (``bn_inv``: one row per invoice
    with its refund and payment; ``bn_move``: every journal entry in date
    order)."""
    cr.execute(
        """CREATE TEMP TABLE bn_client (idx int PRIMARY KEY, name varchar,
               email varchar, salesperson boolean, kind varchar,
               partner_id int, invoices int)"""
    )
    _copy(
        cr,
        "bn_client",
        ["idx", "name", "email", "salesperson", "kind", "invoices"],
        (
            (c.index, c.name, c.email, c.salesperson, c.kind, c.invoices)
            for c in clients
        ),
    )
    cr.execute(
        "UPDATE bn_client SET partner_id = "
        "CASE WHEN idx = 0 THEN %s ELSE %s + idx - 1 END",
        [first_client_id, _reserve(cr, "res_partner", len(clients) - 1)],
    )
    cr.execute(
        """CREATE TEMP TABLE bn_invoice (k serial, client int, invoice_date date,
               due_date date, amount numeric, refund numeric, refund_date date,
               pay_date date)"""
    )
    copied = _copy(
        cr,
        "bn_invoice",
        [
            "client",
            "invoice_date",
            "due_date",
            "amount",
            "refund",
            "refund_date",
            "pay_date",
        ],
        (
            (
                i.client,
                i.invoice_date,
                i.due_date,
                f"{i.cents / 100:.2f}",
                f"{i.refund_cents / 100:.2f}",
                i.refund_date,
                i.pay_date,
            )
            for i in invoices
        ),
    )
    # one row per invoice: its lines, refund, payment and reconciliation
    cr.execute(
        """CREATE TEMP TABLE bn_inv AS
           SELECT row_number() OVER (ORDER BY i.invoice_date, i.k) AS rn, i.*,
                  c.partner_id, c.name AS partner_name,
                  CASE WHEN i.pay_date IS NOT NULL THEN 0
                       ELSE i.amount - i.refund END AS residual,
                  i.amount - i.refund AS paid_amount
             FROM bn_invoice i JOIN bn_client c ON c.idx = i.client"""
    )
    cr.execute("ALTER TABLE bn_inv ADD PRIMARY KEY (rn)")
    # every journal entry in date order: ids, line ids, yearly numbers
    cr.execute(
        """CREATE TEMP TABLE bn_move AS
           SELECT m.*, row_number() OVER (ORDER BY day, kind_order, rn) AS ord,
                  row_number() OVER (PARTITION BY kind, extract(year FROM day)
                                     ORDER BY day, rn) AS number
             FROM (SELECT 'inv' AS kind, 0 AS kind_order, rn, invoice_date AS day
                     FROM bn_inv
                   UNION ALL
                   SELECT 'ref', 1, rn, refund_date FROM bn_inv WHERE refund > 0
                   UNION ALL
                   SELECT 'pay', 2, rn, pay_date FROM bn_inv
                    WHERE pay_date IS NOT NULL) m"""
    )
    cr.execute("SELECT count(*) FROM bn_move")
    moves = cr.fetchone()[0]
    first_move = _reserve(cr, "account_move", moves)
    first_line = _reserve(cr, "account_move_line", 2 * moves)
    cr.execute(
        """ALTER TABLE bn_move ADD COLUMN id int, ADD COLUMN line1 int,
                                ADD COLUMN line2 int"""
    )
    cr.execute(
        "UPDATE bn_move SET id = %s + ord - 1, line1 = %s + 2 * (ord - 1), "
        "line2 = %s + 2 * (ord - 1) + 1",
        [first_move, first_line, first_line],
    )
    cr.execute("CREATE INDEX ON bn_move (kind, rn)")
    cr.execute("ANALYZE bn_move")
    # reconciliation: a partial per refund and per payment, a full
    # reconciliation per invoice left with nothing to pay
    cr.execute(
        """ALTER TABLE bn_inv ADD COLUMN partial_ref int, ADD COLUMN partial_pay int,
                              ADD COLUMN full_id int, ADD COLUMN payment_id int"""
    )
    cr.execute(
        "SELECT count(*) FILTER (WHERE refund > 0), "
        "count(*) FILTER (WHERE pay_date IS NOT NULL), "
        "count(*) FILTER (WHERE residual = 0) FROM bn_inv"
    )
    refunds, payments, full = cr.fetchone()
    first_partial = _reserve(cr, "account_partial_reconcile", refunds + payments)
    first_full = _reserve(cr, "account_full_reconcile", full)
    first_payment = _reserve(cr, "account_payment", payments)
    cr.execute(
        """UPDATE bn_inv SET partial_ref = p.n FROM (
               SELECT rn, %s + row_number() OVER (ORDER BY refund_date, rn) - 1 AS n
                 FROM bn_inv WHERE refund > 0) p
            WHERE p.rn = bn_inv.rn""",
        [first_partial],
    )
    cr.execute(
        """UPDATE bn_inv SET partial_pay = p.n, payment_id = p.pay FROM (
               SELECT rn, %s + row_number() OVER (ORDER BY pay_date, rn) - 1 AS n,
                      %s + row_number() OVER (ORDER BY pay_date, rn) - 1 AS pay
                 FROM bn_inv WHERE pay_date IS NOT NULL) p
            WHERE p.rn = bn_inv.rn""",
        [first_partial + refunds, first_payment],
    )
    cr.execute(
        """UPDATE bn_inv SET full_id = f.n FROM (
               SELECT rn, %s + row_number() OVER (ORDER BY rn) - 1 AS n
                 FROM bn_inv WHERE residual = 0) f
            WHERE f.rn = bn_inv.rn""",
        [first_full],
    )
    return {
        "invoices": copied,
        "refunds": refunds,
        "payments": payments,
        "moves": moves,
        "settled": full,
    }


def build(env, clients, invoices):
    """Write the planned ``clients`` and ``invoices`` (retention_plan.plan)
    in SQL; returns what was written and how long it took. The database must
    have client_retention and no journal entry yet."""
    started = time.perf_counter()
    cr = env.cr
    cr.execute("SELECT count(*) FROM account_move")
    assert not cr.fetchone()[0], "the benchmark needs a database without entries"
    first = clients[0]
    client = env["res.partner"].create(
        {"name": first.name, "is_company": True, "email": first.email or False}
    )
    product = env["product.product"].create(
        {"name": "Bench service", "list_price": 100.0, "taxes_id": False}
    )
    rows = _odoo_rows(env, client, product)
    env.flush_all()
    rows["partner"] = ("res_partner", _row(cr, "res_partner", client.id))
    templates = _store_templates(cr, rows)
    prefixes = {kind: _prefix(rows[kind][1]) for kind in ("inv", "ref", "pay")}
    steps = {}

    def step(name, function, *args):
        mark = time.perf_counter()
        result = function(*args)
        steps[name] = time.perf_counter() - mark
        return result

    staged = step("plan and COPY", _stage, cr, clients, invoices, client.id)
    salesperson = env.ref("base.user_admin").id
    written = {"clients": step("clients", rows_sql.clients, cr, client.id, salesperson)}
    written["full_reconciliations"] = step(
        "full reconciliations", rows_sql.full_reconciles, cr, templates
    )
    written["payments"] = step("payments", rows_sql.payments, cr, templates, prefixes)
    written["moves"] = step("entries", rows_sql.moves, cr, templates, prefixes)
    written["lines"] = step("lines", rows_sql.lines, cr, templates, prefixes)
    step("payment links", rows_sql.link_payments, cr)
    written["partials"] = step(
        "partial reconciliations", rows_sql.partials, cr, templates
    )
    written.update(staged)
    cr.commit()
    built = time.perf_counter() - started
    vacuum_started = time.perf_counter()
    cr._cnx.autocommit = True  # pylint: disable=protected-access
    try:
        for table in TABLES + ("account_move__account_payment",):
            cr.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)))
    finally:
        cr._cnx.autocommit = False  # pylint: disable=protected-access
    env.invalidate_all(flush=False)
    return {
        "written": written,
        "seconds": built,
        "steps_seconds": steps,
        "vacuum_analyze_seconds": time.perf_counter() - vacuum_started,
    }
