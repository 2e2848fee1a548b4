#!/bin/bash
# CPU per event of the events emulator alone (no-op function), and its RSS, measured from /proc.
#   bench/Events/events-cpu.sh [emulator dir] [events] [warm-up events] [extra events options...]
# Build first: dotnet build -c Release src/Emulators -o /tmp/devharness-emulators
# With DELAY_MS=40 the function answers after 40 ms: more events than it can take, to watch memory under overload.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/devharness-emulators}; count=${2:-20000}; warm=${3:-30000}; shift $(( $# < 3 ? $# : 3 ))
fn_port=$((20000 + RANDOM % 10000)); events_port=$((30000 + RANDOM % 10000))
node "$here/noop-function.mjs" $fn_port & fn=$!
dotnet "$dir/DevHarness.Emulators.dll" events --port $events_port --target http://127.0.0.1:$fn_port/call "$@" > /dev/null 2>&1 & events=$!
trap 'kill $events $fn 2>/dev/null' EXIT
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$events_port/health && break; sleep 0.2; done
url=http://127.0.0.1:$events_port/events
[ "$warm" -gt 0 ] && node "$here/post-events.mjs" $url $warm 16 > /dev/null   # JIT and pools settle first
ticks() { awk '{print $14 + $15}' /proc/$events/stat; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' /proc/$events/status; }
before=$(ticks); rss_before=$(rss)
node "$here/post-events.mjs" $url $count 16
previous=-1; while [ "$(ticks)" != "$previous" ]; do previous=$(ticks); sleep 0.5; done   # queue drained
echo "events emulator: $(echo "scale=3; ($(ticks) - $before) * 1000 / $(getconf CLK_TCK) / $count" | bc) ms CPU per event, RSS $rss_before -> $(rss) MiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
