"""Batch progress of the module's scheduled actions."""


def commit_progress(env, processed, remaining=None):
    """Commit a batch when the scheduler runs the job. Called otherwise
    (module data, a button, a script), the job is one transaction of its
    caller and commits nothing."""
    if not env.context.get("ir_cron_progress_id"):
        return float("inf")
    return env["ir.cron"]._commit_progress(processed, remaining=remaining)
