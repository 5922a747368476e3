"""Install, upgrade and uninstall the add-ons on fresh databases, reading
every log for warnings and errors."""

import json
import os
import re

from .logcheck import check_log_file
from .process import run

# Run in `odoo shell` after uninstalling: nothing of the modules may remain.
LEFTOVERS_SCRIPT = r"""
import json
modules = tuple(json.loads(MODULES_JSON))
cr = env.cr
cr.execute("SELECT name, state FROM ir_module_module WHERE name IN %s", [modules])
states = dict(cr.fetchall())
cr.execute("SELECT module || '.' || name FROM ir_model_data WHERE module IN %s",
           [modules])
xmlids = [row[0] for row in cr.fetchall()]
cr.execute("SELECT model FROM ir_model WHERE model LIKE 'sla.%' "
           "OR model LIKE 'client.%'")
models = [row[0] for row in cr.fetchall()]
cr.execute(r'''
    SELECT table_name || '.' || column_name FROM information_schema.columns
     WHERE table_schema = 'public'
       AND (table_name LIKE 'sla\_%' OR table_name LIKE 'client\_%'
            OR column_name LIKE 'sla\_%' OR column_name LIKE 'retention\_%'
            OR column_name LIKE 'offboarding\_%')''')
columns = [row[0] for row in cr.fetchall()]
print("LEFTOVERS " + json.dumps({"states": states, "xmlids": xmlids,
                                 "models": models, "columns": columns}))
"""


class Lifecycle:
    def __init__(self, odoo, rc_path, workdir, modules, report):
        self.odoo = odoo
        self.rc_path = rc_path
        self.workdir = workdir
        self.modules = list(modules)
        self.report = report  # report(check_name, ok, details)
        self._step = 0

    def odoo_step(self, name, args, stdin=None, tolerated=None):
        """Run one Odoo command; the check passes when it exits 0 and its log
        has no WARNING/ERROR/CRITICAL. Records for which ``tolerated(problem)``
        holds (other projects' warnings) are printed and do not fail it.
        Returns (ok, output)."""
        self._step += 1
        logfile = os.path.join(
            self.workdir, f"{self._step:02d}-{name.replace(' ', '_')}.log"
        )
        print(f"--- {name}")
        code, output = run(
            self.odoo.command(*args), stream=False, logfile=logfile, input_text=stdin
        )
        problems = check_log_file(logfile)
        if tolerated:
            theirs = [problem for problem in problems if tolerated(problem)]
            for problem in theirs:
                print(f"     not ours, not failing: {problem}".replace("\n", "\n     "))
            problems = [problem for problem in problems if problem not in theirs]
        details = [str(problem) for problem in problems]
        if code:
            details.append(
                f"exit code {code}; last lines:\n"
                + "".join(output.splitlines(True)[-30:])
            )
        ok = not code and not problems
        self.report(name, ok, details)
        return ok, output

    def install(self, db, modules, demo=False, languages=None, tolerated=None):
        args = [
            "-c",
            self.rc_path,
            "-d",
            db,
            "-i",
            ",".join(modules),
            "--stop-after-init",
            "--no-http",
            "--log-level=info",
        ]
        if demo:
            args.append("--with-demo")
        if languages:
            args.append(f"--load-language={','.join(languages)}")
        ok, output = self.odoo_step(
            f"install {','.join(modules)}" + (" with demo" if demo else ""),
            args,
            tolerated=tolerated,
        )
        self.print_load_times(output, demo)
        return ok

    def print_load_times(self, output, demo):
        """What installing our modules cost, from Odoo's own per-module log
        line: what a user waits for after pressing Install (its dependencies
        from Odoo come on top, once)."""
        times = {
            name: float(seconds)
            for name, seconds in re.findall(
                r"Module (\S+) loaded in ([0-9.]+)s", output
            )
            if name in self.modules
        }
        if times:
            print(
                f"     our modules loaded in {sum(times.values()):.1f} s "
                + ("with" if demo else "without")
                + " demo data: "
                + ", ".join(f"{name} {sec:.1f} s" for name, sec in times.items())
            )

    def load_languages(self, db, languages):
        """Add languages beside English, loading every module's .po files."""
        args = ["i18n", "loadlang", "-c", self.rc_path, "-d", db, "-l", *languages]
        return self.odoo_step(f"load languages {','.join(languages)}", args)[0]

    def upgrade(self, db, modules):
        args = [
            "-c",
            self.rc_path,
            "-d",
            db,
            "-u",
            ",".join(modules),
            "--stop-after-init",
            "--no-http",
            "--log-level=info",
        ]
        return self.odoo_step(f"upgrade {','.join(modules)}", args)[0]

    def uninstall(self, db, module):
        args = ["module", "uninstall", "-c", self.rc_path, "-d", db, module]
        return self.odoo_step(f"uninstall {module}", args)[0]

    def drop(self, db):
        code, output = run(
            self.odoo.command("db", "-c", self.rc_path, "drop", db), stream=False
        )
        if code:
            print(f"Could not drop database {db}:\n{output[-1500:]}")

    def leftovers(self, db):
        script = LEFTOVERS_SCRIPT.replace(
            "MODULES_JSON", repr(json.dumps(self.modules))
        )
        ok, output = self.odoo_step(
            "leftover query",
            ["shell", "-c", self.rc_path, "-d", db, "--no-http", "--log-level=warn"],
            stdin=script,
        )
        line = next(
            (ln for ln in output.splitlines() if ln.startswith("LEFTOVERS ")), None
        )
        if line is None:
            self.report(
                "nothing left after uninstall", False, ["the query printed nothing"]
            )
            return False
        found = json.loads(line[len("LEFTOVERS ") :])
        left = {
            "installed modules": [
                m for m, s in found["states"].items() if s != "uninstalled"
            ],
            "xml ids": found["xmlids"],
            "models": found["models"],
            "columns": found["columns"],
        }
        left = {kind: items for kind, items in left.items() if items}
        self.report(
            "nothing left after uninstall",
            not left,
            [f"{kind}: {', '.join(items[:20])}" for kind, items in left.items()],
        )
        return ok and not left

    def run_all(self, db):
        """Each module installs on a fresh database with only its dependencies,
        all upgrade, then each uninstalls (dependents first), leaving nothing."""
        try:
            for module in self.modules:
                if not self.install(db, [module]):
                    return False
            self.upgrade(db, self.modules)
            for module in reversed(self.modules):
                self.uninstall(db, module)
            return self.leftovers(db)
        finally:
            self.drop(db)
