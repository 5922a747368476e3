"""Figures of the retention scan benchmark (bench_retention_scan.py): the
per-batch summary, the targets, the printed table and the JSON.

Plain Python, no Odoo: tests/unit/test_retention_bench_report.py tests it.
Figures are reported, never asserted: a missed target is printed as such.
"""

import os
import statistics

from bench import report_common

# the targets on this 2-core machine, at 50,000 clients
TARGET_SECONDS = {"first": 90.0, "next_night": 30.0}
TARGET_MEMORY_MB = 300
TARGET_FLOOR_RATIO = 1.5  # the scan's figures' SQL against a plain GROUP BY
TARGET_ANALYSIS_SECONDS = 3.0
TARGET_XLSX_SECONDS = 10.0
RUNS = ("first", "same_day", "next_night")
RUN_LABELS = {
    "first": "first scan (every client new)",
    "same_day": "second run, same day",
    "next_night": "next night (all rescanned)",
}
EFFECTS = ("silent_leave", "reactivation", "high_risk")


def json_path(workdir=None, environ=None):
    environ = os.environ if environ is None else environ
    return environ.get("BENCH_RETENTION_JSON") or os.path.join(
        workdir or os.getcwd(), "bench-retention-scan.json"
    )


def batch_summary(batches):
    """What the batches of one run have in common: ``batches`` is a list of
    ``{clients, seconds, sql_seconds, queries, effect_queries,
    effect_seconds, effects: {kind: count}}``. The figures' queries are the
    batch's queries without those of its effects (mails, activities, churn
    events), which depend on how many clients need one."""
    queries = [b["queries"] for b in batches]
    figures = [b["queries"] - b.get("effect_queries", 0) for b in batches]
    seconds = [b["seconds"] for b in batches]
    effects = {
        kind: sum(b.get("effects", {}).get(kind, 0) for b in batches)
        for kind in EFFECTS
    }
    effect_count = sum(effects.values())
    effect_queries = sum(b.get("effect_queries", 0) for b in batches)
    total_seconds = sum(seconds)
    return {
        "batches": len(batches),
        "clients": sum(b["clients"] for b in batches),
        "queries_per_batch": queries,
        "figure_queries_per_batch": figures,
        "queries_constant": _constant(queries),
        "figure_queries_constant": _constant(figures),
        "seconds_per_batch": seconds,
        "seconds_mean": statistics.fmean(seconds) if seconds else None,
        "seconds_max": max(seconds) if seconds else None,
        "sql_share": (
            sum(b.get("sql_seconds", 0.0) for b in batches) / total_seconds
            if total_seconds
            else None
        ),
        "effects": effects,
        "effect_seconds": sum(b.get("effect_seconds", 0.0) for b in batches),
        "effect_queries": effect_queries,
        "queries_per_effect": effect_queries / effect_count if effect_count else None,
    }


def targets(results):
    """[(name, wanted, value, met)]: the scan's time (first night and a
    night after), memory growth and queries per batch, its figures' SQL
    against the plain query, the churn analysis and its XLSX; ``met`` is
    None when the figure is missing."""
    found = []
    runs = results.get("runs", {})
    for run in ("first", "next_night"):
        if run in runs:
            seconds = runs[run]["seconds"]
            limit = TARGET_SECONDS[run]
            found.append(
                (
                    f"whole scan, {RUN_LABELS[run]}",
                    f"<= {limit:.0f} s",
                    seconds,
                    seconds <= limit,
                )
            )
            grown = runs[run].get("memory", {}).get("rss_peak_delta_kb")
            found.append(
                (
                    f"peak memory growth, {RUN_LABELS[run]}",
                    f"<= {TARGET_MEMORY_MB} MB",
                    None if grown is None else round(grown / 1024, 1),
                    None if grown is None else grown / 1024 <= TARGET_MEMORY_MB,
                )
            )
    for run in ("first", "next_night"):
        summary = runs.get(run, {}).get("batch_summary")
        if summary and summary["batches"] > 1:
            found.append(
                (
                    f"queries per batch constant, {RUN_LABELS[run]}",
                    "constant",
                    _range(summary["queries_per_batch"]),
                    summary["queries_constant"],
                )
            )
            found.append(
                (
                    f"figure queries per batch constant, {RUN_LABELS[run]}",
                    "constant",
                    _range(summary["figure_queries_per_batch"]),
                    summary["figure_queries_constant"],
                )
            )
    ratio = results.get("purchase_query", {}).get("ratio")
    if ratio is not None:
        found.append(
            (
                "scan's purchase figures against a plain GROUP BY",
                f"<= {TARGET_FLOOR_RATIO}x",
                ratio,
                ratio <= TARGET_FLOOR_RATIO,
            )
        )
    analysis = results.get("churn_analysis")
    if analysis:
        for key, what, limit in (
            ("analysis_seconds", "churn analysis, 36 months", TARGET_ANALYSIS_SECONDS),
            ("xlsx_seconds", "churn analysis XLSX", TARGET_XLSX_SECONDS),
        ):
            found.append(
                (what, f"<= {limit:.0f} s", analysis[key], analysis[key] <= limit)
            )
    return found


