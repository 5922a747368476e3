from odoo import api, fields, models
from odoo.exceptions import UserError

EXIT_SURVEY = "client_retention.survey_exit_interview"


class ClientOffboardingDocuments(models.AbstractModel):
    """What an offboarding case sends and receives: the termination letter,
    the exit interview, the handover act and its signature."""

    _name = "client.offboarding.documents"
    _description = "Offboarding Documents"

    letter_sent_date = fields.Date(readonly=True, copy=False)
    exit_interview_ids = fields.One2many(
        "survey.user_input", "offboarding_id", string="Exit Interviews"
    )
    exit_interview_count = fields.Integer(compute="_compute_exit_interview_count")
    exit_interview_done = fields.Boolean(compute="_compute_exit_interview_count")
    signature = fields.Image(
        "Client Signature",
        help="The client's signature of the handover act.",
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
    )
    signed_by = fields.Char(copy=False, readonly=True)
    signed_on = fields.Datetime(copy=False, readonly=True)
    handover_scan = fields.Binary(
        string="Signed Act (scan)",
        attachment=True,
        copy=False,
        help="The handover act signed on paper, scanned.",
    )
    handover_scan_name = fields.Char(copy=False)
    act_signed = fields.Boolean(
        compute="_compute_act_signed", string="Handover Act Signed"
    )

    @api.depends("exit_interview_ids.state")
    def _compute_exit_interview_count(self):
        for case in self:
            answers = case.sudo().exit_interview_ids
            case.exit_interview_count = len(answers)
            case.exit_interview_done = any(a.state == "done" for a in answers)

    @api.depends("signed_on", "handover_scan")
    def _compute_act_signed(self):
        for case in self:
            case.act_signed = bool(case.signed_on or case.handover_scan)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for case in self:
            case.access_url = f"/my/offboarding/{case.id}"
        return result

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Termination letter %(case)s", case=self.name)

    def action_preview(self):
        """The case as the client sees it on the portal."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    # ------------------------------------------------------------ letter

    def action_send_termination_letter(self):
        self.ensure_one()
        if self.state in ("done", "retained", "cancelled"):
            raise UserError(
                self.env._(
                    "%(case)s is closed: a termination letter is sent while the "
                    "client is leaving.",
                    case=self.display_name,
                )
            )
        if not self.contact_id.email:
            raise UserError(self._no_email_message())
        template = self.env.ref("client_offboarding.mail_template_termination_letter")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send the Termination Letter"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_layout",
                "force_email": True,
            },
        }

    def _no_email_message(self):
        return self.env._(
            "%(contact)s has no email address: add one on the contact (or choose "
            "another client contact on the case) to send documents.",
            contact=self.contact_id.display_name or self.partner_id.display_name,
        )

    # ------------------------------------------------------------ exit interview

    def action_send_exit_interview(self):
        self.ensure_one()
        survey = self.env.ref(EXIT_SURVEY, raise_if_not_found=False)
        if not survey or not survey.active:
            raise UserError(
                self.env._(
                    "The Exit interview survey was archived or deleted. Restore it "
                    "in Surveys to send it."
                )
            )
        if not self.contact_id.email:
            raise UserError(self._no_email_message())
        action = survey.action_send_survey()
        action["context"] = dict(
            action["context"],
            default_partner_ids=self.contact_id.ids,
            default_existing_mode="new",
            offboarding_exit_case_id=self.id,
        )
        return action

    @api.readonly  # a list to open: run on the replica when Odoo has one
    def action_view_exit_interviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Exit Interviews"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [("offboarding_id", "=", self.id)],
        }

    # ------------------------------------------------------------ handover act

    def action_print_handover_act(self):
        self.ensure_one()
        if not self.inventory_id:
            raise UserError(
                self.env._(
                    "%(case)s has no handover list yet: start the handover first.",
                    case=self.display_name,
                )
            )
        return self.env.ref(
            "client_offboarding.action_report_handover_act"
        ).report_action(self)

    def action_print_termination_letter(self):
        self.ensure_one()
        return self.env.ref(
            "client_offboarding.action_report_termination_letter"
        ).report_action(self)

    def _handover_period_label(self):
        """The years we served the client, for the act's lines without a
        period: from its first invoice in the case's company (its retention
        profile) to the last day of service, e.g. "2024–2026" ("2026" alone
        without an earlier invoice)."""
        self.ensure_one()
        last = self.end_date or self.request_date
        if not last:
            return ""
        # sudo: one year of the profile, for whoever may print the act
        profile = (
            self.env["client.retention.profile"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        first = profile.first_purchase_date
        if not first or first.year >= last.year:
            return str(last.year)
        return f"{first.year}\N{EN DASH}{last.year}"

    def _sign_handover_act(self, name, signature):
        """The client signed the act on the portal (sudo, from the controller)."""
        self.ensure_one()
        self._system_write(
            {
                "signed_by": name,
                "signed_on": fields.Datetime.now(),
                "signature": signature,
            }
        )

    def _has_to_be_signed(self):
        self.ensure_one()
        return bool(
            self.state in ("handover", "done")
            and self.inventory_id
            and not self.signed_on
        )
