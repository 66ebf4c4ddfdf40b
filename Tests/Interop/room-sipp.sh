#!/usr/bin/env bash
# SIPp against rooms:
#   - a plain RTP offer to a room with srtp = "required" gets 488 with a Warning;
#   - a caller dials a PIN room, enters the PIN as RFC 4733 events (SIPp's DTMF
#     captures), is admitted, plays g711a.pcap and hangs up cleanly;
#   - a caller that sends no media is removed with a BYE within 35 s;
#   - hold (a=sendonly → answered a=recvonly) and resume by re-INVITE, the SDP version rising.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/room-lib.sh"

write_room pinroom 8100 'pin = "2468"' 'access = "pin"'
write_room secure 8200 'access = "open"' 'srtp = "required"'
write_room quiet 8300 'access = "open"'
start_server --rooms "$WORK/rooms" --rtp-ports 41000-41999

run_sipp refused 20 "127.0.0.1:$SIP_PORT" -sf "$SIPP_DIR/room-refused.xml" -s 8200 -m 1 \
    -timeout 15s -timeout_error || fail "plain RTP to an SRTP-only room: SIPp exit status $? (expected a 488)"
log "plain RTP offer to srtp=required: $(grep -h '^Warning:' "$WORK"/sipp-refused/*_messages.log | head -1)"

# The silent caller runs beside the PIN caller; it must be hung up within 35 s.
free_port SILENT_MEDIA 2
silent_start=$(date +%s)
( run_sipp silent 60 "127.0.0.1:$SIP_PORT" -sf "$SIPP_DIR/room-silent.xml" -s 8300 -m 1 -mp "$SILENT_MEDIA" \
    -timeout 50s -timeout_error; echo $? >"$WORK/silent.rc" ) &
SILENT_JOB=$!

free_port PIN_MEDIA 4
run_sipp pin 40 "127.0.0.1:$SIP_PORT" -sf "$SIPP_DIR/room-call.xml" -s 8100 -m 1 -mp "$PIN_MEDIA" \
    -timeout 35s -timeout_error || fail "PIN caller: SIPp exit status $?"
grep -q 'participant joined.*room=pinroom\|room=pinroom.*participant joined' "$SERVER_LOG" \
  || fail "the PIN caller was not admitted (no 'participant joined' for pinroom)"
grep -q 'reason=hung up by the caller.*room=pinroom\|room=pinroom.*hung up by the caller' "$SERVER_LOG" \
  || grep 'call ended' "$SERVER_LOG" | grep -q pinroom || fail "the PIN caller's call did not end cleanly"
log "PIN caller admitted, played g711a.pcap and hung up"

free_port HOLD_MEDIA 2
run_sipp hold 30 "127.0.0.1:$SIP_PORT" -sf "$SIPP_DIR/room-hold.xml" -s 8300 -m 1 -mp "$HOLD_MEDIA" \
    -timeout 20s -timeout_error || fail "hold and resume: SIPp exit status $?"
versions=$(grep -ho 'session versions [0-9]* [0-9]* [0-9]*' "$WORK"/sipp-hold/*_logs.log | head -1)
log "hold and resume answered ($versions)"
python3 - "$versions" <<'PY' || fail "the SDP session version did not rise with each changed answer: $versions"
import re, sys
v = [int(x) for x in re.findall(r"\d+", sys.argv[1])]
sys.exit(0 if len(v) == 3 and v[0] < v[1] < v[2] else 1)
PY

wait "$SILENT_JOB" || true
silent_secs=$(( $(date +%s) - silent_start ))
[ "$(cat "$WORK/silent.rc" 2>/dev/null)" = 0 ] || fail "the silent caller got no BYE (SIPp exit $(cat "$WORK/silent.rc" 2>/dev/null))"
[ "$silent_secs" -le 36 ] || fail "the silent caller was hung up only after ${silent_secs}s"
grep -q 'no media' "$SERVER_LOG" || fail "the server did not log why it hung up the silent caller"
log "silent caller hung up after ${silent_secs}s"
log PASS