def _constant(queries):
    """Whether every batch makes as many queries. The scheduler commits
    after each batch, which empties the ORM cache, and keeps its progress
    in a record the first batch creates: from the second batch on, each
    reads again what the first found cached (partners, models) and reads
    and updates that record, so the first may make a few fewer, never
    more."""
    if not queries:
        return True
    later = queries[1:] or queries
    return len(set(later)) == 1 and queries[0] <= later[0]


def _range(values):
    low, high = min(values), max(values)
    if low == high:
        return f"{low}"
    if len(values) > 2 and len(set(values[1:])) == 1:
        return f"{values[0]}, then {values[1]}"
    return f"{low}..{high}"


def _fmt(value, digits=2, suffix=""):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}{suffix}"
    return f"{value}{suffix}"


def _mb(kb):
    return "n/a" if kb is None else f"{max(kb, 0) / 1024:.0f} MB"


def _run_lines(key, run):
    summary = run.get("batch_summary") or batch_summary([])
    memory = run.get("memory", {})
    first = (
        f"BENCH {RUN_LABELS[key]}: {_fmt(run['seconds'])} s, "
        f"{run['batches']} batches of {run['batch_size']}, {run['jobs']} cron "
        f"job(s) / {run['callbacks']} call(s) of the scan, {run['queries']} SQL "
        f"({_fmt(run['sql_seconds'])} s in SQL), peak RSS "
        f"+{_mb(memory.get('rss_peak_delta_kb'))} "
        f"(peak {_mb(memory.get('rss_peak_kb'))})"
    )
    lines = [first]
    if summary["batches"]:
        lines.append(
            f"BENCH   per batch: {_fmt(summary['seconds_mean'])} s mean, "
            f"{_fmt(summary['seconds_max'])} s max, "
            f"{_fmt(100 * (summary['sql_share'] or 0), 0)} % in SQL; SQL queries "
            f"{_range(summary['queries_per_batch'])} (figures "
            f"{_range(summary['figure_queries_per_batch'])}, "
            + ("constant" if summary["figure_queries_constant"] else "NOT constant")
            + ")"
        )
        effects = summary["effects"]
        lines.append(
            "BENCH   effects: "
            + ", ".join(f"{effects[k]} {k.replace('_', ' ')}" for k in EFFECTS)
            + f" in {_fmt(summary['effect_seconds'])} s, "
            f"{summary['effect_queries']} SQL"
            + (
                f" ({_fmt(summary['queries_per_effect'], 1)} per effect)"
                if summary["queries_per_effect"] is not None
                else ""
            )
        )
    made = run.get("made")
    if made:
        lines.append(
            "BENCH   made: "
            + ", ".join(f"{count} {name}" for name, count in made.items())
        )
    steps = run.get("steps")
    if steps:
        top = sorted(steps.items(), key=lambda item: -item[1]["seconds"])
        lines.append(
            "BENCH   time by step: "
            + ", ".join(
                f"{name} {_fmt(step['seconds'])} s/{step['calls']}"
                for name, step in top
                if step["seconds"] >= 0.005
            )
        )
    return lines


