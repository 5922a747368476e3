from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import RetentionCase


@tagged("post_install", "-at_install", "client_retention")
class TestClientExitReason(RetentionCase):
    def test_shipped_reasons_cover_both_sides_of_a_parting(self):
        reasons = self.Reason.search([])
        by_xmlid = {
            xmlid.split(".")[1]: reason
            for reason, xmlid in zip(
                reasons, reasons.get_external_id().values(), strict=True
            )
            if xmlid.startswith("client_retention.")
        }
        self.assertEqual(len(by_xmlid), 19)
        late_payer = by_xmlid["client_exit_reason_chronic_late_payment"]
        self.assertEqual(late_payer.initiated_by_default, "company")
        self.assertEqual(late_payer.category, "company_initiated")
        competitor = by_xmlid["client_exit_reason_competitor_offer"]
        self.assertEqual(
            (
                competitor.category,
                competitor.avoidable,
                competitor.initiated_by_default,
            ),
            ("competitor", True, "client"),
        )
        silent = by_xmlid["client_exit_reason_silent_leave"]
        self.assertEqual(silent.category, "unknown")

    def test_shipped_reasons_speak_russian_and_bulgarian(self):
        self.load_languages(["client_retention"])
        reason = self.env.ref("client_retention.client_exit_reason_price_increase")
        self.assertEqual(reason.with_context(lang="ru_RU").name, "Повышение цен")
        self.assertEqual(reason.with_context(lang="bg_BG").name, "Поскъпване")
        self.assertEqual(reason.with_context(lang="en_US").name, "Price increase")

    def test_a_name_is_unique_whatever_its_case_and_spacing(self):
        Reason = self.Reason.with_user(self.retention_manager)
        with self.assertRaisesText(ValidationError, "already exists for all companies"):
            Reason.create({"name": "  price   INCREASE "})

    def test_a_company_reason_may_not_repeat_a_shared_one(self):
        with self.assertRaisesText(ValidationError, "already exists for all companies"):
            self.Reason.create({"name": "Relocation", "company_id": self.company.id})

    def test_companies_may_each_have_their_own_reason_of_the_same_name(self):
        mine = self.Reason.create({"name": "Merger", "company_id": self.company.id})
        theirs = self.Reason.create(
            {"name": "Merger", "company_id": self.other_company.id}
        )
        self.assertTrue(mine and theirs)
        with self.assertRaisesText(ValidationError, "already exists for Other Company"):
            self.Reason.create({"name": "merger", "company_id": self.other_company.id})
        # shared, it would clash with both companies' own reasons
        with self.assertRaises(ValidationError):
            self.Reason.create({"name": "Merger"})

    def test_renaming_into_an_existing_name_is_refused(self):
        reason = self.Reason.create({"name": "Moved abroad"})
        with self.assertRaises(ValidationError):
            reason.name = "Relocation"
        self.assertEqual(reason.name, "Moved abroad")

    def test_an_archived_reason_is_restored_not_recreated(self):
        old = self.Reason.create({"name": "Seasonal business"})
        old.action_archive()
        with self.assertRaisesText(ValidationError, "archived.*Restore it"):
            self.Reason.create({"name": "Seasonal business"})

    def test_a_blank_name_is_refused(self):
        with self.assertRaisesText(ValidationError, "Give the exit reason a name"):
            self.Reason.create({"name": "   "})

    def test_archived_reasons_are_not_offered(self):
        old = self.Reason.create({"name": "Discontinued service"})
        Reason = self.Reason.with_user(self.retention_user)
        self.assertIn(old, Reason.search([("name", "ilike", "Discontinued")]))
        old.action_archive()
        self.assertFalse(Reason.search([("name", "ilike", "Discontinued")]))
        self.assertFalse(Reason.name_search("Discontinued"))
        # but it stays readable where it was already used, and can be restored
        self.assertEqual(
            old.with_user(self.retention_user).name, "Discontinued service"
        )
        old.with_user(self.retention_manager).action_unarchive()
        self.assertTrue(Reason.name_search("Discontinued"))

    def test_a_user_sees_shared_reasons_and_their_companys_only(self):
        theirs = self.Reason.create(
            {"name": "Their own reason", "company_id": self.other_company.id}
        )
        mine = self.Reason.create(
            {"name": "Our own reason", "company_id": self.company.id}
        )
        visible = self.Reason.with_user(self.retention_user).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        self.assertIn(
            self.env.ref("client_retention.client_exit_reason_relocation"), visible
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.retention_user).read(["name"])

    def test_only_managers_configure_reasons(self):
        with self.assertRaises(AccessError):
            self.Reason.with_user(self.retention_user).create({"name": "Too far"})
        reason = self.env.ref("client_retention.client_exit_reason_relocation")
        with self.assertRaises(AccessError):
            reason.with_user(self.retention_user).write({"avoidable": True})
        created = self.Reason.with_user(self.retention_manager).create(
            {"name": "Too far", "category": "relocation"}
        )
        created.with_user(self.retention_manager).action_archive()
        self.assertFalse(created.active)
