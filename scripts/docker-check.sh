#!/usr/bin/env bash
# Checks the Docker image and compose.yaml end to end, where a container engine can run (not part of npm test):
#   1. the image builds; it runs Node 24 as uid 1000, the compiled dist/ and no src/, without dev dependencies
#   2. `docker run --rm -v VOLUME:/app/data exits:local once --json` twice on a local feed: the first run is the
#      feed's first sight (recorded, nothing posted); the second, with one item more in the feed, prints that
#      one card and no first sight, because the state stayed in the named volume (a fresh volume, compared,
#      sees a first sight again); `recent` reads the history back from the volume
#   3. a root-owned bind mount fails with SQLITE_CANTOPEN, and works after `chown 1000:1000` (the README's hint)
#   4. `docker run -d` of the bot with --env-file and a mounted config turns healthy and stops with exit 0
#   5. `docker compose up` with a local Redis: both replicas turn healthy and answer /healthz; then `down -v`
#
#   bash scripts/docker-check.sh            # as root where the engine must be installed or started
#
# Without a docker CLI it installs Debian's docker.io; without a running engine it starts
# `dockerd --iptables=false --bridge=none` (stopped again at the end). Every container runs on the host's
# network (compose.check.yaml), so it works with or without a bridge. When node:24-bookworm-slim (or the Redis
# image) is absent and cannot be pulled, scripts/docker-base-images.sh builds a stand-in from Debian's mirror
# and the npm registry; Redis then runs from exits-redis:local. Variables: IMAGE (exits:local),
# CHECK_FEED_PORT (18089), CHECK_REDIS_PORT (16379), CHECK_HEALTH_PORT_1/2 (19464/19465), KEEP_ENGINE=1.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-exits:local}
NODE_BASE=node:24-bookworm-slim
FEED_PORT=${CHECK_FEED_PORT:-18089}
export CHECK_REDIS_PORT=${CHECK_REDIS_PORT:-16379}
export CHECK_HEALTH_PORT_1=${CHECK_HEALTH_PORT_1:-19464}
export CHECK_HEALTH_PORT_2=${CHECK_HEALTH_PORT_2:-19465}
PROJECT=exits-check
VOLUME=exits-check-data-$$
FRESH=exits-check-fresh-$$
BOT=exits-check-bot-$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/exits-docker-check.XXXXXX")
FEED=http://127.0.0.1:$FEED_PORT/feed.xml
DOCKERD_PID=""
FEED_PID=""
COMPOSE=()

step() { printf '\n== %s\n' "$*"; }
ok() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*"
  exit 1
}

cleanup() {
  set +e
  if [ ${#COMPOSE[@]} -gt 0 ] && [ -f "$WORK/compose.env" ]; then
    "${COMPOSE[@]}" --env-file "$WORK/compose.env" -p "$PROJECT" -f compose.yaml -f compose.check.yaml \
      down -v --remove-orphans >/dev/null 2>&1
  fi
  if [ -n "$DOCKERD_PID" ] || docker info >/dev/null 2>&1; then
    docker rm -f "$BOT" >/dev/null 2>&1
    docker volume rm -f "$VOLUME" "$FRESH" >/dev/null 2>&1
  fi
  [ -n "$FEED_PID" ] && kill "$FEED_PID" 2>/dev/null
  if [ -n "$DOCKERD_PID" ] && [ -z "${KEEP_ENGINE:-}" ]; then
    kill "$DOCKERD_PID" 2>/dev/null && wait "$DOCKERD_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step "engine"
if ! command -v docker >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null; }
  dockerd --iptables=false --bridge=none >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 "$WORK/dockerd.log"; fail "dockerd did not start"; }
  ok "started dockerd --iptables=false --bridge=none (pid $DOCKERD_PID)"
fi
if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  command -v docker-compose >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; }
  COMPOSE=(docker-compose)
fi
ok "engine $(docker version -f '{{.Server.Version}}'), compose: ${COMPOSE[*]} $("${COMPOSE[@]}" version --short 2>/dev/null)"

step "base images"
pull() { timeout 60 docker pull -q "$1" >/dev/null 2>&1; }
REDIS_IMAGE=${REDIS_IMAGE:-redis:7-alpine}
if ! docker image inspect "$NODE_BASE" >/dev/null 2>&1 && ! pull "$NODE_BASE"; then
  bash scripts/docker-base-images.sh
