# syntax=docker/dockerfile:1.7
#
# One image recipe for every SchemaTrace service. The build arg APP picks the
# entry point baked into the image:
#
#   docker build --build-arg APP=gateway -t schematrace-gateway .
#
# APP is one of gateway, ingestion, parser, projector, worker (the services) or
# cli. All images share every layer except the last ENV, so building the five
# services costs one build. APP can still be overridden at run time
# (docker run -e APP=cli IMAGE --help); arguments after the image go to the app.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: full dependency tree (dev deps included) for the TypeScript build.
# --ignore-scripts: the root `prepare` script builds, and the sources are not
# here yet; the image's own Node 24 replaces the pinned `node` package.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --ignore-scripts

# ---- build: compile apps/ and libs/ to dist/ (tsc, then tsc-alias rewrites
# the @schematrace/* path aliases into relative requires).
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build \
 && test -f dist/apps/gateway/src/main.js

# ---- prod-deps: runtime dependencies only, installed apart so the npm cache
# and dev tooling never reach the final image. Install scripts are skipped:
# the parsers load their grammars as WASM, so no native build is needed.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

# Small launcher so the service is chosen by $APP yet node runs as PID 1
# (exec), receiving SIGTERM directly for the graceful shutdown in runService.
COPY --chmod=0755 <<'EOF' /usr/local/bin/schematrace-entrypoint
#!/bin/sh
set -eu
main="/app/dist/apps/${APP:?APP is not set}/src/main.js"
if [ ! -f "$main" ]; then
  echo "schematrace: unknown APP '$APP'; one of: $(cd /app/dist/apps && echo *)" >&2
  exit 64
fi
exec node "$main" "$@"
EOF

# Files stay root-owned: the unprivileged user can read but not modify them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./

# HOST: the services bind 127.0.0.1 by default (right for a laptop), which a
# container port mapping cannot reach.
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    HOST=0.0.0.0

USER node

# Last, so the layers above are shared by all APP variants.
ARG APP=gateway
ENV APP=${APP}

ENTRYPOINT ["schematrace-entrypoint"]
CMD []
