from odoo import api, fields, models

from .res_partner import RETENTION_GROUP


class ResPartner(models.Model):
    """What a client did with us, counted and opened from its form: churn
    events (and why it left), claims, invoices and surveys, under the
    reader's own rights."""

    _inherit = "res.partner"

    retention_churn_event_count = fields.Integer(
        compute="_compute_retention_counts", groups=RETENTION_GROUP
    )
    retention_loss_summary = fields.Char(
        string="Why It Left",
        compute="_compute_retention_loss_summary",
        groups=RETENTION_GROUP,
    )
    retention_claim_count = fields.Integer(
        compute="_compute_retention_counts", groups="sla_claims.group_claims_user"
    )
    retention_invoice_count = fields.Integer(
        compute="_compute_retention_counts",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    retention_survey_count = fields.Integer(
        compute="_compute_retention_counts", groups="survey.group_survey_user"
    )

    @api.depends_context("company")
    def _compute_retention_loss_summary(self):
        summaries = self.env["client.churn.event"]._open_loss_summaries(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            partner.retention_loss_summary = summaries.get(
                partner.commercial_partner_id.id, False
            )

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_retention_counts(self):
        clients = self.commercial_partner_id
        company = self.env.company
        domain = [("commercial_partner_id", "in", clients.ids)]
        counts = {
            "retention_churn_event_count": (
                "client.churn.event",
                [("partner_id", "in", clients.ids)],
                "partner_id",
            ),
            "retention_claim_count": ("sla.claim", domain, "commercial_partner_id"),
            "retention_invoice_count": (
                "account.move",
                domain
                + [
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("company_id", "=", company.id),
                ],
                "commercial_partner_id",
            ),
            "retention_survey_count": (
                "survey.user_input",
                [("partner_id.commercial_partner_id", "in", clients.ids)],
                "partner_id.commercial_partner_id",
            ),
        }
        for name, (model, dom, group) in counts.items():
            # under the reader's own rights, as Odoo's smart buttons count:
            # the records of the allowed companies that the button opens
            Model = self.env[model]
            rows = (
                Model._read_group(dom, [group], ["__count"])
                if Model.has_access("read")
                else []
            )
            totals = {record.id: count for record, count in rows}
            for partner in self:
                partner[name] = totals.get(partner.commercial_partner_id.id, 0)

    def _retention_list(self, model, name, domain, context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": context or {},
        }

    @api.readonly  # a list to open: run on the replica when Odoo has one
    def action_view_retention_claims(self):
        client = self.commercial_partner_id
        return self._retention_list(
            "sla.claim",
            self.env._("Claims"),
            [("commercial_partner_id", "in", client.ids)],
            {"default_partner_id": self.id, "active_test": False},
        )

    @api.readonly
    def action_view_retention_invoices(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice"
        )
        action["domain"] = [
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("company_id", "=", self.env.company.id),
        ]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    @api.readonly
    def action_view_retention_churn_events(self):
        return self._retention_list(
            "client.churn.event",
            self.env._("Churn Events"),
            [("partner_id", "in", self.commercial_partner_id.ids)],
            {"default_partner_id": self.commercial_partner_id[:1].id},
        )

    @api.readonly
    def action_view_retention_surveys(self):
        return self._retention_list(
            "survey.user_input",
            self.env._("Surveys"),
            [
                (
                    "partner_id.commercial_partner_id",
                    "in",
                    self.commercial_partner_id.ids,
                )
            ],
        )
