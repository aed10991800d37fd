#!/usr/bin/env bash
# Rebuilds the real development set's page texts (eval/real/texts/, git-ignored) from the
# URLs in eval/real/urls.tsv. The texts are third-party: only the URLs and the gold
# annotations are kept in the repository. Run by a developer, never by CI (CI has no network
# and must not depend on third-party pages).
#
# Each page is fetched with `previously extract URL --text` (the same fetcher and
# readability pass as `previously ingest URL`) and cut at 2 000 bytes, the length the gold
# was annotated on. Where this machine cannot reach the web, the texts come from the stored
# copies of the pages in the workplace's search tool (its `pages` corpus, which returns the
# same first 2 000 bytes of each page): save each excerpt as eval/real/texts/<slug>.txt.
# The script reports which texts are still missing either way.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-target/release/previously}
mkdir -p eval/real/texts
missing=0
while IFS=$'\t' read -r slug url _rest; do
  [ "$slug" = slug ] && continue
  out=eval/real/texts/$slug.txt
  [ -s "$out" ] && continue
  if [ -x "$bin" ] && "$bin" extract "$url" --text 2>/dev/null | head -c 2000 >"$out.tmp" && [ -s "$out.tmp" ]; then
    mv "$out.tmp" "$out"
    echo "fetched $slug"
  else
    rm -f "$out.tmp"
    echo "missing $slug ($url): fetch failed; save the page's stored excerpt as $out" >&2
    missing=$((missing + 1))
  fi
done < eval/real/urls.tsv
echo "$(ls eval/real/texts | wc -l) texts present, $missing missing"
[ "$missing" = 0 ]
