"""The compose file users start the suite with: parsed and checked, as
`docker compose config` would, on machines without Docker."""

import os
import stat

import yaml

DOCKER = os.path.join(os.path.dirname(__file__), "..", "..", "docker")


def compose():
    with open(os.path.join(DOCKER, "docker-compose.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_the_first_start_creates_a_database_with_the_suite():
    services = compose()["services"]
    init, odoo = services["init"], services["odoo"]
    assert odoo["depends_on"] == {
        "init": {"condition": "service_completed_successfully"}
    }
    assert init["environment"]["DEMO"] == "${DEMO:-1}", "demo data on by default"
    assert "./init-db.sh:/usr/local/bin/init-db.sh:ro" in init["volumes"]
    assert init["entrypoint"] == ["/bin/bash", "/usr/local/bin/init-db.sh"]
    script = os.path.join(DOCKER, "init-db.sh")
    assert os.stat(script).st_mode & stat.S_IXUSR
    with open(script, encoding="utf-8") as f:
        text = f.read()
    assert "-i client_offboarding,spreadsheet_dashboard_client_retention" in text
    assert "--with-demo" in text and "--stop-after-init" in text
    assert "state = 'installed'" in text, "a second start installs nothing"


def test_the_server_runs_one_database_and_its_crons_only():
    odoo = compose()["services"]["odoo"]
    command = odoo["command"]
    assert command[:3] == ["odoo", "-d", "${ODOO_DB:-retention}"]
    assert "--db-filter=^${ODOO_DB:-retention}$$" in command
    assert "../addons:/mnt/extra-addons:ro" in odoo["volumes"]


def test_the_tests_service_runs_the_readme_command():
    tests = compose()["services"]["tests"]
    assert tests["entrypoint"] == ["/repo/tests/run", "--require-odoo"]
    assert tests["profiles"] == ["test"]
