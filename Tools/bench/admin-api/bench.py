#!/usr/bin/env python3
"""Operator control plane benchmark (docs/BENCHMARKS.md, "Operator control plane").

Starts `huiyi serve` on loopback with a scratch data directory and measures:

1. admin API latency of GET /api/v1/rooms/{room}/participants with live participants in one open room (held by the
   audio-room load generator, Tools/bench/audio-room);
2. admin API latency of GET /api/v1/meetings with N one-off meetings booked through POST /api/v1/meetings
   (the bookings' own latency is reported too);
3. scheduler precision: meeting start -> first INVITE arriving at a site (a UDP listener on 127.0.0.1 taking the
   kernel's receive timestamp, SO_TIMESTAMPNS), for meetings booked a few seconds ahead, and after a `kill -9` of
   the server and a restart once the start has passed.

Latency client: Python http.client, one HTTP/1.1 keep-alive connection, requests one after another, times from
perf_counter_ns before the request is written to the end of reading the body; warm-up requests are not counted.
Only processes this script started are stopped, by PID.
"""
import argparse
import datetime
import http.client
import json
import os
import re
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)


def log(*args):
    print("[%s]" % time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, int(-(-p * len(sorted_values) // 100)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def load_average():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


# ---------------------------------------------------------------------------------------------------------------
# The server


class Server:
    def __init__(self, binary, rooms, data_dir, sip_port, admin_port, log_path, nice=0):
        self.binary, self.rooms, self.data_dir = binary, rooms, data_dir
        self.sip_port, self.admin_port, self.log_path, self.nice = sip_port, admin_port, log_path, nice
        self.process = None

    def start(self, timeout=60):
        """Spawns the server; returns (spawn time, time the 'huiyi ready' line was seen, admin-ready time)."""
        os.makedirs(self.data_dir, exist_ok=True)
        out = open(self.log_path, "ab")
        offset = out.tell()
        command = [self.binary, "serve", "--data-dir", self.data_dir, "--rooms", self.rooms,
                   "--sip", f"udp:127.0.0.1:{self.sip_port}", "--rtp-ports", "20000-29999",
                   "--admin", f"127.0.0.1:{self.admin_port}"]
        if self.nice:
            command = ["nice", "-n", str(self.nice)] + command
        spawned = time.time()
        self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        out.close()
        ready = admin = None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                text = f.read().decode(errors="replace")
            now = time.time()
            if ready is None and "huiyi ready" in text:
                ready = now
            if "admin API ready" in text:
                admin = now
                break
            time.sleep(0.005)
        if admin is None:
            raise RuntimeError(f"the server's admin API did not come up in {timeout} s; see {self.log_path}")
        return spawned, ready, admin

    @property
    def pid(self):
        return self.process.pid

    def token(self):
        with open(os.path.join(self.data_dir, "admin.token")) as f:
            return f.read().strip()

    def kill9(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                log(f"server {self.process.pid} did not stop on SIGTERM in 15 s; SIGKILL")
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


# ---------------------------------------------------------------------------------------------------------------
# The admin API client


class API:
    def __init__(self, port, token):
        self.port, self.token = port, token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter_ns()
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if response.will_close:
            raise RuntimeError(f"the server closed the connection after {method} {path}")
        return response.status, payload, elapsed

    def json(self, method, path, body=None):
        status, payload, _ = self.request(method, path, body)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {payload[:300]!r}")
        return json.loads(payload)

    def close(self):
        self.connection.close()


def time_requests(api, method, path, count, warmup):
    """Times `count` requests after `warmup` untimed ones on one keep-alive connection."""
    sizes = set()
    for _ in range(warmup):
        status, payload, _ = api.request(method, path)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {payload[:300]!r}")
    times = []
    for _ in range(count):
        status, payload, elapsed = api.request(method, path)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {payload[:300]!r}")
        times.append(elapsed)
        sizes.add(len(payload))
    return sorted(times), sizes, payload


def summary(times):
    return {"n": len(times), "p50": percentile(times, 50), "p90": percentile(times, 90),
            "p99": percentile(times, 99), "max": times[-1], "mean": statistics.fmean(times)}


# ---------------------------------------------------------------------------------------------------------------
# A site: a UDP listener that timestamps INVITEs in the kernel and turns them down with 486


class Site(threading.Thread):
    def __init__(self, port):
        super().__init__(daemon=True)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.socket.bind(("127.0.0.1", port))
        self.socket.settimeout(0.2)
        self.invites = []  # (kernel receive time, request-URI, Call-ID), first INVITE of each Call-ID
        self.seen = set()
        self.lock = threading.Lock()
        self.running = True

    def run(self):
        while self.running:
            try:
                data, ancillary, _, source = self.socket.recvmsg(65535, 64)
            except socket.timeout:
                continue
            except OSError:
                return
            received = time.time()
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, nanoseconds = struct.unpack("qq", value[:16])
                    received = seconds + nanoseconds / 1e9
            text = data.decode(errors="replace")
            if not text.startswith("INVITE "):
                continue
            call_id = self.header(text, "Call-ID", "i")
            with self.lock:
                if call_id not in self.seen:
                    self.seen.add(call_id)
                    self.invites.append((received, text.split(" ", 2)[1], call_id))
            self.socket.sendto(self.busy(text).encode(), source)

    @staticmethod
    def header(text, name, compact):
        for line in text.split("\r\n"):
            key, _, value = line.partition(":")
            if key.strip().lower() in (name.lower(), compact):
                return value.strip()
        return ""

    @staticmethod
    def busy(request):
        """486 Busy Here for `request` (RFC 3261 §8.2.6): Via, From, Call-ID, CSeq copied, To tagged."""
        lines = []
        for line in request.split("\r\n")[1:]:
            if not line:
                break
            key = line.partition(":")[0].strip().lower()
            if key in ("via", "v", "from", "f", "call-id", "i", "cseq"):
                lines.append(line)
            elif key in ("to", "t"):
                lines.append(line if ";tag=" in line else line + ";tag=benchsite")
        return "SIP/2.0 486 Busy Here\r\n" + "\r\n".join(lines) + "\r\nContent-Length: 0\r\n\r\n"

    def invites_since(self, since):
        with self.lock:
            return [entry for entry in self.invites if entry[0] >= since]

    def close(self):
        self.running = False
        self.join(timeout=2)
        self.socket.close()


# ---------------------------------------------------------------------------------------------------------------
# Phases


def write_rooms(directory, site_port, dead_port):
    os.makedirs(directory, exist_ok=True)

    def room(name, number, sites=()):
        text = (f'name = "{name}"\ntitle = "Benchmark room {name}"\nnumber = "{number}"\naccess = "open"\n'
                f'srtp = "off"\nmax_participants = 1000\n')
        for site, uri in sites:
            text += f'\n[[sites]]\nname = "{site}"\ntitle = "Site {site}"\nuri = "{uri}"\n'
        with open(os.path.join(directory, f"{name}.toml"), "w") as f:
            f.write(text)

    room("benchlarge", 9500)
    # The booked room's sites are never called (its meetings are in 2027); they give each summary three sites.
    room("booked", 9600, [(f"county{i}", f"sip:county{i}@127.0.0.1:{dead_port}") for i in (1, 2, 3)])
    room("sched", 9700, [(f"site{i}", f"sip:site{i}@127.0.0.1:{site_port}") for i in (1, 2, 3)])


def participants_phase(args, server, api):
    log(f"participants: dialling {args.participants} calls into benchlarge with the audio-room generator")
    generator_log = os.path.join(args.scratch, "generator.log")
    with open(generator_log, "wb") as out:
        generator = subprocess.Popen(
            [args.generator, "--server", f"127.0.0.1:{args.sip_port}", "--server-pid", str(server.pid),
             "--rooms", "1", "--room-name", "benchlarge", "--first-number", "9500",
             "--participants", str(args.participants), "--probes", "0", "--media-sockets", "8",
             "--warmup", "5", "--duration", "3600"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 360
        while time.monotonic() < deadline:
            with open(generator_log, "rb") as f:
                text = f.read().decode(errors="replace")
            if "warm-up" in text or generator.poll() is not None:
                break
            time.sleep(0.2)
        up = re.search(r"(\d+) of (\d+) calls up in ([\d.]+) s", text)
        if generator.poll() is not None or not up:
            raise RuntimeError(f"the generator did not fill the room; see {generator_log}")
        log(f"participants: {up.group(0)}; 5 s warm-up")
        time.sleep(5)
        path = "/api/v1/rooms/benchlarge/participants"
        listed = len(api.json("GET", path))
        load_before, cpu_before, wall_before = load_average(), cpu_seconds(server.pid), time.monotonic()
        times, sizes, payload = time_requests(api, "GET", path, args.requests, args.warmup)
        cpu = (cpu_seconds(server.pid) - cpu_before) / (time.monotonic() - wall_before)
        load_after = load_average()
        listed_after = len(json.loads(payload))
        log(f"participants: {listed} listed before, {listed_after} after; load {load_before} -> {load_after}")
        return {"what": f"GET {path}", "count": f"{listed_after} participants", "times": summary(times),
                "bytes": sizes, "load": f"{load_before}-{load_after}", "server_cpu": cpu,
                "note": f"{up.group(1)} of {up.group(2)} calls up in {up.group(3)} s"}
    finally:
        if generator.poll() is None:
            generator.terminate()
            try:
                generator.wait(timeout=10)
            except subprocess.TimeoutExpired:
                generator.kill()
                generator.wait(timeout=10)


def book_meetings(api, count):
    """Books `count` one-off 20-minute meetings, 30 minutes apart from 2027-01-01 09:00 (server zone) in 'booked'."""
    first = datetime.datetime(2027, 1, 1, 9, 0)
    times = []
    started = time.monotonic()
    for i in range(count):
        at = (first + datetime.timedelta(minutes=30 * i)).strftime("%Y-%m-%d %H:%M")
        body = {"room": "booked", "at": at, "duration": "20m", "title": f"Booking {i + 1}"}
        status, payload, elapsed = api.request("POST", "/api/v1/meetings", body)
        if status != 200:
            raise RuntimeError(f"booking {i + 1} at {at}: {status} {payload[:300]!r}")
        times.append(elapsed)
        if (i + 1) % 2000 == 0:
            log(f"meetings: {i + 1} booked ({time.monotonic() - started:.1f} s)")
    return times, time.monotonic() - started


def meetings_phase(args, server, api):
    log(f"meetings: booking {args.meetings} meetings through POST /api/v1/meetings")
    booking_times, booking_seconds = book_meetings(api, args.meetings)
    # Booking cost grows with the book: the last thousand against the first thousand.
    early, late = sorted(booking_times[:1000]), sorted(booking_times[-1000:])
    path = "/api/v1/meetings"
    load_before, cpu_before, wall_before = load_average(), cpu_seconds(server.pid), time.monotonic()
    times, sizes, payload = time_requests(api, "GET", path, args.meeting_requests, min(args.warmup, 5))
    cpu = (cpu_seconds(server.pid) - cpu_before) / (time.monotonic() - wall_before)
    load_after = load_average()
    listed = len(json.loads(payload))
    booking_sorted = sorted(booking_times)
    return (
        {"what": f"GET {path}", "count": f"{listed} meetings", "times": summary(times), "bytes": sizes,
         "load": f"{load_before}-{load_after}", "server_cpu": cpu, "note": ""},
        {"what": "POST /api/v1/meetings", "count": f"{len(booking_times)} bookings in {booking_seconds:.1f} s",
         "times": summary(booking_sorted), "bytes": set(), "load": load_after, "server_cpu": float("nan"),
         "note": f"first 1000 p50 {percentile(early, 50):.2f} ms p99 {percentile(early, 99):.2f}; "
                 f"last 1000 p50 {percentile(late, 50):.2f} ms p99 {percentile(late, 99):.2f}"},
    )


class Pinger:
    """SIP OPTIONS to the server, one at a time, every `interval` s: the signalling loop's responsiveness."""

    def __init__(self, sip_port, interval=0.02):
        self.target, self.interval = ("127.0.0.1", sip_port), interval
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.rtts, self.count = [], 0

    def ping(self):
        self.count += 1
        port = self.socket.getsockname()[1]
        message = (f"OPTIONS sip:huiyi.local SIP/2.0\r\n"
                   f"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-ping{self.count}-{os.getpid()};rport\r\n"
                   f"Max-Forwards: 70\r\nFrom: <sip:ping@127.0.0.1>;tag=ping\r\nTo: <sip:huiyi.local>\r\n"
                   f"Call-ID: ping-{self.count}-{os.getpid()}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
                   f"Content-Length: 0\r\n\r\n").encode()
        branch = f"z9hG4bK-ping{self.count}-{os.getpid()}".encode()
        started = time.perf_counter()
        self.socket.sendto(message, self.target)
        deadline = started + 30
        while time.perf_counter() < deadline:
            try:
                data = self.socket.recv(65535)
            except socket.timeout:
                continue
            if branch in data:
                self.rtts.append((time.perf_counter() - started) * 1000)
                return
        self.rtts.append(float("inf"))

    def run_while(self, alive):
        while alive():
            self.ping()
            time.sleep(self.interval)


def interference_phase(args, server, api, site):
    """What a meeting list over a large book does to SIP signalling and to a meeting starting meanwhile."""
    results = {}
    lists = []

    def lister(count):
        for _ in range(count):
            lists.append(api.request("GET", "/api/v1/meetings")[2])

    pinger = Pinger(args.sip_port)
    for _ in range(20):  # idle baseline
        pinger.ping()
        time.sleep(0.02)
    idle = sorted(pinger.rtts)
    pinger.rtts = []
    thread = threading.Thread(target=lister, args=(args.interference_lists,))
    thread.start()
    pinger.run_while(thread.is_alive)
    thread.join()
    busy = sorted(pinger.rtts)
    results["options"] = {"idle": idle, "busy": busy, "lists": sorted(lists)}
    log(f"interference: OPTIONS idle p50 {percentile(idle, 50):.1f} ms; during {len(lists)} meeting lists "
        f"p50 {percentile(busy, 50):.1f} ms, max {busy[-1]:.1f} ms")
    starts = []
    for trial in range(1, args.trials + 1):
        at, start = whole_second_ahead(args.lead)
        meeting = api.json("POST", "/api/v1/meetings", {"room": "sched", "at": at, "duration": "5m",
                                                         "title": f"Precision under a listing {trial}"})
        # A second connection lists the meetings back to back from 1 s before the start until the INVITEs came.
        lister_api = API(server.admin_port, server.token())
        while time.time() < start - 1:
            time.sleep(0.01)
        stop = threading.Event()

        def keep_listing():
            while not stop.is_set():
                lister_api.request("GET", "/api/v1/meetings")

        thread = threading.Thread(target=keep_listing)
        thread.start()
        invites = first_invites(site, start - 0.5, start + 30)
        stop.set()
        thread.join(timeout=60)
        lister_api.close()
        api.json("POST", f"/api/v1/meetings/{meeting['id']}/end")
        if not invites:
            raise RuntimeError(f"trial {trial}: no INVITE within 30 s of the start {at}")
        starts.append({"trial": f"{trial} (meeting list running)", "group": "meeting lists running", "start": at,
                       "first": (invites[0] - start) * 1000, "last": (invites[-1] - start) * 1000, "sites": len(invites), "load": load_average()})
        log(f"interference: trial {trial}: first INVITE {starts[-1]['first']:.1f} ms after {at} "
            f"with meeting lists running")
        time.sleep(1)
    results["starts"] = starts
    return results


def whole_second_ahead(seconds):
    """A start `seconds` (or a little more) ahead on a whole second, as an ISO 8601 UTC string and epoch."""
    start = int(time.time()) + seconds + 1
    return datetime.datetime.fromtimestamp(start, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), start


def first_invites(site, since, wait_until, sites=3):
    """Waits (bounded) for INVITEs to every site after `since`; returns their receive times, sorted."""
    while time.time() < wait_until:
        if len({uri for _, uri, _ in site.invites_since(since)}) >= sites:
            break
        time.sleep(0.05)
    firsts = {}
    for received, uri, _ in site.invites_since(since):
        firsts.setdefault(uri, received)
    return sorted(firsts.values())


def scheduler_phase(args, server, api, site, group):
    results = []
    for trial in range(1, args.trials + 1):
        at, start = whole_second_ahead(args.lead)
        meeting = api.json("POST", "/api/v1/meetings", {"room": "sched", "at": at, "duration": "5m",
                                                         "title": f"Precision {trial}"})
        invites = first_invites(site, start - 0.5, start + 15)
        api.json("POST", f"/api/v1/meetings/{meeting['id']}/end")
        if not invites:
            raise RuntimeError(f"trial {trial}: no INVITE within 15 s of the start {at}; see {server.log_path}")
        results.append({"trial": trial, "group": group, "start": at, "first": (invites[0] - start) * 1000,
                        "last": (invites[-1] - start) * 1000, "sites": len(invites), "load": load_average()})
        log(f"scheduler: trial {trial}: first INVITE {results[-1]['first']:.1f} ms after {at}, "
            f"{len(invites)} sites, last {results[-1]['last']:.1f} ms")
        time.sleep(1)
    return results


def restart_phase(args, server, api, site, label):
    results = []
    for trial in range(1, args.restart_trials + 1):
        at, start = whole_second_ahead(args.lead)
        meeting = api.json("POST", "/api/v1/meetings", {"room": "sched", "at": at, "duration": "5m",
                                                         "title": f"Restart {trial}"})
        api.close()
        server.kill9()
        log(f"restart ({label}) {trial}: booked {meeting['id']} at {at}; server killed (-9); "
            f"restarting {args.restart_after} s after the start")
        while time.time() < start + args.restart_after:
            time.sleep(0.05)
        spawned, ready, admin = server.start()
        invites = first_invites(site, spawned, spawned + 30)
        api = API(server.admin_port, server.token())
        api.json("POST", f"/api/v1/meetings/{meeting['id']}/end")
        if not invites:
            raise RuntimeError(f"restart {trial}: no INVITE within 30 s of the restart; see {server.log_path}")
        results.append({"trial": trial, "label": label, "from_spawn": (invites[0] - spawned) * 1000,
                        "from_ready": (invites[0] - ready) * 1000, "ready": (ready - spawned) * 1000,
                        "admin": (admin - spawned) * 1000, "after_start": (invites[0] - start) * 1000,
                        "sites": len(invites), "load": load_average()})
        r = results[-1]
        log(f"restart ({label}) {trial}: first INVITE {r['from_spawn']:.0f} ms after the spawn, "
            f"{r['from_ready']:.0f} ms after 'huiyi ready' (seen {r['ready']:.0f} ms after the spawn)")
        time.sleep(1)
    return results, api


# ---------------------------------------------------------------------------------------------------------------
# Report


def print_report(latency, scheduler, restarts, interference, args):
    print()
    print(f"Admin API latency: one keep-alive HTTP/1.1 connection, sequential requests "
          f"(warm-up excluded), ms")
    print("| request | book / room | n | p50 | p90 | p99 | max | response bytes | server CPU | load avg |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for row in latency:
        t = row["times"]
        size = "–" if not row["bytes"] else (
            f"{min(row['bytes'])}" if len(row["bytes"]) == 1 else f"{min(row['bytes'])}–{max(row['bytes'])}")
        cpu = "–" if row["server_cpu"] != row["server_cpu"] else f"{row['server_cpu'] * 100:.0f} %"
        print(f"| {row['what']} | {row['count']} | {t['n']} | {t['p50']:.2f} | {t['p90']:.2f} | {t['p99']:.2f} | "
              f"{t['max']:.2f} | {size} | {cpu} | {row['load']} |")
    for row in latency:
        if row["note"]:
            print(f"  {row['what']}: {row['note']}")
    if scheduler:
        print()
        print("Scheduler precision, meeting booked a few seconds ahead: start -> INVITE at the site (kernel time)")
        print("| trial | start (UTC) | first INVITE | last of 3 sites | load avg |")
        print("|--:|---|--:|--:|---|")
        for r in scheduler:
            print(f"| {r['trial']} | {r['start']} | {r['first']:.1f} ms | {r['last']:.1f} ms | {r['load']} |")
        groups = {}
        for r in scheduler:
            groups.setdefault(r["group"], []).append(r["first"])
        for group, firsts in groups.items():
            firsts.sort()
            print(f"  first INVITE, {group}: min {firsts[0]:.1f} ms, median {statistics.median(firsts):.1f} ms, "
                  f"max {firsts[-1]:.1f} ms over {len(firsts)} meetings")
    if interference:
        o = interference["options"]
        print()
        print(f"SIP OPTIONS round trip (one at a time, every 20 ms), idle and while {len(o['lists'])} meeting lists "
              f"ran back to back on another connection (each {o['lists'][0]:.0f}–{o['lists'][-1]:.0f} ms)")
        print("| when | pings | p50 | p90 | max | pings over 100 ms (their total wait) |")
        print("|---|--:|--:|--:|--:|---|")
        for name in ("idle", "busy"):
            v = o[name]
            slow = [x for x in v if x > 100]
            print(f"| {'idle' if name == 'idle' else 'meeting list running'} | {len(v)} | {percentile(v, 50):.1f} ms | "
                  f"{percentile(v, 90):.1f} ms | {v[-1]:.1f} ms | {len(slow)} ({sum(slow) / 1000:.2f} s) |")
    if restarts:
        print()
        print(f"After kill -9 and a restart {args.restart_after} s after the meeting's start (meeting in progress)")
        print("| book | trial | spawn -> 'huiyi ready' | spawn -> first INVITE | 'huiyi ready' -> first INVITE | "
              "start -> first INVITE | load avg |")
        print("|---|--:|--:|--:|--:|--:|---|")
        for r in restarts:
            print(f"| {r['label']} | {r['trial']} | {r['ready']:.0f} ms | {r['from_spawn']:.0f} ms | "
                  f"{r['from_ready']:.0f} ms | {r['after_start'] / 1000:.2f} s | {r['load']} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--huiyi", required=True)
    parser.add_argument("--generator", required=True)
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--sip-port", type=int, default=15190)
    parser.add_argument("--admin-port", type=int, default=18190)
    parser.add_argument("--site-port", type=int, default=15191)
    parser.add_argument("--dead-port", type=int, default=15192)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=1000, help="timed participant-list requests")
    parser.add_argument("--meeting-requests", type=int, default=100, help="timed meeting-list requests")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--restart-trials", type=int, default=3)
    parser.add_argument("--lead", type=int, default=3, help="seconds between booking and start")
    parser.add_argument("--restart-after", type=float, default=2, help="seconds after the start to restart")
    parser.add_argument("--nice", type=int, default=0)
    parser.add_argument("--interference-lists", type=int, default=5,
                        help="meeting lists during which SIP OPTIONS are timed")
    parser.add_argument("--phases", default="participants,meetings,interference,scheduler,restart")
    args = parser.parse_args()
    # A TERM or INT (timeout, Ctrl-C) unwinds through the finally below, which stops the servers started here.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    phases = set(args.phases.split(","))

    rooms = os.path.join(args.scratch, "rooms")
    write_rooms(rooms, args.site_port, args.dead_port)
    latency, scheduler, restarts = [], [], []
    interference = None
    site = Site(args.site_port)
    site.start()
    server = None
    try:
        if "participants" in phases:
            server = Server(args.huiyi, rooms, os.path.join(args.scratch, "data-participants"), args.sip_port,
                            args.admin_port, os.path.join(args.scratch, "server-participants.log"), args.nice)
            server.start()
            api = API(args.admin_port, server.token())
            latency.append(participants_phase(args, server, api))
            api.close()
            server.stop()
        server = Server(args.huiyi, rooms, os.path.join(args.scratch, "data"), args.sip_port, args.admin_port,
                        os.path.join(args.scratch, "server.log"), args.nice)
        server.start()
        api = API(args.admin_port, server.token())
        if "scheduler" in phases:
            scheduler += scheduler_phase(args, server, api, site, "empty book")
        if "restart" in phases:
            result, api = restart_phase(args, server, api, site, "empty")
            restarts += result
        if "meetings" in phases:
            latency += meetings_phase(args, server, api)
            if "interference" in phases:
                interference = interference_phase(args, server, api, site)
                scheduler += interference["starts"]
            if "scheduler" in phases:
                log("scheduler: again with the meetings booked")
                for r in scheduler_phase(args, server, api, site, f"{args.meetings} meetings booked"):
                    r["trial"] = f"{r['trial']} ({args.meetings} booked)"
                    scheduler.append(r)
            if "restart" in phases:
                result, api = restart_phase(args, server, api, site, f"{args.meetings} meetings")
                restarts += result
        api.close()
        server.stop()
    finally:
        if server:
            server.stop()
        site.close()
    print_report(latency, scheduler, restarts, interference, args)


if __name__ == "__main__":
    main()
