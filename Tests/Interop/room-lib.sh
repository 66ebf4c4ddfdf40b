# Helpers for the room tests (sourced after lib.sh): room files, tone WAVs, baresip
# participants that dial a room and record what they hear, and the tone check.

# Writes a room file into $WORK/rooms and points the server at that directory.
#   write_room NAME NUMBER [extra TOML lines...]
write_room() {
  local name="$1" number="$2"; shift 2
  mkdir -p "$WORK/rooms"
  {
    printf 'name = "%s"\nnumber = "%s"\n' "$name" "$number"
    local line
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$WORK/rooms/$name.toml"
}

# A mono 16-bit WAV of a sine.   make_tone FILE HZ SECONDS [RATE]
make_tone() {
  sox -n -r "${4:-48000}" -c 1 -b 16 "$1" synth "$3" sine "$2" vol 0.3 >/dev/null 2>&1 \
    || fail "sox could not write $1"
}

# Starts a baresip participant that dials a room, sends TONE_WAV and records what it
# receives into $WORK/NAME/rec (sndfile: *-dec.wav).
#   start_baresip NAME TONE_WAV TARGET_URI ACCOUNT_PARAMS [SECONDS]
# baresip hangs up (BYE) and quits after SECONDS.
# ACCOUNT_PARAMS are appended to the account line (auth_pass=...;audio_codecs=...).
start_baresip() {
  local name="$1" wav="$2" target="$3" params="$4" secs="${5:-40}"
  write_baresip_config "$name" "$wav"
  cat >"$WORK/$name/accounts" <<ACC
<sip:$name@$DOMAIN;transport=udp>;outbound="sip:127.0.0.1:$SIP_PORT;transport=udp";regint=0;$params
ACC
  spawn "$WORK/$name/baresip.log" timeout "$((secs + 20))" baresip -v -f "$WORK/$name" -t "$secs" -e "/dial $target"
  eval "PID_$name=$LAST_PID"
}

# Waits until baresip NAME logs an established call.
wait_established() {
  local name="$1" secs="${2:-20}" deadline
  deadline=$(( $(date +%s) + secs ))
  until tr '\r' '\n' <"$WORK/$name/baresip.log" | grep -qiE 'call established|Call established'; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name: no established call within ${secs}s"
    sleep 0.2
  done
  log "$name: call established"
}

# Waits until baresip NAME has exited (its WAV ended and it hung up).
wait_exit() {
  local name="$1" secs="${2:-40}" pid deadline
  eval "pid=\$PID_$name"
  deadline=$(( $(date +%s) + secs ))
  while kill -0 "$pid" 2>/dev/null && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name did not finish within ${secs}s"
    sleep 0.3
  done
}

# RMS level (dB) of FILE between START and END seconds within a band around HZ.
band_level() {
  local file="$1" hz="$2" start="$3" end="$4"
  sox "$file" -n trim "$start" "=$end" sinc "$((hz - 40))-$((hz + 40))" stats 2>&1 \
    | awk '/RMS lev dB/ { print $4; exit }'
}

# The recording of what NAME received.
received_wav() {
  local f
  f=$(find "$WORK/$1/rec" -name '*-dec.wav' -size +1k | head -n 1)
  [ -n "$f" ] || fail "$1 recorded nothing (no *-dec.wav in $WORK/$1/rec)"
  printf '%s' "$f"
}

# Checks that NAME heard every tone in OTHERS and its own tone OWN at least 20 dB
# below the quietest of them, between START and END seconds of its recording.
#   check_heard NAME OWN "OTHER1 OTHER2" START END
check_heard() {
  local name="$1" own="$2" others="$3" start="$4" end="$5" wav own_db hz db quietest=""
  wav=$(received_wav "$name")
  own_db=$(band_level "$wav" "$own" "$start" "$end")
  for hz in $others; do
    db=$(band_level "$wav" "$hz" "$start" "$end")
    log "$name heard $hz Hz at $db dB (own $own Hz at $own_db dB)"
    python3 -c "import sys; sys.exit(0 if float('$db') > -45 else 1)" \
      || fail "$name did not hear the $hz Hz tone ($db dB)"
    if [ -z "$quietest" ] || python3 -c "import sys; sys.exit(0 if float('$db') < float('$quietest') else 1)"; then
      quietest=$db
    fi
  done
  python3 -c "import sys; sys.exit(0 if float('$own_db') <= float('$quietest') - 20 else 1)" \
    || fail "$name heard its own $own Hz tone at $own_db dB, not 20 dB below the others ($quietest dB)"
}

# Writes the configuration of a baresip client NAME that sends TONE_WAV and records
# what it receives into $WORK/NAME/rec (sndfile: *-dec.wav), listening on free
# loopback ports, with whatever BARESIP_EXTRA_CONFIG adds; sets BARESIP_PORT to its
# SIP port. Its account line (codecs, SRTP, answer mode) decides what it uses.
#   write_baresip_config NAME TONE_WAV
write_baresip_config() {
  local name="$1" wav="$2" cfg="$WORK/$1"
  free_port BARESIP_PORT 20
  mkdir -p "$cfg/rec"
  cat >"$cfg/config" <<CONF
poll_method		epoll
sip_listen		127.0.0.1:$BARESIP_PORT
net_interface		127.0.0.1
sip_trans_def		udp
audio_player		aubridge,nil
audio_source		aufile,$wav
ausrc_srate		48000
ausrc_channels		1
rtp_ports		$((BARESIP_PORT + 10))-$((BARESIP_PORT + 19))
snd_path		$cfg/rec
module_path		/usr/lib/baresip/modules
module			stdio.so
module			g711.so
module			g722.so
module			opus.so
module			aufile.so
module			aubridge.so
module			sndfile.so
module			srtp.so
module_app		account.so
module_app		menu.so
${BARESIP_EXTRA_CONFIG:-}
CONF
}

# Starts a baresip site: registered as NAME (its account made with add_account),
# sending TONE_WAV (aufile hangs up when the file ends, so make it outlast the calls)
# and recording what it receives. With answermode=auto in ACCOUNT_PARAMS it answers
# every call at once; without, it rings and never answers. It quits after SECONDS;
# call wait_binding NAME before dialling it.
#   start_baresip_site NAME TONE_WAV ACCOUNT_PARAMS [SECONDS]
start_baresip_site() {
  local name="$1" wav="$2" params="$3" secs="${4:-120}"
  write_baresip_config "$name" "$wav"
  cat >"$WORK/$name/accounts" <<ACC
<sip:$name@$DOMAIN;transport=udp>;outbound="sip:127.0.0.1:$SIP_PORT;transport=udp";regint=300;$params
ACC
  spawn "$WORK/$name/baresip.log" timeout "$((secs + 20))" baresip -v -f "$WORK/$name" -t "$secs"
  eval "PID_$name=$LAST_PID"
  eval "SIP_PORT_$name=$BARESIP_PORT"
}
