"""Every scheduled action of the suite, interrupted halfway and run again,
ends as if it had run whole: nothing done twice, nothing missing.

Each test builds a world a few records larger than one batch (the module's
batch constant patched down), runs the cron whole as Odoo's own tests run
crons (``method_direct_trigger`` in registry test mode, where the job's
commits are savepoints of the test's transaction), records what it made, rolls
that back, and runs it again with one of the suite's own per-batch methods
failing from its second call on (the escalation's per-case method from its
fourth, halfway through the second batch): the first batch stays committed,
the failed one is rolled back to the last commit, as after a lost connection.
Odoo's runner calls an action that failed after committing progress once more
in the same job (``_run_job``); failing from the second call on, that retry
fails too and the job ends failed. The cron is then run again unpatched: the
outcome equals the whole run. A further run makes nothing.

The SLA check is here; the clients' crons are in ``test_suite_crons_clients``.
"""

from collections import Counter
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.sla_claims.models import sla_claim_clock
from odoo.addons.sla_claims.tests.common import ClaimsCase

CRON_LOGGER = "odoo.addons.base.models.ir_cron"
# what the crons make, compared by natural keys (ids differ between runs)
TRACKED = (
    "mail.mail",
    "mail.message",
    "mail.activity",
    "client.churn.event",
    "client.churn.alert",
    "client.document.inventory",
    "client.document.inventory.line",
    "ir.cron.trigger",
)
# made by the crons: known by what they stand for
NATURAL = ("client.document.inventory", "client.churn.alert", "client.churn.event")


class CronRestartMixin:
    # ------------------------------------------------------------ running

    def run_whole(self, cron):
        with self.scheduler_mode():
            result = cron.method_direct_trigger()
        self.env.invalidate_all()
        return result

    def run_failing(self, cron, model, method, fail_from):
        """Run ``cron`` with ``model.method`` raising from its
        ``fail_from``-th call on; the calls made (their arguments)."""
        Model = type(self.env[model])
        original = getattr(Model, method)
        calls = []

        def failing(records, *args, **kwargs):
            calls.append(args)
            if len(calls) >= fail_from:
                raise RuntimeError(f"{method} interrupted")
            return original(records, *args, **kwargs)

        with (
            patch.object(Model, method, failing),
            self.assertLogs(CRON_LOGGER, "ERROR") as logs,
        ):
            result = self.run_whole(cron)
        # method_direct_trigger logs the failure and returns it for display
        self.assertEqual(result["tag"], "display_exception")
        # safe_eval wraps it in a ValueError: the patched failure, each time
        errors = [r.exc_info[1] for r in logs.records if r.exc_info]
        self.assertTrue(errors)
        for error in errors:
            self.assertIn(f"RuntimeError('{method} interrupted')", str(error))
        return calls

    # ----------------------------------------------------------- snapshot

    def ref(self, model, res_id):
        """A record the cron made, by what it stands for; others by id."""
        if model not in NATURAL:
            return (model, res_id)
        record = self.env[model].sudo().browse(res_id)
        if model == "client.document.inventory":
            return (model, record.partner_id.id, record.company_id.id, record.period)
        if model == "client.churn.alert":
            return (model, record.company_id.id, str(record.month))
        return (model, record.partner_id.id, record.company_id.id, record.source)

    def key(self, r):
        name = r._name
        if name == "mail.mail":
            recipients = tuple(sorted(r.recipient_ids.ids))
            return (self.ref(r.model, r.res_id), r.subject, recipients, r.email_to)
        if name == "mail.message":
            return (
                self.ref(r.model, r.res_id),
                r.message_type,
                r.subtype_id.id,
                r.subject,
                str(r.body),
                tuple(sorted(r.partner_ids.ids)),
            )
        if name == "mail.activity":
            return (
                self.ref(r.res_model, r.res_id),
                r.activity_type_id.id,
                r.user_id.id,
                r.summary,
                str(r.note),
                r.date_deadline,
            )
        if name == "client.churn.event":
            return (r.partner_id.id, r.company_id.id, r.date, r.source, r.state)
        if name == "client.churn.alert":
            rate = round(r.annualized_churn_rate, 2)
            return (self.ref(name, r.id), r.churn_status, rate, r.top_reasons)
        if name == "client.document.inventory":
            return (self.ref(name, r.id), r.kind, r.state, r.date, r.user_id.id)
        if name == "client.document.inventory.line":
            return (
                self.ref(r.inventory_id._name, r.inventory_id.id),
                r.name,
                r.document_type_id.id,
                r.medium,
                r.location,
                tuple(r.attachment_ids.ids),
            )
        return (r.cron_id.id, round((r.call_at - r.create_date).total_seconds() / 60))

    def snapshot(self, baseline, cron, state):
        """``{model: Counter of keys}`` of what was made since ``baseline``,
        and ``state()``. The cron's own triggers are its schedule, not its
        work: they are left out (see the retention scan's retry)."""
        made = {}
        for model, last in baseline.items():
            domain = [("id", ">", last)]
            if model == "ir.cron.trigger":
                domain.append(("cron_id", "!=", cron.id))
            records = self.env[model].sudo().with_context(active_test=False)
            made[model] = Counter(map(self.key, records.search(domain)))
        return made, state() if state else None

    def assertSameWork(self, got, expected, what):
        (made, state), (whole_made, whole_state) = got, expected
        for model in TRACKED:
            self.assertEqual(
                made[model],
                whole_made[model],
                f"{what}: {model} duplicated {made[model] - whole_made[model]}, "
                f"missing {whole_made[model] - made[model]}",
            )
        self.assertEqual(state, whole_state, f"{what}: states")

    # ---------------------------------------------------------- the proof

    def assertRestartable(
        self, xmlid, model, method, state=None, fail_from=2, after_failure=None
    ):
        """Whole run vs. interrupted run + re-run, then a further run."""
        cron = self.env.ref(xmlid)
        self.env.flush_all()
        baseline = {
            name: (self.env[name].sudo().search([], order="id desc", limit=1).id or 0)
            for name in TRACKED
        }
        before = self.snapshot(baseline, cron, state)
        with self.env.cr.savepoint(flush=False) as savepoint:
            self.run_whole(cron)
            whole = self.snapshot(baseline, cron, state)
            savepoint.rollback()
        self.env.invalidate_all()
        self.assertSameWork(self.snapshot(baseline, cron, state), before, "rollback")
        self.assertNotEqual(whole, before, "the world gives the cron work to do")

        calls = self.run_failing(cron, model, method, fail_from)
        self.assertGreaterEqual(len(calls), fail_from)
        partial = self.snapshot(baseline, cron, state)
        self.assertNotEqual(partial, before, "the first batch was committed")
        self.assertNotEqual(partial, whole, "the failure stopped the run halfway")
        for name in TRACKED:
            self.assertLessEqual(partial[0][name], whole[0][name], name)
        if after_failure:
            after_failure()

        self.run_whole(cron)
        self.assertSameWork(self.snapshot(baseline, cron, state), whole, "re-run")
        counts = {name: made.total() for name, made in whole[0].items()}
        self.run_whole(cron)
        again = self.snapshot(baseline, cron, state)
        self.assertEqual({n: m.total() for n, m in again[0].items()}, counts)
        self.assertSameWork(again, whole, "further run")
        return whole


