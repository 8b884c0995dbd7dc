#!/usr/bin/env python3
"""Fumibako benchmarks (issue: foundation, section 9). Prints figures; never fails on time.

  mx          messages/s accepted on the MX port and visible in the mailbox:
              N clients, each its own SMTP connection, 4 KiB messages, fsync on
  submission  messages/s through submission with STARTTLS + AUTH, a new session per message
  pop3        POP3 RETR throughput (MB/s) over 1,000 x 100 KB messages
  rss         peak RSS of fumibakod over the whole run (VmHWM)

Each figure is the median of --runs runs, each on a fresh data dir. The SMTP load comes from
bench/smtpload (C++, Qt), so the client's TLS work does not hide the server's speed; POP3 is read
with python3's poplib. Clients and server share the machine's cores.
"""
import argparse
import os
import re
import shutil
import signal
import ssl
import statistics
import subprocess
import tempfile
import time
import poplib

PASSWORD = "bench-password-1"
DOMAIN = "bench.test"


class Server:
    def __init__(self, fumibakod, fumibakoctl, settings=None):
        """settings: more `config set` pairs (scanbench turns the scanners on with them)."""
        self.fumibakod, self.ctl = fumibakod, fumibakoctl
        self.tmp = tempfile.mkdtemp(prefix="fumibako-bench-")
        self.data = os.path.join(self.tmp, "data")
        self.run_ctl("init", "--domain", DOMAIN)
        self.run_ctl("config", "set", "auth.failure_delay_ms", "0")
        self.run_ctl("config", "set", "limits.connections_per_ip", "1000")
        for key, value in (settings or {}).items():
            self.run_ctl("config", "set", key, value)
        for user in ("sink", "sender"):
            self.run_ctl("account", "add", f"{user}@{DOMAIN}", "--password-stdin", stdin=PASSWORD + "\n")
        self.proc = subprocess.Popen(
            [fumibakod, "--data-dir", self.data, "--bind", "127.0.0.1"]
            + [a for n in ("smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps") for a in ("--port", f"{n}=0")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.ports = {}
        for line in self.proc.stdout:
            m = re.match(r"listening (\S+) \S+:(\d+)", line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
            if line.strip() == "ready":
                break
        self.tls = ssl.create_default_context(cafile=os.path.join(self.data, "tls", "cert.pem"))
        self.tls.check_hostname = False

    def run_ctl(self, *args, stdin=None):
        subprocess.run([self.ctl, "--data-dir", self.data, *args], input=stdin, text=True,
                       check=True, stdout=subprocess.DEVNULL)

    def peak_rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def count(self, user):
        p = poplib.POP3_SSL("127.0.0.1", self.ports["pop3s"], context=self.tls)
        p.user(f"{user}@{DOMAIN}")
        p.pass_(PASSWORD)
        n = p.stat()[0]
        p.quit()
        return n


def smtpload(opts, port, messages, size, submission=False):
    cmd = [opts.smtpload, "--port", str(port), "--clients", str(opts.clients), "--messages", str(messages),
           "--size", str(size), "--rcpt", f"sink@{DOMAIN}"]
    if submission:
        cmd += ["--submission", "--user", f"sender@{DOMAIN}", "--password", PASSWORD]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1])


def bench_smtp(opts, listener, messages, submission):
    srv = Server(opts.fumibakod, opts.fumibakoctl)
    try:
        sent, elapsed = smtpload(opts, srv.ports[listener], messages, 4096, submission=submission)
        n = srv.count("sink")
        assert n == sent == messages, f"{n} messages in the mailbox, {sent} accepted, expected {messages}"
        return n / elapsed, srv.peak_rss_kib()
    finally:
        srv.stop()


def bench_mx(opts):
    return bench_smtp(opts, "smtp", opts.messages, submission=False)


def bench_submission(opts):
    return bench_smtp(opts, "submission", opts.submissions, submission=True)


def bench_pop3(opts):
    srv = Server(opts.fumibakod, opts.fumibakoctl)
    try:
        smtpload(opts, srv.ports["smtp"], opts.pop3_messages, 100 * 1024)
        p = poplib.POP3_SSL("127.0.0.1", srv.ports["pop3s"], context=srv.tls) if opts.pop3_tls else \
            poplib.POP3("127.0.0.1", srv.ports["pop3"])
        if not opts.pop3_tls:
            p.stls(context=srv.tls)
        p.user(f"sink@{DOMAIN}")
        p.pass_(PASSWORD)
        count = p.stat()[0]
        t0 = time.perf_counter()
        total = 0
        for i in range(1, count + 1):
            _, lines, octets = p.retr(i)
            total += octets
        elapsed = time.perf_counter() - t0
        p.quit()
        return total / elapsed / 1e6, srv.peak_rss_kib()
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fumibakod", required=True)
    ap.add_argument("--fumibakoctl", required=True)
    ap.add_argument("--smtpload", required=True, help="bench/smtpload from the build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--submissions", type=int, default=1000)
    ap.add_argument("--pop3-messages", type=int, default=1000)
    ap.add_argument("--pop3-tls", action="store_true", help="RETR over pop3s instead of pop3+STLS")
    ap.add_argument("--only", choices=["mx", "submission", "pop3"])
    opts = ap.parse_args()

    benches = [("mx", bench_mx, "messages/s (MX, %d clients, 4 KiB, fsync on)" % opts.clients),
               ("submission", bench_submission, "messages/s (submission, STARTTLS+AUTH, new session each)"),
               ("pop3", bench_pop3, "MB/s (POP3 RETR, 100 KB messages, over TLS)")]
    peak = 0
    for name, fn, label in benches:
        if opts.only and opts.only != name:
            continue
        figures = []
        for _ in range(opts.runs):
            value, rss = fn(opts)
            figures.append(value)
            peak = max(peak, rss)
        print(f"{name:11s} median {statistics.median(figures):9.1f} {label}   runs: "
              + ", ".join(f"{v:.1f}" for v in figures), flush=True)
    print(f"peak RSS    {peak / 1024:.1f} MiB (fumibakod VmHWM, largest over all runs)")


if __name__ == "__main__":
    main()
