from contextlib import contextmanager

from odoo.tests import TransactionCase


class ClientsCase(TransactionCase):
    """Base of the suite's tests: mail tracking off, error texts asserted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """assertRaises (which rolls the failed change back) plus a check of
        the message the user reads."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)
