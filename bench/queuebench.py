#!/usr/bin/env python3
"""Fumibako outbound-queue benchmark (issue 4), side by side with Postfix. Prints figures; never
fails on time.

Outbound messages per second to Postfix's smtp-sink over 8 connections, 10 KB messages, the
queue on disk (both servers fsync a message before their 250), and the same run through a
private Postfix instance on this machine with the same sink and the same client code:

  inject  N messages (default 2,000 x 10 KB, one recipient each) sent as fast as possible by
          --clients parallel smtplib sessions, one session per client carrying many messages:
          messages/s accepted (250 to end-of-DATA), timed from when every session is open and
          authenticated. Fumibako: submission with AUTH PLAIN
          (auth.allow_plaintext_loopback, no TLS); Postfix: its smtpd, relay allowed from
          127.0.0.0/8 (smtpd has no SASL here), so Fumibako does the extra AUTH.
  e2e     the same run, end to end: N / (last message received by the sink - first message
          accepted by the server). The sink is up throughout, so this is the rate with injection
          and delivery overlapping.
  drain   N messages queued while the destination cannot take them (a listener that accepts
          TCP but never greets, so nothing is deferred or bounced), then the server stopped, the
          sink started on that port and the server started again: the queue is read at start.
          N / (last message received - server start), and N / (last - first received).

Fumibako: a fresh data dir per run (one account, sender@bench.test), queue.transports sends
example.net (e2e) and example.org (drain) to [127.0.0.1]:PORT, queue.max_per_destination = 8,
queue.max_connections = 20. Postfix: a private instance (its own config_directory, queue and
data directories under a temp dir, loopback only, no chroot, mail_owner postfix) started with
`postfix -c DIR start` and stopped with `postfix -c DIR stop`; transport_maps (inline:) route the
same domains to the same sink ports, smtp_destination_concurrency_limit = 8, everything else
Postfix's defaults (e.g. in_flow_delay, the connection cache). The system's Postfix
(/etc/postfix) is neither read nor started.

smtp-sink(1) runs with -c (its counters are read from its stdout to time each arrival), no
dumping, no delays, a backlog of 1024, one process multiplexing every connection; its CPU
share is printed so one can see it is not the bottleneck. Everything shares the machine's cores
(python's client CPU and the load average are printed). Medians over --runs runs.

  python3 bench/queuebench.py --fumibakod BUILD/app/fumibakod/fumibakod \\
                              --fumibakoctl BUILD/app/fumibakoctl/fumibakoctl [--quick] [--runs N]
"""
import argparse
import os
import pwd
import re
import resource
import shutil
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "bench-password-1"
DOMAIN = "bench.test"
SENDER = f"sender@{DOMAIN}"
E2E_DOMAIN = "example.net"    # delivered while the sink is up
DRAIN_DOMAIN = "example.org"  # queued while its port never greets, then drained
SMTP_SINK = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
READY_TIMEOUT = 30

VERBOSE = False
CLEANUP = []  # callables run on exit, last first


def log(text):
    print(text, flush=True)


