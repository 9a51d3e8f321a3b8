# syntax=docker/dockerfile:1
#
# Disclosure Ledger API image. See docs/deployment.md.
#
#   docker build -t disclosure-ledger .
#   docker run -p 3000:3000 -v ledger-data:/data disclosure-ledger
#
# better-sqlite3 is a native module: the build stage compiles it (python3, make, g++). Node 20 images
# ship npm 10, which would run every dependency's install script; npm 11 runs only approved ones
# (package.json "allowScripts" approves better-sqlite3). The build below runs exactly that one script
# with either npm: `npm ci --ignore-scripts`, then `npm rebuild better-sqlite3`.
ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---- build: compile better-sqlite3 and the TypeScript, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Only better-sqlite3's install script runs (what package.json's "allowScripts" approves): it is
# compiled from source against the image's own Node headers, with no prebuilt binary and no header
# download. The other dependencies' scripts (telemetry, optional rebuilds) are not needed.
ENV npm_config_build_from_source=better-sqlite3 \
    npm_config_nodedir=/usr/local \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3
COPY . .
# `npm run build` compiles apps/ and libs/ only; test support (the EventStoreDB protocol test server)
# is compiled apart, into dist-test/, by `npm run build:test-support`, and never shipped.
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime: no compiler, no dev dependencies, not root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    LEDGER_DATA_DIR=/data
WORKDIR /app
# Application files stay owned by root: the service user can read them, not change them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /data: events.db (sqlite store), log.db, views.db, credentials.db, admin-token, and (without
# LEDGER_KEYS_DIR) keys.db, blind-index.key and log-signing-key.pem. See docs/deployment.md.
# /keys: for a shared key directory (LEDGER_KEYS_DIR, planned); a named volume mounted there starts
# out owned by `node`.
RUN mkdir -p /data /keys \
 && chown node:node /data /keys \
 && chmod 0700 /data /keys
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in slim images: Node's own fetch asks GET /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
