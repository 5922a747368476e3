"""Figures of the side-by-side benchmark (tests/bench/bench_side_by_side.py):
sizes, per-item statistics, ratios, targets, the printed table and the JSON.

Plain Python, no Odoo: tests/unit/test_side_by_side_report.py tests it.
Figures are reported, never asserted: a missed target is printed as such.
"""

import os
import statistics

from bench import report_common

FULL_SIZE = 1000  # records per measurement of b, c and d
CUSTOMERS = 150
ROUNDS = 5  # b and c: n records per variant in 5 interleaved rounds
SYSTEMS = ("claims", "oca", "crm")
LABELS = {"claims": "sla_claims", "oca": "OCA helpdesk", "crm": "crm.lead"}


def sizes(n):
    """What one run measures for ``n`` (BENCH_SIZE): records per ORM batch
    and SLA check, mails through the gateway, table sizes of the growth test
    and mails per system at each of them. 1000 is the full run, 10 the smoke
    run of every `tests/run`."""
    n = max(int(n), 1)
    mails = min(n, CUSTOMERS)
    rounds = min(ROUNDS, n)
    return {
        "n": n,
        "rounds": rounds,
        "batch": n // rounds,
        "mails": mails,
        "growth_sizes": [min(10 * n, 1000), 100 * n],
        "growth_mails": min(mails, 50),
    }


def ratio(value, reference):
    """value / reference, None when either is missing or the reference is not
    positive (an SLA share measured below zero is noise, not a figure)."""
    if value is None or reference is None or reference <= 0:
        return None
    return value / reference


def per_item(samples):
    """Mean and median milliseconds, mean SQL queries and mean mails of
    ``samples``: [{"ms": float, "sql": int, "mails": int}]."""
    ms = [s["ms"] for s in samples]
    return {
        "items": len(samples),
        "ms_mean": statistics.fmean(ms) if ms else None,
        "ms_median": statistics.median(ms) if ms else None,
        "sql_mean": statistics.fmean(s["sql"] for s in samples) if ms else None,
        "mails_mean": (
            statistics.fmean(s.get("mails", 0) for s in samples) if ms else None
        ),
    }


def batch_rounds(samples, batch):
    """Rounds of ``batch`` records each ([{"ms", "sql"}]) as seconds and
    queries per 1,000 records: the median round, and each round."""
    each = [sample["ms"] / batch for sample in samples]  # ms per record
    queries = [1000 * sample["sql"] / batch for sample in samples]
    return {
        "batch": batch,
        "rounds": len(samples),
        "records": batch * len(samples),
        "s_per_1000": statistics.median(each) if each else None,
        "sql_per_1000": statistics.median(queries) if queries else None,
        "s_per_1000_rounds": each,
        "sql_per_1000_rounds": queries,
    }


def sla_share(with_sla, without):
    """What the SLA adds per 1,000 records: the median over rounds of the
    difference between the variants in the same round."""
    pairs = zip(
        with_sla["s_per_1000_rounds"], without["s_per_1000_rounds"], strict=True
    )
    sql_pairs = zip(
        with_sla["sql_per_1000_rounds"], without["sql_per_1000_rounds"], strict=True
    )
    seconds = [w - p for w, p in pairs]
    queries = [w - p for w, p in sql_pairs]
    return {
        "share_s_per_1000": statistics.median(seconds) if seconds else None,
        "share_sql_per_1000": statistics.median(queries) if queries else None,
        "share_s_per_1000_rounds": seconds,
    }


def _fmt(value, digits=1, suffix=""):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}{suffix}"
    return f"{value}{suffix}"


def _spread(values):
    """min..max of a figure's rounds: how much of it is noise."""
    return f"{min(values):.2f}..{max(values):.2f}" if values else "n/a"


def targets(results):
    """[(name, wanted, value, met)] for the figures present in ``results``.
    Targets are those the claims must meet against their peers; ``met`` is
    None when the figure is missing."""
    found = []

    def add(name, wanted, value, limit):
        met = None if value is None else value <= limit
        found.append((name, wanted, value, met))

    gateway = results.get("gateway")
    if gateway:
        r = gateway["ratios"]
        claims = gateway["claims"]
        # medians: a load spike of the shared machine moves a mean
        add("a. mail ms (median) claims/OCA", "<= 0.8x", r["median_ms_claims_oca"], 0.8)
        add("a. mail ms (median) claims/crm", "<= 1.0x", r["median_ms_claims_crm"], 1.0)
        add("a. SQL per claim mail", "<= 60", claims["sql_mean"], 60)
        add("a. mails queued per claim", "<= 2", claims["mails_mean"], 2)
    create = results.get("create")
    if create:
        # judged with the chatter off: see bench_side_by_side.test_b
        add("b. SLA share claims/OCA", "<= 0.3x", create["ratio_claims_oca"], 0.3)
    stage = results.get("stage")
    if stage:
        add("c. stage change claims SLA/no SLA", "<= 3x", stage["claims_ratio"], 3)
    check = results.get("check")
    if check:
        seconds = check["s_per_1000"]
        add("d. SLA check seconds per 1,000 claims", "<= 5 s", seconds, 5)
    growth = results.get("growth")
    if growth:
        slowdown = growth["claims"]["slowdown"]
        add("e. claims mail slowdown large/small table", "flat: <= 1.2x", slowdown, 1.2)
    return found


