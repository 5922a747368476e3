"""The processes of the multi-worker run: Odoo servers started in the
background and always stopped, and a mail sink for what Odoo sends."""

import os
import signal
import socketserver
import subprocess
import threading
import time
import xmlrpc.client

STOP_WAIT = 60  # seconds a server gets to finish its requests and stop


class OdooServer:
    """One ``odoo`` server process (and its workers) writing to ``logfile``.

    Started in a session of its own, so that stopping it reaches its forked
    workers too, even when the master died first."""

    def __init__(self, name, command, logfile, env=None):
        self.name = name
        self.command = command
        self.logfile = logfile
        self.env = env
        self.process = None

    def start(self):
        with open(self.logfile, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                self.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self.env,
                start_new_session=True,
            )
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        """SIGTERM (Odoo's graceful stop), then SIGKILL to the session."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_WAIT)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # leftover workers
        except (ProcessLookupError, PermissionError):
            pass
        if self.process.poll() is None:
            self.process.wait()

    def tail(self, lines=30):
        try:
            with open(self.logfile, encoding="utf-8", errors="replace") as log:
                return "".join(log.readlines()[-lines:])
        except OSError:
            return ""

    def wait_log(self, text, timeout):
        """Wait for ``text`` in the log; False when the server died or
        the time ran out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            with open(self.logfile, encoding="utf-8", errors="replace") as log:
                if text in log.read():
                    return True
            time.sleep(0.5)
        return False


def wait_http(url, server, timeout):
    """Wait until the server at ``url`` answers XML-RPC."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            return False
        try:
            xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
            return True
        except (OSError, xmlrpc.client.Error):
            time.sleep(0.5)
    return False


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept a mail and count it."""

    def reply(self, text):
        self.wfile.write(f"{text}\r\n".encode())

    def handle(self):
        self.reply("220 sink ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"DATA":
                self.reply("354 end with .")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                self.server.count()
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


class SmtpSink(socketserver.ThreadingTCPServer):
    """A local SMTP server that accepts every mail Odoo sends and keeps
    only their number: the run's mail goes nowhere."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.received = 0
        self._lock = threading.Lock()

    @property
    def port(self):
        return self.server_address[1]

    def count(self):
        with self._lock:
            self.received += 1

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
        return False
