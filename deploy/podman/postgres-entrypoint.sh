#!/bin/sh
# Entry point of localhost/partnerhub-postgres:15 (postgres.Containerfile),
# the public postgres image's contract in short: on an empty PGDATA, initdb with
# POSTGRES_USER/POSTGRES_PASSWORD (password auth over TCP, trust on the local
# socket), then every /docker-entrypoint-initdb.d/*.sh (sourced unless
# executable) and *.sql against a server on the socket only; then PostgreSQL
# listening on every address, as the postgres user.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
export PGDATA POSTGRES_USER

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres-entrypoint: POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA"
  rm -f "$pwfile"
  echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -k /var/run/postgresql" start
  export PGHOST=/var/run/postgresql PGUSER="$POSTGRES_USER"
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          echo "postgres-entrypoint: running $f"
          "$f"
        else
          echo "postgres-entrypoint: sourcing $f"
          . "$f"
        fi
        ;;
      *.sql)
        echo "postgres-entrypoint: running $f"
        psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname postgres -f "$f"
        ;;
    esac
  done
  pg_ctl -D "$PGDATA" -w -m fast stop
fi

if [ "${1:-postgres}" = postgres ]; then
  [ $# -gt 0 ] && shift
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
