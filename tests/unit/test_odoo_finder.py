import os

import pytest
from harness.odoo_finder import OdooNotFound, locate_bin, python_from_shebang


def fake_which(found):
    return lambda name: found.get(name)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("#!/usr/bin/python3", "/usr/bin/python3"),
        ("#!/opt/odoo/venv/bin/python3.11 -u", "/opt/odoo/venv/bin/python3.11"),
        ("#!/usr/bin/env python3", "/usr/local/bin/python3"),
        ("#!/usr/bin/env -S python3 -X utf8", "/usr/local/bin/python3"),
        ("#!/bin/sh", None),
        ("#!/usr/bin/env bash", None),
        ("import odoo", None),
        ("#!", None),
    ],
)
def test_python_is_read_from_the_shebang(line, expected):
    which = fake_which({"python3": "/usr/local/bin/python3", "bash": "/bin/bash"})
    assert python_from_shebang(line, which) == expected


def test_odoo_bin_setting_wins_over_path(tmp_path):
    script = tmp_path / "odoo-bin"
    script.write_text("#!/usr/bin/env python3\n")
    found = locate_bin({"ODOO_BIN": str(script)}, fake_which({"odoo": "/usr/bin/odoo"}))
    assert found == str(script)


def test_odoo_on_path_is_found_then_odoo_bin():
    assert locate_bin({}, fake_which({"odoo": "/usr/bin/odoo"})) == "/usr/bin/odoo"
    assert locate_bin({}, fake_which({"odoo-bin": "/src/odoo-bin"})) == "/src/odoo-bin"
    assert locate_bin({}, fake_which({})) is None


def test_a_wrong_odoo_bin_setting_is_an_error_that_says_how_to_fix_it(tmp_path):
    with pytest.raises(OdooNotFound, match="ODOO_BIN=.* is not a file.*PATH"):
        locate_bin({"ODOO_BIN": os.path.join(str(tmp_path), "nope")}, fake_which({}))
