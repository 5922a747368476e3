from datetime import datetime, time

from odoo import api, models

ACTIVITY_TYPES = (
    "client_retention.mail_activity_type_reactivation",
    "client_retention.mail_activity_type_churn_risk",
    "mail.mail_activity_data_call",
)


class ClientRetentionAssignment(models.AbstractModel):
    """Who acts on a signal of the scan, and how many a day.

    The client's salesperson; without one, the retention manager chosen in
    Settings (else the first retention manager of the company). Nobody gets
    more than the daily number of retention activities set in Settings: the
    rest wait on the client's profile (listed in "Waiting Activities") and
    are given out first on the next days, oldest first.
    """

    _name = "client.retention.assignment"
    _description = "Client Retention Assignment"

    def _fallback_user(self, company):
        chosen = company.retention_fallback_user_id
        if chosen.active:
            return chosen
        return self.env["res.users"].search(
            [
                (
                    "all_group_ids",
                    "in",
                    self.env.ref("client_retention.group_retention_manager").ids,
                ),
                ("company_ids", "in", company.ids),
                ("share", "=", False),
                ("id", "!=", self.env.ref("base.user_root").id),
            ],
            limit=1,
            order="id",
        )

    def _account_managers(self, partners, company):
        """``{partner: user}``: the salesperson, else the fallback user."""
        fallback = self._fallback_user(company)
        return {
            partner: (partner.user_id if partner.user_id.active else fallback)
            for partner in partners
        }

    def _given_today(self, users, today):
        """Retention activities each user received today, in one query."""
        types = [
            self.env.ref(xmlid, raise_if_not_found=False) for xmlid in ACTIVITY_TYPES
        ]
        self.env["mail.activity"].flush_model()
        self.env.cr.execute(
            """
            SELECT user_id, count(*)
              FROM mail_activity
             WHERE user_id = ANY(%s) AND res_model = 'res.partner'
               AND activity_type_id = ANY(%s) AND create_date >= %s
             GROUP BY user_id
            """,
            (users.ids, [t.id for t in types if t], datetime.combine(today, time.min)),
        )
        return dict(self.env.cr.fetchall())

    def _within_caps(self, managers, company, today):
        """``(given, waiting)``: ``{partner: user}`` within each user's daily
        number, and the partners over it, in the order given."""
        cap = company.retention_activity_daily_cap
        users = self.env["res.users"].union(*managers.values())
        if cap <= 0 or not users:
            return managers, []
        counts = self._given_today(users, today)
        given, waiting = {}, []
        for partner, user in managers.items():
            if counts.get(user.id, 0) < cap:
                given[partner] = user
                counts[user.id] = counts.get(user.id, 0) + 1
            else:
                waiting.append(partner)
        return given, waiting

    def _wait(self, partners, company, activity_type, summary, notes, today):
        """Keep activities over the caps on the clients' profiles."""
        if not partners:
            return
        self.env["client.retention.profile"].flush_model()
        self.env.cr.execute_values(
            f"""
            UPDATE client_retention_profile pr
               SET waiting_activity_type_id = {int(activity_type.id)},
                   waiting_activity_summary = v.summary,
                   waiting_activity_note = v.note,
                   waiting_activity_since = COALESCE(
                       pr.waiting_activity_since, v.since::date)
              FROM (VALUES %s) AS v(partner_id, summary, note, since)
             WHERE pr.company_id = {int(company.id)} AND pr.partner_id = v.partner_id
            """,
            [(p.id, summary, str(notes.get(p.id, "")), today) for p in partners],
        )
        self.env["client.retention.profile"].invalidate_model()

    def _bought_since_scan(self, profiles):
        """Ids of the profiles whose client posted an invoice dated after the
        last purchase the scan saw, in one query."""
        self.env["account.move"].flush_model()
        self.env.cr.execute(
            """
            SELECT pr.id
              FROM client_retention_profile pr
             WHERE pr.id = ANY(%s)
               AND EXISTS (
                   SELECT 1 FROM account_move m
                    WHERE m.company_id = pr.company_id
                      AND m.commercial_partner_id = pr.partner_id
                      AND m.state = 'posted' AND m.move_type = 'out_invoice'
                      AND m.invoice_date > COALESCE(pr.last_purchase_date, '-infinity')
               )
            """,
            (profiles.ids,),
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _hand_out_waiting(self, company, today):
        """Give waiting activities to whoever has room today, oldest first."""
        Profile = self.env["client.retention.profile"].sudo()
        waiting = Profile.search(
            [
                ("company_id", "=", company.id),
                ("waiting_activity_type_id", "!=", False),
            ],
            order="waiting_activity_since, id",
        )
        if not waiting:
            return
        churn_risk = self.env.ref("client_retention.mail_activity_type_churn_risk")

        bought = self._bought_since_scan(waiting)

        def stale(profile):
            # what the activity was for is over: lost, buying again (since
            # the last scan too: this runs before today's), or no longer at
            # high risk
            if profile.state == "lost" or profile.id in bought:
                return True
            if profile.waiting_activity_type_id == churn_risk:
                return profile.risk_level != "high"
            return profile.state != "dormant"

        gone = waiting.filtered(stale)
        waiting -= gone
        effects = self.env["client.retention.effects"].sudo().with_company(company)
        done = gone.ids
        for (kind, summary), group in waiting.grouped(
            lambda p: (p.waiting_activity_type_id, p.waiting_activity_summary)
        ).items():
            given = effects._create_activities(
                group.partner_id,
                company,
                kind,
                summary,
                {p.partner_id.id: p.waiting_activity_note for p in group},
                today,
                wait=False,
            )
            done += group.filtered(lambda p, g=given: p.partner_id in g).ids
        if done:
            self.env.cr.execute(
                """
                UPDATE client_retention_profile
                   SET waiting_activity_type_id = NULL, waiting_activity_summary = NULL,
                       waiting_activity_note = NULL, waiting_activity_since = NULL
                 WHERE id = ANY(%s)
                """,
                (done,),
            )
            Profile.invalidate_model()
