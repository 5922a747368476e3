from odoo import models

from ..lib import flow


class ClientChurnAnalysis(models.TransientModel):
    _inherit = "client.churn.analysis"

    def _save_rate(self):
        """Retained ÷ (retained + client-initiated cases done) × 100, over
        the cases closed in the range, in the analysis' company."""
        self.ensure_one()
        rows = (
            self.env["client.offboarding"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("initiated_by", "=", "client"),
                    ("state", "in", ("retained", "done")),
                    ("close_date", ">=", self.date_from),
                    ("close_date", "<=", self.date_to),
                ],
                ["state"],
                ["__count"],
            )
        )
        counts = dict(rows)
        rate = flow.save_rate(counts.get("retained", 0), counts.get("done", 0))
        return False if rate is None else rate
