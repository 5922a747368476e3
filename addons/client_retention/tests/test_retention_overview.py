from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.sla_claims.tests.common import ClaimsCase

from .common import RetentionInvoicingCase


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionOverview(RetentionInvoicingCase, ClaimsCase):
    def test_the_overview_shows_what_needs_attention(self):
        self.env["sla.claim"].search([]).unlink()  # only this test's claims
        dormant = self.make_client("Dormant Co")
        self.invoices(dormant, [250, 220, 190, 160])
        lost = self.make_client("Lost Co")
        self.invoices(lost, [400, 300])
        self.env["client.churn.event"].create({"partner_id": lost.id})
        answered = self.new_claim(partner_id=dormant.id)
        answered.with_user(answered.user_id).message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.new_claim(
            partner_id=dormant.id,
            sla_start_date=fields.Datetime.now() - timedelta(days=10),
        )
        self.run_sla_check()
        self.run_scan()
        action = self.env["client.churn.analysis"].action_open_overview()
        overview = self.env["client.churn.analysis"].browse(action["res_id"])
        self.assertEqual(
            overview.date_to, self.today.replace(day=1) - timedelta(days=1)
        )
        self.assertGreaterEqual(overview.dormant_clients, 1)
        self.assertGreaterEqual(overview.lost_this_quarter, 1)
        # the breadcrumb says what it is, not "client.churn.analysis,3"
        self.assertEqual(overview.display_name, "Retention Overview")
        again = self.env["client.churn.analysis"].action_open_overview()
        self.assertEqual(again["res_id"], overview.id, "not a new record a visit")
        # the first scan found the dormancy long after it began: no mail, listed
        self.assertGreaterEqual(overview.backlog_clients, 1)
        own = self.env["client.churn.analysis"].create(
            # a week ahead: the answered claim's deadline may fall tomorrow
            {"date_from": self.days_ago(30), "date_to": self.today + timedelta(days=7)}
        )
        self.assertIn(format_date(self.env, self.days_ago(30)), own.display_name)
        # one clock met (the answered claim's response), two breached (both
        # clocks of the forgotten claim); the answered claim's resolution runs
        self.assertAlmostEqual(own.sla_compliance, 100.0 / 3, places=1)
