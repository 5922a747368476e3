"""The rows of the retention benchmark, written in SQL from the staging
tables of retention_data.py: each row a copy of the template row Odoo made
(``bn_tpl_<table>``), with its own ids, partner, names, dates and amounts.

Staging (temporary tables): ``bn_client`` (idx, partner_id, name, email,
salesperson, invoices), ``bn_inv`` (an invoice per row: amount, refund,
refund date, pay date, residual, paid_amount and the ids of its partial and
full reconciliations and payment) and ``bn_move`` (every journal entry in
date order: kind ``inv``/``ref``/``pay``, its invoice ``rn``, ``day``, its
``id``, its two line ids and its yearly ``number``).
"""

# an entry m of one kind, with its invoice i and the invoice's entry n
SOURCE = {
    kind: (
        f"bn_inv i JOIN bn_move m ON m.rn = i.rn AND m.kind = '{kind}' "
        "JOIN bn_move n ON n.rn = i.rn AND n.kind = 'inv'"
    )
    for kind in ("inv", "ref", "pay")
}
PAYMENT_STATE = (
    "CASE WHEN i.pay_date IS NOT NULL THEN 'paid' "
    "WHEN i.refund = i.amount THEN 'reversed' "
    "WHEN i.refund > 0 THEN 'partial' ELSE 'not_paid' END"
)
MATCHING = (  # Odoo's: the full reconciliation, else P + the first partial
    "CASE WHEN i.full_id IS NOT NULL THEN i.full_id::text "
    "WHEN i.partial_ref IS NOT NULL THEN 'P' || i.partial_ref END"
)


def table_columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, selects):
    """Insert into ``table`` one SELECT per template, in id order:
    ``(template id, {column: SQL expression}, FROM clause[, condition])``;
    the expressions may use the template row ``tpl`` and the FROM clause's
    tables; the other columns keep the template's value."""
    columns = table_columns(cr, table)
    parts = []
    for template_id, overrides, source, *condition in selects:
        unknown = set(overrides) - set(columns)
        assert not unknown, f"{table} has no column {unknown}"
        expressions = ", ".join(
            f"{overrides[c]} AS {c}" if c in overrides else f"tpl.{c}" for c in columns
        )
        where = condition[0] if condition else "TRUE"
        parts.append(
            f"SELECT {expressions} FROM bn_tpl_{table} tpl, {source} "
            f"WHERE tpl.id = {int(template_id)} AND ({where})"
        )
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT * FROM ({' UNION ALL '.join(parts)}) rows ORDER BY id"
    )
    return cr.rowcount


def sequence_prefix(prefix, entry="m"):
    """``prefix`` ('INV/{year}/') for the year of ``entry``'s day."""
    return f"replace('{prefix}', '{{year}}', extract(year FROM {entry}.day)::int::text)"


def entry_name(prefix, entry="m"):
    """Odoo's name of ``entry``: its prefix and yearly number on 5 digits."""
    number = f"{entry}.number::text"
    return (
        f"({sequence_prefix(prefix, entry)} || "
        f"lpad({number}, greatest(5, length({number})), '0'))"
    )


def at_nine(day="m.day"):
    return f"({day} + time '09:00')"


def clients(cr, template_id, salesperson_id):
    """Every client but the first (Odoo's own) as a copy of it."""
    salesperson = f"CASE WHEN c.salesperson THEN {int(salesperson_id)} END"
    cr.execute(
        f"""UPDATE res_partner p SET user_id = {salesperson},
                   customer_rank = c.invoices
              FROM bn_client c WHERE c.idx = 0 AND p.id = c.partner_id"""
    )
    return 1 + clone(
        cr,
        "res_partner",
        [
            (
                template_id,
                {
                    "id": "c.partner_id",
                    "name": "c.name",
                    "complete_name": "c.name",
                    "commercial_company_name": "c.name",
                    "commercial_partner_id": "c.partner_id",
                    "email": "c.email",
                    "email_normalized": "lower(c.email)",
                    "user_id": salesperson,
                    "customer_rank": "c.invoices",
                },
                "bn_client c",
                "c.idx > 0",
            )
        ],
    )


