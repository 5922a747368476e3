"""SLA rules that need no database: clock states and policy precedence.

Nothing here imports Odoo, so it is unit-tested with plain pytest.
"""
