"""The offboarding case's states and what each button needs.

``client`` cases pass a retention step (an offer made and its outcome
recorded) before notice is accepted, in the retention state or in one sitting
on the draft; ``company`` cases go straight to notice.
Every check returns a problem code, or ``None`` when the step may be taken.
"""

DRAFT, RETENTION, NOTICE, HANDOVER = "draft", "retention", "notice", "handover"
DONE, RETAINED, CANCELLED = "done", "retained", "cancelled"

STATES = (DRAFT, RETENTION, NOTICE, HANDOVER, DONE, RETAINED, CANCELLED)
OPEN_STATES = (DRAFT, RETENTION, NOTICE, HANDOVER)
CLOSED_STATES = (DONE, RETAINED, CANCELLED)

# Problem codes
WRONG_STATE = "wrong_state"
COMPANY_SKIPS_RETENTION = "company_skips_retention"
RETENTION_FIRST = "retention_first"
OFFER_MISSING = "offer_missing"
OUTCOME_MISSING = "outcome_missing"
OUTCOME_RETAINED = "outcome_retained"
DOCUMENTS_PENDING = "documents_pending"
EXCEPTION_UNNOTED = "exception_unnoted"
INVOICE_UNJUSTIFIED = "invoice_unjustified"

# What each button needs the case to be in
SOURCES = {
    "start_retention": (DRAFT,),
    "retained": (DRAFT, RETENTION),
    "accept_notice": (DRAFT, RETENTION),
    "start_handover": (NOTICE,),
    "done": (HANDOVER,),
    "cancel": OPEN_STATES,
}
TARGETS = {
    "start_retention": RETENTION,
    "retained": RETAINED,
    "accept_notice": NOTICE,
    "start_handover": HANDOVER,
    "done": DONE,
    "cancel": CANCELLED,
}

# Handover states of a document line
TO_PREPARE, READY, HANDED_OVER = "to_prepare", "ready", "handed_over"
MISSING, KEPT_BY_LAW = "missing", "kept_by_law"
EXCEPTIONS = (MISSING, KEPT_BY_LAW)


def check_step(step, state, initiated_by, offer=None, outcome=None):
    """Why ``step`` cannot be taken now (a problem code), or ``None``."""
    if state not in SOURCES[step]:
        return WRONG_STATE
    if step == "start_retention" and initiated_by == "company":
        return COMPANY_SKIPS_RETENTION
    has_offer = bool((offer or "").strip())
    if step == "retained":
        if initiated_by == "company":
            return COMPANY_SKIPS_RETENTION
        return None if has_offer else OFFER_MISSING
    if step == "accept_notice" and initiated_by == "client":
        # the retention step may happen in one sitting: offer and outcome
        # recorded on the draft are enough
        if not has_offer:
            return RETENTION_FIRST if state == DRAFT else OFFER_MISSING
        if not outcome:
            return OUTCOME_MISSING
        if outcome == "retained":
            return OUTCOME_RETAINED
    return None


def handover_problems(lines):
    """Mandatory documents blocking the end of a handover.

    ``lines`` are ``(name, mandatory, handover_state, note)`` tuples. Returns
    ``(code, names)`` pairs: mandatory documents not handed over, and
    exceptions (missing, kept by law) without a note saying why.
    """
    pending, unnoted = [], []
    for name, mandatory, state, note in lines:
        has_note = bool((note or "").strip())
        if state in EXCEPTIONS:
            if not has_note:
                unnoted.append(name)
        elif mandatory and state != HANDED_OVER:
            pending.append(name)
    problems = []
    if pending:
        problems.append((DOCUMENTS_PENDING, pending))
    if unnoted:
        problems.append((EXCEPTION_UNNOTED, unnoted))
    return problems


def unjustified(invoices):
    """Names of invoices (``(name, justification)``) nobody justified."""
    return [name for name, note in invoices if not (note or "").strip()]


def save_rate(retained, left):
    """Retained ÷ (retained + client-initiated cases done) × 100, or ``None``."""
    total = retained + left
    if not total:
        return None
    return round(retained * 100.0 / total, 1)
