from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_claim_statistics(self, date_from, date_to):
        """Claims of these partners' companies received in [date_from, date_to).

        One query for the whole recordset: returns {partner id: {"claims": n,
        "unfounded": n, "breaches": n}} where breaches counts the claims that
        missed their response or resolution deadline. Partners of one company
        share its figures; partners without claims get zeros.
        """
        commercial = {p.id: p.commercial_partner_id.id for p in self}
        rows = {}
        if commercial:
            self.env["sla.claim"].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT commercial_partner_id,
                           COUNT(*),
                           COUNT(*) FILTER (WHERE is_unfounded),
                           COUNT(*) FILTER (WHERE sla_response_state = 'breached'
                                               OR sla_resolution_state = 'breached')
                      FROM sla_claim
                     WHERE commercial_partner_id = ANY(%s)
                       AND company_id = ANY(%s)
                       AND active
                       AND sla_start_date >= %s AND sla_start_date < %s
                  GROUP BY commercial_partner_id
                    """,
                    list(set(commercial.values())),
                    self.env.companies.ids,
                    date_from,
                    date_to,
                )
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        return {
            partner_id: dict(
                zip(
                    ("claims", "unfounded", "breaches"),
                    rows.get(company_id, (0, 0, 0)),
                    strict=True,
                )
            )
            for partner_id, company_id in commercial.items()
        }
