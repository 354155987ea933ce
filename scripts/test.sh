#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, static checks, unit tests, integration tests
# (real RabbitMQ, PostgreSQL and Prometheus), and the stack checks. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo '== typecheck, lint, format'
npm run --silent check
echo '== generated files current, compose valid, k6 bundle builds, catalog validates'
npm run --silent check:generated
echo '== unit tests'
npm run --silent test:unit
echo '== integration tests'
npm run --silent test:int
