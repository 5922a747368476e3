import json
import logging
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.sla_claims.models.cron_progress import commit_progress, retried_soon

from ..lib import dormancy, purchases, rfm, risk, snapshot
from ..lib.snapshot import number as _number
from . import retention_sql

_logger = logging.getLogger(__name__)

SCAN_BATCH_SIZE = 1000
NO_CLAIMS = (0, 0, 0, 0, 0)


class ClientRetentionScan(models.AbstractModel):
    """The nightly retention scan: figures, RFM, risk, dormancy and loss."""

    _name = "client.retention.scan"
    _description = "Client Retention Scan"

    @api.model
    def _run(self):
        """Every client of every company, in batches committed one by one.

        A batch leaves the queue by its ``scan_date``, and each effect (mail,
        activity, inferred loss) is decided from what the previous scans
        stored, so an interrupted run loses nothing and a re-run the same day
        repeats nothing.
        """
        today = fields.Date.context_today(self)
        with retried_soon(self.env, "client_retention.ir_cron_retention_scan"):
            for company in self.env["res.company"].sudo().search([]):
                if not self._run_company(company, today):
                    return  # out of time: the scheduler calls again at once
            self._contract_reminders(today)

    @api.model
    def _run_company(self, company, today):
        """Scan the company's clients due today; False when time ran out."""
        cr = self.env.cr
        self.env.flush_all()  # the scan reads in SQL what was just written
        retention_sql.seed_profiles(cr, company.id, self.env.uid)
        # yesterday's activities over the daily caps come before today's
        self.env["client.retention.assignment"].sudo()._hand_out_waiting(company, today)
        while True:
            ids, remaining = retention_sql.next_batch(
                cr, company.id, today, SCAN_BATCH_SIZE
            )
            if ids:
                self._scan_batch(company, ids, today)
            time_left = commit_progress(
                self.env, len(ids), max(remaining - len(ids), 0)
            )
            if not ids or len(ids) == remaining:
                break
            if time_left <= 0:
                return False
        self._score_rfm(company, today)
        self.env["client.retention.campaign"].sudo()._send(company, today)
        commit_progress(self.env, 0)
        return True

    @api.model
    def _refresh(self, partners, companies=None):
        """Rescan a few clients now (a survey answered, a loss recorded)."""
        self.env.flush_all()  # the scan reads in SQL what was just written
        today = fields.Date.context_today(self)
        clients = partners.commercial_partner_id
        companies = (
            companies
            or self.env["client.retention.profile"]
            .sudo()
            .search([("partner_id", "in", clients.ids)])
            .company_id
            or self.env.company
        )
        for company in companies:
            self._scan_batch(company, clients.ids, today)

    @api.model
    def _leaving_ids(self, company, partner_ids):
        """Clients whose departure is under way (client_offboarding fills it)."""
        return set()

    # ------------------------------------------------------------ one batch

    @api.model
    def _scan_batch(self, company, partner_ids, today):
        settings = company._retention_settings()
        win = snapshot.windows(today, settings)
        cr = self.env.cr
        bought = retention_sql.purchase_figures(
            cr, company.id, partner_ids, snapshot.purchase_windows(win)
        )
        paid = retention_sql.payment_figures(
            cr, company.id, partner_ids, today, win.year_start
        )
        claims = {}
        if retention_sql.company_has_claims(cr, company.id):
            claims = retention_sql.claim_figures(
                cr,
                company.id,
                partner_ids,
                win.claims_start,
                win.sla_start,
                win.ratings_start,
            )
            no_claims = NO_CLAIMS
        else:
            no_claims = None  # no claims recorded at all: no data, not zero
        satisfaction = retention_sql.satisfaction(cr, partner_ids)
        kept = retention_sql.profile_state(cr, company.id, partner_ids)
        leaving = self._leaving_ids(company, partner_ids)
        rows, effects = [], defaultdict(list)
        for partner_id in partner_ids:
            if partner_id not in kept:
                continue  # deleted meanwhile
            client = _Client(partner_id, bought.get(partner_id), win, settings)
            row = client.judge(
                kept[partner_id],
                paid.get(partner_id, (None, None)),
                claims.get(partner_id, no_claims),
                satisfaction.get(partner_id),
                partner_id in leaving,
                effects,
            )
            rows.append((partner_id, company.id, *row, today))
        profiles = self.env["client.retention.profile"]
        profiles._upsert(rows)
        self.env["client.retention.effects"]._apply(company, effects, today)

    @api.model
    def _score_rfm(self, company, today):
        """RFM quintiles over the company's active clients, in one pass."""
        cr = self.env.cr
        inputs = {
            partner_id: rfm.RfmInput(days, count, _number(amount))
            for partner_id, days, count, amount in retention_sql.rfm_inputs(
                cr, company.id, today
            )
        }
        scores = rfm.rfm_scores(inputs)
        retention_sql.write_rfm(
            cr,
            company.id,
            [(key, s.r, s.f, s.m, s.segment) for key, s in scores.items()],
        )
        self.env["client.retention.profile"]._invalidate_retention_caches()

    @api.model
    def _contract_reminders(self, today):
        """A retention activity (and mail if enabled) a set number of days
        before each known contract end, once per end date."""
        Partner = self.env["res.partner"].sudo()
        horizon = max(
            self.env["res.company"]
            .sudo()
            .search([])
            .mapped("retention_contract_notice_days")
            or [0]
        )
        candidates = Partner.search(
            [
                ("retention_contract_end_date", ">=", today),
                (
                    "retention_contract_end_date",
                    "<=",
                    fields.Date.add(today, days=horizon),
                ),
            ]
        )
        due = candidates.filtered(
            lambda p: (
                p.retention_contract_reminded_date != p.retention_contract_end_date
                and fields.Date.subtract(
                    p.retention_contract_end_date,
                    days=(
                        p.company_id or self.env.company
                    ).retention_contract_notice_days,
                )
                <= today
            )
        )
        if due:
            self.env["client.retention.effects"]._remind_contract_end(due)


