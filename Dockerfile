# syntax=docker/dockerfile:1
# Build stage: install production dependencies (sqlite3 compiles its native addon here).
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: Node 24 LTS, no compilers, non-root user, state under /app/data.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
# /healthz and /metrics (Prometheus) listen here; the HEALTHCHECK below asks /healthz.
ENV HEALTH_PORT=9464
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY config ./config
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "--max-old-space-size=512", "bin/exits.js"]
CMD ["run"]
