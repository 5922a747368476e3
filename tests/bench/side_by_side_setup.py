"""The three systems of the side-by-side benchmark, set up alike: one
working calendar, the same users, customers and mails, one alias domain.

- claims: sla_claims' team (alias ``claims``) with members, an SLA policy
  (4 working hours response, 16 resolution, the leader notified at the
  breach) and its own acknowledgement; a second team (alias
  ``claims-no-sla``) without any policy.
- oca: OCA helpdesk_mgmt + helpdesk_mgmt_sla, a team (alias ``helpdesk``)
  with SLAs of 4 hours to "In Progress" and 16 to "Done" on the same
  calendar, and an acknowledgement: the first stage sends a template with
  the ticket number (helpdesk_mgmt sends a stage's template when a ticket
  enters it, `_track_template` on stage_id); a second team (alias
  ``helpdesk-no-sla``) without SLA. The second teams differ from the first
  by their SLA only: the same members, calendar, alias domain.
- crm: Odoo's crm.lead through a crm.team alias ``leads``.
"""

from email.message import EmailMessage
from email.utils import format_datetime

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import SQL

DOMAIN = "bench.example"
ALIASES = {"claims": "claims", "oca": "helpdesk", "crm": "leads"}
MODELS = {"claims": "sla.claim", "oca": "helpdesk.ticket", "crm": "crm.lead"}
BODY = (
    "<p>Hello,</p><p>order {i} arrived today and two of the parts are "
    "broken. Please send replacements or refund the order.</p><p>Customer {c}</p>"
)
OCA_ACK = """<div>
    <p>Hello <t t-out="object.partner_id.name or ''"/>,</p>
    <p>We have received your ticket <strong t-out="object.number"/>
    “<t t-out="object.name"/>”.
    <t t-if="object.user_id"><t t-out="object.user_id.name"/> handles it.</t></p>
    <p t-if="object.sla_deadline">We will answer by
    <strong t-out="format_datetime(object.sla_deadline, dt_format='medium')"/>.</p>
</div>"""
# columns of a bulk copy (growth test) that get new values: new numbers and
# addresses, the customers in turn (PARTNER: the n-th customer of the copy)
PARTNER = object()
BULK_COLUMNS = {
    "number": "'BULK-' || g",
    "access_token": "NULL",
    "email_from": "'bulk' || g || '@bulk.bench.example'",
    "email_from_normalized": "'bulk' || g || '@bulk.bench.example'",
    "email_normalized": "'bulk' || g || '@bulk.bench.example'",
    "partner_email": "'bulk' || g || '@bulk.bench.example'",
    "partner_id": PARTNER,
    "commercial_partner_id": PARTNER,
    "message_main_attachment_id": "NULL",
}


def raw_mail(system, i, customer, tag="mail"):
    """Mail ``i`` of the benchmark to ``system``'s alias, from ``customer``:
    the same for the three systems but for the address and the Message-Id."""
    mail = EmailMessage()
    mail["From"] = f"{customer.name} <{customer.email}>"
    mail["To"] = f"{ALIASES[system]}@{DOMAIN}"
    mail["Subject"] = f"Order {i}: damaged goods"
    mail["Date"] = format_datetime(fields.Datetime.now())
    mail["Message-Id"] = f"<bench-{tag}-{system}-{i}@customers.{DOMAIN}>"
    mail.set_content(BODY.format(i=i, c=customer.name), subtype="html")
    return mail.as_string()


