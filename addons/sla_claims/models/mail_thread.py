import logging

from odoo import api, models

from ..lib.mail_charsets import declare_missing_charset, repair_unknown_charsets

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_parse_extract_payload(
        self, message, message_dict, save_original=False
    ):
        """A part declaring a charset Python does not know (``charset=""``,
        ``unknown-8bit``, a typo) makes Odoo's parser fail and the mail is
        lost. Only then, and only for those parts, the charset is replaced by
        the one the bytes fit (UTF-8, else Latin-1); every mail Odoo reads
        today is read exactly as before.

        A single-part text mail without any charset is read the way Odoo
        already reads such parts of multipart mail, instead of as ASCII with
        every accented letter replaced."""
        declare_missing_charset(message)
        try:
            return super()._message_parse_extract_payload(
                message, message_dict, save_original=save_original
            )
        except LookupError:
            repaired = repair_unknown_charsets(message)
            if not repaired:
                raise
            _logger.info(
                "Read %s part(s) with an unknown charset of mail %s as UTF-8 or "
                "Latin-1",
                repaired,
                message_dict.get("message_id"),
            )
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
        Claim = self.env["sla.claim"]
        if not any(route[0] == Claim._name for route in routes):
            return routes
        return Claim._claim_routes(message, message_dict, routes)
