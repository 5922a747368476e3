from . import models
from . import demo
from .models.retention_sql import drop_indexes


def uninstall_hook(env):
    """The scan's index lives on account_move, which outlives the module."""
    drop_indexes(env.cr)
