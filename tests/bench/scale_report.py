"""Targets and table of the large benchmark's screens and crons
(bench_scale.py), on this 2-core machine: printed met or missed, never
asserted.

Plain Python, no Odoo: tests/unit/test_scale_report.py tests it.
"""

import os
import statistics

from bench import report_common

RUNS = 3  # each measure is the median of 3 runs

# (key in results["measures"], what, target in seconds)
TARGETS = (
    ("overview", "Retention Overview", 1.0),
    ("dashboard", "Retention dashboard's data", 2.0),
    ("partner_form", "partner form with its Retention tab (server)", 0.05),
    ("at_risk_list", "Clients at Risk, grouped by salesperson", 0.2),
    ("dormant_list", "Dormant clients: 80 rows grouped by salesperson", 0.2),
    ("sla_nothing_due", "SLA check, nothing due", 0.5),
    ("sla_thousand_due", "SLA check, 1,000 claims cross a threshold", 3.0),
    ("inventory_first", "quarterly inventory, first run", 60.0),
    ("inventory_again", "quarterly inventory, re-run", 60.0),
)


# a measure and its floor measured in the same run: the ratio is printed
FLOORS = {
    "partner_form": (
        "partner_form_floor",
        "the same form without our add-ons' fields",
    ),
}


def json_path(environ=None):
    environ = os.environ if environ is None else environ
    if environ.get("BENCH_SCALE_JSON"):
        return environ["BENCH_SCALE_JSON"]
    beside = environ.get("BENCH_RETENTION_JSON")
    folder = os.path.dirname(beside) if beside else os.getcwd()
    return os.path.join(folder, "bench-scale.json")


def summary(runs):
    """``runs``: [(seconds, queries)] of one measure; its median seconds,
    every run's seconds and the queries of the median run."""
    seconds = [s for s, _q in runs]
    middle = statistics.median(seconds)
    queries = min(runs, key=lambda run: abs(run[0] - middle))[1]
    return {"seconds": middle, "runs": seconds, "queries": queries}


def targets(results):
    """[(name, wanted, value, met)] of the measures present."""
    found = []
    measures = results.get("measures", {})
    for key, what, limit in TARGETS:
        if key in measures:
            seconds = measures[key]["seconds"]
            wanted = f"<= {limit * 1000:.0f} ms" if limit < 1 else f"<= {limit:g} s"
            found.append((what, wanted, seconds, seconds <= limit))
    again = results.get("inventory", {}).get("created_again")
    if again is not None:
        found.append(
            ("quarterly inventory re-run creates nothing", "0", again, again == 0)
        )
    return found


def _seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(results):
    """The BENCH lines: data, each measure with its runs and queries, the
    targets."""
    lines = []
    data = results.get("data")
    if data:
        written = data["written"]
        lines.append(
            "BENCH scale data: "
            + ", ".join(f"{count:,} {name}" for name, count in written.items())
            + f" in {data['seconds']:.1f} s"
        )
    for key, what, _limit in TARGETS:
        measure = results.get("measures", {}).get(key)
        if measure:
            runs = " / ".join(_seconds(s) for s in measure["runs"])
            extra = measure.get("note")
            floor_key, floor_what = FLOORS.get(key, (None, None))
            floor = results["measures"].get(floor_key)
            if floor and floor["seconds"]:
                ratio = measure["seconds"] / floor["seconds"]
                extra = (extra + "; " if extra else "") + (
                    f"{floor_what}: {_seconds(floor['seconds'])}, ratio {ratio:.1f}x"
                )
            lines.append(
                f"BENCH {what}: {_seconds(measure['seconds'])} (median of {runs}), "
                f"{measure['queries']} SQL" + (f"; {extra}" if extra else "")
            )
    for name, wanted, value, met in targets(results):
        shown = _seconds(value) if isinstance(value, float) else value
        lines.append(
            f"BENCH target {name} {wanted}: {shown} -> {'met' if met else 'MISSED'}"
        )
    machine = report_common.machine_line(results)
    if machine:
        lines.append(machine)
    return lines


def write_json(results, path):
    return report_common.write_json(results, targets(results), path)
