#!/usr/bin/env bash
# scenario-sync benchmark. Usage: bench/run.sh [--quick | --targeted | --floor]
# Starts emulators (20 ms latency; then also with the documented rate limits), generates
# scenarios, and times plan, apply, validate and start-up through the launcher, with
# /usr/bin/time -v for peak memory. Prints a Markdown report on stdout (bench/RESULTS.md holds
# the last one written down). --quick: 100 and 1,000 scenarios only, no rate-limited run.
# --targeted: only the targeted plans (2 changed among 1,000 and 5,000, documented rate limits on)
# and drift beside a full plan of 1,000.
# --floor: a full plan of 1,000 unchanged at 20 ms (no limits) beside its floor (validate of the
# same files for the start-up, then 1,000 reads / 16 in flight x 20 ms), three runs each, the
# same plan with --rate-limit off (no probe), and once with the documented limits on (429s).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
root=$(pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
./scenario-sync --version >/dev/null            # builds the jar and the CDS archive
jar=target/scenario-sync.jar
bench() { java bench/Bench.java "$@"; }
export AMIGO_API_KEY=bench-key AMIGO_API_KEY_ID=bench-key-id AMIGO_USER_ID=bench-user AMIGO_ORGANIZATION_ID=bench

start_emulator() { # extra args...
  java -jar "$jar" emulator --port 0 --org bench --api-key bench-key --api-key-id bench-key-id --user-id bench-user "$@" > "$work/emu.out" 2>&1 &
  for _ in $(seq 100); do grep -q '^listening on ' "$work/emu.out" 2>/dev/null && break; sleep 0.1; done
  AMIGO_BASE_URL=$(head -1 "$work/emu.out" | sed 's/^listening on //'); export AMIGO_BASE_URL
}
stop_emulator() { kill %% 2>/dev/null || true; wait 2>/dev/null || true; }

# measure NAME CMD...: wall seconds, peak RSS (MiB) and the --stats line
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  local wall rss stats
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{printf "%.0f", $NF/1024}')
  stats=$(grep -h '^api: \|^naive: ' "$work/err" "$work/out" | tail -1 || true)
  printf '| %s | %s s | %s MiB | %s |\n' "$name" "$wall" "$rss" "${stats:-}"
}

# Targeted plans in a git repository: the organization is filled without limits (the emulator
# keeps its state in a file), then planned with --changed-since against the documented limits.
targeted() {
  echo
  echo "### Targeted plan: 2 changed among N, emulator with --latency-ms 20 --rate-limits"
  echo
  echo "| what | wall | peak RSS | API calls | goal: ⌈N/200⌉ + 2k + 3 calls |"
  echo "|---|---|---|---|---|"
  for n in 1000 5000; do
    dir="$work/t$n"; bench generate "$dir" "$n"
    git -C "$dir" init -q -b main && git -C "$dir" add -A && git -C "$dir" -c user.name=b -c user.email=b@x commit -q -m base
    start_emulator --state "$work/t$n.state"
    ./scenario-sync apply "$dir" --auto-approve --parallelism 8 > /dev/null 2>&1
    stop_emulator
    start_emulator --state "$work/t$n.state" --latency-ms 20 --rate-limits
    bench change "$dir" 2
    row=$(cd "$dir" && measure "plan --changed-since HEAD: 2 changed of $n" "$root/scenario-sync" plan . --changed-since HEAD --stats)
    echo "${row} $(( (n + 199) / 200 + 2 * 2 + 3 )) |"
    stop_emulator
  done
  echo
  echo "### Drift beside a full plan of the same 1,000 (2 files not applied), --latency-ms 20, no limits"
  echo
  echo "| what | wall | peak RSS | API calls |"
  echo "|---|---|---|---|"
  start_emulator --state "$work/t1000.state" --latency-ms 20
  measure "drift: 1000" ./scenario-sync drift "$work/t1000" --stats
  measure "plan: 1000 (full)" ./scenario-sync plan "$work/t1000" --stats
  stop_emulator
}

