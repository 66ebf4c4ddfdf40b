#!/usr/bin/env bash
# OPTIONS over UDP, TCP and TLS each gets 200 with an Allow header listing REGISTER.
source "$(dirname "$0")/lib.sh"

transports=(udp tcp)
if [ "$INTEROP_SERVER" = huiyi ]; then
  transports+=(tls)
  start_server --tls
else
  start_server
fi

for t in "${transports[@]}"; do
  port=$SIP_PORT; flag=u1
  case $t in tcp) flag=t1 ;; tls) flag=l1; port=$TLS_PORT ;; esac
  run_sipp "options-$t" 15 "127.0.0.1:$port" -t "$flag" -sf "$SIPP_DIR/options.xml" -m 3 -r 10 \
      -timeout 10s -timeout_error \
    || fail "OPTIONS over $t: SIPp exit status $?"
  grep -q 'Allow: .*REGISTER' "$WORK/sipp-options-$t"/options_*_logs.log \
    || fail "OPTIONS over $t: no Allow header logged"
  log "OPTIONS over $t: 200 with $(grep -h 'Allow:' "$WORK/sipp-options-$t"/options_*_logs.log | head -1)"
done
log PASS
