"""Mail to a team alias, through Odoo's real mail gateway (message_process)."""

import base64

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ClaimsCase, ClaimsGatewayCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimMailGateway(ClaimsGatewayCase):
    def test_mail_to_the_alias_opens_an_acknowledged_claim(self):
        with freeze_time("2026-11-27 13:00:00"):  # Friday 15:00 in Sofia
            claim = self.Claim.browse(self.receive())
        self.assertEqual(claim.partner_id, self.contact)
        self.assertEqual((claim.team_id, claim.channel), (self.team, "email"))
        self.assertEqual(claim.name, "Chair broken")
        self.assertIn(claim.user_id, self.ana | self.boris)
        ack = claim.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(ack), 1)
        self.assertIn(self.contact, ack.notified_partner_ids)
        self.assertIn(claim.number, ack.subject)
        self.assertIn(claim.user_id.name, ack.body)
        # the deadlines in the customer's language and time zone (Sofia)
        self.assertIn("Mon 30 Nov 2026, 11:00 (Europe/Sofia)", ack.body)
        self.assertIn("Tue 1 Dec 2026, 15:00 (Europe/Sofia)", ack.body)
        # from the team, after the customer's own mail
        self.assertEqual(ack.author_id, self.company.partner_id)
        self.assertIn("care@shop.example", ack.email_from)
        self.assertIn("care@shop.example", ack.reply_to)
        customer_mail = claim.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertGreater(ack.id, customer_mail.id)
        self.assertFalse(claim.first_response_date, "an automatic mail is no answer")
        # the mail carries a link to the claim on the portal, with its token
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", ack.id)])
        self.assertIn(f"access_token={claim.access_token}", str(mail.body_html))

    def test_a_new_claim_mails_the_customer_and_the_responsible_once_each(self):
        self.env = self.env(context={})  # as in production: followers notified
        before = self.env["mail.mail"].sudo().search([])
        claim = self.Claim.browse(self.receive())
        mails = self.env["mail.mail"].sudo().search([("id", "not in", before.ids)])
        by_recipient = sorted(
            (mail.recipient_ids.email, mail.mail_message_id.message_type)
            for mail in mails
        )
        self.assertEqual(
            by_recipient,
            sorted(
                [
                    # the acknowledgement, to the customer only
                    ("ivan@acme.example", "auto_comment"),
                    # the customer's mail itself, to the responsible
                    (claim.user_id.email, "email"),
                ]
            ),
        )

    def test_the_acknowledgement_speaks_the_customers_language(self):
        self.load_languages(["sla_claims"])
        for lang, greeting, answer_by in (
            ("ru_RU", "Здравствуйте", "пн 30 нояб. 2026, 11:00 (Europe/Sofia)"),
            ("bg_BG", "Здравейте", "пн 30 ное 2026, 11:00 (Europe/Sofia)"),
        ):
            with self.subTest(lang=lang):
                self.contact.lang = lang
                with freeze_time("2026-11-27 13:00:00"):
                    claim = self.Claim.browse(self.receive())
                ack = self.acknowledgements(claim)
                self.assertIn(greeting, ack.body)
                self.assertIn(answer_by, ack.body)

    def test_an_unknown_sender_becomes_a_contact_unless_the_team_says_no(self):
        claim = self.Claim.browse(self.receive(sender="new@buyer.example"))
        self.assertEqual(claim.partner_id.email, "new@buyer.example")
        self.team.create_partner = False
        claim = self.Claim.browse(self.receive(sender="other@buyer.example"))
        self.assertFalse(claim.partner_id)
        self.assertEqual(claim.email_from, "other@buyer.example")

    def test_copied_addresses_follow_the_claim(self):
        claim = self.Claim.browse(
            self.receive(headers={"Cc": '"The Boss" <Boss@Acme.example>, b@x.example'})
        )
        self.assertIn("boss@acme.example", claim.message_partner_ids.mapped("email"))
        # the form shows who was copied, normalised as Odoo does
        self.assertEqual(claim.email_cc, '"The Boss" <boss@acme.example>, b@x.example')

    def test_machines_and_our_own_addresses_in_cc_hear_nothing(self):
        cc = (
            "MAILER-DAEMON@mx.acme.example, postmaster@acme.example, "
            "no-reply@acme.example, care@shop.example, colleague@acme.example"
        )
        claim = self.Claim.browse(self.receive(headers={"Cc": cc}))
        followers = claim.message_partner_ids.mapped("email_normalized")
        self.assertIn("colleague@acme.example", followers)
        for address in cc.lower().split(", ")[:4]:
            self.assertNotIn(address, followers)
            self.assertNotIn(address, claim.email_cc or "")
        mailed = self.env["mail.mail"].search(
            [("model", "=", "sla.claim"), ("res_id", "=", claim.id)]
        )
        recipients = " ".join(
            filter(
                None,
                mailed.recipient_ids.mapped("email_normalized")
                + mailed.mapped("email_to"),
            )
        ).lower()
        self.assertIn("ivan@acme.example", recipients)
        for machine in ("mailer-daemon", "postmaster", "no-reply", "care@shop"):
            self.assertNotIn(machine, recipients)

    def test_html_is_sanitised_and_large_attachments_kept(self):
        big = b"%PDF-1.4 " + b"x" * (6 * 1024 * 1024)
        claim = self.Claim.browse(
            self.receive(
                body="<p>See photos</p><script>alert(1)</script>", attachment=big
            )
        )
        self.assertNotIn("<script", claim.description)
        attachment = claim.message_ids.attachment_ids.filtered(
            lambda a: a.name == "photos.pdf"
        )
        self.assertEqual(base64.b64decode(attachment.datas), big)

    def test_machine_written_mail_opens_nothing(self):
        before = self.Claim.search([])
        for headers in (
            {"Auto-Submitted": "auto-replied"},
            {"Precedence": "bulk"},
            {"List-Id": "<deals.shop.example>"},
        ):
            self.receive(subject="Out of office", headers=headers)
        self.receive(sender="MAILER-DAEMON@mx.acme.example", subject="Undelivered")
        self.assertFalse(self.new_claims(before))

    def test_a_reply_without_headers_threads_by_the_claim_number(self):
        claim = self.Claim.browse(self.receive())
        before = self.Claim.search([])
        self.receive(
            subject=f"Re: {claim.number} Chair broken", body="<p>Here is the photo.</p>"
        )
        self.assertFalse(self.new_claims(before))
        self.assertTrue(
            claim.message_ids.filtered(lambda m: "Here is the photo" in m.body)
        )

    def test_threading_by_number_follows_a_renamed_sequence(self):
        self.env.ref("sla_claims.seq_sla_claim").prefix = "RCL-%(y)s-"
        claim = self.Claim.browse(self.receive())
        self.assertTrue(claim.number.startswith("RCL-"))
        before = self.Claim.search([])
        self.receive(subject=f"AW: [{claim.number}] Chair broken", body="<p>Photo</p>")
        self.assertFalse(self.new_claims(before))

    def test_a_stranger_quoting_a_number_gets_a_claim_of_their_own(self):
        claim = self.Claim.browse(self.receive())
        before = self.Claim.search([])
        self.receive(sender="someone@else.example", subject=f"Re: {claim.number}")
        self.assertEqual(len(self.new_claims(before)), 1)

    def test_an_auto_reply_to_a_paused_claim_does_not_resume_it(self):
        claim = self.Claim.browse(self.receive())
        claim.stage_id = self.stage_waiting
        self.receive(
            subject=f"Re: {claim.number}", headers={"Auto-Submitted": "auto-replied"}
        )
        self.assertEqual(claim.stage_id, self.stage_waiting)
        self.receive(subject=f"Re: {claim.number}", body="<p>Answer</p>")
        self.assertEqual(claim.stage_id, self.stage_new)

    def test_a_mail_without_subject_still_opens_a_claim(self):
        claim = self.Claim.browse(self.receive(subject=""))
        self.assertEqual(claim.name, "(no subject)")


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimCustomerMails(ClaimsCase):
    def customer_mails(self, claim):
        return claim.message_ids.filtered(
            lambda m: (
                self.contact in m.notified_partner_ids
                and m.message_type in ("auto_comment", "notification")
            )
        )

    def test_a_pause_and_a_resume_tell_the_customer_about_the_deadlines(self):
        with freeze_time("2026-11-27 08:00:00"):
            claim = self.new_claim()
        with freeze_time("2026-11-27 09:00:00"):
            claim.stage_id = self.stage_waiting
        with freeze_time("2026-11-30 08:00:00"):  # Monday 10:00 Sofia
            claim.stage_id = self.stage_progress
        paused = self.customer_mails(claim).filtered(
            lambda m: "waiting for some information from you" in m.body
        )
        self.assertEqual(len(paused), 1)
        notice = self.customer_mails(claim).filtered(
            lambda m: "deadlines moved" in m.body
        )
        self.assertEqual(len(notice), 1)
        # paused Friday 11-17 and Monday 9-10 (Sofia): 7 working hours, so
        # 16 + 7 hours from Friday 10:00 end on Tuesday 17:00
        self.assertEqual(claim.paused_hours, 7.0)
        self.assertIn("Tue 1 Dec 2026, 17:00 (Europe/Sofia)", notice.body)
        # moved on by hand: nobody thanks the customer for an answer not given
        self.assertNotIn("Thank you for your answer", notice.body)
        self.assertNotIn("please see our last message", paused.body)

    def test_waiting_on_an_answer_to_our_question_and_getting_it(self):
        with freeze_time("2026-11-27 08:00:00"):
            claim = self.new_claim()
        with freeze_time("2026-11-27 09:00:00"):
            claim.with_user(self.ana).message_post(
                body="Which colour did you order?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            claim.with_user(self.ana).stage_id = self.stage_waiting
        asked = self.customer_mails(claim).filtered(
            lambda m: "please see our last message and reply to it" in m.body
        )
        self.assertEqual(len(asked), 1)
        with freeze_time("2026-11-27 10:00:00"):
            claim.message_post(
                body="Green.",
                author_id=self.contact.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )
        thanked = self.customer_mails(claim).filtered(
            lambda m: "Thank you for your answer" in m.body
        )
        self.assertEqual(len(thanked), 1)

    def test_a_customer_without_email_is_flagged_on_the_claim(self):
        silent = self.env["res.partner"].create({"name": "Phone-only Ltd"})
        claim = self.new_claim(partner_id=silent.id)
        note = claim.message_ids.filtered(
            lambda m: "the customer has no email address" in m.body
        )
        self.assertTrue(note.subtype_id.internal)
        self.assertFalse(self.customer_mails(claim))

    def test_resolution_sends_a_summary_and_a_rating_request(self):
        with freeze_time("2026-11-27 08:00:00"):
            claim = self.new_claim()
        with freeze_time("2026-11-27 12:00:00"):
            claim.stage_id = self.stage_resolved
        summary = self.customer_mails(claim).filtered(lambda m: "is resolved" in m.body)
        self.assertEqual(len(summary), 1)
        self.assertIn("within the promised time", summary.body)
        rating = claim.rating_ids.filtered(lambda r: r.partner_id == self.contact)
        self.assertIn(f"/rate/{rating.access_token}/5", summary.body)
        claim.rating_apply(5, token=rating.access_token, feedback="Quick and kind")
        self.assertEqual(claim.rating_last_value, 5)
        # the automatic mails are no answer, but resolving in time keeps both promises
        self.assertFalse(claim.first_response_date)
        self.assertEqual(claim.sla_response_state, "met")


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimMalformedMail(ClaimsCase):
    def test_malformed_mail_does_not_crash_the_gateway(self):
        alias_domain = self.env["mail.alias.domain"].create({"name": "odd.example"})
        self.company.alias_domain_id = alias_domain
        self.team.write({"alias_name": "odd", "alias_domain_id": alias_domain.id})
        raw = (
            b"From: =?bogus-charset?Q?Iv=E1n?= <ivan@acme.example>\r\n"
            b"To: odd@odd.example\r\n"
            b"Subject: =?utf-8?B?broken base64!!?=\r\n"
            b"Message-Id: <malformed-1@acme.example>\r\n"
            b"Content-Type: text/plain; charset=unknown-8bit\r\n"
            b"\r\n"
            b"Caf\xe9 \xff\xfe chair broken\r\n"
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            claim_id = self.env["mail.thread"].message_process(
                None, raw.decode("latin-1")
            )
        claim = self.env["sla.claim"].browse(claim_id)
        self.assertTrue(claim.exists())
        self.assertEqual(claim.partner_id, self.contact)
        self.assertIn("chair broken", claim.description)
