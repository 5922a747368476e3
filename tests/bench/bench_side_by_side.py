"""sla_claims side by side with OCA helpdesk_mgmt + helpdesk_mgmt_sla and
Odoo's crm.lead: same Odoo, process, database, calendar, users, customers
and mails, batches interleaved. Run by `tests/run --bench` (full size) and,
at the smoke size, by every `tests/run`.

Figures are printed ("BENCH" lines) and written to BENCH_JSON, never
asserted; what is asserted is that the benchmark measured what it says (each
mail made one record in each system, the claims got deadlines, the check
breached them). See side_by_side_setup.py for the three set-ups.
"""

import os
from datetime import timedelta

from bench.side_by_side_case import SideBySideCase, rotated
from bench.side_by_side_report import (
    CUSTOMERS,
    SYSTEMS,
    batch_rounds,
    per_item,
    ratio,
    sla_share,
)
from bench.side_by_side_setup import MODELS, bulk_copy, closed_history

from odoo import fields

CHECK_BATCH = 200  # as the cron: sla_claims' CRON_BATCH_SIZE
QUIET_REPEAT = 3  # b: chatter-off creates per variant and round
TABLES = {"claims": "sla_claim", "oca": "helpdesk_ticket", "crm": "crm_lead"}


class BenchSideBySide(SideBySideCase):
    # outside an add-on, Odoo's test metaclass does not set these
    test_module = "sla_claims"
    test_tags = frozenset({"standard", "bench"})
    test_class = "BenchSideBySide"

    # ---------------------------------------------------------------- tests

    def test_a_gateway(self):
        """a. mail -> record with all each product does on its own."""
        self.deliver_all(range(-3, 0), "warm-up")  # compile templates, fill caches
        indexes = range(self.size["mails"])
        samples, ids = self.deliver_all(indexes, "a")
        claims = self.env["sla.claim"].browse(ids["claims"])
        self.assertEqual(set(claims.team_id.ids), {self.records["claims_team"].id})
        self.assertEqual(claims.policy_id, self.records["policy"])
        self.assertTrue(all(claims.mapped("response_deadline")))
        self.assertTrue(all(claims.mapped("resolution_deadline")))
        tickets = self.env["helpdesk.ticket"].browse(ids["oca"])
        self.assertEqual(tickets.team_id, self.records["oca_team"])
        self.assertTrue(all(len(t.ticket_sla_ids) == 2 for t in tickets))
        self.assertTrue(all(tickets.ticket_sla_ids.mapped("deadline")))
        for system, records in (("claims", claims), ("oca", tickets)):
            # the acknowledgement: a mail to the customer with the number
            mails = self.env["mail.mail"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            )
            acknowledged = {
                mail.res_id
                for mail in mails
                for record in records.browse(mail.res_id)
                if record.partner_id in mail.recipient_ids
                and record.number in (mail.subject or "")
            }
            self.assertEqual(acknowledged, set(records.ids), f"{system}: acknowledged")
        leads = self.env["crm.lead"].browse(ids["crm"])
        self.assertEqual(leads.team_id, self.records["crm_team"])
        figures = {system: per_item(samples[system]) for system in SYSTEMS}
        claims_f, oca_f, crm_f = (figures[s] for s in SYSTEMS)
        figures["ratios"] = {
            "ms_claims_oca": ratio(claims_f["ms_mean"], oca_f["ms_mean"]),
            "ms_claims_crm": ratio(claims_f["ms_mean"], crm_f["ms_mean"]),
            "median_ms_claims_oca": ratio(claims_f["ms_median"], oca_f["ms_median"]),
            "median_ms_claims_crm": ratio(claims_f["ms_median"], crm_f["ms_median"]),
            "sql_claims_oca": ratio(claims_f["sql_mean"], oca_f["sql_mean"]),
            "sql_claims_crm": ratio(claims_f["sql_mean"], crm_f["sql_mean"]),
        }
        self.results["gateway"] = figures
        if os.environ.get("BENCH_PROFILE"):
            self.profile_gateway(os.environ["BENCH_PROFILE"])

    def create_values(self, system, with_sla, count, offset):
        team = self.records[f"{system}_team" if with_sla else f"{system}_plain_team"].id
        values = []
        for i in range(offset, offset + count):
            customer = self.partners[i % CUSTOMERS]
            values.append(
                {
                    "name": f"Order {i}: damaged goods",
                    "description": f"<p>Order {i} arrived damaged.</p>",
                    "team_id": team,
                    "partner_id": customer.id,
                    **(
                        {"email_from": customer.email}
                        if system == "claims"
                        else {"partner_email": customer.email}
                    ),
                }
            )
        return values

    def test_b_create_and_stage(self):
        """b. the SLA's share of ORM creates; c. a stage change of the
        created records in one write, with and without SLA.

        n records per variant, in rounds of one create() and one write() of
        n / rounds records per variant, the variants' order rotating from
        round to round: a load spike or a drift of the shared machine hits
        every variant alike, and the median round is reported.

        Each round also creates, QUIET_REPEAT times, n / rounds records per
        variant with the chatter off (no tracking, creation note or
        acknowledgement): what the SLA adds is then measured against a base
        ten times smaller, in three times as many rounds, so that the
        machine's noise does not drown it. The share target is judged on
        these; the production-like share is printed beside it."""
        n, rounds, batch = self.size["n"], self.size["rounds"], self.size["batch"]
        variants = [("claims", True), ("oca", True), ("claims", False), ("oca", False)]
        quiet_env = self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                sla_claims_no_acknowledgement=True,
            )
        )
        next_stage = {
            "claims": self.env.ref("sla_claims.stage_in_progress"),
            "oca": self.records["oca_stages"][1],
        }
        created = {variant: [] for variant in variants}
        create = {variant: [] for variant in variants}
        quiet = {variant: [] for variant in variants}
        stage = {variant: [] for variant in variants}
        offset = 0
        for round_ in range(-1, rounds):  # round -1 warms up, unmeasured
            count = 3 if round_ < 0 else batch
            batches = {}
            passes = [(self.env, create, 0)] + [
                (quiet_env, quiet, repeat) for repeat in range(QUIET_REPEAT)
            ]
            for env, samples, repeat in passes:
                for system, with_sla in rotated(variants, round_ + repeat):
                    values = self.create_values(system, with_sla, count, offset)
                    offset += count
                    Model = env[MODELS[system]]
                    records, sample = self.measure(
                        lambda M=Model, v=values: M.create(v)
                    )
                    if round_ >= 0:
                        samples[system, with_sla].append(sample)
                    if env is self.env:
                        batches[system, with_sla] = records
                        if round_ >= 0:
                            created[system, with_sla].append(records)
            for system, with_sla in reversed(rotated(variants, round_)):
                stage_id = next_stage[system].id
                _, sample = self.measure(
                    lambda r=batches[system, with_sla], s=stage_id: r.write(
                        {"stage_id": s}
                    )
                )
                if round_ >= 0:
                    stage[system, with_sla].append(sample)
        self.check_created(
            {v: sum(rs, self.env[MODELS[v[0]]]) for v, rs in created.items()},
            next_stage,
            n,
        )
        self.results["create"] = figures = {}
        self.results["stage"] = stages = {}
        for system in ("claims", "oca"):
            sla = batch_rounds(create[system, True], batch)
            plain = batch_rounds(create[system, False], batch)
            quiet_sla = batch_rounds(quiet[system, True], batch)
            quiet_plain = batch_rounds(quiet[system, False], batch)
            figures[system] = {
                "sla": sla,
                "plain": plain,
                **sla_share(sla, plain),
                "quiet": {
                    "sla": quiet_sla,
                    "plain": quiet_plain,
                    **sla_share(quiet_sla, quiet_plain),
                },
            }
            sla = batch_rounds(stage[system, True], batch)
            plain = batch_rounds(stage[system, False], batch)
            stages[system] = {
                "sla": sla,
                "plain": plain,
                "ratio": ratio(sla["s_per_1000"], plain["s_per_1000"]),
            }
        # a share smaller than the noise has a median round below zero: it
        # counts as nothing, not as a negative ratio
        figures["ratio_claims_oca"] = ratio(
            max(0.0, figures["claims"]["quiet"]["share_s_per_1000"]),
            figures["oca"]["quiet"]["share_s_per_1000"],
        )
        figures["ratio_claims_oca_with_chatter"] = ratio(
            figures["claims"]["share_s_per_1000"], figures["oca"]["share_s_per_1000"]
        )
        stages["claims_ratio"] = stages["claims"]["ratio"]

    def check_created(self, created, next_stage, n):
        for (system, _with_sla), records in created.items():
            self.assertEqual(len(records), n)
            self.assertEqual(records.stage_id, next_stage[system])
        claims = created["claims", True]
        self.assertEqual(claims.policy_id, self.records["policy"])
        self.assertTrue(all(claims.mapped("resolution_deadline")))
        plain = created["claims", False]
        self.assertFalse(plain.policy_id)
        self.assertFalse(any(plain.mapped("resolution_deadline")))
        tickets = created["oca", True]
        self.assertEqual(len(tickets.ticket_sla_ids), 2 * n)
        response = tickets.ticket_sla_ids.filtered(lambda s: s.name == "Response")
        self.assertEqual(set(response.mapped("state")), {"accomplished"})
        self.assertFalse(created["oca", False].ticket_sla_ids)

    def test_d_check(self):
        """d. the SLA check of n claims whose resolution deadline just passed,
        with an escalation (notify the team leader) at the breach."""
        n = self.size["n"]
        setup = self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                sla_claims_no_acknowledgement=True,
            )
        )
        claims = setup["sla.claim"].create(self.create_values("claims", True, n, 0))
        claims = self.env["sla.claim"].browse(claims.ids)
        self.env.flush_all()
        now = fields.Datetime.now()
        start = now - timedelta(days=7)
        self.env.cr.execute(
            """UPDATE sla_claim SET sla_start_date = %s,
                      response_at_risk_date = %s, response_deadline = %s,
                      resolution_at_risk_date = %s, resolution_deadline = %s,
                      sla_next_check = %s
                WHERE id = ANY(%s)""",
            [
                start,
                start + timedelta(days=1),
                start + timedelta(days=2),
                now - timedelta(hours=2),
                now - timedelta(minutes=1),
                start + timedelta(days=1),
                claims.ids,
            ],
        )
        self.env.invalidate_all()
        activities_before = self.last_id("mail_activity")
        Claim = self.env["sla.claim"]

        def check():
            batches = 0
            while batch := Claim.search(
                Claim._sla_check_domain(now),
                limit=CHECK_BATCH,
                order="sla_next_check, id",
            ):
                batch._check_sla(now)
                batches += 1
                self.assertLessEqual(batches, n // CHECK_BATCH + 2, "check loops")
            return batches

        batches, sample = self.measure(check)
        activities = self.created_since("mail_activity", activities_before)
        self.assertEqual(set(claims.mapped("sla_resolution_state")), {"breached"})
        self.assertEqual(set(claims.mapped("escalation_level")), {1})
        leader = self.records["leader"]
        self.assertEqual(
            len(claims.activity_ids.filtered(lambda a: a.user_id == leader)), n
        )
        self.results["check"] = {
            "claims": n,
            "batches": batches,
            "seconds": sample["ms"] / 1000,
            "s_per_1000": sample["ms"] / n,
            "sql": sample["sql"],
            "activities": activities,
            "mails": sample["mails"],
            "oca": "helpdesk_mgmt_sla 19.0 has no scheduled SLA check",
        }

    def test_e_growth(self):
        """e. per-mail time with a small table, then after many rows."""
        small, large = self.size["growth_sizes"]
        m = self.size["growth_mails"]
        _, seeds = self.deliver_all(range(-1, 0), "seed")  # rows to copy
        # the table grows with history: the copies are closed records, as
        # years of claims, tickets and leads mostly are
        history = closed_history(self.env)
        copied = {system: 0 for system in SYSTEMS}
        figures = {system: {} for system in SYSTEMS}
        for phase, rows, indexes in (
            ("small", small, range(m)),
            ("large", large, range(m, 2 * m)),
        ):
            for system in SYSTEMS:
                table_name = TABLES[system]
                self.env.cr.execute(f"SELECT COUNT(*) FROM {table_name}")
                missing = rows - self.env.cr.fetchone()[0]
                bulk_copy(
                    self.env.cr,
                    table_name,
                    seeds[system][0],
                    copied[system] + 1,
                    missing,
                    self.partners,
                    history[system],
                )
                copied[system] += max(missing, 0)
            self.env.invalidate_all()
            samples, _ = self.deliver_all(indexes, f"e-{phase}")
            for system in SYSTEMS:
                figures[system][phase] = per_item(samples[system])
        for system in SYSTEMS:
            self.env.cr.execute(f"SELECT COUNT(*) FROM {TABLES[system]}")
            self.assertGreaterEqual(self.env.cr.fetchone()[0], large)
            figures[system]["slowdown"] = ratio(
                figures[system]["large"]["ms_median"],
                figures[system]["small"]["ms_median"],
            )
        self.results["growth"] = figures
