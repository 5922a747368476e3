import re

from harness.logcheck import find_problems

INFO = (
    "2026-11-23 11:32:26,544 4253 INFO db odoo.modules.loading: loading 1 modules...\n"
)
WARN = "2026-11-23 11:32:26,544 4253 WARNING db odoo.models: Field x has no string\n"
ERROR = "2026-11-23 11:32:26,545 4253 ERROR db odoo.registry: Failed to load registry\n"
TRACE = ["Traceback (most recent call last):\n", "ValueError: boom\n"]


def test_a_clean_log_has_no_problem():
    assert find_problems([INFO, INFO]) == []


def test_warnings_and_errors_are_problems_with_their_traceback():
    problems = find_problems([INFO, WARN, ERROR, *TRACE, INFO])
    assert [(p.level, p.logger) for p in problems] == [
        ("WARNING", "odoo.models"),
        ("ERROR", "odoo.registry"),
    ]
    assert problems[1].details == [
        "Traceback (most recent call last):",
        "ValueError: boom",
    ]
    assert "ValueError: boom" in str(problems[1])


def test_a_line_without_a_database_name_still_counts():
    line = (
        "2026-11-23 11:31:55,562 4253 WARNING ? odoo.tools.config: "
        "missing --http-interface\n"
    )
    assert len(find_problems([line])) == 1


def test_only_listed_noise_is_ignored():
    noise = (
        "2026-11-23 11:31:56,314 4253 WARNING db odoo.modules.module: "
        "addons path is not a directory: __editable__.odoo-19.0.finder.__path_hook__\n"
    )
    other = (
        "2026-11-23 11:31:56,314 4253 WARNING db odoo.modules.module: "
        "addons path is not a directory: /mnt/missing\n"
    )
    assert find_problems([noise]) == []
    assert len(find_problems([other])) == 1


def test_custom_ignore_list_matches_logger_and_message():
    ignored = (re.compile(r"WARNING \S+ odoo\.models: Field x"),)
    assert find_problems([WARN], ignored) == []
    assert len(find_problems([ERROR], ignored)) == 1
