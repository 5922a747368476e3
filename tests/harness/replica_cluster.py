"""A PostgreSQL primary and its streaming hot standby, both throwaway, on
TCP 127.0.0.1 ports of their own, with pg_stat_statements loaded so that a
test can count the statements each server executed."""

import json
import os
import pwd
import subprocess
import tempfile
import time

from .postgres import PostgresError, Server, ThrowawayCluster, find_pg_bin

# both servers: the standby needs at least the primary's limits
SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=100 -c wal_level=replica "
    "-c max_wal_senders=4 -c hot_standby=on "
    "-c shared_preload_libraries=pg_stat_statements "
    "-c pg_stat_statements.track=top"
)
WAIT_SECONDS = 120


class _Cluster(ThrowawayCluster):
    """A throwaway cluster reached over TCP; ``_create`` makes its data
    folder."""

    def __enter__(self):
        super().__enter__()
        return Server(host="127.0.0.1", port=self.port, user=self.role, throwaway=True)

    def _start(self):
        self.folder = tempfile.mkdtemp(prefix=f"crs-pg-{self.kind}-")
        self.data = os.path.join(self.folder, "data")
        self._as_postgres()
        self._create()
        self._run(
            [
                find_pg_bin("pg_ctl"),
                "-D",
                self.data,
                "-l",
                os.path.join(self.folder, "server.log"),
                "-o",
                f"-k {self.folder} -p {self.port} {SETTINGS}",
                "-w",
                "-t",
                "120",
                "start",
            ]
        )
        self.log(f"Started a throwaway PostgreSQL {self.kind} on port {self.port}.")

    def _as_postgres(self):
        """initdb and pg_basebackup refuse root: as root, the cluster is the
        `postgres` system user's (as ThrowawayCluster does)."""
        if os.geteuid() != 0:
            return
        try:
            self._as_user = pwd.getpwnam("postgres")
        except KeyError as error:
            raise PostgresError(
                "Running as root, the replica test needs a `postgres` system "
                "user (initdb refuses root)."
            ) from error
        os.chown(self.folder, self._as_user.pw_uid, self._as_user.pw_gid)

    def sql(self, query, database="postgres"):
        """The single value ``query`` returns, as text (psql over TCP)."""
        result = subprocess.run(
            [
                find_pg_bin("psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                self.port,
                "-U",
                self.role,
                "-d",
                database,
                "-c",
                query,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if result.returncode:
            raise PostgresError(f"psql on port {self.port}: {result.stderr.strip()}")
        return result.stdout.strip()

    def reset_statements(self):
        self.sql("SELECT pg_stat_statements_reset()")

    def statements(self, database):
        """[(query, calls)] pg_stat_statements counted in ``database`` since
        the last reset."""
        found = self.sql(
            "SELECT coalesce(json_agg(json_build_array(s.query, s.calls)), '[]') "
            "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
            f"WHERE d.datname = '{database}'"
        )
        return [tuple(row) for row in json.loads(found)]


class PrimaryCluster(_Cluster):
    kind = "primary"

    def _create(self):
        self._run(
            [
                find_pg_bin("initdb"),
                "-D",
                self.data,
                "-U",
                self.role,
                "--auth=trust",  # with TCP and replication from 127.0.0.1
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )

    def prepare(self):
        """The view the test reads (it reaches the standby through WAL)."""
        self.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def wal_position(self):
        return self.sql("SELECT pg_current_wal_lsn()")


class StandbyCluster(_Cluster):
    """``pg_basebackup -R`` of the primary: a hot standby streaming from it."""

    kind = "standby"

    def __init__(self, primary, log=print):
        super().__init__(log)
        self.primary = primary

    def _create(self):
        self._run(
            [
                find_pg_bin("pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                self.primary.port,
                "-U",
                self.role,
                "-D",
                self.data,
                "-R",  # standby.signal and primary_conninfo
                "-X",
                "stream",
                "-c",
                "fast",
                "--no-sync",
            ]
        )

    def wait_streaming(self):
        """Until the primary has a walsender streaming to this standby."""
        self._wait(
            lambda: (
                self.primary.sql(
                    "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
                )
                != "0"
            ),
            "the standby to stream from the primary",
        )
        if self.sql("SELECT pg_is_in_recovery()") != "t":
            raise PostgresError("the standby is not in recovery: not a replica")

    def wait_replayed(self):
        """Until the standby has replayed everything the primary wrote."""
        target = self.primary.wal_position()
        self._wait(
            lambda: self.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'") == "t",
            f"the standby to replay the primary's WAL up to {target}",
        )

    def _wait(self, done, what):
        deadline = time.monotonic() + WAIT_SECONDS
        while not done():
            if time.monotonic() > deadline:
                raise PostgresError(f"waited {WAIT_SECONDS} s for {what}")
            time.sleep(0.2)
