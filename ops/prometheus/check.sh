#!/usr/bin/env bash
# Checks the compose stack's Prometheus configuration and the alert rules (syntax, expressions),
# then runs the rules' unit tests, with Debian's promtool (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")"
promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.test.yml
