import configparser

from harness.odoo_config import addons_path, read_rc, run_options, write_rc


def make_addons(folder, *modules):
    for module in modules:
        (folder / module).mkdir(parents=True)
        (folder / module / "__manifest__.py").write_text("{}")
    return folder


def test_this_checkout_is_added_and_other_copies_of_our_modules_left_out(tmp_path):
    repo = make_addons(tmp_path / "repo" / "addons", "sla_claims")
    mounted_copy = make_addons(tmp_path / "mnt", "sla_claims", "client_retention")
    oca = make_addons(tmp_path / "oca", "queue_job")
    rc = {"addons_path": f"{mounted_copy}, {oca},{tmp_path / 'missing'}"}
    assert addons_path(rc, str(repo)).split(",") == [str(oca), str(repo)]


def test_the_run_owns_database_logging_and_ports(tmp_path):
    rc = {
        "db_name": "prod",
        "http_port": "8069",
        "limit_time_real": "300",
        "addons_path": "",
        "db_host": "old",
    }
    options = run_options(rc, str(tmp_path), {"db_host": "/tmp/sock"}, "/tmp/data")
    assert "db_name" not in options and "http_port" not in options
    assert options["limit_time_real"] == "300"  # the user's other settings stay
    assert options["db_host"] == "/tmp/sock"
    assert options["data_dir"] == "/tmp/data"
    assert options["http_interface"] == "127.0.0.1"


def test_rc_round_trip(tmp_path):
    path = tmp_path / "odoo.conf"
    write_rc(str(path), {"db_user": "odoo", "workers": 0})
    parser = configparser.RawConfigParser()
    parser.read(path)
    assert dict(parser["options"]) == {"db_user": "odoo", "workers": "0"}
    assert read_rc(str(path)) == {"db_user": "odoo", "workers": "0"}
    assert read_rc("") == {}
