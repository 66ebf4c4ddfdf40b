#!/usr/bin/env bash
# PIN entry with real clients. A baresip participant (880 Hz tone) dials a PIN room
# and enters the PIN with RFC 4733 DTMF (ctrl_tcp "sndcode"). linphonec dials the
# same room, types the PIN (sent as RFC 4733 events), is admitted, and must hear
# the 880 Hz tone. Then linphonec calls again and types a wrong PIN three times:
# the server plays its prompts and hangs up.
# linphonec finds no local address in a loopback-only network namespace, so this
# test runs on the host's loopback.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/room-lib.sh"
command -v linphonec >/dev/null || fail "linphonec is not installed (Tools/install-deps.sh)"
command -v baresip >/dev/null || fail "baresip is not installed (Tools/install-deps.sh)"

write_room pinroom 8100 'pin = "2468"' 'access = "pin"'
add_account dept1 "dept1-pass"
start_server --rooms "$WORK/rooms" --rtp-ports 42000-42999

# baresip sends DTMF on request through ctrl_tcp (netstring-framed JSON).
make_tone "$WORK/cityhall.wav" 880 60
free_port CTRL_PORT
BARESIP_EXTRA_CONFIG="module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$CTRL_PORT" \
  start_baresip cityhall "$WORK/cityhall.wav" "sip:8100@$DOMAIN" "audio_codecs=opus/48000/2" 60
wait_established cityhall 20
ctrl() {  # ctrl COMMAND PARAMS: one baresip ctrl_tcp command
  python3 - "$CTRL_PORT" "$1" "$2" <<'PY' >>"$WORK/ctrl.log" 2>&1
import json, socket, sys
port, command, params = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = json.dumps({"command": command, "params": params, "token": "1"}).encode()
with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
    s.sendall(str(len(body)).encode() + b":" + body + b",")
    print(s.recv(4096).decode(errors="replace"))
PY
}
sleep 1.5   # the PIN prompt plays first; digits typed during it count all the same
ctrl sndcode "2468#" || fail "baresip ctrl_tcp did not take the DTMF command"
wait_log_count() {  # wait_log_count PATTERN COUNT SECONDS
  local deadline=$(( $(date +%s) + $3 ))
  until [ "$(grep -c "$1" "$SERVER_LOG")" -ge "$2" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "the server did not log '$1' $2 time(s) within $3 s"
    sleep 0.2
  done
}
wait_log_count 'participant joined' 1 15
log "baresip admitted by PIN"

# linphonec: register (it places calls only with an identity), then call and type the PIN.
start_linphonec 120
wait_linphone() {  # wait_linphone PATTERN COUNT SECONDS
  local deadline=$(( $(date +%s) + $3 ))
  until [ "$(grep -c "$1" "$WORK/linphonec.log")" -ge "$2" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "linphonec did not log '$1' $2 time(s) within $3 s"
    kill -0 "$LIN_PID" 2>/dev/null || fail "linphonec exited"
    sleep 0.2
  done
}
wait_linphone 'Creating listening point' 1 30
echo "register sip:dept1@127.0.0.1:$SIP_PORT sip:127.0.0.1:$SIP_PORT dept1-pass" >&3
wait_linphone 'to \[LinphoneRegistrationOk\]' 1 20
make_tone "$WORK/silence.wav" 1 30 16000
echo "soundcard use files" >&3
echo "play $WORK/silence.wav" >&3
echo "record $WORK/linphone-rx.wav" >&3
echo "call sip:8100@127.0.0.1:$SIP_PORT" >&3
wait_linphone 'to LinphoneCallStreamsRunning' 1 20
sleep 1.5
echo "2468#" >&3
wait_log_count 'participant joined' 2 15
log "linphonec admitted by PIN"
sleep 6
echo "terminate" >&3
wait_linphone 'to LinphoneCallReleased' 1 15
[ -s "$WORK/linphone-rx.wav" ] || fail "linphonec recorded nothing"
rx_db=$(band_level "$WORK/linphone-rx.wav" 880 2 "$(soxi -D "$WORK/linphone-rx.wav" | cut -d. -f1)")
log "linphonec heard 880 Hz at $rx_db dB"
python3 -c "import sys; sys.exit(0 if float('$rx_db') > -45 else 1)" \
  || fail "linphonec did not hear the baresip participant's 880 Hz tone ($rx_db dB)"

# A wrong PIN three times: prompts, then the server hangs up.
echo "call sip:8100@127.0.0.1:$SIP_PORT" >&3
wait_linphone 'to LinphoneCallStreamsRunning' 2 20
for pin in 1111 1112 1113; do
  sleep 1.5
  echo "$pin#" >&3
done
wait_linphone 'to LinphoneCallReleased' 2 25
grep -q 'wrong PIN 3 times' "$SERVER_LOG" || fail "the server did not hang up for a wrong PIN"
[ "$(grep -c 'participant joined' "$SERVER_LOG")" -eq 2 ] || fail "a wrong PIN was admitted"
log "three wrong PINs: hung up"
echo quit >&3 || true
exec 3>&-
log PASS
