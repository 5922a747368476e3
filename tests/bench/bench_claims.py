"""Scale figures for claims, printed, not asserted: run `tests/run --bench`.

Creates claims through the ORM (policy matching, calendar deadlines,
acknowledgement mails), ages them in SQL, then times the 15-minute SLA check
and the per-partner claim statistics the retention module will call.
"""

import time
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

CLAIMS = 2000
PARTNERS = 10000
BATCH = 200


class BenchClaims(TransactionCase):
    # outside an add-on, Odoo's test metaclass does not set these
    test_module = "sla_claims"
    test_tags = frozenset({"standard", "bench"})
    test_class = "BenchClaims"

    def report(self, what, count, seconds, queries=None):
        rate = count / seconds if seconds else float("inf")
        extra = f", {queries} queries" if queries is not None else ""
        print(f"BENCH {what}: {count} in {seconds:.2f} s ({rate:.0f}/s{extra})")

    def run_check(self, env):
        """The scheduled check's batches, as the cron runs them (without its
        commits, which a test may not make)."""
        Claim = env["sla.claim"]
        now = fields.Datetime.now()
        while claims := Claim.search(
            Claim._sla_check_domain(now), limit=BATCH, order="sla_next_check, id"
        ):
            claims._check_sla(now)

    def test_claims_at_scale(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        leader = new_test_user(
            env, login="bench_leader", groups="sla_claims.group_claims_manager"
        )
        agents = [
            new_test_user(
                env, login=f"bench_agent_{i}", groups="sla_claims.group_claims_user"
            )
            for i in range(5)
        ]
        team = env["sla.claim.team"].create(
            {
                "name": "Bench",
                "leader_id": leader.id,
                "member_ids": [Command.set([a.id for a in agents])],
            }
        )
        policy = env["sla.policy"].create(
            {
                "name": "Bench",
                "team_id": team.id,
                "response_hours": 4,
                "resolution_hours": 16,
                "escalation_rule_ids": [
                    Command.create(
                        {"level": 1, "trigger": "at_breach", "action": "notify_leader"}
                    ),
                ],
            }
        )
        started = time.perf_counter()
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Bench client {i}",
                    "is_company": True,
                    "email": f"client{i}@bench.example",
                }
                for i in range(PARTNERS)
            ]
        )
        self.report("partners created", PARTNERS, time.perf_counter() - started)

        started = time.perf_counter()
        claims = env["sla.claim"]
        for offset in range(0, CLAIMS, BATCH):
            claims |= env["sla.claim"].create(
                [
                    {
                        "name": f"Bench claim {i}",
                        "team_id": team.id,
                        "partner_id": partners[i % PARTNERS].id,
                    }
                    for i in range(offset, offset + BATCH)
                ]
            )
        self.report(
            "claims created (policy, deadlines, acknowledgement)",
            CLAIMS,
            time.perf_counter() - started,
        )
        self.assertEqual(set(claims.policy_id.ids), {policy.id})

        # age every claim: all clocks past their deadline
        claims.flush_recordset()
        past = fields.Datetime.now() - timedelta(days=30)
        self.env.cr.execute(
            """UPDATE sla_claim SET sla_start_date = %s,
                      response_at_risk_date = %s, response_deadline = %s,
                      resolution_at_risk_date = %s, resolution_deadline = %s,
                      sla_next_check = %s
                WHERE id = ANY(%s)""",
            [past] * 6 + [claims.ids],
        )
        self.env.invalidate_all()
        started = time.perf_counter()
        queries_before = self.env.cr.sql_log_count
        self.run_check(env)
        self.report(
            "claims checked by the SLA check (all breaching now)",
            CLAIMS,
            time.perf_counter() - started,
            self.env.cr.sql_log_count - queries_before,
        )
        self.assertEqual(set(claims.mapped("sla_resolution_state")), {"breached"})

        started = time.perf_counter()
        queries_before = self.env.cr.sql_log_count
        self.run_check(env)
        self.report(
            "claims re-checked (nothing left to fire)",
            CLAIMS,
            time.perf_counter() - started,
            self.env.cr.sql_log_count - queries_before,
        )

        started = time.perf_counter()
        queries_before = self.env.cr.sql_log_count
        stats = partners._get_claim_statistics(date(2000, 1, 1), date(2100, 1, 1))
        self.report(
            "partners' claim statistics",
            PARTNERS,
            time.perf_counter() - started,
            self.env.cr.sql_log_count - queries_before,
        )
        self.assertEqual(sum(s["claims"] for s in stats.values()), CLAIMS)
