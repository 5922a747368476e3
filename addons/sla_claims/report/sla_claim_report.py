from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.sla_policy import CHANNELS, PRIORITIES


class SlaClaimReport(models.Model):
    """One row per claim, shaped for pivots: SLA compliance is the average of
    100 (met) and 0 (breached) over the claims whose clock has an outcome,
    which is met / (met + breached)."""

    _name = "sla.claim.report"
    _description = "Claims Analysis"
    _auto = False
    _rec_name = "claim_id"
    _order = "date desc"
    _depends = {
        "sla.claim": [
            "active",
            "sla_start_date",
            "team_id",
            "user_id",
            "commercial_partner_id",
            "category_id",
            "stage_id",
            "company_id",
            "priority",
            "channel",
            "is_open",
            "is_unfounded",
            "sla_response_state",
            "sla_resolution_state",
            "first_response_date",
            "resolved_date",
            "response_working_hours",
            "resolution_working_hours",
        ],
    }

    claim_id = fields.Many2one("sla.claim", readonly=True)
    date = fields.Datetime(string="Received", readonly=True)
    team_id = fields.Many2one("sla.claim.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    category_id = fields.Many2one("sla.claim.category", readonly=True)
    stage_id = fields.Many2one("sla.claim.stage", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    channel = fields.Selection(
        CHANNELS,
        readonly=True,
    )
    is_open = fields.Boolean(readonly=True)
    claim_count = fields.Integer(string="Claims", readonly=True, aggregator="sum")
    unfounded_count = fields.Integer(
        string="Unfounded", readonly=True, aggregator="sum"
    )
    breach_count = fields.Integer(
        string="Breaches",
        readonly=True,
        aggregator="sum",
        help="Claims that missed their response or resolution deadline.",
    )
    response_compliance = fields.Float(
        string="Response SLA (%)", readonly=True, aggregator="avg"
    )
    resolution_compliance = fields.Float(
        string="Resolution SLA (%)", readonly=True, aggregator="avg"
    )
    response_working_hours = fields.Float(
        string="First Response (working h)", readonly=True, aggregator="avg"
    )
    resolution_working_hours = fields.Float(
        string="Resolution (working h)", readonly=True, aggregator="avg"
    )

    def _select(self):
        return SQL(
            """
            c.id AS id,
            c.id AS claim_id,
            c.sla_start_date AS date,
            c.team_id, c.user_id, c.commercial_partner_id AS partner_id,
            c.category_id, c.stage_id, c.company_id, c.priority, c.channel, c.is_open,
            1 AS claim_count,
            CASE WHEN c.is_unfounded THEN 1 ELSE 0 END AS unfounded_count,
            CASE WHEN 'breached' IN (c.sla_response_state, c.sla_resolution_state)
                 THEN 1 ELSE 0 END AS breach_count,
            CASE c.sla_response_state WHEN 'met' THEN 100.0 WHEN 'breached' THEN 0.0
            END AS response_compliance,
            CASE c.sla_resolution_state WHEN 'met' THEN 100.0 WHEN 'breached' THEN 0.0
            END AS resolution_compliance,
            CASE WHEN c.first_response_date IS NOT NULL
                 THEN c.response_working_hours END AS response_working_hours,
            CASE WHEN c.resolved_date IS NOT NULL
                 THEN c.resolution_working_hours END AS resolution_working_hours
            """
        )

    def _from(self):
        return SQL("sla_claim c")

    def _where(self):
        return SQL("c.active")

    @property
    def _table_query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s", self._select(), self._from(), self._where()
        )

    @api.model
    def _action_repeat_complainers(self):
        """The customers of the user's companies with at least the company's
        threshold of claims in the last 12 months, most claims first."""
        since = fields.Date.context_today(self) - relativedelta(months=12)
        threshold = self.env.company.sla_repeat_complainer_claims
        groups = self._read_group(
            [("date", ">=", since)],
            ["partner_id"],
            ["claim_count:sum"],
            having=[("claim_count:sum", ">=", threshold)],
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sla_claims.sla_claim_report_action_complainers"
        )
        action["domain"] = [
            ("partner_id", "in", [partner.id for partner, _count in groups]),
            ("date", ">=", fields.Date.to_string(since)),
        ]
        action["context"] = {"group_by": ["partner_id"]}
        return action
