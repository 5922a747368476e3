"""The side-by-side benchmark's harness: when it runs, its peers from PyPI,
their dependencies and whose install warnings may pass."""

import argparse
import sys

import pytest
from harness import peers
from harness.bench_suite import (
    FULL_SIZE,
    RETENTION_FULL_CLIENTS,
    RETENTION_SMOKE_CLIENTS,
    SMOKE_SIZE,
    json_path,
    plan,
    retention_json_path,
    retention_plan,
)
from harness.cli import parse_args, positive_int
from harness.logcheck import Problem
from harness.odoo_config import addons_path, run_options


def options(*argv):
    return parse_args(list(argv))


def test_every_run_smokes_the_benchmark_and_bench_runs_it_full():
    assert plan(options()) == ("benchmark smoke", SMOKE_SIZE, None)
    assert plan(options("--bench")) == ("benchmark (side by side)", FULL_SIZE, None)
    assert plan(options("--bench", "--bench-size", "50"))[1] == 50
    assert plan(options("--bench-size", "3"))[1] == 3


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (("--no-bench-smoke",), "--no-bench-smoke"),
        (("--module", "sla_claims"), "--module runs only that module's tests"),
        (("-k", "gateway"), "-k filters only the pytest suites"),
    ],
)
def test_the_smoke_is_left_out_with_a_reason(argv, why):
    assert plan(options(*argv)) == ("benchmark smoke", None, why)


def test_a_bench_size_is_a_positive_number(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--bench-size", "0"])
    assert "not a positive number" in capsys.readouterr().err


def test_the_json_goes_where_bench_json_says_else_into_the_run_folder():
    assert json_path("/w", {}) == "/w/bench-side-by-side.json"
    assert json_path("/w", {"BENCH_JSON": "/tmp/x.json"}) == "/tmp/x.json"


def test_the_peers_come_first_on_the_benchmark_addons_path(tmp_path):
    peers_dir = tmp_path / "peers"
    peers_dir.mkdir()
    rc = {"addons_path": str(tmp_path)}
    assert addons_path(rc, "/repo/addons", [str(peers_dir)]).split(",") == [
        str(peers_dir),
        str(tmp_path),
        "/repo/addons",
    ]
    assert run_options(rc, "/repo/addons", {}, "/d")["addons_path"] == (
        f"{tmp_path},/repo/addons"
    )


def fake_pip(tmp_path, body):
    """A Python whose `-m pip install ... --target DIR` runs ``body``."""
    script = tmp_path / "python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        "target = sys.argv[sys.argv.index('--target') + 1]\n" + body
    )
    script.chmod(0o755)
    return str(script)


def test_the_peers_install_once_into_the_cache(tmp_path):
    python = fake_pip(
        tmp_path,
        "for m in ('helpdesk_mgmt', 'helpdesk_mgmt_sla'):\n"
        "    os.makedirs(os.path.join(target, 'odoo', 'addons', m))\n"
        "    open(os.path.join(target, 'odoo', 'addons', m, '__manifest__.py'),"
        " 'w').write('{}')\n"
        "os.makedirs(os.path.join(target, "
        "'odoo_addon_helpdesk_mgmt-19.0.1.3.2.dist-info'))\n",
    )
    target = tmp_path / "cache" / "peers-19.0"
    addons = peers.ensure_peers(python, str(target), log=lambda _: None)
    assert addons == str(target / "odoo" / "addons")
    assert peers.peer_versions(str(target)) == {
        "odoo-addon-helpdesk_mgmt": "19.0.1.3.2"
    }
    broken = fake_pip(tmp_path, "sys.exit('must not run again')\n")
    assert peers.ensure_peers(broken, str(target), log=lambda _: None) == addons


def test_without_pypi_the_peers_fail_clearly(tmp_path):
    python = fake_pip(tmp_path, "print('No matching distribution'); sys.exit(1)\n")
    target = tmp_path / "peers-19.0"
    with pytest.raises(peers.PeersError) as error:
        peers.ensure_peers(python, str(target), log=lambda _: None)
    assert "pip could not install them" in str(error.value)
    assert "No matching distribution" in str(error.value)
    assert "--no-bench-smoke" in str(error.value)
    assert not target.exists()


RESOLVED = {
    "paths": {
        "sla_claims": "/repo/addons/sla_claims",
        "helpdesk_mgmt_sla": "/peers/helpdesk_mgmt_sla",
        "helpdesk_mgmt": "/peers/helpdesk_mgmt",
        "crm": "/odoo/addons/crm",
        "calendar": "/odoo/addons/calendar",
        "mail": "/odoo/addons/mail",
        "portal": "/odoo/addons/portal",
        "resource": "/odoo/addons/resource",
        "base": "/odoo/odoo/addons/base",
    },
    "closures": {
        "sla_claims": ["base", "mail", "portal", "resource", "sla_claims"],
        "helpdesk_mgmt_sla": [
            "base",
            "helpdesk_mgmt",
            "helpdesk_mgmt_sla",
            "mail",
            "portal",
            "resource",
        ],
        "helpdesk_mgmt": ["base", "helpdesk_mgmt", "mail", "portal"],
        "crm": ["base", "calendar", "crm", "mail"],
    },
}