@tagged("post_install", "-at_install")
class TestSlaCheckRestart(CronRestartMixin, ClaimsCase):
    """Five claims past every level of a four-level ladder (escalations, a
    reassignment, manager notes, digests) and two with their response at risk
    (warnings): seven claims, four batches of two."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rules = [
            (1, "before_breach", 0, "notify_responsible"),
            (2, "at_breach", 0, "notify_leader"),
            (3, "after_breach", 2, "reassign_leader"),
            (4, "after_breach", 4, "notify_managers"),
        ]
        cls.policy.escalation_rule_ids = [
            Command.create(
                {
                    "level": level,
                    "clock": "resolution",
                    "trigger": trigger,
                    "hours": hours,
                    "action": action,
                }
            )
            for level, trigger, hours, action in rules
        ]
        Claim = cls.env["sla.claim"]
        vals = {"team_id": cls.team.id, "partner_id": cls.contact.id}
        with freeze_time("2026-11-27 08:00:00"):  # Friday 10:00 in Sofia
            cls.late = Claim.create([{**vals, "name": f"Late {n}"} for n in range(5)])
        with freeze_time("2026-12-01 09:00:00"):  # Tuesday 11:00 in Sofia
            cls.fresh = Claim.create([{**vals, "name": f"New {n}"} for n in range(2)])
        cls.claims = cls.late | cls.fresh

    def test_sla_check_interrupted_and_run_again(self):
        def state():
            return sorted(
                (
                    claim.number,
                    claim.escalation_level,
                    claim.sla_response_state,
                    claim.sla_resolution_state,
                    claim.user_id.id,
                    claim.sla_next_check,
                )
                for claim in self.claims
            )

        # Tuesday 14:30 in Sofia: the late claims 4.5 working hours past
        # their resolution deadline (every level due), the new ones' response
        # at risk
        with (
            freeze_time("2026-12-01 12:30:00"),
            patch.object(sla_claim_clock, "CRON_BATCH_SIZE", 2),
        ):
            self.assertRestartable(
                "sla_claims.ir_cron_check_sla", "sla.claim", "_check_sla", state
            )
        self.assertEqual(set(self.late.mapped("escalation_level")), {4})
        self.assertEqual(self.late.user_id, self.leader)
        self.assertEqual(set(self.fresh.mapped("sla_response_state")), {"at_risk"})
        self.assertEqual(len(self.fresh.activity_ids), 2, "one warning each")
