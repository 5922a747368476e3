from markupsafe import Markup

from odoo import api, models
from odoo.tools import format_date, html_escape

from .risk_text import risk_lines

PHONE_ONLY = ("phone", "in_person")


class ClientRetentionEffects(models.AbstractModel):
    """What the scan does about what it found: one place for every mail,
    activity, note and inferred loss, each done once per episode."""

    _name = "client.retention.effects"
    _description = "Client Retention Effects"

    @api.model
    def _apply(self, company, effects, today):
        doer = self.sudo().with_company(company)
        if effects.get("silent_leave"):
            doer._record_silent_leaves(company, effects["silent_leave"])
        if effects.get("reactivation"):
            for lang, ids in doer._by_language(company, effects["reactivation"]):
                doer.with_context(lang=lang)._reactivate(company, ids, today)
        if effects.get("high_risk"):
            alerts = effects["high_risk"]
            for lang, group in doer._by_language(company, alerts, lambda a: a[0]):
                doer.with_context(lang=lang)._alert_high_risk(company, group, today)

    # ------------------------------------------------------------ helpers

    def _by_language(self, company, items, partner_id=lambda item: item):
        """``[(language, items)]`` grouped by the language of each client's
        account manager: what the scan writes them (activity, note) reads in
        it, not in the language of the user the scheduler runs as."""
        Partner = self.env["res.partner"]
        partners = Partner.browse([partner_id(item) for item in items])
        managers = self.env["client.retention.assignment"]._account_managers(
            partners, company
        )
        default = company.partner_id.lang or self.env.lang or "en_US"
        groups = {}
        for item in items:
            user = managers.get(Partner.browse(partner_id(item)))
            groups.setdefault((user and user.lang) or default, []).append(item)
        return list(groups.items())

    def _create_activities(
        self,
        partners,
        company,
        activity_type,
        summary,
        notes,
        today,
        wait=True,
        capped=True,
    ):
        """One activity per partner for its account manager, in one create,
        within each person's daily number (the rest wait unless ``wait`` is
        off); returns the partners given one."""
        Assignment = self.env["client.retention.assignment"]
        managers = Assignment._account_managers(partners, company)
        managers = {p: u for p, u in managers.items() if u}
        waiting = []
        if capped:
            managers, waiting = Assignment._within_caps(managers, company, today)
        if wait:
            Assignment._wait(waiting, company, activity_type, summary, notes, today)
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "note": notes.get(partner.id, ""),
                    "user_id": user.id,
                    "date_deadline": today,
                }
                for partner, user in managers.items()
            ]
        )
        return set(managers)

    def _close_retention_activities(self, partners):
        """Cancel the open reactivation and churn-risk activities of clients
        that are lost: there is nobody left to win over."""
        types = [
            self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid in (
                "client_retention.mail_activity_type_reactivation",
                "client_retention.mail_activity_type_churn_risk",
            )
        ]
        self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "in", [t.id for t in types if t]),
            ]
        ).unlink()

    def _post_notes(self, notes):
        """Internal notes on clients' chatters, ``{partner id: html}``, in one
        create (``message_post`` one by one took most of a large scan)."""
        author = self.env.user.partner_id
        subtype = self.env.ref("mail.mt_note")
        self.env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner_id,
                    "body": body,
                    "message_type": "notification",
                    "subtype_id": subtype.id,
                    "author_id": author.id,
                }
                for partner_id, body in notes.items()
            ]
        )

    def _accepts_mail(self, partner):
        """Whether the client may be mailed: an address that is not
        blacklisted (Odoo's opt-out) and no wish for phone or meetings only."""
        return bool(
            partner.email_normalized
            and not partner.is_blacklisted
            and partner.retention_preferred_channel not in PHONE_ONLY
        )

    # ------------------------------------------------------------ effects

    def _record_silent_leaves(self, company, leaves):
        reason = self.env.ref(
            "client_retention.client_exit_reason_silent_leave",
            raise_if_not_found=False,
        )
        self.env["client.churn.event"]._system_create(
            [
                {
                    "partner_id": partner_id,
                    "company_id": company.id,
                    "date": silence.silent_leave_date,
                    "reason_id": reason.id if reason else False,
                    "initiated_by": "inferred",
                    "source": "dormancy",
                    "avoidable": bool(reason and reason.avoidable),
                }
                for partner_id, silence in leaves
            ]
        )

    def _reactivate(self, company, partner_ids, today):
        """A reactivation mail where the client accepts mail, a call where it
        only takes calls, and an activity for the account manager."""
        partners = self.env["res.partner"].browse(partner_ids)
        mail_on = company.retention_reactivation_mail
        phone_only = partners.filtered(
            lambda p: p.retention_preferred_channel in PHONE_ONLY
        )
        mailable = (partners - phone_only).filtered(self._accepts_mail)
        if not mail_on:
            mailable = partners.browse()
        if mailable:
            template = self.env.ref(
                "client_retention.mail_template_reactivation", raise_if_not_found=False
            )
            if template:
                self._mass_comment(mailable, template)
        notes = {}
        for partner in partners:
            notes[partner.id] = self._reactivation_note(
                partner, partner in mailable, mail_on
            )
        calls = phone_only.filtered(lambda p: not p.retention_do_not_call)
        _ = self.env._
        if calls:
            self._create_activities(
                calls,
                company,
                self.env.ref("mail.mail_activity_data_call"),
                _("Call to reactivate: no purchase for a long time"),
                notes,
                today,
            )
        self._create_activities(
            partners - calls,
            company,
            self.env.ref("client_retention.mail_activity_type_reactivation"),
            _("Reactivate dormant client"),
            notes,
            today,
        )

    def _mass_comment(self, partners, template):
        """One mail per client, rendered in batch and queued, a copy kept on
        the client's chatter; the client's followers get no copy."""
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                default_composition_mode="mass_mail",
                default_model="res.partner",
                default_res_ids=partners.ids,
                default_template_id=template.id,
            )
            .create({"force_send": False, "auto_delete": False})
        )
        composer._action_send_mail()

    def _reactivation_note(self, partner, mailed, mail_on):
        _ = self.env._
        if mailed:
            why = _("A reactivation mail was sent; follow it up.")
        elif partner.retention_preferred_channel in PHONE_ONLY:
            why = (
                _(
                    "No mail sent: the client prefers not to be written to, and "
                    "asked not to be called. Meet them or write a letter."
                )
                if partner.retention_do_not_call
                else _("No mail sent: the client prefers to be called.")
            )
        elif not mail_on:
            why = _("Reactivation mails are off in Settings.")
        elif partner.is_blacklisted:
            why = _("No mail sent: the client's address is blacklisted.")
        else:
            why = _("No mail sent: the client has no email address.")
        if (
            partner.retention_do_not_call
            and partner.retention_preferred_channel not in PHONE_ONLY
        ):
            why = _("%(why)s Do not call: the client asked not to be called.", why=why)
        return Markup("<p>%s</p>") % why

    def _alert_high_risk(self, company, alerts, today):
        partners = self.env["res.partner"].browse([a[0] for a in alerts])
        notes = {}
        for partner_id, result in alerts:
            lines = risk_lines(self.env, result.factors, company.currency_id)
            notes[partner_id] = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._(
                    "Churn risk is high (%(score)s of 100) in %(company)s:",
                    score=result.score,
                    company=company.name,
                ),
                Markup("").join(Markup("<li>%s</li>") % html_escape(l) for l in lines),
            )
        self._post_notes(notes)
        self._create_activities(
            partners,
            company,
            self.env.ref("client_retention.mail_activity_type_churn_risk"),
            self.env._("High churn risk: contact the client"),
            notes,
            today,
        )

    def _remind_contract_end(self, partners):
        template = self.env.ref(
            "client_retention.mail_template_contract_end", raise_if_not_found=False
        )
        activity_type = self.env.ref("client_retention.mail_activity_type_reactivation")
        by_company = partners.grouped(lambda p: p.company_id or self.env.company)
        for company, group in by_company.items():
            for lang, ids in self._by_language(company, group.ids):
                doer = self.with_company(company).with_context(lang=lang)
                _ = doer.env._
                for partner in doer.env["res.partner"].browse(ids):
                    end = partner.retention_contract_end_date
                    note = Markup("<p>%s</p>") % _(
                        "The client's contract (or trial) ends on %(date)s: call "
                        "before it does.",
                        date=format_date(doer.env, end),
                    )
                    doer._create_activities(
                        partner,
                        company,
                        activity_type,
                        _("Contract ends soon: talk about renewal"),
                        {partner.id: note},
                        end,
                        capped=False,  # one per contract end, due on that day
                    )
            mailable = (
                group.filtered(self._accepts_mail)
                if company.retention_contract_mail
                else group.browse()
            )
            if template and mailable:
                self._mass_comment(mailable, template)
        # one write per end date, not per client
        for end, group in partners.grouped("retention_contract_end_date").items():
            group._system_write({"retention_contract_reminded_date": end})
