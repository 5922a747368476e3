"""Claims and the mail gateway's routes: loops dropped, replies threaded by
the claim number, strangers kept out of other people's claims, automatic
mail kept quiet."""

import logging
from ast import literal_eval

from odoo import api, models
from odoo.tools import SQL, email_normalize

from ..lib.mail_filters import (
    acknowledgement_unwanted,
    automatic_reason,
    claim_number_in,
    sequence_prefix,
)

_logger = logging.getLogger(__name__)
# set in a new claim's route by `_claim_routes`, read by `message_new`
NO_ACKNOWLEDGEMENT = "__sla_claims_no_acknowledgement"


class SlaClaimRouting(models.AbstractModel):
    """How the gateway's routes into `sla.claim` (its only user) are kept
    right."""

    _name = "sla.claim.routing"
    _inherit = ["mail.thread"]
    _description = "Claim Mail Routing"

    @api.model
    def _claim_routes(self, message, message_dict, routes):
        """Adjust the gateway's routes into claims.

        - mail from this database's own addresses (aliases, catchall, bounce,
          notification sender) is a loop: dropped;
        - a reply that dropped its threading headers threads by the claim
          number in its subject, into a claim of the alias's company only;
        - only the claim's own side writes into it (its customer, their
          colleagues, followers, our users): anyone else gets a claim of
          their own;
        - automatic mail (out-of-office, bounces, bulk) opens nothing; on an
          existing claim it is kept as an internal note that notifies nobody
          and resumes nothing;
        - a sender that must not be answered automatically gets no
          acknowledgement.
        """
        sender = email_normalize(message_dict.get("email_from"), strict=False) or ""
        if sender and self._is_own_address(sender):
            self._log_ignored("own-address", message_dict)
            return [route for route in routes if route[0] != self._name]
        reason = automatic_reason(message, sender)
        result = []
        for route in routes:
            if route[0] != self._name:
                result.append(route)
                continue
            route = self._route_by_number(route, message_dict, sender)
            claim = self.sudo().browse(route[1]).exists() if route[1] else None
            if claim and not claim._accepts_mail_from(sender):
                route, claim = self._route_as_new_claim(route, claim), None
            if reason and not claim:
                self._log_ignored(reason, message_dict)
                continue
            if reason:
                message_dict["is_internal"] = True
                message_dict.pop("parent_id", None)  # would notify its author
            elif not claim and acknowledgement_unwanted(message, sender):
                route = (
                    route[0],
                    route[1],
                    {**(route[2] or {}), NO_ACKNOWLEDGEMENT: True},
                    *route[3:],
                )
            result.append(route)
        return result

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        """Odoo counts a sender's recent claims to stop mail loops: count them
        on the indexed normalised address, and not at all for a sender with
        no address (every claim would match, and the complaint be dropped)."""
        if not email_from_normalized:
            return []
        return [("email_from_normalized", "=", email_from_normalized)]

    @api.model
    def _log_ignored(self, reason, message_dict):
        _logger.info(
            "Claims: ignored %s mail from %s (Message-Id %s)",
            reason,
            message_dict.get("email_from"),
            message_dict.get("message_id"),
        )

    @api.model
    def _is_own_address(self, address):
        """Whether ``address`` (normalised) is one this database sends from
        or receives on: an alias, a catchall, a bounce or a notification
        sender, or OdooBot's."""
        # one query for OdooBot's address, every alias domain's and every alias
        root_id = self.env["ir.model.data"]._xmlid_to_res_id("base.partner_root") or 0
        self.env["res.partner"].flush_model(["email_normalized"])
        self.env["mail.alias.domain"].flush_model()
        self.env["mail.alias"].flush_model(["alias_full_name"])
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM res_partner
                    WHERE id = %(root_id)s AND email_normalized = %(address)s
                   UNION ALL
                   SELECT 1 FROM mail_alias_domain
                    WHERE %(address)s IN (
                          LOWER(bounce_alias || '@' || name),
                          LOWER(catchall_alias || '@' || name),
                          LOWER(CASE WHEN default_from LIKE '%%@%%' THEN default_from
                                     ELSE default_from || '@' || name END))
                   UNION ALL
                   SELECT 1 FROM mail_alias WHERE alias_full_name = %(address)s
                   LIMIT 1""",
                address=address,
                root_id=root_id,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _route_by_number(self, route, message_dict, sender):
        """A reply whose mailer dropped the threading headers still quotes the
        claim number in its subject: thread it into that claim when the claim
        belongs to the company of the alias written to."""
        subject = message_dict.get("subject") or ""
        if route[1] or not any(char.isdigit() for char in subject):
            return route  # a claim number ends in digits
        sequence = (
            self.env["ir.sequence"].sudo().search([("code", "=", self._name)], limit=1)
        )
        number = claim_number_in(subject, sequence_prefix(sequence.prefix))
        team = self.env["sla.claim.team"].sudo().browse((route[2] or {}).get("team_id"))
        if not number or not team.exists():
            return route
        claim = self.sudo().search(
            [("number", "=", number), ("company_id", "=", team.company_id.id)],
            limit=1,
        )
        if claim and claim._accepts_mail_from(sender):
            return (route[0], claim.id, *route[2:])
        return route

    @api.model
    def _route_as_new_claim(self, route, claim):
        """A stranger's mail into ``claim``: a new claim of theirs in the team
        of the alias they wrote to, else in the claim's team."""
        alias = route[4]
        defaults = {"team_id": claim.team_id.id}
        if alias and alias.alias_model_id.model == self._name:
            defaults = literal_eval(alias.alias_defaults or "{}") or defaults
        return (route[0], False, defaults, *route[3:])

    def _accepts_mail_from(self, address):
        """Whether mail from ``address`` (normalised) may write into this
        claim: its customer and their colleagues, its followers, the address
        it came from, or one of our users."""
        self.ensure_one()
        if not address:
            return False
        self = self.sudo()  # noqa: PLW0642 - who wrote decides, not who reads
        known = self.partner_id | self.message_partner_ids
        if address in known.mapped("email_normalized") or address == email_normalize(
            self.email_from or ""
        ):
            return True
        Partner = self.env["res.partner"].sudo()
        commercial = self.commercial_partner_id
        return bool(
            (
                commercial
                and Partner.search_count(
                    [
                        ("email_normalized", "=", address),
                        ("commercial_partner_id", "=", commercial.id),
                    ],
                    limit=1,
                )
            )
            or self.env["res.users"]
            .sudo()
            .search_count(
                [("email_normalized", "=", address), ("share", "=", False)], limit=1
            )
        )
