#!/usr/bin/env bash
# Checks the alert rules (syntax, expressions) and runs their unit tests, with Debian's promtool.
set -euo pipefail
cd "$(dirname "$0")"
promtool check rules rules/*.yml
promtool test rules tests/*.test.yml
