"""The database of the multi-worker run (tests/harness/workers_suite.py),
made through the ORM as a user would set it up:

- a claims team with the mail alias support@claims.example, four members
  and a leader, and a policy on a round-the-clock calendar whose response
  target (29 seconds, at risk after 7) puts the claims past their warning
  threshold, and the first ones past the deadline, before the SLA check;
- client companies with posted invoices for the retention scan: some left
  silently (last purchase over a year ago), some dormant, the rest buying;
- two copies of each of the two scheduled jobs, so that both servers can
  run the same job's code at the same moment (Odoo runs one job row only
  once at a time: the row itself is also asked of both servers at once);
- an audit trigger that logs every committed scan of a retention profile
  (the test's instrument, not the product's).
"""

from datetime import timedelta

from odoo import Command, fields

ALIAS_DOMAIN = "claims.example"
ALIAS = "support"
MEMBERS = 4
CLIENTS = 24
# about 29 s of round-the-clock working time, at risk after 7 s: the
# multi-worker run (workers_suite.py's FIRST_BREACH) waits for the first
RESPONSE_HOURS = 0.008
RESOLUTION_HOURS = 8.0
AT_RISK_PERCENT = 25
# days ago of each client's invoices, by kind (client index modulo 4)
INVOICE_DAYS = (
    (520, 450),  # no purchase for over a year: a silent leave
    (330, 255, 180),  # dormant: far past twice its usual interval
    (95, 60, 30, 4),
    (70, 40, 12),
)
CRONS = {
    "sla": "sla_claims.ir_cron_check_sla",
    "scan": "client_retention.ir_cron_retention_scan",
}
FAR = timedelta(days=365)

SCAN_LOG = """
CREATE TABLE workers_scan_log (
    partner_id integer, company_id integer, scan_date date, tx bigint
);
CREATE FUNCTION workers_log_scan() RETURNS trigger AS $$
BEGIN
    -- a scan writes scan_date and write_date; the RFM pass writes neither
    IF NEW.scan_date IS NOT NULL AND (
        TG_OP = 'INSERT' OR NEW.write_date IS DISTINCT FROM OLD.write_date
        OR NEW.scan_date IS DISTINCT FROM OLD.scan_date
    ) THEN
        INSERT INTO workers_scan_log
        VALUES (NEW.partner_id, NEW.company_id, NEW.scan_date, txid_current());
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER workers_log_scan
AFTER INSERT OR UPDATE ON client_retention_profile
FOR EACH ROW EXECUTE FUNCTION workers_log_scan();
"""


def build(env, password):
    """Set the database up; returns what the run needs to know (JSON)."""
    env["res.users"].browse(env.ref("base.user_admin").id).password = password
    company = env.ref("base.main_company")
    domain = env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
    company.alias_domain_id = domain
    team, members, leader = _team(env, company, domain)
    clients = _clients(env, company)
    _invoices(env, company, clients)
    crons = _crons(env)
    env.cr.execute(SCAN_LOG)
    return {
        "team_id": team.id,
        "alias": f"{ALIAS}@{ALIAS_DOMAIN}",
        "member_ids": members.ids,
        "members": {str(user.id): user.login for user in members},
        "leader_id": leader.id,
        "clients": [{"id": p.id, "email": p.email} for p in clients],
        "crons": crons,
    }


def _team(env, company, domain):
    calendar = env["resource.calendar"].create(
        {
            "name": "Round the clock",
            "tz": "UTC",
            "company_id": company.id,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"Day {day}",
                        "dayofweek": str(day),
                        "hour_from": 0,
                        "hour_to": 24,
                        "day_period": "full_day",
                    }
                )
                for day in range(7)
            ],
        }
    )
    group = env.ref("sla_claims.group_claims_user")
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Agent {index}",
                    "login": f"agent{index}",
                    "email": f"agent{index}@staff.example",
                    "tz": "UTC",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "group_ids": [Command.set(group.ids)],
                }
                for index in range(MEMBERS + 1)
            ]
        )
    )
    leader, members = users[0], users[1:]
    team = env["sla.claim.team"].create(
        {
            "name": "Support",
            "company_id": company.id,
            "leader_id": leader.id,
            "member_ids": [Command.set(members.ids)],
            "resource_calendar_id": calendar.id,
            "alias_name": ALIAS,
            "alias_domain_id": domain.id,
        }
    )
    env["sla.policy"].create(
        {
            "name": "Fast answer",
            "team_id": team.id,
            "company_id": company.id,
            "response_hours": RESPONSE_HOURS,
            "resolution_hours": RESOLUTION_HOURS,
            "at_risk_percent": AT_RISK_PERCENT,
            "escalation_rule_ids": [
                Command.create(
                    {
                        "level": 1,
                        "clock": "response",
                        "trigger": "at_breach",
                        "action": "notify_leader",
                    }
                )
            ],
        }
    )
    return team, members, leader


def _clients(env, company):
    return env["res.partner"].create(
        [
            {
                "name": f"Client {index:02d}",
                "is_company": True,
                "email": f"office@client{index:02d}.example",
                "company_id": False,
            }
            for index in range(CLIENTS)
        ]
    )


def _invoices(env, company, clients):
    product = env["product.product"].create(
        {"name": "Maintenance", "list_price": 100.0, "taxes_id": False}
    )
    today = fields.Date.context_today(clients)
    values = []
    for index, client in enumerate(clients):
        for days in INVOICE_DAYS[index % len(INVOICE_DAYS)]:
            date = today - timedelta(days=days)
            values.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "company_id": company.id,
                    "invoice_date": date,
                    "invoice_date_due": date,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": 100.0 + 10 * index,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
    env["account.move"].with_company(company).create(values).action_post()


def _crons(env):
    """Each job and two copies of it (one for each server), none due until
    the run says so."""
    later = fields.Datetime.now() + FAR
    found = {}
    for key, xmlid in CRONS.items():
        job = env.ref(xmlid)
        rows = {"job": job}
        for server in ("cron", "web"):
            rows[server] = job.copy({"name": f"{job.name} (copy, {server} server)"})
        for name, row in rows.items():
            # once due, first in the cron server's queue (others may be due):
            # its two workers take the copies first, one each
            priority = 0 if name == "cron" else 1
            row.write({"nextcall": later, "active": True, "priority": priority})
        found[key] = {name: row.id for name, row in rows.items()}
    return found
