"""The suite's test harness: finds Odoo and PostgreSQL, installs what the tests
need, checks install/upgrade/uninstall logs and runs every suite.

Standard library only, so it runs on any Python 3.10+ before anything is installed.
"""
