#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. install the system packages (Tools/install-deps.sh),
#   2. build everything, tests included (swift build --build-tests),
#   3. run the Swift tests inside a network namespace that has only loopback,
#   4. run the interop suite with real clients (Tests/Interop/run-all.sh).
# The last line is the interop summary: "interop: N passed, N failed".
# Exit status: 0 only when the Swift tests and every interop test passed.
#
#   Tools/test.sh                 everything
#   Tools/test.sh --interop-only  skip the Swift tests (still builds)
#   INTEROP_TESTS="sipp-options" Tools/test.sh   a subset of interop tests
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
command -v swift >/dev/null || { echo "$(basename "$0"): no swift in PATH: install the Swift 6.3 toolchain (swift.org) first" >&2; exit 1; }

run_unit=1
[ "${1:-}" = "--interop-only" ] && run_unit=0

"$ROOT/Tools/install-deps.sh" || { echo "test.sh: installing dependencies failed" >&2; exit 1; }

echo "== swift build --build-tests"
if ! swift build --build-tests; then
  echo "test.sh: build failed" >&2
  echo "interop: 0 passed, 0 failed (not run: build failed)"
  exit 1
fi

unit_rc=0
if [ "$run_unit" = 1 ]; then
  # The Swift tests must not reach any network but loopback. Root gets a plain
  # network namespace; anyone else a user namespace mapped to root. If neither
  # is permitted we stop rather than run the tests unisolated.
  if [ "$(id -u)" -eq 0 ]; then NS=(unshare -n); else NS=(unshare -r -n); fi
  if ! "${NS[@]}" true 2>/dev/null; then
    echo "test.sh: '${NS[*]}' is not permitted here; refusing to run swift test outside a" \
         "loopback-only network namespace (run as root, or allow unprivileged user namespaces)" >&2
    exit 1
  fi
  echo "== swift test (network namespace with loopback only)"
  "${NS[@]}" sh -c 'ip link set lo up && exec swift test --skip-build' || unit_rc=$?
  if [ "$unit_rc" -ne 0 ]; then
    echo "unit: swift test FAILED (exit $unit_rc)"
  else
    echo "unit: swift test passed"
  fi
fi

echo "== interop"
interop_rc=0
# shellcheck disable=SC2086
HUIYI_BIN="$ROOT/.build/debug/huiyi" "$ROOT/Tests/Interop/run-all.sh" ${INTEROP_TESTS:-} || interop_rc=$?

[ "$unit_rc" -eq 0 ] && [ "$interop_rc" -eq 0 ]
