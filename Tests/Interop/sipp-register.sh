#!/usr/bin/env bash
# REGISTER with digest authentication, driven by SIPp (MD5) and by sipreg.py
# (SHA-256, and a verbatim replay, which SIPp 3.6.1 cannot do).
#  - correct MD5 credentials        -> 200, binding listed
#  - wrong password                 -> 403 or 401
#  - replayed Authorization (same nonce, same nc, new transaction) -> 401 or 403
#  - correct SHA-256 credentials    -> 200, over UDP and TLS (huiyi only; the stand-in offers MD5)
source "$(dirname "$0")/lib.sh"

# SIPp 3.6.1 answers only the first challenge it finds and knows only MD5:
# offer MD5 first. sipreg.py picks the SHA-256 challenge among those offered.
HUIYI_TOML='[auth]
algorithms = ["MD5", "SHA-256"]'
PASS_A="s3cret-Alice"
PASS_B="s3cret-Bob"
[ "$INTEROP_SERVER" = kamailio ] && PASS_A=secret && PASS_B=secret
add_account alice "$PASS_A"
add_account bob "$PASS_B"
if [ "$INTEROP_SERVER" = huiyi ]; then start_server --tls; else start_server; fi

# 1. SIPp, MD5, two registrations of alice and one of bob from an injection file.
cat >"$WORK/users.csv" <<CSV
SEQUENTIAL
alice;$DOMAIN;[authentication username=alice password=$PASS_A]
bob;$DOMAIN;[authentication username=bob password=$PASS_B]
CSV
free_port SIPP_PORT
run_sipp register-md5 30 "127.0.0.1:$SIP_PORT" -p "$SIPP_PORT" -sf "$SIPP_DIR/register-auth.xml" \
    -inf "$WORK/users.csv" -m 3 -r 5 -timeout 20s -timeout_error \
  || fail "SIPp MD5 REGISTER: exit status $?"
grep -q 'algorithm=MD5' "$WORK/sipp-register-md5"/register-auth_*_messages.log \
  || fail "SIPp did not answer an MD5 challenge"
wait_binding alice "127.0.0.1:$SIPP_PORT"
wait_binding bob "127.0.0.1:$SIPP_PORT"
log "MD5 REGISTER (SIPp): 200, bindings listed"

# 2. SIPp, wrong password.
cat >"$WORK/wrong.csv" <<CSV
SEQUENTIAL
alice;$DOMAIN;[authentication username=alice password=not-$PASS_A]
CSV
run_sipp register-wrong 30 "127.0.0.1:$SIP_PORT" -sf "$SIPP_DIR/register-wrong.xml" \
    -inf "$WORK/wrong.csv" -m 1 -timeout 20s -timeout_error \
  || fail "SIPp wrong password: exit status $? (a 200 or no answer)"
log "wrong password (SIPp): refused"

# 3. sipreg.py: wrong password, verbatim replay, SHA-256.
sipreg() {
  local name="$1"; shift
  timeout 60 python3 "$ROOT/Tests/Interop/sipreg.py" --server "127.0.0.1:$SIP_PORT" --domain "$DOMAIN" "$@" \
    >"$WORK/sipreg-$name.log" 2>&1
}
sipreg wrong-md5 --user bob --password "$PASS_B" --mode wrong || fail "sipreg wrong password (MD5)"
sipreg replay-md5 --user bob --password "$PASS_B" --mode replay || fail "sipreg replay (MD5)"
sipreg md5-tcp --user bob --password "$PASS_B" --transport tcp || fail "sipreg MD5 over TCP"
log "MD5: wrong password refused, replay refused, TCP registration accepted"
if [ "$INTEROP_SERVER" = huiyi ]; then
  sipreg sha256 --user alice --password "$PASS_A" --algorithm SHA-256 || fail "sipreg SHA-256"
  sipreg replay-sha256 --user alice --password "$PASS_A" --algorithm SHA-256 --mode replay \
    || fail "sipreg replay (SHA-256)"
  sipreg wrong-sha256 --user alice --password "$PASS_A" --algorithm SHA-256 --mode wrong \
    || fail "sipreg wrong password (SHA-256)"
  log "SHA-256: accepted, replay refused, wrong password refused"
  timeout 60 python3 "$ROOT/Tests/Interop/sipreg.py" --server "127.0.0.1:$TLS_PORT" --domain "$DOMAIN" \
      --transport tls --cafile "$WORK/tls/cert.pem" --user alice --password "$PASS_A" --algorithm SHA-256 \
      >"$WORK/sipreg-sha256-tls.log" 2>&1 || fail "sipreg SHA-256 over TLS"
  wait_binding alice "transport=tls"
  log "SHA-256 over TLS: registered"
fi
log PASS
