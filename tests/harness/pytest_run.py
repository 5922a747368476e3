"""pytest in a child process, counted from its junit XML: the Odoo suites,
the benchmarks and the Odoo-free tests of tests/run run through here."""

import json
import os
import xml.etree.ElementTree as ET

from .process import run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HARNESS = os.path.dirname(os.path.abspath(__file__))


def junit_counts(path, refused_path=None):
    """(passed, failed, skipped) from a pytest junit XML file; skips refused
    by pytest_strict_skips count as failed."""
    refused = 0
    if refused_path and os.path.exists(refused_path):
        with open(refused_path, encoding="utf-8") as data:
            refused = len(json.load(data))
    if not os.path.exists(path):
        return 0, 1, 0
    # count <testcase> elements: the suite's "tests" attribute adds subtests
    cases = list(ET.parse(path).getroot().iter("testcase"))
    failed = sum(
        1
        for case in cases
        if case.find("failure") is not None or case.find("error") is not None
    )
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    total = len(cases)
    return total - failed - skipped, failed + refused, skipped - refused


def run_pytest(python, args, workdir, name, env_extra=None, allow_empty=False):
    junit = os.path.join(workdir, f"{name}.junit.xml")
    refused = os.path.join(workdir, f"{name}.refused-skips.json")
    env = dict(os.environ, STRICT_SKIPS_REPORT=refused, **(env_extra or {}))
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (HARNESS, env.get("PYTHONPATH")) if p
    )
    command = [
        python,
        "-m",
        "pytest",
        "-p",
        "pytest_strict_skips",
        "-p",
        "no:cacheprovider",
        "-rfEs",
        f"--junitxml={junit}",
        *args,
    ]
    code, _ = run(command, cwd=REPO, env=env)
    passed, failed, skipped = junit_counts(junit, refused)
    if code == 5 and allow_empty:  # -k selected none of this suite's tests
        return passed, failed, skipped
    if code and not failed:
        failed = 1  # pytest failed outside any test (collection, usage)
    return passed, failed, skipped
