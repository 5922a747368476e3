from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClaimsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimResponse(ClaimsCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-11-27 08:00:00"):
            self.claim = self.new_claim()

    def test_notes_and_stage_changes_do_not_count_as_an_answer(self):
        claim = self.claim.with_user(self.ana)
        with freeze_time("2026-11-27 09:00:00"):
            claim.message_post(
                body="Called the warehouse.",
                subtype_xmlid="mail.mt_note",
                message_type="comment",
            )
            claim.stage_id = self.stage_progress
        self.assertFalse(self.claim.first_response_date)
        self.assertEqual(self.claim.sla_response_state, "running")

    def test_the_first_public_answer_to_the_customer_stops_the_response_clock(self):
        with freeze_time("2026-11-27 09:30:00"):
            self.claim.with_user(self.ana).message_post(
                body="We replace the goods tomorrow.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(str(self.claim.first_response_date), "2026-11-27 09:30:00")
        self.assertEqual(self.claim.sla_response_state, "met")
        with freeze_time("2026-11-27 10:00:00"):
            self.claim.with_user(self.boris).message_post(
                body="Follow-up",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(str(self.claim.first_response_date), "2026-11-27 09:30:00")

    def test_the_customer_writing_is_not_an_answer(self):
        with freeze_time("2026-11-27 09:00:00"):
            self.claim.message_post(
                body="Any news?",
                author_id=self.contact.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(self.claim.first_response_date)
