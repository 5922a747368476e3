"""Reading Odoo logs: any WARNING, ERROR or CRITICAL line fails a check.

Like OCA's checklog-odoo, with an explicit ignore list; every entry says why
the line is Odoo's own noise and not something this suite may cause.
"""

import re

# One Odoo log record starts with: date time,ms pid LEVEL db logger: message
_RECORD = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|\?) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}

# (logger, message pattern, reason). Patterns match the start of the message.
IGNORED = (
    (
        "odoo.modules.module",
        r"addons path is not a directory: __editable__\.",
        (
            "An editable pip install of Odoo puts a path hook into odoo.addons; "
            "Odoo logs it on every start, whatever modules are installed."
        ),
    ),
)


class Problem:
    """A bad log record and the lines that belong to it (its traceback)."""

    def __init__(self, level, logger, message):
        self.level = level
        self.logger = logger
        self.message = message
        self.details = []

    def __str__(self):
        text = f"{self.level} {self.logger}: {self.message}"
        if self.details:
            text += "\n" + "\n".join(self.details[-15:])
        return text


def is_ignored(logger, message, ignored=IGNORED):
    return any(
        logger == ign_logger and re.match(pattern, message)
        for ign_logger, pattern, _reason in ignored
    )


def find_problems(lines, ignored=IGNORED):
    """Return the WARNING/ERROR/CRITICAL records of ``lines`` not ignored."""
    problems = []
    current = None
    for raw in lines:
        line = raw.rstrip("\n")
        match = _RECORD.match(line)
        if not match:
            # continuation of the previous record (traceback, multi-line message)
            if current is not None:
                current.details.append(line)
            continue
        current = None
        level = match["level"]
        if level in BAD_LEVELS and not is_ignored(
            match["logger"], match["message"], ignored
        ):
            current = Problem(level, match["logger"], match["message"].rstrip())
            problems.append(current)
    return problems


def check_log_file(path, ignored=IGNORED):
    with open(path, encoding="utf-8", errors="replace") as log:
        return find_problems(log, ignored)
