#!/usr/bin/env bash
# The main job on a fresh machine: build previously and read the demo series, printing what
# each article tells (series, episode, cast, facts, scenes, verdict).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet -p previously
for f in examples/vesper-tide/*/*.txt examples/vesper-tide/*/*.md examples/vesper-tide/*/*.html; do
  [ -e "$f" ] || continue
  echo "== $f"
  target/release/previously extract --format text "$f"
  echo
done
