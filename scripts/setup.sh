#!/usr/bin/env bash
# Makes a fresh machine ready to build, test and run the project: PostGIS, docker-compose and
# Chromium (for the e2e tests), a running PostgreSQL and Redis, pnpm, the workspace's packages
# with the project's Node.js 24 (whatever the system's node is), and a migrated database.
# Safe to run again: every step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
PG_VERSION=15
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/incident_intel}

step () { printf '\n== %s\n' "$*"; }
as_root () { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Debian packages: PostGIS for PostgreSQL $PG_VERSION, docker-compose, Chromium, promtool, wrk"
# docker-compose validates the compose file without an engine; Chromium renders /docs in the e2e
# tests; promtool (Debian's prometheus package) checks and tests the alert rules; wrk drives bench:serving.
missing=()
[ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ] || missing+=("postgresql-$PG_VERSION-postgis-3")
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v promtool >/dev/null || missing+=(prometheus)
command -v wrk >/dev/null || missing+=(wrk)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  # Only promtool is wanted: a Prometheus server the package started is not.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null && systemctl is-active -q prometheus 2>/dev/null; then
    as_root systemctl disable --now prometheus
  fi
fi
echo "postgis: $(ls /usr/share/postgresql/$PG_VERSION/extension/postgis--*.sql | head -1 | xargs basename)"
echo "docker-compose: $(docker-compose version --short)"
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
echo "promtool: $(promtool --version 2>&1 | head -1)"

step "PostgreSQL on 127.0.0.1:5432"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432

step "Redis on 127.0.0.1:6379"
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
redis-cli -h 127.0.0.1 -p 6379 ping

step "pnpm $PNPM_VERSION"
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi
pnpm --version

step "Workspace packages (from the lockfile), Node.js from the npm registry"
pnpm install --frozen-lockfile
. scripts/node-runtime.sh
echo "node $(node --version) ($(command -v node))"

step "Build"
pnpm build

step "Migrate $DATABASE_URL"
pnpm migrate
