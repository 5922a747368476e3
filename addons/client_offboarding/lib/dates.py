"""Contract dates of an offboarding case: last service day, handover deadline.

The contract fixes a notice period (days from the client's notice to the last
day of service) and a handover period (days after that within which every
document goes to the client or its successor). Both dates follow from the
request date; a user may move them, but only with a written reason, and an end
date inside the notice period needs that reason explicitly.
"""

from datetime import date, timedelta

# Problems found by ``date_problems``; the ORM turns each into a message.
END_BEFORE_REQUEST = "end_before_request"
END_INSIDE_NOTICE = "end_inside_notice"
DATES_CHANGED = "dates_changed"
HANDOVER_BEFORE_END = "handover_before_end"
NEGATIVE_PERIOD = "negative_period"


def end_date(request_date, notice_days):
    """The last day of service: the request date plus the notice period."""
    if not request_date:
        return None
    return request_date + timedelta(days=max(notice_days or 0, 0))


def handover_deadline(end, handover_days):
    """The day by which every document is handed over."""
    if not end:
        return None
    return end + timedelta(days=max(handover_days or 0, 0))


def date_problems(
    request_date,
    notice_days,
    handover_days,
    end,
    deadline,
    override_note,
):
    """What is wrong with a case's dates, as a list of problem codes.

    ``override_note`` is the reason a user gave for moving a date away from
    the contract: an end date inside the notice period, or any moved date,
    needs one.
    """
    problems = []
    if (notice_days or 0) < 0 or (handover_days or 0) < 0:
        problems.append(NEGATIVE_PERIOD)
    if not request_date or not end:
        return problems
    has_note = bool((override_note or "").strip())
    if end < request_date:
        problems.append(END_BEFORE_REQUEST)
    elif end < end_date(request_date, notice_days) and not has_note:
        problems.append(END_INSIDE_NOTICE)
    if deadline and deadline < end:
        problems.append(HANDOVER_BEFORE_END)
    if not has_note and END_INSIDE_NOTICE not in problems:
        moved_end = end != end_date(request_date, notice_days)
        moved_deadline = deadline and deadline != handover_deadline(end, handover_days)
        if moved_end or moved_deadline:
            problems.append(DATES_CHANGED)
    return problems


def days_left(day, today):
    """Days from ``today`` to ``day`` (negative once passed)."""
    return (day - today).days if day else None


# ------------------------------------------------------------ quarters


def quarter_of(day):
    """1 to 4."""
    return (day.month - 1) // 3 + 1


def period_label(day):
    """The inventory period of a day, e.g. ``2026-Q3``."""
    return f"{day.year}-Q{quarter_of(day)}"


def quarter_bounds(day):
    """First and last day of the quarter holding ``day``."""
    first_month = 3 * (quarter_of(day) - 1) + 1
    start = date(day.year, first_month, 1)
    if first_month == 10:
        end = date(day.year, 12, 31)
    else:
        end = date(day.year, first_month + 3, 1) - timedelta(days=1)
    return start, end


def add_months(day, months):
    """``day`` moved by whole months, kept inside the target month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        if day.day <= candidate:
            try:
                return date(year, month, min(day.day, candidate))
            except ValueError:
                continue
    return date(year, month, 28)  # pragma: no cover


MAX_FOLLOWUP_MONTHS = 120  # ten years: later, nobody remembers the client


def parse_months(text):
    """Follow-up delays typed in Settings ("3, 6, 12") as sorted unique ints.

    Raises ``ValueError`` on anything that is not a whole number of months
    from 1 to ``MAX_FOLLOWUP_MONTHS``.
    """
    months = set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        value = int(part)
        if not 0 < value <= MAX_FOLLOWUP_MONTHS:
            raise ValueError(part)
        months.add(value)
    return sorted(months)