def setup_systems(env, customers=150):
    """Create everything the three systems need; returns a dict of records."""
    company = env.company
    calendar = env["resource.calendar"].create(
        {
            "name": "Mon–Fri 8–12, 13–17 Europe/Sofia",
            "tz": "Europe/Sofia",
            "company_id": company.id,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"Day {day} {period}",
                        "dayofweek": str(day),
                        "hour_from": start,
                        "hour_to": end,
                        "day_period": period,
                    }
                )
                for day in range(5)
                for period, start, end in (("morning", 8, 12), ("afternoon", 13, 17))
            ],
        }
    )
    alias_domain = env["mail.alias.domain"].create({"name": DOMAIN})
    company.alias_domain_id = alias_domain
    groups = (
        "sla_claims.group_claims_user,helpdesk_mgmt.group_helpdesk_user,"
        "sales_team.group_sale_salesman"
    )
    leader, *agents = (
        new_test_user(
            env,
            login=login,
            groups=groups,
            email=f"{login}@staff.example",
            tz="Europe/Sofia",
            notification_type="email",
        )
        for login in ("bench_leader", "bench_agent_1", "bench_agent_2", "bench_agent_3")
    )
    members = [Command.set([agent.id for agent in agents])]
    partners = env["res.partner"].create(
        [
            {"name": f"Customer {i}", "email": f"customer{i}@{DOMAIN}"}
            for i in range(customers)
        ]
    )
    teams = env["sla.claim.team"].create(
        [
            {
                "name": name,
                "leader_id": leader.id,
                "member_ids": members,
                "resource_calendar_id": calendar.id,
                "alias_name": alias,
                "alias_domain_id": alias_domain.id,
            }
            for name, alias in (
                ("Claims", ALIASES["claims"]),
                ("No SLA", "claims-no-sla"),
            )
        ]
    )
    policy = env["sla.policy"].create(
        {
            "name": "Bench",
            "team_id": teams[0].id,
            "response_hours": 4,
            "resolution_hours": 16,
            "escalation_rule_ids": [
                Command.create(
                    {
                        "level": 1,
                        "clock": "resolution",
                        "trigger": "at_breach",
                        "action": "notify_leader",
                    }
                )
            ],
        }
    )
    oca_teams = env["helpdesk.ticket.team"].create(
        [
            {
                "name": name,
                "user_id": leader.id,
                "user_ids": members,
                "use_sla": use_sla,
                "resource_calendar_id": calendar.id,
                "alias_name": alias,
                "alias_domain_id": alias_domain.id,
            }
            for name, use_sla, alias in (
                ("Helpdesk", True, ALIASES["oca"]),
                ("Helpdesk no SLA", False, "helpdesk-no-sla"),
            )
        ]
    )
    oca_stages = oca_teams[0]._get_applicable_stages()
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
    env["helpdesk.sla"].create(
        [
            {
                "name": name,
                "team_ids": [Command.set(oca_teams[0].ids)],
                "hours": hours,
                "stage_id": stage.id,
            }
            for name, hours, stage in (
                ("Response", 4, oca_stages[1]),
                ("Resolution", 16, done),
            )
        ]
    )
    oca_stages[0].mail_template_id = env["mail.template"].create(
        {
            "name": "Ticket received",
            "model_id": env["ir.model"]._get_id("helpdesk.ticket"),
            "subject": "{{ object.number }} {{ object.name }}",
            "partner_to": "{{ object.partner_id.id }}",
            "lang": "{{ object.partner_id.lang }}",
            "auto_delete": False,
            "body_html": OCA_ACK,
        }
    )
    crm_team = env["crm.team"].create(
        {
            "name": "Leads",
            "user_id": leader.id,
            "alias_name": ALIASES["crm"],
            "alias_domain_id": alias_domain.id,
            "crm_team_member_ids": [
                Command.create({"user_id": agent.id}) for agent in agents
            ],
        }
    )
    return {
        "calendar": calendar,
        "leader": leader,
        "partners": partners,
        "claims_team": teams[0],
        "claims_plain_team": teams[1],
        "policy": policy,
        "oca_team": oca_teams[0],
        "oca_plain_team": oca_teams[1],
        "oca_stages": oca_stages,
        "crm_team": crm_team,
    }


def closed_history(env):
    """Per system, the columns that make a bulk-copied row a closed one: the
    table grows with history, as years of claims, tickets and leads do."""
    closed_claim = env.ref("sla_claims.stage_closed")
    oca_closed = env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
    return {
        "claims": {
            "stage_id": str(closed_claim.id),
            "is_open": "FALSE",
            "sla_next_check": "NULL",
        },
        "oca": {"stage_id": str(oca_closed.id)} if oca_closed else {},
        "crm": {"active": "FALSE"},  # lost leads
    }


def bulk_copy(cr, table, template_id, start, count, partners, overrides=None):
    """Insert ``count`` copies of row ``template_id`` of ``table`` cheaply in
    SQL, with new ids, numbers and addresses (copy ``start`` to
    ``start + count - 1``), the customers ``partners`` in turn.
    ``overrides`` maps columns to SQL expressions (e.g. closed history)."""
    if count <= 0:
        return
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s "
            "AND column_name != 'id' ORDER BY ordinal_position",
            table,
        )
    )
    columns = [row[0] for row in cr.fetchall()]
    partner = SQL("(%s::int[])[1 + g %% %s]", list(partners.ids), len(partners))
    overrides = overrides or {}
    expressions = [
        SQL(overrides[c])
        if c in overrides
        else partner
        if BULK_COLUMNS.get(c) is PARTNER
        else SQL(BULK_COLUMNS[c])
        if c in BULK_COLUMNS
        else SQL.identifier(c)
        for c in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s, generate_series(%s, %s) AS g "
            "WHERE %s.id = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in columns),
            SQL(", ").join(expressions),
            SQL.identifier(table),
            start,
            start + count - 1,
            SQL.identifier(table),
            template_id,
        )
    )
    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
