from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "client_retention")
class TestExitReasonsTour(HttpCase):
    def test_retention_user_sees_exit_reasons_in_the_clients_app(self):
        new_test_user(
            self.env,
            login="tour_retention_user",
            groups="base.group_user,client_retention.group_retention_user",
            lang="en_US",
        )
        self.env["client.exit.reason"].create(
            {"name": "Tour archived reason", "active": False}
        )
        self.start_tour(
            "/odoo", "client_retention_exit_reasons", login="tour_retention_user"
        )
