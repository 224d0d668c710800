#!/usr/bin/env bash
# Every benchmark of incidents-api, one after another, each with this script's arguments (--quick, --json).
set -euo pipefail
cd "$(dirname "$0")/.."
for benchmark in bench/*.bench.ts; do
  tsx "$benchmark" "$@"
done
