"""Figures of the side-by-side benchmark: sizes, ratios, targets, table."""

import json

from bench.side_by_side_report import (
    batch_rounds,
    per_item,
    ratio,
    sizes,
    sla_share,
    table,
    targets,
    write_json,
)


def test_full_and_smoke_sizes():
    assert sizes(1000) == {
        "n": 1000,
        "rounds": 5,
        "batch": 200,
        "mails": 150,
        "growth_sizes": [1000, 100000],
        "growth_mails": 50,
    }
    assert sizes(10) == {
        "n": 10,
        "rounds": 5,
        "batch": 2,
        "mails": 10,
        "growth_sizes": [100, 1000],
        "growth_mails": 10,
    }


def test_ratios_need_a_positive_reference():
    assert ratio(2.0, 4.0) == 0.5
    assert ratio(1.0, 0) is None
    assert ratio(1.0, -0.2) is None  # an SLA share below zero is noise
    assert ratio(None, 1.0) is None


def test_per_item_and_rounds():
    figures = per_item(
        [{"ms": 10.0, "sql": 50, "mails": 2}, {"ms": 30.0, "sql": 70, "mails": 2}]
    )
    assert figures == {
        "items": 2,
        "ms_mean": 20.0,
        "ms_median": 20.0,
        "sql_mean": 60.0,
        "mails_mean": 2.0,
    }
    with_sla = batch_rounds(
        [{"ms": 1000.0, "sql": 300}] * 2 + [{"ms": 9e4, "sql": 300}], 200
    )
    assert with_sla["s_per_1000"] == 5.0  # the median round: a spike left out
    assert with_sla["sql_per_1000"] == 1500.0 and with_sla["records"] == 600
    without = batch_rounds([{"ms": 800.0, "sql": 200}] * 3, 200)
    assert sla_share(with_sla, without) == {
        "share_s_per_1000": 1.0,
        "share_sql_per_1000": 500.0,
        "share_s_per_1000_rounds": [1.0, 1.0, 446.0],
    }


def results():
    gateway = {
        system: per_item([{"ms": ms, "sql": sql, "mails": mails}])
        for system, ms, sql, mails in (
            ("claims", 30.0, 55, 2),
            ("oca", 40.0, 60, 1),
            ("crm", 25.0, 50, 1),
        )
    }
    gateway["ratios"] = {
        "ms_claims_oca": 0.75,
        "ms_claims_crm": 1.2,
        "median_ms_claims_oca": 0.75,
        "median_ms_claims_crm": 1.2,
        "sql_claims_oca": 0.9,
        "sql_claims_crm": 1.1,
    }
    return {"size": sizes(10), "versions": {"odoo": "19.0"}, "gateway": gateway}


def test_targets_are_marked_met_or_missed_and_missing_ones_left_out():
    found = {name: met for name, _, _, met in targets(results())}
    assert found == {
        "a. mail ms (median) claims/OCA": True,
        "a. mail ms (median) claims/crm": False,
        "a. SQL per claim mail": True,
        "a. mails queued per claim": True,
    }


def full_results():
    """Every section, as the benchmark fills them."""
    data = results()
    rounds = batch_rounds([{"ms": 400.0, "sql": 100}] * 2, 200)
    plain = batch_rounds([{"ms": 300.0, "sql": 80}] * 2, 200)
    quiet = batch_rounds([{"ms": 40.0, "sql": 10}] * 6, 200)
    quiet_plain = batch_rounds([{"ms": 30.0, "sql": 8}] * 6, 200)
    data["create"] = {
        system: {
            "sla": rounds,
            "plain": plain,
            **sla_share(rounds, plain),
            "quiet": {
                "sla": quiet,
                "plain": quiet_plain,
                **sla_share(quiet, quiet_plain),
            },
        }
        for system in ("claims", "oca")
    }
    data["create"]["ratio_claims_oca"] = 1.0
    data["create"]["ratio_claims_oca_with_chatter"] = 1.0
    data["stage"] = {
        system: {"sla": rounds, "plain": plain, "ratio": 4 / 3}
        for system in ("claims", "oca")
    }
    data["stage"]["claims_ratio"] = 4 / 3
    data["check"] = {
        "claims": 10,
        "seconds": 0.05,
        "s_per_1000": 5.0,
        "sql": 84,
        "activities": 10,
        "mails": 1,
        "oca": "no check",
    }
    small = per_item([{"ms": 40.0, "sql": 70}])
    data["growth"] = {
        system: {"small": small, "large": small, "slowdown": 1.0}
        for system in ("claims", "oca", "crm")
    }
    data["machine"] = {"cpus": 2, "load_average_1_5_15_min": [1.0, 1.0, 1.0]}
    return data


def test_every_section_is_printed_with_its_target():
    lines = table(full_results())
    for prefix in ("BENCH a.", "BENCH b.", "BENCH c.", "BENCH d.", "BENCH e."):
        assert any(line.startswith(prefix) for line in lines), prefix
    verdicts = [line for line in lines if line.startswith("BENCH target")]
    assert len(verdicts) == 8
    assert any("(0.50..0.50)" in line for line in lines)  # the rounds' spread
    # the SLA share with the chatter off, in its own rounds, beside the other
    assert any("chatter off 6)" in line for line in lines)
    assert any(
        line.startswith("BENCH b.   sla_claims chatter off") and "(0.05..0.05)" in line
        for line in lines
    )
    assert "b. SLA share claims/OCA <= 0.3x: 1.00 -> MISSED" in " ".join(verdicts)


def test_the_table_and_the_json(tmp_path):
    lines = table(results())
    assert all(line.startswith("BENCH") for line in lines)
    assert any("MISSED" in line and "claims/crm" in line for line in lines)
    path = write_json(results(), str(tmp_path / "b.json"))
    data = json.loads((tmp_path / "b.json").read_text())
    assert path == str(tmp_path / "b.json")
    assert data["gateway"]["claims"]["sql_mean"] == 55
    assert {t["name"]: t["met"] for t in data["targets"]}[
        "a. mail ms (median) claims/OCA"
    ]