def vlog(text):
    if VERBOSE:
        log(text)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def med(values):
    return statistics.median(values) if values else float("nan")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def self_cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def stop_process(proc, timeout=30):
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def make_messages(n, size, domain):
    """n distinct messages of `size` bytes (CRLF lines) to rcpt@domain."""
    words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
             "november oscar papa quebec romeo sierra tango").split()
    line = " ".join(words)[:76] + "\r\n"
    out = []
    for i in range(n):
        head = (f"From: Sender <{SENDER}>\r\nTo: <rcpt@{domain}>\r\nSubject: queue bench {i}\r\n"
                f"Date: Mon, 01 Jan 2024 09:00:00 +0900\r\nMessage-ID: <qbench.{i}.{os.getpid()}@{DOMAIN}>\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
        body_len = max(0, size - len(head))
        body = (line * (body_len // len(line) + 1))[:body_len - 2] + "\r\n"
        out.append((head + body).encode())
    return out


# ----------------------------------------------------------------------------- peers

class Sink:
    """smtp-sink on 127.0.0.1:port; counts arrivals from its -c counters (mesg=N), timestamped."""

    def __init__(self, port):
        self.port = port
        self.count = 0
        self.sessions = 0          # SMTP sessions ended (sess=N)
        self.first = None          # time the first message arrived
        self.times = {}            # count -> time it was first seen
        self.cond = threading.Condition()
        user = ["-u", "nobody"] if os.geteuid() == 0 else []
        self.proc = subprocess.Popen([SMTP_SINK, "-c", *user, "-h", "sink.test", f"127.0.0.1:{port}", "1024"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        CLEANUP.append(self.stop)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"smtp-sink on port {port} exited with {self.proc.returncode}: "
                                   f"{self.proc.stderr.read().decode(errors='replace').strip()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"smtp-sink did not listen on {port}")
                time.sleep(0.02)
        vlog(f"#   smtp-sink pid {self.proc.pid} on 127.0.0.1:{port}")

    def _read(self):
        buf = b""
        pat = re.compile(rb"mesg=(\d+)")
        sess = re.compile(rb"sess=(\d+)")
        while True:
            chunk = self.proc.stdout.read1(65536)
            if not chunk:
                return
            now = time.perf_counter()
            buf += chunk
            parts = re.split(rb"[\r\n]", buf)
            buf = parts.pop()
            for p in parts:
                m = sess.search(p)
                if m:
                    self.sessions = max(self.sessions, int(m.group(1)))
                m = pat.search(p)
                if m:
                    n = int(m.group(1))
                    with self.cond:
                        if n > self.count:
                            if self.first is None:
                                self.first = now
                            for k in range(self.count + 1, n + 1):
                                self.times[k] = now
                            self.count = n
                            self.cond.notify_all()

    def wait_for(self, n, timeout):
        """The time the n-th message arrived, or None after `timeout` seconds without progress."""
        with self.cond:
            last_count, last_change = self.count, time.monotonic()
            while self.count < n:
                self.cond.wait(1.0)
                if self.count != last_count:
                    last_count, last_change = self.count, time.monotonic()
                elif time.monotonic() - last_change > timeout:
                    return None
            return self.times[n]

    def cpu(self):
        return cpu_seconds(self.proc.pid)

    def stop(self):
        stop_process(self.proc, 5)


class Blackhole:
    """Accepts TCP connections (the kernel's backlog) and never answers: a destination that
    holds the sender's connections without deferring anything."""

    def __init__(self, port):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(4096)
        CLEANUP.append(self.close)

    def close(self):
        self.sock.close()


# ---------------------------------------------------------------------------- client

def inject(port, messages, domain, clients, auth):
    """Sends every message over `clients` parallel sessions, opened (and authenticated) before
    the clock starts; returns (t_start, t_first_accept, t_last_accept, messages accepted,
    errors, python CPU seconds)."""
    lock = threading.Lock()
    it = iter(range(len(messages)))
    accepted = []
    errors = []

    ready = threading.Barrier(clients + 1)

    def worker():
        # Connect (and AUTH: one scrypt each) before the clock starts.
        try:
            s = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=120)
            if auth:
                s.login(*auth)
        except Exception as e:  # noqa: BLE001 — reported
            errors.append(f"connect: {e!r}")
            ready.wait()
            return
        ready.wait()
        while True:
            with lock:
                i = next(it, None)
            if i is None:
                break
            try:
                s.sendmail(SENDER, [f"rcpt{i}@{domain}"], messages[i])
                accepted.append(time.perf_counter())
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))
                if len(errors) > 20:
                    break
        try:
            s.quit()
        except Exception:  # noqa: BLE001
            pass

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    ready.wait()
    c0 = self_cpu()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    cpu = self_cpu() - c0
    return t0, min(accepted, default=t0), max(accepted, default=t0), len(accepted), errors, cpu


# --------------------------------------------------------------------------- servers

class Fumibako:
    name = "fumibako"

    def __init__(self, opts, e2e_port, drain_port):
        self.opts = opts
        self.tmp = tempfile.mkdtemp(prefix="fumibako-qbench-", dir=opts.tmpdir)
        CLEANUP.append(lambda: shutil.rmtree(self.tmp, ignore_errors=True))
        self.data = os.path.join(self.tmp, "data")
        self.proc = None
        self.ctl("init", "--domain", DOMAIN)
        for key, value in (("auth.allow_plaintext_loopback", "true"),
                           ("auth.failure_delay_ms", "0"),
                           ("limits.connections_per_ip", "1000"),
                           ("queue.transports", f"{E2E_DOMAIN}=[127.0.0.1]:{e2e_port}, "
                                                f"{DRAIN_DOMAIN}=[127.0.0.1]:{drain_port}"),
                           ("queue.max_per_destination", "8"),
                           ("queue.max_connections", "20"),
                           ("queue.retry_min", "10")):
            self.ctl("config", "set", key, value)
        self.ctl("account", "add", SENDER, "--password-stdin", stdin=PASSWORD + "\n")
        self.auth = (SENDER, PASSWORD)

    def ctl(self, *args, stdin=None):
        return subprocess.run([self.opts.fumibakoctl, "--data-dir", self.data, *args], input=stdin, text=True,
                              check=True, stdout=subprocess.PIPE).stdout

    def start(self):
        self.proc = subprocess.Popen([self.opts.fumibakod, "--data-dir", self.data, "--bind", "127.0.0.1",
                                      "--port", "submission=0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        CLEANUP.append(lambda: stop_process(self.proc))
        self.ports = {}
        for line in self.proc.stdout:
            m = re.match(r"listening (\S+) \S+:(\d+)", line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
            if line.strip() == "ready":
                break
        else:
            raise RuntimeError("fumibakod exited before it was ready")
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.port = self.ports["submission"]
        vlog(f"#   fumibakod pid {self.proc.pid}, submission port {self.port}")

    def stop(self):
        stop_process(self.proc)

    def cpu(self):
        return cpu_seconds(self.proc.pid) if self.proc and self.proc.poll() is None else 0.0

    def outcomes(self):
        text = self.ctl("log", "--kind", "smtp-send", "--limit", "1000000")
        return {k: len(re.findall(rf"status={k}\b", text)) for k in ("delivered", "deferred", "bounced")}

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


MASTER_CF = """\
# service type  private unpriv  chroot  wakeup  maxproc command
{listen}  inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""

MAIN_CF = """\
compatibility_level = 3.6
config_directory = {etc}
queue_directory = {spool}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = {tmp}
maillog_file = {tmp}/maillog
myhostname = postfix-qbench.test
mydomain = postfix-qbench.test
myorigin = $myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
relay_domains =
relayhost =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
transport_maps = inline:{{ {e2e}=smtp:[127.0.0.1]:{e2e_port}, {drain}=smtp:[127.0.0.1]:{drain_port} }}
default_destination_concurrency_limit = 8
smtp_destination_concurrency_limit = 8
smtp_tls_security_level = none
smtpd_tls_security_level = none
biff = no
"""


class Postfix:
    """A private Postfix instance under a temp dir; never the system's."""
    name = "postfix"

    def __init__(self, opts, e2e_port, drain_port):
        self.opts = opts
        self.tmp = tempfile.mkdtemp(prefix="fumibako-qbench-postfix-", dir=opts.tmpdir)
        CLEANUP.append(self.cleanup)
        os.chmod(self.tmp, 0o755)  # the postfix user walks to its queue and log
        self.etc = os.path.join(self.tmp, "etc")
        os.mkdir(self.etc, 0o755)
        os.mkdir(os.path.join(self.tmp, "spool"), 0o755)  # postfix start creates what is inside
        self.port = free_port()
        self.running = False
        self.auth = None
        with open(os.path.join(self.etc, "main.cf"), "w") as f:
            f.write(MAIN_CF.format(etc=self.etc, spool=os.path.join(self.tmp, "spool"),
                                   data=os.path.join(self.tmp, "data"), tmp=self.tmp, e2e=E2E_DOMAIN,
                                   e2e_port=e2e_port, drain=DRAIN_DOMAIN, drain_port=drain_port))
        with open(os.path.join(self.etc, "master.cf"), "w") as f:
            f.write(MASTER_CF.format(listen=f"127.0.0.1:{self.port}"))

    def postfix(self, *args, check=True):
        r = subprocess.run([POSTFIX, "-c", self.etc, *args], capture_output=True, text=True,
                           env={**os.environ, "MAIL_CONFIG": self.etc})
        if check and r.returncode != 0:
            why = [line for line in self.maillog().splitlines() if "fatal:" in line or "error:" in line]
            raise RuntimeError(f"postfix -c {self.etc} {' '.join(args)} failed ({r.returncode}): "
                               f"{(r.stderr + r.stdout).strip()} {why[-1] if why else ''}")
        return r

    def start(self):
        self.postfix("start")
        self.running = True
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
                    if s.recv(512).startswith(b"220"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"postfix's smtpd did not answer on 127.0.0.1:{self.port}")
            time.sleep(0.05)
        vlog(f"#   postfix master pid {self.master_pid()}, smtpd port {self.port}, config {self.etc}")

    def master_pid(self):
        try:
            with open(os.path.join(self.tmp, "spool", "pid", "master.pid")) as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self):
        if self.running:
            self.postfix("stop", check=False)
            self.running = False

    def cpu(self):
        """CPU of the master and every live process it started (reaped children included in
        the master's cutime/cstime)."""
        pid = self.master_pid()
        if not pid:
            return 0.0
        total = 0.0
        tck = os.sysconf("SC_CLK_TCK")
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15]) / tck
        except OSError:
            return 0.0
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    if int(fields[1]) == pid:
                        total += (int(fields[11]) + int(fields[12])) / tck
                except (OSError, ValueError):
                    pass
        return total

    def maillog(self):
        try:
            with open(os.path.join(self.tmp, "maillog"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def outcomes(self):
        text = self.maillog()
        return {k: len(re.findall(rf"status={k}\b", text)) for k in ("sent", "deferred", "bounced")}

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def settled(self, expected, timeout=5.0):
    """The server's log counts once `expected` deliveries are logged (the sink counts a message
    at its final dot, before the server has its reply and logs it), or after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        o = self.outcomes()
        if o.get("delivered", o.get("sent", 0)) >= expected or time.monotonic() > deadline:
            return o
        time.sleep(0.1)


Fumibako.settled = settled
Postfix.settled = settled


# ------------------------------------------------------------------------------ runs

def one_run(kind, opts, e2e_msgs, drain_msgs):
    """One run on a fresh server: e2e with the sink up, then the drain. Returns figures."""
    e2e_port, drain_port = free_port(), free_port()
    srv = (Fumibako if kind == "fumibako" else Postfix)(opts, e2e_port, drain_port)
    fig = {"load": loadavg()}
    try:
        srv.start()
        # -- e2e: the sink is up, injection and delivery overlap
        sink = Sink(e2e_port)
        s0, k0 = srv.cpu(), sink.cpu()
        t0, first, last, n, errors, pycpu = inject(srv.port, e2e_msgs, E2E_DOMAIN, opts.clients, srv.auth)
        if errors:
            log(f"#   {kind}: {len(errors)} injection errors, first: {errors[0]}")
        done = sink.wait_for(n, opts.timeout)
        if done is None:
            log(f"#   {kind}: the sink got {sink.count} of {n} messages (no progress for {opts.timeout:.0f} s)")
            done = time.perf_counter()
        wall = done - t0
        fig.update(inject=n / (last - t0), e2e=sink.count / (done - first), e2e_s=done - first,
                   after_inject_s=done - last, srv_cpu=(srv.cpu() - s0) / wall, sink_cpu=(sink.cpu() - k0) / wall,
                   py_cpu=pycpu / wall, received=sink.count, accepted=n)
        fig["outcomes_e2e"] = srv.settled(sink.count)
        sink.stop()
        fig["sessions_e2e"] = sink.sessions

        # -- drain: queue everything while the destination never greets, restart with the sink up
        hole = Blackhole(drain_port)
        t0, first, last, n2, errors, _ = inject(srv.port, drain_msgs, DRAIN_DOMAIN, opts.clients, srv.auth)
        if errors:
            log(f"#   {kind}: {len(errors)} injection errors (drain), first: {errors[0]}")
        fig["inject_queued"] = n2 / (last - t0)
        srv.stop()
        hole.close()
        sink = Sink(drain_port)
        k0 = sink.cpu()
        t_start = time.perf_counter()
        srv.start()
        t_ready = time.perf_counter()
        s0 = srv.cpu()
        done = sink.wait_for(n2, opts.timeout)
        if done is None:
            log(f"#   {kind}: drain: the sink got {sink.count} of {n2} messages (no progress for {opts.timeout:.0f} s)")
            done = time.perf_counter()
        fig.update(drain=sink.count / (done - t_ready), drain_cold=sink.count / (done - t_start), drain_first=sink.count / (done - sink.first) if sink.first else 0,
                   drain_s=done - t_start, start_s=t_ready - t_start,
                   first_s=(sink.first - t_ready) if sink.first else float("nan"),
                   drain_srv_cpu=(srv.cpu() - s0) / (done - t_ready), drain_sink_cpu=(sink.cpu() - k0) / (done - t_start),
                   drained=sink.count, queued=n2)
        fig["outcomes"] = srv.settled(sink.count + fig["received"])
        sink.stop()
        fig["sessions_drain"] = sink.sessions
    finally:
        srv.cleanup()
    return fig


def print_run(kind, i, f):
    log(f"#   {kind:8s} run {i + 1}: inject {f['inject']:.0f}/s, e2e {f['e2e']:.0f}/s "
        f"({f['received']}/{f['accepted']} in {f['e2e_s']:.2f} s, last {f['after_inject_s']:.2f} s after the last 250; "
        f"server {f['srv_cpu'] * 100:.0f}% of a core, sink {f['sink_cpu'] * 100:.0f}%, python {f['py_cpu'] * 100:.0f}%); "
        f"inject with the queue held {f['inject_queued']:.0f}/s; drain {f['drain']:.0f}/s from ready "
        f"({f['drained']}/{f['queued']} in {f['drain_s']:.2f} s after the start command: ready after {f['start_s']:.2f} s, "
        f"first arrival {f['first_s']:.2f} s after ready; {f['drain_cold']:.0f}/s counting the start), "
        f"{f['drain_first']:.0f}/s first to last arrival (server "
        f"{f['drain_srv_cpu'] * 100:.0f}%, sink {f['drain_sink_cpu'] * 100:.0f}%); sink sessions ended (e2e, drain) {f['sessions_e2e']}, "
        f"{f['sessions_drain']}; log after e2e {f['outcomes_e2e']}, "
        f"at the end {f['outcomes']}; load {f['load']}")


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fumibakod", required=True)
    ap.add_argument("--fumibakoctl", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--size", type=int, default=10 * 1024, help="bytes per message")
    ap.add_argument("--clients", type=int, default=8, help="parallel injecting SMTP sessions")
    ap.add_argument("--timeout", type=float, default=60, help="seconds without an arrival before giving up")
    ap.add_argument("--only", choices=["fumibako", "postfix"])
    ap.add_argument("--quick", action="store_true", help="a short smoke run: 200 messages, one run")
    ap.add_argument("--verbose", action="store_true", help="print the servers' and sinks' PIDs (for perf -p)")
    ap.add_argument("--tmpdir", help="where the data dirs and Postfix's queue go (default: the system temp dir)")
    opts = ap.parse_args()
    VERBOSE = opts.verbose
    if opts.quick:
        opts.runs = 1
        opts.messages = min(opts.messages, 200)

    def interrupted(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupted)
    log(f"# queuebench: load {loadavg()}, {os.cpu_count()} cores, {opts.messages} x {opts.size} B messages, "
        f"{opts.clients} injecting sessions, 8 outbound connections, {opts.runs} runs; fumibakod {opts.fumibakod}")
    e2e_msgs = make_messages(opts.messages, opts.size, E2E_DOMAIN)
    drain_msgs = make_messages(opts.messages, opts.size, DRAIN_DOMAIN)
    kinds = [opts.only] if opts.only else ["fumibako", "postfix"]
    results = {}
    why_not = {}
    try:
        for i in range(opts.runs):
            for kind in kinds:
                if kind in why_not:
                    continue
                try:
                    f = one_run(kind, opts, e2e_msgs, drain_msgs)
                except RuntimeError as e:
                    if kind != "postfix":
                        raise
                    why_not[kind] = str(e)
                    log(f"# postfix: the private instance could not run: {e}")
                    continue
                results.setdefault(kind, []).append(f)
                print_run(kind, i, f)
    except KeyboardInterrupt:
        print("# interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        for fn in reversed(CLEANUP):
            try:
                fn()
            except Exception:  # noqa: BLE001 — cleanup goes on
                pass

    log("")
    log(f"{'msgs/s (median of runs)':32s} {'fumibako':>10s} {'postfix':>10s}")
    rows = (("inject (sink up)", "inject"), ("end to end (sink up)", "e2e"),
            ("inject (destination held)", "inject_queued"), ("drain from server ready", "drain"),
            ("drain from the start command", "drain_cold"),
            ("drain first-to-last arrival", "drain_first"))
    for label, key in rows:
        cells = []
        for kind in ("fumibako", "postfix"):
            v = results.get(kind)
            cells.append(f"{med([f[key] for f in v]):10.0f}" if v else f"{'-':>10s}")
        runs = "   runs: " + "; ".join(f"{k} " + ", ".join(f"{f[key]:.0f}" for f in v) for k, v in results.items())
        log(f"{label:32s} {cells[0]} {cells[1]}{runs}")
    for kind, v in results.items():
        log(f"{kind:8s} CPU during e2e: server {med([f['srv_cpu'] for f in v]) * 100:.0f}% of a core, smtp-sink "
            f"{med([f['sink_cpu'] for f in v]) * 100:.0f}%, python client {med([f['py_cpu'] for f in v]) * 100:.0f}%; "
            f"during drain: server {med([f['drain_srv_cpu'] for f in v]) * 100:.0f}%, smtp-sink "
            f"{med([f['drain_sink_cpu'] for f in v]) * 100:.0f}%; loads: " + ", ".join(f["load"] for f in v))
    for kind, why in why_not.items():
        log(f"{kind}: no figure: {why}")
    log(f"# load at the end {loadavg()}")


if __name__ == "__main__":
    main()
