#!/usr/bin/env bash
# Installs the Debian packages Huiyi's build, tests and benchmarks need.
# Idempotent: asks dpkg what is missing and only then runs apt-get.
# Works as root (no sudo needed) or through sudo as another user.
set -euo pipefail

PACKAGES=(
  # interop clients, reference registrar, media tools
  sip-tester baresip-core baresip-ffmpeg linphone-cli kamailio ffmpeg sox tshark
  # build: SQLite, TLS, pkg-config; test harness: ip, unshare, python
  libsqlite3-dev pkg-config openssl iproute2 util-linux python3
  # the operator CLI (URLSession is libcurl on Linux) and the interop scripts (curl)
  curl libcurl4
  # media codecs and SRTP
  libopus-dev libsrtp2-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer it up front.
echo "wireshark-common wireshark-common/install-setuid boolean false" \
  | "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive debconf-set-selections
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
# The kamailio package may start a system service; the tests run their own instances.
echo "install-deps: done"
