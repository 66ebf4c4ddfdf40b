#!/usr/bin/env bash
# OPTIONS over UDP, TCP and TLS each gets 200 with an Allow header listing REGISTER.
# UDP and TCP are driven by SIPp. Debian's SIPp 3.6.1 is built without TLS, so the
# TLS leg uses sipreg.py, which also verifies the server certificate.
source "$(dirname "$0")/lib.sh"

if [ "$INTEROP_SERVER" = huiyi ]; then
  start_server --tls
else
  start_server
fi

for t in udp tcp; do
  flag=u1; [ "$t" = tcp ] && flag=t1
  run_sipp "options-$t" 15 "127.0.0.1:$SIP_PORT" -t "$flag" -sf "$SIPP_DIR/options.xml" -m 3 -r 10 \
      -timeout 10s -timeout_error \
    || fail "OPTIONS over $t: SIPp exit status $?"
  grep -q 'Allow: .*REGISTER' "$WORK/sipp-options-$t"/options_*_logs.log \
    || fail "OPTIONS over $t: no Allow header logged"
  log "OPTIONS over $t: 200 with $(grep -h 'Allow:' "$WORK/sipp-options-$t"/options_*_logs.log | head -1)"
done

if [ -n "$TLS_PORT" ]; then
  timeout 30 python3 "$ROOT/Tests/Interop/sipreg.py" --server "127.0.0.1:$TLS_PORT" --transport tls \
      --cafile "$WORK/tls/cert.pem" --mode options >"$WORK/sipreg-options-tls.log" 2>&1 \
    || fail "OPTIONS over TLS"
  log "$(tail -1 "$WORK/sipreg-options-tls.log")"
fi
log PASS
