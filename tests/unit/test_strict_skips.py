"""The plugin that fails a run whose tests were skipped for no written reason."""

import os
import subprocess
import sys
import textwrap

HARNESS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "harness"
)


def run_pytest(folder, files):
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text))
    env = dict(os.environ, PYTHONPATH=HARNESS)
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "pytest_strict_skips",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(folder),
            str(folder),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
    )


def test_a_skip_explained_in_the_test_passes(tmp_path):
    result = run_pytest(
        tmp_path,
        {
            "test_a.py": """
        import unittest
        class T(unittest.TestCase):
            @unittest.skip("the archive format is only on Windows")
            def test_x(self):
                pass
            def test_y(self):
                pass
    """
        },
    )
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout


def test_a_skip_raised_elsewhere_fails_the_run(tmp_path):
    # what Odoo does when Chromium is missing: SkipTest from its own code
    result = run_pytest(
        tmp_path,
        {
            "browser.py": """
            import unittest
            def start_browser():
                raise unittest.SkipTest("Chrome executable not found")
        """,
            "test_b.py": """
            import unittest
            from browser import start_browser
            class T(unittest.TestCase):
                def test_tour(self):
                    start_browser()
        """,
        },
    )
    assert result.returncode == 1
    assert "SKIPPED WITHOUT A WRITTEN REASON" in result.stdout
    assert "Chrome executable not found" in result.stdout


def test_a_skip_without_reason_fails_the_run(tmp_path):
    result = run_pytest(
        tmp_path,
        {
            "test_c.py": """
        import pytest
        def test_z():
            pytest.skip()
    """
        },
    )
    assert result.returncode == 1
    assert "(no reason given)" in result.stdout
