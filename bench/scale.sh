#!/usr/bin/env bash
# Batch throughput against the number of worker threads.
#
#   bench/scale.sh [BIN] [FILES] [JOBS...]
#
# Copies the bundled fixtures (every format) round-robin into FILES files
# (default 1000) in ten folders under a temporary directory, then runs
# `BIN convert DIR -o OUT --jobs J -q` once for each J (default: 1 2 and the
# machine's core count), printing wall time, files per second and peak RSS.
# The first run warms the page cache and is not reported.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/actionplan}
N=${2:-1000}
shift $(( $# > 2 ? 2 : $# )) || true
JOBS=("$@")
if [ ${#JOBS[@]} -eq 0 ]; then JOBS=(1 2 "$(nproc)"); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t src < <(ls fixtures/plans/*.docx fixtures/edge/*.docx fixtures/sheets/* fixtures/pdf/*.pdf 2>/dev/null)
for ((i = 0; i < N; i++)); do
  f=${src[$((i % ${#src[@]}))]}
  d="$work/in/b$((i % 10))"
  mkdir -p "$d"
  cp "$f" "$d/p$(printf %04d "$i").${f##*.}"
done
echo "$N files from ${#src[@]} fixtures; $(nproc) cores; $("$BIN" --version)"
"$BIN" convert "$work/in" -o "$work/warm" -q || true
printf '%6s %9s %9s %9s\n' jobs seconds files/s maxrss_MB
for j in "${JOBS[@]}"; do
  rm -rf "$work/out"
  /usr/bin/time -f '%e %M' -o "$work/time" "$BIN" convert "$work/in" -o "$work/out" --jobs "$j" -q || true
  read -r secs kb < "$work/time"
  awk -v j="$j" -v s="$secs" -v n="$N" -v kb="$kb" 'BEGIN { printf "%6d %9.2f %9.0f %9.1f\n", j, s, n / s, kb / 1024 }'
done
