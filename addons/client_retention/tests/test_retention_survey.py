from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import RetentionInvoicingCase

# answer_score of the satisfaction scale: very dissatisfied … very satisfied
VERY_DISSATISFIED, DISSATISFIED, NEUTRAL, SATISFIED, VERY_SATISFIED = range(5)


@tagged("post_install", "-at_install", "client_retention")
class TestRetentionSurvey(RetentionInvoicingCase):
    """The shipped satisfaction survey sent from clients and answered by
    them: each completed answer sets the client's satisfaction and risk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("client_retention.survey_client_satisfaction")
        cls.exit_survey = cls.env.ref("client_retention.survey_exit_interview")
        cls.surveyor = new_test_user(
            cls.env,
            login="retention_surveyor",
            groups="client_retention.group_retention_user,survey.group_survey_user",
            email="surveyor@company.example",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.public_user = cls.env.ref("base.public_user")

    def setUp(self):
        super().setUp()
        self.nights = 0

    # ------------------------------------------------------------ helpers

    def wizard_from(self, action):
        """The invite wizard as the user sees it when the action opens."""
        self.assertEqual(action["res_model"], "survey.invite")
        self.assertEqual(action["target"], "new")
        Invite = self.env["survey.invite"].with_user(self.surveyor)
        return Form(Invite.with_context(**action["context"])).save()

    def answers_of(self, partners, survey=None):
        survey = survey or self.survey
        return survey.user_input_ids.filtered(lambda a: a.partner_id in partners)

    def invite(self, partner, survey=None, test_entry=False):
        """A fresh invitation of ``partner``, made as the invite wizard makes
        it (or as the survey's Test button does, with ``test_entry``)."""
        survey = survey or self.survey
        if test_entry:
            return survey._create_answer(partner=partner, test_entry=True)
        action = survey.with_user(self.surveyor).action_send_survey()
        Invite = self.env["survey.invite"].with_user(self.surveyor)
        # "new": a client asked before gets a new answer, not its old link
        wizard = Invite.with_context(**action["context"]).create(
            {"partner_ids": [Command.set(partner.ids)], "existing_mode": "new"}
        )
        before = self.answers_of(partner, survey)
        wizard.action_invite()
        return self.answers_of(partner, survey) - before

    def choice(self, question, score=None, value=None):
        """The suggested answer of ``question`` with this score or text."""
        answers = question.suggested_answer_ids
        if value is not None:
            return answers.filtered(lambda a: a.value == value)
        return answers.filtered(lambda a: a.answer_score == score)

    def submit(self, user_input, answers):
        """Answer the survey page as the survey controller does, as the
        public user with the answer's token: validate and save each question's
        answer (``{question: value or (value, comment)}``), then finish."""
        answer_sudo = user_input.with_user(self.public_user).sudo()
        for question in answer_sudo.survey_id.question_ids:
            value, comment = answers.get(question, ""), None
            if isinstance(value, tuple):
                value, comment = value
            self.assertFalse(question.validate_question(value, comment))
            answer_sudo._save_lines(question, value, comment, overwrite_existing=False)
        answer_sudo._clear_inactive_conditional_answers()
        answer_sudo._mark_done()
        self.assertEqual(user_input.state, "done")
        return user_input

    def rate(self, user_input, scores, comment=""):
        """Answer the satisfaction survey: one score per scored question (in
        their order) or the same score for all of them."""
        scored = self.survey.question_ids.filtered(
            lambda q: q.question_type == "simple_choice"
        )
        if isinstance(scores, int):
            scores = [scores] * len(scored)
        answers = {
            question: str(self.choice(question, score).id)
            for question, score in zip(scored, scores, strict=True)
        }
        text = self.survey.question_ids - scored
        answers[text] = comment
        return self.submit(user_input, answers)

    def factor_codes(self, partner):
        return [code for code, *__ in partner.retention_risk_factors or []]

    def active_client(self, name, **values):
        """A client buying every month."""
        client = self.make_client(name, **values)
        self.invoices(client, [95, 65, 35, 5])
        return client

    def run_nightly_scan(self):
        """The scan of the coming night. A scan does each client once a day,
        and an answer's own refresh counts as today's."""
        self.nights += 1
        with freeze_time(fields.Datetime.now() + timedelta(days=self.nights)):
            self.run_scan()

    # ------------------------------------------------------------ the survey

    def test_the_shipped_survey_scores_satisfaction_from_0_to_100(self):
        self.assertEqual(self.survey.retention_kind, "satisfaction")
        self.assertEqual(self.survey.access_mode, "token")
        self.assertEqual(self.survey.scoring_type, "scoring_without_answers")
        scored = self.survey.question_ids.filtered("suggested_answer_ids")
        self.assertEqual(len(scored), 6)
        for question in scored:
            self.assertEqual(
                question.suggested_answer_ids.sorted("sequence").mapped("answer_score"),
                [0, 1, 2, 3, 4],
            )
        comment = self.survey.question_ids - scored
        self.assertEqual(comment.question_type, "text_box")
        self.assertFalse(comment.constr_mandatory)
        client = self.make_client("Scale Ltd")
        results = {
            score: self.rate(self.invite(client), score).scoring_percentage
            for score in (VERY_DISSATISFIED, NEUTRAL, VERY_SATISFIED)
        }
        self.assertEqual(results, {0: 0.0, 2: 50.0, 4: 100.0})
        mixed = self.rate(self.invite(client), [4, 4, 4, 4, 2, 0], "Fine.")
        self.assertAlmostEqual(mixed.scoring_percentage, 75.0)
        self.assertEqual(self.exit_survey.retention_kind, "exit")
        self.assertEqual(self.exit_survey.scoring_type, "no_scoring")

    # ------------------------------------------------------------ sending

    def test_send_from_one_client(self):
        client = self.make_client("Single Ltd")
        action = client.with_user(self.surveyor).action_retention_send_survey()
        wizard = self.wizard_from(action)
        self.assertEqual(wizard.survey_id, self.survey)
        self.assertEqual(wizard.partner_ids, client)
        wizard.action_invite()
        answer = self.answers_of(client)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.state, "new")
        self.assertFalse(answer.test_entry)
        mail = self.mails_to(client)
        self.assertEqual(len(mail), 1)
        self.assertIn(answer.access_token, mail.body_html, "the personal link")

    def test_send_from_several_clients_of_the_list(self):
        alpha = self.make_client("Alpha Ltd")
        alpha_contact = self.Partner.create(
            {"name": "Ana", "parent_id": alpha.id, "email": "ana@alpha.example"}
        )
        beta = self.make_client("Beta Ltd", email=False)
        beta_contact = self.Partner.create(
            {"name": "Boris", "parent_id": beta.id, "email": "boris@beta.example"}
        )
        silent = self.make_client("Silent Ltd", email=False)
        selected = alpha | alpha_contact | beta | silent
        server_action = self.env.ref("client_retention.res_partner_action_send_survey")
        action = (
            server_action.with_user(self.surveyor)
            .with_context(
                active_model="res.partner",
                active_id=selected[0].id,
                active_ids=selected.ids,
            )
            .run()
        )
        wizard = self.wizard_from(action)
        # each client once: itself, else its contact with an address
        self.assertEqual(wizard.partner_ids, alpha | beta_contact)
        wizard.action_invite()
        self.assertEqual(
            self.answers_of(selected | beta_contact).partner_id, alpha | beta_contact
        )
        self.assertTrue(self.mails_to(alpha))
        self.assertTrue(self.mails_to(beta_contact))
        self.assertFalse(self.answers_of(silent))

    def test_a_client_without_any_email_is_refused(self):
        client = self.make_client("Paper Ltd", email=False)
        self.Partner.create({"name": "Pavel", "parent_id": client.id})
        with self.assertRaisesText(UserError, "has an email address"):
            client.with_user(self.surveyor).action_retention_send_survey()
        self.assertFalse(self.answers_of(client | client.child_ids))

    # ------------------------------------------------------------ answering

    def test_an_answer_sets_satisfaction_and_risk_at_once(self):
        client = self.active_client("Grumpy Ltd")
        contact = self.Partner.create(
            {"name": "Gina", "parent_id": client.id, "email": "gina@grumpy.example"}
        )
        self.run_scan()
        risk_before = client.retention_risk_score
        self.assertFalse(client.retention_satisfaction)
        self.assertNotIn("low_satisfaction", self.factor_codes(client))
        # a contact answers for its company; no scan in between
        self.rate(self.invite(contact), DISSATISFIED, "Deliveries are late.")
        self.assertAlmostEqual(client.retention_satisfaction, 25.0)
        self.assertAlmostEqual(contact.retention_satisfaction, 25.0)
        self.assertIn("low_satisfaction", self.factor_codes(client))
        self.assertGreater(client.retention_risk_score, risk_before)
        self.assertIn("satisfaction 25%", client.retention_risk_explanation)

    def test_low_satisfaction_adds_risk_in_the_nightly_scan(self):
        unhappy = self.active_client("Unhappy Ltd")
        happy = self.active_client("Happy Ltd")
        silent = self.active_client("Silent Ltd")  # their twin, never asked
        self.rate(self.invite(unhappy), VERY_DISSATISFIED)
        self.rate(self.invite(happy), SATISFIED)
        self.run_nightly_scan()
        self.assertEqual(unhappy.retention_satisfaction, 0.0)
        # the form shows a measured 0%, and nothing where nothing was measured
        self.assertTrue(unhappy.retention_satisfaction_measured)
        self.assertFalse(silent.retention_satisfaction_measured)
        self.assertIn("low_satisfaction", self.factor_codes(unhappy))
        self.assertIn("satisfaction 0%", unhappy.retention_risk_explanation)
        self.assertGreater(unhappy.retention_risk_score, silent.retention_risk_score)
        # 75% is above the company's threshold (60%): no risk added
        self.assertAlmostEqual(happy.retention_satisfaction, 75.0)
        self.assertNotIn("low_satisfaction", self.factor_codes(happy))
        # a good survey is evidence of health: never more risk than the twin
        self.assertLessEqual(happy.retention_risk_score, silent.retention_risk_score)

    def test_test_entries_and_exit_interviews_leave_satisfaction_alone(self):
        client = self.active_client("Steady Ltd")
        with freeze_time(fields.Datetime.now() - timedelta(minutes=10)):
            self.rate(self.invite(client), NEUTRAL)
        self.run_nightly_scan()
        self.assertAlmostEqual(client.retention_satisfaction, 50.0)
        # later: the survey's Test button, used with the client as respondent
        self.rate(self.invite(client, test_entry=True), VERY_SATISFIED)
        # and the exit interview: leaving because of prices
        reason, keep, come_back = self.exit_survey.question_ids.sorted("sequence")
        exit_answer = self.submit(
            self.invite(client, self.exit_survey),
            {
                reason: str(self.choice(reason, value="Prices").id),
                keep: "Lower prices for regular orders.",
                come_back: str(self.choice(come_back, value="Maybe").id),
            },
        )
        self.assertEqual(exit_answer.scoring_percentage, 0.0)
        self.assertAlmostEqual(client.retention_satisfaction, 50.0)
        self.run_nightly_scan()
        self.assertAlmostEqual(client.retention_satisfaction, 50.0)

    def test_another_exit_reason_is_told_in_a_comment(self):
        client = self.make_client("Moving Ltd")
        reason = self.exit_survey.question_ids.sorted("sequence")[0]
        answer = self.submit(
            self.invite(client, self.exit_survey),
            {reason: ([], "We are closing the business.")},
        )
        line = answer.user_input_line_ids.filtered(lambda li: li.question_id == reason)
        self.assertEqual(line.value_char_box, "We are closing the business.")

    def test_the_latest_completed_answer_wins(self):
        client = self.active_client("Fickle Ltd")
        contact = self.Partner.create(
            {"name": "Filip", "parent_id": client.id, "email": "filip@fickle.example"}
        )
        now = fields.Datetime.now()
        older = self.invite(client)  # sent first, answered last
        newer = self.invite(contact)
        with freeze_time(now - timedelta(minutes=20)):
            self.rate(newer, VERY_DISSATISFIED)
        with freeze_time(now - timedelta(minutes=10)):
            self.rate(older, SATISFIED)
        self.run_nightly_scan()
        self.assertAlmostEqual(client.retention_satisfaction, 75.0)
        self.assertNotIn("low_satisfaction", self.factor_codes(client))
        self.rate(self.invite(contact), DISSATISFIED)
        self.run_nightly_scan()
        self.assertAlmostEqual(client.retention_satisfaction, 25.0)
        self.assertIn("low_satisfaction", self.factor_codes(client))

    # ------------------------------------------------------------ smart button

    def test_the_survey_button_counts_the_clients_answers(self):
        client = self.make_client("Counted Ltd")
        contact = self.Partner.create(
            {"name": "Cleo", "parent_id": client.id, "email": "cleo@counted.example"}
        )
        other = self.make_client("Other Ltd")
        self.assertEqual(client.retention_survey_count, 0)
        self.rate(self.invite(client), SATISFIED)
        self.rate(self.invite(contact), NEUTRAL)
        pending = self.invite(contact)
        self.rate(self.invite(other), SATISFIED)
        client.invalidate_recordset(["retention_survey_count"])
        contact.invalidate_recordset(["retention_survey_count"])
        self.assertEqual(client.retention_survey_count, 3)
        self.assertEqual(contact.retention_survey_count, 3, "its company's")
        self.assertEqual(other.retention_survey_count, 1)
        action = client.action_view_retention_surveys()
        listed = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(listed, self.answers_of(client | contact))
        self.assertIn(pending, listed)
