"""Load the CDNOW purchase history (real_history.py) into a database of its
own, as posted customer invoices paid on their date, for the retention
module's backtest:

    ODOO_RC=odoo.conf python tests/bench/load_real_history.py --db cdnow

Run by the Python that runs Odoo. The database is (re)created with
client_retention installed without demo data, as tests/run installs it
(this checkout's add-ons on the addons path of the Odoo configuration
given), then the history is written by retention_data.py, as the retention
scan benchmark writes its own. Nothing is scanned. A database of that name
is dropped first only if this script made it (or with --force). Figures are
printed; the exit code is 1 when the database does not hold what was planned.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TESTS)

from bench import real_history
from harness.lifecycle import Lifecycle
from harness.odoo_config import addons_path, read_rc, write_rc
from harness.odoo_finder import find_odoo
from harness.postgres import given_server

MODULES = ("client_retention",)
MARKER = "client_retention_suite.real_history"  # ir.config_parameter key
DROPPED_OPTIONS = ("db_name", "dbfilter", "logfile", "log_level", "list_db")


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="cdnow", help="database (default cdnow)")
    parser.add_argument(
        "-c",
        "--config",
        default=os.environ.get("ODOO_RC"),
        help="Odoo configuration file (default: $ODOO_RC): its database "
        "server, addons path and data folder are used",
    )
    parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--customers", type=int, help="only the first N customers")
    parser.add_argument("--file", help="a CDNOW_master.txt instead of the download")
    parser.add_argument(
        "--force", action="store_true", help="drop the database even if not ours"
    )
    return parser.parse_args(argv)


def configuration(options, folder):
    """The path of the Odoo configuration to use: the user's, with this
    checkout's add-ons on its addons path and the PG* variables applied."""
    if not options.config and not any(
        os.environ.get(v) for v in ("PGHOST", "PGPORT", "PGUSER")
    ):
        sys.exit(
            "Which PostgreSQL and Odoo? Pass --config odoo.conf (or set ODOO_RC, "
            "or PGHOST/PGPORT/PGUSER/PGPASSWORD)."
        )
    rc_options = read_rc(options.config)
    values = {k: v for k, v in rc_options.items() if k not in DROPPED_OPTIONS}
    server = given_server(os.environ, rc_options)
    values.update(server.odoo_options() if server else {})
    repo_addons = os.path.join(os.path.dirname(TESTS), "addons")
    values["addons_path"] = addons_path(rc_options, repo_addons)
    path = os.path.join(folder, "odoo.conf")
    write_rc(path, values)
    return path


def recreate(odoo, rc_path, folder, options):
    """Drop the database if it is ours (or --force), install the module
    without demo data; False (reported) when the install fails or logs an
    error."""
    from odoo.service import db as db_service
    from odoo.sql_db import db_connect

    if options.db in db_service.list_dbs(True):
        with db_connect(options.db).cursor() as cr:
            cr.execute(
                "SELECT to_regclass('ir_config_parameter') IS NOT NULL AND EXISTS "
                "(SELECT FROM ir_config_parameter WHERE key = %s)",
                [MARKER],
            )
            ours = cr.fetchone()[0]
        if not ours and not options.force:
            sys.exit(
                f"Database {options.db} exists and was not made by this script; "
                "name another with --db, or pass --force to drop it."
            )
        print(f"Dropping database {options.db}")
        db_service.exp_drop(options.db)

    def report(name, ok, details=()):
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
        for detail in details:
            print("     " + detail.replace("\n", "\n     "))

    lifecycle = Lifecycle(odoo, rc_path, folder, MODULES, report)
    # the install's warnings are printed; only errors (or its exit code) stop
    # the load: a module being worked on is loaded as it is
    return lifecycle.install(
        options.db, MODULES, tolerated=lambda problem: problem.level == "WARNING"
    )


