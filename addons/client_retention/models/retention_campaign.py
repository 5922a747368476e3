from odoo import api, fields, models
from odoo.exceptions import AccessError

MANAGER = "client_retention.group_retention_manager"


class ClientRetentionCampaign(models.AbstractModel):
    """A reactivation campaign for dormant clients the scan did not write to.

    The scan never writes to a backlog (clients dormant before the module
    was installed, or long before the scan found them): a manager chooses
    whom to write to. The chosen clients are queued; each day at most the
    daily number of Settings is written to (the same mail, call or activity
    as a fresh dormancy gets), the first batch at once, the rest by the
    nightly scan. A client who buys meanwhile leaves the queue by itself.
    """

    _name = "client.retention.campaign"
    _description = "Client Reactivation Campaign"

    @api.model
    def _queued_domain(self, company):
        return [
            ("company_id", "=", company.id),
            ("reactivation_campaign_date", "!=", False),
            ("state", "=", "dormant"),
            ("reactivation_backlog", "=", True),
        ]

    @api.model
    def _start(self, profiles):
        """Queue ``profiles`` (the dormant, unwritten ones) and send today's."""
        if not (self.env.su or self.env.user.has_group(MANAGER)):
            raise AccessError(
                self.env._("Only retention managers start reactivation campaigns.")
            )
        today = fields.Date.context_today(self)
        chosen = profiles.filtered(
            lambda p: p.state == "dormant" and p.reactivation_backlog
        )
        new = chosen.filtered(lambda p: not p.reactivation_campaign_date)
        if new:
            new.sudo().write({"reactivation_campaign_date": today})
        sent = 0
        for company in chosen.company_id:
            sent += self.sudo()._send(company, today)
        return len(chosen), sent

    @api.model
    def _send(self, company, today):
        """Write to the queued clients of the company, within today's number."""
        Profile = self.env["client.retention.profile"].sudo()
        sent_today = Profile.search_count(
            [
                ("company_id", "=", company.id),
                ("reactivation_campaign_date", "!=", False),
                ("reactivation_sent_date", "=", today),
            ]
        )
        room = company.retention_campaign_daily_cap - sent_today
        if room <= 0:
            return 0
        due = Profile.search(
            self._queued_domain(company),
            order="reactivation_campaign_date, id",
            limit=room,
        )
        if not due:
            return 0
        effects = self.env["client.retention.effects"].sudo().with_company(company)
        effects._reactivate(company, due.partner_id.ids, today)
        due.write({"reactivation_sent_date": today, "reactivation_backlog": False})
        return len(due)
