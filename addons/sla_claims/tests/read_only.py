"""Checks that a screen runs on Odoo's read replica (``db_replica_host``).

Two things decide it in Odoo 19: the web client's call must be routed to the
read-only cursor (``@api.readonly`` on the method, ``readonly=True`` on the
route), and what runs there must write nothing. ``read_only()`` runs code in
a savepoint set ``transaction_read_only``: PostgreSQL refuses any write there,
exactly as a streaming replica does."""

from contextlib import contextmanager


class ReadOnlyMixin:
    """For a TransactionCase or an HttpCase."""

    @contextmanager
    def read_only(self):
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT read_only_screens")
        self.env.cr.execute("SET LOCAL transaction_read_only = on")
        try:
            yield
            self.env.flush_all()  # a pending write fails here
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT read_only_screens")
            self.env.invalidate_all()

    def assertReadOnlyCall(self, model, method):
        """``/web/dataset/call_kw`` and ``call_button`` take the read-only
        cursor for ``model.method``: the first definition of the method in the
        model's classes is ``@api.readonly``, as web's
        ``DataSet._call_kw_readonly`` decides."""
        for cls in type(self.env[model]).mro():
            found = getattr(cls, method, None)
            if found is not None and hasattr(found, "_readonly"):
                self.assertTrue(
                    found._readonly, f"{model}.{method} is not @api.readonly"
                )
                return
        self.fail(f"{model}.{method} is not @api.readonly")
