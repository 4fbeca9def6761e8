# Sourced by the scripts that run partnerhub's containers with Debian's podman
# (deploy/podman/base-images.sh, deploy/podman/stack.sh). Sets podman's store and
# limits, the Docker API socket docker-compose talks to, and the locally built
# base images the Dockerfile and docker-compose.yml take as variables.
partnerhub_podman_dir="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
export CONTAINERS_STORAGE_CONF="$partnerhub_podman_dir/storage.conf"
export CONTAINERS_CONF="$partnerhub_podman_dir/containers.conf"
export PARTNERHUB_PODMAN_SOCKET="${PARTNERHUB_PODMAN_SOCKET:-/run/partnerhub/podman.sock}"
export DOCKER_HOST="unix://$PARTNERHUB_PODMAN_SOCKET"
# Files downloaded once per machine (Debian root file system, Node, npm).
export PARTNERHUB_CACHE="${PARTNERHUB_CACHE:-/var/cache/partnerhub}"
# Pinned inputs of the base images.
export PARTNERHUB_DEBIAN_SUITE=bookworm
export PARTNERHUB_DEBIAN_MIRROR="${PARTNERHUB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export PARTNERHUB_NODE_VERSION=20.20.2
export PARTNERHUB_NPM_VERSION=11.19.1
export NODE_IMAGE=localhost/partnerhub-node:20
export POSTGRES_IMAGE=localhost/partnerhub-postgres:15
