#!/usr/bin/env bash
# Before/after: a scenario-only plan of 1,000 unchanged scenarios with this build's jar and with
# a baseline jar (an earlier build), in the same run on the same emulator and data, alternating.
# Usage: bench/baseline.sh BASELINE_JAR [RUNS]   (RUNS: alternating pairs at 20 ms latency, no
# rate limits; default 5). Then one plan each with the documented rate limits on, a minute apart
# so that one run's calls are out of the other's sliding window. Prints Markdown rows on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=$(realpath "$1")
runs=${2:-5}
work=$(mktemp -d)
trap 'if [ -n "${emu:-}" ]; then kill "$emu" 2>/dev/null; wait "$emu" 2>/dev/null; fi; rm -rf "$work"' EXIT
./scenario-sync --version >/dev/null
cp target/scenario-sync.jar "$work/new.jar"
cp "$baseline" "$work/old.jar"
export AMIGO_API_KEY=bench-key AMIGO_API_KEY_ID=bench-key-id AMIGO_USER_ID=bench-user AMIGO_ORGANIZATION_ID=bench

emulator() {
  if [ -n "${emu:-}" ]; then kill "$emu"; wait "$emu" 2>/dev/null || true; fi
  java -jar "$work/new.jar" emulator --port 0 --org bench --api-key bench-key --api-key-id bench-key-id --user-id bench-user --state "$work/state.json" "$@" > "$work/emu.out" 2>&1 &
  emu=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$work/emu.out" 2>/dev/null && break; sleep 0.1; done
  grep -q '^listening on ' "$work/emu.out" || { cat "$work/emu.out" >&2; exit 1; }
  AMIGO_BASE_URL=$(head -1 "$work/emu.out" | sed 's/^listening on //'); export AMIGO_BASE_URL
}

# wall seconds and the --stats line of one plan
plan() {
  local start end
  start=$(date +%s.%N)
  java -jar "$1" plan "$work/scenarios" --stats > "$work/out" 2> "$work/err" || true
  end=$(date +%s.%N)
  printf '%s|%s' "$(echo "$end - $start" | bc)" "$(grep -h '^api: ' "$work/err" "$work/out" | tail -1)"
}

java bench/Bench.java generate "$work/scenarios" 1000 > /dev/null
emulator
java -jar "$work/new.jar" apply "$work/scenarios" --auto-approve --parallelism 8 > /dev/null 2>&1
emulator --latency-ms 20
echo "## Scenario-only plan of 1,000 unchanged, before and after ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| jar | run | wall | API calls |"
echo "|---|---|---|---|"
for i in $(seq "$runs"); do
  for j in old new; do
    r=$(plan "$work/$j.jar")
    echo "| $j | $i | ${r%%|*} s | ${r#*|} |"
  done
done
emulator --latency-ms 20 --rate-limits
for j in old new; do
  r=$(plan "$work/$j.jar")
  echo "| $j, documented rate limits | 1 | ${r%%|*} s | ${r#*|} |"
  if [ "$j" = old ]; then sleep 61; fi
done
