#!/usr/bin/env bash
# A digest nonce stops working when its lifetime is over: with
# auth.nonce_lifetime_s = 1, credentials computed for a nonce and sent 2.5 s
# later are refused (401 with a fresh challenge, or 403), while the same
# exchange without the wait succeeds.
source "$(dirname "$0")/lib.sh"
[ "$INTEROP_SERVER" = huiyi ] || { log "SKIP: the Kamailio stand-in keeps its nonces 300 s"; exit 77; }

HUIYI_TOML='[auth]
nonce_lifetime_s = 1
algorithms = ["SHA-256", "MD5"]'
add_account erin "3rin-pass"
start_server

sipreg() {
  local name="$1"; shift
  timeout 60 python3 "$ROOT/Tests/Interop/sipreg.py" --server "127.0.0.1:$SIP_PORT" --domain "$DOMAIN" \
      --user erin --password "3rin-pass" "$@" >"$WORK/sipreg-$name.log" 2>&1
}
sipreg fresh --algorithm SHA-256 || fail "a fresh nonce was refused"
sipreg expired --algorithm SHA-256 --mode expired --wait 2.5 || fail "an expired nonce was accepted"
grep -q 'stale' "$WORK/sipreg-expired.log" && log "the new challenge says stale=true" || true
log PASS
