"""The buttons that only open a list or a form run on Odoo's read replica
(``@api.readonly``) and write nothing there."""

from odoo.tests import tagged

from odoo.addons.sla_claims.tests.read_only import ReadOnlyMixin

from .common import OffboardingCase


@tagged("post_install", "-at_install", "client_offboarding")
class TestReadOnlyActions(ReadOnlyMixin, OffboardingCase):
    def test_the_buttons_that_open_a_list_read_only(self):
        for model, method in (
            ("res.partner", "action_view_offboardings"),
            ("client.offboarding", "action_view_exit_interviews"),
            ("client.letgo.review", "action_open_client"),
            ("client.letgo.review", "web_search_read"),
        ):
            with self.subTest(call=f"{model}.{method}"):
                self.assertReadOnlyCall(model, method)
        self.invoice(self.client, 20)
        self.run_scan()
        case = self.new_case()
        user = self.account_manager
        with self.read_only():
            cases = self.client.with_user(user).action_view_offboardings()
            self.assertEqual(self.Case.search(cases["domain"]), case)
            interviews = case.with_user(user).action_view_exit_interviews()
            self.assertEqual(interviews["res_model"], "survey.user_input")
            Review = self.env["client.letgo.review"].with_user(user)
            listed = Review.web_search_read(
                [("partner_id", "=", self.client.id)],
                {"partner_id": {"fields": {"display_name": {}}}, "sign_count": {}},
            )
            self.assertEqual(listed["length"], 1)
            review = Review.browse(listed["records"][0]["id"])
            self.assertEqual(review.action_open_client()["res_id"], self.client.id)
