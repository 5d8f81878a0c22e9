#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md: builds release, makes the big inputs in a temp dir,
# runs hyperfine and /usr/bin/time, prints each figure against its target.
#   benches/measure.sh [COPIES]     COPIES: corpus copies in the search folder (default 8)
# Needs hyperfine, jq, GNU time and python3 (apt-get install -y hyperfine jq time python3).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-8}
[ -n "${NO_BUILD:-}" ] || cargo build --release -q   # NO_BUILD=1: use the binary as it is
bin=$PWD/target/release/irview
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The cache of extracted releases lives in the temp dir, never in the user's ~/.cache; figures
# that measure extraction pass --no-cache, the cache's own figures say cold or warm.
export XDG_CACHE_HOME="$tmp/cache"

# The big document: the corpus releases irview itself reads as plain text, concatenated until
# 5 MB and cut at a line end (the same rule as benches/common/mod.rs builds in memory).
: > "$tmp/unit.txt"
for f in tests/corpus/*; do
  [ "$(basename "$f")" = SOURCES.md ] && continue
  if [ "$("$bin" json --no-cache "$f" 2>/dev/null | jq -r '.file.format' 2>/dev/null)" = text ]; then
    cat "$f" >> "$tmp/unit.txt"; printf '\n\n\n' >> "$tmp/unit.txt"
  fi
done
make_big() { # make_big BYTES OUT
  : > "$tmp/rep.txt"
  while [ "$(stat -c %s "$tmp/rep.txt")" -lt "$1" ]; do cat "$tmp/unit.txt" >> "$tmp/rep.txt"; done
  head -c "$1" "$tmp/rep.txt" | sed '$d' > "$2"
}
mb=$((1024 * 1024))
make_big $((5 * mb)) "$tmp/big.txt"

# The search folder: the whole corpus, COPIES times.
for i in $(seq -w 1 "$copies"); do
  mkdir -p "$tmp/releases/copy$i"
  for f in tests/corpus/*; do [ "$(basename "$f")" = SOURCES.md ] || cp "$f" "$tmp/releases/copy$i/"; done
done
nfiles=$(find "$tmp/releases" -type f | wc -l)
folder_mb=$(du -sm "$tmp/releases" | cut -f1)

median_ms() { jq -r ".results[$2].median * 1000 | . * 100 | round / 100" "$1"; }
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo

hyperfine -N -w 5 -r 50 --export-json "$tmp/json.json" "$bin json" > /dev/null 2>&1
echo "irview json (sample):                 $(median_ms "$tmp/json.json" 0) ms   (target < 5 ms)"

hyperfine -N -w 1 -r 10 --export-json "$tmp/big.json" "$bin json --no-cache $tmp/big.txt" > /dev/null 2>&1
big_ms=$(median_ms "$tmp/big.json" 0)
big_bytes=$(stat -c %s "$tmp/big.txt")
echo "irview json big.txt ($((big_bytes / 1024)) KB):         $big_ms ms   ($(echo "scale=1; $big_bytes / 1048576 / ($big_ms / 1000)" | bc) MB/s, whole process incl. JSON out)"

# Linear growth: the same rule at 1, 2, 4 and 8 MB (whole process, so start-up is included).
for m in 1 2 4 8; do
  make_big $((m * mb)) "$tmp/s$m.txt"
  hyperfine -N -w 1 -r 5 --export-json "$tmp/s$m.json" "$bin json --no-cache $tmp/s$m.txt" > /dev/null 2>&1
  echo "irview json ${m} MB:                   $(median_ms "$tmp/s$m.json" 0) ms"
done

# Three phrases: in every file ('net income'), in a few ('stock option'), in none. Cold: the cache
# emptied before each run (the folder's copies share entries: a copy read after another is a hit);
# warm: every release already cached; --no-cache: extraction every time.
for phrase in 'net income' 'stock option' 'zebra crossing'; do
  "$bin" search "$phrase" "$tmp/releases" > /dev/null || true   # warms the cache
  hyperfine -i -N -w 1 -r 10 --export-json "$tmp/search.json" \
    "$bin search '$phrase' $tmp/releases" \
    "grep -r -i -F -c '$phrase' $tmp/releases" \
    "$bin search --no-cache '$phrase' $tmp/releases" > /dev/null 2>&1
  hyperfine -i -N -w 1 -r 10 --prepare "$bin cache clear" --export-json "$tmp/cold.json" \
    "$bin search '$phrase' $tmp/releases" > /dev/null 2>&1
  s_ir=$(median_ms "$tmp/search.json" 0); s_gr=$(median_ms "$tmp/search.json" 1)
  s_nc=$(median_ms "$tmp/search.json" 2); s_cold=$(median_ms "$tmp/cold.json" 0)
  echo "irview search '$phrase', $nfiles files ${folder_mb} MB: warm $s_ir ms, cold $s_cold ms, --no-cache $s_nc ms; grep -r -i -F -c: $s_gr ms; warm ratio $(echo "scale=2; $s_ir / $s_gr" | bc)x (target <= 3x)"
done

# One large release through the cache: cold (cache emptied first) vs warm.
"$bin" json "$tmp/big.txt" > /dev/null
hyperfine -N -w 1 -r 10 --export-json "$tmp/bigwarm.json" "$bin json $tmp/big.txt" > /dev/null 2>&1
hyperfine -N -w 1 -r 10 --prepare "$bin cache clear" --export-json "$tmp/bigcold.json" "$bin json $tmp/big.txt" > /dev/null 2>&1
echo "irview json big.txt through the cache: cold $(median_ms "$tmp/bigcold.json" 0) ms, warm $(median_ms "$tmp/bigwarm.json" 0) ms"

# The viewer: time to its first frame (the text, readable) and to the filled panes, in a pty.
read -r ff_text ff_panes < <(python3 benches/first_frame.py "$bin" "" 9)
echo "viewer on the sample: text on screen $ff_text ms, all panes $ff_panes ms"
# (--no-cache: the viewer extracts; a cached release would open with every pane filled.)
read -r ff_text ff_panes < <(python3 benches/first_frame.py "$bin" "$tmp/big.txt" 5 --no-cache)
echo "viewer on big.txt:    text on screen $ff_text ms, all panes $ff_panes ms"

/usr/bin/time -v "$bin" json --no-cache "$tmp/big.txt" > /dev/null 2> "$tmp/time.txt"
rss_kb=$(grep 'Maximum resident set size' "$tmp/time.txt" | grep -o '[0-9]*$')
limit_kb=$((4 * big_bytes / 1024 + 15 * 1024))
echo "peak RSS, irview json big.txt:        $((rss_kb / 1024)) MB   (target <= 4x input + 15 MB = $((limit_kb / 1024)) MB)"