# A full plan against its floor: what it cannot avoid is the start-up (JVM, reading and checking
# the files: validate of the same set, since no call may go before the files are checked) and
# 1,000 latest-version reads, 16 in flight, at 20 ms each: 1.25 s.
floor() {
  echo
  echo "### Full plan of 1,000 unchanged against its floor, emulator with --latency-ms 20"
  echo
  echo "| what | wall | peak RSS | API calls |"
  echo "|---|---|---|---|"
  dir="$work/f1000"; bench generate "$dir" 1000
  start_emulator --state "$work/f1000.state"
  ./scenario-sync apply "$dir" --auto-approve --parallelism 8 > /dev/null 2>&1
  stop_emulator
  start_emulator --state "$work/f1000.state" --latency-ms 20
  for i in 1 2 3; do
    measure "validate: 1000 files (start-up part of the floor), load $(cut -d' ' -f1 /proc/loadavg)" ./scenario-sync validate "$dir"
    measure "plan: 1000 unchanged, load $(cut -d' ' -f1 /proc/loadavg)" ./scenario-sync plan "$dir" --stats
    measure "plan: 1000 unchanged, --rate-limit off, load $(cut -d' ' -f1 /proc/loadavg)" ./scenario-sync plan "$dir" --stats --rate-limit off
  done
  stop_emulator
  echo
  echo "Floor: validate's wall + 1000 / 16 x 20 ms = validate + 1.25 s; target: plan within 1.5x of it."
  echo
  echo "### The same plan with the documented limits on (--latency-ms 20 --rate-limits)"
  echo
  echo "| what | wall | peak RSS | API calls | floor from the documented limits |"
  echo "|---|---|---|---|---|"
  start_emulator --state "$work/f1000.state" --latency-ms 20 --rate-limits
  row=$(measure "plan: 1000 unchanged" ./scenario-sync plan "$dir" --stats); echo "${row} $(bench floor 1000 500) s (get versions: 500/min) |"
  stop_emulator
}

if [ "$quick" = "--floor" ]; then
  echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  floor
  exit 0
fi

if [ "$quick" = "--targeted" ]; then
  echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  targeted
  exit 0
fi

sizes="100 1000 5000"
[ "$quick" = "--quick" ] && sizes="100 1000"
echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo
echo "### Emulator with --latency-ms 20, client in its default adaptive mode"
echo
echo "| what | wall | peak RSS | API calls |"
echo "|---|---|---|---|"
start_emulator --latency-ms 20
for n in $sizes; do
  dir="$work/s$n"; bench generate "$dir" "$n"
  measure "apply: $n creates" ./scenario-sync apply "$dir" --auto-approve --stats
  measure "plan: $n unchanged" ./scenario-sync plan "$dir" --stats
  measure "naive client: same reads as plan, $n scenarios" java bench/Bench.java naive "$AMIGO_BASE_URL" bench
  bench touch "$dir" 10
  measure "plan: $n with 10% changed" ./scenario-sync plan "$dir" --stats
  measure "apply: $n with 10% changed" ./scenario-sync apply "$dir" --auto-approve --stats
  # the next size starts from an empty organization
  mkdir -p "$work/empty"
  ./scenario-sync apply "$work/empty" --prune --no-ownership --allow-delete-all --max-deletes 100000 --auto-approve >/dev/null 2>&1 || true
done
stop_emulator
mkdir -p "$work/v100" "$work/v1000"
bench generate "$work/v100" 100; bench generate "$work/v1000" 1000
measure "validate: 100 files (launcher, JVM start included)" ./scenario-sync validate "$work/v100"
measure "validate: 1000 files (launcher, JVM start included)" ./scenario-sync validate "$work/v1000"
measure "--help (launcher, JVM start included)" ./scenario-sync --help

if [ "$quick" != "--quick" ]; then
  echo
  echo "### 10,000 scenarios planned with -Xmx512m (emulator without latency)"
  echo
  echo "| what | wall | peak RSS | API calls |"
  echo "|---|---|---|---|"
  start_emulator
  bench generate "$work/s10k" 10000
  ./scenario-sync apply "$work/s10k" --auto-approve --parallelism 8 >/dev/null 2>&1
  SCENARIO_SYNC_JAVA_OPTS=-Xmx512m measure "plan: 10000 unchanged, -Xmx512m" ./scenario-sync plan "$work/s10k" --stats
  stop_emulator

  echo
  echo "### Emulator with --latency-ms 20 --rate-limits (documented limits), adaptive client"
  echo
  echo "| what | wall | peak RSS | API calls | floor from the documented limits |"
  echo "|---|---|---|---|---|"
  start_emulator --latency-ms 20 --rate-limits
  dir="$work/r1000"; bench generate "$dir" 1000
  row=$(measure "apply: 1000 creates" ./scenario-sync apply "$dir" --auto-approve --stats); echo "${row} $(bench floor 1000 500) s (create: 500/min) |"
  row=$(measure "plan: 1000 unchanged" ./scenario-sync plan "$dir" --stats); echo "${row} $(bench floor 1000 500) s (get versions: 500/min) |"
  stop_emulator
  targeted
fi
