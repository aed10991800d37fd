#!/usr/bin/env bash
# Browser tests of the web app in real headless Chromium (Debian's chromium package,
# installed when absent), driven by playwright-core from npm (crates/web/browser).
# Builds the binary, ingests the demo series into a throwaway store, serves it on a free
# loopback port, posts a hostile article through the API, and runs the tests.
#   scripts/browser-test.sh                 # run the tests
#   SCREENSHOTS=docs/screenshots scripts/browser-test.sh   # also refresh the screenshots
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-test: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
command -v node >/dev/null || { echo "browser-test: node is required" >&2; exit 2; }

cargo build -q -p previously
bin=target/debug/previously

dir=$(mktemp -d /tmp/previously-browser.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

"$bin" ingest examples/vesper-tide --db "$dir/store.sqlite3" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PREVIOUSLY_API_TOKEN="browser-test-$$-$RANDOM"
RUST_LOG=warn "$bin" serve --db "$dir/store.sqlite3" --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$base/healthz" >/dev/null || { echo "browser-test: the server did not start:" >&2; cat "$dir/serve.log" >&2; exit 1; }

# A recap whose text attacks the page, read by the real article reader and extractor.
curl -fs -X POST "$base/api/v1/articles" \
  -H "Authorization: Bearer $PREVIOUSLY_API_TOKEN" -H 'Content-Type: text/plain' \
  --data-binary @- >/dev/null <<'ARTICLE'
Vesper Tide: Season 1 Ep. 1 Recap & Review

"><img src=x onerror=alert('title')>

By Mal Icious · Sneaky <script>alert('outlet')</script> Weekly

Marisol Arden finds <script>alert(1)</script> a note near Greywatch Lighthouse.

"><img src=x onerror=alert(2)> Pell follows <a href="javascript:alert(3)">the light</a> and [this](javascript:alert(4)).

The Review

Marisol Arden is great; <iframe src="javascript:alert(5)"></iframe> 8/10.
ARTICLE

(cd crates/web/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
if [ -n "${SCREENSHOTS:-}" ]; then
  mkdir -p "$SCREENSHOTS"
  export SCREENSHOTS="$(cd "$SCREENSHOTS" && pwd)"
fi
BASE="$base" node --test crates/web/browser/
