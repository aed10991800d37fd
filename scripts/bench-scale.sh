#!/usr/bin/env bash
# The scale benchmark: the real `previously serve` on the 18-article demo store and on a
# store of N generated articles (default 10 000; 556 series of 18 articles), side by side in
# the same run, with the ratio large / demo for every figure (start-up, first and warm p99
# of the home, series, entity and series-list pages, requests/s, POST to visible, resident
# memory, `who` and `cast`). SQLite always; PostgreSQL too when PREVIOUSLY_TEST_PG_URL names
# a server, or with --postgres (which starts a throwaway one through with-postgres.sh).
#   scripts/bench-scale.sh [N] [--postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
n=10000
pg=0
for a in "$@"; do
  case "$a" in
    --postgres) pg=1 ;;
    *) n=$a ;;
  esac
done
if [ "$pg" = 1 ] && [ -z "${PREVIOUSLY_TEST_PG_URL:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$n"
fi
cargo build --release --locked --quiet -p previously
cargo build --release --locked --quiet -p previously-web --example scale
bin=target/release/previously
scale=target/release/examples/scale
dir=$(mktemp -d /tmp/previously-scale.XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 scripts/gen-corpus.py "$dir/corpus" "$n"
demo=(examples/vesper-tide/tidewater examples/vesper-tide/glasshouse examples/vesper-tide/lantern-screen)

ingest() { # db, what...
  local db=$1; shift
  local start end
  start=$(date +%s.%N)
  "$bin" ingest "$@" --db "$db" --json > "$dir/ingest.json"
  end=$(date +%s.%N)
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("  ingested %d articles in %.1f s" % (s["added"], float(sys.argv[3]) - float(sys.argv[2])))' "$dir/ingest.json" "$start" "$end"
  # The catalogue's search index, built once after the bulk ingest (a search without
  # --series brings it up to date), so that the servers measure the steady state.
  start=$(date +%s.%N)
  "$bin" search lighthouse --db "$db" --json > /dev/null
  end=$(date +%s.%N)
  python3 -c 'import sys; print("  search index brought up to date in %.1f s" % (float(sys.argv[2]) - float(sys.argv[1])))' "$start" "$end"
}

echo "SQLite: building the stores"
ingest "$dir/demo.sqlite3" "${demo[@]}"
ingest "$dir/large.sqlite3" "$dir/corpus"
echo "  large store file: $(du -m "$dir/large.sqlite3" | cut -f1) MB"
"$scale" --bin "$bin" --demo "$dir/demo.sqlite3" --large "$dir/large.sqlite3" --label "SQLite, N = $n"

if [ -n "${PREVIOUSLY_TEST_PG_URL:-}" ]; then
  echo
  echo "PostgreSQL: building the stores"
  # A PostgreSQL store's search index lives in the data folder: this run's goes with it.
  export XDG_DATA_HOME="$dir/data"
  base=$PREVIOUSLY_TEST_PG_URL
  sep='?'; case "$base" in *\?*) sep='&' ;; esac
  for schema in scale_demo scale_large; do
    python3 - "$base" "$schema" <<'PY'
import subprocess, sys
# psql may be absent from PATH; the server's own binaries are beside initdb.
import glob
psql = (glob.glob("/usr/lib/postgresql/*/bin/psql") or ["psql"])[0]
subprocess.run([psql, sys.argv[1], "-q", "-c", f"DROP SCHEMA IF EXISTS {sys.argv[2]} CASCADE; CREATE SCHEMA {sys.argv[2]};"], check=True)
PY
  done
  demo_url="${base}${sep}options=-csearch_path%3Dscale_demo"
  large_url="${base}${sep}options=-csearch_path%3Dscale_large"
  ingest "$demo_url" "${demo[@]}"
  ingest "$large_url" "$dir/corpus"
  "$scale" --bin "$bin" --demo "$demo_url" --large "$large_url" --label "PostgreSQL, N = $n"
fi
