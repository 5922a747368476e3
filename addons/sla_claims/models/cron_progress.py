"""Batch progress of the suite's scheduled actions, and their retry."""

from contextlib import contextmanager
from datetime import timedelta

from odoo import fields

RETRY_DELAY = timedelta(minutes=30)


def commit_progress(env, processed, remaining=None):
    """Commit a batch when the scheduler runs the job. Called otherwise
    (module data, a button, a script), the job is one transaction of its
    caller and commits nothing. Returns the seconds left to the run."""
    if not env.context.get("ir_cron_progress_id"):
        return float("inf")
    return env["ir.cron"]._commit_progress(processed, remaining=remaining)


@contextmanager
def retried_soon(env, cron_xmlid, delay=RETRY_DELAY):
    """A scheduled action that fails (a lock, a lost connection, one bad
    record) is called again after ``delay``, not at its next interval (for a
    monthly one, next month); the batches it committed stay done."""
    try:
        yield
    except Exception:
        if env.context.get("ir_cron_progress_id"):
            # the failed work is undone (the scheduler would do it), first: a
            # failed statement (a conflict with another server's transaction,
            # a lock timeout) leaves the transaction unable to read anything
            env.cr.rollback()
            cron_id = env["ir.model.data"]._xmlid_to_res_id(
                cron_xmlid, raise_if_not_found=False
            )
            if cron_id:
                # the retry is kept: the scheduler's own transaction ends here
                env["ir.cron"].sudo().browse(cron_id)._trigger(
                    fields.Datetime.now() + delay
                )
                env.cr.commit()  # pylint: disable=invalid-commit
        raise
