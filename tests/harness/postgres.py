"""The PostgreSQL the tests use: the one the usual settings name, or a
throwaway cluster started here and always removed afterwards."""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import dataclass

# Odoo settings that name a server, and the libpq variables that do the same.
ODOO_DB_KEYS = ("db_host", "db_port", "db_user", "db_password")
PG_ENV_FOR = {
    "db_host": "PGHOST",
    "db_port": "PGPORT",
    "db_user": "PGUSER",
    "db_password": "PGPASSWORD",
}


class PostgresError(Exception):
    pass


@dataclass
class Server:
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    throwaway: bool = False

    def odoo_options(self):
        return {
            key: value
            for key, value in (
                ("db_host", self.host),
                ("db_port", self.port),
                ("db_user", self.user),
                ("db_password", self.password),
            )
            if value
        }

    def describe(self):
        where = self.host or "the default socket"
        kind = "throwaway cluster" if self.throwaway else "PostgreSQL"
        return f"{kind} at {where}:{self.port or 5432} as {self.user or 'default user'}"


def given_server(environ, rc_options):
    """The server named by PG* variables or the Odoo config file, else None."""
    values = {}
    for key in ODOO_DB_KEYS:
        value = environ.get(PG_ENV_FOR[key]) or rc_options.get(key)
        if value and value != "False":
            values[key] = value
    if not values:
        return None
    return Server(
        host=values.get("db_host", ""),
        port=values.get("db_port", ""),
        user=values.get("db_user", ""),
        password=values.get("db_password", ""),
    )


def find_pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    raise PostgresError(
        f"No PostgreSQL server here ({name} not found). Install PostgreSQL "
        "(e.g. apt-get install postgresql) or name a server with PGHOST, "
        "PGPORT, PGUSER and PGPASSWORD."
    )


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayCluster:
    """initdb + pg_ctl in a private temporary folder, socket only (no TCP).

    initdb refuses to run as root, so as root the cluster belongs to the
    `postgres` system user. Use as a context manager: the cluster is stopped
    and its folder removed on exit, whatever happened.
    """

    role = "odoo"  # Odoo refuses to connect as `postgres`

    def __init__(self, log=print):
        self.log = log
        self.folder = None
        self.data = None
        self.port = str(free_port())
        self._as_user = None

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.remove()
            raise
        return Server(host=self.folder, port=self.port, user=self.role, throwaway=True)

    def __exit__(self, *exc):
        self.remove()
        return False

    def _run(self, args):
        kwargs = {}
        if self._as_user is not None:
            user = self._as_user

            def demote():
                os.setgid(user.pw_gid)
                os.initgroups(user.pw_name, user.pw_gid)
                os.setuid(user.pw_uid)

            kwargs["preexec_fn"] = demote
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        if self._as_user is not None:
            env["HOME"] = self.folder
        result = subprocess.run(
            args,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=180,
            **kwargs,
        )
        if result.returncode:
            raise PostgresError(
                f"{' '.join(args[:2])} failed:\n{result.stdout}{result.stderr}"
            )
        return result

    def _start(self):
        initdb, pg_ctl = find_pg_bin("initdb"), find_pg_bin("pg_ctl")
        self.folder = tempfile.mkdtemp(prefix="crs-pg-")
        self.data = os.path.join(self.folder, "data")
        if os.geteuid() == 0:
            try:
                self._as_user = pwd.getpwnam("postgres")
            except KeyError as error:
                raise PostgresError(
                    "Running as root, the throwaway cluster needs a `postgres` "
                    "system user (initdb refuses root). Create it, run as "
                    "another user, or set PGHOST/PGUSER to an existing server."
                ) from error
            os.chown(self.folder, self._as_user.pw_uid, self._as_user.pw_gid)
        self._run(
            [
                initdb,
                "-D",
                self.data,
                "-U",
                self.role,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        options = (
            f"-k {self.folder} -p {self.port} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            [
                pg_ctl,
                "-D",
                self.data,
                "-l",
                os.path.join(self.folder, "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "120",
                "start",
            ]
        )
        self.log(f"Started a throwaway PostgreSQL cluster in {self.folder}.")

    def remove(self):
        if not self.folder:
            return
        if self.data and os.path.exists(os.path.join(self.data, "postmaster.pid")):
            try:
                self._run(
                    [
                        find_pg_bin("pg_ctl"),
                        "-D",
                        self.data,
                        "-m",
                        "immediate",
                        "-w",
                        "-t",
                        "60",
                        "stop",
                    ]
                )
            except (PostgresError, OSError, subprocess.SubprocessError):
                self._kill_postmaster()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.log(f"Removed the throwaway PostgreSQL cluster {self.folder}.")
        self.folder = None

    def _kill_postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as pidfile:
                os.kill(int(pidfile.readline()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
