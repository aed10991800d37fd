#!/usr/bin/env bash
# Runs every test of the project, once: installs what the tests need, builds the workspace
# once, runs all unit, property and behaviour tests, builds the fuzz targets, and grades the
# extractor against the gold files (the seed's, from ../shared, and the demo series').
# This is the README's test command; .ci/run calls it and nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
cargo --version
python3 --version

step "cargo test (workspace: unit, property, behaviour and snapshot tests; store tests on SQLite and PostgreSQL)"
# with-postgres.sh installs Debian's PostgreSQL when absent, starts a throwaway server and
# sets PREVIOUSLY_TEST_PG_URL, so every store test runs against both backends.
scripts/with-postgres.sh cargo test --workspace --all-targets --locked

step "browser tests (headless Chromium: horizon, links, search, hostile recap)"
# Installs Debian's chromium when absent and playwright-core from npm.
scripts/browser-test.sh

step "fuzz targets build"
(cd fuzz && cargo build --locked --quiet)
echo "fuzz targets built: $(ls fuzz/fuzz_targets | tr '\n' ' ')"

step "grading against gold"
scripts/grade.sh target/debug/previously
