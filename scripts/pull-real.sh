#!/usr/bin/env bash
# Rebuilds the real development set's page texts (eval/real/texts/, git-ignored) from the
# URLs in eval/real/urls.tsv. The texts are third-party: only the URLs and the gold
# annotations are kept in the repository. Run by a developer, never by CI (CI has no network
# and must not depend on third-party pages).
#
# The gold was annotated on the first 2 000 bytes of each page's text as the workplace's
# search tool stores it (its `pages` corpus). Where that tool is at hand, save each stored
# excerpt as eval/real/texts/<slug>.txt. Elsewhere this script fetches each page with curl
# and keeps the first 2 000 bytes of its text as `lynx -dump`-style plain text (python3's
# html.parser), which is close to, not the same as, the stored copy.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p eval/real/texts
missing=0
while IFS=$'\t' read -r slug url _rest; do
  [ "$slug" = slug ] && continue
  out=eval/real/texts/$slug.txt
  [ -s "$out" ] && continue
  if curl -fsSL --max-time 30 --max-redirs 5 "$url" 2>/dev/null | python3 -c '
import sys, html.parser
class T(html.parser.HTMLParser):
    skip = {"script", "style", "noscript"}
    def __init__(s): super().__init__(); s.out = []; s.depth = 0
    def handle_starttag(s, t, a): s.depth += t in s.skip; s.out.append("\n" if t in ("p","br","h1","h2","h3","li","div") else "")
    def handle_endtag(s, t): s.depth -= t in s.skip
    def handle_data(s, d): s.depth <= 0 and s.out.append(d)
t = T(); t.feed(sys.stdin.read())
text = "\n\n".join(l.strip() for l in "".join(t.out).split("\n") if l.strip())
sys.stdout.buffer.write(text.encode()[:2000])
' > "$out.tmp" && [ -s "$out.tmp" ]; then
    mv "$out.tmp" "$out"
    echo "fetched $slug"
  else
    rm -f "$out.tmp"
    echo "missing $slug ($url): no network here; save the page's stored excerpt as $out" >&2
    missing=$((missing + 1))
  fi
done < eval/real/urls.tsv
echo "$(ls eval/real/texts | wc -l) texts present, $missing missing"
[ "$missing" = 0 ]
