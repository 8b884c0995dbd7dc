#!/usr/bin/env python3
"""What scanning costs at SMTP time (issue 13). Prints figures; never fails on time.

  off       MX messages/s accepted and in the mailbox, scanners off (as mailbench's mx)
  on        the same with clamd and spamd on (every message scanned by both before its 250)
  alone     what clamd and spamd manage by themselves on messages of the same size at the same
            concurrency: each worker sends one message to clamd (INSTREAM), then to spamd
            (REPORT), as the server does, over its own connections
  overhead  how much longer a message takes through the server with the scanners on than the two
            scanners alone take for it, as a share of the scanners' own time:
            (1/on - 1/alone) / (1/alone); the goal is at most 10 %

clamd and spamd are the real daemons, started here as the tests start them (tests/integration/
scanners.py): clamd with a database of one signature (there is no internet for freshclam; with
the full database clamd is slower and the server's share smaller still), spamd with Debian's rules
and local tests only, --max-children=2. Each figure is the median of --runs runs; server runs
use a fresh data dir. Clients, server and scanners share the machine's cores.
"""
import argparse
import os
import statistics
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
sys.path.insert(0, HERE)

from mailbench import Server, smtpload  # noqa: E402
from scanners import Clamd, Spamd  # noqa: E402


def message(size, i):
    """A plain message of about `size` bytes, different each time (no scanner cache helps)."""
    head = (f"From: <sender@bench.test>\r\nTo: <sink@bench.test>\r\nSubject: scan bench {i}\r\n"
            f"Message-ID: <scan-{i}-{time.time_ns()}@bench.test>\r\n\r\n").encode()
    line = b"The quick brown fox jumps over the lazy dog; lorem ipsum dolor sit amet.\r\n"
    return head + line * max(1, (size - len(head)) // len(line))


def bench_alone(opts, clamd, spamd):
    """Messages/s through clamd then spamd, opts.clients workers at once."""
    per_worker = opts.messages // opts.clients
    errors = []

    def worker(w):
        try:
            for i in range(per_worker):
                data = message(opts.size, w * per_worker + i)
                verdict = clamd.scan(data)
                if verdict != "stream: OK":
                    raise AssertionError(f"clamd: {verdict!r}")
                reply = spamd.report(data)
                if b"EX_OK" not in reply.split(b"\r\n", 1)[0]:
                    raise AssertionError(f"spamd: {reply[:200]!r}")
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(opts.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise errors[0]
    return per_worker * opts.clients / elapsed


def bench_server(opts, settings):
    srv = Server(opts.fumibakod, opts.fumibakoctl, settings)
    try:
        sent, elapsed = smtpload(opts, srv.ports["smtp"], opts.messages, opts.size)
        n = srv.count("sink")
        assert n == sent == opts.messages, f"{n} in the mailbox, {sent} accepted, {opts.messages} sent"
        return n / elapsed
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fumibakod", required=True)
    ap.add_argument("--fumibakoctl", required=True)
    ap.add_argument("--smtpload", required=True, help="bench/smtpload from the build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--messages", type=int, default=300)
    ap.add_argument("--size", type=int, default=4096)
    opts = ap.parse_args()

    clamd, spamd = Clamd(), Spamd()
    try:
        clamd.start()
        spamd.start()
        scanning = {"scan.clamd": clamd.address, "scan.spamd": spamd.address,
                    "scan.max_concurrent": str(opts.clients)}
        figures = {"off": [], "on": [], "alone": []}
        for _ in range(opts.runs):  # interleaved, so a slow moment of the machine hits all three
            figures["off"].append(bench_server(opts, {}))
            figures["on"].append(bench_server(opts, scanning))
            figures["alone"].append(bench_alone(opts, clamd, spamd))
        med = {k: statistics.median(v) for k, v in figures.items()}
        what = f"({opts.clients} clients, {opts.size} B messages, {opts.messages} per run)"
        for k in ("off", "on", "alone"):
            runs = ", ".join(f"{x:.1f}" for x in figures[k])
            print(f"{k:<9} median {med[k]:8.1f} messages/s {what}   runs: {runs}")
        overhead = (1 / med["on"] - 1 / med["alone"]) / (1 / med["alone"])
        print(f"overhead  {overhead * 100:+.1f} % of the scanners' own time per message (goal: <= 10 %)")
    finally:
        clamd.cleanup()
        spamd.cleanup()


if __name__ == "__main__":
    main()
