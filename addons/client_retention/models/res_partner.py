from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..lib import dormancy, rfm, risk

RETENTION_GROUP = "client_retention.group_retention_user"
INTERNAL_USER = "base.group_user"

# res.partner field ↔ client.retention.profile field (the current company's row)
PROFILE_FIELDS = {
    "retention_state": "state",
    "retention_first_purchase_date": "first_purchase_date",
    "retention_last_purchase_date": "last_purchase_date",
    "retention_revenue_12m": "revenue_12m",
    "retention_invoice_count_12m": "invoice_count_12m",
    "retention_avg_invoice_amount": "avg_invoice_amount",
    "retention_avg_interval_days": "avg_interval_days",
    "retention_annual_revenue": "annual_revenue",
    "retention_overdue_amount": "overdue_amount",
    "retention_avg_payment_delay_days": "avg_payment_delay_days",
    "retention_rfm_r": "rfm_r",
    "retention_rfm_f": "rfm_f",
    "retention_rfm_m": "rfm_m",
    "retention_rfm_segment": "rfm_segment",
    "retention_risk_score": "risk_score",
    "retention_risk_level": "risk_level",
    "retention_risk_factors": "risk_factors",
    "retention_risk_explanation": "risk_explanation",
    "retention_satisfaction": "satisfaction",
    "retention_satisfaction_measured": "satisfaction_measured",
    "retention_dormant_since": "dormant_since",
    "retention_reactivation_sent_date": "reactivation_sent_date",
    "retention_reactivation_backlog": "reactivation_backlog",
    "retention_days_since_last_purchase": "days_since_last_purchase",
}
# kept by the scan (sla.system.kept.mixin)
SYSTEM_KEPT_FIELDS = frozenset(PROFILE_FIELDS) | {"retention_contract_reminded_date"}


def _profile(**extra):
    """Attributes of a field shown from the current company's profile."""
    return {
        "compute": "_compute_retention_profile",
        "groups": RETENTION_GROUP,
        **extra,
    }


def _searchable(source, **extra):
    def search(partners, operator, value):
        return partners._search_retention_profile(source, operator, value)

    return _profile(search=search, **extra)


