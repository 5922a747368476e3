"""The retention benchmark's data, written in SQL and COPY, valid for Odoo.

Odoo itself makes one of each kind of row first (retention_templates.py): a
client, a posted invoice, its payment (account.payment, its journal entry,
the partial and full reconciliation) and a credit note reversing another
invoice (Odoo's reversal wizard). Those rows are read, then rolled back:
every row of the benchmark is a copy of one of them, with its own ids,
names, dates, amounts, residuals, payment state and reconciliation
(retention_rows.py writes them). Entries are numbered per journal and year
in date order, as Odoo numbers them. retention_check.py then shows Odoo's
view of the result.
"""

import time
from contextlib import contextmanager

from bench import retention_rows as rows_sql
from bench import retention_templates as templates_mod
from bench.retention_plan import CopySource

from odoo.tools import SQL

TABLES = (
    "res_partner",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "account_full_reconcile",
)


# ------------------------------------------------------------ bulk load


@contextmanager
def bulk_load(cr, tables):
    """Write millions of rows as a restore does: the tables' secondary
    indexes dropped before and built again after (one sort each instead of
    an index update per row), and foreign keys not checked row by row
    (``session_replication_role = replica``, as pg_restore does; the rows
    are copies of rows Odoo made, and retention_check.py checks them)."""
    cr.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
             FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                               WHERE c.conindid = i.indexrelid)""",
        [list(tables)],
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    cr.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        cr.execute("SET session_replication_role = DEFAULT")
    for _name, definition in indexes:
        cr.execute(definition)


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
    rows = templates_mod.odoo_rows(env, client, product)
    env.flush_all()
    rows["partner"] = (
        "res_partner",
        templates_mod.read_row(cr, "res_partner", client.id),
    )
    templates = templates_mod.store_templates(cr, rows)
    prefixes = {
        kind: templates_mod.sequence_template(rows[kind][1])
        for kind in ("inv", "ref", "pay")
    }
    steps = {}

    def step(name, function, *args):
        mark = time.perf_counter()
        result = function(*args)
        steps[name] = time.perf_counter() - mark
        return result

    staged = step("plan and COPY", _stage, cr, clients, invoices, client.id)
    salesperson = env.ref("base.user_admin").id
    written = {}
    with bulk_load(cr, TABLES):
        written["clients"] = step(
            "clients", rows_sql.clients, cr, client.id, salesperson
        )
        written["full_reconciliations"] = step(
            "full reconciliations", rows_sql.full_reconciles, cr, templates
        )
        written["payments"] = step(
            "payments", rows_sql.payments, cr, templates, prefixes
        )
        written["moves"] = step("entries", rows_sql.moves, cr, templates, prefixes)
        written["lines"] = step("lines", rows_sql.lines, cr, templates, prefixes)
        step("payment links", rows_sql.link_payments, cr)
        written["partials"] = step(
            "partial reconciliations", rows_sql.partials, cr, templates
        )
        index_started = time.perf_counter()
    steps["indexes built again"] = time.perf_counter() - index_started
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
