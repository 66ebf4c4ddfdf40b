#!/usr/bin/env bash
# A meeting booked through the CLI a few seconds ahead: at its start the server
# calls the room's four sites. Two baresip sites, registered with auto-answer,
# answer and hear each other's tones (440 and 880 Hz). A third baresip site is
# registered but never answers: each call rings until the ring timeout
# ([scheduler] ring_timeout_s = 5) and is cancelled. The fourth never registered,
# so every call to it fails at once. Both are called again twice
# (redial_intervals_s = [2, 2]) and then show an alarm in `huiyi meeting show
# --json`. The fourth then dials into the room itself: its alarm clears and it
# counts as attending. At the end the server hangs up every call, `huiyi cdr list
# --json` has a closed record per leg, with an answer time for the answered ones,
# and `huiyi meeting attendance --json` tells who attended, who missed, and why.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/room-lib.sh"
command -v baresip >/dev/null || fail "baresip is not installed (Tools/install-deps.sh)"
command -v sox >/dev/null || fail "sox is not installed (Tools/install-deps.sh)"
[ "$INTEROP_SERVER" = huiyi ] || { log "SKIP: the scheduler and the admin API are Huiyi's own"; exit 77; }

ROOM=plenary
# Three calls to gamma ring 5 s each, 2 s apart: its alarm comes 19 s after the start.
MEETING_SECONDS=30
write_room "$ROOM" 8600 'title = "Plenary"' 'access = "open"' \
  '[[sites]]' 'name = "alpha"' "uri = \"sip:alpha@$DOMAIN\"" \
  '[[sites]]' 'name = "beta"' "uri = \"sip:beta@$DOMAIN\"" \
  '[[sites]]' 'name = "gamma"' "uri = \"sip:gamma@$DOMAIN\"" \
  '[[sites]]' 'name = "delta"' "uri = \"sip:delta@$DOMAIN\""
for who in alpha beta gamma; do add_account "$who" "$who-pass"; done
# Short timers so that all the calls to gamma and delta fail well within the meeting.
HUIYI_TOML=$'[scheduler]\nredial_intervals_s = [2, 2]\nring_timeout_s = 5'
free_port ADMIN_PORT
start_server --rooms "$WORK/rooms" --rtp-ports 40000-40999 --admin "127.0.0.1:$ADMIN_PORT"

# Runs `huiyi ARGS --server ... --data-dir DATA_DIR`; stdout to stdout, stderr to $WORK/cli.log.
huiyi() {
  echo "\$ huiyi $*" >>"$WORK/cli.log"
  timeout 20 "$HUIYI_BIN" "$@" --server "127.0.0.1:$ADMIN_PORT" --data-dir "$DATA_DIR" 2>>"$WORK/cli.log"
}

# The tones outlast the meeting: baresip's aufile hangs up when its file ends.
make_tone "$WORK/alpha.wav" 440 60
make_tone "$WORK/beta.wav" 880 60
make_tone "$WORK/gamma.wav" 1320 60
# Far from the others: band_level's filter lets a tone 220 Hz away through at only 7 dB down.
make_tone "$WORK/delta.wav" 1500 60
start_baresip_site alpha "$WORK/alpha.wav" "auth_pass=alpha-pass;audio_codecs=opus/48000/2;answermode=auto"
start_baresip_site beta "$WORK/beta.wav" "auth_pass=beta-pass;audio_codecs=opus/48000/2;answermode=auto"
start_baresip_site gamma "$WORK/gamma.wav" "auth_pass=gamma-pass;audio_codecs=opus/48000/2"
for who in alpha beta gamma; do
  eval "port=\$SIP_PORT_$who"
  wait_binding "$who" "127.0.0.1:$port" 30
done

huiyi meeting schedule "$ROOM" --at +5s --duration "${MEETING_SECONDS}s" --title "Plenary session" --json \
  >"$WORK/scheduled.json" || fail "huiyi meeting schedule failed"
MEETING=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/scheduled.json")
log "meeting $MEETING booked for 5 s from now"

