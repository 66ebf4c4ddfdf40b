#!/usr/bin/env bash
# linphonec registers an account created with `huiyi account add`; the binding
# shows up in `huiyi binding list --json` with linphone's SIP port.
# linphonec finds no local address in a loopback-only network namespace, so this
# test runs on the host's loopback.
source "$(dirname "$0")/lib.sh"
command -v linphonec >/dev/null || fail "linphonec is not installed (Tools/install-deps.sh)"

USER_NAME=dave
PASSWORD="d4ve-pass"
[ "$INTEROP_SERVER" = kamailio ] && PASSWORD=secret
add_account "$USER_NAME" "$PASSWORD"
# SHA-256 first (the default offers MD5 alone): liblinphone supports RFC 8760 and must pick it.
HUIYI_TOML='[auth]
algorithms = ["SHA-256", "MD5"]'
start_server

start_linphonec 60
# It opens its SIP socket only once it considers the network reachable.
deadline=$(( $(date +%s) + 30 ))
until grep -q 'Creating listening point' "$WORK/linphonec.log"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "linphonec opened no SIP listening point within 30s"
  kill -0 "$LIN_PID" 2>/dev/null || fail "linphonec exited"
  sleep 0.2
done
echo "register sip:$USER_NAME@127.0.0.1:$SIP_PORT sip:127.0.0.1:$SIP_PORT $PASSWORD" >&3

wait_binding "$USER_NAME" ":$LIN_PORT" 30
deadline=$(( $(date +%s) + 15 ))
until grep -q 'to \[LinphoneRegistrationOk\]' "$WORK/linphonec.log"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "linphonec did not report a successful registration"
  kill -0 "$LIN_PID" 2>/dev/null || fail "linphonec exited"
  sleep 0.3
done
grep 'to \[LinphoneRegistrationOk\]' "$WORK/linphonec.log" | head -1 || true
grep -qE 'Authorization: +Digest' "$WORK/linphonec.log" \
  || fail "linphonec registered without answering a digest challenge"
if [ "$INTEROP_SERVER" = huiyi ]; then
  # the test's configuration offers SHA-256 first; liblinphone supports it
  grep -E 'Authorization: +Digest' "$WORK/linphonec.log" | grep -q 'algorithm=SHA-256' \
    || fail "linphonec did not answer the SHA-256 challenge"
  log "linphonec answered the SHA-256 challenge"
fi
echo quit >&3 || true
exec 3>&-
log PASS
