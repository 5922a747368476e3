from odoo import api, models

from ..lib import flow


class ClientRetentionScan(models.AbstractModel):
    _inherit = "client.retention.scan"

    @api.model
    def _leaving_ids(self, company, partner_ids):
        """Clients with an offboarding case under way are leaving."""
        leaving = super()._leaving_ids(company, partner_ids)
        self.env["client.offboarding"].flush_model(["partner_id", "state"])
        self.env.cr.execute(
            """
            SELECT DISTINCT partner_id FROM client_offboarding
             WHERE company_id = %s AND partner_id = ANY(%s) AND state IN %s
            """,
            [company.id, list(partner_ids), flow.OPEN_STATES],
        )
        return leaving | {row[0] for row in self.env.cr.fetchall()}
