#!/usr/bin/env bash
# Makes a self-signed development certificate for Huiyi's SIP over TLS listener.
# Usage: Tools/dev-cert.sh [OUT_DIR] [HOSTNAME]   (defaults: Config/dev-tls, huiyi.local)
# Writes OUT_DIR/cert.pem and OUT_DIR/key.pem (0600). Does nothing when both already exist, so it is safe to run from
# setup scripts. Not for production: clients must be told to trust this certificate explicitly.
set -euo pipefail

out_dir="${1:-Config/dev-tls}"
host="${2:-huiyi.local}"
cert="$out_dir/cert.pem"
key="$out_dir/key.pem"

if [[ -s "$cert" && -s "$key" ]]; then
    echo "certificate: $cert"
    echo "private key: $key"
    exit 0
fi

command -v openssl >/dev/null || { echo "dev-cert.sh: openssl is required (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$out_dir"

# The names a SIP client on this machine is likely to dial, plus the one asked for (deduplicated).
san="DNS:huiyi.local,DNS:localhost,IP:127.0.0.1,IP:::1"
if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then
    [[ ",$san," == *",IP:$host,"* ]] || san="$san,IP:$host"
else
    [[ ",$san," == *",DNS:$host,"* ]] || san="$san,DNS:$host"
fi

# Write the key with a restrictive mode from the start rather than tightening it afterwards.
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 825 \
    -subj "/CN=$host" \
    -addext "subjectAltName=$san" \
    -addext "extendedKeyUsage=serverAuth,clientAuth" \
    -keyout "$key" -out "$cert" 2>/dev/null
chmod 0600 "$key"
chmod 0644 "$cert"

echo "certificate: $cert"
echo "private key: $key"
