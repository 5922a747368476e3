"""What the multi-worker run left in the database, read in SQL after both
servers stopped: where each delivered mail landed, the claims and their
responsibles, and the effects of the two scheduled jobs (activities, digest
mails, churn events, retention scans). tests/bench/workers_checks.py judges
them."""

CLAIM_ROWS = """
SELECT c.id, c.number, c.user_id, c.team_id, c.is_open,
       c.sla_response_state, c.sla_next_check <= %(since)s
  FROM sla_claim c
 ORDER BY c.id
"""
MESSAGES = """
SELECT message_id, model, res_id FROM mail_message
 WHERE message_id = ANY(%(ids)s)
"""
ACTIVITIES = """
SELECT a.res_model, a.res_id, a.summary, a.user_id, count(*)
  FROM mail_activity a
 WHERE a.res_model IN ('sla.claim', 'res.partner')
 GROUP BY a.res_model, a.res_id, a.summary, a.user_id
"""
DIGESTS = """
SELECT m.id, m.body FROM mail_message m
 WHERE m.message_type = 'user_notification' AND m.subject LIKE 'Claims:%%'
"""
PARTNER_MAILS = """
SELECT m.res_id, m.subject, count(*) FROM mail_message m
 WHERE m.model = 'res.partner' AND m.message_type IN ('comment', 'auto_comment')
   AND m.create_date >= %(since)s
 GROUP BY m.res_id, m.subject
"""
CHURN_EVENTS = """
SELECT partner_id, company_id, state, count(*) FROM client_churn_event
 GROUP BY partner_id, company_id, state
"""
PROFILES = """
SELECT count(*), count(scan_date), count(DISTINCT scan_date)
  FROM client_retention_profile
"""
# the database is the run's own: every scan logged is one of the run's
SCANS = """
SELECT partner_id, company_id, scan_date::text, count(DISTINCT tx)
  FROM workers_scan_log
 GROUP BY partner_id, company_id, scan_date
"""
CRONS = """
SELECT c.id, c.failure_count, c.lastcall IS NOT NULL,
       (SELECT count(*) FROM ir_cron_progress p WHERE p.cron_id = c.id)
  FROM ir_cron c WHERE c.id = ANY(%(ids)s)
"""


def read(env, params):
    """The figures (JSON) for ``params``: ``message_ids`` delivered,
    ``since`` (the moment the scheduled jobs were asked to run, UTC) and
    ``cron_ids``."""
    cr = env.cr
    values = {
        "ids": params["message_ids"],
        "since": params["since"],
    }

    def rows(query, **extra):
        cr.execute(query, {**values, **extra})
        return [list(row) for row in cr.fetchall()]

    placed = {}
    for message_id, model, res_id in rows(MESSAGES):
        placed.setdefault(message_id, []).append([model, res_id])
    profiles, scanned, scan_days = rows(PROFILES)[0]
    return {
        "placed": placed,
        "claims": rows(CLAIM_ROWS),
        "activities": rows(ACTIVITIES),
        "digests": rows(DIGESTS),
        "partner_mails": rows(PARTNER_MAILS),
        "churn_events": rows(CHURN_EVENTS),
        "profiles": profiles,
        "profiles_scanned": scanned,
        "scan_days": scan_days,
        "scans": rows(SCANS),
        "crons": rows(CRONS, ids=params["cron_ids"]),
    }