def full_reconciles(cr, tpl):
    return clone(
        cr,
        "account_full_reconcile",
        [
            (
                tpl["full"],
                {
                    "id": "i.full_id",
                    "create_date": at_nine("i.invoice_date"),
                    "write_date": at_nine("i.invoice_date"),
                },
                "bn_inv i",
                "i.full_id IS NOT NULL",
            )
        ],
    )


def payments(cr, tpl, prefixes):
    """The payments, without their entry yet: it points back to them."""
    values = {
        "id": "i.payment_id",
        "move_id": "NULL::int",
        "partner_id": "i.partner_id",
        "name": entry_name(prefixes["pay"]),
        "memo": entry_name(prefixes["inv"], "n"),
        "date": "i.pay_date",
        "amount": "i.paid_amount",
        "amount_company_currency_signed": "i.paid_amount",
        "create_date": at_nine(),
        "write_date": at_nine(),
    }
    return clone(cr, "account_payment", [(tpl["payment"], values, SOURCE["pay"])])


def link_payments(cr):
    """Each payment to its entry and to the invoice it pays."""
    cr.execute(
        """UPDATE account_payment p SET move_id = m.id
             FROM bn_inv i JOIN bn_move m ON m.rn = i.rn AND m.kind = 'pay'
            WHERE p.id = i.payment_id"""
    )
    cr.execute(
        """INSERT INTO account_move__account_payment (invoice_id, payment_id)
           SELECT n.id, i.payment_id FROM bn_inv i
             JOIN bn_move n ON n.rn = i.rn AND n.kind = 'inv'
            WHERE i.payment_id IS NOT NULL"""
    )


def _signed(amount, sign=""):
    """The amount columns of an entry of ``amount`` (no tax)."""
    return {
        "amount_untaxed": amount,
        "amount_total": amount,
        "amount_untaxed_signed": f"{sign}{amount}",
        "amount_untaxed_in_currency_signed": f"{sign}{amount}",
        "amount_total_signed": f"{sign}{amount}",
        "amount_total_in_currency_signed": f"{sign}{amount}",
    }


def moves(cr, tpl, prefixes):
    """The invoices, credit notes and payment entries, in date order."""
    invoice_name = entry_name(prefixes["inv"], "n")
    common = {
        "id": "m.id",
        "partner_id": "i.partner_id",
        "commercial_partner_id": "i.partner_id",
        "date": "m.day",
        "sequence_number": "m.number",
        "invoice_partner_display_name": "i.partner_name",
        "create_date": at_nine(),
        "write_date": at_nine(),
    }
    invoice = {
        **common,
        **_signed("i.amount"),
        "name": entry_name(prefixes["inv"]),
        "sequence_prefix": sequence_prefix(prefixes["inv"]),
        "partner_shipping_id": "i.partner_id",
        "payment_reference": entry_name(prefixes["inv"]),
        "invoice_date": "i.invoice_date",
        "invoice_date_due": "i.due_date",
        "payment_state": PAYMENT_STATE,
        "amount_residual": "i.residual",
        "amount_residual_signed": "i.residual",
    }
    refund = {
        **common,
        **_signed("i.refund", "-"),
        "name": entry_name(prefixes["ref"]),
        "sequence_prefix": sequence_prefix(prefixes["ref"]),
        "partner_shipping_id": "i.partner_id",
        "reversed_entry_id": "n.id",
        "ref": f"('Reversal of: ' || {invoice_name} || ', returned')",
        "invoice_date": "i.refund_date",
        "invoice_date_due": "i.refund_date",
    }
    payment = {
        **common,
        "name": entry_name(prefixes["pay"]),
        "sequence_prefix": sequence_prefix(prefixes["pay"]),
        "origin_payment_id": "i.payment_id",
        "ref": invoice_name,
        "invoice_date_due": "i.pay_date",
        "amount_total": "i.paid_amount",
        "amount_total_signed": "i.paid_amount",
        "amount_total_in_currency_signed": "i.paid_amount",
    }
    return clone(
        cr,
        "account_move",
        [
            (tpl["inv"], invoice, SOURCE["inv"]),
            (tpl["ref"], refund, SOURCE["ref"]),
            (tpl["pay"], payment, SOURCE["pay"]),
        ],
    )


