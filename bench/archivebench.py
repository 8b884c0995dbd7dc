#!/usr/bin/env python3
"""Submission with the mail archive on and off (issue 15, Benchmark). Prints figures; never fails
on time.

  off / on  messages/s through submission (STARTTLS + AUTH, a new session per message, N clients,
            as mailbench's submission) with archive.sent false / true: each run on a fresh
            mailbench Server, runs interleaved off on on off off on ... so that the machine's
            swings hit both alike.

The messages are generated Japanese business mail (archivebench --write-samples: ISO-2022-JP and
UTF-8, some attachments, 1-8 KB) with From/To set to the bench accounts; smtpload adds an
X-Load-Id field to each, so no two are the same bytes and the archive's dedup does not make "on"
cheaper than real mail would. After each run the script checks the sink's mailbox got every
message and reads the archive's entry count from the database, so a toggle that did nothing shows.
Prints each side's median and on/off (the issue's goal: at least 0.95).
Run: python3 bench/archivebench.py --build B     (B: the build dir with fumibakod, fumibakoctl,
     bench/smtpload and bench/archivebench)
"""
import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from mailbench import DOMAIN, PASSWORD, Server  # noqa: E402


def archive_counts(data):
    """(entries, entries not yet indexed or moved out of the journal) in the data dir `data`, or
    (None, None) when its database has no archive tables."""
    try:
        db = sqlite3.connect(f"file:{os.path.join(data, 'fumibako.db')}?mode=ro", uri=True,
                             timeout=10)
        try:
            entries = db.execute("SELECT count(*) FROM archive_entries").fetchone()[0]
            pending = db.execute("SELECT count(*) FROM archive_entries WHERE indexed = 0") \
                .fetchone()[0]
            pending += db.execute("SELECT count(*) FROM archive_journal").fetchone()[0]
            return entries, pending
        finally:
            db.close()
    except sqlite3.Error:
        return None, None


def samples(opts, where):
    """Generated messages with the bench accounts in From and To (Cc dropped)."""
    raw_dir = os.path.join(where, "raw")
    out_dir = os.path.join(where, "messages")
    os.makedirs(out_dir)
    subprocess.run([opts.archivebench, "--write-samples", raw_dir, "--messages",
                    str(opts.distinct)], check=True)
    for name in sorted(os.listdir(raw_dir)):
        with open(os.path.join(raw_dir, name), "rb") as f:
            raw = f.read()
        head, sep, body = raw.partition(b"\r\n\r\n")
        lines, skipping = [], False
        for line in head.split(b"\r\n"):
            if line[:1] in (b" ", b"\t"):
                if not skipping:
                    lines.append(line)
                continue
            name_ = line.split(b":", 1)[0].lower()
            skipping = name_ in (b"from", b"to", b"cc", b"received")
            if name_ == b"from":
                lines.append(b"From: =?UTF-8?B?6YCB5L+h6ICF?= <sender@" + DOMAIN.encode() + b">")
            elif name_ == b"to":
                lines.append(b"To: =?UTF-8?B?5Y+X5L+h6ICF?= <sink@" + DOMAIN.encode() + b">")
            elif not skipping:
                lines.append(line)
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(b"\r\n".join(lines) + sep + body)
    shutil.rmtree(raw_dir)
    return out_dir


def run(opts, messages_dir, archive_on):
    """One run on a server of its own (mailbench's), the archive on or off."""
    server = Server(opts.fumibakod, opts.fumibakoctl,
                    {"archive.sent": "true" if archive_on else "false"})
    try:
        cmd = [opts.smtpload, "--port", str(server.ports["submission"]), "--clients",
               str(opts.clients), "--messages", str(opts.messages), "--rcpt", f"sink@{DOMAIN}",
               "--submission", "--user", f"sender@{DOMAIN}", "--password", PASSWORD,
               "--message-dir", messages_dir]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
        sent, elapsed = int(out[0]), float(out[1])
        assert sent == opts.messages, f"{sent} accepted, expected {opts.messages}"
        got = server.count("sink")
        assert got == sent, f"{got} messages reached the mailbox, {sent} accepted"
        # The index is filled and the journal moved to files after the commit, off the reply's
        # path: wait for both here, so the sitting's next run never pays for what this one left.
        t0 = time.monotonic()
        entries, pending = archive_counts(server.data)
        while pending and time.monotonic() - t0 < opts.index_wait:
            time.sleep(0.2)
            entries, pending = archive_counts(server.data)
        return sent / elapsed, entries, pending, time.monotonic() - t0
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", help="build dir: the programs below default to their places in it")
    ap.add_argument("--fumibakod")
    ap.add_argument("--fumibakoctl")
    ap.add_argument("--smtpload")
    ap.add_argument("--archivebench")
    ap.add_argument("--runs", type=int, default=5, help="runs of each side")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--messages", type=int, default=1000, help="messages per run")
    ap.add_argument("--distinct", type=int, default=500, help="generated messages to cycle through")
    ap.add_argument("--index-wait", type=float, default=120,
                    help="seconds to wait after a run for the index to catch up")
    ap.add_argument("--tmp", help="where the data dir goes (default: the system's temp dir)")
    opts = ap.parse_args()
    for prog, rel in (("fumibakod", "app/fumibakod/fumibakod"),
                      ("fumibakoctl", "app/fumibakoctl/fumibakoctl"),
                      ("smtpload", "bench/smtpload"), ("archivebench", "bench/archivebench")):
        if getattr(opts, prog) is None:
            if not opts.build:
                ap.error(f"--{prog} or --build is required")
            setattr(opts, prog, os.path.join(opts.build, rel))

    if opts.tmp:
        tempfile.tempdir = opts.tmp
    where = tempfile.mkdtemp(prefix="fumibako-archbench-")
    try:
        messages_dir = samples(opts, where)
        sizes = [os.path.getsize(os.path.join(messages_dir, n)) for n in os.listdir(messages_dir)]
        print(f"archivebench.py: {opts.runs} runs a side of {opts.messages} submissions, "
              f"{opts.clients} clients, {len(sizes)} distinct generated messages "
              f"(median {statistics.median(sizes):.0f} bytes)", flush=True)
        figures = {False: [], True: []}
        order = []
        for r in range(opts.runs):
            order += [False, True] if r % 2 == 0 else [True, False]
        for archive_on in order:
            rate, archived, pending, tail = run(opts, messages_dir, archive_on)
            figures[archive_on].append(rate)
            print(f"  archive {'on ' if archive_on else 'off'} {rate:8.1f} messages/s   archived "
                  f"{'?' if archived is None else archived}, index pending "
                  f"{'?' if pending is None else pending} after {tail:.1f} s more", flush=True)
        off, on = statistics.median(figures[False]), statistics.median(figures[True])
        for name, values in (("off", figures[False]), ("on", figures[True])):
            print(f"{name:4s} median {statistics.median(values):8.1f} messages/s   runs: "
                  + ", ".join(f"{v:.1f}" for v in values))
        print(f"on/off {on / off:.3f}")
    finally:
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
