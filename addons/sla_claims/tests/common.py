from contextlib import contextmanager
from email.message import EmailMessage

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools import mute_logger


class ClientsCase(TransactionCase):
    """Base of the suite's tests: error texts asserted. Mail tracking, the
    followers and the chatter run as in production."""

    @classmethod
    def load_languages(cls, modules, codes=("ru_RU", "bg_BG")):
        """Activate ``codes`` and load the modules' translations for them, as
        installing a language does: the tests need no prepared database."""
        for code in codes:
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(modules, list(codes))

    @contextmanager
    def scheduler_mode(self):
        """Odoo's registry test mode, in which crons and report rendering run
        as in Odoo's own tests; an HttpCase is in it from the start."""
        if isinstance(self, HttpCase):
            yield
        else:
            with self.enter_registry_test_mode():
                yield

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """assertRaises (which rolls the failed change back) plus a check of
        the message the user reads."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)


class ClaimsCase(ClientsCase):
    """A Sofia team working Monday to Friday 9:00-17:00, its members, its
    leader and a default policy of 4 working hours to answer, 16 to resolve."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Sofia office",
                "tz": "Europe/Sofia",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        users = {
            login: new_test_user(
                cls.env,
                login=login,
                groups=groups,
                tz="Europe/Sofia",
                company_id=cls.company.id,
                company_ids=[cls.company.id],
            )
            for login, groups in (
                ("agent_ana", "sla_claims.group_claims_user"),
                ("agent_boris", "sla_claims.group_claims_user"),
                ("leader_lora", "sla_claims.group_claims_user"),
                ("outsider_olga", "sla_claims.group_claims_user"),
                ("manager_mila", "sla_claims.group_claims_manager"),
            )
        }
        cls.ana, cls.boris, cls.leader = (
            users["agent_ana"],
            users["agent_boris"],
            users["leader_lora"],
        )
        cls.outsider, cls.manager = users["outsider_olga"], users["manager_mila"]
        cls.team = cls.env["sla.claim.team"].create(
            {
                "name": "Customer care",
                "leader_id": cls.leader.id,
                "member_ids": [Command.set((cls.ana | cls.boris).ids)],
                "resource_calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
            }
        )
        cls.policy = cls.env["sla.policy"].create(
            {
                "name": "Standard",
                "team_id": cls.team.id,
                "response_hours": 4,
                "resolution_hours": 16,
                "at_risk_percent": 75,
                "company_id": cls.company.id,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Acme Ltd", "is_company": True, "email": "office@acme.example"}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ivan Petrov",
                "parent_id": cls.customer.id,
                "email": "ivan@acme.example",
            }
        )
        cls.stage_new = cls.env.ref("sla_claims.stage_new")
        cls.stage_progress = cls.env.ref("sla_claims.stage_in_progress")
        cls.stage_waiting = cls.env.ref("sla_claims.stage_waiting_customer")
        cls.stage_resolved = cls.env.ref("sla_claims.stage_resolved")

    def urgent_policy(self):
        """Urgent claims of the team: 1 working hour to answer, 8 to resolve."""
        return self.env["sla.policy"].create(
            {
                "name": "Urgent",
                "team_id": self.team.id,
                "priority": "3",
                "response_hours": 1,
                "resolution_hours": 8,
            }
        )

    def digest_lines(self, user, claim):
        """The digest mails of the SLA check that told ``user`` about
        ``claim``."""
        return self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", user.partner_id.ids),
                ("subject", "like", "Claims:"),
                ("body", "like", claim.number),
            ]
        )

    def run_sla_check(self):
        """Run the scheduled SLA check as Odoo's scheduler does: its own
        transaction (the test's, in registry test mode), batches committed."""
        cron = self.env.ref("sla_claims.ir_cron_check_sla")
        with self.scheduler_mode():
            cron.method_direct_trigger()

    def new_claim(self, **values):
        values = {
            "name": "Delivery arrived damaged",
            "team_id": self.team.id,
            "partner_id": self.contact.id,
            **values,
        }
        return self.env["sla.claim"].create(values)


class ClaimsGatewayCase(ClaimsCase):
    """Mail through Odoo's real gateway to the team alias care@shop.example."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create({"name": "shop.example"})
        cls.company.alias_domain_id = cls.alias_domain
        cls.team.write({"alias_name": "care", "alias_domain_id": cls.alias_domain.id})
        cls.Claim = cls.env["sla.claim"]

    def receive(
        self,
        sender="Ivan Petrov <ivan@acme.example>",
        subject="Chair broken",
        body="<p>The chair arrived broken.</p>",
        headers=None,
        attachment=None,
        to="care@shop.example",
    ):
        """Deliver a mail; returns what the gateway returns (the claim id for
        a new claim or a reply)."""
        self.sent = getattr(self, "sent", 0) + 1
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = to
        mail["Subject"] = subject
        mail["Message-Id"] = f"<{self.id()}.{self.sent}@acme.example>"
        for name, value in (headers or {}).items():
            mail[name] = value
        mail.set_content(body, subtype="html")
        if attachment:
            mail.add_attachment(
                attachment, maintype="application", subtype="pdf", filename="photos.pdf"
            )
        return self.receive_raw(mail.as_string())

    def receive_raw(self, raw):
        with mute_logger(
            "odoo.addons.mail.models.mail_thread",
            "odoo.addons.sla_claims.models.sla_claim_routing",
        ):
            return self.env["mail.thread"].message_process(None, raw)

    def new_claims(self, before):
        return self.Claim.search([("id", "not in", before.ids)])

    def acknowledgements(self, claim):
        """The acknowledgement of a new claim: its first automatic mail."""
        return claim.message_ids.filtered(
            lambda m: m.message_type == "auto_comment"
        ).sorted("id")[:1]
