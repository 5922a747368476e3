"""Reading mail parts that declare a charset Python does not know.

Mailers write empty charsets (``charset=""``), placeholders such as
``unknown-8bit`` and plain typos. Python's mail parser then refuses the part
and the whole mail would be lost. Such a part is read as UTF-8 when its bytes
are valid UTF-8 (most mail today), else as Latin-1, which decodes any byte.
"""

import codecs
from email.utils import collapse_rfc2231_value

FALLBACK = "latin-1"


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
        payload = part.get_payload(decode=True) or b""
        try:
            payload.decode("utf-8")
            charset = "utf-8"
        except UnicodeDecodeError:
            charset = FALLBACK
        _set_charset(part, charset)
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
