from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    retention_kind = fields.Selection(
        [("satisfaction", "Client satisfaction"), ("exit", "Exit interview")],
        string="Retention Use",
        help="Client satisfaction: a completed answer sets the client's "
        "satisfaction (its score in %) and feeds its churn risk.",
    )