def verify(cr, clients, invoices):
    """What the database holds, beside the plan; (figures, ok)."""
    cr.execute(
        """SELECT count(DISTINCT commercial_partner_id), count(*),
                  count(*) FILTER (WHERE payment_state = 'paid'),
                  min(invoice_date), max(invoice_date), sum(amount_total)
             FROM account_move
            WHERE move_type = 'out_invoice' AND state = 'posted'"""
    )
    partners, moves, paid, first, last, total = cr.fetchone()
    cr.execute(
        "SELECT count(*) FROM account_move "
        "WHERE move_type NOT IN ('out_invoice', 'entry') OR state != 'posted'"
    )
    others = cr.fetchone()[0]
    cr.execute(
        """SELECT count(*) FROM (SELECT move_id FROM account_move_line
             GROUP BY move_id HAVING round(sum(balance), 2) != 0) unbalanced"""
    )
    unbalanced = cr.fetchone()[0]
    figures = {
        "partners_with_posted_invoices": partners,
        "posted_out_invoices": moves,
        "paid": paid,
        "first_invoice_date": str(first),
        "last_invoice_date": str(last),
        "total": float(total or 0),
        "other_moves_not_posted_or_refunds": others,
        "unbalanced_entries": unbalanced,
    }
    planned_first = min(i.invoice_date for i in invoices)
    planned_last = max(i.invoice_date for i in invoices)
    ok = (
        partners == len(clients)
        and moves == paid == len(invoices)
        and (first, last) == (planned_first, planned_last)
        and round(total * 100) == sum(i.cents for i in invoices)
        and not others
        and not unbalanced
    )
    return figures, ok


def main(argv=None):
    options = arguments(argv)
    started = time.perf_counter()
    path = options.file or real_history.download()  # before anything is dropped
    odoo = find_odoo()
    if odoo is None:
        sys.exit("No `odoo` command on PATH (or ODOO_BIN).")
    folder = tempfile.mkdtemp(prefix=f"real-history-{options.db}-")
    rc_path = configuration(options, folder)

    from odoo.tools import config

    config.parse_config(["-c", rc_path], setup_logging=True)
    from bench import retention_data

    from odoo import SUPERUSER_ID, api, fields
    from odoo.modules.registry import Registry

    mark = time.perf_counter()
    if not recreate(odoo, rc_path, folder, options):
        from odoo.service import db as db_service

        db_service.exp_drop(options.db)  # ours, half made
        sys.exit(f"Installing {', '.join(MODULES)} failed; logs in {folder}")
    install_seconds = time.perf_counter() - mark
    with Registry(options.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        today = options.today or fields.Date.context_today(env["res.partner"])
        mark = time.perf_counter()
        clients, invoices, shift, indexes = real_history.load(
            today, path, options.customers
        )
        plan_seconds = time.perf_counter() - mark
        result = retention_data.build(env, clients, invoices)
        figures, ok = verify(cr, clients, invoices)
        about = {
            "source": f"{real_history.PACKAGE}=={real_history.VERSION} "
            f"{real_history.MEMBER}",
            "today": str(today),
            "shift_days": shift,
            "clients": len(clients),
            "invoices": len(invoices),
        }
        env["ir.config_parameter"].set_param(MARKER, json.dumps(about))
        cr.commit()
    written = result["written"]
    print(f"CDNOW: {real_history.PACKAGE} {real_history.VERSION}, {path}")
    print(
        f"today {today}, shift {shift} days (1998-06-30 is "
        f"{real_history.LAST_DAY + timedelta(days=shift)}); {len(indexes)} "
        f"CDNOW customers with a purchase, client indexes 0..{len(indexes) - 1}"
    )
    print(
        f"written: {written['clients']} clients, {written['invoices']} invoices, "
        f"{written['payments']} payments, {written['moves']} entries, "
        f"{written['lines']} lines"
    )
    print(
        f"time: install {install_seconds:.1f} s, plan {plan_seconds:.1f} s, "
        f"load {result['seconds']:.1f} s (+ VACUUM ANALYZE "
        f"{result['vacuum_analyze_seconds']:.1f} s), total "
        f"{time.perf_counter() - started:.1f} s"
    )
    for name, value in figures.items():
        print(f"check: {name} = {value}")
    print("database holds the plan" if ok else "DATABASE DIFFERS FROM THE PLAN")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
