from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "client_offboarding")
class TestOffboardingTour(HttpCase):
    def test_from_start_offboarding_to_done(self):
        manager = new_test_user(
            self.env,
            login="tour_offboarding_manager",
            groups="base.group_user,base.group_partner_manager,"
            "client_retention.group_retention_manager",
            lang="en_US",
        )
        policy = self.env.ref("client_offboarding.document_type_accounting_policy")
        self.env["client.document.type"].search([("id", "!=", policy.id)]).write(
            {"mandatory_on_handover": False}
        )
        client = self.env["res.partner"].create(
            {"name": "Tour Client Ltd", "is_company": True, "user_id": manager.id}
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "client_offboarding_start_to_done",
            login="tour_offboarding_manager",
        )
        case = self.env["client.offboarding"].search([("partner_id", "=", client.id)])
        self.assertEqual(case.state, "done")
        self.assertEqual(case.retention_outcome, "declined")
        self.assertEqual(case.stated_reason, "Your reports come late.")
        self.assertEqual(case.handover_line_ids.handover_state, "handed_over")
        self.assertEqual(case.churn_event_id.partner_id, client)
        self.assertEqual(client.retention_state, "lost")
        # still serving its notice: lost on its last day, as the dialog said
        self.assertEqual(case.churn_event_id.date, case.end_date)
        self.assertTrue(client.retention_loss_summary.startswith("Leaves on"))

    def test_readme_install_step_finds_the_apps(self):
        self.start_tour(
            "/odoo/action-base.open_module_tree",
            "client_offboarding_found_in_apps",
            login="admin",
        )
