#!/usr/bin/env bash
# The audio-room benchmark (docs/BENCHMARKS.md, "Audio rooms"): builds release binaries, then for each scenario
# starts `huiyi serve` on loopback with a scratch data directory, fills its rooms with the audio-room load generator,
# prints the figures and stops the server. Stops only the server it started, by PID.
#
#   Tools/bench/audio-room/run.sh                   # both scenarios: 10 rooms × 10, then 1 room × 500
#   SCENARIOS=small DURATION=60 Tools/bench/audio-room/run.sh
#
# Environment: SCENARIOS (small, large or "small large"), DURATION and WARMUP (seconds), SIP_PORT, LARGE (listeners
# in the large room, default 500), PROBE (switch or onset), QUIET (noise or silence), HUIYI (a server binary to use
# instead of building the tree's), SERVER_NICE (e.g. -10: the server ahead of other work on a shared machine),
# KEEP=1 keeps the scratch directory and server logs, LEVELS=1 makes every participant send RFC 6464 audio levels (as
# WebRTC clients do), so the server can skip decoding the quiet ones.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
scenarios=${SCENARIOS:-small large}
duration=${DURATION:-30}
warmup=${WARMUP:-10}
sip_port=${SIP_PORT:-15090}
large=${LARGE:-500}
probe=${PROBE:-switch}
quiet=${QUIET:-noise}
server_nice=${SERVER_NICE:-0}
levels=()
[ "${LEVELS:-0}" = 1 ] && levels=(--audio-levels)

echo "== building (release)" >&2
if [ -n "${HUIYI:-}" ]; then
    huiyi=$HUIYI
else
    swift build -c release --package-path "$root" --product huiyi >&2
    huiyi="$root/.build/release/huiyi"
fi
swift build -c release --package-path "$here" >&2
generator="$here/.build/release/audio-room"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/huiyi-audio-room.XXXXXX")
server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$server_pid" 2>/dev/null && kill -9 "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    stop_server
    if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept in $scratch" >&2; else rm -rf "$scratch"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ten rooms for 10-party meetings (9001 … 9010) and one large room (9500).
mkdir -p "$scratch/rooms"
room_file() {  # name number
    cat > "$scratch/rooms/$1.toml" <<ROOM
name = "$1"
title = "Benchmark room $1"
number = "$2"
access = "open"
srtp = "off"
max_participants = 1000
ROOM
}
for i in $(seq 1 10); do room_file "$(printf 'bench%02d' "$i")" $((9000 + i)); done
room_file benchlarge 9500

# run_scenario NAME ARGS...: a fresh server per scenario, so each starts from the same memory.
run_scenario() {
    local name=$1; shift
    local dir="$scratch/$name"
    mkdir -p "$dir/data"
    if ss -lun | grep -q ":$sip_port "; then echo "UDP port $sip_port is taken; set SIP_PORT" >&2; exit 1; fi
    (cd "$dir" && exec nice -n "$server_nice" "$huiyi" serve --rooms "$scratch/rooms" --rtp-ports 20000-29999 \
        --sip "udp:127.0.0.1:$sip_port" --admin 127.0.0.1:0 --data-dir "$dir/data" > "$dir/server.log" 2>&1) &
    server_pid=$!
    for _ in $(seq 1 100); do grep -q "huiyi ready" "$dir/server.log" && break; sleep 0.1; done
    grep -q "huiyi ready" "$dir/server.log" || { echo "server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    echo "== $name (server pid $server_pid, nice $server_nice)" >&2
    timeout $((duration + warmup + 400)) "$generator" --server "127.0.0.1:$sip_port" --server-pid "$server_pid" \
        --server-log "$dir/server.log" --duration "$duration" --warmup "$warmup" --probe "$probe" --quiet "$quiet" \
        ${levels[@]+"${levels[@]}"} "$@"
    echo
    stop_server
}

for scenario in $scenarios; do
    case $scenario in
        small) run_scenario small --label "10-party rooms" --rooms 10 --participants 10 --first-number 9001 \
                   --probes 4 --media-sockets 10 ;;
        large) run_scenario large --label "one $large-listener room" --rooms 1 --room-name benchlarge \
                   --first-number 9500 --participants $((large + 3)) --probes 20 --media-sockets 16 ;;
        *) echo "unknown scenario $scenario (small, large)" >&2; exit 2 ;;
    esac
done
