#!/bin/sh
# One-shot Temporal schema setup on PostgreSQL (run by the temporal-admin-tools service), the way
# Temporal's own compose examples do it now that the auto-setup image is deprecated. Idempotent:
# create-database ignores an existing database, setup-schema -v 0.0 skips a database that already has
# a newer schema, update-schema applies only the missing versions (so a newer admin-tools image
# migrates an existing volume).
set -eu

: "${POSTGRES_SEEDS:?}" "${DB_PORT:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}" "${DBNAME:?}" "${VISIBILITY_DBNAME:?}"
echo "Waiting for PostgreSQL at ${POSTGRES_SEEDS}:${DB_PORT}..."
nc -z -w 10 "$POSTGRES_SEEDS" "$DB_PORT"

# temporal-sql-tool reads the password from SQL_PASSWORD.
sql() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

echo "Default store: ${DBNAME}"
sql --db "$DBNAME" create-database
sql --db "$DBNAME" setup-schema -v 0.0
sql --db "$DBNAME" update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned

echo "Visibility store: ${VISIBILITY_DBNAME}"
sql --db "$VISIBILITY_DBNAME" create-database
sql --db "$VISIBILITY_DBNAME" setup-schema -v 0.0
sql --db "$VISIBILITY_DBNAME" update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned

echo "Temporal schema is up to date."
