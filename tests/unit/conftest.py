"""Plain pytest, no Odoo: the harness and the add-ons' Odoo-free `lib/` code."""

import importlib.util
import os
import sys

ADDONS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "addons",
)


def load_lib(module, name):
    """Import addons/<module>/lib/<name>.py without importing the Odoo module.

    The add-on's own __init__ imports Odoo; its lib/ does not, so it is loaded
    as a package of its own.
    """
    package = f"{module}_lib"
    if package not in sys.modules:
        lib_dir = os.path.join(ADDONS, module, "lib")
        spec = importlib.util.spec_from_file_location(
            package,
            os.path.join(lib_dir, "__init__.py"),
            submodule_search_locations=[lib_dir],
        )
        sys.modules[package] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[package])
    return importlib.import_module(f"{package}.{name}")
