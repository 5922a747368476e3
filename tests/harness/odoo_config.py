"""The Odoo configuration file a test run uses, built from the user's own."""

import configparser
import os

OUR_MODULES = (
    "sla_claims",
    "client_retention",
    "client_offboarding",
    "spreadsheet_dashboard_client_retention",
)


def read_rc(path):
    """The [options] of an Odoo configuration file, {} when there is none."""
    if not path:
        return {}
    if not os.path.isfile(path):
        raise FileNotFoundError(f"ODOO_RC={path} is not a file.")
    parser = configparser.RawConfigParser()
    parser.read(path, encoding="utf-8")
    return dict(parser["options"]) if parser.has_section("options") else {}


def holds_our_modules(folder):
    return any(
        os.path.isfile(os.path.join(folder, module, "__manifest__.py"))
        for module in OUR_MODULES
    )


def addons_path(rc_options, repo_addons, extra_addons=()):
    """The user's addons path with this checkout's add-ons in it, and
    ``extra_addons`` (the benchmark's peers) first: they win over another
    copy of the same modules.

    Another copy of these modules on the path (a mounted /mnt/extra-addons, an
    older checkout) would shadow or duplicate the code under test: it is left out.
    """
    folders = [os.path.abspath(folder) for folder in extra_addons]
    for entry in (rc_options.get("addons_path") or "").split(","):
        folder = os.path.abspath(os.path.expanduser(entry.strip()))
        if entry.strip() and os.path.isdir(folder) and not holds_our_modules(folder):
            folders.append(folder)
    folders.append(os.path.abspath(repo_addons))
    return ",".join(dict.fromkeys(folders))


def run_options(rc_options, repo_addons, server_options, data_dir, extra_addons=()):
    """Options of the generated configuration file for one test run;
    ``extra_addons`` are more addons folders (the benchmark's peers)."""
    options = {
        key: value
        for key, value in rc_options.items()
        # the run decides these itself
        if key
        not in {
            "db_name",
            "dbfilter",
            "logfile",
            "log_level",
            "http_port",
            "gevent_port",
            "workers",
            "max_cron_threads",
            "data_dir",
            "addons_path",
            "without_demo",
            "with_demo",
            "list_db",
        }
    }
    options.update(server_options)
    options.update(
        addons_path=addons_path(rc_options, repo_addons, extra_addons),
        data_dir=data_dir,
        http_interface="127.0.0.1",
        workers="0",
        max_cron_threads="0",
    )
    return options


def write_run_rc(path, rc_options, repo, server, data_dir, extra_addons=()):
    """Write the configuration file of one run on ``server`` (a
    postgres.Server), with the add-ons of ``repo``; returns ``path``."""
    write_rc(
        path,
        run_options(
            rc_options,
            os.path.join(repo, "addons"),
            server.odoo_options(),
            data_dir,
            extra_addons,
        ),
    )
    return path


def write_rc(path, options):
    parser = configparser.RawConfigParser()
    parser["options"] = {key: str(value) for key, value in options.items()}
    with open(path, "w", encoding="utf-8") as rc_file:
        parser.write(rc_file)
