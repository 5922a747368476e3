from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.sla_claims.models.sla_bounded_mixin import MONEY
from odoo.addons.sla_claims.models.sla_system_kept_mixin import CLIENT_OWNER_FIELDS

from . import churn_sql

# Kept by the module (the scan, the win-back at posting, offboarding): users
# record a loss, they do not forge its outcome (sla.system.kept.mixin).
SYSTEM_KEPT_FIELDS = frozenset({"state", "won_back_date", "source"})


# what a lost client keeps of its churn risk: nothing (see _mark_partners_lost)
LOST_RISK = {
    "risk_score": 0,
    "risk_level": None,
    "risk_factors": "[]",
    "high_risk_date": None,
}


class ClientChurnEvent(models.Model):
    """A client lost: when, why, at what cost, and whether it came back."""

    _name = "client.churn.event"
    _description = "Churn Event"
    _inherit = [
        "sla.system.kept.mixin",
        "sla.bounded.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="The company or person that was the client (its commercial entity).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
        help="When the client was lost: its notice, its last day or, for a "
        "silent leave, the day its silence passed the limit.",
    )
    reason_id = fields.Many2one(
        "client.exit.reason",
        tracking=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    reason_category = fields.Selection(
        related="reason_id.category", store=True, string="Reason Category"
    )
    initiated_by = fields.Selection(
        [("client", "Client"), ("company", "Company"), ("inferred", "Inferred")],
        compute="_compute_from_reason",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Inferred: nobody said anything, the client stopped buying.",
    )
    stated_reason = fields.Text(string="What the Client Said")
    internal_cause = fields.Text(
        help="What we believe really happened, for the team only."
    )
    competitor_id = fields.Many2one("res.partner", help="Who the client went to.")
    avoidable = fields.Boolean(
        compute="_compute_from_reason", store=True, readonly=False, precompute=True
    )
    avg_invoice_amount = fields.Monetary(
        string="Average Invoice",
        compute="_compute_from_history",
        store=True,
        readonly=False,
        precompute=True,
    )
    invoices_per_year = fields.Float(
        help="Invoices in the 12 months before the loss.",
        compute="_compute_from_history",
        store=True,
        readonly=False,
        precompute=True,
        digits=(10, 2),
    )
    lost_annual_revenue = fields.Monetary(
        compute="_compute_lost_annual_revenue",
        store=True,
        readonly=False,
        precompute=True,
        help="What the client invoiced in the 12 months before the loss (up to "
        "its last invoice, credit notes deducted): average invoice × invoices in "
        "those months. Correct it if you know better.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        domain=[("share", "=", False)],
    )
    retention_attempted = fields.Boolean()
    retention_offer = fields.Text(help="What was offered to keep the client.")
    source = fields.Selection(
        [
            ("manual", "Manual"),
            ("offboarding", "Offboarding"),
            ("dormancy", "Dormancy"),
        ],
        required=True,
        default="manual",
        readonly=True,
    )
    state = fields.Selection(
        [("lost", "Lost"), ("won_back", "Won Back")],
        required=True,
        default="lost",
        readonly=True,
        index=True,
        tracking=True,
    )
    won_back_date = fields.Date(readonly=True, tracking=True)

    @api.depends("reason_id")
    def _compute_from_reason(self):
        for event in self:
            if event.initiated_by != "inferred":
                event.initiated_by = event.reason_id.initiated_by_default or "client"
            event.avoidable = event.reason_id.avoidable

    @api.depends("partner_id", "company_id", "date")
    def _compute_from_history(self):
        """What the client brought in the 12 months before the loss
        (``churn_sql.revenue_before_loss``): its average invoice and how
        many, so that lost annual revenue is that year's revenue."""
        known = self.filtered(lambda e: e.partner_id and e.company_id and e.date)
        self.env["account.move"].flush_model(
            ["company_id", "commercial_partner_id", "state", "move_type"]
            + ["invoice_date", "amount_untaxed_signed"]
        )
        keys = {
            event: (
                event.partner_id.commercial_partner_id.id,
                event.company_id.id,
                event.date,
            )
            for event in known
        }
        before = churn_sql.revenue_before_loss(self.env.cr, list(keys.values()))
        for event in self:
            revenue, count = before.get(keys.get(event), (0.0, 0))
            event.avg_invoice_amount = max(revenue, 0.0) / count if count else 0.0
            event.invoices_per_year = count

    @api.depends("avg_invoice_amount", "invoices_per_year")
    def _compute_lost_annual_revenue(self):
        for event in self:
            event.lost_annual_revenue = (
                event.avg_invoice_amount * event.invoices_per_year
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for event in self:
            event.user_id = event.partner_id.user_id or event.user_id

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for event in self:
            event.display_name = self.env._(
                "%(client)s lost on %(date)s",
                client=event.partner_id.display_name or "",
                date=event.date and fields.Date.to_string(event.date) or "",
            )

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "avg_invoice_amount": MONEY,
            "invoices_per_year": (0, 10000),
            "lost_annual_revenue": MONEY,
        }

    @api.constrains("date", "won_back_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for event in self:
            # an offboarding case closed during the notice period records
            # the loss on the last day of service, ahead
            if event.date > today and event.source != "offboarding":
                raise ValidationError(
                    self.env._(
                        "A loss is recorded when it happened, not ahead: %(date)s "
                        "is in the future. For a client who gave notice, start "
                        "offboarding or record the loss on its last day.",
                        date=event.date,
                    )
                )
            if event.won_back_date and event.won_back_date < event.date:
                raise ValidationError(
                    self.env._("A client is won back after it was lost.")
                )

    # ------------------------------------------------------------ CRUD

    def _system_kept_fields(self):
        return super()._system_kept_fields() | SYSTEM_KEPT_FIELDS

    def _owner_fields(self):
        return CLIENT_OWNER_FIELDS

    def _system_kept_hint(self):
        return self.env._(
            "Record the loss with its reason: a client is won back when it is "
            "invoiced again."
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        ).fetch(["commercial_partner_id"])  # one query for the whole batch
        for vals in vals_list:
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        events = super().create(vals_list)
        events._mark_partners_lost()
        return events

    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        return super().write(vals)

    def _mark_partners_lost(self):
        """A lost client stops nagging: no risk score, no retention activity
        left open, off the lists of whom to call."""
        Profile = self.env["client.retention.profile"].sudo()
        lost = self.filtered(lambda e: e.state == "lost")
        for company, events in lost.grouped("company_id").items():
            Profile._set_state(
                company,
                events.partner_id.ids,
                "lost",
                dormant_since=None,
                **LOST_RISK,
            )
        if lost:
            self.env["client.retention.effects"].sudo()._close_retention_activities(
                lost.partner_id
            )

    @api.model
    def _open_loss_summaries(self, clients, company):
        """``{client id: "Lost on <date>: <reason>"}`` of the open losses."""
        summaries = {}
        today = fields.Date.context_today(self)
        for event in self.search(
            [
                ("partner_id", "in", clients.ids),
                ("company_id", "=", company.id),
                ("state", "=", "lost"),
            ],
            order="date desc, id desc",
        ):
            values = {
                "date": format_date(self.env, event.date),
                "reason": event.reason_id.name or self.env._("no reason recorded"),
            }
            summaries.setdefault(
                event.partner_id.id,
                self.env._("Leaves on %(date)s: %(reason)s", **values)
                if event.date > today
                else self.env._("Lost on %(date)s: %(reason)s", **values),
            )
        return summaries

    def _mark_won_back(self, date, last_purchase=None):
        """The client bought again on ``date``: the loss is over, the client
        is active (its last purchase ``last_purchase``, default ``date``)."""
        self._system_write({"state": "won_back", "won_back_date": date})
        Profile = self.env["client.retention.profile"].sudo()
        for company, events in self.grouped("company_id").items():
            Profile._set_state(
                company,
                events.partner_id.ids,
                "active",
                last_purchase_date=last_purchase or date,
                dormant_since=None,
            )
