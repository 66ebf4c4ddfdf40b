#!/usr/bin/env bash
# The operator commands against a running server and a real site: a baresip site
# registers with auto-answer; `huiyi dial` calls it into a room and it answers;
# `huiyi participant list --json` shows it with its codec; `mute` shows it muted;
# `kick` ends its call on both sides; `room lock` refuses a new dial until
# `room unlock`. The CLI finds the server through HUIYI_SERVER and the token
# through --data-dir.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/room-lib.sh"
command -v baresip >/dev/null || fail "baresip is not installed (Tools/install-deps.sh)"
[ "$INTEROP_SERVER" = huiyi ] || { log "SKIP: the admin API is Huiyi's own"; exit 77; }

SITE=site
ROOM=ops
write_room "$ROOM" 8400 'title = "Operations"' 'access = "open"' \
  '[[sites]]' "name = \"$SITE\"" 'title = "The site"' "uri = \"sip:$SITE@$DOMAIN\""
add_account "$SITE" "s1te-pass"
free_port ADMIN_PORT
start_server --rooms "$WORK/rooms" --rtp-ports 40000-40999 --admin "127.0.0.1:$ADMIN_PORT"
export HUIYI_SERVER="http://127.0.0.1:$ADMIN_PORT"
unset HUIYI_TOKEN

# Runs `huiyi ARGS --data-dir DATA_DIR`; stdout to stdout, stderr to $WORK/cli.log.
huiyi() {
  echo "\$ huiyi $*" >>"$WORK/cli.log"
  timeout 20 "$HUIYI_BIN" "$@" --data-dir "$DATA_DIR" 2>>"$WORK/cli.log"
}

# The site's participant entry in `huiyi participant list ROOM --json`, as
# "ID CODEC MUTED" ("-" for a codec not yet known), or nothing.
site_entry() {
  huiyi participant list "$ROOM" --json >"$WORK/participants.json" || fail "huiyi participant list failed"
  python3 - "$WORK/participants.json" "sip:$SITE@" <<'PY'
import json, sys
for p in json.load(open(sys.argv[1])):
    if p["uri"].startswith(sys.argv[2]):
        print(p["id"], p["codec"] or "-", "muted" if p["muted"] else "unmuted")
PY
}

# Waits until FILE has a line matching the extended regular expression.
#   wait_log FILE REGEX WHAT [SECONDS]
wait_log() {
  local file="$1" regex="$2" what="$3" secs="${4:-15}" deadline
  deadline=$(( $(date +%s) + secs ))
  until tr '\r' '\n' <"$file" | grep -qE "$regex"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what within ${secs}s"
    sleep 0.2
  done
}

huiyi status >"$WORK/status.out" || fail "huiyi status failed"
grep -q '^rooms  *1 (0 live)$' "$WORK/status.out" || fail "huiyi status does not show the one room"

# The site: baresip registered as $SITE, answering every call at once.
free_port SITE_PORT 20
CFG="$WORK/$SITE"
mkdir -p "$CFG"
cat >"$CFG/config" <<CONF
poll_method		epoll
sip_listen		127.0.0.1:$SITE_PORT
net_interface		127.0.0.1
sip_trans_def		udp
audio_player		aubridge,nil
audio_source		ausine,440
rtp_ports		$((SITE_PORT + 10))-$((SITE_PORT + 19))
module_path		/usr/lib/baresip/modules
module			stdio.so
module			g711.so
module			opus.so
module			ausine.so
module			aubridge.so
module_app		account.so
module_app		menu.so
CONF
cat >"$CFG/accounts" <<ACC
<sip:$SITE@$DOMAIN;transport=udp>;auth_pass=s1te-pass;outbound="sip:127.0.0.1:$SIP_PORT;transport=udp";regint=300;audio_codecs=opus/48000/2,PCMU;answermode=auto
ACC
spawn "$CFG/baresip.log" timeout 120 baresip -v -f "$CFG"
wait_binding "$SITE" "127.0.0.1:$SITE_PORT" 30

