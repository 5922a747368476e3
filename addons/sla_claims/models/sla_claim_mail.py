"""Claims and mail: new claims from mail, customer replies, the first
answer and the automatic mails to the customer. The gateway's routes are in
sla_claim_routing.py."""

from odoo import api, models
from odoo.tools import email_normalize, formataddr

from ..lib import mail_filters
from .sla_claim_routing import NO_ACKNOWLEDGEMENT


class SlaClaimMail(models.AbstractModel):
    """How `sla.claim` (its only user) takes and sends mail."""

    _name = "sla.claim.mail"
    _inherit = ["mail.thread"]
    _description = "Claim Mail Handling"

    # ------------------------------------------------------------ new mail

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Mail to a team alias: a claim of the sender, acknowledged unless
        the sender must not be answered automatically."""
        values = dict(custom_values or {})
        silent = values.pop(NO_ACKNOWLEDGEMENT, False)
        team = self.env["sla.claim.team"].browse(values.get("team_id")).exists()
        team = team or self._default_team()
        address = email_normalize(msg_dict.get("email_from") or "", strict=False)

        def in_team_company(partner):
            return not partner.company_id or partner.company_id == team.company_id

        # the gateway's author is a contact it has just found by address
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if partner and not in_team_company(partner):
            partner = self.env["res.partner"]  # another company's contact
        if not partner and address:
            partner = self._partner_find_from_emails_single(
                [self._sender_for_contact(msg_dict["email_from"], address)],
                filter_found=in_team_company,
                no_create=not team.create_partner,
            )
        # a Cc'd address follows the claim and hears from it: never a mail
        # daemon, a no-reply sender or one of our own addresses
        cc = {
            address: text
            for address, text in self._mail_cc_sanitized_raw_dict(
                msg_dict.get("cc")
            ).items()
            if not mail_filters.is_system_address(address)
            and not self._is_own_address(address)
        }
        values.update(
            team_id=team.id,
            partner_id=partner.id,
            email_from=address or False,
            email_cc=", ".join(cc.values()) or False,
            channel="email",
            name=(msg_dict.get("subject") or "").strip() or self.env._("(no subject)"),
            description=msg_dict.get("body"),
        )
        # Created here, not by mail.thread(.cc).message_new: all they add are
        # the subject, the sender and the Cc, set above, and mail.thread
        # describes every field of the model to find the name field
        # (fields_get, a tenth of a mail's time). The incoming mail itself
        # reaches the responsible: no separate "you have been assigned".
        claim = self.with_context(
            sla_claims_no_acknowledgement=True,
            mail_auto_subscribe_no_notify=True,
        ).create(values)
        cc_partners = self._partner_find_from_emails_single(
            list(cc.values()), no_create=not team.create_partner
        )
        if cc_partners:
            claim.message_subscribe(partner_ids=cc_partners.ids)
        # the gateway posts the customer's mail next: acknowledge after it
        return claim.with_context(
            sla_claims_no_acknowledgement=False,
            mail_auto_subscribe_no_notify=False,
            sla_claims_acknowledge_after=not silent,
        )

    @api.model
    def _sender_for_contact(self, email_from, address):
        """Name and address for a new contact; a display name that is itself
        an address (a spoofing trick) is not kept as the name."""
        name = email_from.rpartition("<")[0].strip().strip('"').strip()
        if not name or "@" in name:
            return address
        return formataddr((name, address))

    # ------------------------------------------------------------- replies

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type == "email" and self.env.context.get(
            "sla_claims_acknowledge_after"
        ):
            self.with_context(sla_claims_acknowledge_after=False)._notify_customer(
                "sla_claims.mail_template_claim_acknowledgement"
            )
        if message.message_type not in ("comment", "email"):
            return result
        author_users = message.author_id.user_ids
        internal_author = author_users and not all(author_users.mapped("share"))
        if internal_author:
            # an agent answering in the chatter or from their mailbox
            if not message.subtype_id.internal:
                self._register_first_response(message)
        elif not message.subtype_id.internal:
            sender = message.author_id.email_normalized or email_normalize(
                message.email_from or "", strict=False
            )
            # only a waiting claim has anything to resume: ask who wrote then
            self.filtered(
                lambda c: c.stage_id.pauses_sla and c._accepts_mail_from(sender)
            )._resume_from_pause()
        return result

    def _register_first_response(self, message):
        """The first public answer that reaches the customer stops the
        response clock; notes, stage changes and automatic mails do not."""
        answered = self.filtered(
            lambda c: (
                not c.first_response_date
                and c.partner_id
                and (
                    c.partner_id in message.partner_ids
                    or c.partner_id in c.message_partner_ids
                )
            )
        )
        if answered:
            answered._sla_write({"first_response_date": message.date})
            answered._sla_update()

    def _resume_from_pause(self):
        """The customer answered: back to the stage the claim waited in."""
        for claim in self.filtered(lambda c: c.stage_id.pauses_sla):
            stage = claim._open_pause().resume_stage_id
            if not stage or stage.pauses_sla or stage._ends_claim():
                stage = claim.stage_id._working_stage()
            # the customer may not edit claims: the resume is the system's doing
            claim.sudo().with_context(
                sla_claims_customer_answered=True
            ).stage_id = stage

    def _sla_question_pending(self):
        """Whether our last public message to the customer came after their
        last one: then we wait on their answer to it."""
        self.ensure_one()
        public = self.message_ids.filtered(
            lambda m: (
                m.message_type in ("comment", "email") and not m.subtype_id.internal
            )
        )
        ours = public.filtered(
            lambda m: m.author_id.user_ids and not m.author_id.partner_share
        )
        theirs = public - ours
        return bool(ours) and (
            not theirs or max(ours.mapped("id")) > max(theirs.mapped("id"))
        )

    # ------------------------------------------------------- customer mails

    def _notify_customer(self, template, render_values=None):
        """Post an automatic mail from a template (or its XML id) to the
        customer, a follower: automatic, so it never counts as the first
        response."""
        claims = self.filtered(lambda c: c.partner_id.email_normalized)
        if not claims:
            return
        if isinstance(template, str):
            # the cached xmlid, not env.ref: that one asks the database
            # whether the template exists on every mail
            template = self.env["mail.template"].browse(
                self.env["ir.model.data"]._xmlid_to_res_id(
                    template, raise_if_not_found=False
                )
            )
        if not template:
            return
        # rendered for all claims at once, in each customer's language, and
        # posted straight: no mail composer per claim
        rendered = {
            name: template._render_field(
                name, claims.ids, compute_lang=True, add_context=render_values
            )
            for name in ("subject", "body_html", "email_from", "reply_to")
            if template[name]
        }
        for claim in claims:
            values = claim._team_sender()
            values.update({name: texts[claim.id] for name, texts in rendered.items()})
            claim.with_context(sla_claims_customer_mail=True).message_post(
                body=values.pop("body_html", ""),
                partner_ids=claim.partner_id.ids,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid=template.email_layout_xmlid or None,
                **values,
            )

    def _warn_unreachable_customers(self):
        """A claim whose customer has no email address hears nothing from us:
        say so on the claim, where the agent sees it."""
        for claim in self.filtered(lambda c: not c.partner_id.email_normalized):
            claim.message_post(
                body=self.env._(
                    "No acknowledgement was sent: the customer has no email "
                    "address. Add one to the contact, or call the customer with "
                    "the claim number and the deadlines."
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _team_sender(self):
        """Automatic mails come from the team: the company as author, the
        team's alias (else the company's address) as sender and Reply-To, so
        an answer comes back into the claim."""
        self.ensure_one()
        company = self.company_id
        address = self.team_id.alias_email or company.email
        values = {"author_id": company.partner_id.id}
        if address:
            values["email_from"] = values["reply_to"] = formataddr(
                (company.name, address)
            )
        return values

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        """The customer follows their claim (and a new customer, when it
        changes), in the same insert as the responsible."""
        followers = super()._message_auto_subscribe_followers(
            updated_values, default_subtype_ids
        )
        if updated_values.get("partner_id"):
            followers.append((updated_values["partner_id"], default_subtype_ids, False))
        return followers

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """An automatic mail to the customer is for the customer's side: our
        users read it in the chatter, a copy by mail is noise."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if self.env.context.get("sla_claims_customer_mail"):
            recipients = [
                r
                for r in recipients
                if r["share"]
                and not mail_filters.is_system_address(r["email_normalized"])
            ]
        return recipients
