"""The Odoo side of the multi-worker run, as `odoo shell` would run it but
as a script: ``python workers_odoo.py RC DB setup|figures`` with its
parameters (JSON) on stdin, under Odoo's Python with tests/ on PYTHONPATH.
It prints one line ``WORKERS_RESULT <json>``; setup commits, figures only
reads."""

import json
import sys

from bench import workers_data, workers_figures

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

MARK = "WORKERS_RESULT "


def setup(env, params):
    return workers_data.build(env, params["password"])


def figures(env, params):
    return workers_figures.read(env, params)


ACTIONS = {"setup": setup, "figures": figures}


def main(argv):
    rc_path, db, action = argv
    params = json.load(sys.stdin)
    config.parse_config(
        ["-c", rc_path, "-d", db, "--log-level=warn"], setup_logging=True
    )
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        result = ACTIONS[action](env, params)
        if action != "setup":
            cr.rollback()  # figures write nothing; make sure of it
    print(MARK + json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
