#!/usr/bin/env python3
"""A small, strict SIP REGISTER/OPTIONS client for the interop tests.

It exists for what Debian's SIPp 3.6.1 cannot do: answer a SHA-256 digest
challenge (it knows only MD5 and AKAv1-MD5), resend an Authorization header
byte for byte in a new transaction (it always draws a fresh cnonce and
increments the nonce-count), and speak TLS (it is built without OpenSSL).

Modes:
  ok       REGISTER -> 401 -> REGISTER with credentials -> 200 whose Contact
           lists ours.
  wrong    the same with a wrong password -> 403, or 401 again.
  replay   'ok', then the identical Authorization header in a new transaction
           (new branch, next CSeq) -> 401 or 403, never 200.
  expired  answers a challenge after --wait seconds -> 401 (stale) or 403.
  options  OPTIONS -> 200 with an Allow header that lists REGISTER.
  refused  the right password for an account that must not register (removed,
           for one) -> 403 or 404, or 401 again; never 200.

Transports: udp, tcp, tls (the server certificate is verified against --cafile
for the server's address).

Exit status 0 when the server behaved as the mode expects, 1 otherwise.
Every message sent and received is printed.
"""
import argparse
import hashlib
import os
import random
import re
import socket
import ssl
import sys
import time

HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


def log(*a):
    print(*a, flush=True)


class Client:
    def __init__(self, args):
        self.args = args
        self.host, port = args.server.rsplit(":", 1)
        self.port = int(port)
        self.transport = args.transport.upper()
        fam = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        if self.transport == "UDP":
            self.sock = socket.socket(fam, socket.SOCK_DGRAM)
            self.sock.bind((args.local_ip, 0))
        else:
            self.sock = socket.create_connection((self.host, self.port), timeout=args.timeout,
                                                 source_address=(args.local_ip, 0))
            if self.transport == "TLS":
                ctx = ssl.create_default_context(cafile=args.cafile)
                if not args.cafile:
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                self.sock = ctx.wrap_socket(self.sock, server_hostname=self.host)
                log("TLS: %s, %s, peer %s" % (self.sock.version(), self.sock.cipher()[0],
                                               self.sock.getpeercert().get("subject") if args.cafile else "unverified"))
        self.local_port = self.sock.getsockname()[1]
        self.call_id = "%x@%s" % (random.getrandbits(64), args.local_ip)
        self.from_tag = "%x" % random.getrandbits(32)
        self.cseq = 0
        self.buf = b""

    def request(self, extra_headers=(), method="REGISTER"):
        """Sends one REGISTER (or OPTIONS) transaction; returns (final_status, headers, raw)."""
        a = self.args
        self.cseq += 1
        branch = "z9hG4bK%x" % random.getrandbits(64)
        aor = "sip:%s@%s" % (a.user, a.domain)
        lines = [
            "%s sip:%s:%d SIP/2.0" % (method, self.host, self.port),
            "Via: SIP/2.0/%s %s:%d;branch=%s;rport" % (self.transport, a.local_ip, self.local_port, branch),
            "Max-Forwards: 70",
            "From: <%s>;tag=%s" % (aor, self.from_tag),
            "To: <%s>" % aor,
            "Call-ID: %s" % self.call_id,
            "CSeq: %d %s" % (self.cseq, method),
            "Contact: <%s>" % self.contact(),
        ]
        if method == "REGISTER":
            lines.append("Expires: %d" % a.expires)
        lines.append("User-Agent: huiyi-interop-sipreg")
        lines += list(extra_headers)
        lines += ["Content-Length: 0", "", ""]
        raw = "\r\n".join(lines).encode()
        return self.transact(raw, branch)

    def contact(self):
        return "sip:%s@%s:%d;transport=%s" % (self.args.user, self.args.local_ip, self.local_port,
                                              self.transport.lower())

    def transact(self, raw, branch):
        log(">>> sent\n" + raw.decode())
        deadline = time.monotonic() + self.args.timeout
        interval = 0.5
        next_send = 0.0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if self.transport == "UDP" and now >= next_send:
                self.sock.sendto(raw, (self.host, self.port))
                next_send = now + interval
                interval = min(interval * 2, 4.0)
            elif self.transport != "UDP" and next_send == 0.0:
                self.sock.sendall(raw)
                next_send = deadline
            self.sock.settimeout(max(0.01, min(next_send, deadline) - time.monotonic()))
            try:
                msg = self.receive()
            except socket.timeout:
                continue
            if msg is None:
                continue
            log("<<< received\n" + msg.decode(errors="replace"))
            status, headers = parse_response(msg)
            if status is None or branch not in header(headers, "via"):
                continue
            if status >= 200:
                return status, headers, msg
        raise SystemExit("FAIL: no final response within %.0f s" % self.args.timeout)

    def receive(self):
        if self.transport == "UDP":
            data, _ = self.sock.recvfrom(65535)
            return data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                m = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", self.buf[:end])
                length = int(m.group(1)) if m else 0
                total = end + 4 + length
                if len(self.buf) >= total:
                    msg, self.buf = self.buf[:total], self.buf[total:]
                    return msg
            chunk = self.sock.recv(65535)
            if not chunk:
                raise SystemExit("FAIL: server closed the connection")
            self.buf += chunk


def parse_response(raw):
    text = raw.decode(errors="replace")
    head = text.split("\r\n\r\n", 1)[0]
    lines = head.split("\r\n")
    m = re.match(r"SIP/2\.0 (\d{3})", lines[0])
    if not m:
        return None, []
    headers = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:
            headers[-1] = (headers[-1][0], headers[-1][1] + " " + line.strip())
        elif ":" in line:
            k, v = line.split(":", 1)
            headers.append((k.strip().lower(), v.strip()))
    return int(m.group(1)), headers


