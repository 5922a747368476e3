"""A scheduled job of the suite that fails is called again soon, also when
it failed in the database (a serialization conflict with a job on another
server, a lock timeout): such a failure aborts the transaction, so nothing
can be read in it before it is rolled back."""

import psycopg2

from odoo.tests import tagged

from ..models.cron_progress import RETRY_DELAY, retried_soon
from .common import ClientsCase


@tagged("post_install", "-at_install", "sla_claims")
class TestCronRetry(ClientsCase):
    def test_a_job_failing_in_the_database_is_retried_soon(self):
        xmlid = "sla_claims.ir_cron_check_sla"
        cron = self.env.ref(xmlid)
        Trigger = self.env["ir.cron.trigger"]
        known = Trigger.search([("cron_id", "=", cron.id)])
        self.env.registry.clear_cache()  # the job's XML id is read again
        failure = None
        with self.scheduler_mode(), self.registry.cursor() as cr:
            env = self.env(cr=cr, context={"ir_cron_progress_id": 1})
            # not assertRaises: it would roll the retry back with the failure
            try:
                with retried_soon(env, xmlid):
                    cr.execute("SELECT 1 / 0", log_exceptions=False)
            except psycopg2.errors.DivisionByZero as error:
                failure = error
        self.assertTrue(failure, "the job's own failure is raised")
        retry = Trigger.search([("cron_id", "=", cron.id)]) - known
        self.assertEqual(len(retry), 1)
        self.assertAlmostEqual(
            (retry.call_at - retry.create_date).total_seconds(),
            RETRY_DELAY.total_seconds(),
            delta=60,
        )
