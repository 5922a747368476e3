"""The demo data shows every retention screen: each state, each RFM segment,
losses with their reasons, a client won back, refunds, overdue and late
payments, claims, preferences and a contract ending soon.

On a database installed with demo data (the suite's pytest database) the
demo is there, scanned on install day. Odoo's own runner tests a database
without demo data: there the test first loads the demo data of every
installed module, as Settings > "Load demo data" does, inside its own
transaction, so it checks the same thing everywhere and is never skipped.
"""

from datetime import timedelta

from odoo.modules.loading import force_demo
from odoo.tests import TransactionCase, tagged

from odoo.addons.client_retention.lib.rfm import SEGMENTS

STATES = {"active", "at_risk", "dormant", "lost"}


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("client_retention.client_rila", raise_if_not_found=False):
            force_demo(cls.env)
        cls.company = cls.env.ref("base.main_company")
        cls.Profile = cls.env["client.retention.profile"]
        cls.profiles = cls.Profile.search([("company_id", "=", cls.company.id)])

    def client(self, name):
        return self.env.ref(f"client_retention.client_{name}")

    def profile(self, partner):
        profile = self.profiles.filtered(lambda p: p.partner_id == partner)
        self.assertEqual(len(profile), 1, f"{partner.name} has one profile")
        return profile

    def event(self, partner):
        return self.env["client.churn.event"].search([("partner_id", "=", partner.id)])

    def activities(self, partner, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def reactivation_mails(self, partner):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )

    def test_every_state_and_segment_is_shown(self):
        self.assertLessEqual(STATES, set(self.profiles.mapped("state")))
        segments = set(self.profiles.mapped("rfm_segment")) - {False}
        self.assertEqual(segments, {code for code, _label in SEGMENTS})

    def test_invoices_are_posted_and_never_dated_ahead(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "client_retention"), ("model", "=", "account.move")]
        )
        moves = self.env["account.move"].browse(data.mapped("res_id"))
        self.assertGreater(len(moves), 100)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        scan_day = max(self.profiles.mapped("scan_date"))
        self.assertLessEqual(max(moves.mapped("invoice_date")), scan_day)
        self.assertIn("out_refund", moves.mapped("move_type"))

    def test_a_silent_leave_is_inferred(self):
        volga = self.client("volga")
        profile = self.profile(volga)
        self.assertEqual(profile.state, "lost")
        self.assertFalse(profile.rfm_segment, "lost clients keep no RFM score")
        event = self.event(volga)
        self.assertEqual(len(event), 1)
        self.assertRecordValues(
            event,
            [
                {
                    "state": "lost",
                    "source": "dormancy",
                    "initiated_by": "inferred",
                    "reason_id": self.env.ref(
                        "client_retention.client_exit_reason_silent_leave"
                    ).id,
                    "date": profile.last_purchase_date + timedelta(days=366),
                }
            ],
        )
        self.assertGreater(event.lost_annual_revenue, 0)

    def test_losses_recorded_with_a_reason_and_the_clients_words(self):
        tundra = self.event(self.client("tundra"))
        self.assertRecordValues(
            tundra,
            [
                {
                    "state": "lost",
                    "source": "manual",
                    "initiated_by": "client",
                    "avoidable": True,
                    "retention_attempted": True,
                    "competitor_id": self.env.ref(
                        "client_retention.partner_ledger_partners"
                    ).id,
                }
            ],
        )
        self.assertTrue(tundra.stated_reason and tundra.internal_cause)
        self.assertEqual(tundra.reason_id.category, "competitor")
        zlatna = self.event(self.client("zlatna"))
        self.assertEqual(zlatna.initiated_by, "company")
        self.assertFalse(self.event(self.client("aurora")).avoidable)
        for name in ("tundra", "zlatna", "aurora"):
            self.assertEqual(self.profile(self.client(name)).state, "lost")

    def test_a_lost_client_invoiced_again_is_won_back(self):
        sever = self.client("sever")
        event = self.event(sever)
        came_back = self.env.ref("client_retention.invoice_sever_06")
        self.assertRecordValues(
            event, [{"state": "won_back", "won_back_date": came_back.invoice_date}]
        )
        self.assertGreater(came_back.invoice_date, event.date)
        profile = self.profile(sever)
        self.assertEqual(profile.state, "active")
        self.assertEqual(
            profile.last_purchase_date,
            self.env.ref("client_retention.invoice_sever_07").invoice_date,
        )

    def test_a_client_at_risk_shows_claims_overdue_and_late_payment(self):
        gemini = self.profile(self.env.ref("base.res_partner_3"))
        self.assertEqual(gemini.state, "at_risk")
        self.assertEqual(gemini.risk_level, "high")
        codes = {code for code, _points, _values in gemini.risk_factors}
        self.assertLessEqual(
            {
                "recency",
                "claims",
                "unfounded_claims",
                "sla_breaches",
                "overdue",
                "payment_delay",
            },
            codes,
        )
        self.assertGreater(gemini.overdue_amount, 0)
        self.assertGreaterEqual(gemini.avg_payment_delay_days, 30)

    def test_money_figures(self):
        self.assertGreater(self.profile(self.client("yantra")).overdue_amount, 0)
        self.assertGreater(self.profile(self.client("pirin")).avg_payment_delay_days, 0)
        duplicate = self.env.ref("client_retention.invoice_strandzha_05")
        self.assertEqual(duplicate.payment_state, "reversed")
        refund = self.env.ref("client_retention.refund_vitosha_01")
        self.assertEqual(refund.reversed_entry_id.partner_id, self.client("vitosha"))

    def test_dormant_clients_are_approached_their_way(self):
        reactivation = "client_retention.mail_activity_type_reactivation"
        for name in ("taiga", "dunav", "ural", "chernomore"):
            profile = self.profile(self.client(name))
            self.assertEqual(profile.state, "dormant", name)
            self.assertTrue(profile.dormant_since and profile.reactivation_sent_date)
        taiga = self.client("taiga")
        self.assertEqual(taiga.retention_preferred_channel, "phone")
        self.assertTrue(self.activities(taiga, "mail.mail_activity_data_call"))
        self.assertFalse(self.reactivation_mails(taiga), "Taiga takes calls only")
        ural = self.client("ural")
        self.assertTrue(ural.retention_do_not_call)
        self.assertEqual(len(self.reactivation_mails(ural)), 1)
        self.assertIn("Do not call", self.activities(ural, reactivation).note)

    def test_preferences_and_a_contract_ending_soon(self):
        balkan = self.client("balkan")
        self.assertIn("write, don't call", balkan.retention_preferences_note)
        self.assertEqual(
            self.client("vitosha").retention_preferred_channel, "in_person"
        )
        orbita = self.client("orbita")
        self.assertEqual(self.profile(orbita).rfm_segment, "new")
        scan_day = self.profile(orbita).scan_date
        self.assertLessEqual(
            orbita.retention_contract_end_date, scan_day + timedelta(days=30)
        )
        reminder = self.activities(
            orbita, "client_retention.mail_activity_type_reactivation"
        )
        self.assertEqual(reminder.date_deadline, orbita.retention_contract_end_date)
