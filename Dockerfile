# One Dockerfile for every deployable package of the workspace. SERVICE names the package
# (services/SERVICE or packages/SERVICE) and the target says how it runs:
#   docker build --target service --build-arg SERVICE=incidents-api --build-arg PORT=3001 -t incident-intel/incidents-api .
#   docker build --target service --build-arg SERVICE=intel-requests-api --build-arg PORT=3002 -t incident-intel/intel-requests-api .
#   docker build --target migrate --build-arg SERVICE=migrate -t incident-intel/migrate .
#   docker build --target demo-data --build-arg SERVICE=demo-data -t incident-intel/demo-data .
# docker-compose.yml builds all four. A plain `docker build .` gives incidents-api.

ARG NODE_IMAGE=node:24-bookworm-slim

# The whole workspace installed from the lockfile and compiled. corepack runs the pnpm
# version that package.json's packageManager pins.
FROM ${NODE_IMAGE} AS build
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 CI=true
RUN corepack enable
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
# The lockfile names the patches pnpm applies (pnpm-workspace.yaml's patchedDependencies).
COPY patches ./patches
# Downloads from the lockfile alone, so this layer is reused until the lockfile changes.
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm build

# One package with its production dependencies only, the workspace packages it uses copied
# in. pnpm 10 deploys from a workspace that does not inject its packages in legacy mode.
FROM build AS deploy
ARG SERVICE=incidents-api
RUN pnpm --filter "@incident-intel/${SERVICE}" deploy --prod --legacy /out

# What every runtime image holds: the package's dist, package.json and production
# node_modules, owned by root and run by the unprivileged node user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deploy /out/package.json ./package.json
COPY --from=deploy /out/dist ./dist
COPY --from=deploy /out/node_modules ./node_modules
USER node

# An HTTP service: incidents-api (PORT 3001) or intel-requests-api (PORT 3002).
FROM runtime AS service
ARG PORT=3001
ENV HOST=0.0.0.0 PORT=${PORT}
EXPOSE ${PORT}
# The slim image has no curl: node's own fetch probes liveness.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]

# Applies ddl/ to DATABASE_URL and exits (SERVICE=migrate).
FROM runtime AS migrate
COPY ddl/app ./ddl/app
CMD ["node", "dist/cli.js", "--ddl", "ddl/app"]

# Seeds demo data into DATABASE_URL and exits (SERVICE=demo-data).
FROM runtime AS demo-data
CMD ["node", "dist/cli.js"]

# The default target.
FROM service
