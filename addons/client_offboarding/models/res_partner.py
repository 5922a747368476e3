from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sla_claims.models.sla_bounded_mixin import DAYS

from ..lib import flow

RETENTION_GROUP = "client_retention.group_retention_user"
INTERNAL_USER = "base.group_user"


class ResPartner(models.Model):
    _inherit = ["res.partner", "client.letgo.partner", "sla.bounded.mixin"]
    _name = "res.partner"

    # the contract's periods, for the team (not for the client's portal users)
    offboarding_own_periods = fields.Boolean(
        string="Own Contract Periods",
        groups=INTERNAL_USER,
        help="The client's contract sets its own notice and handover periods; "
        "otherwise the company's defaults (Settings) apply.",
    )
    offboarding_contract_notice_days = fields.Integer(copy=False, groups=INTERNAL_USER)
    offboarding_contract_handover_days = fields.Integer(
        copy=False, groups=INTERNAL_USER
    )
    offboarding_notice_days = fields.Integer(
        string="Notice Period (days)",
        groups=INTERNAL_USER,
        compute="_compute_offboarding_periods",
        inverse="_inverse_offboarding_periods",
        help="Days between the notice and the last service day, as the "
        "client's contract says (the company's default unless set here).",
    )
    offboarding_handover_days = fields.Integer(
        string="Handover Period (days)",
        groups=INTERNAL_USER,
        compute="_compute_offboarding_periods",
        inverse="_inverse_offboarding_periods",
        help="Days after the last service day within which every document is "
        "handed over (the company's default unless set here).",
    )
    offboarding_ids = fields.One2many(
        "client.offboarding", "partner_id", string="Offboarding Cases"
    )
    offboarding_count = fields.Integer(
        compute="_compute_offboarding_count", groups=RETENTION_GROUP
    )
    offboarding_open = fields.Boolean(
        compute="_compute_offboarding_count", groups=RETENTION_GROUP
    )

    @api.depends_context("company")
    @api.depends(
        "offboarding_own_periods",
        "offboarding_contract_notice_days",
        "offboarding_contract_handover_days",
        "company_id",
    )
    def _compute_offboarding_periods(self):
        for partner in self:
            client = partner.commercial_partner_id or partner
            if client.offboarding_own_periods:
                partner.offboarding_notice_days = (
                    client.offboarding_contract_notice_days
                )
                partner.offboarding_handover_days = (
                    client.offboarding_contract_handover_days
                )
            else:
                company = self.env.company
                partner.offboarding_notice_days = company.offboarding_notice_days
                partner.offboarding_handover_days = company.offboarding_handover_days

    def _inverse_offboarding_periods(self):
        for partner in self:
            if (
                partner.offboarding_notice_days < 0
                or partner.offboarding_handover_days < 0
            ):
                raise UserError(
                    self.env._(
                        "Notice and handover periods are counted in days and "
                        "cannot be negative. Enter 0 for no period."
                    )
                )
            partner.write(
                {
                    "offboarding_own_periods": True,
                    "offboarding_contract_notice_days": (
                        partner.offboarding_notice_days
                    ),
                    "offboarding_contract_handover_days": (
                        partner.offboarding_handover_days
                    ),
                }
            )

    def _compute_offboarding_count(self):
        rows = self.env["client.offboarding"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id", "state"], ["__count"]
        )
        counts, open_ids = {}, set()
        for partner, state, count in rows:
            counts[partner.id] = counts.get(partner.id, 0) + count
            if state in flow.OPEN_STATES:
                open_ids.add(partner.id)
        for partner in self:
            partner.offboarding_count = counts.get(partner.id, 0)
            partner.offboarding_open = partner.id in open_ids

    def _start_offboarding(self, initiated_by, reason=None):
        self.ensure_one()
        client = self.commercial_partner_id
        open_case = self.env["client.offboarding"].search(
            [
                ("partner_id", "=", client.id),
                ("company_id", "=", self.env.company.id),
                ("state", "in", flow.OPEN_STATES),
            ],
            limit=1,
        )
        if open_case:
            raise UserError(
                self.env._(
                    "%(client)s is already being offboarded (%(case)s): continue "
                    "that case, or cancel it first.",
                    client=client.display_name,
                    case=open_case.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Start Offboarding"),
            "res_model": "client.offboarding",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": client.id,
                "default_initiated_by": initiated_by,
                "default_reason_id": reason.id if reason else False,
            },
        }

    def action_start_offboarding(self, initiated_by="client"):
        """Start offboarding, by default for a client who asked to leave."""
        if initiated_by == "company":
            return self.action_start_offboarding_company()
        return self.action_start_offboarding_client()

    def action_start_offboarding_client(self):
        """The client asked to leave: a case with a retention step."""
        return self._start_offboarding("client")

    def action_start_offboarding_company(self):
        """We part with the client: a company-initiated case."""
        return self._start_offboarding("company", self._letgo_reason())

    @api.readonly  # a list to open: run on the replica when Odoo has one
    def action_view_offboardings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Offboarding"),
            "res_model": "client.offboarding",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.commercial_partner_id.id)],
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def _field_bounds(self):
        return {
            **super()._field_bounds(),
            "offboarding_contract_notice_days": DAYS,
            "offboarding_contract_handover_days": DAYS,
            "offboarding_notice_days": DAYS,
            "offboarding_handover_days": DAYS,
        }
