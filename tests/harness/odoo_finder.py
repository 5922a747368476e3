"""Finding the Odoo 19.0 a user has, and the Python it runs on."""

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass

HOW_TO_PROVIDE = (
    "Provide Odoo 19.0 in one of these ways: put its `odoo` command (or "
    "`odoo-bin`) on PATH; or set ODOO_BIN=/path/to/odoo-bin; add "
    "ODOO_PYTHON=/path/to/python when that script does not name its Python; "
    "or run the `tests` service of docker/docker-compose.yml."
)


class OdooNotFound(Exception):
    """No usable Odoo 19.0; the message says what was looked at."""


@dataclass
class OdooInstall:
    bin: str  # the odoo command / odoo-bin script
    python: str  # interpreter that runs it
    version: str  # e.g. "19.0"
    source_dir: str  # where odoo-bin lives, for source checkouts ("" otherwise)

    def command(self, *args):
        return [self.python, self.bin, *args]


def python_from_shebang(first_line, which=shutil.which):
    """Return the interpreter a script's first line names, or None.

    ``#!/usr/bin/python3``, ``#!/usr/bin/env python3`` and
    ``#!/usr/bin/env -S python3 -X utf8`` are understood; anything that is not a
    Python (a shell wrapper) gives None.
    """
    if not first_line.startswith("#!"):
        return None
    words = shlex.split(first_line[2:].strip())
    if not words:
        return None
    if os.path.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        if not words:
            return None
        interpreter = which(words[0])
    else:
        interpreter = words[0]
    if not interpreter or "python" not in os.path.basename(interpreter):
        return None
    return interpreter


def locate_bin(environ, which=shutil.which):
    """The odoo script: ODOO_BIN if set, else `odoo` or `odoo-bin` on PATH."""
    explicit = environ.get("ODOO_BIN")
    if explicit:
        found = explicit if os.path.sep in explicit else which(explicit)
        if not found or not os.path.isfile(found):
            raise OdooNotFound(f"ODOO_BIN={explicit} is not a file. {HOW_TO_PROVIDE}")
        return os.path.abspath(found)
    for name in ("odoo", "odoo-bin"):
        found = which(name)
        if found:
            return os.path.abspath(found)
    return None


def find_odoo(environ=None):
    """Return the OdooInstall to test with, None when there is none at all.

    Raises OdooNotFound when something is configured but unusable (wrong
    version, no Python), since that is a mistake the user wants to hear about.
    """
    environ = os.environ if environ is None else environ
    odoo_bin = locate_bin(environ)
    if odoo_bin is None:
        return None
    python = environ.get("ODOO_PYTHON")
    if not python:
        with open(odoo_bin, "rb") as script:
            first_line = script.readline(300).decode("utf-8", "replace").strip()
        python = python_from_shebang(first_line)
    if not python:
        raise OdooNotFound(
            f"{odoo_bin} does not say which Python runs it: set ODOO_PYTHON."
        )
    real_bin = os.path.realpath(odoo_bin)
    source_dir = os.path.dirname(real_bin)
    if not os.path.isdir(os.path.join(source_dir, "odoo", "addons", "base")):
        source_dir = ""
    version = _read_version(python, source_dir)
    if not version.startswith("19.0"):
        raise OdooNotFound(
            f"{odoo_bin} runs Odoo {version}; this suite needs Odoo 19.0. "
            f"{HOW_TO_PROVIDE}"
        )
    return OdooInstall(
        bin=odoo_bin, python=python, version=version, source_dir=source_dir
    )


def _read_version(python, source_dir):
    env = dict(os.environ)
    if source_dir:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (source_dir, env.get("PYTHONPATH")) if p
        )
    try:
        out = subprocess.run(
            [python, "-c", "import odoo.release as r; print(r.version)"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise OdooNotFound(
            f"{python} cannot import odoo ({error}). {HOW_TO_PROVIDE}"
        ) from error
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "?"
