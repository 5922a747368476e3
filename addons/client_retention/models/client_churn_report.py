from odoo import fields, models, tools
from odoo.tools.sql import SQL

from . import churn_sql


class ClientChurnReport(models.Model):
    """Losses for pivot and graph: one row per churn event with what it cost."""

    _name = "client.churn.report"
    _description = "Churn Report"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    reason_id = fields.Many2one("client.exit.reason", readonly=True)
    reason_category = fields.Selection(related="reason_id.category", readonly=True)
    initiated_by = fields.Selection(
        [("client", "Client"), ("company", "Company"), ("inferred", "Inferred")],
        readonly=True,
    )
    avoidable = fields.Boolean(readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    source = fields.Selection(
        [
            ("manual", "Manual"),
            ("offboarding", "Offboarding"),
            ("dormancy", "Dormancy"),
        ],
        readonly=True,
    )
    state = fields.Selection(
        [("lost", "Lost"), ("won_back", "Won Back")], readonly=True
    )
    won_back_date = fields.Date(readonly=True)
    lost_clients = fields.Integer(
        readonly=True,
        aggregator="sum",
        help="Losses: a client lost, won back and lost again counts twice.",
    )
    won_back_clients = fields.Integer(readonly=True, aggregator="sum")
    lost_annual_revenue = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="What the clients invoiced in the 12 months before their loss; "
        "clients won back since count for nothing here (see Revenue Won Back).",
    )
    won_back_revenue = fields.Monetary(
        string="Revenue Won Back",
        readonly=True,
        aggregator="sum",
        help="The lost annual revenue of the clients won back since.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT e.id, e.date, e.partner_id, e.company_id,
                       c.currency_id, e.reason_id, e.initiated_by, e.avoidable,
                       e.user_id, e.source, e.state, e.won_back_date,
                       1 AS lost_clients,
                       CASE WHEN e.state = 'won_back' THEN 1 ELSE 0 END
                           AS won_back_clients,
                       %(revenue)s AS lost_annual_revenue,
                       CASE WHEN e.state = 'won_back'
                            THEN COALESCE(e.lost_annual_revenue, 0) ELSE 0 END
                           AS won_back_revenue
                  FROM client_churn_event e
                  JOIN res_company c ON c.id = e.company_id
                 WHERE %(is_client)s
            )
            """,
                table=SQL.identifier(self._table),
                revenue=churn_sql.LOST_REVENUE,
                is_client=churn_sql.IS_CLIENT,
            )
        )
