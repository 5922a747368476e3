"""Reading Odoo logs: any WARNING, ERROR or CRITICAL line fails a check.

Like OCA's checklog-odoo (which reads the logs of the test runs), with its
ignore list: checklog-odoo.cfg, every entry saying why the line is Odoo's own
noise and not something this suite may cause.
"""

import configparser
import os
import re

# One Odoo log record starts with: date time,ms pid LEVEL db logger: message
_RECORD = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|\?) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}

# The ignore list is the one of checklog-odoo, which reads the logs of the
# test runs: one list, each entry with its reason, for every Odoo log we read.
CONFIG = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "checklog-odoo.cfg",
)


def load_ignored(path=CONFIG):
    """The regular expressions of ``[checklog-odoo] ignore`` in ``path``."""
    parser = configparser.RawConfigParser()
    parser.read(path, encoding="utf-8")
    lines = parser.get("checklog-odoo", "ignore", fallback="").splitlines()
    return tuple(
        re.compile(line.strip(), re.MULTILINE)
        for line in lines
        if line.strip() and not line.strip().startswith("#")
    )


IGNORED = load_ignored()


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


def is_ignored(record, ignored=IGNORED):
    return any(pattern.search(record) for pattern in ignored)


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
        if level in BAD_LEVELS and not is_ignored(line, ignored):
            current = Problem(level, match["logger"], match["message"].rstrip())
            problems.append(current)
    return problems


def check_log_file(path, ignored=IGNORED):
    with open(path, encoding="utf-8", errors="replace") as log:
        return find_problems(log, ignored)
