#!/usr/bin/env bash
# Quick start: installs what is missing, makes the development TLS certificate
# if there is none, builds the release binary and runs the server with its
# embedded defaults (SQLite store in data/, configuration in Config/, standing
# rooms in Rooms/). Arguments go to `huiyi serve`, e.g.
#   Tools/run.sh --sip udp:127.0.0.1:5060 --log-level debug
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
command -v swift >/dev/null || { echo "$(basename "$0"): no swift in PATH: install the Swift 6.3 toolchain (swift.org) first" >&2; exit 1; }

Tools/install-deps.sh
if [ -x Tools/dev-cert.sh ] && [ ! -s Config/dev-tls/cert.pem ]; then
  Tools/dev-cert.sh
fi
swift build -c release
exec .build/release/huiyi serve "$@"
