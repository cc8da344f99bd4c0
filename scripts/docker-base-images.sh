#!/usr/bin/env bash
# Builds local stand-ins for the two images exits pulls, on a machine that reaches Debian's mirror and the npm
# registry but no image registry:
#   node:24-bookworm-slim   Debian bookworm (debootstrap, minbase) + Node 24 from the npm registry (the package
#                           node-linux-<arch>, which the `node` package installs) + npm, user `node` (uid 1000)
#   exits-redis:local       Debian bookworm + redis-server; use it with REDIS_IMAGE=exits-redis:local
# An image already present is kept (FORCE=1 builds it again). Where a registry is reachable none of this is
# needed: `docker pull node:24-bookworm-slim` and the compose file's default Redis image do.
#
#   sudo bash scripts/docker-base-images.sh        # needs root (debootstrap), docker and npm
#
# Variables: DEBIAN_MIRROR (http://deb.debian.org/debian), DEBIAN_SECURITY_MIRROR, NODE_MAJOR (24),
# NPM_MAJOR (11), EXITS_DOCKER_WORK (scratch folder), DOCKER_BUILD_NETWORK (host: builds on the host's network).
# If NODE_EXTRA_CA_CERTS names a file (a proxy that re-signs TLS), that file is copied into the Node image and
# named there too, so npm inside a build trusts the same authorities as on this machine. It holds public
# certificates only.
set -euo pipefail

NODE_IMAGE=${NODE_IMAGE:-node:24-bookworm-slim}
REDIS_LOCAL_IMAGE=${REDIS_LOCAL_IMAGE:-exits-redis:local}
DEBIAN_IMAGE=${DEBIAN_IMAGE:-exits-debian:bookworm}
NODE_MAJOR=${NODE_MAJOR:-24}
NPM_MAJOR=${NPM_MAJOR:-11}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
WORK=${EXITS_DOCKER_WORK:-${TMPDIR:-/tmp}/exits-docker-base}
NETWORK=${DOCKER_BUILD_NETWORK:-host}

log() { printf '[docker-base-images] %s\n' "$*" >&2; }
have() { [ -z "${FORCE:-}" ] && docker image inspect "$1" >/dev/null 2>&1; }

mkdir -p "$WORK"

# Debian bookworm, minimal, as an image of its own: the base of the two below.
debian_image() {
  if have "$DEBIAN_IMAGE"; then log "$DEBIAN_IMAGE: present"; return; fi
  command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install -y debootstrap"; exit 1; }
  local rootfs=$WORK/rootfs
  if grep -q " $rootfs" /proc/mounts; then log "$rootfs has mounts left; unmount them first"; exit 1; fi
  rm -rf "$rootfs" && mkdir -p "$rootfs"
  log "debootstrap bookworm from $MIRROR (a few minutes)"
  debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY_MIRROR bookworm-security main
EOF
  # What Debian's own slim images leave out: package lists, downloaded packages, docs and manuals.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  if grep -q " $rootfs" /proc/mounts; then log "debootstrap left mounts under $rootfs"; exit 1; fi
  tar -C "$rootfs" --numeric-owner -c . | docker import --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "$DEBIAN_IMAGE: built"
}

node_image() {
  if have "$NODE_IMAGE"; then log "$NODE_IMAGE: present"; return; fi
  local arch ctx
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) log "no Node package for $(uname -m)"; exit 1 ;; esac
  ctx=$WORK/node-context
  rm -rf "$ctx" && mkdir -p "$ctx/node" "$ctx/npm"
  log "Node $NODE_MAJOR and npm $NPM_MAJOR from the npm registry"
  (cd "$WORK" && rm -f node-linux-*.tgz npm-*.tgz \
    && npm pack --silent "node-linux-$arch@$NODE_MAJOR" >/dev/null && npm pack --silent "npm@$NPM_MAJOR" >/dev/null)
  tar -xzf "$WORK"/node-linux-$arch-*.tgz -C "$ctx/node" --strip-components=1
  tar -xzf "$WORK"/npm-*.tgz -C "$ctx/npm" --strip-components=1
  : >"$ctx/extra-ca.crt"
  local ca_env=""
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
    cp "$NODE_EXTRA_CA_CERTS" "$ctx/extra-ca.crt"
    ca_env="ENV NODE_EXTRA_CA_CERTS=/usr/local/share/exits-extra-ca.crt"
    log "adding the authorities of NODE_EXTRA_CA_CERTS ($NODE_EXTRA_CA_CERTS) to $NODE_IMAGE"
  fi
  local version
  version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ctx/node/package.json" | head -1)
  cat >"$ctx/Dockerfile" <<EOF
FROM $DEBIAN_IMAGE
ENV NODE_VERSION=$version
COPY node/bin/node /usr/local/bin/node
COPY node/include/node /usr/local/include/node
COPY npm /usr/local/lib/node_modules/npm
COPY extra-ca.crt /usr/local/share/exits-extra-ca.crt
$ca_env
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
CMD ["node"]
EOF
  docker build --network "$NETWORK" -t "$NODE_IMAGE" "$ctx" >"$WORK/node-build.log" 2>&1 \
    || { tail -30 "$WORK/node-build.log" >&2; exit 1; }
  rm -rf "$ctx"
  log "$NODE_IMAGE: built (Node $version)"
}

redis_image() {
  if have "$REDIS_LOCAL_IMAGE"; then log "$REDIS_LOCAL_IMAGE: present"; return; fi
  local ctx=$WORK/redis-context
  rm -rf "$ctx" && mkdir -p "$ctx"
  # Like the official image: redis-server runs as redis in /data, and protected mode is off (the container's
  # network is the boundary), so other containers can connect.
  cat >"$ctx/entrypoint.sh" <<'EOF'
#!/bin/sh
if [ "$1" = redis-server ]; then exec "$@" --protected-mode no; fi
exec "$@"
EOF
  cat >"$ctx/Dockerfile" <<EOF
FROM $DEBIAN_IMAGE
COPY entrypoint.sh /usr/local/bin/redis-entrypoint
RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/* \\
 && mkdir /data && chown redis:redis /data && chmod 755 /usr/local/bin/redis-entrypoint
USER redis
WORKDIR /data
VOLUME /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/redis-entrypoint"]
CMD ["redis-server"]
EOF
  log "$REDIS_LOCAL_IMAGE: installing redis-server from Debian"
  docker build --network "$NETWORK" -t "$REDIS_LOCAL_IMAGE" "$ctx" >"$WORK/redis-build.log" 2>&1 \
    || { tail -30 "$WORK/redis-build.log" >&2; exit 1; }
  rm -rf "$ctx"
  log "$REDIS_LOCAL_IMAGE: built"
}

debian_image
node_image
redis_image
