from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models

from ..lib import churn


class ClientChurnAlert(models.Model):
    """A month whose trailing-12-month churn crossed the alarm line."""

    _name = "client.churn.alert"
    _description = "Churn Alarm"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    month = fields.Date(
        required=True, readonly=True, help="First day of the month checked."
    )
    date_from = fields.Date(readonly=True)
    date_to = fields.Date(readonly=True)
    annualized_churn_rate = fields.Float(readonly=True, digits=(5, 2))
    churn_status = fields.Selection(churn.STATUSES, readonly=True)
    lost_clients = fields.Integer(readonly=True)
    top_reasons = fields.Text(readonly=True)

    _company_month_unique = models.Constraint(
        "UNIQUE(company_id, month)", "One churn alarm per company and month."
    )

    @api.depends("company_id", "month", "churn_status")
    def _compute_display_name(self):
        for alert in self:
            alert.display_name = self.env._(
                "Churn alarm %(month)s, %(company)s",
                month=alert.month and alert.month.strftime("%Y-%m") or "",
                company=alert.company_id.name or "",
            )

    @api.model
    def _check_company_month(self, company, today):
        """Trailing 12 full months of ``company``; an alarm once per month."""
        month = today.replace(day=1)
        if self.search_count([("company_id", "=", company.id), ("month", "=", month)]):
            return self.browse()
        analysis = self.env["client.churn.analysis"].create(
            {
                "company_id": company.id,
                "date_from": month - relativedelta(months=12),
                "date_to": month - relativedelta(days=1),
                "granularity": churn.MONTH,
            }
        )
        if analysis.churn_status == churn.OK:
            return self.browse()
        reasons = analysis.get_breakdowns()["reason"][:3]
        alert = self.create(
            {
                "company_id": company.id,
                "month": month,
                "date_from": analysis.date_from,
                "date_to": analysis.date_to,
                "annualized_churn_rate": analysis.annualized_churn_rate,
                "churn_status": analysis.churn_status,
                "lost_clients": analysis.lost_clients,
                "top_reasons": "\n".join(
                    f"{label}: {count}" for label, count, _amount in reasons
                ),
            }
        )
        alert._notify_managers(reasons)
        return alert

    def _notify_managers(self, reasons):
        _ = self.env._
        managers = self.env.ref("client_retention.group_retention_manager").all_user_ids
        managers = managers.filtered(
            lambda u: not u.share and u.active and self.company_id in u.company_ids
        ) - self.env.ref("base.user_root")
        status = dict(self._fields["churn_status"]._description_selection(self.env))
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            _(
                "Churn over the last 12 months is %(rate)s%% a year "
                "(%(status)s): %(lost)s clients lost. Top reasons:",
                rate=round(self.annualized_churn_rate, 1),
                status=status[self.churn_status],
                lost=self.lost_clients,
            ),
            Markup("").join(
                Markup("<li>%s: %s</li>") % (label, count)
                for label, count, _a in reasons
            )
            or Markup("<li>%s</li>") % _("No reason recorded"),
        )
        self.message_post(
            body=body,
            partner_ids=managers.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        for manager in managers:
            self.activity_schedule(
                "client_retention.mail_activity_type_churn_alarm",
                summary=_("Churn is over the alarm line: review why clients leave"),
                user_id=manager.id,
            )
