"""Hostile and odd mail through the real gateway: spoofed and lookalike
senders, loops and auto-replies, broken charsets, senders without address."""

from odoo import Command
from odoo.tests import tagged

from .common import ClaimsGatewayCase


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimSenders(ClaimsGatewayCase):
    def setUp(self):
        super().setUp()
        self.claim = self.Claim.browse(self.receive())
        self.claim.stage_id = self.stage_waiting
        self.before = self.Claim.search([])

    def reply_by_number(self, sender, **kwargs):
        self.receive(
            sender=sender,
            subject=f"Re: {self.claim.number} Chair broken",
            body="<p>Please refund me.</p>",
            **kwargs,
        )

    def posted_into_claim(self):
        return self.claim.message_ids.filtered(lambda m: "Please refund" in m.body)

    def test_lookalike_senders_get_a_claim_of_their_own(self):
        for sender in (
            '"ivan@acme.example" <mallory@evil.example>',
            "sivan@acme.example",
            "ivan@acme.example.evil.example",
            "Ivan Petrov <ivan@acme-example.com>",
        ):
            with self.subTest(sender=sender):
                self.reply_by_number(sender)
                self.assertFalse(self.posted_into_claim())
                self.assertEqual(self.claim.stage_id, self.stage_waiting)
        strangers = self.new_claims(self.before)
        self.assertEqual(len(strangers), 4)
        self.assertEqual(
            sorted(strangers.mapped("email_from")),
            sorted(
                [
                    "mallory@evil.example",
                    "sivan@acme.example",
                    "ivan@acme.example.evil.example",
                    "ivan@acme-example.com",
                ]
            ),
        )
        mallory = strangers.filtered(lambda c: c.email_from == "mallory@evil.example")
        self.assertNotIn("ivan", mallory.partner_id.name.lower())
        self.assertNotIn(self.contact, strangers.partner_id)

    def test_the_customer_threads_in_whatever_case_they_write(self):
        self.reply_by_number("IVAN@ACME.EXAMPLE")
        self.assertTrue(self.posted_into_claim())
        self.assertFalse(self.new_claims(self.before))
        self.assertEqual(self.claim.stage_id, self.stage_new, "the answer resumes it")

    def test_a_colleague_of_the_customer_threads_too(self):
        self.env["res.partner"].create(
            {
                "name": "Maria",
                "parent_id": self.customer.id,
                "email": "maria@acme.example",
            }
        )
        self.reply_by_number("Maria <maria@acme.example>")
        self.assertTrue(self.posted_into_claim())

    def test_a_stranger_with_the_threading_headers_does_not_write_as_the_customer(
        self,
    ):
        acknowledgement = self.acknowledgements(self.claim)
        self.receive(
            sender="mallory@evil.example",
            subject="Re: Chair broken",
            body="<p>Please refund me.</p>",
            headers={
                "In-Reply-To": acknowledgement.message_id,
                "References": acknowledgement.message_id,
            },
        )
        self.assertFalse(self.posted_into_claim())
        self.assertEqual(self.claim.stage_id, self.stage_waiting)
        self.assertEqual(
            self.new_claims(self.before).email_from, "mallory@evil.example"
        )

    def test_another_companys_claim_number_does_not_thread_across_companies(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        other_domain = self.env["mail.alias.domain"].create({"name": "other.example"})
        other_company.alias_domain_id = other_domain
        self.leader.company_ids = [Command.link(other_company.id)]
        other_team = self.env["sla.claim.team"].create(
            {
                "name": "Other care",
                "leader_id": self.leader.id,
                "company_id": other_company.id,
                "alias_name": "care",
                "alias_domain_id": other_domain.id,
            }
        )
        theirs = self.receive(to="care@other.example")
        theirs = self.Claim.browse(theirs)
        self.assertEqual(theirs.team_id, other_team)
        before = self.Claim.search([])
        # Ivan follows both claims, but writes to Shop's alias about Other's
        self.receive(subject=f"Re: {theirs.number}", body="<p>Please refund me.</p>")
        self.assertFalse(
            theirs.message_ids.filtered(lambda m: "Please refund" in m.body)
        )
        new = self.new_claims(before)
        self.assertEqual(new.company_id, self.company)


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimLoops(ClaimsGatewayCase):
    def test_an_exchange_out_of_office_opens_nothing(self):
        before = self.Claim.search([])
        self.receive(
            subject="Automatic reply: Chair broken",
            body="<p>I am out of the office until Monday.</p>",
            headers={"X-Auto-Response-Suppress": "All", "Thread-Topic": "Chair"},
        )
        self.assertFalse(self.new_claims(before))

    def test_our_own_addresses_open_nothing(self):
        before = self.Claim.search([])
        for sender in (
            "care@shop.example",
            "Customer care <Care@Shop.Example>",
            self.alias_domain.catchall_email,
            self.alias_domain.bounce_email,
            self.alias_domain.default_from_email,
        ):
            with self.subTest(sender=sender):
                self.receive(sender=sender, subject="Your claim")
        self.assertFalse(self.new_claims(before))

    def test_a_no_reply_sender_gets_a_claim_but_no_answer(self):
        for sender, headers in (
            ("no-reply@webshop.example", {}),
            ("ivan@acme.example", {"X-Auto-Response-Suppress": "OOF, AutoReply"}),
        ):
            with self.subTest(sender=sender):
                claim = self.Claim.browse(self.receive(sender=sender, headers=headers))
                self.assertTrue(claim.exists(), "a complaint is never lost")
                self.assertFalse(self.acknowledgements(claim))

    def test_an_auto_reply_on_a_claim_is_kept_as_a_silent_note(self):
        claim = self.Claim.browse(self.receive())
        claim.stage_id = self.stage_waiting
        acknowledgement = self.acknowledgements(claim)
        mails_before = self.env["mail.mail"].sudo().search_count([])
        self.receive(
            subject="Automatic reply: Chair broken",
            body="<p>Out of office until Monday.</p>",
            headers={
                "Auto-Submitted": "auto-replied",
                "In-Reply-To": acknowledgement.message_id,
            },
        )
        note = claim.message_ids.filtered(lambda m: "Out of office" in m.body)
        self.assertTrue(note.subtype_id.internal)
        self.assertFalse(note.notified_partner_ids)
        self.assertEqual(claim.stage_id, self.stage_waiting)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before)


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimOddMail(ClaimsGatewayCase):
    def raw(self, content_type, body, sender="ivan@acme.example"):
        self.sent = getattr(self, "sent", 0) + 1
        return (
            f"From: {sender}\r\n"
            "To: care@shop.example\r\n"
            "Subject: Chair broken\r\n"
            f"Message-Id: <odd.{self.sent}@acme.example>\r\n"
            f"Content-Type: {content_type}\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
        ).encode() + body

    def test_an_empty_charset_is_read_as_utf8(self):
        claim_id = self.receive_raw(self.raw('text/plain; charset=""', "Café".encode()))
        self.assertIn("Café", self.Claim.browse(claim_id).description)

    def test_an_unknown_charset_on_utf8_text_is_not_mojibake(self):
        raw = self.raw("text/plain; charset=x-bogus", "Café Жалоба".encode())
        claim = self.Claim.browse(self.receive_raw(raw))
        self.assertIn("Café Жалоба", claim.description)
        self.assertNotIn("Ã", claim.description)

    def test_an_unknown_charset_on_latin1_bytes_is_read_as_latin1(self):
        raw = self.raw("text/plain; charset=unknown-8bit", b"Caf\xe9")
        claim = self.Claim.browse(self.receive_raw(raw))
        self.assertIn("Café", claim.description)

    def test_a_sender_name_without_address_creates_no_contact(self):
        partners = self.env["res.partner"].search_count([])
        claim = self.Claim.browse(self.receive(sender="Ivan Petrov"))
        self.assertTrue(claim.exists())
        self.assertFalse(claim.partner_id)
        self.assertFalse(claim.email_from)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "Ivan Petrov")]),
        )
