"""Backtest the churn-risk score on the real history load_real_history.py
loaded, fit the weights, and print the table README shows:

    ODOO_RC=odoo.conf python tests/bench/backtest_real_history.py --db cdnow

Run by the Python that runs Odoo, on the database load_real_history.py made
(the same configuration). It runs the module's own backtest and weight fit
(client.retention.backtest, client.retention.weight.fit) as a manager does
from the Retention menu, then rolls everything back: the database keeps the
history only, so the table can be made again.
"""

import argparse
import os
import sys
import time

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TESTS)

RUNS = ((15, "90"), (12, "180"))  # (monthly days, horizon): CDNOW spans 18 months


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="cdnow", help="database (default cdnow)")
    parser.add_argument(
        "--config", default=os.environ.get("ODOO_RC"), help="default: $ODOO_RC"
    )
    return parser.parse_args(argv)


def row(test, fit, seconds):
    def f(value):
        return f"{value:.3f}" if value else "–"

    return (
        f"| {test.months} × {test.horizon} d | {test.client_count:,} | "
        f"{test.sample_count:,} | {f(test.auc_score)} | {f(test.auc_recency)} | "
        f"{f(test.auc_active_score)} | {f(test.auc_active_recency)} | "
        f"{f(fit.auc_before)} | {f(fit.auc_after)} | {f(fit.auc_recency)} | "
        f"{'yes' if fit.applied else 'no'} | {test.duration:.0f} s + "
        f"{seconds - test.duration:.0f} s |"
    )


def main(argv=None):
    options = arguments(argv)
    if not options.config:
        sys.exit("Which Odoo? Pass --config odoo.conf (or set ODOO_RC).")
    from odoo.tools import config

    config.parse_config(["-c", options.config], setup_logging=True)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    header = (
        "| days × horizon | clients | client-days | AUC score | AUC recency "
        "| AUC score, active | AUC recency, active | held out: default "
        "| held out: fitted | held out: recency | fit applied | time (run + fit) |"
    )
    lines = [header, "|" + "---|" * 12]
    with Registry(options.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for months, horizon in RUNS:
            started = time.perf_counter()
            test = env["client.retention.backtest"].create(
                {"months": months, "horizon": horizon}
            )
            test.action_run()
            fit = env["client.retention.weight.fit"].browse(
                test.action_fit_weights()["res_id"]
            )
            lines.append(row(test, fit, time.perf_counter() - started))
            print(f"fitted weights ({months} × {horizon} d): {fit.weights_after}")
            cr.rollback()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
