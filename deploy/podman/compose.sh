#!/usr/bin/env bash
# docker-compose (Debian's 1.29) against Debian's podman, for machines without
# a Docker engine or an image registry:
#
#   deploy/podman/base-images.sh           # once per machine (cached)
#   deploy/podman/compose.sh up -d --build
#
# Starts podman's Docker API service on $PARTNERHUB_PODMAN_SOCKET when it is not
# answering (it exits by itself after 10 idle minutes), then runs
# docker-compose with the local base images (env.sh) and any arguments given.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

if ! curl -fsS --unix-socket "$PARTNERHUB_PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1; then
  mkdir -p "$(dirname "$PARTNERHUB_PODMAN_SOCKET")"
  rm -f "$PARTNERHUB_PODMAN_SOCKET"
  # From /: the service outlives this script, and conmon refuses to start containers
  # ("Failed to get working directory") once the folder it was started in is deleted
  # (a CI clone removed while the service still runs).
  (cd / && exec nohup podman system service --time=600 "unix://$PARTNERHUB_PODMAN_SOCKET" \
    >"$(dirname "$PARTNERHUB_PODMAN_SOCKET")/podman-service.log" 2>&1) &
  for _ in $(seq 1 50); do
    curl -fsS --unix-socket "$PARTNERHUB_PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
cd "$here/../.."
exec docker-compose "$@"