fi
if ! docker image inspect "$REDIS_IMAGE" >/dev/null 2>&1 && ! pull "$REDIS_IMAGE"; then
  bash scripts/docker-base-images.sh
  REDIS_IMAGE=exits-redis:local
fi
ok "$NODE_BASE: $(docker run --rm "$NODE_BASE" node --version); Redis: $REDIS_IMAGE"

step "build $IMAGE"
start=$(date +%s)
docker build --network host -t "$IMAGE" . >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; fail "docker build"; }
context=$(sed -n 's/^Sending build context to Docker daemon *//p' "$WORK/build.log" | tail -1)
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
ok "built in $(($(date +%s) - start)) s; image $((size / 1000000)) MB${context:+; build context $context}"

step "image contents"
facts=$(docker run --rm --entrypoint sh "$IMAGE" -c \
  'echo "uid=$(id -u) node=$(node --version)"; ls -A /app | tr "\n" " "; echo;
   for p in src test .env .git node_modules/typescript node_modules/vitest; do [ -e "/app/$p" ] && echo "present: $p"; done;
   [ -f /app/dist/.built ] && [ -f /app/dist/app/main.js ] && echo "dist: built"; stat -c "data: %u:%g %a" /app/data')
echo "$facts"
grep -q '^uid=1000 node=v24\.' <<<"$facts" || fail "runs as uid 1000 on Node 24"
grep -q '^present:' <<<"$facts" && fail "the image holds what it should not"
grep -q '^dist: built' <<<"$facts" || fail "dist/ is built"
grep -q '^data: 1000:1000' <<<"$facts" || fail "/app/data belongs to 1000:1000"
ok "Node 24, uid 1000, dist/ and no src/, test/, .env, dev dependencies"
docker run --rm "$IMAGE" --help >"$WORK/help.out" 2>&1 || { cat "$WORK/help.out"; fail "exits --help"; }
ok "docker run --rm $IMAGE --help: exit 0: $(head -1 "$WORK/help.out")"
ok "in the container: $(docker run --rm --entrypoint sh "$IMAGE" -c 'a=$(date +%s%N); node bin/exits.js --help >/dev/null;
  b=$(date +%s%N); node -e 0; c=$(date +%s%N); echo "exits --help $(((b - a) / 1000000)) ms, node -e 0 $(((c - b) / 1000000)) ms"')"

step "state kept in a named volume across docker run --rm"
mkdir -p "$WORK/feeds"
# A feed with one change; a second one is added before the second run.
write_feed() {
  node -e '
    const [file, count] = process.argv.slice(1);
    const items = [
      ["Mira Murati leaves OpenAI", "Mira Murati, the chief technology officer of OpenAI, is leaving the company."],
      ["Anthropic appoints Jane Roe as chief financial officer", "Anthropic has appointed Jane Roe as its chief financial officer."],
    ].slice(0, Number(count)).map(([title, text], i) => `<item><title>${title}</title><link>https://news.example/${i}</link>` +
      `<guid>https://news.example/${i}</guid><pubDate>${new Date(Date.now() - i * 60000).toUTCString()}</pubDate><description>${text}</description></item>`);
    require("node:fs").writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Check feed</title>` +
      `<link>https://news.example/</link><description>exits docker check</description>${items.join("")}</channel></rss>`);
  ' "$WORK/feeds/feed.xml" "$1"
}
write_feed 1
node -e '
  const [dir, port] = process.argv.slice(1);
  require("node:http").createServer((req, res) => require("node:fs").readFile(`${dir}/feed.xml`, (err, body) => {
    res.writeHead(err ? 404 : 200, { "content-type": "application/rss+xml" }); res.end(err ? "" : body);
  })).listen(Number(port), "127.0.0.1");
' "$WORK/feeds" "$FEED_PORT" &
FEED_PID=$!
sleep 1
once() { # once VOLUME NAME: one cycle on the local feed, stdout and stderr kept apart
  local rc=0
  docker run --rm --network host -v "$1:/app/data" "$IMAGE" once --feed "$FEED" --json \
    >"$WORK/$2.out" 2>"$WORK/$2.err" || rc=$?
  printf '$ docker run --rm --network host -v %s:/app/data %s once --feed %s --json   # exit %s\n' "$1" "$IMAGE" "$FEED" "$rc"
  sed 's/^/  stdout: /' "$WORK/$2.out"
  grep -o '"msg":"[^"]*"' "$WORK/$2.err" | sed 's/^/  log: /'
  [ "$rc" = 0 ] || fail "exit $rc"
}
once "$VOLUME" first
[ ! -s "$WORK/first.out" ] || fail "first run printed a card"
grep -q 'first sight of' "$WORK/first.err" || fail "first run is the feed's first sight"
grep -q 'store: sqlite /app/data/exits.sqlite' "$WORK/first.err" || fail "the state is in the volume, /app/data"
ok "first run: first sight, nothing posted"
write_feed 2
once "$VOLUME" second
grep -q 'first sight of' "$WORK/second.err" && fail "second run saw a first sight again: the state was lost"
[ "$(wc -l <"$WORK/second.out")" = 1 ] && grep -q '"person":"Jane Roe"' "$WORK/second.out" \
  || fail "second run prints the one new card"
ok "second run, same volume: no first sight, one card (the new item)"
once "$FRESH" fresh
grep -q 'first sight of' "$WORK/fresh.err" && [ ! -s "$WORK/fresh.out" ] || fail "a fresh volume sees a first sight"
ok "the same run on a fresh volume: first sight again, nothing posted"
docker run --rm -v "$VOLUME:/app/data" "$IMAGE" recent --json >"$WORK/recent.out" 2>/dev/null || fail "recent"
grep -q 'Mira Murati' "$WORK/recent.out" && grep -q 'Jane Roe' "$WORK/recent.out" || fail "recent reads both changes"
ok "docker run --rm -v $VOLUME:/app/data $IMAGE recent --json: $(grep -c . "$WORK/recent.out") line(s), Mira Murati and Jane Roe"
ok "volume: $(docker run --rm -v "$VOLUME:/app/data" --entrypoint sh "$IMAGE" -c 'cd /app/data && stat -c "%n %u:%g" *' | tr '\n' ' ')"

step "bind mount: uid 1000"
mkdir -p "$WORK/bind" && chown 0:0 "$WORK/bind" && chmod 755 "$WORK/bind"
rc=0
docker run --rm --network host -v "$WORK/bind:/app/data" "$IMAGE" once --feed "$FEED" >/dev/null 2>"$WORK/bind.err" || rc=$?
[ "$rc" != 0 ] && grep -q 'SQLITE_CANTOPEN' "$WORK/bind.err" || { cat "$WORK/bind.err"; fail "a root-owned bind mount fails with SQLITE_CANTOPEN"; }
ok "root-owned bind mount: exit $rc, $(grep -o 'SQLITE_CANTOPEN[^"]*' "$WORK/bind.err" | head -1)"
chown 1000:1000 "$WORK/bind"
docker run --rm --network host -v "$WORK/bind:/app/data" "$IMAGE" once --feed "$FEED" >/dev/null 2>"$WORK/bind.err" \
  || { cat "$WORK/bind.err"; fail "after chown 1000:1000"; }
