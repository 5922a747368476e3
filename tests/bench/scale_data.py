"""The large benchmark's data beside the invoices of retention_data.py:
contacts of the client companies, claims over 5 teams and 3 working
calendars with public holidays, offboarding cases and a year of quarterly
document inventories.

As in retention_data.py, Odoo makes the first rows (calendars, holidays,
users, teams, policies, a few claims and inventories, every offboarding
case); the many others are copies of those rows written in SQL
(retention_rows.clone), each with its own ids, client, names and dates.
Run after the first scan: the clients' retention states decide who gets
inventories (not lost) and offboarding cases (lost).
"""

import time
from datetime import datetime

from bench import retention_rows, retention_templates, scale_offboarding

from odoo import Command
from odoo.tests import new_test_user

TEAMS = 5
CALENDARS = (("Europe/Moscow", 0), ("Europe/Sofia", 1), ("Europe/Berlin", 2))
MEMBERS_PER_TEAM = 3
CLOSED_SHARE = 7  # of 10 claims
BREACHED_SHARE = 1  # of 10 closed claims
CLIENT_COMPANIES = (
    "client_retention_profile prof JOIN res_partner p ON p.id = prof.partner_id"
)
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def _holidays(env, calendar, shift, today):
    """Eight public holidays a year, from three years back to next year."""
    Leave = env["resource.calendar.leaves"]
    days = ((1, 1), (1, 7), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4), (12, 31))
    Leave.create(
        [
            {
                "name": f"Holiday {month}/{day + shift}",
                "calendar_id": calendar.id,
                "resource_id": False,
                "date_from": datetime(year, month, min(day + shift, 28), 0, 0),
                "date_to": datetime(year, month, min(day + shift, 28), 23, 59),
            }
            for year in range(today.year - 3, today.year + 2)
            for month, day in days
        ]
    )


def teams(env, today):
    """5 teams on 3 calendars, each with members and a policy."""
    standard = env.ref("resource.resource_calendar_std")
    calendars = []
    for tz, shift in CALENDARS:
        calendar = standard.copy({"name": f"Bench {tz}", "tz": tz})
        _holidays(env, calendar, shift, today)
        calendars.append(calendar)
    made = []
    for index in range(TEAMS):
        members = [
            new_test_user(
                env,
                login=f"bench_team{index}_agent{k}",
                groups="sla_claims.group_claims_user",
            )
            for k in range(MEMBERS_PER_TEAM)
        ]
        team = env["sla.claim.team"].create(
            {
                "name": f"Bench team {index}",
                "leader_id": members[0].id,
                "member_ids": [Command.set([m.id for m in members])],
                "resource_calendar_id": calendars[index % len(calendars)].id,
                "alias_name": f"bench-claims-{index}",
            }
        )
        env["sla.policy"].create(
            {
                "name": f"Bench policy {index}",
                "team_id": team.id,
                "response_hours": 4,
                "resolution_hours": 16,
                "escalation_rule_ids": [
                    Command.create(
                        {"level": 1, "trigger": "at_breach", "action": "notify_leader"}
                    )
                ],
            }
        )
        made.append((team, members))
    return made


def _seed_claims(env, made, client_id):
    """Per team an open claim and a closed one, made by Odoo."""
    closed_stage = env["sla.claim.stage"].search([("is_closed", "=", True)], limit=1)
    Claim = env["sla.claim"].with_context(**QUIET)
    seeds = []
    for team, members in made:
        opened, closed = Claim.create(
            [
                {"name": "Seed", "team_id": team.id, "partner_id": client_id},
                {"name": "Seed", "team_id": team.id, "partner_id": client_id},
            ]
        )
        closed.write({"stage_id": closed_stage.id})
        seeds.append((team.id, [m.id for m in members], opened.id, closed.id))
    env.flush_all()
    return seeds


