"""Installing what the tests need and a user's Odoo may lack."""

import hashlib
import os
import shutil
import subprocess
import sys

# import name -> pip requirement, for the Python that runs Odoo
ODOO_TEST_PACKAGES = {
    "pytest_odoo": "pytest-odoo==2.3.0",
    "freezegun": "freezegun>=1.5,<2",
    "websocket": "websocket-client>=1.6,<2",  # Odoo's browser tests need it
    "xlsxwriter": "xlsxwriter>=3,<4",
    "openpyxl": "openpyxl>=3,<4",  # the churn workbook is read back in tests
}

# The Odoo-free tools run in their own virtualenv: the unit tests then prove
# they need no Odoo, and a user's Python is not touched for linting.
TOOL_REQUIREMENTS = (
    "pytest==9.2.0",
    "ruff==0.17.6",
    "pylint-odoo==10.0.12",
    "oca-odoo-pre-commit-hooks==0.2.27",  # XML, CSV and .po checks
    "checklog-odoo==1.0",  # the Odoo logs of the test runs, as OCA's CI reads them
    "pyyaml==6.0.4",  # tests/unit/test_docker_compose.py reads the compose file
)

# command -> Debian package, for PDF reports and browser tours
DEBIAN_TOOLS = {"chromium": "chromium", "wkhtmltopdf": "wkhtmltopdf"}


class DependencyError(Exception):
    pass


def _externally_managed(python):
    out = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    stdlib = out.stdout.strip()
    return bool(stdlib) and os.path.exists(os.path.join(stdlib, "EXTERNALLY-MANAGED"))


def missing_imports(python, names):
    code = (
        "import importlib.util, sys\n"
        "print(' '.join(n for n in sys.argv[1:] "
        "if importlib.util.find_spec(n) is None))"
    )
    out = subprocess.run(
        [python, "-c", code, *names], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def pip_install(python, requirements, log=print):
    command = [
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *requirements,
    ]
    in_venv = (
        subprocess.run(
            [python, "-c", "import sys; print(sys.prefix != sys.base_prefix)"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        == "True"
    )
    if not in_venv and _externally_managed(python):
        # A distribution's Python (e.g. the official Odoo image): allowed here,
        # since these are test tools installed into a test environment.
        command.append("--break-system-packages")
    log(f"Installing into {python}: {' '.join(requirements)}")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise DependencyError(
            f"pip could not install {' '.join(requirements)} into {python}:\n"
            f"{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )


def ensure_odoo_test_packages(python, log=print):
    missing = missing_imports(python, list(ODOO_TEST_PACKAGES))
    if missing:
        pip_install(python, [ODOO_TEST_PACKAGES[name] for name in missing], log)


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return os.path.join(base, "client-retention-suite")


def tools_python(log=print):
    """A virtualenv with the Odoo-free tools, made once per set of pins."""
    pins = "\n".join(TOOL_REQUIREMENTS) + sys.version
    digest = hashlib.sha256(pins.encode()).hexdigest()[:12]
    venv = os.path.join(cache_dir(), f"tools-{digest}")
    python = os.path.join(venv, "bin", "python")
    marker = os.path.join(venv, ".complete")
    if os.path.exists(marker):
        return python
    shutil.rmtree(venv, ignore_errors=True)
    log(f"Creating the tools virtualenv {venv}")
    result = _make_venv(venv)
    if result.returncode and _apt_install(["python3-venv"], log):
        result = _make_venv(venv)  # Debian and Ubuntu ship venv apart
    if result.returncode:
        raise DependencyError(
            f"Cannot create a virtualenv with {sys.executable} "
            f"(on Debian: apt-get install python3-venv):\n{result.stderr}"
        )
    pip_install(python, list(TOOL_REQUIREMENTS), log)
    with open(marker, "w") as done:
        done.write(pins)
    return python


def ensure_debian_tools(log=print):
    """Install Chromium and wkhtmltopdf from Debian when absent.

    Returns the commands still missing (not root, no apt-get, install failed).
    """
    missing = [cmd for cmd in DEBIAN_TOOLS if not _which_any(cmd)]
    if not missing:
        return []
    _apt_install([DEBIAN_TOOLS[cmd] for cmd in missing], log)
    return [cmd for cmd in missing if not _which_any(cmd)]


def _which_any(command):
    names = {"chromium": ("chromium", "chromium-browser", "google-chrome")}
    return any(shutil.which(name) for name in names.get(command, (command,)))


def _make_venv(venv):
    return subprocess.run(
        [sys.executable, "-m", "venv", venv],
        capture_output=True,
        text=True,
        check=False,
    )


def _apt_install(packages, log=print):
    """apt-get install as root; False when that is not possible or failed."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    log(f"Installing from the distribution: {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for args in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        result = subprocess.run(
            args, capture_output=True, text=True, env=env, check=False
        )
        if result.returncode:
            log(f"{' '.join(args[:2])} failed:\n{result.stderr[-2000:]}")
            return False
    return True