def header(headers, name):
    return ", ".join(v for k, v in headers if k == name)


def challenges(headers):
    """Parses every WWW-Authenticate header into a dict of its parameters."""
    out = []
    for k, v in headers:
        if k != "www-authenticate":
            continue
        scheme, _, rest = v.partition(" ")
        if scheme.lower() != "digest":
            continue
        params = {}
        for m in re.finditer(r'([A-Za-z0-9-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]+)', rest):
            params[m.group(1).lower()] = m.group(3) if m.group(3) is not None else m.group(2)
        params.setdefault("algorithm", "MD5")
        out.append(params)
    return out


def authorization(ch, user, password, method, uri, nc=1):
    algo = ch["algorithm"].upper()
    h = HASHES[algo]
    hx = lambda s: h(s.encode()).hexdigest()
    ha1 = hx("%s:%s:%s" % (user, ch["realm"], password))
    ha2 = hx("%s:%s" % (method, uri))
    parts = ['username="%s"' % user, 'realm="%s"' % ch["realm"], 'nonce="%s"' % ch["nonce"],
             'uri="%s"' % uri]
    qops = [q.strip() for q in ch.get("qop", "").split(",") if q.strip()]
    if "auth" in qops:
        cnonce = os.urandom(8).hex()
        ncs = "%08x" % nc
        resp = hx("%s:%s:%s:%s:auth:%s" % (ha1, ch["nonce"], ncs, cnonce, ha2))
        parts += ["qop=auth", "nc=%s" % ncs, 'cnonce="%s"' % cnonce]
    else:
        resp = hx("%s:%s:%s" % (ha1, ch["nonce"], ha2))
    parts += ['response="%s"' % resp, "algorithm=%s" % ch["algorithm"]]
    if "opaque" in ch:
        parts.append('opaque="%s"' % ch["opaque"])
    return "Authorization: Digest " + ", ".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--server", required=True, help="HOST:PORT")
    p.add_argument("--transport", default="udp", choices=["udp", "tcp", "tls"])
    p.add_argument("--cafile", help="PEM to verify the TLS server certificate with")
    p.add_argument("--local-ip", default="127.0.0.1")
    p.add_argument("--user", default="ping")
    p.add_argument("--password", default="")
    p.add_argument("--domain", default="huiyi.local")
    p.add_argument("--algorithm", default="MD5", choices=sorted(HASHES))
    p.add_argument("--mode", default="ok", choices=["ok", "wrong", "replay", "expired", "options", "refused"])
    p.add_argument("--wait", type=float, default=0, help="seconds to wait before answering (expired)")
    p.add_argument("--expires", type=int, default=300)
    p.add_argument("--timeout", type=float, default=10)
    a = p.parse_args()

    c = Client(a)
    if a.mode == "options":
        status, headers, _ = c.request(method="OPTIONS")
        allow = header(headers, "allow")
        if status != 200:
            raise SystemExit("FAIL: OPTIONS got %d" % status)
        if "REGISTER" not in allow.upper():
            raise SystemExit("FAIL: OPTIONS 200 without REGISTER in Allow: %r" % allow)
        log("PASS: OPTIONS over %s: 200, Allow: %s" % (a.transport, allow))
        return 0
    status, headers, _ = c.request()
    if a.mode == "refused" and status in (403, 404):
        log("PASS: refused with %d before any challenge" % status)
        return 0
    if status != 401:
        raise SystemExit("FAIL: first REGISTER got %d, expected 401" % status)
    chs = challenges(headers)
    offered = [ch["algorithm"] for ch in chs]
    log("challenges offered: %s" % offered)
    ch = next((x for x in chs if x["algorithm"].upper() == a.algorithm.upper()), None)
    if ch is None:
        raise SystemExit("FAIL: no %s challenge among %s" % (a.algorithm, offered))
    uri = "sip:%s:%d" % (c.host, c.port)
    password = a.password + ("-wrong" if a.mode == "wrong" else "")
    if a.mode == "expired":
        time.sleep(a.wait)
    auth = authorization(ch, a.user, password, "REGISTER", uri)
    status, headers, _ = c.request([auth])

    if a.mode == "refused":
        if status in (401, 403, 404):
            log("PASS: refused with %d" % status)
            return 0
        raise SystemExit("FAIL: an account that must not register got %d" % status)
    if a.mode == "wrong":
        if status in (401, 403):
            log("PASS: wrong password refused with %d" % status)
            return 0
        raise SystemExit("FAIL: wrong password got %d" % status)
    if a.mode == "expired":
        if status in (401, 403):
            log("PASS: expired nonce refused with %d" % status)
            return 0
        raise SystemExit("FAIL: expired nonce got %d" % status)
    if status != 200:
        raise SystemExit("FAIL: REGISTER with %s credentials got %d" % (a.algorithm, status))
    contacts = header(headers, "contact") + header(headers, "m")
    if "%s@%s:%d" % (a.user, a.local_ip, c.local_port) not in contacts:
        raise SystemExit("FAIL: 200 does not list our binding; Contact: %r" % contacts)
    log("PASS: registered with %s" % a.algorithm)
    if a.mode == "ok":
        return 0

    # replay: the same Authorization header, verbatim, in a new transaction
    status, headers, _ = c.request([auth])
    if status in (401, 403):
        log("PASS: replayed Authorization refused with %d" % status)
        return 0
    raise SystemExit("FAIL: replayed Authorization got %d" % status)


if __name__ == "__main__":
    sys.exit(main())
