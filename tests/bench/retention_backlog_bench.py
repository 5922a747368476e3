"""The retention benchmark's effects and backtest steps (bench_retention_scan).

The first scan over years of history writes to nobody: every dormant client
is backlog. A manager's reactivation campaign for all of them is what then
makes mails, activities and chatter messages in bulk, so that is where the
effects are timed (``effects``). ``backtest`` times the replay of the whole
history on monthly days and prints how the score ranked against recency.
"""

import time


def _count(cr, table):
    cr.execute(f"SELECT count(*) FROM {table}")  # table names are ours
    return cr.fetchone()[0]


def effects(env, company_id):
    """A campaign for every backlog client, all in one day, no daily caps."""
    cr = env.cr
    company = env["res.company"].browse(company_id)
    Profile = env["client.retention.profile"].sudo()
    backlog = Profile.search(
        [
            ("company_id", "=", company_id),
            ("state", "=", "dormant"),
            ("reactivation_backlog", "=", True),
        ]
    )
    company.write(
        {
            "retention_campaign_daily_cap": max(len(backlog), 1),
            "retention_activity_daily_cap": 0,
        }
    )
    tables = ("mail_mail", "mail_activity", "mail_message")
    before = {table: _count(cr, table) for table in tables}
    started = time.perf_counter()
    chosen, sent = env["client.retention.campaign"].sudo()._start(backlog)
    env.flush_all()
    seconds = time.perf_counter() - started
    made = {table: _count(cr, table) - before[table] for table in tables}
    count = sum(made.values())
    return {
        "backlog": len(backlog),
        "chosen": chosen,
        "sent": sent,
        "seconds": seconds,
        "mails": made["mail_mail"],
        "activities": made["mail_activity"],
        "messages": made["mail_message"],
        "ms_per_effect": 1000 * seconds / count if count else None,
    }


def backtest(env, company_id, months=12, horizon="180"):
    """The backtest of the company's whole history, timed."""
    test = env["client.retention.backtest"].create(
        {"company_id": company_id, "months": months, "horizon": horizon}
    )
    started = time.perf_counter()
    test.action_run()
    seconds = time.perf_counter() - started
    return {
        "months": months,
        "horizon_days": int(horizon),
        "clients": test.client_count,
        "client_days": test.sample_count,
        "left": test.left_count,
        "auc_score": test.auc_score,
        "auc_recency": test.auc_recency,
        "auc_active_score": test.auc_active_score,
        "auc_active_recency": test.auc_active_recency,
        "seconds": seconds,
    }


def lines(results):
    """The BENCH lines of these two steps."""
    out = []
    done = results.get("effects")
    if done:
        per = done["ms_per_effect"]
        out.append(
            f"BENCH first scan over history: {results.get('first_scan_mails', 0)} "
            f"mails, {results.get('first_scan_activities', 0)} activities; "
            f"backlog {done['backlog']:,} dormant clients"
        )
        out.append(
            f"BENCH reactivation campaign for the backlog: {done['mails']:,} mails, "
            f"{done['activities']:,} activities, {done['messages']:,} messages in "
            f"{done['seconds']:.1f} s: "
            + (f"{per:.2f} ms per effect" if per is not None else "no effect")
            + (
                f" (target <= 2 ms: {'met' if per <= 2 else 'missed'})"
                if per is not None
                else ""
            )
        )
    tested = results.get("backtest")
    if tested:
        out.append(
            f"BENCH backtest: {tested['clients']:,} clients on {tested['months']} "
            f"monthly days ({tested['client_days']:,} client-days, "
            f"{tested['horizon_days']}-day horizon) in {tested['seconds']:.1f} s; "
            f"AUC score {tested['auc_score']:.3f}, recency {tested['auc_recency']:.3f}"
            f"; among active clients {tested['auc_active_score']:.3f} vs "
            f"{tested['auc_active_recency']:.3f}"
        )
    return out
