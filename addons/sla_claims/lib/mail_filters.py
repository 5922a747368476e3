"""Which incoming mails are written by a machine, not by a customer.

Such mails (out-of-office and other auto-replies, delivery failures, mailing
lists and bulk mail) must neither open a claim nor be acknowledged: two
auto-responders would otherwise answer each other forever (RFC 3834).
"""

import re

_DAEMON_SENDERS = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)
_BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_AUTOREPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
_LIST_HEADERS = ("List-Id", "List-Unsubscribe")


def automatic_reason(headers, email_from=""):
    """Why a mail is automatic ('auto-reply', 'bounce', 'bulk'), or None.

    ``headers`` is any mapping with case-insensitive ``get`` (an
    ``email.message.Message`` is one); ``email_from`` the sender's address.
    """
    auto_submitted = (headers.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return "auto-reply"
    if any(headers.get(name) for name in _AUTOREPLY_HEADERS):
        return "auto-reply"
    if (headers.get("Return-Path") or "").strip() == "<>":
        return "bounce"
    address = re.sub(r"^.*<|>.*$", "", email_from or "").strip()
    if _DAEMON_SENDERS.match(address):
        return "bounce"
    if (headers.get("Precedence") or "").strip().lower() in _BULK_PRECEDENCE:
        return "bulk"
    if any(headers.get(name) for name in _LIST_HEADERS):
        return "bulk"
    return None


def claim_number_in(subject, prefix="CLM/"):
    """The claim number a subject quotes, or None.

    ``prefix`` is the fixed start of the numbers (``CLM/`` for
    ``CLM/2026/00012``); the number runs on to its last digit.
    """
    if not prefix:
        return None
    match = re.search(re.escape(prefix) + r"[\w/.-]*\d", subject or "")
    return match.group(0) if match else None


def sequence_prefix(prefix_template):
    """The fixed start of an ir.sequence prefix: ``CLM/%(year)s/`` -> ``CLM/``."""
    return (prefix_template or "").split("%(", 1)[0]
