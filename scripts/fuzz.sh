#!/usr/bin/env bash
# A real fuzzing run of every target in fuzz/ (not part of CI, which only builds them).
# Usage: scripts/fuzz.sh [SECONDS-PER-TARGET]   (default 120)
# cargo-fuzz wants a nightly compiler for its sanitizer flags; with the machine's stable
# toolchain it runs with RUSTC_BOOTSTRAP=1 and no sanitizer (coverage guidance still works).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-120}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  # Seed every corpus with the demo articles, so the fuzzer starts from real structure.
  cp ../examples/vesper-tide/*/*.txt ../examples/vesper-tide/*/*.md ../examples/vesper-tide/*/*.html "corpus/$target/" 2>/dev/null || true
  echo "==> fuzzing $target for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -s none -- -max_total_time="$secs" -max_len=65536
done
