"""The roles and the records of the suite's access tests (the matrix in
test_suite_access, the portal routes in test_suite_portal_routes)."""

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import new_test_user

from .common import OffboardingCase


class SuiteAccessCase(OffboardingCase):
    """The roles, and one record of each model of the suite in company A for
    customer A, made as superuser. No tests here: shared by the matrix and
    by the portal routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env, company = cls.env, cls.company
        cls.company_b = cls.other_company

        def user(login, groups, company=company):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[company.id],
            )

        cls.customer_a = cls.make_client("Acme Access", user_id=cls.retention_user.id)
        cls.customer_b = cls.make_client("Beta Access")
        cls.portal_a, cls.portal_b = (
            new_test_user(
                env,
                login=login,
                groups="base.group_portal",
                partner_id=cls.Partner.create(
                    {"name": name, "email": f"{login}@x.example", "parent_id": parent}
                ).id,
            )
            for login, name, parent in (
                ("access_portal_a", "Ivan Acme", cls.customer_a.id),
                ("access_portal_b", "Maria Beta", cls.customer_b.id),
            )
        )
        leader = user("access_leader", "sla_claims.group_claims_user")
        claims_user = user("access_claims_user", "sla_claims.group_claims_user")
        cls.roles = {
            "pub": env.ref("base.public_user"),
            "poA": cls.portal_a,
            "poB": cls.portal_b,
            "int": user("access_internal", "base.group_user"),
            "clU": claims_user,
            "clO": user("access_claims_outsider", "sla_claims.group_claims_user"),
            "clM": user("access_claims_manager", "sla_claims.group_claims_manager"),
            "reU": cls.retention_user,
            "reO": cls.other_manager,
            "reM": cls.retention_manager,
            "coB": user(
                "access_company_b",
                "sla_claims.group_claims_manager,"
                "client_retention.group_retention_manager",
                company=cls.company_b,
            ),
        }
        cls.records = cls._make_records(leader, claims_user)

    @classmethod
    def _make_records(cls, leader, claims_user):
        env, company, client = cls.env, cls.company, cls.customer_a
        team = env["sla.claim.team"].create(
            {
                "name": "Access team",
                "company_id": company.id,
                "leader_id": leader.id,
                "member_ids": [Command.set((leader | claims_user).ids)],
            }
        )
        policy = env["sla.policy"].create(
            {"name": "Access policy", "team_id": team.id, "response_hours": 4}
        )
        category = env["sla.claim.category"].create(
            {"name": "Access category", "company_id": company.id}
        )
        Claim = env["sla.claim"]
        values = {"team_id": team.id, "user_id": leader.id, "category_id": category.id}
        cls.claim_a = Claim.create(
            {"name": "Acme access chairs", "partner_id": cls.portal_a.partner_id.id}
            | values
        )
        cls.claim_b = Claim.create(
            {"name": "Beta access invoice", "partner_id": cls.portal_b.partner_id.id}
            | values
        )
        reason = env["client.exit.reason"].create(
            {"name": "Access reason", "company_id": company.id}
        )
        event = env["client.churn.event"].create(
            {"partner_id": client.id, "reason_id": reason.id}
        )
        event._mark_won_back(cls.today)  # an active client has a let-go row
        Case = env["client.offboarding"]
        cls.case_a = Case.create({"partner_id": client.id, "initiated_by": "company"})
        cls.case_a.action_accept_notice()
        cls.case_a.action_start_handover()
        cls.case_b = Case.create(
            {"partner_id": cls.customer_b.id, "initiated_by": "company"}
        )
        cls.case_b.action_accept_notice()
        for record in (cls.claim_a, cls.claim_b, cls.case_a, cls.case_b):
            record._portal_ensure_token()
        invoice = (
            env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "invoice_date": cls.today,
                    "invoice_line_ids": [
                        Command.create({"product_id": cls.product.id, "quantity": 1})
                    ],
                }
            )
        )
        invoice.action_post()  # listed by the case for review
        inventory = env["client.document.inventory"].create({"partner_id": client.id})
        backtest = env["client.retention.backtest"].create({"company_id": company.id})
        env.flush_all()  # the SQL views read the tables
        return {
            "sla.claim": cls.claim_a,
            "sla.claim.team": team,
            "sla.claim.stage": env["sla.claim.stage"].create({"name": "Access"}),
            "sla.claim.category": category,
            "sla.policy": policy,
            "sla.escalation.rule": env["sla.escalation.rule"].create(
                {"policy_id": policy.id}
            ),
            "sla.claim.pause": env["sla.claim.pause"].create(
                {"claim_id": cls.claim_a.id}
            ),
            "sla.claim.report": env["sla.claim.report"].browse(cls.claim_a.id),
            "client.exit.reason": reason,
            "client.churn.event": event,
            "client.retention.profile": env["client.retention.profile"].search(
                [("partner_id", "=", client.id), ("company_id", "=", company.id)]
            ),
            "client.churn.analysis": env["client.churn.analysis"].create(
                {"company_id": company.id}
            ),
            "client.churn.report": env["client.churn.report"].browse(event.id),
            "client.churn.alert": env["client.churn.alert"].create(
                {
                    "company_id": company.id,
                    # a month long past: the demo data has this month's
                    "month": cls.today + relativedelta(years=-5, day=1),
                }
            ),
            "client.retention.backtest": backtest,
            "client.retention.weight.fit": env["client.retention.weight.fit"].create(
                {"backtest_id": backtest.id}
            ),
            "client.offboarding": cls.case_a,
            "client.offboarding.invoice": cls.case_a.invoice_review_ids,
            "client.offboarding.done": env["client.offboarding.done"].create(
                {"offboarding_id": cls.case_a.id}
            ),
            "client.document.type": env["client.document.type"].create(
                {"name": "Access payroll", "code": "ACCESS", "company_id": company.id}
            ),
            "client.document.inventory": inventory,
            "client.document.inventory.line": env[
                "client.document.inventory.line"
            ].create({"inventory_id": inventory.id, "name": "Bank statements"}),
            "client.letgo.review": env["client.letgo.review"].search(
                [("partner_id", "=", client.id), ("company_id", "=", company.id)]
            ),
        }
