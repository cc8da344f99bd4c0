# exits: two stages on Node 24 LTS. The image runs the compiled code (dist/), as `npm start` does after `npm ci`.
#   docker build -t exits:local .
#   docker run --rm -v exits-data:/app/data exits:local once --json
# No syntax directive: the file needs nothing newer than the classic builder, and builds offline.

# Build stage: all dependencies (TypeScript is a dev dependency), compile src/ to dist/, drop dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# sqlite3 compiles its native addon when no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# node-gyp (sqlite3's own, version 8) builds the addon against the headers shipped with this Node instead of
# downloading them. npm 11 warns that it does not know "nodedir": node-gyp reads it, not npm.
ENV npm_config_nodedir=/usr/local
# Dependencies first, so that a change in src/ reuses this layer. --ignore-scripts skips `prepare` (the build,
# which needs src/); the two packages with install scripts of their own then run them through `npm rebuild`.
COPY package.json package-lock.json ./
# Of sqlite3's build folder only the addon is needed at run time (the rest is about 20 MB of objects).
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild sqlite3 esbuild \
 && mv node_modules/sqlite3/build/Release/node_sqlite3.node /tmp/ && rm -rf node_modules/sqlite3/build \
 && mkdir -p node_modules/sqlite3/build/Release && mv /tmp/node_sqlite3.node node_modules/sqlite3/build/Release/ \
 && node -e "require('sqlite3')"
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: no compilers, no src/ (so bin/exits.js runs dist/), non-root user, state under /app/data.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
# /healthz and /metrics (Prometheus) listen here; the HEALTHCHECK below asks /healthz. In a container they and
# Slack's HTTP mode listen on every address (a port is reachable only where it is published).
ENV HEALTH_PORT=9464 HEALTH_HOST=0.0.0.0 SLACK_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The only folder the bot writes. It belongs to node (uid 1000, gid 1000): a bind mount in its place must be
# writable by that uid (chown 1000:1000 DIR), or SQLite stops with SQLITE_CANTOPEN.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "--max-old-space-size=512", "bin/exits.js"]
CMD ["run"]
