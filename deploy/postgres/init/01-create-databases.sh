#!/bin/bash
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# Three roles, least privilege:
#   - the owner role owns the application database; the one-shot `migrate` service runs as it and
#     grants the application role its table privileges (libs/persistence APP_ROLE_PRIVILEGES);
#   - the application role (api, worker) may only connect: no superuser, no BYPASSRLS, no CREATEROLE,
#     no CREATEDB, and it owns nothing, so it cannot alter the audit tables or their triggers;
#   - Temporal's role may create databases: temporal-admin-tools creates `temporal` and
#     `temporal_visibility` with it (temporal-sql-tool create-database, idempotent) and sets up the schema.
# Changing the passwords in .env later does not change them here: the volume already exists.
set -euo pipefail

: "${APP_DB_NAME:?}" "${APP_DB_OWNER:?}" "${APP_DB_OWNER_PASSWORD:?}" "${APP_DB_USER:?}" "${APP_DB_PASSWORD:?}"
: "${TEMPORAL_DB_USER:?}" "${TEMPORAL_DB_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_db="$APP_DB_NAME" -v owner_user="$APP_DB_OWNER" -v owner_password="$APP_DB_OWNER_PASSWORD" \
  -v app_user="$APP_DB_USER" -v app_password="$APP_DB_PASSWORD" \
  -v temporal_user="$TEMPORAL_DB_USER" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE :"owner_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE :"app_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD :'app_password';
CREATE DATABASE :"app_db" OWNER :"owner_user";
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"app_db" TO :"app_user";
CREATE ROLE :"temporal_user" LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