def table(results):
    """The BENCH lines of a run."""
    size = results["size"]
    lines = [
        f"BENCH retention scan: {size['clients']:,} clients, "
        f"{size['invoices']:,} invoices, scan batch {size['batch']}; "
        + ", ".join(f"{k} {v}" for k, v in results.get("versions", {}).items())
    ]
    if line := report_common.machine_line(results):
        lines.append(line)
    data = results.get("data")
    if data:
        w = data["written"]
        lines.append(
            f"BENCH data: {w['clients']:,} clients, {w['invoices']:,} invoices, "
            f"{w['refunds']:,} credit notes, {w['payments']:,} payments, "
            f"{w['moves']:,} entries, {w['lines']:,} lines, {w['partials']:,} "
            f"partial reconciliations in {_fmt(data['seconds'], 1)} s "
            f"(+ VACUUM ANALYZE {_fmt(data['vacuum_analyze_seconds'], 1)} s)"
        )
    valid = results.get("valid")
    if valid:
        ops = valid["orm_operations"]
        lines.append(
            f"BENCH valid for Odoo: {'yes' if valid['ok'] else 'NO'}: "
            f"{valid['unbalanced_entries']} unbalanced entries; sample of "
            f"{valid['sample']['entries']} entries ({valid['sample']['lines']} "
            f"lines) recomputed by Odoo: {valid['mismatches']} differences, "
            f"{len(valid['constraint_errors'])} constraint errors; ORM on the "
            f"copies: new invoice {ops['new_invoice']}, paid "
            f"{ops['paid_copy'][0]} -> {ops['paid_copy'][1]}, reversed "
            f"{ops['reversed_copy'][0]} -> {ops['reversed_copy'][1]}"
        )
    for key in RUNS:
        run = results.get("runs", {}).get(key)
        if run:
            lines.extend(_run_lines(key, run))
    states = results.get("states")
    if states:
        lines.append(
            "BENCH states found by the scan: "
            + ", ".join(f"{state} {count}" for state, count in states.items())
        )
    query = results.get("purchase_query")
    if query:
        lines.append(
            f"BENCH purchase figures of all {query['clients']:,} clients: "
            f"retention_sql.purchase_figures {_fmt(query['aggregation_ms'], 0)} ms "
            f"(first {_fmt(query['aggregation_first_ms'], 0)} ms; in batches "
            f"of {query['batch']}: {_fmt(query['batched_ms'], 0)} ms) | plain "
            f"GROUP BY of the same figures (no refund rule) "
            f"{_fmt(query['plain_ms'], 0)} ms (first "
            f"{_fmt(query['plain_first_ms'], 0)} ms) | ratio "
            f"{_fmt(query['ratio'], 1, 'x')}"
        )
        lines.append(
            f"BENCH   same figures: {query['same']} clients; "
            f"{query['different']} differ, all with an invoice refunded in "
            f"full (no purchase for the scan, counted by the plain query): "
            f"{query['different_explained']}"
        )
    for name, wanted, value, met in targets(results):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[met]
        lines.append(f"BENCH target {name} {wanted}: {_fmt(value)} -> {verdict}")
    return lines


def write_json(results, path):
    return report_common.write_json(results, targets(results), path)


# ------------------------------------------------------------ memory


def parse_status(text):
    """``{field: kB}`` of the memory lines of /proc/<pid>/status."""
    found = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        parts = value.split()
        if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            found[name] = int(parts[0])
    return found


def _status(path="/proc/self/status"):
    try:
        with open(path, encoding="ascii") as status:
            return parse_status(status.read())
    except OSError:
        return {}


def reset_peak_rss(clear_refs="/proc/self/clear_refs"):
    """Reset the process's peak resident size to its current one (Linux:
    ``5`` into clear_refs) and return the current size in kB; None when the
    peak cannot be reset (then no peak delta is reported)."""
    try:
        with open(clear_refs, "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return None
    return _status().get("VmRSS")


def peak_rss():
    """The peak resident size in kB since the last reset (VmHWM)."""
    return _status().get("VmHWM")
