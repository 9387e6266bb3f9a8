#!/usr/bin/env bash
# Runs fuzz targets one after another, two at a time, each for $SECS seconds
# (default 600), with the options the README gives; logs in fuzz/logs/.
#   fuzz/run_all.sh [target...]
# Build first: RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a -s none
set -u
cd "$(dirname "$0")"
SECS=${SECS:-600}
BIN=target/x86_64-unknown-linux-gnu/release
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(docx pipeline docx_xml pdf_content pdf sheets sheet_xml pdf_xref merges)
mkdir -p logs
run() {
  local t=$1 max_len=262144
  case $t in docx_xml|sheet_xml|pdf_content|pdf_xref|merges) max_len=131072 ;; esac
  mkdir -p "artifacts/$t" "corpus/$t"
  "$BIN/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$SECS" \
    -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" -print_final_stats=1 \
    > "logs/$t.log" 2>&1
  echo "$t: exit $? $(grep -E '^(Done|stat::number_of_executed_units)' "logs/$t.log" | tr '\n' ' ')"
}
i=0
while [ $i -lt ${#targets[@]} ]; do
  run "${targets[$i]}" &
  [ $((i + 1)) -lt ${#targets[@]} ] && run "${targets[$((i + 1))]}" &
  wait
  i=$((i + 2))
done
