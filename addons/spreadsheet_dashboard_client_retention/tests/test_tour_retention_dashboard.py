from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "spreadsheet_dashboard_client_retention")
class TestRetentionDashboardTour(HttpCase):
    def test_retention_manager_opens_the_retention_dashboard(self):
        new_test_user(
            self.env,
            login="tour_retention_dashboard",
            groups="base.group_user,client_retention.group_retention_manager",
            lang="en_US",
        )
        # one scanned client, so the live dashboard shows and not the sample
        partner = self.env["res.partner"].create({"name": "Dashboard Tour Client"})
        self.env["client.retention.profile"].create(
            {
                "partner_id": partner.id,
                "company_id": self.env.company.id,
                "state": "at_risk",
                "risk_level": "high",
                "risk_score": 80,
                "rfm_segment": "at_risk",
            }
        )
        self.start_tour(
            "/odoo",
            "spreadsheet_dashboard_client_retention",
            login="tour_retention_dashboard",
        )
