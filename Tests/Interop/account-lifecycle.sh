#!/usr/bin/env bash
# Accounts managed with the CLI while the server runs: an account added with
# `huiyi account add` registers at once and is listed by `huiyi account list
# --json`; a new password (`huiyi account passwd`) replaces the old one; after
# `huiyi account remove` the same credentials are refused. The server serves
# known accounts from memory and revalidates them against the database every
# 250 ms, so a change or removal must take effect within that: the test allows
# 3 s, polling.
source "$(dirname "$0")/lib.sh"
[ "$INTEROP_SERVER" = huiyi ] || { log "SKIP: the Kamailio stand-in has no accounts"; exit 77; }

HUIYI_TOML='[auth]
algorithms = ["SHA-256", "MD5"]'
start_server

cli() { timeout 30 "$HUIYI_BIN" "$@" --data-dir "$DATA_DIR" >>"$WORK/cli.log" 2>&1; }
sipreg() {
  local name="$1"; shift
  timeout 60 python3 "$ROOT/Tests/Interop/sipreg.py" --server "127.0.0.1:$SIP_PORT" --domain "$DOMAIN" \
      --user frank "$@" >"$WORK/sipreg-$name.log" 2>&1
}

sipreg before-add --password "fr4nk-1" --mode refused || fail "an unknown user was not refused"
cli account add frank --password "fr4nk-1" || fail "huiyi account add frank"
sipreg after-add --password "fr4nk-1" --algorithm SHA-256 || fail "an account added while the server runs did not register"
timeout 30 "$HUIYI_BIN" account list --json --data-dir "$DATA_DIR" >"$WORK/accounts.json" 2>>"$WORK/cli.log" \
  || fail "huiyi account list --json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if "frank" in json.dumps(d) else 1)' \
    "$WORK/accounts.json" || fail "frank is not in huiyi account list --json"
log "added while running: registers, listed"

echo "fr4nk-2" | timeout 30 "$HUIYI_BIN" account passwd frank --password-stdin --data-dir "$DATA_DIR" \
    >>"$WORK/cli.log" 2>&1 || fail "huiyi account passwd frank --password-stdin"
# Polls until credentials are refused; fails after 3 s.
until_refused() {
  local name="$1" deadline=$(( $(date +%s%N) + 3000000000 )) tries=0; shift
  while [ "$(date +%s%N)" -lt "$deadline" ]; do
    tries=$((tries + 1))
    sipreg "$name" "$@" --mode refused && { log "$name: refused after $tries attempt(s)"; return 0; }
    sleep 0.1
  done
  return 1
}
until_refused old-password-refused --password "fr4nk-1" || fail "the old password still works after 3 s"
sipreg new-password --password "fr4nk-2" --algorithm SHA-256 || fail "the new password does not work"
log "passwd: the old password is refused, the new one accepted"

cli account remove frank || fail "huiyi account remove frank"
until_refused after-remove --password "fr4nk-2" || fail "a removed account still registers after 3 s"
log "removed: refused"
log PASS
