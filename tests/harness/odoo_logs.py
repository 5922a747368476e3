"""The Odoo logs of both test runs, read as OCA's CI reads them: any
WARNING, ERROR or CRITICAL record fails the run unless checklog-odoo.cfg at
the top of the repository ignores it (each entry with its reason)."""

import os

from .process import run


def check_test_log(tools_python, logfile, repo):
    """Run checklog-odoo on ``logfile``; True when it finds nothing."""
    if not os.path.isfile(logfile) or not os.path.getsize(logfile):
        print(f"no Odoo log was written to {logfile}")
        return False
    config = os.path.join(repo, "checklog-odoo.cfg")
    code, _ = run(
        [tools_python, "-m", "checklog_odoo", "--no-echo", "-c", config, logfile],
        cwd=repo,
    )
    return code == 0
