import codecs
import logging

from odoo import api, models

from ..lib.mail_filters import automatic_reason, claim_number_in, sequence_prefix

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_parse_extract_payload(
        self, message, message_dict, save_original=False
    ):
        """A part declaring a charset Python does not know (``unknown-8bit``,
        a typo) made the whole gateway fail: read such parts as Latin-1, which
        decodes any byte, rather than lose the mail."""
        try:
            return super()._message_parse_extract_payload(
                message, message_dict, save_original=save_original
            )
        except LookupError:
            for part in message.walk():
                charset = part.get_param("charset")
                if isinstance(charset, str):
                    try:
                        codecs.lookup(charset)
                    except LookupError:
                        part.set_param("charset", "latin-1")
            return super()._message_parse_extract_payload(
                message, message_dict, save_original=save_original
            )

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        if not any(route[0] == "sla.claim" for route in routes):
            return routes
        reason = automatic_reason(message, message_dict.get("email_from"))
        if reason:
            # neither a new claim nor a reply: an out-of-office answer must
            # not resume a paused claim nor be acknowledged
            _logger.info(
                "Ignored %s mail from %s (Message-Id %s) for claims",
                reason,
                message_dict.get("email_from"),
                message_dict.get("message_id"),
            )
            return [route for route in routes if route[0] != "sla.claim"]
        return [self._sla_route_by_number(route, message_dict) for route in routes]

    @api.model
    def _sla_route_by_number(self, route, message_dict):
        """A reply whose mailer dropped the threading headers still quotes the
        claim number in its subject: thread it into that claim when the
        sender is the claim's customer or follower."""
        model, thread_id = route[0], route[1]
        sequence = (
            self.env["ir.sequence"].sudo().search([("code", "=", "sla.claim")], limit=1)
        )
        number = claim_number_in(
            message_dict.get("subject"), sequence_prefix(sequence.prefix)
        )
        if model != "sla.claim" or thread_id or not number:
            return route
        claim = self.env["sla.claim"].sudo().search([("number", "=", number)], limit=1)
        sender = (message_dict.get("email_from") or "").lower()
        known = claim.message_partner_ids.mapped("email_normalized") + [
            (claim.email_from or "").lower()
        ]
        if claim and any(email and email in sender for email in known):
            return (model, claim.id, route[2], route[3], route[4])
        return route