ok "after chown 1000:1000: exit 0, $(ls "$WORK/bind" | tr '\n' ' ')"
mkdir -p "$WORK/bind-user" && chown 0:0 "$WORK/bind-user"
docker run --rm --network host --user "$(stat -c %u:%g "$WORK/bind-user")" -v "$WORK/bind-user:/app/data" "$IMAGE" \
  once --feed "$FEED" >/dev/null 2>"$WORK/bind.err" || { cat "$WORK/bind.err"; fail "--user the folder's owner"; }
ok "or --user $(stat -c %u:%g "$WORK/bind-user") (the folder's owner): exit 0, $(ls "$WORK/bind-user" | tr '\n' ' ')"

step "docker run -d: the bot, with --env-file and a mounted config"
cat >"$WORK/check-config.yaml" <<EOF
# exits docker check: one local feed, polled every 10 s (by one replica per tick under compose).
schedule: "*/10 * * * * *"
feeds:
  - { name: Check feed, url: "$FEED" }
x: []
EOF
chmod 644 "$WORK/check-config.yaml"
printf 'LOG_LEVEL=debug\nEXITS_REPLICA_ID=docker-check\nHEALTH_PORT=%s\n' "$CHECK_HEALTH_PORT_1" >"$WORK/run.env"
docker run -d --name "$BOT" --network host --env-file "$WORK/run.env" -v "$VOLUME:/app/data" \
  -v "$WORK/check-config.yaml:/config/exits.yaml:ro" -e EXITS_CONFIG=/config/exits.yaml "$IMAGE" >/dev/null
