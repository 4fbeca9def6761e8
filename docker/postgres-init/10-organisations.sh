#!/bin/sh
# partnerhub: one database and one login role per organisation's subgraph.
#
# The official postgres image runs this once, when its data volume is empty
# (/docker-entrypoint-initdb.d). It is idempotent, so an operator can run it
# again later to add an organisation (docs/operations.md):
#
#   docker-compose exec -e PARTNERHUB_SUBGRAPHS=<name> -e <NAME>_DB_PASSWORD=... \
#     postgres sh /docker-entrypoint-initdb.d/10-organisations.sh
#
# For each name in PARTNERHUB_SUBGRAPHS it creates the role and the database
# "${PARTNERHUB_DB_PREFIX}<name>" (the role owns the database and its public
# schema, with the password from <NAME>_DB_PASSWORD) and revokes every
# privilege PUBLIC has on it: a subgraph's role connects to its own database
# only, never to another organisation's.
#
# Connects like psql does (PGHOST, PGPORT, ...) as $POSTGRES_USER, a superuser.
# POSIX sh, no `set -u` and no `exit` on success: the image may source it.
set -e

partnerhub_prefix="${PARTNERHUB_DB_PREFIX:-partnerhub_}"
partnerhub_subgraphs="${PARTNERHUB_SUBGRAPHS:-companies clusters partners projects registry}"
# Databases PUBLIC may no longer connect to (superusers still can). Set it to
# an empty string to leave them alone, e.g. on a server shared with others.
partnerhub_lock="${PARTNERHUB_LOCK_DATABASES-postgres}"

partnerhub_psql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" "$@"
}

for partnerhub_db in $partnerhub_lock; do
  partnerhub_psql --dbname postgres -v db="$partnerhub_db" <<'SQL'
REVOKE CONNECT ON DATABASE :"db" FROM PUBLIC;
SQL
done

for partnerhub_name in $partnerhub_subgraphs; do
  partnerhub_upper=$(printf '%s' "$partnerhub_name" | tr '[:lower:]' '[:upper:]')
  eval "partnerhub_password=\${${partnerhub_upper}_DB_PASSWORD:-}"
  if [ -z "$partnerhub_password" ]; then
    echo "10-organisations.sh: ${partnerhub_upper}_DB_PASSWORD is not set" >&2
    exit 1
  fi
  echo "10-organisations.sh: database and role ${partnerhub_prefix}${partnerhub_name}"
  partnerhub_psql --dbname postgres \
    -v name="${partnerhub_prefix}${partnerhub_name}" -v password="$partnerhub_password" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') AS create_role \gset
\if :create_role
CREATE ROLE :"name" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
\else
ALTER ROLE :"name" LOGIN PASSWORD :'password';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') AS create_db \gset
\if :create_db
CREATE DATABASE :"name" OWNER :"name";
\endif
-- Only the owner connects; PUBLIC (every other role) gets nothing.
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT ALL ON DATABASE :"name" TO :"name";
\connect :"name"
-- PostgreSQL 14 and older give PUBLIC CREATE on schema public: take it back.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"name";
SQL
done
