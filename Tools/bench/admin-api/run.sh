#!/usr/bin/env bash
# The operator control plane benchmark (docs/BENCHMARKS.md, "Operator control plane"): builds the release server and
# the audio-room load generator, then `bench.py` runs, from a fresh scratch directory, on 127.0.0.1:
#   - GET /api/v1/rooms/benchlarge/participants with 200 live calls in the room (audio-room generator);
#   - GET /api/v1/meetings with 10,000 one-off meetings booked through POST /api/v1/meetings;
#   - scheduler precision: a meeting booked a few seconds ahead -> first INVITE at a site (kernel receive time),
#     on an empty book and on the 10,000-meeting book, and after `kill -9` + restart with the meeting in progress;
# and prints the tables. Every process it starts is stopped by its PID; waits are bounded.
#
#   Tools/bench/admin-api/run.sh
#   PARTICIPANTS=200 MEETINGS=10000 REQUESTS=1000 Tools/bench/admin-api/run.sh
#   BENCH_ARGS="--phases scheduler,restart --trials 10" Tools/bench/admin-api/run.sh
#
# Environment: HUIYI (a server binary to use instead of building the tree's), PARTICIPANTS, MEETINGS, REQUESTS
# (timed participant-list requests), MEETING_REQUESTS (timed meeting-list requests), SERVER_NICE, BENCH_ARGS (more
# bench.py options: --sip-port, --admin-port, --site-port, --trials, --restart-trials, --lead, --restart-after,
# --phases), KEEP=1 keeps the scratch directory (server logs, data directories).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)

echo "== building (release)" >&2
if [ -n "${HUIYI:-}" ]; then
    huiyi=$HUIYI
else
    swift build -c release --package-path "$root" --product huiyi >&2
    huiyi="$root/.build/release/huiyi"
    echo "== server built from the work tree at $(git -C "$root" rev-parse --short HEAD)" \
         "$(git -C "$root" diff --quiet HEAD -- Sources Package.swift || echo '(with uncommitted changes)')" >&2
fi
swift build -c release --package-path "$root/Tools/bench/audio-room" >&2
generator="$root/Tools/bench/audio-room/.build/release/audio-room"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/huiyi-admin-api.XXXXXX")
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept in $scratch" >&2; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

echo "== $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "server $huiyi" >&2
# bench.py runs in the foreground; timeout bounds the whole run.
timeout 3600 python3 "$here/bench.py" --huiyi "$huiyi" --generator "$generator" --scratch "$scratch" \
    --participants "${PARTICIPANTS:-200}" --meetings "${MEETINGS:-10000}" --requests "${REQUESTS:-1000}" \
    --meeting-requests "${MEETING_REQUESTS:-100}" --nice "${SERVER_NICE:-0}" ${BENCH_ARGS:-}
echo "== done $(date -u '+%H:%M:%S') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