class _Client:
    """One client's figures turned into its profile row and due effects."""

    def __init__(self, partner_id, bought, win, settings):
        self.partner_id = partner_id
        self.bought = bought or {}
        self.win = win
        self.settings = settings
        self.figures = snapshot.figures(self.bought, win.today)

    def risk(self, paid, claims, satisfaction):
        entry = snapshot.risk_input(
            self.bought,
            self.figures,
            paid,
            claims,
            satisfaction,
            self.win,
            self.settings,
        )
        return risk.score(entry, self.settings)

    def judge(self, kept, paid, claims, satisfaction, leaving, effects):
        """The profile columns after ``partner_id, company_id`` (see
        ``SCAN_COLUMNS``), and the effects due, added to ``effects``."""
        user_id, sent, high_since, lost, scanned = kept
        figures, s = self.figures, self.settings
        result = self.risk(paid, claims, satisfaction)
        silence = dormancy.assess(
            figures.last_purchase,
            figures.avg_interval_days,
            self.win.today,
            sent or None,
            floor_days=s.dormancy_floor_days,
            factor=s.dormancy_factor,
            silent_leave_days=s.silent_leave_days,
        )
        if silence.silent_leave and not lost:
            effects["silent_leave"].append((self.partner_id, silence))
            lost = True
        high_since, backlog = high_since or None, False
        if not lost:
            alert, episode = risk.high_risk_alert(result.level, bool(high_since))
            if alert and not (silence.dormant or leaving):
                # the first scan records the episode; it alerts nobody. A
                # dormant client gets its reactivation instead, not both.
                if scanned:
                    effects["high_risk"].append((self.partner_id, result))
                high_since = self.win.today
            elif not episode:
                high_since = None
            action = dormancy.reactivation_action(
                silence.send_reactivation and not leaving,
                not scanned,
                silence.dormant_since,
                self.win.today,
            )
            if action == dormancy.SEND:
                effects["reactivation"].append(self.partner_id)
                sent = self.win.today
            backlog = action == dormancy.BACKLOG
        if lost:
            result = risk.RiskResult(0, None, [])  # a lost client is no risk
        state = dormancy.retention_state(
            has_purchase=figures.last_purchase is not None,
            dormant=silence.dormant,
            lost=lost,
            leaving=leaving,
            high_risk=result.level == risk.HIGH,
        )
        return (
            user_id,
            state,
            figures.first_purchase,
            figures.last_purchase,
            purchases.revenue(_number(self.bought.get("revenue_12m"))),
            self.bought.get("count_12m", 0),
            figures.avg_invoice,
            figures.avg_interval_days,
            figures.invoices_per_year,
            figures.annual_revenue,
            _number(paid[0]) or 0.0,
            _number(paid[1]),
            result.score,
            result.level,
            json.dumps(result.factors),
            _number(satisfaction),
            silence.dormant_since,
            sent or None,
            high_since,
            backlog,
        )
