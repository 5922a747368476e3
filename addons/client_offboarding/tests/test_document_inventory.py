from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import freeze_all_time

from .common import OffboardingCase

INVENTORY_CRON = "client_offboarding.ir_cron_quarterly_inventory"


@tagged("post_install", "-at_install", "client_offboarding")
class TestDocumentInventory(OffboardingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Inventory = cls.env["client.document.inventory"]
        cls.lost_client = cls.make_client("Gone Ltd")
        cls.no_manager_client = cls.make_client("Orphan Ltd")

    def setUp(self):
        super().setUp()
        with freeze_all_time(datetime(2026, 5, 10, 10, 0)):
            for client in (self.client, self.lost_client, self.no_manager_client):
                self.invoice(client, 10)
            self.run_scan()
        Profile = self.env["client.retention.profile"]
        Profile._set_state(self.company, self.lost_client.ids, "lost")

    def inventories(self, client=None):
        return self.Inventory.search(
            [
                ("partner_id", "=", (client or self.client).id),
                ("kind", "=", "quarterly"),
            ]
        )

    def test_shipped_document_types_hold_the_accounting_policy_as_mandatory(self):
        self.assertTrue(self.policy.mandatory_on_handover)
        self.assertEqual(self.policy.code, "ACC_POLICY")
        self.assertGreater(self.policy.retention_years, 0)
        self.assertGreaterEqual(len(self.mandatory_types), 3)

    @freeze_all_time(datetime(2026, 5, 20, 10, 0))
    def test_one_draft_inventory_per_active_client_with_documents_and_quarter(self):
        quiet = self.make_client("Quiet Ltd", user_id=self.account_manager.id)
        self.invoice(quiet, 10)
        self.run_scan()
        Profile = self.env["client.retention.profile"]
        Profile._set_state(self.company, self.lost_client.ids, "lost")
        for client in (self.client, self.lost_client, self.no_manager_client):
            self.attach(client, "Signed contract.pdf")
        self.run_cron(INVENTORY_CRON)
        inventory = self.inventories()
        self.assertEqual(len(inventory), 1)
        self.assertEqual(inventory.period, "2026-Q2")
        self.assertEqual(inventory.state, "draft")
        self.assertFalse(self.inventories(self.lost_client), "a lost client has none")
        self.assertFalse(self.inventories(quiet), "nothing to list, no inventory")
        self.assertEqual(len(self.inventories(self.no_manager_client)), 1)
        activity = inventory.activity_ids
        self.assertEqual(activity.user_id, self.account_manager)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("client_offboarding.mail_activity_type_inventory"),
        )
        self.assertEqual(activity.date_deadline, date(2026, 6, 30))
        self.assertIn("2026-Q2", activity.summary)
        self.run_cron(INVENTORY_CRON)
        self.run_cron(INVENTORY_CRON)
        self.assertEqual(len(self.inventories()), 1, "re-runs create nothing")
        self.assertEqual(len(self.inventories().activity_ids), 1)

    @freeze_all_time(datetime(2026, 5, 20, 10, 0))
    def test_one_to_do_per_account_manager_until_the_last_is_confirmed(self):
        more = self.Partner.union(
            *(
                self.make_client(f"Client {n} Ltd", user_id=self.account_manager.id)
                for n in range(3)
            )
        )
        for client in more:
            self.invoice(client, 10)
        self.run_scan()
        for client in more | self.client:
            self.attach(client, "Signed contract.pdf")
        self.run_cron(INVENTORY_CRON)
        drafts = self.Inventory.search(
            [("partner_id", "in", (more | self.client).ids), ("kind", "=", "quarterly")]
        )
        self.assertEqual(len(drafts), 4)
        self.assertEqual(len(drafts.activity_ids), 1, "one to-do, not one a client")
        mine = drafts.with_user(self.account_manager)
        for inventory in mine:
            self.assertEqual(len(drafts.activity_ids), 1)
            inventory.action_confirm()
        self.assertFalse(drafts.activity_ids, "done with the last one confirmed")
        done = self.env["mail.message"].search(
            [
                (
                    "mail_activity_type_id",
                    "=",
                    self.env.ref("client_offboarding.mail_activity_type_inventory").id,
                ),
                ("model", "=", "client.document.inventory"),
                ("res_id", "in", drafts.ids),
            ]
        )
        self.assertEqual(len(done), 1, "marked done once")

    def test_never_two_quarterly_inventories_for_one_client_and_quarter(self):
        values = {"partner_id": self.client.id, "date": date(2026, 5, 1)}
        self.Inventory.create(values)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.Inventory.create(values)
        self.Inventory.create({**values, "kind": "handover"})

    def test_carried_forward_from_the_last_confirmed_one_plus_new_files(self):
        with freeze_all_time(datetime(2026, 5, 20, 10, 0)):
            self.attach(self.client, "Accounting policy 2026.pdf")
            self.run_cron(INVENTORY_CRON)
            q2 = self.inventories()
            self.assertEqual(q2.line_ids.mapped("name"), ["Accounting policy 2026.pdf"])
            q2.line_ids.write(
                {
                    "document_type_id": self.policy.id,
                    "medium": "paper",
                    "location": "Binder 1",
                }
            )
            q2.with_user(self.account_manager).action_confirm()
            self.assertEqual(q2.state, "confirmed")
            self.assertFalse(q2.activity_ids, "confirming closes the activity")
        with freeze_all_time(datetime(2026, 8, 3, 10, 0)):
            self.attach(self.client, "Q3 bank statements.pdf")
            self.run_cron(INVENTORY_CRON)
        q3 = self.inventories() - q2
        self.assertEqual(q3.period, "2026-Q3")
        self.assertEqual(q3.state, "draft")
        carried = q3.line_ids.filtered(lambda x: x.document_type_id == self.policy)
        self.assertEqual(carried.location, "Binder 1")
        self.assertEqual(carried.medium, "paper")
        self.assertEqual(carried.attachment_ids, q2.line_ids.attachment_ids)
        self.assertEqual(
            sorted(q3.line_ids.mapped("name")),
            ["Accounting policy 2026.pdf", "Q3 bank statements.pdf"],
        )
        self.assertEqual(len(self.inventories()), 2)

    def test_a_draft_inventory_is_not_carried(self):
        with freeze_all_time(datetime(2026, 5, 20, 10, 0)):
            self.attach(self.client, "Draft only.pdf")
            self.run_cron(INVENTORY_CRON)
        with freeze_all_time(datetime(2026, 8, 3, 10, 0)):
            self.run_cron(INVENTORY_CRON)
        q3 = self.inventories().filtered(lambda i: i.period == "2026-Q3")
        self.assertFalse(q3, "an unconfirmed list leaves nothing to carry")

    @freeze_all_time(datetime(2026, 5, 20, 10, 0))
    def test_account_managers_see_their_clients_inventories(self):
        self.attach(self.client, "Signed contract.pdf")
        self.run_cron(INVENTORY_CRON)
        mine = self.Inventory.with_user(self.account_manager).search([])
        self.assertIn(self.inventories(), mine)
        self.assertFalse(
            self.Inventory.with_user(self.other_manager).search(
                [("partner_id", "=", self.client.id)]
            )
        )

    def test_a_confirmed_inventory_is_a_record_and_its_state_follows_the_buttons(self):
        inventory = self.Inventory.create(
            {
                "partner_id": self.client.id,
                "line_ids": [(0, 0, {"document_type_id": self.policy.id})],
            }
        )
        Inventory = inventory.with_user(self.account_manager)
        with self.assertRaisesText(AccessError, "Press “Confirm”"):
            Inventory.write({"state": "confirmed"})
        Inventory.action_confirm()
        self.assertEqual(inventory.confirmed_by_id, self.account_manager)
        line = inventory.line_ids.with_user(self.account_manager)
        with self.assertRaisesText(UserError, "reset it to draft"):
            line.location = "Somewhere else"
        with self.assertRaisesText(UserError, "reset it to draft"):
            Inventory.date = date(2020, 1, 1)

    @freeze_all_time(datetime(2026, 5, 20, 10, 0))
    def test_each_company_keeps_its_own_inventory(self):
        Profile = self.env["client.retention.profile"]
        Profile._set_state(self.other_company, self.client.ids, "active")
        self.attach(self.client, "Signed contract.pdf")
        self.run_cron(INVENTORY_CRON)
        inventories = self.inventories()
        self.assertEqual(inventories.company_id, self.company | self.other_company)
        self.assertEqual(
            self.Inventory.with_user(self.retention_manager).search(
                [("partner_id", "=", self.client.id)]
            ),
            inventories.filtered(lambda i: i.company_id == self.company),
        )
