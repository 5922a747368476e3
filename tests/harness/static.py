"""Static checks: XML well-formedness, ruff, pylint-odoo (OCA mandatory
checks) and OCA's module and translation checks."""

import glob
import os
import xml.etree.ElementTree as ET

from .process import run

SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", ".cache"}


def xml_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            if name.endswith(".xml"):
                yield os.path.join(folder, name)


def malformed_xml(root):
    """[(path, error)] for every XML file of the tree that does not parse."""
    errors = []
    for path in sorted(xml_files(root)):
        try:
            ET.parse(path)
        except ET.ParseError as error:
            errors.append((os.path.relpath(path, root), str(error)))
    return errors


def static_checks(repo, tools_python, addons):
    """Run each check; return [(name, ok)]. ``addons`` are relative paths."""
    bin_dir = os.path.dirname(tools_python)
    po_files = sorted(
        path
        for addon in addons
        for path in glob.glob(os.path.join(addon, "i18n", "*.po*"), root_dir=repo)
    )
    results = []
    errors = malformed_xml(repo)
    for path, error in errors:
        print(f"{path}: {error}")
    results.append(("xml well-formed", not errors))
    for name, args in (
        ("ruff check", ["-m", "ruff", "check", "--no-fix", "."]),
        ("ruff format", ["-m", "ruff", "format", "--check", "."]),
        ("pylint-odoo", ["-m", "pylint", "--rcfile=.pylintrc-mandatory", *addons]),
        ("oca module checks", ["oca-checks-odoo-module", *addons]),
        ("oca translation checks", ["oca-checks-po", *po_files]),
    ):
        print(f"--- {name}")
        command = [tools_python, *args]
        if args[0].startswith("oca-"):
            command = [os.path.join(bin_dir, args[0]), *args[1:]]
        code, _ = run(command, cwd=repo)
        results.append((name, code == 0))
    return results
