#!/usr/bin/env python3
"""What forwarding costs at MX time (issue 14). Prints figures; never fails on time.

  plain    MX messages/s accepted and in the mailbox (as mailbench's mx): N clients, each its own
           SMTP connection, 4 KiB messages, fsync on
  forward  the same messages to an account that forwards each to one external address (through
           the outbound queue to Postfix's smtp-sink on loopback, reached by a queue.transports
           rule) and one local address, keeping a copy: messages/s from the first connection until
           every copy is in both mailboxes and the queue is empty (end to end)

Each figure is the median of --runs runs, each on a fresh data dir, plain and forward interleaved
so that the machine's swings hit both alike. forward.local_per_minute is raised out of the way: the
figure is the server's, not the rate limit's. Clients, server and sink share the machine's cores.
Run: python3 bench/forwardbench.py --fumibakod B/app/fumibakod/fumibakod
        --fumibakoctl B/app/fumibakoctl/fumibakoctl --smtpload B/bench/smtpload
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
sys.path.insert(0, HERE)

from mailbench import DOMAIN, PASSWORD, Server  # noqa: E402
from peers import SmtpSink  # noqa: E402


def queue_empty(srv):
    out = subprocess.run([srv.ctl, "--data-dir", srv.data, "queue", "list"], check=True,
                         capture_output=True, text=True).stdout
    return out.strip() == ""


def run(opts, forward):
    sink = SmtpSink(dump=False).start() if forward else None
    settings = {}
    if forward:
        settings = {"queue.transports": f"ext.test=[{sink.host}]:{sink.port}",
                    "forward.local_per_minute": "6000"}
    srv = Server(opts.fumibakod, opts.fumibakoctl, settings)
    try:
        if forward:
            srv.run_ctl("account", "add", f"copy@{DOMAIN}", "--password-stdin",
                        stdin=PASSWORD + "\n")
            srv.run_ctl("forward", "set", f"sink@{DOMAIN}", "--to",
                        f"someone@ext.test,copy@{DOMAIN}", "--keep-copy")
        cmd = [opts.smtpload, "--port", str(srv.ports["smtp"]), "--clients", str(opts.clients),
               "--messages", str(opts.messages), "--size", "4096", "--rcpt", f"sink@{DOMAIN}"]
        t0 = time.perf_counter()
        sent = int(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()[0])
        assert sent == opts.messages, f"{sent} accepted, expected {opts.messages}"
        if forward:
            deadline = time.monotonic() + 600
            while not (srv.count("copy") == sent and queue_empty(srv)):
                if time.monotonic() > deadline:
                    raise RuntimeError("forwarded copies did not all arrive")
                time.sleep(0.05)
        elapsed = time.perf_counter() - t0
        n = srv.count("sink")
        assert n == sent, f"{n} messages in the mailbox, {sent} accepted"
        return sent / elapsed
    finally:
        srv.stop()
        if sink:
            sink.cleanup()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fumibakod", required=True)
    ap.add_argument("--fumibakoctl", required=True)
    ap.add_argument("--smtpload", required=True, help="bench/smtpload from the build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--messages", type=int, default=1000)
    opts = ap.parse_args()
    figures = {"plain": [], "forward": []}
    for _ in range(opts.runs):
        for name in figures:
            figures[name].append(run(opts, name == "forward"))
    for name, values in figures.items():
        print(f"{name:8s} median {statistics.median(values):8.1f} messages/s   runs: "
              + ", ".join(f"{v:.1f}" for v in values), flush=True)
    plain, forward = (statistics.median(figures[n]) for n in ("plain", "forward"))
    print(f"forward/plain {forward / plain:.2f}")


if __name__ == "__main__":
    main()
