#!/usr/bin/env bash
# The main job on a fresh machine: build previously, ingest the demo series (Vesper Tide,
# 6 episodes from 3 outlets) into the embedded default store (SQLite, in the platform's
# data folder; pass DB=path to use another file), and print the cast and the reveals as of
# its 3rd episode — nothing from episodes 4 to 6 is told.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet -p previously
bin=target/release/previously
db=()
if [ -n "${DB:-}" ]; then db=(--db "$DB"); fi
"$bin" ingest examples/vesper-tide/tidewater examples/vesper-tide/glasshouse examples/vesper-tide/lantern-screen "${db[@]}"
echo
"$bin" cast "Vesper Tide" --as-of S1E3 "${db[@]}"
echo
"$bin" reveals "Vesper Tide" --as-of S1E3 "${db[@]}"
