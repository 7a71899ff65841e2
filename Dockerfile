# The Estate Camera Register as a container. It follows the steps the tests and CI run: `npm ci`
# (whose postinstall runs `prisma generate`), `npm run build`, then `npm start` (scripts/start.ts:
# migrations, the web server's database role, the job queue, then the server processes).
# See docs/OPERATIONS.md ("Container").
#
# Node 22 on Debian 12 (bookworm): the machine the tests run on has Node 20, and pg-boss asks for
# Node 22.12 or newer, so the image takes the newer of the two; bookworm's postgresql-client is
# the same PostgreSQL 15 pg_dump/pg_restore the backup tests use.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: install exactly what package-lock.json says, then the production build ----------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
RUN npm run build
# What npm start needs at run time is in "dependencies" (tsx runs scripts/start.ts, the Prisma CLI
# applies migrations); the build tools, linters and test runners stay in this stage.
RUN npm prune --omit=dev

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# postgresql-client: pg_dump, pg_restore and psql for npm run db:backup / db:restore.
# tini: a proper PID 1 that passes signals on and reaps children.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
# The built tree with the production dependencies only. Owned by root and read-only to the
# service's user, so the service cannot change its own code.
COPY --from=build /app /app
# The service's user may write only its data directory (embedded database, kept secrets,
# default backups) and Next.js's cache.
RUN mkdir -p /app/.data /app/.next/cache \
 && chown -R node:node /app/.data /app/.next/cache \
 && chmod 700 /app/.data
USER node
# Embedded mode (no DATABASE_URL) keeps its database here: mount a volume so it survives the container.
VOLUME ["/app/.data"]
EXPOSE 3000
# /healthz: the process is alive (no database call). Load balancers should use /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npm", "start"]
