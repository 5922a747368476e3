"""Figures of the retention scan benchmark: batches, targets, table, JSON,
the peak resident memory."""

import json

from bench.retention_report import (
    batch_summary,
    json_path,
    parse_status,
    peak_rss,
    reset_peak_rss,
    table,
    targets,
    write_json,
)


def batch(queries, effect_queries=0, seconds=1.0, **effects):
    return {
        "clients": 1000,
        "seconds": seconds,
        "sql_seconds": seconds / 4,
        "queries": queries,
        "effect_queries": effect_queries,
        "effect_seconds": seconds / 2 if effect_queries else 0.0,
        "effects": effects,
    }


def test_the_figures_queries_are_those_without_the_effects():
    summary = batch_summary(
        [
            batch(107, 100, silent_leave=10, reactivation=10),
            batch(57, 50, seconds=3.0, reactivation=10),
            batch(7),
        ]
    )
    assert summary["batches"] == 3 and summary["clients"] == 3000
    assert summary["queries_per_batch"] == [107, 57, 7]
    assert summary["figure_queries_per_batch"] == [7, 7, 7]
    assert not summary["queries_constant"]
    assert summary["figure_queries_constant"]
    assert summary["effects"] == {
        "silent_leave": 10,
        "reactivation": 20,
        "high_risk": 0,
    }
    assert summary["queries_per_effect"] == 5.0
    assert summary["seconds_mean"] == 5 / 3 and summary["seconds_max"] == 3.0
    assert summary["sql_share"] == 0.25
    empty = batch_summary([])
    assert empty["batches"] == 0 and empty["queries_constant"]
    assert empty["queries_per_effect"] is None and empty["sql_share"] is None


def run(seconds, batches):
    return {
        "seconds": seconds,
        "jobs": 1,
        "callbacks": 2,
        "batches": len(batches),
        "batch_size": 1000,
        "queries": sum(b["queries"] for b in batches),
        "sql_seconds": 1.0,
        "batch_summary": batch_summary(batches),
        "steps": {"_run": {"calls": 2, "seconds": seconds}},
        "made": {"churn events": 10, "mails": 9},
        "memory": {"rss_peak_kb": 204800, "rss_peak_delta_kb": 5120},
    }


def results():
    return {
        "size": {"clients": 10000, "invoices": 200000, "batch": 1000},
        "versions": {"odoo": "19.0"},
        "machine": {"cpus": 2, "load_average_1_5_15_min": [1.0, 1.0, 1.0]},
        "runs": {
            "first": run(95.0, [batch(107, 100, reactivation=20), batch(7)]),
            "same_day": run(0.2, []),
            "next_night": run(2.0, [batch(7), batch(7)]),
        },
        "states": {"active": 7, "dormant": 2, "lost": 1},
        "purchase_query": {
            "clients": 10000,
            "batch": 1000,
            "aggregation_ms": 330.0,
            "aggregation_first_ms": 340.0,
            "batched_ms": 290.0,
            "plain_ms": 160.0,
            "plain_first_ms": 170.0,
            "ratio": 330 / 160,
            "same": 8000,
            "different": 2000,
            "different_explained": 2000,
        },
    }


def test_only_the_first_batch_may_find_records_in_the_cache():
    # the scheduler commits after each batch: from the second on, each reads
    # again what the first found cached, and the cron's progress record; more
    # queries in a later batch is not constant, nor a heavier first batch
    warm = batch_summary([batch(125, 118), batch(129, 122), batch(129, 122)])
    assert warm["queries_constant"] and warm["figure_queries_constant"]
    grows = batch_summary([batch(125, 118), batch(129, 122), batch(133, 126)])
    assert not grows["queries_constant"] and grows["figure_queries_constant"]
    first_heavier = batch_summary([batch(140, 133), batch(129, 122), batch(129, 122)])
    assert not first_heavier["queries_constant"]
    found = {
        name: value
        for name, _, value, _met in targets(
            {"size": {}, "runs": {"first": {"seconds": 9.5, "batch_summary": warm}}}
        )
    }
    assert found["queries per batch constant, first scan (every client new)"] == (
        "125, then 129"
    )


def test_targets_scan_time_memory_queries_and_the_floor():
    found = {name: (value, met) for name, _, value, met in targets(results())}
    assert found == {
        "whole scan, first scan (every client new)": (95.0, False),
        "whole scan, next night (all rescanned)": (2.0, True),
        "peak memory growth, first scan (every client new)": (5.0, True),
        "peak memory growth, next night (all rescanned)": (5.0, True),
        "scan's purchase figures against a plain GROUP BY": (330 / 160, False),
        "queries per batch constant, first scan (every client new)": (
            "7..107",
            False,
        ),
        "figure queries per batch constant, first scan (every client new)": (
            "7",
            True,
        ),
        "queries per batch constant, next night (all rescanned)": ("7", True),
        "figure queries per batch constant, next night (all rescanned)": (
            "7",
            True,
        ),
    }
    assert targets({"size": {}}) == []


def test_the_table_and_the_json(tmp_path):
    lines = table(results())
    assert lines[0].startswith("BENCH retention scan: 10,000 clients, 200,000")
    text = "\n".join(lines)
    assert "first scan (every client new): 95.00 s, 2 batches of 1000" in text
    assert "peak RSS +5 MB (peak 200 MB)" in text
    assert "SQL queries 7..107 (figures 7, constant)" in text
    assert "20 reactivation" in text and "(5.0 per effect)" in text
    assert "second run, same day: 0.20 s, 0 batches" in text
    assert (
        "plain GROUP BY of the same figures (no refund rule) 160 ms" in text
        and "2.1x" in text
    )
    assert "states found by the scan: active 7, dormant 2, lost 1" in text
    assert "<= 90 s: 95.00 -> MISSED" in text
    assert all(line.startswith("BENCH ") for line in lines)
    path = write_json(results(), str(tmp_path / "figures.json"))
    data = json.loads((tmp_path / "figures.json").read_text())
    assert path.endswith("figures.json")
    assert data["runs"]["first"]["seconds"] == 95.0
    assert [t["met"] for t in data["targets"]][:2] == [False, True]


def test_the_json_goes_where_bench_retention_json_says():
    assert json_path("/w", {}) == "/w/bench-retention-scan.json"
    assert json_path("/w", {"BENCH_RETENTION_JSON": "/x.json"}) == "/x.json"


def test_memory_from_proc_status(tmp_path):
    status = "Name:\tpython\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t4\n"
    assert parse_status(status) == {"VmHWM": 204800, "VmRSS": 102400}
    assert reset_peak_rss(str(tmp_path / "missing" / "clear_refs")) is None
    assert peak_rss() is None or peak_rss() > 0