def test_the_peers_need_only_odoo_core():
    missing, core = peers.peer_dependencies(RESOLVED, "/peers")
    assert missing == []
    assert core == ["base", "mail", "portal", "resource"]
    lacking = {**RESOLVED, "paths": {**RESOLVED["paths"], "portal": None}}
    assert peers.peer_dependencies(lacking, "/peers")[0] == ["portal"]


def test_their_modules_are_those_only_the_peers_and_crm_bring():
    assert peers.their_modules(RESOLVED) == {
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "crm",
        "calendar",
    }


def problem(logger, message, *details):
    found = Problem("WARNING", logger, message)
    found.details = list(details)
    return found


@pytest.mark.parametrize(
    ("record", "theirs"),
    [
        (problem("odoo.addons.crm.models.crm_lead", "something"), True),
        (problem("odoo.addons.calendar.models.x", "something"), True),
        (problem("odoo.fields", "Field helpdesk.ticket.x: unknown parameter"), True),
        (problem("odoo.models", "crm.lead: inconsistent compute"), True),
        (problem("odoo.addons.helpdesk_mgmt_sla.models.y", "about sla.claim"), False),
        (problem("odoo.fields", "Field sla.claim.x: unknown parameter"), False),
        (problem("odoo.addons.sla_claims.models.sla_claim", "oops"), False),
        (problem("odoo.addons.mail.models.mail_thread", "shared module"), False),
        (problem("odoo.modules.loading", "some core problem"), False),
        (problem("odoo.schema", "x", "  File helpdesk_mgmt/models/t.py"), True),
    ],
)
def test_only_their_warnings_pass(record, theirs):
    assert peers.is_theirs(record, {"crm", "calendar", "helpdesk_mgmt"}) is theirs


def test_bench_size_type_is_argparse_friendly():
    with pytest.raises(argparse.ArgumentTypeError):
        positive_int("-1")


class FakeOdoo:
    """An `odoo` command that only prints ``lines`` as its log."""

    def __init__(self, lines):
        self.lines = lines

    def command(self, *args):
        return [sys.executable, "-c", f"print({chr(10).join(self.lines)!r})"]


def test_an_install_passes_their_warnings_and_fails_on_ours(tmp_path, capsys):
    from harness.lifecycle import Lifecycle

    record = "2026-01-01 10:00:00,000 7 WARNING db {}: {}"
    theirs = record.format("odoo.addons.crm.models.crm_team", "their noise")
    ours = record.format("odoo.addons.sla_claims.models.x", "our problem")
    results = []

    def install(lines):
        lifecycle = Lifecycle(
            FakeOdoo(lines),
            "rc",
            str(tmp_path),
            ["crm"],
            lambda name, ok, details: results.append((ok, details)),
        )
        return lifecycle.install(
            "db", ["crm"], tolerated=lambda p: peers.is_theirs(p, {"crm"})
        )

    assert install([theirs])
    assert "not ours, not failing: WARNING odoo.addons.crm" in capsys.readouterr().out
    assert not install([theirs, ours])
    assert [d.split(":")[0] for d in results[-1][1]] == [
        "WARNING odoo.addons.sla_claims.models.x"
    ]


def test_every_run_smokes_the_retention_benchmark_and_bench_runs_it_full():
    assert retention_plan(options()) == (
        "benchmark smoke (large)",
        RETENTION_SMOKE_CLIENTS,
        None,
    )
    assert retention_plan(options("--bench")) == (
        "benchmark (large: retention scan, screens, crons)",
        RETENTION_FULL_CLIENTS,
        None,
    )
    assert retention_plan(options("--bench", "--bench-clients", "500"))[1] == 500
    assert retention_plan(options("--bench-clients", "40"))[1] == 40
    # --bench-size is the side-by-side benchmark's, not the retention one's
    assert retention_plan(options("--bench-size", "3"))[1] == RETENTION_SMOKE_CLIENTS
    with pytest.raises(SystemExit):
        parse_args(["--bench-clients", "0"])


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (("--no-bench-smoke",), "--no-bench-smoke"),
        (("--module", "client_retention"), "--module runs only that module's tests"),
        (("-k", "scan"), "-k filters only the pytest suites"),
    ],
)
def test_the_retention_smoke_is_left_out_with_a_reason(argv, why):
    assert retention_plan(options(*argv)) == (
        "benchmark smoke (large)",
        None,
        why,
    )


def test_the_retention_json_goes_where_bench_retention_json_says():
    assert retention_json_path("/w", {}) == "/w/bench-retention-scan.json"
    assert retention_json_path("/w", {"BENCH_RETENTION_JSON": "/r.json"}) == "/r.json"
