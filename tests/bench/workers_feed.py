"""Feeders of the multi-worker run: concurrent senders that deliver mail to
Odoo exactly as odoo-mailgate does (Odoo's addons/mail/static/scripts/
odoo-mailgate.py: ``execute_kw(db, uid, password, 'mail.thread',
'message_process', [False, Binary(raw)], {})`` over XML-RPC), each through
its own connection. Standard library only: the harness runs it.

Two mails in three open a claim; the third answers (In-Reply-To and
References) a mail another feeder delivered moments before, from the same
sender, as a customer's reply does. Every error a feeder gets back is kept:
Odoo retries serialization conflicts itself, so any error is a bug.
"""

import threading
import time
import xmlrpc.client
from collections import deque
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate

KNOWN_PER_CLIENT = 18  # under Odoo's loop threshold (20 new claims / 2 h)
REPLY_WAIT = 60.0  # seconds a reply waits for an original to answer


@dataclass
class Delivery:
    message_id: str
    feeder: int
    sender: str
    subject: str
    answers: str = None  # the Message-Id of the mail it replies to
    claim_id: int = None
    error: str = None
    seconds: float = 0.0


@dataclass
class FeedResult:
    deliveries: list = field(default_factory=list)
    seconds: float = 0.0

    def originals(self):
        return [d for d in self.deliveries if d.answers is None]

    def replies(self):
        return [d for d in self.deliveries if d.answers is not None]

    def errors(self):
        return [d for d in self.deliveries if d.error]


def is_reply(index):
    """Every third mail (by its place in the run) answers an earlier one."""
    return index % 3 == 2


def sender_of(original_index, clients, run):
    """A known client for one original in four (at most KNOWN_PER_CLIENT
    each), else a new customer of its own: each writes once."""
    if original_index % 4 == 0 and original_index // 4 < KNOWN_PER_CLIENT * len(
        clients
    ):
        return clients[(original_index // 4) % len(clients)]["email"]
    return f"customer{original_index}.{run}@newcomers.example"


def original_mail(index, sender, alias, run):
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = alias
    mail["Subject"] = f"Parcel {chr(65 + index % 26)} arrived damaged"
    mail["Message-Id"] = f"<workers.{run}.{index}@{sender.split('@')[1]}>"
    mail["Date"] = formatdate(localtime=False)
    mail.set_content(
        f"Hello,\n\nthe parcel of our order arrived damaged ({index}).\n"
        "Please send a replacement.\n"
    )
    return mail


def reply_mail(index, original, alias, run):
    mail = EmailMessage()
    mail["From"] = original.sender
    mail["To"] = alias
    mail["Subject"] = f"Re: {original.subject}"
    mail["Message-Id"] = f"<workers.{run}.{index}.re@{original.sender.split('@')[1]}>"
    mail["In-Reply-To"] = original.message_id
    mail["References"] = original.message_id
    mail["Date"] = formatdate(localtime=False)
    mail.set_content("Any news? We need the replacement this week.\n")
    return mail


class Feeders:
    """``count`` mails over ``feeders`` threads, to ``url`` (the server's
    root URL) on ``db`` as ``uid``/``password``."""

    def __init__(self, url, db, uid, password, alias, clients, run):
        self.url = url
        self.db = db
        self.uid = uid
        self.password = password
        self.alias = alias
        self.clients = clients
        self.run = run
        self._lock = threading.Condition()
        self._next = 0
        self._originals_planned = 0
        self._answerable = deque()  # delivered originals not answered yet

    def feed(self, count, feeders=8):
        result = FeedResult()
        self._count = count
        threads = [
            threading.Thread(target=self._work, args=(number, result), daemon=True)
            for number in range(feeders)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        result.seconds = time.monotonic() - started
        return result

    def _take(self):
        """(index, original index or None) of the next mail to send."""
        with self._lock:
            if self._next >= self._count:
                return None
            index, self._next = self._next, self._next + 1
            if is_reply(index):
                return index, None
            self._originals_planned += 1
            return index, self._originals_planned - 1

    def _answerable_by(self, feeder):
        """The latest delivered original of another feeder, not yet
        answered; waits for one."""
        deadline = time.monotonic() + REPLY_WAIT
        with self._lock:
            while True:
                for original in reversed(self._answerable):
                    if original.feeder != feeder:
                        self._answerable.remove(original)
                        return original
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._lock.wait(left)

    def _work(self, feeder, result):
        proxy = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )
        while True:
            taken = self._take()
            if taken is None:
                return
            index, original_index = taken
            if original_index is None:
                original = self._answerable_by(feeder)
                if original is None:
                    delivery = Delivery("", feeder, "", "", answers="?")
                    delivery.error = "no original of another feeder to answer"
                    result.deliveries.append(delivery)
                    continue
                mail = reply_mail(index, original, self.alias, self.run)
            else:
                sender = sender_of(original_index, self.clients, self.run)
                mail = original_mail(index, sender, self.alias, self.run)
            delivery = Delivery(
                mail["Message-Id"],
                feeder,
                str(mail["From"]),
                str(mail["Subject"]),
                answers=original.message_id if original_index is None else None,
            )
            self._deliver(proxy, mail, delivery)
            with self._lock:
                result.deliveries.append(delivery)
                if original_index is not None and not delivery.error:
                    self._answerable.append(delivery)
                    self._lock.notify_all()

    def _deliver(self, proxy, mail, delivery):
        raw = mail.as_bytes()
        started = time.monotonic()
        try:
            delivery.claim_id = proxy.execute_kw(
                self.db,
                self.uid,
                self.password,
                "mail.thread",
                "message_process",
                [False, xmlrpc.client.Binary(raw)],
                {},
            )
        except (xmlrpc.client.Error, OSError) as error:
            delivery.error = _describe(error)
        delivery.seconds = time.monotonic() - started


def _describe(error):
    if isinstance(error, xmlrpc.client.Fault):
        lines = [ln for ln in str(error.faultString).splitlines() if ln.strip()]
        return f"Fault {error.faultCode}: {lines[-1] if lines else ''}"
    return f"{type(error).__name__}: {error}"
