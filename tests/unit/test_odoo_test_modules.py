"""Odoo's own runner (and OCA CI) runs only the test modules that an add-on's
tests/__init__.py imports; pytest-odoo finds every file. A file left out
would pass here and never run there."""

import ast
import os

import pytest
from conftest import ADDONS

MODULES = sorted(
    m for m in os.listdir(ADDONS) if os.path.isdir(os.path.join(ADDONS, m, "tests"))
)


@pytest.mark.parametrize("module", MODULES)
def test_every_test_file_is_imported_by_the_tests_package(module):
    tests = os.path.join(ADDONS, module, "tests")
    files = {
        f[:-3] for f in os.listdir(tests) if f.startswith("test_") and f.endswith(".py")
    }
    with open(os.path.join(tests, "__init__.py"), encoding="utf-8") as init:
        tree = ast.parse(init.read())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert files - imported == set()
