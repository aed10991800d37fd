#!/usr/bin/env bash
# The full ingest pipeline on a large corpus: N articles (default 10 000) generated from the
# demo series with renamed characters and series titles, read + extracted + stored into a
# fresh SQLite store by the release binary. Prints articles/s and peak RSS, and, as the
# baseline in the same run, the same ingest restricted to one core (RAYON_NUM_THREADS=1).
# With BASELINE_BIN set (another build of previously, for example the last release's), the
# same ingest runs with it too, in the same run, and the ratio is printed.
#   scripts/bench-ingest.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --locked --quiet -p previously
bin=target/release/previously
dir=$(mktemp -d /tmp/previously-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 scripts/gen-corpus.py "$dir/corpus" "$n"
mb=$(du -sm --apparent-size "$dir/corpus" | cut -f1)
run() { # label, env
  rm -f "$dir/store.sqlite3"*
  local start end
  start=$(date +%s.%N)
  env "$@" /usr/bin/time -f "%M" -o "$dir/rss" "${run_bin:-$bin}" ingest "$dir/corpus" --db "$dir/store.sqlite3" --json > "$dir/out.json"
  end=$(date +%s.%N)
  python3 - "$start" "$end" "$n" "$(cat "$dir/rss")" "$dir/out.json" "$label" <<'PY'
import json, sys
start, end, n, rss_kb, out, label = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
summary = json.load(open(out))
assert summary["added"] == n, f"expected {n} added, got {summary['added']}"
print(f"{label:<22} {n / (end - start):8.0f} articles/s   {end - start:6.2f} s   peak RSS {rss_kb / 1024:6.1f} MB")
with open(out + ".rate", "w") as fh:
    fh.write(str(n / (end - start)))
PY
}
echo "ingest of $n articles (${mb} MB) into a fresh SQLite store, read + extract + store:"
label="one core (baseline)" run RAYON_NUM_THREADS=1
label="all cores" run
if [ -n "${BASELINE_BIN:-}" ]; then
  now=$(cat "$dir/out.json.rate")
  label="baseline build, all cores" run_bin="$BASELINE_BIN" run
  base=$(cat "$dir/out.json.rate")
  python3 -c "import sys; print(f'this build / baseline build: {float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$now" "$base"
fi