# Succeeds when the Python expression holds for `huiyi meeting show --json`, read as
# `m`, with `site` mapping each site's name to its entry. Each poll's states go to
# meeting-polls.log.
meeting_has() {
  huiyi meeting show "$MEETING" --json >"$WORK/meeting.json" || fail "huiyi meeting show $MEETING failed"
  python3 - "$WORK/meeting.json" "$1" "$WORK/meeting-polls.log" <<'PY'
import json, sys, time
m = json.load(open(sys.argv[1]))
site = {s["site"]: s for s in m["sites"]}
with open(sys.argv[3], "a") as log:
    states = " ".join(f'{s["site"]}={s["state"]}/{s.get("attempt")}{"/ALARM" if s["alarm"] else ""}'
                      for s in m["sites"])
    log.write(f'{time.strftime("%T")} running={m["running"]} state={m["state"]} {states} alarms={m["alarms"]}\n')
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# Polls meeting_has EXPR every 0.3 s for at most SECONDS.
#   wait_meeting EXPR WHAT SECONDS
wait_meeting() {
  local expr="$1" what="$2" secs="$3" deadline
  deadline=$(( $(date +%s) + secs ))
  until meeting_has "$expr"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "meeting $MEETING: $what within ${secs}s"
    sleep 0.3
  done
  log "meeting $MEETING: $what"
}

# Waits until FILE has a line matching the extended regular expression.
#   wait_log_line FILE REGEX WHAT SECONDS
wait_log_line() {
  local deadline=$(( $(date +%s) + $4 ))
  until tr '\r' '\n' <"$1" | grep -qE "$2"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$3 within $4s"
    sleep 0.2
  done
}

meeting_has '(not m["running"] and m["state"] == "scheduled"
             and [s["state"] for s in m["sites"]] == ["awaiting start"] * 4)' \
  || fail "the booked meeting does not list its four sites awaiting the start"
wait_meeting 'm["running"] and site["alpha"]["state"] == "connected" and site["beta"]["state"] == "connected"' \
  "alpha and beta connected" 20
wait_log_line "$WORK/alpha/baresip.log" '[Cc]all established' "alpha logged no established call" 5
wait_log_line "$WORK/beta/baresip.log" '[Cc]all established' "beta logged no established call" 5
# delta's three calls fail at once: its alarm is up about 4 s after the start.
wait_meeting 'site["delta"]["alarm"] and site["delta"]["reason"] == "unreachable" and m["alarms"] == ["delta"]' \
  "delta in alarm (unreachable)" 15
# delta, never reached, dials into the room by itself (the room is open): it is
# recognised as the meeting's site by its address, and its alarm clears.
start_baresip delta "$WORK/delta.wav" "sip:8600@$DOMAIN" "audio_codecs=opus/48000/2" 60
wait_meeting 'site["delta"]["state"] == "connected" and not site["delta"]["alarm"] and "delta" not in m["alarms"]' \
  "delta dialled in; its alarm is cleared" 15
grep -q "site=delta .*a meeting's site dialled in" "$SERVER_LOG" || fail "the server did not log delta dialling in"
# gamma rings 5 s three times; the alarm comes about 19 s after the start.
wait_meeting '(site["gamma"]["alarm"] and site["gamma"]["state"] == "alarm"
              and site["gamma"]["reason"] == "no answer" and m["alarms"] == ["gamma"])' \
  "gamma in alarm (no answer)" 25
meeting_has 'site["alpha"]["state"] == "connected" and site["beta"]["state"] == "connected" and m["running"]' \
  || fail "alpha and beta are not both connected while gamma and delta are in alarm"