def _balance(amount, sign):
    """debit or credit, balance and amount in currency of ``amount``."""
    side = "debit" if sign == "" else "credit"
    return {
        side: amount,
        "balance": f"{sign}{amount}",
        "amount_currency": f"{sign}{amount}",
    }


def lines(cr, tpl, prefixes):
    """Two lines per entry: invoice income and receivable (payment term),
    credit note income and receivable, payment outstanding and receivable."""
    invoice_name = entry_name(prefixes["inv"], "n")
    common = {
        "move_id": "m.id",
        "partner_id": "i.partner_id",
        "date": "m.day",
        "create_date": at_nine(),
        "write_date": at_nine(),
    }
    invoice = {
        **common,
        "move_name": entry_name(prefixes["inv"]),
        "invoice_date": "i.invoice_date",
    }
    refund = {
        **common,
        "move_name": entry_name(prefixes["ref"]),
        "invoice_date": "i.refund_date",
        "ref": f"('Reversal of: ' || {invoice_name} || ', returned')",
    }
    payment = {
        **common,
        "move_name": entry_name(prefixes["pay"]),
        "ref": invoice_name,
        "name": f"('Manual Payment: ' || {invoice_name})",
        "payment_id": "i.payment_id",
        "date_maturity": "i.pay_date",
    }
    price = {"price_unit": "{a}", "price_subtotal": "{a}", "price_total": "{a}"}
    rows = {
        "inv_product": {
            **invoice,
            **_balance("i.amount", "-"),
            **{k: v.format(a="i.amount") for k, v in price.items()},
        },
        "inv_term": {
            **invoice,
            **_balance("i.amount", ""),
            "name": entry_name(prefixes["inv"]),
            "amount_residual": "i.residual",
            "amount_residual_currency": "i.residual",
            "reconciled": "i.residual = 0",
            "full_reconcile_id": "i.full_id",
            "matching_number": MATCHING,
            "date_maturity": "i.due_date",
        },
        "ref_product": {
            **refund,
            **_balance("i.refund", ""),
            **{k: v.format(a="i.refund") for k, v in price.items()},
        },
        "ref_term": {
            **refund,
            **_balance("i.refund", "-"),
            "full_reconcile_id": "i.full_id",
            "matching_number": MATCHING,
            "date_maturity": "i.refund_date",
        },
        "pay_liquidity": {
            **payment,
            **_balance("i.paid_amount", ""),
            "amount_residual": "i.paid_amount",
            "amount_residual_currency": "i.paid_amount",
            "price_subtotal": "i.paid_amount",
            "price_total": "i.paid_amount",
        },
        "pay_term": {
            **payment,
            **_balance("i.paid_amount", "-"),
            "price_subtotal": "-i.paid_amount",
            "price_total": "-i.paid_amount",
            "full_reconcile_id": "i.full_id",
            "matching_number": "i.full_id::text",
        },
    }
    first_line = {"inv_product", "ref_product", "pay_liquidity"}
    return clone(
        cr,
        "account_move_line",
        [
            (
                tpl[kind],
                {**values, "id": "m.line1" if kind in first_line else "m.line2"},
                SOURCE[kind[:3]],
            )
            for kind, values in rows.items()
        ],
    )


def partials(cr, tpl):
    """The invoice's receivable reconciled with its credit note's and with
    its payment's."""
    selects = []
    for kind, partial, amount, day in (
        ("ref", "i.partial_ref", "i.refund", "i.refund_date"),
        ("pay", "i.partial_pay", "i.paid_amount", "i.pay_date"),
    ):
        values = {
            "id": partial,
            "debit_move_id": "n.line2",
            "credit_move_id": "m.line2",
            "full_reconcile_id": "i.full_id",
            "max_date": day,
            "amount": amount,
            "debit_amount_currency": amount,
            "credit_amount_currency": amount,
            "create_date": at_nine(day),
            "write_date": at_nine(day),
        }
        selects.append((tpl["partial"], values, SOURCE[kind]))
    return clone(cr, "account_partial_reconcile", selects)
