"""The verdicts of the multi-worker run, from what the feeders got back and
what the database holds afterwards (workers_figures.py). Standard library
only: the harness runs it, and tests/unit tests it on made-up figures.

Each check is ``(name, ok, details)``; details say what broke.
"""

import re
from collections import Counter

DIGEST_LINE = re.compile(r'<li><a href="/odoo/sla\.claim/(\d+)">.*?</a>: (.*?)</li>')
AT_RISK_AND_LATE = ("at_risk", "breached")
SHOWN = 5  # examples shown per broken check
CONFLICTS = (
    "could not serialize access",
    "duplicate key value violates unique constraint",
)


def _check(name, broken, total=None):
    """A check that passes when ``broken`` (examples) is empty."""
    details = [str(example) for example in broken[:SHOWN]]
    if broken and total is not None:
        details.insert(0, f"{len(broken)} of {total}")
    return name, not broken, details


def mail_checks(deliveries, figures, member_ids):
    """``deliveries``: ``[{message_id, answers, claim_id, error}]``."""
    placed = figures["placed"]
    claims = {row[0]: row for row in figures["claims"]}
    checks = [
        _check(
            "no error returned to a feeder",
            [f"{d['message_id']}: {d['error']}" for d in deliveries if d["error"]],
            len(deliveries),
        )
    ]
    where = {}
    misplaced = []
    for delivery in deliveries:
        rows = placed.get(delivery["message_id"], [])
        if len(rows) != 1 or rows[0][0] != "sla.claim" or rows[0][1] not in claims:
            misplaced.append(f"{delivery['message_id']} on {rows}")
        elif delivery["claim_id"] not in (None, rows[0][1]):
            misplaced.append(
                f"{delivery['message_id']} on claim {rows[0][1]}, the gateway "
                f"said {delivery['claim_id']}"
            )
        else:
            where[delivery["message_id"]] = rows[0][1]
    checks.append(_check("every mail on exactly one claim", misplaced, len(deliveries)))
    originals = [d for d in deliveries if not d["answers"]]
    per_claim = Counter(where.get(d["message_id"]) for d in originals)
    doubled = [f"claim {c}: {n} original mails" for c, n in per_claim.items() if n > 1]
    extra = sorted(set(claims) - set(per_claim))
    if extra:
        doubled.append(f"claims of no original mail: {extra[:SHOWN]}")
    checks.append(_check("one claim per original mail, none more", doubled))
    numbers = Counter(row[1] for row in claims.values())
    checks.append(
        _check(
            "claim numbers unique",
            [f"{n!r} x{c}" for n, c in numbers.items() if c > 1 or not n or n == "New"],
        )
    )
    replies = [d for d in deliveries if d["answers"]]
    astray = [
        f"{d['message_id']} on {where.get(d['message_id'])}, answers "
        f"{d['answers']} on {where.get(d['answers'])}"
        for d in replies
        if where.get(d["message_id"]) is None
        or where.get(d["message_id"]) != where.get(d["answers"])
    ]
    checks.append(
        _check("each reply on the claim of the mail it answers", astray, len(replies))
    )
    load = member_load(figures, member_ids)
    outsiders = [row[0] for row in claims.values() if row[2] not in member_ids]
    unbalanced = [f"claims of non-members: {outsiders[:SHOWN]}"] if outsiders else []
    if load and max(load.values()) - min(load.values()) > 1:
        unbalanced.append(f"open claims per member: {load}")
    checks.append(_check("assignment balanced within one claim per member", unbalanced))
    return checks


def member_load(figures, member_ids):
    """Open claims per member (user id -> count)."""
    load = dict.fromkeys(member_ids, 0)
    for _id, _number, user_id, _team, is_open, *_rest in figures["claims"]:
        if is_open and user_id in load:
            load[user_id] += 1
    return load


def digest_lines(figures):
    """``[(claim id, text)]`` of every digest mail of the SLA check."""
    return [
        (int(claim), text)
        for _id, body in figures["digests"]
        for claim, text in DIGEST_LINE.findall(body or "")
    ]


