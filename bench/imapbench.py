#!/usr/bin/env python3
"""Fumibako IMAP benchmarks. Prints figures; never fails on time.

  idle    N concurrent authenticated IMAP connections in IDLE on INBOX (default 5,000: 500
          accounts x 10 sessions, spread over source addresses 127.0.0.10.. at 50 per address so
          the default limits hold): fumibakod's RSS (VmRSS, VmHWM) and RSS per connection; then
          messages delivered on the MX port to accounts with open IDLE sessions, and the delay
          from the 250 reply to end-of-DATA to "* N EXISTS" on each of the account's sessions
          (p50/p99). The same again with fewer connections over imaps (TLS memory per session).
  mixed   C persistent clients (default 10), each looping over FETCH (FLAGS + full body), STORE
          +FLAGS/-FLAGS \\Seen, APPEND (4 KiB), UID EXPUNGE (of its own APPEND), SEARCH SUBJECT /
          TEXT on a mailbox of ~1,000 messages: commands/s, latency p50/p99 per kind. With
          --imapload BUILD/bench/imapload the same cycle is driven from C++: the python threads
          spend about 0.34 ms of CPU per command on one core (the GIL), which caps them near
          2,500-3,000 commands/s whatever the server does.
  login   fresh connections doing LOGIN + LOGOUT, plaintext and imaps, auth cache cold and warm:
          logins/s.
  big     a 10,000-message mailbox (3 KiB typical, every 100th 100 KiB): SELECT time,
          FETCH 1:* (FLAGS UID RFC822.SIZE) time, FETCH 1:* BODY.PEEK[] MB/s, plaintext and TLS.

Every server is a fresh fumibakod on a copy of one data dir prepared at the start (accounts
are created once: scrypt makes that slow). Clients are python (asyncio for the many-socket
test, threads with a raw socket reader elsewhere) on the same 2 cores as the server, so the
figures include the client's share: python's and the server's CPU are printed beside them, as
is the load average (the machine is shared). Medians over --runs runs.

  python3 bench/imapbench.py --fumibakod BUILD/app/fumibakod/fumibakod \\
                             --fumibakoctl BUILD/app/fumibakoctl/fumibakoctl [--quick] [--runs N]
"""
import argparse
import asyncio
import concurrent.futures
import os
import random
import re
import resource
import shutil
import signal
import smtplib
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "bench-password-1"
DOMAIN = "bench.test"
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu invoice "
         "meeting report budget schedule contract delivery order payment shipment").split()


def user(i):
    return f"u{i:05d}@{DOMAIN}"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def med(values):
    return statistics.median(values) if values else float("nan")


def make_message(rng, serial, size, to=f"u00000@{DOMAIN}"):
    subject = f"{rng.choice(WORDS)} {rng.choice(WORDS)} report {serial}"
    head = (f"From: Sender {serial % 97} <sender{serial % 97}@peer.test>\r\n"
            f"To: <{to}>\r\n"
            f"Subject: {subject}\r\n"
            f"Date: Mon, 01 Jan 2024 09:00:00 +0900\r\n"
            f"Message-ID: <bench.{serial}.{rng.getrandbits(32)}@peer.test>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
    lines = []
    n = len(head)
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(10))
        lines.append(line)
        n += len(line) + 2
    return (head + "\r\n".join(lines) + "\r\n").encode()


# --------------------------------------------------------------------------------------- server

class Template:
    """A data dir prepared once: settings and accounts (each account costs one scrypt)."""

    def __init__(self, opts, accounts):
        self.opts = opts
        self.tmp = tempfile.mkdtemp(prefix="fumibako-imapbench-", dir=opts.tmpdir)
        self.data = os.path.join(self.tmp, "template")
        self.ctl("init", "--domain", DOMAIN)
        for key, value in (("auth.allow_plaintext_loopback", "true"),
                           ("auth.failure_delay_ms", "0"),
                           ("auth.cache_seconds", "600")):
            self.ctl("config", "set", key, value)
        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
            list(pool.map(lambda i: self.ctl("account", "add", user(i), "--password-stdin",
                                             stdin=PASSWORD + "\n"), range(accounts)))
        # One message in every INBOX. (An IDLE session on an empty INBOX is never told of the first
        # message: ImapSession::sync() takes an empty message list for the initial load.)
        srv = Server(self, in_place=True)
        try:
            sm = smtplib.SMTP("127.0.0.1", srv.ports["smtp"])
            for first in range(0, accounts, 100):
                sm.sendmail("seed@peer.test", [user(i) for i in range(first, min(first + 100, accounts))],
                            b"Subject: welcome\r\nFrom: <seed@peer.test>\r\n\r\nWelcome.\r\n")
            sm.quit()
        finally:
            srv.stop()
        print(f"# template data dir: {accounts} accounts created and given one message each in "
              f"{time.perf_counter() - t0:.1f} s (fs of {opts.tmpdir or tempfile.gettempdir()})", flush=True)

    def ctl(self, *args, stdin=None, data=None):
        subprocess.run([self.opts.fumibakoctl, "--data-dir", data or self.data, *args], input=stdin,
                       text=True, check=True, stdout=subprocess.DEVNULL)

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


