# Shared helpers for the interop tests (sourced, not run).
#
# Each test starts its own server on free loopback ports with a fresh data
# directory, waits until it answers OPTIONS, runs clients under `timeout`,
# and on exit kills everything it started, by PID. On failure it prints every
# log it collected.
#
# Environment:
#   HUIYI_BIN        server binary (default: .build/debug/huiyi)
#   INTEROP_LOG_DIR  where each test keeps its logs (default: .build/interop-logs)
#   INTEROP_SERVER   huiyi (default) or kamailio: Kamailio with
#                    Tools/bench/kamailio.cfg as a stand-in registrar, for
#                    developing the scripts themselves (no TLS, every user has
#                    the password "secret").

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEST_NAME="${TEST_NAME:-$(basename "$0" .sh)}"
INTEROP_SERVER="${INTEROP_SERVER:-huiyi}"
HUIYI_BIN="${HUIYI_BIN:-$ROOT/.build/debug/huiyi}"
LOG_ROOT="${INTEROP_LOG_DIR:-$ROOT/.build/interop-logs}"
WORK="$LOG_ROOT/$TEST_NAME"
SIPP_DIR="$ROOT/Tools/sipp"
DOMAIN="huiyi.local"
KAMAILIO_PASSWORD="secret"

rm -rf "$WORK"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

DATA_DIR="$WORK/data"
mkdir -p "$DATA_DIR"

STARTED_PIDS=()      # processes started by this test (each leads its own process group)
USED_PORTS=" "
SERVER_PID=""
SERVER_LOG=""
SIP_PORT=""

log() { printf '[%s %s] %s\n' "$TEST_NAME" "$(date +%T)" "$*"; }

print_logs() {
  local f
  echo "======== $TEST_NAME: logs in $WORK ========"
  while IFS= read -r f; do
    echo "-------- ${f#"$WORK"/} --------"
    # clients redraw status lines with CR: turn them into lines; keep the output bounded
    tr '\r' '\n' < "$f" | tail -n 400
  done < <(find "$WORK" -type f \( -name '*.log' -o -name '*.out' -o -name '*.json' \) | sort)
  echo "======== end of $TEST_NAME logs ========"
}

fail() {
  echo "FAIL: $TEST_NAME: $*" >&2
  print_logs >&2
  exit 1
}

cleanup() {
  local rc=$? pid i n
  # newest first: clients end (and unregister) while the server still answers
  for (( n=${#STARTED_PIDS[@]}-1; n>=0; n-- )); do
    pid=${STARTED_PIDS[$n]}
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      # gone, or a zombie waiting for us to reap it
      kill -0 "$pid" 2>/dev/null || break
      [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  exit "$rc"
}
trap cleanup EXIT
# run-all.sh's backstop timeout sends TERM: show what happened before cleaning up
trap 'echo "FAIL: $TEST_NAME: interrupted" >&2; print_logs >&2; exit 130' INT TERM

# Starts a command in the background in its own session (so its children can be
# ended with it) and records its PID in LAST_PID. Output goes to the given log
# file; stdin comes from SPAWN_STDIN (default /dev/null).
spawn() {
  local logfile="$1"; shift
  setsid "$@" >"$logfile" 2>&1 <"${SPAWN_STDIN:-/dev/null}" &
  STARTED_PIDS+=("$!")
  LAST_PID=$!
}

# Sets VAR to the first of COUNT (default 1) consecutive ports that are free for
# both UDP and TCP and were not handed out before in this test.
#   free_port VAR [COUNT]
free_port() {
  local var="$1" count="${2:-1}" p q i ok
  for i in $(seq 1 200); do
    # below the kernel's ephemeral range (32768 and up), so no client socket takes it meanwhile
    p=$(( 20000 + (RANDOM % 1200) * 10 ))
    ok=1
    for q in $(seq "$p" $((p + count - 1))); do
      case "$USED_PORTS" in *" $q "*) ok=0; break ;; esac
      if [ -n "$(ss -Hlnu "sport = :$q" 2>/dev/null)" ] || [ -n "$(ss -Hlnt "sport = :$q" 2>/dev/null)" ]; then
        ok=0; break
      fi
    done
    [ "$ok" = 1 ] || continue
    for q in $(seq "$p" $((p + count - 1))); do USED_PORTS="$USED_PORTS$q "; done
    printf -v "$var" '%s' "$p"
    return 0
  done
  fail "no $count free consecutive ports found"
}

# Runs SIPp in its own scratch directory (it writes its logs into the cwd).
#   run_sipp NAME SECONDS [sipp args...]   -> exit status of sipp
run_sipp() {
  local name="$1" secs="$2"; shift 2
  local dir="$WORK/sipp-$name"
  mkdir -p "$dir"
  local rc=0
  (cd "$dir" && timeout "$secs" sipp -nostdin -trace_err -trace_msg -trace_logs \
      -i 127.0.0.1 "$@" >"$dir/sipp.out" 2>&1) || rc=$?
  # SIPp names its logs SCENARIO_PID_*.log: give them stable .log names for print_logs
  return "$rc"
}

# Waits until the server answers OPTIONS with 200 + Allow on udp/tcp PORT
# (Debian's SIPp has no TLS).
#   wait_ready TRANSPORT PORT [SECONDS]
wait_ready() {
  local transport="$1" port="$2" secs="${3:-60}" flag deadline attempt=0
  case "$transport" in udp) flag=u1 ;; tcp) flag=t1 ;; *) fail "wait_ready: no $transport" ;; esac
  deadline=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
      fail "server exited before answering on $transport:$port"
    fi
    attempt=$((attempt + 1))
    if run_sipp "ready-$transport-$port" 8 "127.0.0.1:$port" -t "$flag" -sf "$SIPP_DIR/options.xml" \
        -m 1 -timeout 4s -timeout_error -max_recv_loops 100; then
      log "server answers OPTIONS on $transport:$port (attempt $attempt)"
      return 0
    fi
    sleep 0.3
  done
  fail "server did not answer OPTIONS on $transport:$port within ${secs}s"
}