def sla_checks(figures):
    claims = figures["claims"]
    states = Counter(row[5] for row in claims)
    activities = Counter()
    for model, res_id, summary, _user, count in figures["activities"]:
        if model == "sla.claim":
            activities[res_id, summary] += count
    lines = Counter(digest_lines(figures))
    return [
        _check(
            "SLA check had work (claims at risk and late: warnings, escalations)",
            []
            if all(states[state] for state in AT_RISK_AND_LATE) and activities
            else [f"response states {dict(states)}, {len(activities)} activities"],
        ),
        _check(
            "SLA check: no claim warned or escalated twice",
            [f"claim {k[0]}: {k[1]!r} x{n}" for k, n in activities.items() if n > 1],
            len(activities),
        ),
        _check(
            "SLA check: no claim twice in the digests",
            [f"claim {k[0]}: {k[1]!r} x{n}" for k, n in lines.items() if n > 1],
            len(lines),
        ),
        _check(
            "SLA check: no claim left due",
            [row[0] for row in claims if row[6]],
            len(claims),
        ),
    ]


def retention_checks(figures):
    scans = figures["scans"]
    twice = [f"partner {p}, {day}: {n} scans" for p, _c, day, n in scans if n != 1]
    if not figures["profiles"] or figures["profiles_scanned"] != figures["profiles"]:
        twice.append(
            f"{figures['profiles_scanned']} of {figures['profiles']} profiles scanned"
        )
    if len(scans) != figures["profiles"] or figures["scan_days"] != 1:
        twice.append(f"{len(scans)} scans logged over {figures['scan_days']} days")
    events = figures["churn_events"]
    doubled = [f"partner {p}: {n} {state}" for p, _c, state, n in events if n > 1]
    if not events:
        doubled.append("no churn event: the scan found no silent leave")
    effects = Counter()
    for model, res_id, summary, _user, count in figures["activities"]:
        if model == "res.partner":
            effects[res_id, summary] += count
    for res_id, subject, count in figures["partner_mails"]:
        effects[res_id, subject] += count
    return [
        _check("retention scan: every profile scanned, once", twice),
        _check("retention scan: no churn event twice", doubled, len(events)),
        _check(
            "retention scan: no activity or mail twice",
            [f"partner {k[0]}: {k[1]!r} x{n}" for k, n in effects.items() if n > 1],
            len(effects),
        ),
    ]


def unexpected(problems, jobs_phase):
    """The warnings and errors (harness.logcheck problems) of a server's log
    that are not the run's expected noise:

    - odoo-mailgate's protocol (XML-RPC) is announced for removal;
    - a transaction that lost a serialization conflict is logged, then
      retried (a feeder's call) or rolled back whole (a job's run);
    - while the jobs run (``jobs_phase``): "Run Manually" refused because the
      other server runs that row (Odoo's lock), and the failure of a run
      that met another run of the same job on the same records (a
      serialization conflict or a unique key both inserted), rolled back
      whole: the counts show that nothing was done twice or left undone.
    """
    found = []
    for problem in problems:
        whole = "\n".join([problem.message, *problem.details])
        if (
            problem.logger == "odoo.addons.rpc.controllers.xmlrpc"
            and "deprecated" in problem.message
        ) or CONFLICTS[0] in whole:
            continue
        if jobs_phase and (
            (problem.logger == "odoo.http" and "already executing" in whole)
            or any(conflict in whole for conflict in CONFLICTS)
        ):
            continue
        found.append(problem)
    return found


def latency(deliveries):
    """(median, 95th percentile, max) seconds of the gateway calls."""
    times = sorted(d["seconds"] for d in deliveries)
    if not times:
        return 0.0, 0.0, 0.0
    return (
        times[len(times) // 2],
        times[min(len(times) - 1, int(len(times) * 0.95))],
        times[-1],
    )
