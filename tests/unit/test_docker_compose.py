"""The compose files users start the suite with: parsed and checked, as
`docker compose config` would, on machines without Docker."""

import os
import re
import stat
import subprocess

import yaml

DOCKER = os.path.join(os.path.dirname(__file__), "..", "..", "docker")
DB = "${ODOO_DB:-retention}"

# Odoo 19.0's command-line options we pass, each read in
# odoo/tools/config.py of Odoo 19.0 (version_info (19, 0, 0, FINAL)):
# -c l.223, -i l.227, --with-demo l.233, --gevent-port l.261 (default 8072),
# --no-http l.263, --proxy-mode l.265, --db-filter l.276, -d l.369,
# --db_user l.371, --db_password l.373, --db_host l.377,
# --db_replica_host l.379, --db_replica_port l.383, --stop-after-init l.431,
# --max-cron-threads l.441, --workers l.459.
ODOO19_OPTIONS = {
    "-c", "-i", "--with-demo", "--no-http", "--proxy-mode", "--db-filter",
    "-d", "--db_user", "--db_password", "--db_host", "--db_replica_host",
    "--db_replica_port", "--stop-after-init", "--max-cron-threads", "--workers",
}  # fmt: skip
GEVENT_PORT = 8072


def compose(name="docker-compose.yml"):
    with open(os.path.join(DOCKER, name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def scaled():
    return compose("docker-compose.scaled.yml")


def read(name):
    with open(os.path.join(DOCKER, name), encoding="utf-8") as f:
        return f.read()


def odoo_options(command):
    """{option: value} of an `odoo …` command list; a flag's value is True."""
    assert command[0] == "odoo"
    options, args = {}, iter(command[1:])
    for arg in args:
        assert arg.startswith("-"), arg
        name, sep, value = arg.partition("=")
        options[name] = value if sep else (next(args) if name == "-d" else True)
    return options


def odoo_services(services):
    return {
        name: service
        for name, service in services.items()
        if service.get("image") == "odoo:19.0" and "command" in service
    }


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
    text = read("init-db.sh")
    assert "-i client_offboarding,spreadsheet_dashboard_client_retention" in text
    assert "--with-demo" in text and "--stop-after-init" in text
    assert "state = 'installed'" in text, "a second start installs nothing"
    assert '-d "$ODOO_DB"' in text


def test_the_server_runs_one_database_and_its_crons_only():
    odoo = compose()["services"]["odoo"]
    command = odoo["command"]
    assert command[:3] == ["odoo", "-d", DB]
    assert f"--db-filter=^{DB}$$" in command
    assert "../addons:/mnt/extra-addons:ro" in odoo["volumes"]


def test_the_tests_service_runs_the_readme_command():
    tests = compose()["services"]["tests"]
    assert tests["entrypoint"] == ["/repo/tests/run", "--require-odoo"]
    assert tests["profiles"] == ["test"]


def test_the_scaled_file_has_its_pieces_and_a_project_of_its_own():
    spec = scaled()
    assert set(spec["services"]) == {
        "db", "db-replica", "init", "odoo", "odoo-cron", "proxy",
    }  # fmt: skip
    # its own volumes: the primary's replication role is made with its data
    assert spec["name"] != os.path.basename(os.path.abspath(DOCKER))
    named = {
        volume.split(":")[0]
        for service in spec["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith(".")
    }
    assert named == set(spec["volumes"]) == {
        "db-data", "db-replica-data", "odoo-data",
    }  # fmt: skip


def test_the_scaled_file_shares_the_init_service():
    assert scaled()["services"]["init"] == compose()["services"]["init"]


def test_the_primary_lets_a_replica_stream():
    services = scaled()["services"]
    db = services["db"]
    assert db["image"] == compose()["services"]["db"]["image"] == "postgres:16"
    assert db["command"] == ["postgres", "-c", "wal_level=replica"]
    assert (
        "./primary-replication.sh:/docker-entrypoint-initdb.d/"
        "primary-replication.sh:ro" in db["volumes"]
    )
    # ready over TCP only once the image's first-start set-up is over
    assert db["healthcheck"]["test"][:4] == ["CMD", "pg_isready", "-h", "127.0.0.1"]
    text = read("primary-replication.sh")
    assert 'CREATE ROLE :"role" WITH REPLICATION LOGIN' in text
    assert "pg_create_physical_replication_slot('replica')" in text
    assert (
        'echo "host replication $REPLICATION_USER all scram-sha-256" '
        '>>"$PGDATA/pg_hba.conf"' in text
    )


def test_the_replica_is_a_streaming_copy_of_the_primary():
    services = scaled()["services"]
    db, replica = services["db"], services["db-replica"]
    assert replica["image"] == db["image"]
    assert replica["depends_on"] == {"db": {"condition": "service_healthy"}}
    env = replica["environment"]
    assert env["PRIMARY_HOST"] == "db" and "db" in services
    for key in ("REPLICATION_USER", "REPLICATION_PASSWORD"):
        assert env[key] == db["environment"][key]
    # its data in a folder of the volume, so that the copy can be renamed in
    volume = "db-replica-data:/var/lib/postgresql/data"
    assert volume in replica["volumes"]
    assert env["PGDATA"].startswith("/var/lib/postgresql/data/")
    assert (
        "./replica-start.sh:/usr/local/bin/replica-start.sh:ro" in (replica["volumes"])
    )
    assert replica["entrypoint"] == ["/bin/bash", "/usr/local/bin/replica-start.sh"]
    assert replica["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    text = read("replica-start.sh")
    # once, when its data folder is empty
    assert 'if [ ! -s "$PGDATA/PG_VERSION" ]; then' in text
    command = re.search(r"pg_basebackup -h (.*\\\n)*.*", text).group(0)
    words = " ".join(command.replace("\\\n", " ").split()) + " "
    for option in (
        '-h "$PRIMARY_HOST" ', '-U "$REPLICATION_USER" ', '-D "$PGDATA.partial" ',
        "-R ", "-X stream ", "-S replica ",
    ):  # fmt: skip
        assert f" {option}" in words, option
    assert 'mv "$PGDATA.partial" "$PGDATA"' in text
    assert text.rstrip().endswith(
        "exec postgres -c hot_standby=on -c listen_addresses='*' \"$@\""
    )


def test_the_web_servers_are_prefork_workers_that_read_on_the_replica():
    services = scaled()["services"]
    odoo = services["odoo"]
    options = odoo_options(odoo["command"])
    assert int(options["--workers"]) > 0
    assert options["--max-cron-threads"] == "0"
    assert options["--db_replica_host"] == "db-replica" and "db-replica" in services
    assert options["--db_replica_port"] == "5432"  # postgres' own port
    assert options["--db-filter"] == f"^{DB}$$"
    assert odoo["depends_on"] == {
        "init": {"condition": "service_completed_successfully"},
        "db-replica": {"condition": "service_healthy"},
    }
    assert "ports" not in odoo, "several can run: the proxy is the entry point"


def test_the_proxy_sends_websockets_to_the_gevent_worker():
    services = scaled()["services"]
    assert odoo_options(services["odoo"]["command"])["--proxy-mode"] is True
    proxy = services["proxy"]
    assert proxy["ports"] == ["8069:80"]
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    text = read("nginx.conf")
    locations = dict(re.findall(r"location (\S+) \{\s*proxy_pass (\S+);\s*\}", text))
    assert locations == {
        "/websocket": f"http://odoo:{GEVENT_PORT}",
        "/": "http://odoo:8069",
    }
    # nothing but proxy_pass in a location: headers there would drop the
    # server's ones (nginx inherits them only into a block that sets none)
    assert text.count("location ") == len(locations)
    assert "proxy_set_header Upgrade $http_upgrade;" in text


def test_one_cron_server_runs_the_crons_and_serves_no_http():
    services = scaled()["services"]
    cron = services["odoo-cron"]
    options = odoo_options(cron["command"])
    assert options["--no-http"] is True
    assert int(options["--max-cron-threads"]) > 0
    assert "--workers" not in options and "--db_replica_host" not in options
    assert "ports" not in cron
    assert cron["depends_on"] == {
        "init": {"condition": "service_completed_successfully"}
    }
    assert cron["volumes"] == services["odoo"]["volumes"], "the same filestore"


def test_every_odoo_process_runs_this_database_only():
    for name in ("docker-compose.yml", "docker-compose.scaled.yml"):
        services = odoo_services(compose(name)["services"])
        assert services
        for service in services.values():
            assert service["command"][:3] == ["odoo", "-d", DB], name
            assert service["environment"]["HOST"] == "db"
    assert set(odoo_services(scaled()["services"])) == {"odoo", "odoo-cron"}


def test_the_options_given_to_odoo_exist_in_odoo_19():
    given = set()
    for name in ("docker-compose.yml", "docker-compose.scaled.yml"):
        for service in odoo_services(compose(name)["services"]).values():
            given |= set(odoo_options(service["command"]))
    # from the demo switch to the end: the options init-db.sh gives odoo
    odoo_call = read("init-db.sh").split("demo=()", 1)[1]
    given |= set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", odoo_call))
    assert {"--workers", "--no-http", "--with-demo", "--db_replica_port"} <= given
    assert given <= ODOO19_OPTIONS, given - ODOO19_OPTIONS


def test_the_files_the_compose_files_mount_exist():
    for name in ("docker-compose.yml", "docker-compose.scaled.yml"):
        for service in compose(name)["services"].values():
            for volume in service.get("volumes", []):
                source = volume.split(":")[0]
                if source.startswith("."):
                    assert os.path.exists(os.path.join(DOCKER, source)), source


def test_the_shell_scripts_parse_and_are_executable():
    scripts = sorted(name for name in os.listdir(DOCKER) if name.endswith(".sh"))
    assert scripts == ["init-db.sh", "primary-replication.sh", "replica-start.sh"]
    for name in scripts:
        path = os.path.join(DOCKER, name)
        assert os.stat(path).st_mode & stat.S_IXUSR, name
        result = subprocess.run(
            ["bash", "-n", path], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stderr, result.stderr
        assert read(name).startswith("#!/bin/bash\n")
        assert "set -euo pipefail" in read(name)
