from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import flow

MANAGER_GROUP = "client_retention.group_retention_manager"


class ClientOffboardingSteps(models.AbstractModel):
    """The buttons moving an offboarding case along its states, and what
    each step does to the client's retention state."""

    _name = "client.offboarding.steps"
    _description = "Offboarding Steps"

    def _check_step(self, step):
        for case in self:
            problem = flow.check_step(
                step,
                case.state,
                case.initiated_by,
                case.retention_offer,
                case.retention_outcome,
            )
            if problem:
                raise UserError(case._step_message(step, problem))

    def _step_message(self, step, problem):
        state_label = dict(self._fields["state"]._description_selection(self.env))
        messages = {
            flow.WRONG_STATE: self.env._(
                "%(case)s is in the state “%(state)s”: this step is not possible "
                "now. Reload the case to see where it stands.",
                case=self.display_name,
                state=state_label[self.state],
            ),
            flow.COMPANY_SKIPS_RETENTION: self.env._(
                "%(case)s was started by the company: there is no retention "
                "attempt. Accept the notice instead.",
                case=self.display_name,
            ),
            flow.RETENTION_FIRST: self.env._(
                "%(case)s: the client asked to leave. Start the retention step "
                "first: hear the client out, make an offer and record its outcome.",
                case=self.display_name,
            ),
            flow.OFFER_MISSING: self.env._(
                "%(case)s: write down what was offered to keep the client "
                "(“Retention Offer”) first.",
                case=self.display_name,
            ),
            flow.OUTCOME_MISSING: self.env._(
                "%(case)s: record the outcome of the retention offer first: "
                "declined to accept the notice, or press “Retained”.",
                case=self.display_name,
            ),
            flow.OUTCOME_RETAINED: self.env._(
                "%(case)s: the client accepted the offer. Press “Retained” to "
                "close the case as a save.",
                case=self.display_name,
            ),
        }
        return messages[problem]

    def _mark_partners_leaving(self):
        Profile = self.env["client.retention.profile"].sudo()
        for company, cases in (
            self.filtered(lambda c: c.state in flow.OPEN_STATES)
            .grouped("company_id")
            .items()
        ):
            Profile._set_state(company, cases.partner_id.ids, "leaving")

    def _refresh_partners(self):
        """The client stays: its retention state follows its figures again."""
        Scan = self.env["client.retention.scan"].sudo()
        for company, cases in self.grouped("company_id").items():
            Scan._refresh(cases.partner_id, company)

    def action_start_retention(self):
        self._check_step("start_retention")
        self._system_write({"state": "retention"})
        return True

    def action_retained(self):
        self._check_step("retained")
        self.write({"retention_outcome": "retained"})
        self._system_write(
            {"state": "retained", "close_date": fields.Date.context_today(self)}
        )
        self._refresh_partners()
        return True

    def action_accept_notice(self):
        self._check_step("accept_notice")
        self._system_write({"state": "notice"})
        return True

    def action_start_handover(self):
        self._check_step("start_handover")
        self._build_handover_list()
        self._review_invoices()
        self._system_write({"state": "handover"})
        return True

    def action_ask_done(self):
        """*Done* in the form: the checks first, then the confirmation of
        what closing records (``client.offboarding.done``)."""
        self.ensure_one()
        self._check_done()
        wizard = self.env["client.offboarding.done"].create({"offboarding_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close the Case"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_done(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only retention managers close offboarding cases: ask a "
                    "manager to check the handover and press “Done”."
                )
            )
        self._check_step("done")
        self._check_handover_complete()

    def action_done(self):
        self._check_done()
        today = fields.Date.context_today(self)
        for case in self:
            case._system_write(
                {"state": "done", "close_date": today, "handover_date": today}
            )
        self._finish()
        return True

    def action_cancel(self):
        self._check_step("cancel")
        self._system_write(
            {"state": "cancelled", "close_date": fields.Date.context_today(self)}
        )
        self._refresh_partners()
        return True

    def action_reset_draft(self):
        for case in self.filtered(lambda c: c.state != "cancelled"):
            raise UserError(case._step_message("cancel", flow.WRONG_STATE))
        self._system_write({"state": "draft", "close_date": False})
        self._mark_partners_leaving()
        return True