SERVERS = []  # running servers, stopped on exit whatever happens


def _raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Server:
    def __init__(self, template, settings=(), in_place=False):
        self.opts = template.opts
        self.in_place = in_place
        if in_place:
            self.data = template.data
        else:
            self.data = tempfile.mkdtemp(prefix="run-", dir=template.tmp)
            shutil.rmtree(self.data)
            shutil.copytree(template.data, self.data, symlinks=True)
        for key, value in settings:
            template.ctl("config", "set", key, str(value), data=self.data)
        self.proc = subprocess.Popen(
            [self.opts.fumibakod, "--data-dir", self.data, "--bind", "127.0.0.1"]
            + [a for n in ("smtp", "imap", "imaps") for a in ("--port", f"{n}=0")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, preexec_fn=_raise_nofile)
        SERVERS.append(self)
        self.ports = {}
        for line in self.proc.stdout:
            m = re.match(r"listening (\S+) \S+:(\d+)", line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
            if line.strip() == "ready":
                break
        else:
            raise RuntimeError("fumibakod exited before it was ready")
        if self.opts.verbose:
            print(f"#   fumibakod pid {self.proc.pid}, ports {self.ports}", flush=True)
        # Keep reading stdout so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.tls = ssl.create_default_context(cafile=os.path.join(self.data, "tls", "cert.pem"))
        self.tls.check_hostname = False
        self.tls.verify_mode = ssl.CERT_NONE

    def status(self):
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if v.strip().endswith("kB"):
                    out[k] = int(v.split()[0])
        return out

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self in SERVERS:
            SERVERS.remove(self)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.in_place:
            shutil.rmtree(self.data, ignore_errors=True)


class Meter:
    """Wall time, this process's CPU and the server's CPU over a stretch of work."""

    def __init__(self, srv):
        self.srv = srv
        self.t0 = time.perf_counter()
        r = resource.getrusage(resource.RUSAGE_SELF)
        self.c0 = r.ru_utime + r.ru_stime
        self.s0 = srv.cpu_seconds()

    def done(self):
        self.wall = time.perf_counter() - self.t0
        r = resource.getrusage(resource.RUSAGE_SELF)
        self.py = (r.ru_utime + r.ru_stime - self.c0) / self.wall
        self.server = (self.srv.cpu_seconds() - self.s0) / self.wall
        return self

    def text(self):
        return f"python {self.py * 100:.0f}% of a core, fumibakod {self.server * 100:.0f}%"


# ------------------------------------------------------------------------------ blocking client

class ImapError(Exception):
    pass


class Imap:
    """A blocking IMAP client that reads responses with little python per byte: literals are
    counted (or kept) in large recv_into calls, not split into lines."""

    def __init__(self, port, tls=None, source=None, timeout=120):
        s = socket.create_connection(("127.0.0.1", port), timeout,
                                     source_address=(source, 0) if source else None)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls:
            s = tls.wrap_socket(s, server_hostname="localhost")
        self.sock = s
        self.buf = bytearray()
        self.pos = 0
        self.scratch = None  # allocated for the first literal that is not already buffered
        self.serial = 0
        self.literal_bytes = 0
        self.greeting = self.readline()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        if self.pos and self.pos == len(self.buf):
            self.buf.clear()
            self.pos = 0
        elif self.pos > 65536:
            del self.buf[:self.pos]
            self.pos = 0
        data = self.sock.recv(262144)
        if not data:
            raise ConnectionError("server closed the connection")
        self.buf += data

    def readline(self):
        while True:
            i = self.buf.find(b"\r\n", self.pos)
            if i >= 0:
                line = bytes(self.buf[self.pos:i])
                self.pos = i + 2
                return line
            self._fill()

    def _literal(self, n, keep):
        have = len(self.buf) - self.pos
        if have >= n:
            data = bytes(self.buf[self.pos:self.pos + n]) if keep else None
            self.pos += n
            return data
        parts = [bytes(self.buf[self.pos:])] if keep else None
        self.buf.clear()
        self.pos = 0
        left = n - have
        if self.scratch is None:
            self.scratch = memoryview(bytearray(1 << 20))
        while left:
            got = self.sock.recv_into(self.scratch, min(left, len(self.scratch)))
            if not got:
                raise ConnectionError("server closed the connection in a literal")
            if keep:
                parts.append(bytes(self.scratch[:got]))
            left -= got
        return b"".join(parts) if keep else None

    def response_line(self, keep=False):
        """One response, literals included: (text with literals as {N}, [literal data])."""
        line = self.readline()
        lits = []
        while line.endswith(b"}"):
            j = line.rfind(b"{")
            n = int(line[j + 1:-1])
            self.literal_bytes += n
            lits.append(self._literal(n, keep))
            line += b" " + self.readline()
        return line, lits

    def send(self, cmd):
        self.serial += 1
        tag = b"t%d" % self.serial
        self.sock.sendall(tag + b" " + cmd + b"\r\n")
        return tag

    def wait(self, tag, keep=False, untagged=None):
        """Reads to the tagged reply; untagged lines go to the list `untagged` if given."""
        while True:
            line, lits = self.response_line(keep)
            if line.startswith(tag + b" "):
                if line[len(tag) + 1:len(tag) + 3] != b"OK":
                    raise ImapError(line.decode(errors="replace"))
                return line
            if untagged is not None and line.startswith(b"*"):
                untagged.append((line, lits))

    def cmd(self, cmd, keep=False, untagged=None):
        return self.wait(self.send(cmd), keep, untagged)

    def login(self, who):
        self.cmd(b"LOGIN " + who.encode() + b" " + PASSWORD.encode())

    def append(self, message, flags=b""):
        tag = self.send(b"APPEND INBOX " + (b"(" + flags + b") " if flags else b"")
                        + b"{%d+}" % len(message))
        self.sock.sendall(message + b"\r\n")
        line = self.wait(tag)
        m = re.search(rb"APPENDUID \d+ (\d+)", line)
        return int(m.group(1)) if m else None

    def logout(self):
        try:
            self.cmd(b"LOGOUT")
        except (ConnectionError, ImapError, OSError):
            pass
        self.close()


def fill(port, accounts, count, size_of, conns=4, window=32, seed=1):
    """APPENDs `count` messages to each account's INBOX, all accounts at once, over `conns`
    sessions per account with `window` APPENDs (LITERAL+) pipelined on each."""
    def worker(job):
        who, k = job
        rng = random.Random(seed * 100000 + k * 1000 + int(who[1:6]))
        c = Imap(port)
        c.login(who)
        mine = list(range(k, count, conns))
        for start in range(0, len(mine), window):
            tags = []
            for serial in mine[start:start + window]:
                msg = make_message(rng, serial, size_of(serial), to=who)
                tags.append(c.send(b"APPEND INBOX {%d+}" % len(msg)))
                c.sock.sendall(msg + b"\r\n")
            for tag in tags:
                c.wait(tag)
        c.logout()
    jobs = [(who, k) for who in accounts for k in range(conns)]
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        list(pool.map(worker, jobs))


# ------------------------------------------------------------------------------------- 1. idle

async def idle_run(srv, n_conns, per_account, deliveries, use_tls):
    """Opens n_conns IDLE sessions; returns figures."""
    port = srv.ports["imaps" if use_tls else "imap"]
    ctx = srv.tls if use_tls else None
    n_accounts = (n_conns + per_account - 1) // per_account
    arrivals = {}           # connection index -> list of EXISTS arrival times
    writers = []
    errors = []
    sem = asyncio.Semaphore(64)
    idle_tasks = []

    def source_of(acct):
        # 50 connections per source address (limits.connections_per_ip's default)
        per_ip = max(1, 50 // per_account)
        return f"127.0.0.{10 + acct // per_ip}"

    async def readtag(reader, tag):
        while True:
            line = await reader.readline()
            if not line:
                raise ConnectionError("closed")
            if line.startswith(tag):
                if b" OK" not in line[:len(tag) + 4]:
                    raise ImapError(line.decode(errors="replace").strip())
                return

    async def open_one(idx):
        acct = idx // per_account
        async with sem:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=ctx, server_hostname="localhost" if ctx else None,
                local_addr=(source_of(acct), 0), limit=1 << 16)
            await reader.readline()
            writer.write(b"a LOGIN " + user(acct).encode() + b" " + PASSWORD.encode() + b"\r\n"
                         b"b SELECT INBOX\r\n")
            await readtag(reader, b"a ")
            await readtag(reader, b"b ")
            writer.write(b"c IDLE\r\n")
            line = await reader.readline()
            if not line.startswith(b"+"):
                raise ImapError(line.decode(errors="replace").strip())
        writers.append(writer)
        arrivals[idx] = []
        idle_tasks.append(asyncio.ensure_future(watch(idx, reader)))

    async def watch(idx, reader):
        while True:
            line = await reader.readline()
            if not line:
                return
            if line.endswith(b" EXISTS\r\n"):
                arrivals[idx].append(time.perf_counter())

    async def opened(indices):
        results = await asyncio.gather(*(open_one(i) for i in indices), return_exceptions=True)
        errors.extend(r for r in results if isinstance(r, BaseException))

    base = srv.status()
    t0 = time.perf_counter()
    # First one session per account (each login costs one scrypt, cached after), then the rest.
    await opened([a * per_account for a in range(n_accounts)])
    t_first = time.perf_counter() - t0
    n_first = len(writers)
    mid = srv.status()
    await opened([i for i in range(n_conns) if i % per_account])
    t_open = time.perf_counter() - t0
    await asyncio.sleep(1.0)
    st = srv.status()
    fig = {
        "conns": len(writers), "errors": len(errors),
        "first_error": repr(errors[0]) if errors else "",
        "base_rss": base["VmRSS"], "rss": st["VmRSS"], "hwm": st["VmHWM"],
        "anon": st.get("RssAnon", 0), "base_anon": base.get("RssAnon", 0),
        "open_s": t_open, "first_s": t_first, "accounts": n_accounts,
    }
    fig["per_conn_kib"] = (st["VmRSS"] - base["VmRSS"]) / max(1, len(writers))
    fig["per_conn_anon_kib"] = (fig["anon"] - fig["base_anon"]) / max(1, len(writers))
    # The first session of each account paid for an scrypt (32 MiB of scratch memory per hash,
    # which the allocator may keep): the sessions opened after it show the session's own cost.
    fig["marginal_kib"] = (st["VmRSS"] - mid["VmRSS"]) / max(1, len(writers) - n_first)
    fig["mid_rss"] = mid["VmRSS"]

    # Deliveries on the MX port, one SMTP session, one account after another.
    delays_all, delays_first, delays_last, missing = [], [], [], 0
    if deliveries:
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.ports["smtp"])

        async def reply():
            while True:
                line = await reader.readline()
                if not line:
                    raise ConnectionError("SMTP closed")
                if line[3:4] != b"-":
                    return line

        await reply()
        writer.write(b"EHLO load.test\r\n")
        await reply()
        rng = random.Random(7)
        live = sorted({i // per_account for i in arrivals})
        for d in range(deliveries):
            acct = live[d % len(live)]
            conns = [i for i in range(acct * per_account, (acct + 1) * per_account) if i in arrivals]
            before = {i: len(arrivals[i]) for i in conns}
            msg = make_message(rng, d, 2048, to=user(acct))
            writer.write(b"MAIL FROM:<load@peer.test>\r\nRCPT TO:<" + user(acct).encode() + b">\r\nDATA\r\n")
            for _ in range(3):
                r = await reply()
                if r[:1] not in (b"2", b"3"):
                    raise RuntimeError(f"SMTP: {r!r}")
            writer.write(msg.replace(b"\r\n.", b"\r\n..") + b".\r\n")
            r = await reply()
            t250 = time.perf_counter()
            if not r.startswith(b"250"):
                raise RuntimeError(f"SMTP end of data: {r!r}")
            deadline = t250 + 10
            while time.perf_counter() < deadline and any(len(arrivals[i]) == before[i] for i in conns):
                await asyncio.sleep(0.0005)
            got = [arrivals[i][before[i]] - t250 for i in conns if len(arrivals[i]) > before[i]]
            missing += len(conns) - len(got)
            if got:
                delays_all += got
                delays_first.append(min(got))
                delays_last.append(max(got))
        writer.write(b"QUIT\r\n")
        writer.close()
    fig.update(delays_all=delays_all, delays_first=delays_first, delays_last=delays_last, missing=missing,
               hwm_after=srv.status()["VmHWM"])
    for w in writers:
        w.transport.abort()
    for t in idle_tasks:
        t.cancel()
    await asyncio.gather(*idle_tasks, return_exceptions=True)
    return fig


def bench_idle(opts, template):
    out = []
    for label, n, use_tls in (("plain", opts.idle_connections, False), ("TLS", opts.idle_tls_connections, True)):
        if not n:
            continue
        figs = []
        for run in range(opts.runs):
            srv = Server(template, [("limits.connections_total", max(10000, n + 1000))])
            try:
                la = loadavg()
                fig = asyncio.run(idle_run(srv, n, opts.per_account, opts.deliveries if not use_tls else 0, use_tls))
                fig["load"] = la
                figs.append(fig)
                print(f"#   idle {label} run {run + 1}: {fig['conns']} sessions ({fig['errors']} failed"
                      f"{': ' + fig['first_error'] if fig['errors'] else ''}) opened in {fig['open_s']:.1f} s, "
                      f"RSS {fig['base_rss'] / 1024:.1f} -> {fig['mid_rss'] / 1024:.1f} (first of each account) -> {fig['rss'] / 1024:.1f} MiB, "
                      f"HWM {fig['hwm'] / 1024:.1f} MiB, load {la}", flush=True)
            finally:
                srv.stop()
        f0 = figs[0]
        print(f"idle-{label:5s} {f0['conns']} IDLE sessions ({f0['accounts']} accounts x {opts.per_account}): "
              f"RSS per session median {med([f['per_conn_kib'] for f in figs]):.1f} KiB "
              f"(anon {med([f['per_conn_anon_kib'] for f in figs]):.1f} KiB), marginal (warm-cache sessions) "
              f"{med([f['marginal_kib'] for f in figs]):.1f} KiB; fumibakod VmRSS "
              f"{med([f['rss'] for f in figs]) / 1024:.1f} MiB (idle server {med([f['base_rss'] for f in figs]) / 1024:.1f}), "
              f"VmHWM {med([f['hwm'] for f in figs]) / 1024:.1f} MiB; opened in "
              f"{med([f['open_s'] for f in figs]):.1f} s ({med([f['first_s'] for f in figs]):.1f} s for the "
              f"first session of each account, one scrypt each)   runs: "
              + ", ".join(f"{f['per_conn_kib']:.1f}" for f in figs) + f"   load {figs[-1]['load']}", flush=True)
        if not use_tls and opts.deliveries:
            alld = [x for f in figs for x in f["delays_all"]]
            first = [x for f in figs for x in f["delays_first"]]
            last = [x for f in figs for x in f["delays_last"]]
            miss = sum(f["missing"] for f in figs)
            print(f"idle-exists {len(first)} deliveries, 250 to '* N EXISTS': every session p50 "
                  f"{pct(alld, 50) * 1e3:.2f} ms p99 {pct(alld, 99) * 1e3:.2f} ms; first of the account's "
                  f"{opts.per_account} p50 {pct(first, 50) * 1e3:.2f} ms p99 {pct(first, 99) * 1e3:.2f} ms; "
                  f"last p50 {pct(last, 50) * 1e3:.2f} ms p99 {pct(last, 99) * 1e3:.2f} ms; max "
                  f"{max(alld, default=float('nan')) * 1e3:.1f} ms; {miss} never arrived (10 s); "
                  f"VmHWM after {med([f['hwm_after'] for f in figs]) / 1024:.1f} MiB", flush=True)
        out.append(figs)
    return out


# ------------------------------------------------------------------------------------ 2. mixed

def mixed_client(port, who, uids, deadline, seed, samples, stop_error):
    rng = random.Random(seed)
    c = Imap(port)
    c.login(who)
    c.cmd(b"SELECT INBOX")
    cycle = ["FETCH", "STORE+", "FETCH", "SEARCH-SUBJECT", "APPEND", "FETCH", "STORE-", "EXPUNGE",
             "FETCH", "SEARCH-TEXT"]
    appended = []
    serial = seed * 1000000
    try:
        while time.perf_counter() < deadline and not stop_error:
            for kind in cycle:
                serial += 1
                if kind == "FETCH":
                    cmd = b"UID FETCH %d (FLAGS BODY.PEEK[])" % rng.choice(uids)
                elif kind == "STORE+":
                    cmd = b"UID STORE %d +FLAGS (\\Seen)" % rng.choice(uids)
                elif kind == "STORE-":
                    cmd = b"UID STORE %d -FLAGS (\\Seen)" % rng.choice(uids)
                elif kind == "SEARCH-SUBJECT":
                    cmd = b"UID SEARCH SUBJECT \"%s %s\"" % (rng.choice(WORDS).encode(), rng.choice(WORDS).encode())
                elif kind == "SEARCH-TEXT":
                    cmd = b"UID SEARCH TEXT \"%s %s\"" % (rng.choice(WORDS).encode(), rng.choice(WORDS).encode())
                elif kind == "EXPUNGE":
                    if not appended:
                        continue
                    cmd = b"UID EXPUNGE %d" % appended.pop(0)
                t = time.perf_counter()
                if kind == "APPEND":
                    uid = c.append(make_message(rng, serial, 4096, to=who), b"\\Deleted")
                    if uid:
                        appended.append(uid)
                else:
                    c.cmd(cmd)
                samples.append((kind.split("-")[0].rstrip("+"), time.perf_counter() - t))
    except Exception as e:  # noqa: BLE001 — reported, then the run stops
        stop_error.append(f"{who}: {e!r}")
    c.logout()


def bench_mixed(opts, template):
    n = opts.mixed_clients
    accounts = 1 if opts.mixed_shared else n
    srv = Server(template)
    runs = []
    try:
        t0 = time.perf_counter()
        # ~1,000 messages of 1-8 KiB per mailbox
        fill(srv.ports["imap"], [user(a) for a in range(accounts)], opts.mixed_messages,
             lambda s: 1024 + (s * 7919) % 7168, conns=4 if accounts < 4 else 2, seed=100)
        fill_s = time.perf_counter() - t0
        print(f"#   mixed: {accounts} mailbox(es) of {opts.mixed_messages} messages filled by APPEND in "
              f"{fill_s:.1f} s ({accounts * opts.mixed_messages / fill_s:.0f} msg/s, {4 if accounts < 4 else 2} sessions "
              f"per mailbox x 32 pipelined)",
              flush=True)
        uids = {}
        for a in range(accounts):
            c = Imap(srv.ports["imap"])
            c.login(user(a))
            c.cmd(b"SELECT INBOX")
            u = []
            c.cmd(b"UID SEARCH ALL", untagged=u)
            uids[a] = [int(x) for line, _ in u for x in line.split()[2:]]
            c.logout()
        if opts.imapload:
            return mixed_native(opts, srv, n, accounts)
        for run in range(opts.runs):
            samples, errors = [], []
            la = loadavg()
            meter = Meter(srv)
            deadline = time.perf_counter() + opts.mixed_seconds
            threads = [threading.Thread(target=mixed_client,
                                        args=(srv.ports["imap"], user(k % accounts), uids[k % accounts],
                                              deadline, run * 100 + k + 1, samples, errors))
                       for k in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            meter.done()
            if errors:
                print(f"#   mixed run {run + 1}: error {errors[0]}", flush=True)
            lat = [s[1] for s in samples]
            runs.append((len(samples) / meter.wall, samples, meter, la))
            print(f"#   mixed run {run + 1}: {len(samples) / meter.wall:.0f} cmds/s, p50 {pct(lat, 50) * 1e3:.2f} ms, "
                  f"p99 {pct(lat, 99) * 1e3:.2f} ms; {meter.text()}; load {la}", flush=True)
    finally:
        srv.stop()
    rates = [r[0] for r in runs]
    allsamples = [s for r in runs for s in r[1]]
    kinds = {}
    for kind, t in allsamples:
        kinds.setdefault(kind, []).append(t)
    lat = [t for _, t in allsamples]
    print(f"mixed       median {med(rates):.0f} cmds/s ({n} clients, "
          f"{'one shared mailbox' if opts.mixed_shared else 'one mailbox each'}, {opts.mixed_messages} messages, "
          f"{opts.mixed_seconds:.0f} s runs); latency p50 {pct(lat, 50) * 1e3:.2f} ms p99 {pct(lat, 99) * 1e3:.2f} ms; "
          f"{runs[-1][2].text()}   runs: " + ", ".join(f"{r:.0f}" for r in rates) + f"   load {runs[-1][3]}",
          flush=True)
    for kind in sorted(kinds):
        v = kinds[kind]
        print(f"mixed-{kind:7s} {len(v) / len(runs) / opts.mixed_seconds:7.0f}/s  p50 {pct(v, 50) * 1e3:7.2f} ms  "
              f"p99 {pct(v, 99) * 1e3:7.2f} ms  max {max(v) * 1e3:7.1f} ms", flush=True)


def mixed_native(opts, srv, n, accounts):
    """The same cycle driven by bench/imapload (C++): the client's CPU is measured as this
    process's children's, and latencies come from imapload's own percentiles."""
    runs = []
    for run in range(opts.runs):
        la = loadavg()
        meter = Meter(srv)
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([opts.imapload, "--port", str(srv.ports["imap"]), "--password", PASSWORD,
                              "--seconds", str(opts.mixed_seconds), "--seed", str(run * 100 + 1)]
                             + [user(k % accounts) for k in range(n)],
                             capture_output=True, text=True, timeout=opts.mixed_seconds + 120)
        meter.done()
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        client = (c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime) / meter.wall
        if out.returncode != 0:
            print(f"#   mixed run {run + 1}: imapload failed: {out.stderr.strip()[:300]}", flush=True)
        kinds, total, seconds = {}, 0, 1.0
        for line in out.stdout.splitlines():
            f = line.split()
            if f[0] == "total":
                total, seconds = int(f[1]), float(f[2])
            else:
                kinds[f[0]] = (int(f[1]), float(f[2]), float(f[3]))
        rate = total / seconds
        runs.append((rate, kinds, client, meter, la))
        p50, p99 = kinds.get("all", (0, float("nan"), float("nan")))[1:]
        print(f"#   mixed run {run + 1}: {rate:.0f} cmds/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms; imapload "
              f"{client * 100:.0f}% of a core, fumibakod {meter.server * 100:.0f}%; load {la}", flush=True)
    rates = [r[0] for r in runs]
    mid = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    print(f"mixed       median {med(rates):.0f} cmds/s ({n} clients in C++ (imapload), one mailbox each, "
          f"{opts.mixed_messages} messages, {opts.mixed_seconds:.0f} s runs); median run: latency p50 "
          f"{mid[1]['all'][1]:.2f} ms p99 {mid[1]['all'][2]:.2f} ms; imapload {mid[2] * 100:.0f}% of a core, "
          f"fumibakod {mid[3].server * 100:.0f}%   runs: " + ", ".join(f"{r:.0f}" for r in rates) + f"   load {runs[-1][4]}",
          flush=True)
    for kind in sorted(k for k in mid[1] if k != "all"):
        count, p50, p99 = mid[1][kind]
        print(f"mixed-{kind:7s} {count / opts.mixed_seconds:7.0f}/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  (median run)",
              flush=True)


# ------------------------------------------------------------------------------------ 3. login

def login_pass(port, tls, who_list, concurrency):
    """LOGIN + LOGOUT on fresh connections for every account in who_list; logins/s."""
    it = iter(who_list)
    lock = threading.Lock()
    errors = []

    def worker():
        while True:
            with lock:
                who = next(it, None)
            if who is None:
                return
            try:
                c = Imap(port, tls)
                c.login(who)
                c.logout()
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(who_list) / (time.perf_counter() - t0), errors


def bench_login(opts, template):
    n = opts.login_accounts
    results = {}
    for run in range(opts.runs):
        srv = Server(template)
        try:
            la = loadavg()
            for label, tls, first in (("plain", None, 0), ("TLS", srv.tls, n)):
                who = [user(first + i) for i in range(n)]
                port = srv.ports["imaps" if tls else "imap"]
                for cache in ("cold", "warm"):
                    meter = Meter(srv)
                    rate, errors = login_pass(port, tls, who, opts.login_concurrency)
                    meter.done()
                    results.setdefault((label, cache), []).append((rate, meter, la))
                    print(f"#   login {label} {cache} run {run + 1}: {rate:.0f}/s ({len(errors)} errors"
                          f"{': ' + errors[0] if errors else ''}); {meter.text()}; load {la}", flush=True)
        finally:
            srv.stop()
    for (label, cache), v in results.items():
        print(f"login-{label:5s} {cache} median {med([x[0] for x in v]):6.0f} logins/s ({n} accounts, "
              f"{opts.login_concurrency} at a time, LOGIN+LOGOUT on a fresh connection; {v[-1][1].text()})   runs: "
              + ", ".join(f"{x[0]:.0f}" for x in v) + f"   load {v[-1][2]}", flush=True)


# -------------------------------------------------------------------------------------- 4. big

def bench_big(opts, template):
    who = user(0)
    n = opts.big_messages
    srv = Server(template)
    try:
        t0 = time.perf_counter()
        fill(srv.ports["imap"], [who], n, lambda s: 100 * 1024 if s % 100 == 99 else 2048 + (s * 7919) % 3072,
             conns=8, seed=5)
        fill_s = time.perf_counter() - t0
        print(f"#   big: {n} messages APPENDed in {fill_s:.1f} s ({n / fill_s:.0f} msg/s, 8 sessions x 32 pipelined); "
              f"load {loadavg()}", flush=True)
        res = {}
        for run in range(opts.runs):
            for label, tls in (("plain", None), ("TLS", srv.tls)):
                c = Imap(srv.ports["imaps" if tls else "imap"], tls)
                c.login(who)
                la = loadavg()
                t = time.perf_counter()
                c.cmd(b"SELECT INBOX")
                select_s = time.perf_counter() - t
                t = time.perf_counter()
                lines = []
                c.cmd(b"FETCH 1:* (FLAGS UID RFC822.SIZE)", untagged=lines)
                meta_s = time.perf_counter() - t
                assert len(lines) >= n, f"{len(lines)} FETCH responses for {n} messages"
                c.literal_bytes = 0
                meter = Meter(srv)
                c.cmd(b"FETCH 1:* BODY.PEEK[]")
                meter.done()
                body_bytes = c.literal_bytes
                c.logout()
                res.setdefault(label, []).append((select_s, meta_s, body_bytes / meter.wall / 1e6, body_bytes, meter, la))
                print(f"#   big {label} run {run + 1}: SELECT {select_s * 1e3:.0f} ms, FETCH meta {meta_s * 1e3:.0f} ms, "
                      f"BODY[] {body_bytes / 1e6:.1f} MB in {meter.wall:.2f} s = {body_bytes / meter.wall / 1e6:.0f} MB/s; "
                      f"{meter.text()}; load {la}", flush=True)
        hwm = srv.status()["VmHWM"]
    finally:
        srv.stop()
    for label, v in res.items():
        print(f"big-{label:7s} {n} messages ({v[0][3] / 1e6:.0f} MB): SELECT median {med([x[0] for x in v]) * 1e3:.0f} ms, "
              f"FETCH 1:* (FLAGS UID RFC822.SIZE) {med([x[1] for x in v]) * 1e3:.0f} ms, "
              f"FETCH 1:* BODY.PEEK[] {med([x[2] for x in v]):.0f} MB/s ({v[-1][4].text()})   runs MB/s: "
              + ", ".join(f"{x[2]:.0f}" for x in v) + f"   load {v[-1][5]}", flush=True)
    print(f"big-rss     fumibakod VmHWM {hwm / 1024:.1f} MiB after the big-mailbox runs", flush=True)


# ------------------------------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fumibakod", required=True)
    ap.add_argument("--fumibakoctl", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a short smoke run: small counts, one run")
    ap.add_argument("--only", action="append", choices=["idle", "mixed", "login", "big"],
                    help="run only this part (repeatable)")
    ap.add_argument("--verbose", action="store_true", help="print each server's pid (for perf -p)")
    ap.add_argument("--tmpdir", help="where the data dirs go (default: the system temp dir)")
    ap.add_argument("--idle-connections", type=int, default=5000)
    ap.add_argument("--idle-tls-connections", type=int, default=1000)
    ap.add_argument("--per-account", type=int, default=10, help="IDLE sessions per account (limit: 10)")
    ap.add_argument("--deliveries", type=int, default=200)
    ap.add_argument("--mixed-clients", type=int, default=10)
    ap.add_argument("--mixed-messages", type=int, default=1000)
    ap.add_argument("--mixed-seconds", type=float, default=20)
    ap.add_argument("--mixed-shared", action="store_true", help="all mixed clients on one account's INBOX")
    ap.add_argument("--imapload", help="bench/imapload binary: drive the mixed load from C++ instead of python "
                                       "threads (whose CPU caps the figure on 2 cores)")
    ap.add_argument("--login-accounts", type=int, default=200, help="per pass (plaintext and TLS use different ones)")
    ap.add_argument("--login-concurrency", type=int, default=10)
    ap.add_argument("--big-messages", type=int, default=10000)
    opts = ap.parse_args()
    if opts.quick:
        opts.runs = 1
        opts.idle_connections = min(opts.idle_connections, 200)
        opts.idle_tls_connections = min(opts.idle_tls_connections, 50)
        opts.deliveries = min(opts.deliveries, 20)
        opts.mixed_messages = min(opts.mixed_messages, 200)
        opts.mixed_seconds = min(opts.mixed_seconds, 3)
        opts.login_accounts = min(opts.login_accounts, 20)
        opts.big_messages = min(opts.big_messages, 500)
    parts = opts.only or ["idle", "mixed", "login", "big"]
    _raise_nofile()

    accounts = 1
    if "idle" in parts:
        accounts = max(accounts, -(-max(opts.idle_connections, opts.idle_tls_connections) // opts.per_account))
    if "mixed" in parts:
        accounts = max(accounts, opts.mixed_clients)
    if "login" in parts:
        accounts = max(accounts, 2 * opts.login_accounts)

    def interrupted(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupted)
    print(f"# imapbench: load {loadavg()}, {os.cpu_count()} cores, fumibakod {opts.fumibakod}", flush=True)
    template = None
    try:
        template = Template(opts, accounts)
        for part in parts:
            {"idle": bench_idle, "mixed": bench_mixed, "login": bench_login, "big": bench_big}[part](opts, template)
    except KeyboardInterrupt:
        print("# interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        for srv in list(SERVERS):
            srv.stop()
        if template:
            template.cleanup()


if __name__ == "__main__":
    main()