def table(results):
    """The BENCH lines of a run."""
    size = results["size"]
    lines = [
        f"BENCH side by side: n={size['n']} records, {size['mails']} mails, "
        f"growth {size['growth_sizes'][0]:,} -> {size['growth_sizes'][1]:,} rows "
        f"({size['growth_mails']} mails each); "
        + ", ".join(f"{k} {v}" for k, v in results.get("versions", {}).items())
    ]
    if line := report_common.machine_line(results):
        lines.append(line)
    gateway = results.get("gateway")
    if gateway:
        lines.append(
            "BENCH a. mail -> record (gateway)   ms mean | ms median | SQL | mails"
        )
        for system in SYSTEMS:
            s = gateway[system]
            lines.append(
                f"BENCH a.   {LABELS[system]:<13} {_fmt(s['ms_mean']):>8} | "
                f"{_fmt(s['ms_median']):>9} | {_fmt(s['sql_mean']):>5} | "
                f"{_fmt(s['mails_mean'], 2)}"
            )
        r = gateway["ratios"]
        lines.append(
            f"BENCH a.   ratios claims/OCA: ms mean {_fmt(r['ms_claims_oca'], 2, 'x')}"
            f", median {_fmt(r['median_ms_claims_oca'], 2, 'x')}, SQL "
            f"{_fmt(r['sql_claims_oca'], 2, 'x')}; claims/crm: ms mean "
            f"{_fmt(r['ms_claims_crm'], 2, 'x')}, median "
            f"{_fmt(r['median_ms_claims_crm'], 2, 'x')}, SQL "
            f"{_fmt(r['sql_claims_crm'], 2, 'x')}"
        )
    create = results.get("create")
    if create:
        lines.append(
            f"BENCH b. ORM create, s per 1,000 (median of {size['rounds']} rounds of "
            f"{size['batch']}, chatter off "
            f"{create['claims']['quiet']['sla']['rounds']})   with SLA | without | "
            "SLA share (rounds) | SQL share"
        )
        for system in ("claims", "oca"):
            for label, s in (
                ("", create[system]),
                (" chatter off", create[system]["quiet"]),
            ):
                lines.append(
                    f"BENCH b.   {LABELS[system] + label:<25} "
                    f"{_fmt(s['sla']['s_per_1000'], 2):>8} |"
                    f" {_fmt(s['plain']['s_per_1000'], 2):>7} |"
                    f" {_fmt(s['share_s_per_1000'], 2):>9} "
                    f"({_spread(s.get('share_s_per_1000_rounds'))}) |"
                    f" {_fmt(s['share_sql_per_1000'], 0)}"
                )
        lines.append(
            "BENCH b.   SLA share claims/OCA (medians; below zero counts as 0) "
            f"with the chatter off: {_fmt(create['ratio_claims_oca'], 2, 'x')}; "
            "with the chatter on: "
            f"{_fmt(create.get('ratio_claims_oca_with_chatter'), 2, 'x')}"
        )
    stage = results.get("stage")
    if stage:
        lines.append(
            f"BENCH c. stage change, s per 1,000 (median of {size['rounds']} writes "
            f"of {size['batch']})   with SLA | without | ratio | SQL with/without"
        )
        for system in ("claims", "oca"):
            s = stage[system]
            lines.append(
                f"BENCH c.   {LABELS[system]:<13} "
                f"{_fmt(s['sla']['s_per_1000'], 2):>8} |"
                f" {_fmt(s['plain']['s_per_1000'], 2):>7} |"
                f" {_fmt(s['ratio'], 2, 'x'):>5} |"
                f" {_fmt(s['sla']['sql_per_1000'], 0)}/"
                f"{_fmt(s['plain']['sql_per_1000'], 0)}"
            )
    check = results.get("check")
    if check:
        lines.append(
            f"BENCH d. SLA check of {check['claims']} breaching claims: "
            f"{_fmt(check['seconds'], 2)} s ({_fmt(check['s_per_1000'], 2)} s per "
            f"1,000), {check['sql']} SQL, {check['activities']} activities, "
            f"{check['mails']} mails; OCA: {check['oca']}"
        )
    growth = results.get("growth")
    if growth:
        small, large = results["size"]["growth_sizes"]
        lines.append(
            f"BENCH e. mail ms median at {small:,} rows | at {large:,} rows | "
            "slowdown | SQL small/large"
        )
        for system in SYSTEMS:
            s = growth[system]
            lines.append(
                f"BENCH e.   {LABELS[system]:<13} {_fmt(s['small']['ms_median']):>8} |"
                f" {_fmt(s['large']['ms_median']):>8} |"
                f" {_fmt(s['slowdown'], 2, 'x'):>6} |"
                f" {_fmt(s['small']['sql_mean'])}/{_fmt(s['large']['sql_mean'])}"
            )
    for name, wanted, value, met in targets(results):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[met]
        lines.append(f"BENCH target {name} {wanted}: {_fmt(value, 2)} -> {verdict}")
    return lines


def json_path(workdir=None):
    return os.environ.get("BENCH_JSON") or os.path.join(
        workdir or os.getcwd(), "bench-side-by-side.json"
    )


def write_json(results, path):
    return report_common.write_json(results, targets(results), path)
