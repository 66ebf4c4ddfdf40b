#!/usr/bin/env bash
# Runs the interop tests (all, or those named on the command line), prints
# PASS/FAIL per test with its duration, and ends with the summary line
#   interop: N passed, N failed
# Exit status: 0 when every test passed. A test exiting 77 is reported as SKIP
# (only tests that cannot run against the Kamailio stand-in do).
# A failing test prints its logs; they also stay in .build/interop-logs/TEST/.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"

ALL_TESTS=(sipp-options sipp-register nonce-expiry account-lifecycle baresip-register linphone-register
           room-baresip room-baresip-srtp room-baresip-mixed room-sipp room-linphone-pin operator-cli
           meeting-schedule)
if [ "$#" -gt 0 ]; then tests=("$@"); else tests=("${ALL_TESTS[@]}"); fi

passed=0 failed=0 failed_names=()
for t in "${tests[@]}"; do
  t="${t%.sh}"
  script="$HERE/$t.sh"
  start=$(date +%s%N)
  if [ ! -x "$script" ]; then
    rc=127
    echo "no such test: $script" >&2
  else
    # every test bounds its own waits; this is the backstop
    timeout -k 10 300 "$script"
    rc=$?
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  secs="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "PASS $t (${secs}s)"
  elif [ "$rc" -eq 77 ]; then
    echo "SKIP $t (${secs}s)"   # only with the Kamailio stand-in; counted neither way
  else
    failed=$((failed + 1)); failed_names+=("$t"); echo "FAIL $t (${secs}s, exit $rc)"
  fi
done
[ "$failed" -gt 0 ] && echo "failed: ${failed_names[*]}"
echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
