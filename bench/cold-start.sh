#!/usr/bin/env bash
# Cold start of the knowledge app: wall time from launching a fresh JVM (`./platform start --in-memory`)
# to the first answered request (GET /api/v1/knowledge/documents -> 200). Azurite's own start is part of
# the local platform's start and is reported separately from the platform log. Prints each run and the median.
#   bench/cold-start.sh [runs=5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
"$root/platform" --help > /dev/null   # builds once, outside the timing
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
times=()
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s%N)
  "$root/platform" start --in-memory --port "$port" > "$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/knowledge/documents"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "platform exited:"; cat "$log"; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  azurite=$(grep -o 'Azurite started in [0-9]* ms' "$log" | head -1 || true)
  echo "run $i: first answered request after ${ms} ms ${azurite:+($azurite)}"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms over " NR " runs"}'
