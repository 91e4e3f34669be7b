#!/usr/bin/env bash
# scenario-sync benchmark of a whole suite. Usage: bench/suite.sh
# One emulator with --latency-ms 20 --rate-limits (the documented limits); a suite of 1,000
# scenarios, 200 personas, 500 unit tests and 20 sets is applied, then planned unchanged; then a
# scenario-only plan of the same 1,000 scenarios on the same emulator (the scenario path must not
# pay for the kinds). Prints Markdown rows on stdout (bench/RESULTS.md holds the last one).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
./scenario-sync --version >/dev/null
# A copy of the jar: a source edited meanwhile cannot make the launcher rebuild inside a run.
cp target/scenario-sync.jar "$work/ss.jar"
jar=$work/ss.jar
bench() { java bench/Bench.java "$@"; }
export AMIGO_API_KEY=bench-key AMIGO_API_KEY_ID=bench-key-id AMIGO_USER_ID=bench-user AMIGO_ORGANIZATION_ID=bench
java -jar "$jar" emulator --port 0 --org bench --api-key bench-key --api-key-id bench-key-id --user-id bench-user --latency-ms 20 --rate-limits > "$work/emu.out" 2>&1 &
for _ in $(seq 100); do grep -q '^listening on ' "$work/emu.out" 2>/dev/null && break; sleep 0.1; done
AMIGO_BASE_URL=$(head -1 "$work/emu.out" | sed 's/^listening on //'); export AMIGO_BASE_URL

measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  local wall rss stats
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{printf "%.0f", $NF/1024}')
  stats=$(grep -h '^api: ' "$work/err" "$work/out" | tail -1 || true)
  printf '| %s | %s s | %s MiB | %s |' "$name" "$wall" "$rss" "${stats:-}"
}

bench suite "$work/suite" 1000 200 500 20
echo "## Suite run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| what | wall | peak RSS | API calls | floor from the documented limits |"
echo "|---|---|---|---|---|"
# creates: personas 200 at 100/min (1 min) beside scenarios 1000 at 500/min (1 min), then unit
# tests 500 at 500/min, then sets 20 at 50/min: the persona/scenario step needs 60 s.
row=$(measure "apply: suite of 1000 + 200 + 500 + 20 creates" java -jar "$jar" apply "$work/suite" --auto-approve --parallelism 8 --stats)
echo "$row 60 s (persona create 100/min, scenario create 500/min) |"
# reads: 200 persona versions at 50/min need ceil((200-50)/50) = 3 min; 1000 scenario versions
# at 500/min need 1 min, in parallel: the floor is 180 s.
row=$(measure "plan: the suite unchanged" java -jar "$jar" plan "$work/suite" --stats)
echo "$row $(bench floor 200 50) s (persona get versions: 50/min) |"
row=$(measure "plan: the 1000 scenarios only, unchanged (scenario path)" java -jar "$jar" plan "$work/suite/scenarios" --stats)
echo "$row $(bench floor 1000 500) s (scenario get versions: 500/min) |"
