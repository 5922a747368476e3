from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "sla_claims")
class TestClaimPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        leader = new_test_user(
            cls.env, login="portal_leader", groups="sla_claims.group_claims_user"
        )
        cls.team = cls.env["sla.claim.team"].create(
            {
                "name": "Portal team",
                "leader_id": leader.id,
                "member_ids": [Command.set(leader.ids)],
            }
        )
        cls.env["sla.policy"].create(
            {
                "name": "Portal policy",
                "team_id": cls.team.id,
                "response_hours": 4,
                "resolution_hours": 16,
            }
        )
        cls.acme = cls.env["res.partner"].create({"name": "Acme", "is_company": True})
        cls.beta = cls.env["res.partner"].create({"name": "Beta", "is_company": True})
        cls.ivan = new_test_user(
            cls.env, login="ivan_acme", groups="base.group_portal", lang="en_US"
        )
        cls.ivan.partner_id.write(
            {"parent_id": cls.acme.id, "email": "ivan@acme.example"}
        )
        cls.olga = new_test_user(cls.env, login="olga_acme", groups="base.group_portal")
        cls.olga.partner_id.parent_id = cls.acme
        cls.betty = new_test_user(
            cls.env, login="betty_beta", groups="base.group_portal"
        )
        cls.betty.partner_id.parent_id = cls.beta
        Claim = cls.env["sla.claim"]
        cls.acme_claim = Claim.create(
            {
                "name": "Acme: chairs broken",
                "team_id": cls.team.id,
                "partner_id": cls.olga.partner_id.id,
            }
        )
        cls.beta_claim = Claim.create(
            {
                "name": "Beta: invoice wrong",
                "team_id": cls.team.id,
                "partner_id": cls.beta.id,
            }
        )

    def test_customers_see_their_companys_claims_with_deadlines(self):
        self.authenticate("ivan_acme", "ivan_acme")
        listing = self.url_open("/my/claims")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.acme_claim.number, listing.text)  # a colleague's claim
        self.assertNotIn(self.beta_claim.number, listing.text)
        page = self.url_open(f"/my/claims/{self.acme_claim.id}")
        self.assertIn("Acme: chairs broken", page.text)
        self.assertIn("Resolution promised by", page.text)

    def test_another_companys_claim_is_denied_over_http(self):
        self.authenticate("betty_beta", "betty_beta")
        response = self.url_open(f"/my/claims/{self.acme_claim.id}")
        self.assertNotIn("Acme: chairs broken", response.text)
        self.assertTrue(response.url.endswith("/my"))
        with self.assertRaises(AccessError):
            self.acme_claim.with_user(self.betty).read(["name"])

    def test_a_mail_link_with_its_token_opens_the_claim(self):
        self.acme_claim._portal_ensure_token()
        url = self.acme_claim.get_portal_url()
        self.assertIn("access_token=", url)
        self.assertIn("Acme: chairs broken", self.url_open(url).text)
        forged = url.replace(self.acme_claim.access_token, "x" * 36)
        self.assertNotIn("Acme: chairs broken", self.url_open(forged).text)

    def test_customers_open_and_answer_claims_from_the_portal(self):
        self.authenticate("ivan_acme", "ivan_acme")
        response = self.url_open(
            "/my/claims/new",
            data={
                "name": "Wrong invoice address",
                "description": "Street is wrong",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        claim = self.env["sla.claim"].search([("name", "=", "Wrong invoice address")])
        self.assertEqual(
            (claim.partner_id, claim.channel), (self.ivan.partner_id, "portal")
        )
        self.assertTrue(claim.user_id)
        self.assertIn(claim.number, response.text)
        claim.stage_id = self.env.ref("sla_claims.stage_waiting_customer")
        claim.with_user(self.ivan).message_post(
            body="The street is Vitosha 1.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(claim.stage_id.pauses_sla, "the answer resumes the claim")

    def test_a_claim_without_subject_is_refused_with_a_clear_message(self):
        self.authenticate("ivan_acme", "ivan_acme")
        response = self.url_open(
            "/my/claims/new",
            data={"name": " ", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Give your claim a subject", response.text)
        self.assertFalse(
            self.env["sla.claim"].search([("partner_id", "=", self.ivan.partner_id.id)])
        )

    def test_portal_journey_create_answer_wait_reply_resolve(self):
        """Ivan opens a claim on the portal, the agent asks a question and
        waits, Ivan answers in the portal chatter, the agent resolves."""
        self.authenticate("ivan_acme", "ivan_acme")
        self.url_open(
            "/my/claims/new",
            data={
                "name": "Missing screws",
                "description": "The pack has no screws",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        claim = self.env["sla.claim"].search([("name", "=", "Missing screws")])
        agent = claim.user_id
        claim.with_user(agent).message_post(
            body="Which model did you buy?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(claim.sla_response_state, "met")
        claim.with_user(agent).stage_id = self.env.ref(
            "sla_claims.stage_waiting_customer"
        )
        self.assertEqual(claim.sla_resolution_state, "paused")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "sla.claim",
                "thread_id": claim.id,
                "post_data": {
                    "body": "The model is Oslo 2.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertIn(
            "Oslo 2", "".join(claim.message_ids.mapped("body")), "Ivan's answer"
        )
        self.assertFalse(claim.stage_id.pauses_sla, "the answer resumes the claim")
        self.assertEqual(claim.sla_resolution_state, "running")
        claim.with_user(agent).stage_id = self.env.ref("sla_claims.stage_resolved")
        page = self.url_open(f"/my/claims/{claim.id}")
        self.assertIn("Resolved", page.text)
        self.assertEqual(claim.sla_resolution_state, "met")

    def test_a_new_customer_finds_where_to_open_a_claim(self):
        newcomer = new_test_user(self.env, login="new_acme", groups="base.group_portal")
        newcomer.partner_id.parent_id = self.beta
        self.env["sla.claim"].search(
            [("commercial_partner_id", "=", self.beta.id)]
        ).unlink()
        self.authenticate("new_acme", "new_acme")
        home = self.url_open("/my")
        self.assertIn('href="/my/claims"', home.text)
        card = home.text[: home.text.index('href="/my/claims"')]
        self.assertNotIn("d-none", card[card.rindex("o_portal_index_card") :])

    def test_a_portal_claim_takes_a_category_and_files(self):
        category = self.env["sla.claim.category"].create({"name": "Delivery"})
        self.authenticate("ivan_acme", "ivan_acme")
        form = self.url_open("/my/claims/new")
        self.assertIn("Delivery", form.text)
        response = self.url_open(
            "/my/claims/new",
            data={
                "name": "Broken lamp",
                "category_id": str(category.id),
                "csrf_token": http.Request.csrf_token(self),
            },
            files={"attachments": ("lamp.jpg", b"\xff\xd8\xff photo", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        claim = self.env["sla.claim"].search([("name", "=", "Broken lamp")])
        self.assertEqual(claim.category_id, category)
        self.assertEqual(claim.message_ids.attachment_ids.mapped("name"), ["lamp.jpg"])
        ack = claim.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertNotEqual(ack.author_id, self.ivan.partner_id, "from the team")

    def test_a_waiting_claim_tells_the_customer_an_answer_is_expected(self):
        self.acme_claim.stage_id = self.env.ref("sla_claims.stage_waiting_customer")
        self.authenticate("ivan_acme", "ivan_acme")
        page = self.url_open(f"/my/claims/{self.acme_claim.id}")
        self.assertIn("We are waiting for your answer", page.text)
