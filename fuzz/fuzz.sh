#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 600), two at a time at the lowest priority
# (NICE=0 for full priority: at nice 19 beside builds, libFuzzer reports starvation as timeouts).
#   fuzz/fuzz.sh [SECONDS] [TARGET...]
# Seeds fuzz/corpus/<target>/ from tests/corpus first (fuzz/corpus is not committed).
# Crashes land in fuzz/artifacts/<target>/; a summary per target is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
all=(ingest_text ingest_html ingest_submission ingest_markdown ingest_json extract no_control)
targets=("${@:-${all[@]}}")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Seeds: every corpus release for every ingester (each must survive any format); irview's own JSON
# of the smaller releases for ingest_json; for extract, a first byte that picks the file-name hint.
seed() {
  local t=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  for f in tests/corpus/*; do
    [ "$(basename "$f")" = SOURCES.md ] && continue
    case $t in
      ingest_json)
        if [ "$(stat -c %s "$f")" -le 131072 ]; then
          target/release/irview json "$f" > "$dir/$(basename "$f").json" 2>/dev/null || rm -f "$dir/$(basename "$f").json"
        fi ;;
      extract|no_control)
        case $f in *.htm|*.html) b='\001';; *.md) b='\002';; *) b='\000';; esac
        { printf "$b"; cat "$f"; } > "$dir/$(basename "$f")"
        # no_control meets irview's own JSON too (hint byte 3: x.json).
        if [ "$t" = no_control ] && [ "$(stat -c %s "$f")" -le 131072 ]; then
          { printf '\003'; target/release/irview json "$f" 2>/dev/null; } > "$dir/$(basename "$f").json"
        fi ;;
      *) cp "$f" "$dir/" ;;
    esac
  done
}

cargo build --release -q
for t in "${targets[@]}"; do cargo +nightly fuzz build -O -a -s none "$t"; done
mkdir -p fuzz/logs
run() {
  local t=$1
  seed "$t"
  mkdir -p "fuzz/artifacts/$t"
  # The targets that check outputs for control characters get escape sequences to splice in.
  local dict=()
  case $t in ingest_json|no_control) dict=(-dict=fuzz/escapes.dict) ;; esac
  # Inputs up to 1 MB: the quadratic paths (#13) showed only past 64 KB. -timeout flags any
  # input slower than 5 s as a hang. MAX_LEN overrides the bound.
  nice -n "${NICE:-19}" cargo +nightly fuzz run -O -a -s none "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -max_len="${MAX_LEN:-1048576}" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" > "fuzz/logs/$t.log" 2>&1 || true
}
i=0
for t in "${targets[@]}"; do
  run "$t" &
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then wait; fi
done
wait

for t in "${targets[@]}"; do
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  crashes=$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  slow=$(find "fuzz/artifacts/$t" -type f -name 'slow-unit-*' | wc -l)
  echo "$t: ${execs} executions, ${crashes} crash/timeout/oom, ${slow} slow units (log: fuzz/logs/$t.log)"
done
