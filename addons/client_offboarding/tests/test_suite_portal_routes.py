"""Every portal route of the suite, opened as a user would: the page or the
PDF is served only to the record's own customer (logged in, or logged out
with the record's token from a mail); anyone else lands on /my or the login
page (or gets a 403/404), and never sees the other customer's data."""

from urllib.parse import urlparse

from odoo import http
from odoo.tests import HttpCase, tagged

from .suite_access_case import SuiteAccessCase

# What a route of the suite is, by its URL in Odoo's routing map. A new
# route must be added here, with its probe below.
SUITE_ROUTES = {
    "/my/claims": "listing",
    "/my/claims/page/<int:page>": "listing",
    "/my/claims/new": "form",
    "/my/claims/<int:claim_id>": "record",
    "/my/offboarding": "listing",
    "/my/offboarding/page/<int:page>": "listing",
    "/my/offboarding/<int:case_id>": "record",
    "/my/offboarding/<int:case_id>/sign": "jsonrpc",
}
SUITE_MODULES = ("sla_claims", "client_retention", "client_offboarding")
# a: portal user of customer A   b: portal user of customer B
# c: logged out, the record's own token   d: logged out, customer B's token
# e: logged out, no token
VISITORS = "abcde"
SERVED_TO = "ac"
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestSuitePortalRoutes(SuiteAccessCase, HttpCase):
    def visit(self, visitor, record, other):
        """Log ``visitor`` in or out; the token it brings (or None)."""
        login = {"a": self.portal_a.login, "b": self.portal_b.login}.get(visitor)
        self.authenticate(login, login)
        return {"c": record.access_token, "d": other.access_token}.get(visitor)

    def open(self, url, token=None):
        if token:
            url += ("&" if "?" in url else "?") + f"access_token={token}"
        return self.url_open(url)

    def assertServed(self, response, shown, hidden, pdf=False):
        """The page (or, in tests, the report's HTML sent as a PDF) with
        ``shown`` and nothing of ``hidden``."""
        self.assertEqual(response.status_code, 200, response.url)
        if pdf:
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
        for text in shown:
            self.assertIn(text, response.text)
        for text in hidden:
            self.assertNotIn(text, response.text)

    def assertRefused(self, response, hidden):
        """Sent to /my or the login page, or 403/404: nothing of ``hidden``."""
        if response.status_code not in (403, 404):
            self.assertEqual(response.status_code, 200, response.url)
            self.assertIn(urlparse(response.url).path, ("/my", "/web/login"))
        self.assertNotIn("pdf", response.headers.get("Content-Type", ""))
        for text in hidden:
            self.assertNotIn(text, response.text)

    def cases(self):
        """(route, record of A, record of B, texts of A, texts of B)."""
        claim_a, claim_b, case_a, case_b = (
            self.claim_a,
            self.claim_b,
            self.case_a,
            self.case_b,
        )
        return (
            (
                "/my/claims",
                claim_a,
                claim_b,
                (claim_a.number, claim_a.name),
                (claim_b.number, claim_b.name),
            ),
            ("/my/offboarding", case_a, case_b, (case_a.name,), (case_b.name,)),
        )

    def test_every_portal_route_of_the_suite_is_probed(self):
        installed = self.env.registry._init_modules
        suite = tuple(f"odoo.addons.{module}." for module in SUITE_MODULES)
        found = {
            url
            for url, endpoint in http._generate_routing_rules(installed, False)
            if endpoint.__module__.startswith(suite)
        }
        self.assertEqual(found, set(SUITE_ROUTES))

    def test_record_pages_and_reports(self):
        for base, record_a, record_b, texts_a, texts_b in self.cases():
            url = f"{base}/{record_a.id}"
            urls = [(url, False)]
            if base == "/my/offboarding":
                urls += [(f"{url}?report={r}", True) for r in ("letter", "act")]
            for visitor in VISITORS:
                token = self.visit(visitor, record_a, record_b)
                for target, pdf in urls:
                    response = self.open(target, token)
                    with self.subTest(url=target, visitor=visitor):
                        if visitor in SERVED_TO:
                            self.assertServed(response, texts_a, texts_b, pdf)
                        else:
                            self.assertRefused(response, texts_a + texts_b)

    def test_listings_show_the_visitors_own_records_only(self):
        for base, record_a, record_b, texts_a, texts_b in self.cases():
            for target in (base, f"{base}/page/1"):
                for visitor in VISITORS:
                    token = self.visit(visitor, record_a, record_b)
                    response = self.open(target, token)
                    with self.subTest(url=target, visitor=visitor):
                        if visitor == "a":
                            self.assertServed(response, texts_a, texts_b)
                        elif visitor == "b":
                            self.assertServed(response, texts_b, texts_a)
                        else:
                            self.assertRefused(response, texts_a + texts_b)
                            self.assertEqual(urlparse(response.url).path, "/web/login")

    def test_the_claim_form_is_for_logged_in_customers(self):
        hidden = (self.claim_a.number, self.claim_b.number)
        for visitor in VISITORS:
            token = self.visit(visitor, self.claim_a, self.claim_b)
            response = self.open("/my/claims/new", token)
            with self.subTest(visitor=visitor):
                if visitor in "ab":
                    self.assertServed(response, ('name="name"',), hidden)
                else:
                    self.assertRefused(response, hidden)
                    self.assertEqual(urlparse(response.url).path, "/web/login")

    def test_only_the_client_signs_its_handover_act(self):
        url = f"/my/offboarding/{self.case_a.id}/sign"
        for visitor in "bdeac":  # the refused ones first: the act is unsigned
            token = self.visit(visitor, self.case_a, self.case_b)
            params = {"name": "Somebody", "signature": PNG}
            if token:
                params["access_token"] = token
            result = self.make_jsonrpc_request(url, params)
            self.case_a.invalidate_recordset()
            with self.subTest(visitor=visitor):
                if visitor in SERVED_TO:
                    self.assertNotRegex(result.get("error", ""), "not found")
                    self.assertTrue(self.case_a.signed_on)
                else:
                    self.assertRegex(result.get("error", ""), "not found")
                    self.assertFalse(self.case_a.signed_on)

    def test_a_token_opens_no_case_the_portal_hides(self):
        """The portal shows a client its cases from the notice on: a token
        (from any earlier link) opens no case in draft, in retention or
        cancelled, nor its termination letter."""
        case = self.env["client.offboarding"].create(
            {"partner_id": self.customer_a.id, "initiated_by": "client"}
        )
        case._portal_ensure_token()
        served = []
        for step in ("draft", "retention", "cancelled"):
            if step == "retention":
                case.action_start_retention()
            elif step == "cancelled":
                case.action_cancel()
            self.assertEqual(case.state, step)
            self.authenticate(None, None)
            for report in ("", "&report=letter"):
                url = f"/my/offboarding/{case.id}?access_token={case.access_token}"
                response = self.url_open(url + report)
                path = urlparse(response.url).path
                if response.status_code == 200 and path.startswith("/my/offboarding"):
                    served.append(f"{step}{report}")
        self.assertEqual(served, [])