def claims(env, made, total):
    """``total`` claims, 70 % closed over three years, the open ones
    started in the last two hours with their first warning ahead: nothing
    is due for the SLA check until the benchmark makes it so."""
    cr = env.cr
    cr.execute(
        "SELECT array_agg(partner_id ORDER BY partner_id) FROM client_retention_profile"
    )
    partners = cr.fetchone()[0]
    seeds = _seed_claims(env, made, partners[0])
    retention_templates.store_templates(
        cr,
        {
            f"claim{claim}": (
                "sla_claim",
                retention_templates.read_row(cr, "sla_claim", claim),
            )
            for seed in seeds
            for claim in seed[2:]
        },
    )
    cr.execute(
        """CREATE TEMP TABLE bn_claim AS
           SELECT g, g %% %(teams)s AS team,
                  g %% 10 < %(closed)s AS closed,
                  g %% 100 < %(breached)s AS breached,
                  (%(partners)s::int[])[1 + (g * 7919) %% %(count)s] AS partner_id,
                  nextval('sla_claim_id_seq') AS id,
                  CASE WHEN g %% 10 < %(closed)s
                       THEN now() at time zone 'UTC' - interval '1 day' * (g %% 1095)
                            - interval '1 hour' * (g %% 9)
                       ELSE now() at time zone 'UTC' - interval '1 minute' * (g %% 120)
                  END AS start
             FROM generate_series(1, %(total)s) g""",
        {
            "teams": len(seeds),
            "closed": CLOSED_SHARE,
            "breached": BREACHED_SHARE * 10,
            "partners": partners,
            "count": len(partners),
            "total": total,
        },
    )
    cr.execute(
        "CREATE TEMP TABLE bn_team "
        "(idx int, members int[], open_tpl int, closed_tpl int)"
    )
    for index, (_team_id, members, opened, closed) in enumerate(seeds):
        cr.execute(
            "INSERT INTO bn_team VALUES (%s, %s, %s, %s)",
            [index, members, opened, closed],
        )
    ahead = "(now() at time zone 'UTC' + interval '1 hour' * (1 + c.g % 72))"
    common = {
        "id": "c.id",
        "number": "'BN/' || lpad(c.g::text, 7, '0')",
        "name": "'Claim ' || c.g",
        "partner_id": "c.partner_id",
        "commercial_partner_id": "c.partner_id",
        "user_id": "t.members[1 + c.g % array_length(t.members, 1)]",
        "access_token": "md5(c.g::text || random()::text)",
        "sla_start_date": "c.start",
        "create_date": "c.start",
    }
    source = "bn_claim c JOIN bn_team t ON t.idx = c.team"
    selects = []
    for index, (_team_id, _members, opened, closed) in enumerate(seeds):
        selects.append(
            (
                closed,
                dict(
                    common,
                    response_at_risk_date="c.start + interval '3 hours'",
                    response_deadline="c.start + interval '4 hours'",
                    first_response_date="c.start + interval '2 hours'",
                    resolution_at_risk_date="c.start + interval '1 day'",
                    resolution_deadline="c.start + interval '2 days'",
                    resolved_date="c.start + CASE WHEN c.breached "
                    "THEN interval '3 days' ELSE interval '20 hours' END",
                    write_date="c.start + interval '1 day'",
                    sla_response_state="'met'",
                    sla_resolution_state="CASE WHEN c.breached THEN 'breached' "
                    "ELSE 'met' END",
                    sla_next_check="NULL::timestamp",
                ),
                source,
                f"c.team = {index} AND c.closed",
            )
        )
        selects.append(
            (
                opened,
                dict(
                    common,
                    response_at_risk_date=ahead,
                    response_deadline=f"{ahead} + interval '1 hour'",
                    resolution_at_risk_date=f"{ahead} + interval '1 day'",
                    resolution_deadline=f"{ahead} + interval '2 days'",
                    sla_next_check=ahead,
                    write_date="c.start",
                    sla_response_state="'running'",
                    sla_resolution_state="'running'",
                ),
                source,
                f"c.team = {index} AND NOT c.closed",
            )
        )
    return retention_rows.clone(cr, "sla_claim", selects)


def contacts(env):
    """A contact person for every client company, a copy of one Odoo made."""
    cr = env.cr
    cr.execute("SELECT min(partner_id) FROM client_retention_profile")
    first = cr.fetchone()[0]
    contact = env["res.partner"].create(
        {"name": "Contact", "parent_id": first, "email": "contact@bench.example"}
    )
    env.flush_all()
    retention_templates.store_templates(
        cr,
        {
            "contact": (
                "res_partner",
                retention_templates.read_row(cr, "res_partner", contact.id),
            )
        },
    )
    return retention_rows.clone(
        cr,
        "res_partner",
        [
            (
                contact.id,
                {
                    "id": "nextval('res_partner_id_seq')",
                    "parent_id": "p.id",
                    "commercial_partner_id": "p.id",
                    "name": "'Contact of ' || p.name",
                    "complete_name": "p.name || ', Contact of ' || p.name",
                    "commercial_company_name": "p.name",
                    "email": "'contact' || p.id || '@bench.example'",
                    "email_normalized": "'contact' || p.id || '@bench.example'",
                    "user_id": "p.user_id",
                },
                CLIENT_COMPANIES,
                f"p.id <> {first}",
            )
        ],
    )


def build(env, today, claim_count, case_count):
    """Everything above; returns what was written and how long it took."""
    steps, written = {}, {}
    started = time.perf_counter()
    for name, function, args in (
        ("contacts", contacts, (env,)),
        ("claims", lambda e, t: claims(e, teams(e, t), claim_count), (env, today)),
        ("offboarding cases", scale_offboarding.offboarding_cases, (env, case_count)),
        ("inventories", scale_offboarding.inventories, (env, today)),
    ):
        mark = time.perf_counter()
        made = function(*args)
        written.update(made if isinstance(made, dict) else {name: made})
        steps[name] = time.perf_counter() - mark
    env.cr.commit()
    return {
        "written": written,
        "steps_seconds": steps,
        "seconds": time.perf_counter() - started,
    }
