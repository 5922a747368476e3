#!/bin/bash
# Once: a database with the suite installed (demo data unless DEMO=0), so that
# `docker compose up` opens on the Clients app. Later starts find it and stop.
set -euo pipefail
wait-for-psql.py --db_host "$PGHOST" --db_port 5432 --db_user "$PGUSER" \
    --db_password "$PGPASSWORD" --timeout 60
installed=$(psql -d "$ODOO_DB" -tAc "SELECT 1 FROM ir_module_module
    WHERE name = 'client_offboarding' AND state = 'installed'" 2>/dev/null || true)
if [ "$installed" = "1" ]; then
    echo "database $ODOO_DB already has the suite"
    exit 0
fi
demo=()
if [ "${DEMO:-1}" = "1" ]; then
    demo=(--with-demo)
fi
exec odoo -c /etc/odoo/odoo.conf --db_host "$PGHOST" --db_user "$PGUSER" \
    --db_password "$PGPASSWORD" -d "$ODOO_DB" "${demo[@]}" \
    -i client_offboarding,spreadsheet_dashboard_client_retention \
    --stop-after-init --no-http
