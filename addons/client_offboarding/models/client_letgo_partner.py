from odoo import api, fields, models

from ..lib import letgo

RETENTION_GROUP = "client_retention.group_retention_user"
SIGN_REASONS = {
    letgo.DEMANDS: "client_retention.client_exit_reason_excessive_demands",
    letgo.LATE_PAYER: "client_retention.client_exit_reason_chronic_late_payment",
    letgo.PRESSURE: "client_retention.client_exit_reason_pressure_threats",
    letgo.BLAME: "client_retention.client_exit_reason_blame_shifting",
}


class ClientLetgoPartner(models.AbstractModel):
    """The let-go review of a client: the evidence for each of the four
    kinds of clients worth parting with."""

    _name = "client.letgo.partner"
    _description = "Let-go Review of a Client"

    offboarding_pressure = fields.Boolean(
        string="Pressure or Threats",
        groups=RETENTION_GROUP,
        help="The client pressures or threatens the team (lawsuits, public "
        "complaints, shouting). Write what happened and when.",
    )
    offboarding_pressure_note = fields.Text(
        string="Pressure: What Happened", groups=RETENTION_GROUP
    )
    offboarding_pressure_date = fields.Date(
        string="Pressure: When", groups=RETENTION_GROUP
    )
    offboarding_blame = fields.Boolean(
        string="Blame-shifting",
        groups=RETENTION_GROUP,
        help="The client blames the team for its own mistakes. Write what "
        "happened and when.",
    )
    offboarding_blame_note = fields.Text(
        string="Blame: What Happened", groups=RETENTION_GROUP
    )
    offboarding_blame_date = fields.Date(string="Blame: When", groups=RETENTION_GROUP)
    offboarding_claims_12m = fields.Integer(
        string="Claims (12 months)",
        compute="_compute_letgo_evidence",
        groups=RETENTION_GROUP,
    )
    offboarding_claims_per_month = fields.Float(
        string="Claims a Month",
        digits=(10, 2),
        compute="_compute_letgo_evidence",
        groups=RETENTION_GROUP,
    )
    offboarding_unfounded_share = fields.Float(
        string="Unfounded Claims (%)",
        digits=(5, 1),
        compute="_compute_letgo_evidence",
        groups=RETENTION_GROUP,
    )
    offboarding_letgo_signs = fields.Char(
        string="Let-go Signs", compute="_compute_letgo_evidence", groups=RETENTION_GROUP
    )
    offboarding_letgo_candidate = fields.Boolean(
        string="Let-go Candidate",
        compute="_compute_letgo_evidence",
        groups=RETENTION_GROUP,
    )

    @api.depends_context("company")
    @api.depends("offboarding_pressure", "offboarding_blame")
    def _compute_letgo_evidence(self):
        reviews = (
            self.env["client.letgo.review"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        by_partner = {review.partner_id.id: review for review in reviews}
        labels = dict(
            self.env["client.letgo.review"]
            ._fields["main_sign"]
            ._description_selection(self.env)
        )
        for partner in self:
            client = partner.commercial_partner_id
            review = by_partner.get(client.id)
            claims = review.claim_count if review else 0
            partner.offboarding_claims_12m = claims
            partner.offboarding_claims_per_month = (
                review.claims_per_month if review else 0.0
            )
            partner.offboarding_unfounded_share = (
                review.unfounded_share if review else 0.0
            )
            signs = review._signs() if review else partner._manual_signs()
            partner.offboarding_letgo_signs = ", ".join(labels[s] for s in signs)
            partner.offboarding_letgo_candidate = bool(signs)

    def _manual_signs(self):
        client = self.commercial_partner_id
        return [
            sign
            for sign, flag in (
                (letgo.PRESSURE, client.offboarding_pressure),
                (letgo.BLAME, client.offboarding_blame),
            )
            if flag
        ]

    def _letgo_reason(self):
        """The shipped exit reason matching the client's first let-go sign."""
        signs = []
        review = (
            self.env["client.letgo.review"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", self.env.company.id),
                ],
                limit=1,
            )
        )
        signs = review._signs() if review else self._manual_signs()
        if not signs:
            return None
        return self.env.ref(SIGN_REASONS[signs[0]], raise_if_not_found=False)
