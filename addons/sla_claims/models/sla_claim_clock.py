"""The SLA clocks of a claim: deadlines, pauses, states and the scheduled check.

`_sla_update()` is the one place that decides what a change means for the
SLA; everything else here is what it and the 15-minute check call.
"""

from collections import defaultdict

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime

from ..lib import sla_rules, sla_schedule
from ..lib.work_time import WorkTimes
from .cron_progress import commit_progress
from .sla_notices import SlaNotices

CLOCKS = ("response", "resolution")
# weekday, date and time to the minute, in the reader's language
MOMENT_FORMAT = "EEE d MMM y, HH:mm"
CRON_BATCH_SIZE = 200


class SlaClaimClock(models.AbstractModel):
    """The SLA engine of `sla.claim` (its only user): the fields are the
    claim's, the behaviour is here."""

    _name = "sla.claim.clock"
    _description = "Claim SLA Clocks"

    # --------------------------------------------------------- the decision

    def _sla_update(self, previous_stages=None, rematch=False):
        """Bring the SLA of these claims up to date after a change.

        ``previous_stages`` maps each claim to the stage it left (an empty
        stage for a new claim) when the stage changed; ``rematch`` asks to
        pick the policy again. Deadlines are planned again only when what
        decides them changed (policy, paused time, a reopening); otherwise
        the states are refreshed from the stored dates.
        """
        if not self:
            return
        now = fields.Datetime.now()
        work = self._work_times()
        replan = self.browse()
        resumed = self.browse()
        if previous_stages:
            moved = self.filtered(lambda c: c.stage_id != previous_stages[c])
            replan, resumed = moved._follow_stages(previous_stages, now, work)
        if rematch:
            self._match_policies()
            replan = self
        self._refresh_sla(now, replan, work=work)
        if previous_stages:
            resumed.filtered("is_open")._notify_customer(
                "sla_claims.mail_template_claim_deadline_moved",
                {
                    "customer_answered": bool(
                        self.env.context.get("sla_claims_customer_answered")
                    )
                },
            )
            for claim in self.filtered(lambda c: c.stage_id.mail_template_id):
                if claim.stage_id != previous_stages[claim]:
                    claim._notify_customer(claim.stage_id.mail_template_id)

    def _follow_stages(self, previous_stages, now, work):
        """Open, close or add pauses and set or clear the resolution date for
        claims that moved stage. Returns (claims whose deadlines must be
        planned again, claims that stopped waiting on the customer)."""
        Pause = self.env["sla.claim.pause"]
        leaving_pause = self.filtered(
            lambda c: previous_stages[c].pauses_sla and not c.stage_id.pauses_sla
        )
        reopened = self.filtered(
            lambda c: (
                previous_stages[c]
                and previous_stages[c]._ends_claim()
                and not c.stage_id._ends_claim()
            )
        )
        leaving_pause.pause_ids._close(now, work)
        if reopened:
            # the time spent resolved does not count, and the last resolution
            # is the one recorded
            Pause._record_resolved_time(reopened, now, work)
            for claim in reopened:
                values = {"resolved_date": False}
                if claim.sla_resolution_state == sla_rules.MET:
                    values["sla_resolution_state"] = False
                claim._sla_write(values)
        pausing = self.filtered(lambda c: c.stage_id.pauses_sla)
        Pause._open_for(
            pausing,
            {
                claim: previous_stages[claim]
                for claim in pausing
                if previous_stages[claim] and not previous_stages[claim].pauses_sla
            },
        )
        ended = self.filtered(lambda c: not c.is_open and not c.resolved_date)
        if ended:
            ended._sla_write({"resolved_date": now})
        return leaving_pause | reopened, leaving_pause

    def _match_policies(self):
        rematched = defaultdict(lambda: self.browse())
        for claim, policy in self.env["sla.policy"]._find_for_claims(self).items():
            if claim.policy_id != policy:
                rematched[policy] |= claim
        for policy, claims in rematched.items():
            claims._sla_write({"policy_id": policy.id})

    # -------------------------------------------------------------- clocks

    def _refresh_sla(self, now, replan, escalate=False, work=None):
        """Compute deadlines (for ``replan``), states and the next check of
        these claims, fire due escalations when ``escalate``, and store what
        changed, claims with equal values in one write. ``work`` plans on
        the calendars, each read once for the batch."""
        work = work or self._work_times()
        notices = SlaNotices(self.env)
        replan._prepare_work_times(work)
        changes = defaultdict(lambda: self.browse())
        plan_after = self._after_deadline_planner(work)
        for claim in self:
            values, facts = claim._clock_values(now, claim in replan, work)
            level = claim.escalation_level
            if escalate:
                level = claim._escalate_due(facts, now, plan_after, notices)
            values["escalation_level"] = level
            values["sla_next_check"] = claim._next_check(facts, level, now, plan_after)
            changed = {k: v for k, v in values.items() if claim[k] != v}
            if changed:
                changes[frozenset(changed.items())] |= claim
        for values, claims in changes.items():
            claims._store_sla_values(dict(values), notices)
        notices.send()

    def _clock_values(self, now, replan, work):
        """(field values, facts per clock) of this claim's two clocks."""
        self.ensure_one()
        policy = self.policy_id
        open_pause = self._open_pause()
        stops = self._clock_stops()
        values, facts = {}, {}
        for clock, target in (
            ("response", policy.response_hours),
            ("resolution", policy.resolution_hours),
        ):
            state = self[f"sla_{clock}_state"] or None
            deadline = self[f"{clock}_deadline"] or None
            at_risk = self[f"{clock}_at_risk_date"] or None
            if replan and state not in sla_rules.FINAL_STATES:
                deadline, at_risk = self._plan_clock(clock, target, work)
            state = sla_rules.clock_state(
                now=now,
                deadline=deadline,
                at_risk_date=at_risk,
                stopped_at=stops[clock],
                paused_since=open_pause.start or None,
                previous=state,
            )
            values.update(
                {
                    f"{clock}_deadline": deadline or False,
                    f"{clock}_at_risk_date": at_risk or False,
                    f"sla_{clock}_state": state,
                }
            )
            facts[clock] = {
                "state": state,
                "deadline": deadline,
                "at_risk_date": at_risk,
                "live": self.is_open and not stops[clock] and not open_pause,
            }
        return values, facts

    def _plan_clock(self, clock, target, work):
        """(deadline, at-risk date) of one clock, None without a target:
        the target's working hours plus those paused, from receipt."""
        if not target:
            return None, None
        moment = self.first_response_date or None if clock == "response" else None
        paused = self._paused_hours_before(moment, work)
        at_risk = sla_rules.at_risk_hours(target, self.policy_id.at_risk_percent)
        return self._plan(target + paused, work), self._plan(at_risk + paused, work)

    def _clock_stops(self):
        """When each clock stopped, None while it runs. A claim ended without
        a public answer stops its response clock too."""
        self.ensure_one()
        ended_at = self.resolved_date if not self.is_open else False
        return {
            "response": self.first_response_date or ended_at or None,
            "resolution": self.resolved_date or None,
        }

    def _open_pause(self):
        return self.pause_ids.filtered(lambda p: not p.end)[:1]

    def _store_sla_values(self, values, notices):
        """Write the same SLA values on these claims; a clock turning at risk
        warns the responsible (once: the state is stored with the warning)."""
        newly_at_risk = [
            (claim, clock)
            for claim in self
            for clock in CLOCKS
            if values.get(f"sla_{clock}_state") == sla_rules.AT_RISK
            and claim[f"sla_{clock}_state"] != sla_rules.AT_RISK
        ]
        self._sla_write(values)
        for claim, clock in newly_at_risk:
            notices.warn_at_risk(claim, clock)

    # ------------------------------------------------------- working time

    def _calendar(self):
        """Working hours of the claim: its policy's, else its team's, else
        the company's."""
        self.ensure_one()
        if self.policy_id:
            return self.policy_id._get_calendar(self.team_id)
        return self.team_id._get_calendar()

    @api.model
    def _work_times(self):
        """Working time of every calendar, for one batch of work."""
        return WorkTimes(_read_work_intervals)

    def _prepare_work_times(self, work):
        """Read each calendar's intervals once for these claims' deadlines."""
        by_calendar = defaultdict(list)
        for claim in self:
            by_calendar[claim._calendar()].append(claim.sla_start_date)
        for calendar, starts in by_calendar.items():
            work(calendar).prepare(min(starts), max(starts))

    def _working_hours_between(self, start, end, work=None):
        return (work or self._work_times())(self._calendar()).hours_between(start, end)

    def _paused_hours_before(self, moment, work=None):
        """Working hours paused before ``moment`` (all finished pauses when
        None)."""
        return sla_rules.paused_hours_before(
            self.pause_ids._as_lib_pauses(),
            moment,
            lambda start, end: self._working_hours_between(start, end, work),
        )

    def _plan(self, hours, work):
        calendar = self._calendar()
        result = work(calendar).plan(hours, self.sla_start_date)
        if not result:
            raise ValidationError(
                self.env._(
                    "The working hours “%(calendar)s” have no working time in the "
                    "coming years, so no deadline can be set. Add attendances to "
                    "it or choose other working hours on the team or policy.",
                    calendar=calendar.name,
                )
            )
        return result

    def _after_deadline_planner(self, work):
        """plan_after(claim, deadline, hours): working hours after a deadline
        on the claim's calendar."""

        def plan_after(claim, deadline, hours):
            return work(claim._calendar()).plan(hours, deadline)

        return plan_after

    # ------------------------------------------------------ telling times

    def _customer_datetime(self, moment):
        """``moment`` as the customer reads it: their language and time zone,
        to the minute, the zone named ("Tue 24 Nov 2026, 11:48 (Europe/Sofia)")."""
        self.ensure_one()
        return self._format_moment(
            moment, self.customer_tz, self.partner_id.lang or self.env.lang
        )

    def _format_moment(self, moment, tz, lang):
        if not moment:
            return ""
        text = format_datetime(
            self.env, moment, tz=tz, dt_format=MOMENT_FORMAT, lang_code=lang
        )
        return f"{text} ({tz})"

    # ---------------------------------------------------------- escalation

    def _pending_escalations(self, level):
        return self.policy_id.escalation_rule_ids.filtered(
            lambda rule: rule.level > level
        ).sorted("level")

    def _escalate_due(self, facts, now, plan_after, notices):
        """Fire, in level order, the pending escalations now due; return the
        level reached. Each level fires once: the level is stored with it."""
        self.ensure_one()
        reached = self.escalation_level
        for rule in self._pending_escalations(reached):
            due = rule._due_at(
                self, facts, lambda deadline, hours: plan_after(self, deadline, hours)
            )
            if due is not None and now >= due:
                rule._fire(self, notices)
                reached = rule.level
        return reached

    def _next_check(self, facts, level, now, plan_after):
        """When the scheduled check next has something to do for this claim,
        False when nothing is left."""
        self.ensure_one()
        if not self.is_open or not self.policy_id:
            return False
        moments = [
            sla_schedule.clock_change_at(
                clock["state"], clock["at_risk_date"], clock["deadline"]
            )
            for clock in facts.values()
            if clock["live"]
        ]
        moments += [
            rule._due_at(
                self, facts, lambda deadline, hours: plan_after(self, deadline, hours)
            )
            for rule in self._pending_escalations(level)
        ]
        return sla_schedule.next_check(moments, now) or False

    # ---------------------------------------------------------------- cron

    @api.model
    def _sla_check_domain(self, now):
        """Claims for which the check has something to do by ``now``."""
        return [("sla_next_check", "<=", now)]

    @api.model
    def _cron_check_sla(self):
        """Every 15 minutes: refresh clock states, warn before a breach and
        escalate, one batch at a time. Each batch is committed with its
        effects and leaves the domain (its next check moves on), so an
        interrupted run loses nothing, a re-run fires nothing twice, and Odoo
        calls again while claims remain."""
        now = fields.Datetime.now()
        domain = self._sla_check_domain(now)
        while True:
            claims = self.search(
                domain, order="sla_next_check, id", limit=CRON_BATCH_SIZE
            )
            claims._check_sla(now)
            remaining = self.search_count(domain) if claims else 0
            time_left = commit_progress(self.env, len(claims), remaining)
            if not remaining or time_left <= 0:
                return

    def _check_sla(self, now):
        """Refresh states from the stored dates and fire due escalations."""
        self._refresh_sla(now, replan=self.browse(), escalate=True)


def _read_work_intervals(calendar, start, end):
    """A calendar's work intervals (public holidays and other leaves
    without a resource excluded, as plan_hours(compute_leaves=True) does),
    in naive UTC."""
    intervals = calendar._work_intervals_batch(
        start.replace(tzinfo=utc), end.replace(tzinfo=utc), compute_leaves=True
    )[False]
    return [
        (
            begin.astimezone(utc).replace(tzinfo=None),
            stop.astimezone(utc).replace(tzinfo=None),
        )
        for begin, stop, _meta in intervals
    ]
