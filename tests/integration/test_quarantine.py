"""The quarantine (スパムボックス) with real spamd (issue 13): GTUBE over MX is held, not delivered,
listed by `fumibakoctl quarantine list --json`, shown raw by `quarantine show`, released into INBOX
byte for byte by `quarantine release`, deleted by `quarantine delete`; held mail leaves the
account's quota usage alone, and every release and delete is in the log with who did it.

spamd is started by the fixture (scanners.py) on loopback and stopped by PID.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_quarantine.py
"""

import email.header
import json
import subprocess
import unittest

from fumibako_fixture import Server, fumibakoctl, make_message, unique, wait_for
from scanners import GTUBE, Spamd

BOB = "bob@example.test"
PW = "correct horse battery"


class QuarantineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spamd = Spamd()
        cls.addClassCleanup(cls.spamd.cleanup)
        cls.spamd.start()

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("auth.failure_delay_ms", 0)
        self.server.add_account(BOB, PW)
        self.server.config_set("scan.spamd", self.spamd.address)
        self.server.config_set("scan.spam_action", "quarantine")
        self.server.start()

    def held(self, *args):
        out = self.server.ctl("quarantine", "list", *args, "--json").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def used(self):
        return self.server.accounts()[BOB][2]

    def inbox_files(self):
        files = []
        for path in self.server.maildir_files():
            with open(path, "rb") as f:
                files.append(f.read())
        return files

    def hold_gtube(self, subject):
        message = make_message(email.header.Header(subject, "utf-8").encode(),
                               body=GTUBE.decode() + "\r\n", sender="carol@other.test", to=BOB)
        used_before = self.used()
        self.server.deliver(BOB, message, sender="carol@other.test")  # 250: held, not refused
        entries = self.held()
        self.assertEqual(len(entries), 1, entries)
        return message, entries[0], used_before

    def test_gtube_is_held_listed_shown_and_released_byte_identical(self):
        subject = unique("お得なご案内")
        message, entry, used_before = self.hold_gtube(subject)
        # Listed with the decoded subject and the reason; not in INBOX; quota untouched.
        self.assertEqual(entry["account"], BOB)
        self.assertEqual(entry["sender"], "carol@other.test")
        self.assertEqual(entry["subject"], subject)
        self.assertTrue(entry["reason"].startswith("spam: score "), entry)
        self.assertIn("GTUBE", entry["reason"])
        self.assertGreaterEqual(entry["score"], 900)
        self.assertIn("GTUBE", [r["name"] for r in entry["rules"]])
        self.assertTrue(entry["received"])
        self.assertEqual(self.server.count(BOB), 0)
        self.assertEqual(self.inbox_files(), [])
        self.assertEqual(self.used(), used_before)
        self.assertEqual(self.held(BOB), [entry])  # by account too
        # The raw message: ours on top, the message as it came below (subject not tagged).
        raw = subprocess_bytes(self.server, "quarantine", "show", str(entry["id"]))
        self.assertTrue(raw.startswith(b"Return-Path: <carol@other.test>\r\nDelivered-To: " +
                                       BOB.encode() + b"\r\n"), raw[:200])
        self.assertTrue(raw.endswith(message), raw[-300:])
        header = raw.split(b"\r\n\r\n", 1)[0]
        self.assertIn(b"\r\nX-Spam-Flag: YES\r\n", header)
        self.assertNotIn(b"[spam]", header)
        # Release: into INBOX, byte-identical to what show gave; gone from the quarantine.
        self.server.ctl("quarantine", "release", str(entry["id"]))
        self.assertEqual(self.held(), [])
        self.assertEqual(self.inbox_files(), [raw])
        self.assertEqual(self.server.messages(BOB), [raw])
        self.assertEqual(self.used(), used_before + len(raw))
        # A second release of the same ID fails and delivers nothing more.
        again = self.server.ctl("quarantine", "release", str(entry["id"]), check=False)
        self.assertEqual(again.returncode, 1)
        self.assertEqual(len(self.inbox_files()), 1)
        log = self.server.ctl("log").stdout
        self.assertIn(f"quarantine: message {entry['id']} ", log)
        self.assertIn("released by fumibakoctl", log)

    def test_delete_removes_it_for_good_and_is_audited(self):
        _message, entry, used_before = self.hold_gtube(unique("delete me"))
        self.server.ctl("quarantine", "delete", str(entry["id"]))
        self.assertEqual(self.held(), [])
        self.assertEqual(self.server.count(BOB), 0)
        self.assertEqual(self.used(), used_before)
        shown = self.server.ctl("quarantine", "show", str(entry["id"]), check=False)
        self.assertEqual(shown.returncode, 1)
        self.assertIn("deleted by fumibakoctl", self.server.ctl("log").stdout)

    def test_ham_is_delivered_not_held(self):
        self.server.deliver(BOB, make_message(unique("hello"), sender="carol@other.test", to=BOB),
                            sender="carol@other.test")
        wait_for("delivery", lambda: self.server.count(BOB) == 1)
        self.assertEqual(self.held(), [])

    def test_unknown_ids_and_accounts_are_errors(self):
        for args in (("release", "999"), ("delete", "999"), ("show", "999"),
                     ("list", "nobody@example.test")):
            res = self.server.ctl("quarantine", *args, check=False)
            self.assertEqual(res.returncode, 1, (args, res.stdout, res.stderr))
        res = self.server.ctl("quarantine", "release", "abc", check=False)
        self.assertEqual(res.returncode, 2)


def subprocess_bytes(server, *args):
    """fumibakoctl's stdout as bytes (the raw message is not necessarily UTF-8)."""
    res = subprocess.run([fumibakoctl(), "--data-dir", server.data_dir, *args], capture_output=True,
                         timeout=60, stdin=subprocess.DEVNULL, check=True)
    return res.stdout


if __name__ == "__main__":
    unittest.main()
