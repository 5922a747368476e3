#!/bin/bash
# The streaming replica. Its first start copies the primary with
# pg_basebackup -R, which also writes standby.signal and primary_conninfo;
# every start then runs postgres as a hot standby: it replays the primary's
# WAL and answers read-only queries, on every address (the container's).
# Extra arguments go to postgres.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
    # the postgres image starts as root; the data belongs to postgres
    mkdir -p "$(dirname "$PGDATA")"
    chown postgres:postgres "$(dirname "$PGDATA")"
    exec gosu postgres bash "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    # copied beside and renamed, so that an interrupted copy is redone
    rm -rf "$PGDATA.partial"
    PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" \
        -p "${PRIMARY_PORT:-5432}" -U "$REPLICATION_USER" -D "$PGDATA.partial" \
        -R -X stream -S replica -c fast
    mv "$PGDATA.partial" "$PGDATA"
fi
exec postgres -c hot_standby=on -c listen_addresses='*' "$@"
