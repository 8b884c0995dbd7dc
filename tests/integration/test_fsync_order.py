"""The order of syncs and replies, seen with strace (DESIGN.md: a kill -9 test cannot see a
missing fsync, since the page cache survives the process). fumibakod runs under
`strace -f -y`; for a message delivered over MX, and for one held in the quarantine by a deny
filter, the 250 to end of DATA must come after the file's fsync, its rename out of tmp/, the
fsync of the directory it was renamed into, and the fsync of SQLite's WAL. A release with
`fumibakoctl quarantine release` must do the same for the INBOX copy before it says so.

strace is started by the test and stopped with the server it traced, by PID.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_fsync_order.py
"""

import os
import re
import shutil
import signal
import smtplib
import subprocess
import tempfile
import unittest

from fumibako_fixture import HOST, Server, fumibakoctl, fumibakod, make_message, unique

STRACE = shutil.which("strace")
BOB = "bob@example.test"
PW = "correct horse battery"
CALLS = "fsync,fdatasync,rename,renameat,renameat2,write,writev,sendto,sendmsg"

# pid  syscall(args) = result    | pid  syscall(args <unfinished ...> | pid  <... syscall resumed>...
LINE = re.compile(r"^(\d+)\s+(?:<\.\.\. (\w+) resumed>(.*)|(\w+)\((.*))$")


def calls(path):
    """The strace log as (index_started, index_finished, name, text) per call, in the order the
    calls finished; an unfinished call is joined with its resumption on the same pid."""
    pending = {}
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            pid = m.group(1)
            if m.group(2):  # resumed
                started, name, text = pending.pop(pid, (i, m.group(2), ""))
                out.append((started, i, name, text + m.group(3)))
            elif line.rstrip().endswith("<unfinished ...>"):
                pending[pid] = (i, m.group(4), m.group(5))
            else:
                out.append((i, i, m.group(4), m.group(5)))
    return out


def fd_path(text):
    """The path strace -y printed for the call's first fd argument."""
    m = re.match(r"\d+<([^>]*)>", text)
    return m.group(1) if m else ""


class SyncOrder:
    """What must have finished before the reply, found in the calls that finished before it."""

    def __init__(self, testcase, log, reply_marker):
        self.t = testcase
        self.calls = calls(log)
        replies = [c for c in self.calls
                   if c[2] in ("write", "writev", "sendto", "sendmsg") and reply_marker in c[3]]
        self.t.assertTrue(replies, f"no reply containing {reply_marker!r} in the trace")
        self.reply_started = replies[-1][0]

    def before_reply(self):
        return [c for c in self.calls if c[1] < self.reply_started]

    def assert_file_synced_renamed_and_dir_synced(self, tmp_dir, final_dir):
        done = self.before_reply()
        renames = [c for c in done if c[2].startswith("rename") and tmp_dir + "/" in c[3]
                   and final_dir + "/" in c[3]]
        self.t.assertTrue(renames, f"no rename {tmp_dir} -> {final_dir} before the reply")
        rename = renames[-1]
        name = re.search(re.escape(tmp_dir) + r"/([^\"]+)\"", rename[3]).group(1)
        file_syncs = [c for c in done if c[2] in ("fsync", "fdatasync")
                      and fd_path(c[3]).endswith("/" + name) and c[1] < rename[0]]
        self.t.assertTrue(file_syncs, f"{name} not synced before its rename")
        dir_syncs = [c for c in done if c[2] in ("fsync", "fdatasync")
                     and fd_path(c[3]) == final_dir and c[0] > rename[1]]
        self.t.assertTrue(dir_syncs, f"{final_dir} not synced after the rename, before the reply")
        return name

    def assert_wal_synced(self, db_dir):
        done = self.before_reply()
        wal = [c for c in done if c[2] in ("fsync", "fdatasync")
               and fd_path(c[3]).startswith(db_dir) and fd_path(c[3]).endswith("-wal")]
        self.t.assertTrue(wal, "SQLite's WAL not synced before the reply")