# Dial: the command returns once the INVITE is sent; the site answers on its own.
huiyi dial "$ROOM" "sip:$SITE@$DOMAIN" >"$WORK/dial.out" || fail "huiyi dial failed"
log "dial: $(cat "$WORK/dial.out")"
wait_log "$SERVER_LOG" 'site answered' "the server logged no 'site answered'"
wait_log "$CFG/baresip.log" '[Cc]all established' "the site did not establish the call"
read -r ID CODEC MUTED < <(site_entry)
[ -n "${ID:-}" ] || fail "the site is not in huiyi participant list $ROOM --json"
[ "$CODEC" != "-" ] || fail "the answered site has no codec in huiyi participant list"
[ "$MUTED" = unmuted ] || fail "the site is muted before anyone muted it"
log "participant $ID: codec $CODEC"
huiyi participant list "$ROOM" >"$WORK/participants.out" || fail "huiyi participant list (table) failed"
grep -qE "^$ID +(.* <)?sip:$SITE@" "$WORK/participants.out" || fail "the table does not list participant $ID"

# Mute: the listing says so; unmute undoes it.
huiyi participant mute "$ROOM" "$ID" >>"$WORK/actions.out" || fail "huiyi participant mute failed"
read -r _ _ MUTED < <(site_entry)
[ "$MUTED" = muted ] || fail "after mute, participant $ID is listed $MUTED"
huiyi participant unmute "$ROOM" "$ID" >>"$WORK/actions.out" || fail "huiyi participant unmute failed"
read -r _ _ MUTED < <(site_entry)
[ "$MUTED" = unmuted ] || fail "after unmute, participant $ID is listed $MUTED"

# Kick: the server hangs up, the site's call ends, the room is empty again.
huiyi participant kick "$ROOM" "$ID" >>"$WORK/actions.out" || fail "huiyi participant kick failed"
wait_log "$SERVER_LOG" 'participant removed by an operator' "the server logged no removal"
wait_log "$CFG/baresip.log" '[Cc]all (closed|terminated)|session closed|terminated \(duration' \
  "the site's call did not end after the kick"
deadline=$(( $(date +%s) + 10 ))
while [ -n "$(site_entry)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the kicked site is still listed"
  sleep 0.2
done
rc=0; huiyi participant kick "$ROOM" "$ID" >/dev/null || rc=$?
[ "$rc" = 1 ] || fail "kicking participant $ID again exited $rc, not 1"

# Lock: shown locked, a dial is refused (exit 1, the server's message); unlock opens it.
huiyi room lock "$ROOM" >>"$WORK/actions.out" || fail "huiyi room lock failed"
huiyi room show "$ROOM" --json >"$WORK/room.json" || fail "huiyi room show failed"
python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["locked"] is True else 1)' "$WORK/room.json" \
  || fail "room show --json does not say locked after room lock"
rc=0; huiyi dial "$ROOM" "sip:$SITE@$DOMAIN" >/dev/null || rc=$?
[ "$rc" = 1 ] || fail "dialling into a locked room exited $rc, not 1"
tail -n 1 "$WORK/cli.log" | grep -q 'locked' || fail "the refused dial does not say the room is locked"
huiyi room unlock "$ROOM" >>"$WORK/actions.out" || fail "huiyi room unlock failed"
huiyi room show "$ROOM" --json >"$WORK/room.json" || fail "huiyi room show failed"
python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["locked"] is False else 1)' "$WORK/room.json" \
  || fail "room show --json still says locked after room unlock"

# A wrong token is refused with status 4, an absent server with status 3.
rc=0; timeout 20 "$HUIYI_BIN" status --token wrong >/dev/null 2>>"$WORK/cli.log" || rc=$?
[ "$rc" = 4 ] || fail "a wrong --token exited $rc, not 4"
free_port CLOSED_PORT
rc=0; HUIYI_SERVER="http://127.0.0.1:$CLOSED_PORT" huiyi status >/dev/null || rc=$?
[ "$rc" = 3 ] || fail "a server that is not running gave exit $rc, not 3"
# The metrics page: Prometheus text behind the same token, with the SIP and RTP counters of what happened above.
curl -sf -m 5 -H "Authorization: Bearer $(cat "$DATA_DIR/admin.token")" "http://127.0.0.1:$ADMIN_PORT/metrics" \
  >"$WORK/metrics.out" || fail "GET /metrics with the token failed"
for series in 'huiyi_sip_requests_total{method="INVITE"' 'huiyi_sip_responses_total{code="200"' \
              'huiyi_rtp_packets_sent_total' 'huiyi_mixer_tick_lateness_seconds_count'; do
  grep -qF "$series" "$WORK/metrics.out" || fail "/metrics has no $series"
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$ADMIN_PORT/metrics")" = 401 ] \
  || fail "/metrics answered without a token"
log "metrics: $(grep -c '^huiyi_' "$WORK/metrics.out") series lines, 401 without the token"
log PASS
