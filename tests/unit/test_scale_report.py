"""The large benchmark's report (tests/bench/scale_report.py): medians,
targets met or missed, the table and where the JSON goes."""

import json

from bench.scale_report import json_path, summary, table, targets, write_json


def results():
    return {
        "data": {"written": {"claims": 100000, "contacts": 49999}, "seconds": 61.2},
        "measures": {
            "overview": summary([(0.4, 30), (0.2, 28), (0.3, 29)]),
            "partner_form": summary([(0.07, 90), (0.06, 90), (0.08, 91)]),
            "partner_form_floor": summary([(0.035, 70), (0.035, 70), (0.035, 70)]),
        },
        "inventory": {"created_again": 0},
        "machine": {"cpus": 2, "load_average_1_5_15_min": [1.0, 1.0, 1.0]},
    }


def test_the_median_run_and_its_queries():
    found = summary([(0.4, 30), (0.2, 28), (0.3, 29)])
    assert found == {"seconds": 0.3, "runs": [0.4, 0.2, 0.3], "queries": 29}


def test_targets_met_and_missed():
    found = {name: (wanted, met) for name, wanted, _value, met in targets(results())}
    assert found == {
        "Retention Overview": ("<= 1 s", True),
        "partner form with its Retention tab (server)": ("<= 50 ms", False),
        "quarterly inventory re-run creates nothing": ("0", True),
    }
    assert targets({}) == []


def test_the_table_and_the_json(tmp_path):
    text = "\n".join(table(results()))
    assert "BENCH scale data: 100,000 claims, 49,999 contacts in 61.2 s" in text
    assert (
        "BENCH Retention Overview: 300 ms (median of 400 ms / 200 ms / 300 ms)" in text
    )
    assert (
        "partner form with its Retention tab (server) <= 50 ms: 70 ms -> MISSED" in text
    )
    path = write_json(results(), str(tmp_path / "scale.json"))
    data = json.loads((tmp_path / "scale.json").read_text())
    assert path.endswith("scale.json")
    assert [t["met"] for t in data["targets"]] == [True, False, True]


def test_the_json_goes_beside_the_retention_figures():
    assert json_path({"BENCH_SCALE_JSON": "/x.json"}) == "/x.json"
    assert json_path({"BENCH_RETENTION_JSON": "/w/r.json"}) == "/w/bench-scale.json"
