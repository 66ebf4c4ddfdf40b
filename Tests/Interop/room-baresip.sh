#!/usr/bin/env bash
# Three baresip participants dial one room, each sending its own tone (440, 880,
# 1320 Hz). Each must hear the other two and not itself (own tone at least 20 dB
# below the others). ROOM_MODE selects the variant:
#   plain   Opus for all, plain RTP, digest credentials of registered accounts
#   srtp    the room requires SRTP; the clients use mediaenc=srtp-mand (SDES)
#   mixed   one participant on PCMU, two on Opus (two codec groups)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/room-lib.sh"
command -v baresip >/dev/null || fail "baresip is not installed (Tools/install-deps.sh)"
command -v sox >/dev/null || fail "sox is not installed (Tools/install-deps.sh)"
MODE="${ROOM_MODE:-plain}"

SRTP=optional
[ "$MODE" = srtp ] && SRTP=required
write_room cityroom 8000 "access = \"account\"" "srtp = \"$SRTP\""
for who in shunde nanhai sanshui; do add_account "$who" "pass-$who"; done
start_server --rooms "$WORK/rooms" --rtp-ports 40000-40999

codecs() {  # the codec list of participant $1
  if [ "$MODE" = mixed ] && [ "$1" = sanshui ]; then echo "PCMU"; else echo "opus/48000/2"; fi
}
extra=""
[ "$MODE" = srtp ] && extra=";mediaenc=srtp-mand"

# 14 s tones: the calls overlap for about 10 s.
i=0
for who in shunde nanhai sanshui; do
  hz=$(( 440 * (i + 1) ))
  make_tone "$WORK/$who.wav" "$hz" 14
  start_baresip "$who" "$WORK/$who.wav" "sip:8000@$DOMAIN" \
    "auth_pass=pass-$who;audio_codecs=$(codecs "$who")$extra" 14
  i=$((i + 1))
done
for who in shunde nanhai sanshui; do wait_established "$who" 20; done
for who in shunde nanhai sanshui; do wait_exit "$who" 40; done

grep -q 'participant joined' "$SERVER_LOG" || fail "the server logged no participant joining"
if [ "$MODE" = srtp ]; then
  [ "$(grep -c 'srtp=true' "$SERVER_LOG")" -ge 3 ] || fail "not every call was answered with SRTP"
  grep -q 'a=crypto:.*inline:…' "$SERVER_LOG" || fail "the SIP trace shows no (masked) a=crypto line"
  if grep -E 'a=crypto:[0-9]+ [A-Z_0-9]+ inline:[A-Za-z0-9+/]{20,}' "$SERVER_LOG" >/dev/null; then
    fail "an SRTP key appears in the server log"
  fi
fi
[ "$MODE" = mixed ] && { grep -q 'codec=PCMU' "$SERVER_LOG" || fail "no call was answered with PCMU"; }

# Judge the middle of the calls, when all three are in the room.
check_heard shunde 440 "880 1320" 5 10
check_heard nanhai 880 "440 1320" 5 10
check_heard sanshui 1320 "440 880" 5 10
log PASS