ok "docker run -d --name $BOT --network host --env-file run.env -v $VOLUME:/app/data -v check-config.yaml:/config/exits.yaml:ro -e EXITS_CONFIG=/config/exits.yaml $IMAGE"
status=absent
for _ in $(seq 45); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$BOT")
  [ "$status" = healthy ] && break
  sleep 2
done
docker logs "$BOT" >"$WORK/bot.log" 2>&1
[ "$status" = healthy ] || { tail -10 "$WORK/bot.log"; fail "the bot turns healthy ($status)"; }
grep -q '"config":"/config/exits.yaml"' "$WORK/bot.log" || fail "the bot reads the mounted config"
grep -q 'store: sqlite /app/data/exits.sqlite' "$WORK/bot.log" || fail "the bot keeps its state in the volume"
grep -q '"level":20' "$WORK/bot.log" || fail "LOG_LEVEL=debug from the env file"
ok "$status; config /config/exits.yaml, store /app/data/exits.sqlite, debug lines (LOG_LEVEL from the env file)"
docker stop "$BOT" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$BOT")
[ "$code" = 0 ] || fail "the bot exits 0 on SIGTERM (exit $code)"
ok "docker stop: exit $code, last log $(docker logs "$BOT" 2>&1 | tail -1 | grep -o '"msg":"[^"]*"')"
docker rm "$BOT" >/dev/null

step "compose: Redis and two replicas"
cat >"$WORK/compose.env" <<EOF
EXITS_CONFIG_FILE=$WORK/check-config.yaml
REDIS_IMAGE=$REDIS_IMAGE
EOF
compose() { "${COMPOSE[@]}" --env-file "$WORK/compose.env" -p "$PROJECT" -f compose.yaml -f compose.check.yaml "$@"; }
compose config -q || fail "compose config"
compose up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; fail "compose up"; }
ok "${COMPOSE[*]} -p $PROJECT -f compose.yaml -f compose.check.yaml up -d (REDIS_IMAGE=$REDIS_IMAGE)"
healthy=""
for _ in $(seq 60); do
  s1=$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q exits-1)" 2>/dev/null || echo absent)
  s2=$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q exits-2)" 2>/dev/null || echo absent)
  if [ "$s1 $s2" = "healthy healthy" ]; then healthy=1 && break; fi
  sleep 2
done
[ -n "$healthy" ] || { compose logs --tail 20; fail "both replicas healthy (exits-1: $s1, exits-2: $s2)"; }
ok "docker inspect: exits-1 $s1, exits-2 $s2"
for port in "$CHECK_HEALTH_PORT_1" "$CHECK_HEALTH_PORT_2"; do
  body=$(node -e 'fetch(process.argv[1]).then(async (r) => { console.log(r.status, await r.text()); process.exit(r.ok ? 0 : 1) }, () => process.exit(1))' \
    "http://127.0.0.1:$port/healthz") || fail "/healthz on $port"
  ok "GET http://127.0.0.1:$port/healthz: $body"
done
for r in exits-1 exits-2; do
  compose logs --no-color "$r" >"$WORK/$r.log" 2>&1
  grep -q 'store: redis' "$WORK/$r.log" || { tail -5 "$WORK/$r.log"; fail "$r uses the Redis store"; }
  ok "$r: store redis; cycles done: $(grep -c 'cycle done' "$WORK/$r.log"), first sights: $(grep -c 'first sight of' "$WORK/$r.log")"
done
compose stop >/dev/null 2>&1 || fail "compose stop"
codes=$(for r in exits-1 exits-2; do docker inspect -f "$r exit {{.State.ExitCode}}" "$(compose ps -q "$r")"; done | tr '\n' ' ')
grep -q 'exits-1 exit 0 exits-2 exit 0' <<<"$codes" || fail "replicas stop cleanly on SIGTERM ($codes)"
ok "compose stop: $codes"
compose down -v --remove-orphans >/dev/null 2>&1 || fail "compose down"
ok "compose down -v"

printf '\nall docker checks passed\n'