# Makes a TLS certificate for 127.0.0.1 in DIR (cert.pem, key.pem).
make_cert() {
  local dir="$1"
  mkdir -p "$dir"
  if [ -x "$ROOT/Tools/dev-cert.sh" ]; then
    "$ROOT/Tools/dev-cert.sh" "$dir" >"$WORK/dev-cert.log" 2>&1 || fail "Tools/dev-cert.sh failed"
  else
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:$DOMAIN" \
      -keyout "$dir/key.pem" -out "$dir/cert.pem" >"$WORK/dev-cert.log" 2>&1 || fail "openssl req failed"
  fi
  [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ] || fail "no certificate in $dir"
}

# Starts the server under test with a fresh data directory.
#   start_server [--tls] [extra huiyi serve args...]
# Sets SIP_PORT (udp+tcp), TLS_PORT (with --tls), DATA_DIR, SERVER_PID.
start_server() {
  local want_tls=0
  if [ "${1:-}" = "--tls" ]; then want_tls=1; shift; fi
  free_port SIP_PORT
  TLS_PORT=""
  case "$INTEROP_SERVER" in
    huiyi)
      [ -x "$HUIYI_BIN" ] || fail "no server binary at $HUIYI_BIN (run swift build)"
      local args=(serve --data-dir "$DATA_DIR" --domain "$DOMAIN" --log-level debug --trace-sip
                  --sip "udp:127.0.0.1:$SIP_PORT" --sip "tcp:127.0.0.1:$SIP_PORT")
      if [ "$want_tls" = 1 ]; then
        free_port TLS_PORT
        args+=(--sip "tls:127.0.0.1:$TLS_PORT")
      fi
      # A configuration file of the test's own: TLS material (with --tls) plus
      # whatever the test put in HUIYI_TOML.
      {
        if [ "$want_tls" = 1 ]; then
          make_cert "$WORK/tls"
          printf '[tls]\ncertificate = "%s"\nprivate_key = "%s"\n\n' "$WORK/tls/cert.pem" "$WORK/tls/key.pem"
        fi
        printf '%s\n' "${HUIYI_TOML:-}"
      } >"$WORK/huiyi.toml"
      args+=(--config "$WORK/huiyi.toml")
      # The admin API on a port of its own unless the test chose one (the default, 8088, may be taken).
      case " $* " in
        *" --admin "*) ;;
        *) free_port ADMIN_PORT; args+=(--admin "127.0.0.1:$ADMIN_PORT") ;;
      esac
      SERVER_LOG="$WORK/huiyi.log"
      log "starting $HUIYI_BIN ${args[*]} $*"
      spawn "$SERVER_LOG" "$HUIYI_BIN" "${args[@]}" "$@"
      ;;
    kamailio)
      [ "$want_tls" = 0 ] || { log "SKIP TLS: the Kamailio stand-in has no TLS"; }
      SERVER_LOG="$WORK/kamailio.log"
      KAMAILIO_CTL="$WORK/kamailio.ctl"
      spawn "$SERVER_LOG" kamailio -f "$ROOT/Tools/bench/kamailio.cfg" -DD -E -m 64 -M 8 \
        -Y "$WORK" -l "udp:127.0.0.1:$SIP_PORT" -l "tcp:127.0.0.1:$SIP_PORT" \
        -A "CTL_SOCKET=\"unix:$KAMAILIO_CTL\"" -A "PASSWORD=\"$KAMAILIO_PASSWORD\"" -A "DOMAIN=\"$DOMAIN\""
      ;;
    *) fail "unknown INTEROP_SERVER=$INTEROP_SERVER" ;;
  esac
  SERVER_PID=$LAST_PID
  wait_ready udp "$SIP_PORT"
}

