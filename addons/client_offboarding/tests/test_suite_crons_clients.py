"""The clients' crons (retention scan, churn alarm, quarterly inventories,
overdue escalations), interrupted halfway and run again: see
``test_suite_crons`` for the proof."""

from datetime import datetime, time, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.client_offboarding.models import (
    client_document_inventory_quarterly,
    client_offboarding_handover,
)
from odoo.addons.client_retention.models import (
    client_retention_profile,
    client_retention_scan,
)
from odoo.addons.sla_claims.models.cron_progress import RETRY_DELAY

from .common import OffboardingCase
from .test_suite_crons import CronRestartMixin

ALARM_CRON = "client_retention.ir_cron_churn_alert"


@tagged("post_install", "-at_install")
class TestClientCronsRestart(CronRestartMixin, OffboardingCase):
    """The crons of client_retention and client_offboarding."""

    def clients(self, prefix, count, **values):
        return self.Partner.union(
            *(self.make_client(f"{prefix} {n}", **values) for n in range(count))
        )

    def profiles(self):
        """Every profile row the scan writes, by client and company."""
        self.env.flush_all()
        columns = ", ".join(
            [*client_retention_profile.SCAN_COLUMNS[1:], "rfm_r", "rfm_f", "rfm_m"]
        )
        self.env.cr.execute(
            f"SELECT partner_id, {columns}, rfm_segment FROM client_retention_profile"
            " ORDER BY partner_id, company_id"
        )
        return self.env.cr.fetchall()

    def test_retention_scan_interrupted_and_run_again(self):
        """Nine clients (dormant, silently gone, phone only, active, a
        contract ending): five batches of two, and the reminders after."""
        # watched since 25 days ago (a first scan writes to nobody): the
        # dormancies and the silent leave begin since then
        histories = {
            "Sleepy": [200, 170, 140, 110],  # dormant: a mail and an activity
            "Vanished": [690, 590, 490, 390],  # silent leave: a churn event
            "Caller": [200, 170, 140, 110],  # dormant, phone only: a call
            "Steady": [40, 25, 10],  # active: figures only
        }
        clients = self.Partner
        for n, (name, days) in enumerate([*histories.items()] * 2):
            phone = "phone" if name == "Caller" else False
            client = self.make_client(
                f"{name} {n}",
                user_id=self.account_manager.id,
                retention_preferred_channel=phone,
            )
            self.invoices(client, days)
            clients |= client
        clients |= self.make_client("Renewing", user_id=self.account_manager.id)
        self.invoices(clients[-1], [40, 25, 10])
        clients[-1].retention_contract_end_date = self.today + timedelta(days=10)
        self.watched_since(25)
        scan = self.env.ref("client_retention.ir_cron_retention_scan")
        Trigger = self.env["ir.cron.trigger"]
        known = Trigger.search([]).ids

        def state():
            reminded = clients.sorted("id").mapped("retention_contract_reminded_date")
            return self.profiles(), reminded

        def retried_soon():
            # retried_soon runs in the job's transaction (in test mode its
            # commit releases a savepoint), so its trigger is observable here;
            # the job calls the action twice (see the module docstring): a
            # trigger each time, 30 minutes ahead
            retries = Trigger.search(
                [("cron_id", "=", scan.id), ("id", "not in", known)]
            )
            self.assertTrue(retries, "a failed scan is retried soon")
            for retry in retries:
                delay = retry.call_at - retry.create_date
                self.assertAlmostEqual(
                    delay.total_seconds(),
                    RETRY_DELAY.total_seconds(),
                    delta=60,
                )

        with patch.object(client_retention_scan, "SCAN_BATCH_SIZE", 2):
            whole = self.assertRestartable(
                "client_retention.ir_cron_retention_scan",
                "client.retention.scan",
                "_scan_batch",
                state,
                after_failure=retried_soon,
            )
        made, mine = whole[0], set(clients.ids)
        events = [n for k, n in made["client.churn.event"].items() if k[0] in mine]
        self.assertEqual(sum(events), 2)  # the vanished clients
        mails = [n for k, n in made["mail.mail"].items() if k[0][1] in mine]
        self.assertEqual(sum(mails), 2)  # the sleepy clients
        todos = [n for k, n in made["mail.activity"].items() if k[0][1] in mine]
        self.assertEqual(sum(todos), 5)  # and the callers, and the renewal

    def alarm_world(self):
        """Three companies, first in the cron's order, each with a quarter of
        its clients lost in the last 12 months: one alarm each, one company
        a batch."""
        companies = self.env["res.company"].create(
            [{"name": f"Alarm Co {n}", "sequence": n - 9} for n in range(3)]
        )
        for company in companies:
            self.ensure_chart(company)
        self.retention_manager.company_ids = [Command.link(c.id) for c in companies]
        month = self.today.replace(day=1)
        bought = (self.today - (month - relativedelta(months=14))).days
        price = self.env.ref("client_retention.client_exit_reason_price_increase")
        for company in companies:
            clients = self.clients(f"Alarm {company.name}", 4, company_id=False)
            for client in clients:
                self.invoice(client, bought, company=company)
            self.env["client.churn.event"].create(
                {
                    "partner_id": clients[0].id,
                    "company_id": company.id,
                    "date": month - relativedelta(months=2),
                    "reason_id": price.id,
                }
            )
        return companies

    def test_churn_alarm_interrupted_and_run_again(self):
        companies = self.alarm_world()
        whole = self.assertRestartable(
            ALARM_CRON, "client.churn.alert", "_check_company_month"
        )
        alerts = whole[0]["client.churn.alert"]
        self.assertLessEqual(set(companies.ids), {key[0][1] for key in alerts})

    def test_churn_alarm_interrupted_is_called_again_within_its_month(self):
        """The test above runs the cron again by hand. Under the scheduler,
        the companies an interrupted run did not reach get this month's
        alarm only if Odoo calls the cron again within the month: the next
        month's run checks the next month."""
        companies = self.alarm_world()
        cron = self.env.ref(ALARM_CRON)
        self.run_failing(cron, "client.churn.alert", "_check_company_month", 2)
        alerts = self.env["client.churn.alert"].search([])
        self.assertEqual(alerts.company_id & companies, companies[0])
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        next_call = min([cron.nextcall, *triggers.mapped("call_at")])
        month_end = self.today.replace(day=1) + relativedelta(months=1)
        self.assertLess(
            next_call,
            datetime.combine(month_end, time.min),
            "an interrupted churn alarm is called again within its month",
        )

    def test_quarterly_inventory_interrupted_and_run_again(self):
        """Six active clients, four with something to list (one the lines of
        its last confirmed inventory, three new files), and a lost one: four
        inventories in two batches of two, and one to-do for the account
        manager of three of them, whatever the batches."""
        Inventory = self.env["client.document.inventory"]
        clients = self.clients("Held", 5, user_id=self.account_manager.id)
        clients |= self.clients("Unmanaged", 1)
        gone = self.clients("Gone", 1)
        Profile = self.env["client.retention.profile"]
        Profile._set_state(self.company, clients.ids, "active")
        Profile._set_state(self.company, gone.ids, "lost")
        last = Inventory.create(
            {
                "partner_id": clients[0].id,
                "date": self.today - timedelta(days=100),
                "line_ids": [
                    Command.create(
                        {"document_type_id": self.policy.id, "location": "Binder 1"}
                    )
                ],
            }
        )
        last.action_confirm()
        for client in clients[1:3] | clients[5]:
            self.env["ir.attachment"].create(
                {
                    "name": f"{client.name} statements.pdf",
                    "res_model": "res.partner",
                    "res_id": client.id,
                    "raw": b"scan",
                }
            )
        with patch.object(
            client_document_inventory_quarterly, "INVENTORY_BATCH_SIZE", 2
        ):
            whole = self.assertRestartable(
                "client_offboarding.ir_cron_quarterly_inventory",
                "client.document.inventory",
                "_create_quarterly",
            )
        made, mine = whole[0], set(clients.ids)
        for model, count in (
            ("client.document.inventory", 4),
            ("client.document.inventory.line", 4),
            ("mail.activity", 1),
        ):
            ours = [n for key, n in made[model].items() if key[0][1] in mine]
            self.assertEqual(sum(ours), count, model)

    def test_overdue_escalation_interrupted_and_run_again(self):
        """Three draft cases past their last day, one at notice past both
        dates, one in handover past its deadline: six escalations, three
        batches of two."""
        past = self.today - timedelta(days=200)
        leaving = self.clients("Leaving", 5, user_id=self.account_manager.id)
        cases = self.Case.create(
            [{"partner_id": client.id, "request_date": past} for client in leaving[:3]]
        )
        cases |= self.case_to_notice(partner_id=leaving[3].id, request_date=past)
        cases |= self.case_to_handover(partner_id=leaving[4].id, request_date=past)

        def state():
            return [
                (
                    case.partner_id.id,
                    case.escalated_end_date,
                    case.escalated_handover_deadline,
                )
                for case in cases.sorted("id")
            ]

        with patch.object(client_offboarding_handover, "ESCALATION_BATCH_SIZE", 2):
            # _escalate works one case at a time: fail on the second case of
            # the second batch, the first one escalated in the same batch
            whole = self.assertRestartable(
                "client_offboarding.ir_cron_escalate_overdue",
                "client.offboarding",
                "_escalate",
                state,
                fail_from=4,
            )
        escalated = [(bool(end), bool(handover)) for _p, end, handover in whole[1]]
        self.assertEqual(escalated, [(True, False)] * 3 + [(True, True), (False, True)])
