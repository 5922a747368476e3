"""The peers of the side-by-side benchmark: OCA's helpdesk_mgmt and
helpdesk_mgmt_sla 19.0 from PyPI, installed beside Odoo (never into its
virtualenv), and telling their install warnings from ours."""

import json
import os
import re
import shutil
import subprocess

from .deps import DependencyError, cache_dir

PEER_REQUIREMENTS = (
    "odoo-addon-helpdesk_mgmt_sla==19.0.*",
    "odoo-addon-helpdesk_mgmt==19.0.*",
)
PEER_MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_sla")
# what the benchmark database holds: ours, the OCA peer, Odoo's CRM
BENCH_MODULES = ("sla_claims", "helpdesk_mgmt_sla", "crm")
# our modules and models, as log records name them
OURS = re.compile(r"\b(sla_claims|client_retention|client_offboarding|sla\.\w+)\b")
THEIRS = re.compile(r"\b(helpdesk\w*|crm\w*)\b", re.IGNORECASE)
ADDON_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)")

# Run by the Odoo Python with the benchmark's configuration: for each module
# named, every module it needs (itself included), and the folder of each
# (None: not found).
RESOLVE_SCRIPT = r"""
import json, sys
from odoo.tools import config
config.parse_config(["-c", sys.argv[1], "--log-level=critical"])
from odoo.modules.module import get_manifest, get_module_path
paths, closures = {}, {}
for root in sys.argv[2:]:
    closure, todo = set(), [root]
    while todo:
        module = todo.pop()
        if module in closure:
            continue
        closure.add(module)
        if module not in paths:
            paths[module] = get_module_path(module, display_warning=False) or None
        if paths[module]:
            todo += get_manifest(module).get("depends", [])
    closures[root] = sorted(closure)
print("RESOLVED " + json.dumps({"paths": paths, "closures": closures}))
"""


class PeersError(DependencyError):
    pass


def peers_dir():
    return os.path.join(cache_dir(), "peers-19.0")


def peer_versions(target):
    """{distribution: version} of the wheels installed in ``target``."""
    found = {}
    for name in sorted(os.listdir(target)) if os.path.isdir(target) else ():
        match = re.match(r"^(odoo_addon_\w+)-([^-]+)\.dist-info$", name)
        if match:
            found[match[1].replace("_", "-", 2)] = match[2]
    return found


def ensure_peers(python, target=None, log=print):
    """The addons folder of the OCA wheels, installed with ``python``'s pip
    into a cache folder the first time (``--no-deps --target``: Odoo's own
    environment is not touched). Raises PeersError when pip fails."""
    target = target or peers_dir()
    addons = os.path.join(target, "odoo", "addons")
    marker = os.path.join(target, ".complete")
    if os.path.exists(marker):
        return addons
    staging = f"{target}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    log(f"Installing the OCA peers into {target}: {' '.join(PEER_REQUIREMENTS)}")
    command = [
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--retries=2",
        "--timeout=20",
        "--no-deps",
        "--target",
        staging,
        *PEER_REQUIREMENTS,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    missing = [
        module
        for module in PEER_MODULES
        if not os.path.isfile(
            os.path.join(staging, "odoo", "addons", module, "__manifest__.py")
        )
    ]
    if result.returncode or missing:
        shutil.rmtree(staging, ignore_errors=True)
        raise PeersError(
            "The side-by-side benchmark needs OCA's helpdesk_mgmt and "
            "helpdesk_mgmt_sla 19.0 from PyPI, and pip could not install them "
            f"({' '.join(command[:3])} install --no-deps --target {target} "
            f"{' '.join(PEER_REQUIREMENTS)}; exit code {result.returncode}). "
            "Is PyPI reachable (proxy, PIP_INDEX_URL)? Or skip the benchmark "
            f"smoke with --no-bench-smoke.\n{result.stdout[-1500:]}"
            f"{result.stderr[-2500:]}"
        )
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    with open(marker, "w", encoding="utf-8") as done:
        json.dump(peer_versions(target), done)
    return addons


def resolve_modules(odoo, rc_path, modules):
    """{"paths": {module: folder or None}, "closures": {module: [modules it
    needs, itself included]}} for ``modules``, as the Odoo of ``rc_path``
    finds them."""
    env = dict(os.environ)
    if odoo.source_dir:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (odoo.source_dir, env.get("PYTHONPATH")) if p
        )
    result = subprocess.run(
        [odoo.python, "-c", RESOLVE_SCRIPT, rc_path, *modules],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    line = next(
        (ln for ln in result.stdout.splitlines() if ln.startswith("RESOLVED ")), None
    )
    if line is None:
        raise PeersError(
            f"Could not list the modules' dependencies:\n{result.stderr[-2500:]}"
        )
    return json.loads(line[len("RESOLVED ") :])


def peer_dependencies(resolved, peers_addons):
    """(missing, core): what the OCA peers need and Odoo cannot find, and
    what they need from Odoo itself (outside the peers' folder)."""
    needed = {m for peer in PEER_MODULES for m in resolved["closures"].get(peer, ())}
    paths = resolved["paths"]
    missing = sorted(m for m in needed if paths.get(m) is None)
    inside = os.path.join(os.path.abspath(peers_addons), "")
    core = sorted(
        m
        for m in needed
        if paths.get(m) and not os.path.abspath(paths[m]).startswith(inside)
    )
    return missing, core


def their_modules(resolved, ours=("sla_claims",)):
    """Modules only the peers and crm bring into the benchmark database."""
    mine = {m for root in ours for m in resolved["closures"].get(root, ())}
    return {
        m
        for root, closure in resolved["closures"].items()
        if root not in ours
        for m in closure
    } - mine


def is_theirs(problem, theirs):
    """Whether a warning of the benchmark database's install is the OCA
    modules' or crm's (or of a module only they bring, ``theirs``), not
    ours: it names their modules or models or is logged by one of
    ``theirs``, and names nothing of ours. Anything else (Odoo's core
    loggers, the modules we share) is ours to fix."""
    text = "\n".join([problem.message, *problem.details])
    if OURS.search(text) or OURS.search(problem.logger):
        return False
    logger = ADDON_LOGGER.match(problem.logger)
    if logger and logger["module"] in theirs:
        return True
    return bool(THEIRS.search(text) or THEIRS.search(problem.logger))
