"""What the benchmarks' reports share: the machine they ran on, its BENCH
line, and the JSON file with the targets."""

import json
import os


def machine():
    """CPUs and load average now: a shared machine's load explains noisy
    figures."""
    return {
        "cpus": os.cpu_count(),
        "load_average_1_5_15_min": [round(v, 2) for v in os.getloadavg()],
    }


def machine_line(results):
    """The BENCH line of ``results["machine"]``, or None without it."""
    figures = results.get("machine")
    if not figures:
        return None
    return (
        f"BENCH machine: {figures['cpus']} CPUs, load average "
        + " / ".join(str(v) for v in figures["load_average_1_5_15_min"])
        + " (1 / 5 / 15 min, at the end)"
    )


def write_json(results, found_targets, path):
    """``results`` and ``found_targets`` ([(name, wanted, value, met)]) to
    ``path``; returns the path."""
    data = dict(
        results,
        targets=[
            {"name": name, "target": wanted, "value": value, "met": met}
            for name, wanted, value, met in found_targets
        ],
    )
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, sort_keys=True, default=str)
        out.write("\n")
    return path
