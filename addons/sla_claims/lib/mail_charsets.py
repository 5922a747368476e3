"""Reading mail parts that declare a charset Python does not know.

Mailers write empty charsets (``charset=""``), placeholders such as
``unknown-8bit`` and plain typos. Python's mail parser then refuses the part
and the whole mail would be lost. Such a part is read as UTF-8 when its bytes
are valid UTF-8 (most mail today), else as Latin-1, which decodes any byte.
"""

import codecs
from email.utils import collapse_rfc2231_value

FALLBACK = "latin-1"


def fitting_charset(payload):
    """UTF-8 when ``payload`` (bytes) is valid UTF-8, else Latin-1."""
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return FALLBACK
    return "utf-8"


def declare_missing_charset(message):
    """A single-part text mail without a charset but with 8-bit bytes: give it
    the charset its bytes fit. Python would read it as ASCII and replace every
    such byte; Odoo already assumes UTF-8 for the parts of a multipart mail.
    Returns whether the mail was changed."""
    if message.is_multipart() or message.get_content_maintype() != "text":
        return False
    if message.get_param("charset") is not None:
        return False
    payload = message.get_payload(decode=True) or b""
    if payload.isascii():
        return False
    _set_charset(message, fitting_charset(payload))
    return True


def is_known_charset(name):
    if not name:
        return False
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def repair_unknown_charsets(message):
    """Give every text part of ``message`` with an unknown charset the one its
    bytes fit; return how many parts were changed. Parts with a known charset
    or none at all are left as they are."""
    repaired = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        declared = part.get_param("charset")
        if declared is None:
            continue
        declared = collapse_rfc2231_value(declared).strip()
        if is_known_charset(declared):
            continue
        _set_charset(part, fitting_charset(part.get_payload(decode=True) or b""))
        repaired += 1
    return repaired


def _set_charset(part, charset):
    """Rewrite the part's Content-Type with ``charset``, keeping its other
    parameters: ``set_param`` cannot replace an empty value (``charset=""``)."""
    others = [
        (name, collapse_rfc2231_value(value))
        for name, value in (part.get_params() or [])[1:]
        if name.lower() != "charset"
    ]
    part.replace_header("Content-Type", part.get_content_type())
    for name, value in others:
        part.set_param(name, value)
    part.set_param("charset", charset)
