"""19.0.1.1.0: the SLA check looks only at claims whose next check is due.

Open claims of earlier versions have no next check yet: compute it once (and
the states with it), as the check itself would.
"""

from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Claim = env["sla.claim"]
    claims = Claim.with_context(active_test=False).search([("is_open", "=", True)])
    claims._refresh_sla(fields.Datetime.now(), replan=Claim)
