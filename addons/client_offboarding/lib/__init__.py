"""Business rules of client offboarding that need no database.

Nothing here imports Odoo, so it is unit-tested with plain pytest.
"""
