"""The multi-worker run: when it runs, how its mails are made, and that its
checks fail on each kind of damage concurrency could do (figures made up
here, in the shape workers_figures.py reads them)."""

import copy

from bench import workers_checks, workers_feed
from harness.cli import parse_args
from harness.logcheck import find_problems
from harness.workers_suite import FULL_MAILS, SMOKE_MAILS, plan

MEMBERS = [11, 12]
SINCE = "2026-12-05 06:00:00"


def options(*argv):
    return parse_args(list(argv))


def test_every_run_smokes_it_and_bench_runs_it_full():
    assert plan(options()) == ("multi-worker smoke", SMOKE_MAILS, None)
    assert plan(options("--bench")) == ("multi-worker run", FULL_MAILS, None)
    assert plan(options("--workers-mails", "50"))[1] == 50
    assert plan(options("--no-bench-smoke"))[1:] == (None, "--no-bench-smoke")
    assert plan(options("-k", "x"))[1] is None


def test_a_third_are_replies_and_known_clients_stay_under_the_loop_limit():
    assert sum(workers_feed.is_reply(i) for i in range(300)) == 100
    clients = [{"email": f"c{n}@x.example"} for n in range(2)]
    senders = [workers_feed.sender_of(i, clients, "r") for i in range(400)]
    known = [s for s in senders if s.endswith("@x.example")]
    assert max(known.count(c["email"]) for c in clients) == (
        workers_feed.KNOWN_PER_CLIENT
    )
    original = workers_feed.Delivery("<a@b.example>", 0, "c0@x.example", "Parcel")
    reply = workers_feed.reply_mail(5, original, "support@claims.example", "r")
    assert reply["In-Reply-To"] == reply["References"] == "<a@b.example>"
    assert reply["From"] == "c0@x.example"


def good():
    """Four mails: three new claims, one reply to the first."""
    deliveries = [
        {"message_id": f"<m{n}>", "answers": None, "claim_id": n, "error": None}
        for n in (1, 2, 3)
    ]
    deliveries.append(
        {"message_id": "<r1>", "answers": "<m1>", "claim_id": 1, "error": None}
    )
    figures = {
        "placed": {
            "<m1>": [["sla.claim", 1]],
            "<m2>": [["sla.claim", 2]],
            "<m3>": [["sla.claim", 3]],
            "<r1>": [["sla.claim", 1]],
        },
        "claims": [
            [1, "CLM/1", 11, 1, True, "at_risk", False],
            [2, "CLM/2", 12, 1, True, "breached", False],
            [3, "CLM/3", 11, 1, True, "running", False],
        ],
        "activities": [
            ["sla.claim", 1, "at risk", 11, 1],
            ["sla.claim", 2, "escalation", 10, 1],
        ],
        "digests": [
            [9, '<ul><li><a href="/odoo/sla.claim/1">CLM/1 x</a>: at risk</li></ul>']
        ],
        "partner_mails": [[40, "We miss you", 1]],
        "churn_events": [[41, 1, "lost", 1]],
        "profiles": 2,
        "profiles_scanned": 2,
        "scan_days": 1,
        "scans": [[40, 1, "2026-12-05", 1], [41, 1, "2026-12-05", 1]],
        "crons": [],
    }
    return deliveries, figures


def failing(deliveries, figures):
    checks = (
        workers_checks.mail_checks(deliveries, figures, MEMBERS)
        + workers_checks.sla_checks(figures)
        + workers_checks.retention_checks(figures)
    )
    return [name for name, ok, _details in checks if not ok]


def test_all_pass_on_a_clean_run():
    assert failing(*good()) == []


def damaged(change):
    deliveries, figures = copy.deepcopy(good())
    change(deliveries, figures)
    return failing(deliveries, figures)


def test_each_kind_of_damage_fails_its_check():
    def error(d, f):
        d[2]["error"] = "Fault 1: could not serialize access"

    def twice(d, f):
        f["placed"]["<m2>"].append(["sla.claim", 3])

    def duplicate_claim(d, f):
        f["placed"]["<m3>"] = [["sla.claim", 2]]
        d[2]["claim_id"] = 2

    def same_number(d, f):
        f["claims"][2][1] = "CLM/2"

    def reply_astray(d, f):
        f["placed"]["<r1>"] = [["sla.claim", 2]]
        d[3]["claim_id"] = 2

    def unbalanced(d, f):
        f["claims"][1][2] = 11

    def warned_twice(d, f):
        f["activities"][0][4] = 2

    def digest_twice(d, f):
        f["digests"].append(f["digests"][0])

    def left_due(d, f):
        f["claims"][0][6] = True

    def scanned_twice(d, f):
        f["scans"][0][3] = 2

    def lost_twice(d, f):
        f["churn_events"][0][3] = 2

    def mailed_twice(d, f):
        f["partner_mails"][0][2] = 2

    def nothing_late(d, f):
        f["claims"][1][5] = "at_risk"

    assert "no error returned to a feeder" in damaged(error)
    assert "every mail on exactly one claim" in damaged(twice)
    assert "one claim per original mail, none more" in damaged(duplicate_claim)
    assert "claim numbers unique" in damaged(same_number)
    assert "each reply on the claim of the mail it answers" in damaged(reply_astray)
    assert "assignment balanced within one claim per member" in damaged(unbalanced)
    assert "SLA check: no claim warned or escalated twice" in damaged(warned_twice)
    assert "SLA check: no claim twice in the digests" in damaged(digest_twice)
    assert "SLA check: no claim left due" in damaged(left_due)
    assert "retention scan: every profile scanned, once" in damaged(scanned_twice)
    assert "retention scan: no churn event twice" in damaged(lost_twice)
    assert "retention scan: no activity or mail twice" in damaged(mailed_twice)
    assert (
        "SLA check had work (claims at risk and late: warnings, escalations)"
        in damaged(nothing_late)
    )


def test_only_the_expected_noise_passes_in_the_servers_logs():
    stamp = "2026-12-05 06:00:00,000 42"
    lines = [
        (
            f"{stamp} WARNING db odoo.addons.rpc.controllers.xmlrpc: The /xmlrpc "
            "endpoints are deprecated in Odoo 19"
        ),
        f"{stamp} ERROR db odoo.sql_db: bad query: UPDATE sla_claim",
        "ERROR: could not serialize access due to concurrent update",
        f"{stamp} WARNING db odoo.http: Job 'SLA' already executing",
        f"{stamp} ERROR db odoo.sql_db: bad query: INSERT INTO mail_followers",
        'ERROR: duplicate key value violates unique constraint "uniq"',
        f"{stamp} ERROR db odoo.addons.mail.models.mail_mail: failed sending mail",
    ]
    problems = find_problems(lines, ignored=())
    assert [p.message[:22] for p in workers_checks.unexpected(problems, False)] == [
        "Job 'SLA' already exec",
        "bad query: INSERT INTO",
        "failed sending mail",
    ]
    assert [p.message for p in workers_checks.unexpected(problems, True)] == [
        "failed sending mail"
    ]
