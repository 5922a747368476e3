"""The corpus of odd and hostile mail (tests/mail_corpus/), each message
through the real gateway with its expected outcome: no crash, no loss, no
loop, no wrong routing.

The world: Shop Ltd receives claims on care@shop.example; its customer Ivan
<ivan@acme.example> has a claim waiting on his answer. Other Co receives on
care@other.example; its customer Olga has a claim there too.
"""

import json
from email import message_from_bytes, policy
from email.utils import formatdate

from odoo import Command
from odoo.tests import tagged
from odoo.tools import email_normalize, email_split, file_open

from .common import ClaimsGatewayCase

CORPUS = "sla_claims/tests/mail_corpus"
OUTCOMES = {"new_claim", "new_claim_silent", "reply", "note", "dropped"}


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimMailCorpus(ClaimsGatewayCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.name = "Shop Ltd"
        cls.customer.name = "Acme Ltd"
        other = cls.env["res.company"].create({"name": "Other Co"})
        other_domain = cls.env["mail.alias.domain"].create({"name": "other.example"})
        other.alias_domain_id = other_domain
        cls.leader.company_ids = [Command.link(other.id)]
        cls.other_team = cls.env["sla.claim.team"].create(
            {
                "name": "Other care",
                "leader_id": cls.leader.id,
                "company_id": other.id,
                "alias_name": "care",
                "alias_domain_id": other_domain.id,
            }
        )
        olga = cls.env["res.partner"].create(
            {"name": "Olga", "email": "olga@beta.example", "company_id": other.id}
        )
        cls.other_claim = cls.env["sla.claim"].create(
            {
                "name": "Beta: wrong parts",
                "team_id": cls.other_team.id,
                "partner_id": olga.id,
            }
        )
        with file_open(f"{CORPUS}/expected.json") as expected:
            cls.expected = json.load(expected)

    def setUp(self):
        super().setUp()
        self.claim = self.Claim.browse(self.receive(subject="Broken chair"))
        self.claim.stage_id = self.stage_waiting

    def load(self, name, number):
        with file_open(f"{CORPUS}/{name}", "rb") as mail:
            raw = mail.read()
        acknowledgement = self.acknowledgements(self.claim)
        for placeholder, value in (
            ("claim_number", self.claim.number),
            ("claim_message_id", acknowledgement.message_id),
            ("other_claim_number", self.other_claim.number),
            ("date", formatdate(localtime=False)),
            ("n", f"{self.id()}.{number}"),
        ):
            raw = raw.replace(b"{{%s}}" % placeholder.encode(), value.encode())
        return raw

    def snapshot(self):
        return {
            "claims": self.Claim.with_context(active_test=False).search([]),
            "messages": self.env["mail.message"].search([]),
            "mails": self.env["mail.mail"].sudo().search([]),
        }

    def test_every_message_of_the_corpus(self):
        self.assertGreaterEqual(len(self.expected), 50)
        for number, case in enumerate(self.expected):
            self.assertIn(case["expect"], OUTCOMES, case["file"])
            with self.subTest(mail=case["file"], expect=case["expect"]):
                self.deliver_and_check(case, self.load(case["file"], number))
            if self.claim.stage_id != self.stage_waiting:
                self.claim.stage_id = self.stage_waiting  # the next case's world

    def deliver_and_check(self, case, raw):
        before = self.snapshot()
        self.receive_raw(raw)  # a crash fails the case
        new_claims = self.Claim.search([("id", "not in", before["claims"].ids)])
        new_messages = self.env["mail.message"].search(
            [("id", "not in", before["messages"].ids)]
        )
        on_claim = new_messages.filtered(
            lambda m: m.model == "sla.claim" and m.res_id == self.claim.id
        )
        incoming = on_claim.filtered(lambda m: m.message_type == "email")
        expect = case["expect"]
        self.assertFalse(
            new_messages.filtered(
                lambda m: m.model == "sla.claim" and m.res_id == self.other_claim.id
            ),
            "nothing crosses into the other company's claim",
        )
        if expect in ("new_claim", "new_claim_silent"):
            self.assertEqual(len(new_claims), 1, "one new claim")
            self.assertEqual(new_claims.team_id, self.team)
            self.assertFalse(incoming, "nothing written into Ivan's claim")
            self.assertEqual(self.claim.stage_id, self.stage_waiting)
            acknowledged = bool(self.acknowledgements(new_claims))
            if new_claims.partner_id.email_normalized:
                self.assertEqual(acknowledged, expect == "new_claim", "acknowledgement")
            else:
                self.assertFalse(acknowledged)
            self.check_partner(case, new_claims)
            self.check_contains(case, new_claims.description or "")
        elif expect == "reply":
            self.assertFalse(new_claims, "no new claim")
            self.assertEqual(len(incoming), 1, "the answer is on Ivan's claim")
            self.assertFalse(incoming.subtype_id.internal)
            self.assertNotEqual(self.claim.stage_id, self.stage_waiting, "resumed")
            self.check_contains(case, incoming.body or "")
        elif expect == "note":
            self.assertFalse(new_claims, "no new claim")
            self.assertEqual(len(incoming), 1, "kept on Ivan's claim")
            self.assertTrue(incoming.subtype_id.internal, "as an internal note")
            self.assertFalse(incoming.notified_partner_ids, "notifying nobody")
            self.assertEqual(self.claim.stage_id, self.stage_waiting, "still waiting")
        else:
            self.assertFalse(new_claims, "no new claim")
            self.assertFalse(incoming, "nothing added to Ivan's claim")
            self.assertEqual(self.claim.stage_id, self.stage_waiting)
        new_mails = (
            self.env["mail.mail"].sudo().search([("id", "not in", before["mails"].ids)])
        )
        if expect in ("new_claim_silent", "note", "dropped"):
            # no automatic answer goes back to a machine or a loop
            sender = email_normalize(
                str(message_from_bytes(raw, policy=policy.SMTP)["From"] or ""),
                strict=False,
            )
            answers = new_mails.filtered(
                lambda m: (
                    sender
                    and (
                        sender in m.recipient_ids.mapped("email_normalized")
                        or sender
                        in [email_normalize(e) for e in email_split(m.email_to)]
                    )
                )
            )
            self.assertFalse(answers, "no mail back to the sender")

    def check_partner(self, case, claim):
        wanted = case.get("partner")
        if wanted == "ivan":
            self.assertEqual(claim.partner_id, self.contact)
        elif wanted == "none":
            self.assertFalse(claim.partner_id)
        elif wanted and wanted.startswith("new:"):
            self.assertEqual(claim.partner_id.email_normalized, wanted[4:])
            self.assertNotEqual(claim.partner_id, self.contact)

    def check_contains(self, case, text):
        if case.get("contains"):
            self.assertIn(case["contains"], text)