@unittest.skipUnless(STRACE, "strace is not installed (Debian: strace)")
class FsyncOrderTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("auth.failure_delay_ms", 0)
        self.server.add_account(BOB, PW)
        self.tmp = tempfile.mkdtemp(prefix="fumibako-strace-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.log = os.path.join(self.tmp, "fumibakod.strace")
        # The fixture's own start, with fumibakod under strace.
        real = fumibakod()
        wrapper = os.path.join(self.tmp, "traced-fumibakod")
        with open(wrapper, "w") as f:
            f.write(f"#!/bin/sh\nexec {STRACE} -f -y -s 96 -e trace={CALLS} -o {self.log} "
                    f"{real} \"$@\"\n")
        os.chmod(wrapper, 0o700)
        os.environ["FUMIBAKOD_SAVED"] = os.environ.get("FUMIBAKOD", "")
        os.environ["FUMIBAKOD"] = wrapper
        try:
            self.server.start()
        finally:
            os.environ["FUMIBAKOD"] = os.environ.pop("FUMIBAKOD_SAVED")
            if not os.environ["FUMIBAKOD"]:
                del os.environ["FUMIBAKOD"]
        self.addCleanup(self.stop_traced)

    def traced_pid(self):
        """fumibakod's PID: the child of the strace we started."""
        with open(f"/proc/{self.server.proc.pid}/task/{self.server.proc.pid}/children") as f:
            children = f.read().split()
        return int(children[0]) if children else None

    def stop_traced(self):
        """SIGTERM to fumibakod (strace would only detach on its own), then strace exits
        with fumibakod's status."""
        if self.server.proc is None or self.server.proc.poll() is not None:
            return
        pid = self.traced_pid()
        if pid:
            os.kill(pid, signal.SIGTERM)
        self.assertEqual(self.server.proc.wait(timeout=30), 0)
        self.server.proc = None

    def deliver(self, subject):
        message = make_message(subject, sender="news@other.test", to=BOB)
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=20) as s:
            s.ehlo("client.other.test")
            s.mail("news@other.test")
            s.rcpt(BOB)
            code, reply = s.data(message)
        self.assertEqual(code, 250, reply)
        return reply.decode()

    def test_250_comes_after_the_delivery_is_on_disk(self):
        reply = self.deliver(unique("durable"))
        queued = reply.split()[-1]
        self.stop_traced()
        order = SyncOrder(self, self.log, "250 2.0.0")
        with open(self.log, errors="replace") as f:
            self.assertIn(queued, f.read())
        inbox = self.server.maildir_files()
        self.assertEqual(len(inbox), 1)
        new_dir = os.path.dirname(inbox[0])
        tmp_dir = os.path.join(os.path.dirname(new_dir), "tmp")
        name = order.assert_file_synced_renamed_and_dir_synced(tmp_dir, new_dir)
        self.assertEqual(os.path.basename(inbox[0]), name)
        order.assert_wal_synced(self.server.data_dir)

    def test_250_for_a_held_message_comes_after_the_quarantine_is_on_disk(self):
        self.server.ctl("filter", "add", BOB, "deny", "domain", "other.test")
        self.deliver(unique("held"))
        self.stop_traced()
        order = SyncOrder(self, self.log, "250 2.0.0")
        root = os.path.join(self.server.data_dir, "quarantine")
        name = order.assert_file_synced_renamed_and_dir_synced(os.path.join(root, "tmp"), root)
        self.assertTrue(os.path.exists(os.path.join(root, name)))
        order.assert_wal_synced(self.server.data_dir)
        self.assertEqual(self.server.maildir_files(), [])

        # The release, by fumibakoctl under strace: INBOX copy on disk before it says so.
        [entry] = self.server.ctl("quarantine", "list").stdout.splitlines()
        held_id = entry.split("\t")[0]
        log = os.path.join(self.tmp, "release.strace")
        subprocess.run([STRACE, "-f", "-y", "-s", "96", "-e", f"trace={CALLS}", "-o", log,
                        fumibakoctl(), "--data-dir", self.server.data_dir, "quarantine",
                        "release", held_id], check=True, capture_output=True, timeout=60)
        release = SyncOrder(self, log, "released into the INBOX")
        [inbox] = self.server.maildir_files()
        new_dir = os.path.dirname(inbox)
        release.assert_file_synced_renamed_and_dir_synced(
            os.path.join(os.path.dirname(new_dir), "tmp"), new_dir)
        release.assert_wal_synced(self.server.data_dir)


if __name__ == "__main__":
    unittest.main()
