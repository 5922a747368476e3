"""The rows Odoo makes first for the retention benchmark: a client's
invoice, its payment and a credit note, made through the ORM and Odoo's
wizards, read, then rolled back. retention_data.py copies them."""

from contextlib import closing
from datetime import timedelta

from psycopg2.extras import Json

from odoo import Command
from odoo.tools import SQL


def read_row(cr, table, record_id):
    cr.execute(SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(table), record_id))
    return cr.dictfetchall()[0]


def _adapt(value):
    return Json(value) if isinstance(value, dict) else value


def odoo_rows(env, client, product):
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
            "inv": ("account_move", read_row(cr, "account_move", paid.id)),
            "ref": ("account_move", read_row(cr, "account_move", refund.id)),
            "pay": ("account_move", read_row(cr, "account_move", pay_move.id)),
            "inv_product": (
                "account_move_line",
                read_row(cr, "account_move_line", line[paid, "product"].id),
            ),
            "inv_term": (
                "account_move_line",
                read_row(cr, "account_move_line", line[paid, "term"].id),
            ),
            "ref_product": (
                "account_move_line",
                read_row(cr, "account_move_line", line[refund, "product"].id),
            ),
            "ref_term": (
                "account_move_line",
                read_row(cr, "account_move_line", line[refund, "term"].id),
            ),
            "pay_liquidity": (
                "account_move_line",
                read_row(cr, "account_move_line", (pay_move.line_ids - pay_term).id),
            ),
            "pay_term": (
                "account_move_line",
                read_row(cr, "account_move_line", pay_term.id),
            ),
            "payment": ("account_payment", read_row(cr, "account_payment", payment.id)),
            "partial": (
                "account_partial_reconcile",
                read_row(
                    cr,
                    "account_partial_reconcile",
                    line[paid, "term"].matched_credit_ids.id,
                ),
            ),
            "full": (
                "account_full_reconcile",
                read_row(
                    cr,
                    "account_full_reconcile",
                    line[paid, "term"].full_reconcile_id.id,
                ),
            ),
        }
    env.cr.postcommit.clear()  # the templates' mails and notifications
    env.invalidate_all(flush=False)
    return rows


def store_templates(cr, rows):
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


def sequence_template(row):
    """The template's sequence prefix with its year as ``{year}``."""
    return row["sequence_prefix"].replace(str(row["date"].year), "{year}")
