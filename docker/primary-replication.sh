#!/bin/bash
# Once, when the primary's data folder is created (the postgres image runs
# /docker-entrypoint-initdb.d/ then): the role the replica copies and streams
# with, the slot that keeps the WAL it has not received yet, and the pg_hba
# line that lets it in ("all" in pg_hba does not cover replication).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
    -v role="$REPLICATION_USER" -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE :"role" WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot('replica');
SQL
echo "host replication $REPLICATION_USER all scram-sha-256" >>"$PGDATA/pg_hba.conf"
