"""The large benchmark's offboarding data: a year of quarterly document
inventories (copies, in SQL, of one Odoo made and confirmed) and the
offboarding cases Odoo opens for lost clients. See scale_data.py."""

from datetime import timedelta

from bench import retention_rows, retention_templates

from odoo import Command

from odoo.addons.client_offboarding.lib import dates

QUARTERS = 4
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def inventories(env, today):
    """The last four quarters' confirmed inventories of every client not
    lost, three documents each: copies of one inventory Odoo made and
    confirmed. Returns (inventories, lines)."""
    cr = env.cr
    cr.execute(
        "SELECT min(partner_id) FROM client_retention_profile "
        "WHERE state IS DISTINCT FROM 'lost'"
    )
    first = cr.fetchone()[0]
    kinds = ("primary", "ledger", "tax_returns")
    types = [env.ref(f"client_offboarding.document_type_{kind}") for kind in kinds]
    quarters = []
    day = today
    for _ in range(QUARTERS):
        day = dates.quarter_bounds(day)[0] - timedelta(days=1)
        quarters.append((dates.quarter_bounds(day)[1], dates.period_label(day)))
    inventory = (
        env["client.document.inventory"]
        .with_context(**QUIET)
        .create(
            {
                "partner_id": first,
                "date": quarters[-1][0],
                "kind": "quarterly",
                "line_ids": [
                    Command.create(
                        {"name": t.name, "document_type_id": t.id, "medium": "paper"}
                    )
                    for t in types
                ],
            }
        )
    )
    inventory.action_confirm()
    env.flush_all()
    read_row = retention_templates.read_row
    retention_templates.store_templates(
        cr,
        {
            "inventory": (
                "client_document_inventory",
                read_row(cr, "client_document_inventory", inventory.id),
            )
        }
        | {
            f"line{line.id}": (
                "client_document_inventory_line",
                read_row(cr, "client_document_inventory_line", line.id),
            )
            for line in inventory.line_ids
        },
    )
    cr.execute("CREATE TEMP TABLE bn_quarter (q int, day date, period varchar)")
    for index, (end, period) in enumerate(quarters):
        cr.execute("INSERT INTO bn_quarter VALUES (%s, %s, %s)", [index, end, period])
    cr.execute(
        """CREATE TEMP TABLE bn_inventory AS
           SELECT nextval('client_document_inventory_id_seq') AS id, p.id AS partner_id,
                  p.user_id, q.day, q.period
             FROM client_retention_profile prof
             JOIN res_partner p ON p.id = prof.partner_id
             CROSS JOIN bn_quarter q
            WHERE prof.state IS DISTINCT FROM 'lost'
              AND NOT (p.id = %s AND q.period = %s)""",
        [first, quarters[-1][1]],
    )
    at = "(i.day + time '10:00')"
    made = retention_rows.clone(
        cr,
        "client_document_inventory",
        [
            (
                inventory.id,
                {
                    "id": "i.id",
                    "partner_id": "i.partner_id",
                    "user_id": "i.user_id",
                    "date": "i.day",
                    "confirmed_date": "i.day",
                    "period": "i.period",
                    "create_date": at,
                    "write_date": at,
                },
                "bn_inventory i",
            )
        ],
    )
    lines = retention_rows.clone(
        cr,
        "client_document_inventory_line",
        [
            (
                line.id,
                {
                    "id": "nextval('client_document_inventory_line_id_seq')",
                    "inventory_id": "i.id",
                    "partner_id": "i.partner_id",
                    "period_label": "i.period",
                    "create_date": at,
                    "write_date": at,
                },
                "bn_inventory i",
            )
            for line in inventory.line_ids
        ],
    )
    return {"inventories": made + 1, "inventory lines": lines + len(types)}


def offboarding_cases(env, count):
    """Offboarding cases opened by Odoo for up to ``count`` lost clients."""
    cr = env.cr
    cr.execute(
        "SELECT partner_id FROM client_retention_profile WHERE state = 'lost' "
        "ORDER BY partner_id LIMIT %s",
        [count],
    )
    ids = [row[0] for row in cr.fetchall()]
    reason = env["client.exit.reason"].search([], limit=1)
    env["client.offboarding"].with_context(**QUIET).create(
        [
            {"partner_id": partner_id, "reason_id": reason.id, "stated_reason": "Bench"}
            for partner_id in ids
        ]
    )
    env.flush_all()
    return len(ids)