_MONEY = {"currency_field": "retention_currency_id"}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "sla.system.kept.mixin"]

    retention_currency_id = fields.Many2one(
        "res.currency", compute="_compute_retention_currency_id"
    )
    retention_state = fields.Selection(dormancy.STATES, **_searchable("state"))
    retention_first_purchase_date = fields.Date(
        "First Purchase", **_searchable("first_purchase_date")
    )
    retention_last_purchase_date = fields.Date(
        "Last Purchase", **_searchable("last_purchase_date")
    )
    retention_days_since_last_purchase = fields.Integer(
        "Days Since Last Purchase", **_profile()
    )
    retention_revenue_12m = fields.Monetary(
        "Revenue (12 months)", **_searchable("revenue_12m", **_MONEY)
    )
    retention_invoice_count_12m = fields.Integer(
        "Invoices (12 months)", **_searchable("invoice_count_12m")
    )
    retention_avg_invoice_amount = fields.Monetary(
        "Average Invoice", **_profile(**_MONEY)
    )
    retention_avg_interval_days = fields.Float(
        "Average Interval (days)", digits=(10, 1), **_profile()
    )
    retention_annual_revenue = fields.Monetary("Annual Revenue", **_profile(**_MONEY))
    retention_overdue_amount = fields.Monetary(
        "Overdue Amount", **_searchable("overdue_amount", **_MONEY)
    )
    retention_avg_payment_delay_days = fields.Float(
        "Average Payment Delay (days)", digits=(10, 1), **_profile()
    )
    retention_rfm_r = fields.Integer("Recency (R)", **_searchable("rfm_r"))
    retention_rfm_f = fields.Integer("Frequency (F)", **_searchable("rfm_f"))
    retention_rfm_m = fields.Integer("Monetary (M)", **_searchable("rfm_m"))
    retention_rfm_segment = fields.Selection(
        rfm.SEGMENTS, string="RFM Segment", **_searchable("rfm_segment")
    )
    retention_risk_score = fields.Integer(
        "Churn Risk Score", **_searchable("risk_score")
    )
    retention_risk_level = fields.Selection(
        risk.LEVELS, string="Churn Risk", **_searchable("risk_level")
    )
    retention_risk_factors = fields.Json("Churn Risk Factors", **_profile())
    retention_risk_explanation = fields.Text("Why This Risk", **_profile())
    retention_satisfaction = fields.Float(
        "Satisfaction (%)", digits=(5, 1), **_searchable("satisfaction")
    )
    retention_satisfaction_measured = fields.Boolean(**_profile())
    retention_dormant_since = fields.Date(
        "Dormant Since", **_searchable("dormant_since")
    )
    retention_reactivation_backlog = fields.Boolean(
        "Dormant Before the Scan Found It", **_searchable("reactivation_backlog")
    )
    retention_reactivation_sent_date = fields.Date(
        "Reactivation Sent", **_searchable("reactivation_sent_date")
    )
    # What the client told us about how to deal with it (kept by users; what
    # the team writes about a client is not for the client's portal users)
    retention_preferred_channel = fields.Selection(
        [("email", "Email"), ("phone", "Phone"), ("in_person", "In person")],
        string="Preferred Channel",
        groups=INTERNAL_USER,
        help="How the client wants to be contacted. A client preferring the "
        "phone or a meeting gets a call activity instead of a mail.",
    )
    retention_do_not_call = fields.Boolean(
        string="Do Not Call",
        groups=INTERNAL_USER,
        help="The client asked not to be phoned.",
    )
    retention_preferences_note = fields.Text(
        string="Client Preferences",
        groups=INTERNAL_USER,
        help='What the client likes and dislikes ("write, don\'t call", '
        "invoices by the 5th, …): shown as a banner on the client and its claims "
        "so small annoyances do not pile up.",
    )
    retention_contract_end_date = fields.Date(
        string="Contract End",
        groups=INTERNAL_USER,
        help="End of the client's trial, term or contract: a known risk moment. "
        "The account manager gets a retention activity before it.",
    )
    retention_contract_reminded_date = fields.Date(
        readonly=True, copy=False, groups="base.group_system"
    )
    retention_churn_event_ids = fields.One2many(
        "client.churn.event", "partner_id", string="Churn Events"
    )

    @api.model
    def _retention_profile_fields(self):
        return list(PROFILE_FIELDS)

    @api.depends_context("company")
    def _compute_retention_currency_id(self):
        for partner in self:
            partner.retention_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_retention_profile(self):
        clients = self.commercial_partner_id
        profiles = self.env["client.retention.profile"].search(
            [
                ("partner_id", "in", clients.ids),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_partner = {profile.partner_id.id: profile for profile in profiles}
        for partner in self:
            profile = by_partner.get(partner.commercial_partner_id.id)
            for name, source in PROFILE_FIELDS.items():
                partner[name] = profile[source] if profile else False

    def _search_retention_profile(self, source, operator, value):
        """Clients (and their contacts) whose profile in the current company
        matches; a client without a profile has every value empty."""
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented  # Odoo negates the positive condition
        Profile = self.env["client.retention.profile"]
        company = [("company_id", "=", self.env.company.id)]

        def clients(condition):
            query = Profile._search(company + [condition])
            return [("commercial_partner_id", "in", query.subselect("partner_id"))]

        if operator != "in":
            return clients((source, operator, value))
        wanted = [v for v in value if v is not False]
        domain = Domain.FALSE
        if wanted:
            domain |= Domain(clients((source, "in", wanted)))
        if False in value:
            domain |= ~Domain(clients((source, "!=", False)))
        return domain

    # ------------------------------------------------------------ scan

    @api.model
    def _cron_retention_scan(self):
        """Daily: every client's figures, RFM, risk, dormancy and loss."""
        self.env["client.retention.scan"]._run()

    @api.model
    def _retention_refresh(self, partners, companies=None):
        """Rescan these clients now, in their companies."""
        self.env["client.retention.scan"]._refresh(partners, companies)

    # ------------------------------------------------------------ actions

    def action_retention_record_loss(self):
        self.ensure_one()
        client = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Client Loss"),
            "res_model": "client.churn.event",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": client.id,
                "default_company_id": self.env.company.id,
                "dialog_size": "large",
            },
        }

    def action_retention_send_survey(self):
        survey = self.env.ref(
            "client_retention.survey_client_satisfaction", raise_if_not_found=False
        )
        if not survey or not survey.active:
            raise UserError(
                self.env._(
                    "The Client satisfaction survey was archived or deleted. "
                    "Restore it in Surveys to send it."
                )
            )
        recipients = self._retention_survey_recipients()
        if not recipients:
            raise UserError(
                self.env._(
                    "None of the selected clients has an email address: add "
                    "one on the client or one of its contacts."
                )
            )
        action = survey.action_send_survey()
        action["context"] = dict(
            action["context"],
            default_partner_ids=recipients.ids,
            # a client asked again answers anew, not the finished answer
            default_existing_mode="new",
        )
        return action

    def _retention_survey_recipients(self):
        """Each client itself when it has an address, else its first contact
        with one."""
        recipients = self.browse()
        for client in self.commercial_partner_id:
            if client.email:
                recipients |= client
                continue
            contacts = client.child_ids.filtered("email")
            recipients |= contacts[:1]
        return recipients

    # ------------------------------------------------------------ CRUD

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "The retention scan keeps them: change the settings or the client's "
            "invoices instead."
        )