for who in gamma delta; do
  [ "$(grep -c "attempt=[0-9]* .*site=$who .*dialling a meeting's site" "$SERVER_LOG")" = 3 ] \
    || fail "the server did not call $who three times (one call and two redials)"
  grep -q "site=$who .*site missing from its meeting after every attempt" "$SERVER_LOG" \
    || fail "the server logged no alarm for $who"
done
# gamma's phone rang three times, and each call was cancelled at the ring timeout
# (a CANCEL may be retransmitted, so at least three).
[ "$(grep -c "^CANCEL sip:gamma" "$SERVER_LOG")" -ge 3 ] || fail "the server did not cancel the calls to gamma"
[ "$(tr '\r' '\n' <"$WORK/gamma/baresip.log" | grep -c 'Incoming call from')" = 3 ] \
  || fail "gamma did not ring three times"
# The operator's overview names the missing site too.
huiyi status --json >"$WORK/status.json" || fail "huiyi status failed"
python3 - "$WORK/status.json" "$MEETING" <<'PY' || fail "huiyi status --json does not list gamma's alarm and the running meeting"
import json, sys
status = json.load(open(sys.argv[1]))
sys.exit(0 if status["alarms"] == [sys.argv[2] + "/gamma"] and status["meetings_running"] == 1 else 1)
PY
huiyi meeting show "$MEETING" >"$WORK/meeting-show.out" || fail "huiyi meeting show (table) failed"
grep -qE '^gamma +alarm .* ALARM$' "$WORK/meeting-show.out" || fail "the table does not mark gamma's alarm"
grep -q '^ALARM: gamma ' "$WORK/meeting-show.out" || fail "the table does not end with gamma's alarm"

# The end: the server hangs up the three sites in the room and the meeting is over.
wait_meeting 'not m["running"] and m["state"] == "ended"' "over" $((MEETING_SECONDS + 10))
for who in alpha beta delta; do
  # baresip reports the far end's BYE as the session closed with ECONNRESET.
  wait_log_line "$WORK/$who/baresip.log" 'session closed: Connection reset by peer' \
    "$who's call was not hung up by the server at the end of the meeting" 10
  grep -q "^BYE sip:$who" "$SERVER_LOG" || fail "the server's SIP trace has no BYE to $who"
done

# Each site heard the others and not itself, once all three were in (delta from about 5 s after the start).
check_heard alpha 440 "880 1500" 9 19
check_heard beta 880 "440 1500" 9 19
check_heard delta 1500 "440 880" 3 13

# A closed record per leg: alpha, beta and delta (which called in) with answer and end times, gamma's three
# calls without an answer.
deadline=$(( $(date +%s) + 10 ))
until huiyi cdr list --room "$ROOM" --json >"$WORK/cdrs.json" && python3 - "$WORK/cdrs.json" "$DOMAIN" <<'PY'
import json, sys
records = json.load(open(sys.argv[1]))
answered = [r for r in records if r.get("answered_at")]
for name in ("alpha", "beta", "delta"):
    mine = [r for r in answered if name in r["party"]]
    if len(mine) != 1 or not mine[0].get("ended_at") or mine[0]["ended_at"] < mine[0]["answered_at"] \
            or mine[0]["end_reason"] != "the meeting is over":
        sys.exit(1)
# gamma's three calls rang out: closed, never answered.
rang = [r for r in records if "gamma" in r["party"]]
if len(rang) != 3 or any(r.get("answered_at") or not r.get("ended_at") or r["end_reason"] != "no answer" for r in rang):
    sys.exit(1)
incoming = [r["party"] for r in answered if r["direction"] == "incoming"]
sys.exit(0 if len(answered) == 3 and incoming == ["sip:delta@" + sys.argv[2]] else 1)
PY
do
  [ "$(date +%s)" -lt "$deadline" ] \
    || fail "huiyi cdr list --json has not one closed record per answered leg (alpha, beta, delta) and three for gamma"
  sleep 0.3
done
# Attendance: alpha and beta attended at the first call; delta attended after three failed calls and its alarm;
# gamma missed after three unanswered calls and its alarm. Each stay ended with the meeting.
huiyi meeting attendance "$MEETING" --json >"$WORK/attendance.json" || fail "huiyi meeting attendance failed"
python3 - "$WORK/attendance.json" <<'PY' || fail "huiyi meeting attendance --json does not tell who attended and who missed"
import json, sys
rows = {r["site"]: r for r in json.load(open(sys.argv[1]))}
def ok(name, outcome, calls, failure, alarmed):
    r = rows[name]
    if r["outcome"] != outcome or r["calls"] != calls or r.get("last_failure") != failure:
        return False
    if bool(r.get("alarmed_at")) != alarmed:
        return False
    if outcome == "attended":
        return r.get("joined_at") and r.get("left_at") and r["seconds_present"] > 0
    return not r.get("joined_at") and r["seconds_present"] == 0
sys.exit(0 if sorted(rows) == ["alpha", "beta", "delta", "gamma"]
         and ok("alpha", "attended", 1, None, False) and ok("beta", "attended", 1, None, False)
         and ok("delta", "attended", 3, "unreachable", True) and ok("gamma", "missed", 3, "no answer", True) else 1)
PY
huiyi meeting attendance "$MEETING" >"$WORK/attendance.out" || fail "huiyi meeting attendance (table) failed"
grep -qE ' gamma +missed +3 ' "$WORK/attendance.out" || fail "the attendance table does not show gamma missed"
huiyi audit list --since -5m --json >"$WORK/audit.json" || fail "huiyi audit list failed"
python3 - "$WORK/audit.json" "$MEETING" <<'PY' || fail "the audit log has no meeting.schedule entry for $MEETING"
import json, sys
entries = json.load(open(sys.argv[1]))
scheduled = [e for e in entries if e["action"] == "meeting.schedule" and e["target"] == "meeting/" + sys.argv[2]]
sys.exit(0 if scheduled else 1)
PY
log PASS
