"""Helpers of the retention scan benchmark: the profile of a run, and the
purchase query's windows, timings, comparison with a plain GROUP BY and
EXPLAIN."""

import io
import pstats
import time
from unittest.mock import patch

from odoo.addons.client_retention.lib import snapshot

TIMINGS = 3  # each query of the comparison runs 3 times: first and best


def profiled(profiler, path):
    """Write the profile to ``path``; its top functions, by cumulative and
    by own time, as text lines."""
    profiler.dump_stats(path)
    found = {"path": path}
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(40)
        found[order] = out.getvalue().splitlines()
    return found


def purchase_windows(company, today):
    """The windows the scan passes to purchase_figures (see _scan_batch)."""
    return snapshot.purchase_windows(
        snapshot.windows(today, company._retention_settings())
    )


def timed(function):
    """([ms of each of TIMINGS runs], result of the last)."""
    times, result = [], None
    for _ in range(TIMINGS):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def compare(cr, company_id, figures, rows):
    """(clients with the same first and last date, count and net amount in
    both queries, clients differing, differing clients that have an invoice
    refunded in full: no purchase for the scan, an invoice for the plain
    query)."""
    same = different = 0
    differing = []
    for partner_id, first, last, count, net in rows:
        mine = figures[partner_id]
        if (mine["first_date"], mine["last_date"], mine["invoice_count"]) == (
            first,
            last,
            count,
        ) and mine["net_amount"] == net:
            same += 1
        else:
            different += 1
            differing.append(partner_id)
    cr.execute(
        """SELECT count(DISTINCT i.commercial_partner_id)
             FROM account_move i
             JOIN account_move r ON r.reversed_entry_id = i.id
            WHERE i.company_id = %s AND i.commercial_partner_id = ANY(%s)
              AND i.payment_state = 'reversed'""",
        [company_id, differing],
    )
    return same, different, cr.fetchone()[0]


def explain(cr, function):
    """EXPLAIN ANALYZE of the query ``function`` runs (its lines)."""
    captured = []
    execute = cr.execute

    def capture(query, params=None, log_exceptions=True):
        captured.append((query, params))
        return execute(query, params, log_exceptions)

    with patch.object(cr, "execute", capture):
        function()
    query, params = captured[-1]
    cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
    return [row[0] for row in cr.fetchall()]


def median_of_three(env, function):
    """(result, median seconds, SQL queries of that run) of ``function()``
    run three times, each with a cold ORM cache."""
    runs = []
    for _ in range(3):
        env.invalidate_all()
        queries, start = env.cr.sql_log_count, time.perf_counter()
        result = function()
        runs.append((time.perf_counter() - start, env.cr.sql_log_count - queries))
    seconds, queries = sorted(runs)[1]
    return result, seconds, queries
