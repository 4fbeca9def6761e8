#!/bin/sh
# partnerhub: one database and two login roles per organisation's subgraph.
#
# The official postgres image runs this once, when its data volume is empty
# (/docker-entrypoint-initdb.d). It is idempotent, so an operator can run it
# again later to add an organisation, or to give a volume made before the
# owner roles its owners (docs/operations.md):
#
#   docker-compose exec -e PARTNERHUB_SUBGRAPHS=<name> -e <NAME>_DB_PASSWORD=... \
#     -e <NAME>_OWNER_DB_PASSWORD=... postgres sh /docker-entrypoint-initdb.d/10-organisations.sh
#
# For each name in PARTNERHUB_SUBGRAPHS, with D="${PARTNERHUB_DB_PREFIX}<name>",
# it creates the database D and two roles: "D_owner" (password
# <NAME>_OWNER_DB_PASSWORD) owns the database, its public schema and, once
# the migrate service has run, every table; "D" (password <NAME>_DB_PASSWORD),
# the service's role, may only connect: the owner grants it what a service
# may do after each migration run (subgraphs/kit/database.ts), and never the
# trails' UPDATE, DELETE or TRUNCATE. Whatever "D" owned (a volume from
# before the owners) is handed to "D_owner". PUBLIC gets nothing: each
# subgraph's roles connect to its own database only, never to another
# organisation's.
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

# A login role with the password in the variable named by $2 (created, or its password set anew).
partnerhub_role() {
  eval "partnerhub_value=\${${2}:-}"
  if [ -z "$partnerhub_value" ]; then
    echo "10-organisations.sh: ${2} is not set" >&2
    exit 1
  fi
  partnerhub_psql --dbname postgres -v role="$1" -v password="$partnerhub_value" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS create_role \gset
\if :create_role
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
\else
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
\endif
SQL
}

for partnerhub_name in $partnerhub_subgraphs; do
  partnerhub_upper=$(printf '%s' "$partnerhub_name" | tr '[:lower:]' '[:upper:]')
  echo "10-organisations.sh: database ${partnerhub_prefix}${partnerhub_name}, roles ${partnerhub_prefix}${partnerhub_name}_owner and ${partnerhub_prefix}${partnerhub_name}"
  partnerhub_role "${partnerhub_prefix}${partnerhub_name}_owner" "${partnerhub_upper}_OWNER_DB_PASSWORD"
  partnerhub_role "${partnerhub_prefix}${partnerhub_name}" "${partnerhub_upper}_DB_PASSWORD"
  partnerhub_psql --dbname postgres \
    -v name="${partnerhub_prefix}${partnerhub_name}" -v owner="${partnerhub_prefix}${partnerhub_name}_owner" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') AS create_db \gset
\if :create_db
CREATE DATABASE :"name" OWNER :"owner";
\else
ALTER DATABASE :"name" OWNER TO :"owner";
\endif
-- The owner and the service connect; PUBLIC (every other role) gets nothing, the service nothing more.
REVOKE ALL ON DATABASE :"name" FROM PUBLIC, :"name";
GRANT ALL ON DATABASE :"name" TO :"owner";
GRANT CONNECT ON DATABASE :"name" TO :"name";
\connect :"name"
-- PostgreSQL 14 and older give PUBLIC CREATE on schema public: take it back.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"owner";
-- A volume from before the owners: the service's role owned the tables; its privileges move with them.
REASSIGN OWNED BY :"name" TO :"owner";
SQL
done