# Creates an account in the data directory of the server under test (call it
# before start_server).
add_account() {
  local name="$1" pass="$2"
  case "$INTEROP_SERVER" in
    huiyi)
      timeout 30 "$HUIYI_BIN" account add "$name" --password "$pass" --data-dir "$DATA_DIR" \
        >>"$WORK/cli.log" 2>&1 || fail "huiyi account add $name failed"
      ;;
    kamailio)
      [ "$pass" = "$KAMAILIO_PASSWORD" ] || fail "the Kamailio stand-in only knows the password $KAMAILIO_PASSWORD"
      ;;
  esac
}

# Prints the server's registrar bindings as JSON: the live ones through the admin
# API while the server answers there, else those it wrote to the store.
bindings_json() {
  case "$INTEROP_SERVER" in
    huiyi)
      timeout 30 "$HUIYI_BIN" binding list --json --data-dir "$DATA_DIR" \
        ${ADMIN_PORT:+--server "127.0.0.1:$ADMIN_PORT"} 2>>"$WORK/cli.log"
      ;;
    kamailio)
      timeout 10 kamcmd -s "unix:$KAMAILIO_CTL" ul.dump 2>>"$WORK/cli.log" \
        | python3 -c 'import json,sys; print(json.dumps({"ul.dump": sys.stdin.read()}))'
      ;;
  esac
}

# Waits until a binding for USER whose contact contains NEEDLE (e.g. 127.0.0.1:PORT)
# is listed.   wait_binding USER NEEDLE [SECONDS]
wait_binding() {
  local user="$1" needle="$2" secs="${3:-20}" deadline
  deadline=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if bindings_json >"$WORK/bindings.json" 2>/dev/null && python3 - "$WORK/bindings.json" "$user" "$needle" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
user, needle = sys.argv[2], sys.argv[3]
def strings(x):
    if isinstance(x, dict):
        for v in x.values(): yield from strings(v)
    elif isinstance(x, list):
        for v in x: yield from strings(v)
    elif isinstance(x, str):
        yield x
items = doc if isinstance(doc, list) else [doc]
# a binding is one object (or the whole document) naming both the user and the contact
ok = any(any(user in s for s in strings(i)) and any(needle in s for s in strings(i)) for i in items)
sys.exit(0 if ok else 1)
PY
    then
      log "binding for $user with $needle listed"
      return 0
    fi
    sleep 0.5
  done
  fail "no binding for $user containing $needle within ${secs}s"
}

# Starts linphonec with its own HOME and rc file (SIP on LIN_PORT, audio RTP on LIN_PORT+10..+19, video off),
# reading commands from the FIFO on file descriptor 3 (`echo "call sip:..." >&3`). Sets LIN_PORT, LIN_PID, RC.
#   start_linphonec [SECONDS]
start_linphonec() {
  local secs="${1:-60}"
  free_port LIN_PORT 30
  export HOME="$WORK/linphone-home"
  mkdir -p "$HOME/.local/share/linphone"
  RC="$HOME/linphonerc"
  cat >"$RC" <<RCFILE
[sip]
sip_port=$LIN_PORT
sip_tcp_port=0
sip_tls_port=0
register_only_when_network_is_up=0
[rtp]
audio_rtp_port=$((LIN_PORT + 10))-$((LIN_PORT + 19))
video_rtp_port=$((LIN_PORT + 20))-$((LIN_PORT + 29))
[video]
enabled=0
capture=0
display=0
[sound]
echocancellation=0
RCFILE
  # liblinphone rewrites its rc file: keep the pristine copy for the logs.
  cp "$RC" "$WORK/linphonerc.pristine"
  mkfifo "$WORK/linphone.in"
  SPAWN_STDIN="$WORK/linphone.in" spawn "$WORK/linphonec.log" timeout "$secs" linphonec -c "$RC" -d 6
  LIN_PID=$LAST_PID
  exec 3>"$WORK/linphone.in"
}
