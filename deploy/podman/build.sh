#!/usr/bin/env bash
# Builds partnerhub's image (the Dockerfile, on the local base image) with
# podman, once for all six services, keeping every step's layer so that a
# rebuild redoes only what changed (docker-compose 1.29 builds each service
# separately through the Docker API, without podman's layer cache: six full
# builds). Tags it as docker-compose.yml names it, so `compose.sh up` runs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"
tag="partnerhub:${PARTNERHUB_IMAGE_TAG:-latest}"
cd "$here/../.."
# docker-compose asks the Docker API for the short name, which podman resolves as docker.io/library/.
podman build --layers --build-arg "NODE_IMAGE=$NODE_IMAGE" -t "localhost/$tag" -t "docker.io/library/$tag" -f Dockerfile . "$@"
