from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.names import name_key


class ClientExitReason(models.Model):
    _name = "client.exit.reason"
    _description = "Client Exit Reason"
    _inherit = ["sla.bounded.mixin"]  # the database's range for the sequence
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        [
            ("product", "Product"),
            ("service", "Service"),
            ("price", "Price"),
            ("competitor", "Competitor"),
            ("relocation", "Relocation"),
            ("needs_changed", "Needs changed"),
            ("business_closed", "Business closed"),
            ("company_initiated", "Company initiated"),
            ("unknown", "Unknown"),
        ],
        required=True,
        default="unknown",
    )
    avoidable = fields.Boolean(
        help="The company could have kept the client by acting differently. "
        "Avoidable churn is the share worth working on.",
    )
    initiated_by_default = fields.Selection(
        [("client", "Client"), ("company", "Company")],
        string="Usually Initiated By",
        required=True,
        default="client",
        help="Who usually ends the relationship for this reason; "
        "proposed on new churn events.",
    )
    description = fields.Text(
        translate=True, help="What this reason covers and how to prevent it."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to offer the reason in every company.",
    )

    @api.constrains("name", "company_id", "active")
    def _check_name_unique(self):
        """One name per company: a company's reason may not repeat its own
        reasons nor the shared ones, since both are offered in the same list."""
        # sudo: a reason of a company the user cannot see still clashes with
        # a shared reason of the same name.
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "not in", self.ids)])
        )
        for reason in self:
            key = name_key(reason.name)
            if not key:
                raise ValidationError(self.env._("Give the exit reason a name."))
            clash = others.filtered(
                lambda other, reason=reason, key=key: (
                    name_key(other.name) == key
                    and (
                        not reason.company_id
                        or not other.company_id
                        or other.company_id == reason.company_id
                    )
                )
            )[:1]
            if clash:
                raise ValidationError(reason._duplicate_name_message(clash))
            others |= reason

    def _duplicate_name_message(self, clash):
        if not clash.active:
            return self.env._(
                "The exit reason “%(name)s” already exists but is archived. "
                "Restore it (filter Archived, then Unarchive) instead of "
                "creating it again.",
                name=clash.name,
            )
        if clash.company_id:
            return self.env._(
                "The exit reason “%(name)s” already exists for %(company)s. "
                "Use that one, or give this reason another name.",
                name=clash.name,
                company=clash.company_id.display_name,
            )
        return self.env._(
            "The exit reason “%(name)s” already exists for all companies. "
            "Use that one, or give this reason another name.",
            name=clash.name,
        )
