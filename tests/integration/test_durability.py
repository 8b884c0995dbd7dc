#!/usr/bin/env python3
"""Crash behaviour: what the server acknowledged survives kill -9, and what it did not
acknowledge leaves no trace. (A kill -9 cannot catch a missing fsync — the page cache outlives
the process — so this proves the ordering of reply and commit, not the syncs themselves.)
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_durability.py
"""

import contextlib
import os
import threading
import time
import unittest

from fumibako_fixture import ServerTestCase, make_message, parse, transaction, unique

PW = "durable password"


def close_quietly(client):
    """Close a client whose server is gone; errors from the dead connection do not matter."""
    with contextlib.suppress(Exception):
        client.close()


class CrashTest(ServerTestCase):

    ACCOUNTS = {f"{u}@example.test": PW for u in
                ["acked", "many", "partial", "deleted", "marked", "uids", "sub", "busy", "orphan"]}

    def crash_and_restart(self):
        self.server.kill9()
        self.server.start()

    def test_message_acknowledged_with_250_survives_kill_9(self):
        subject = unique("acked")
        msg = make_message(subject, to="acked@example.test", body="keep me\r\n" * 50)
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["acked@example.test"], msg)
        self.assertEqual(r.code, 250, c.transcript())
        self.crash_and_restart()
        got = self.server.messages("acked@example.test")
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0].endswith(msg))

    def test_every_acknowledged_message_of_a_session_survives_kill_9(self):
        c = self.server.smtp_session("smtp")
        subjects = []
        for i in range(20):
            subjects.append(unique(f"many{i}"))
            r = transaction(c, "sender@other.test", ["many@example.test"],
                            make_message(subjects[-1], to="many@example.test"))
            self.assertEqual(r.code, 250, c.transcript())
        self.crash_and_restart()  # right after the last 250, without QUIT
        self.assertEqual(sorted(self.server.subjects("many@example.test")), sorted(subjects))

    def test_submitted_message_survives_kill_9(self):
        subject = unique("sub")
        self.server.submit("sub@example.test", ["sub@example.test"],
                           make_message(subject, sender="sub@example.test",
                                        to="sub@example.test"))
        self.crash_and_restart()
        self.assertEqual(self.server.subjects("sub@example.test"), [subject])

    def test_kill_9_during_data_leaves_nothing_visible_and_server_recovers(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(c.cmd("RCPT TO:<partial@example.test>").code, 250)
        self.assertEqual(c.cmd("DATA").code, 354)
        c.send(make_message(unique("partial"), to="partial@example.test")
               + b"half a message\r\n" * 5000)
        time.sleep(0.5)  # let the server take in what was sent; the final dot never comes
        self.crash_and_restart()
        close_quietly(c)
        self.assertEqual(self.server.count("partial@example.test"), 0)
        # The mailbox still works after the crash.
        subject = unique("after")
        self.server.deliver("partial@example.test", make_message(subject,
                                                                 to="partial@example.test"))
        self.assertEqual(self.server.subjects("partial@example.test"), [subject])

    def test_files_no_committed_row_names_are_removed_at_start(self):
        # A crash between a delivery's rename into new/ and its COMMIT leaves a file no row
        # names (no 250 was sent for it); one after a queue entry's removal, a spool file.
        subject = unique("kept")
        self.server.deliver("orphan@example.test", make_message(subject, to="orphan@example.test"))
        inbox_new = os.path.dirname(next(f for f in self.server.maildir_files() if "orphan" in f))
        root = os.path.dirname(inbox_new)
        self.server.kill9()
        planted = [os.path.join(inbox_new, "1765000000.M1P1Q1.host,S=20"),
                   os.path.join(root, "cur", "1765000000.M2P1Q1.host,S=20:2,S"),
                   os.path.join(root, "tmp", "1765000000.M3P1Q1.host,S=20"),
                   os.path.join(self.server.data_dir, "queue", "1765000000.M4P1Q1.host,S=20")]
        for path in planted:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(b"Subject: never acknowledged\r\n\r\nx\r\n")
        self.server.start()
        for path in planted:
            self.assertFalse(os.path.exists(path), path)
        self.assertEqual(self.server.subjects("orphan@example.test"), [subject])
        log = self.server.ctl("log", "--kind", "system").stdout
        for path in planted[:2] + planted[3:]:
            self.assertIn(os.path.basename(path), log)

    def test_pop3_dele_and_quit_survives_kill_9(self):
        keep, drop = unique("keep"), unique("drop")
        for s in (keep, drop):
            self.server.deliver("deleted@example.test", make_message(s, to="deleted@example.test"))
        p = self.server.pop3("deleted@example.test")
        n = [parse(b"\r\n".join(p.top(i, 0)[1]))["Subject"] for i in (1, 2)].index(drop) + 1
        p.dele(n)
        self.assertTrue(p.quit().startswith(b"+OK"))
        self.crash_and_restart()
        self.assertEqual(self.server.subjects("deleted@example.test"), [keep])

    def test_pop3_dele_without_quit_is_undone_by_kill_9(self):
        subject = unique("marked")
        self.server.deliver("marked@example.test", make_message(subject, to="marked@example.test"))
        p = self.server.pop3("marked@example.test")
        p.dele(1)
        self.crash_and_restart()
        close_quietly(p)
        self.assertEqual(self.server.subjects("marked@example.test"), [subject])

    def test_uidl_is_unchanged_by_kill_9(self):
        for i in range(3):
            self.server.deliver("uids@example.test", make_message(unique(f"u{i}"),
                                                                  to="uids@example.test"))
        p = self.server.pop3("uids@example.test")
        before = p.uidl()[1]
        p.quit()
        self.crash_and_restart()
        p = self.server.pop3("uids@example.test")
        self.assertEqual(p.uidl()[1], before)
        p.quit()


    def test_concurrent_deliveries_to_one_mailbox_all_survive_kill_9(self):
        clients, per_client = 8, 5
        sent, failures = [], []
        lock = threading.Lock()

        def deliver_some(k):
            try:
                c = self.server.smtp_session("smtp")
                for i in range(per_client):
                    subject = unique(f"busy{k}-{i}")
                    r = transaction(c, "sender@other.test", ["busy@example.test"],
                                    make_message(subject, to="busy@example.test"))
                    with lock:
                        (sent if r.code == 250 else failures).append(subject if r.code == 250
                                                                      else c.transcript())
            except Exception as e:  # reported below; a thread cannot fail the test itself
                with lock:
                    failures.append(repr(e))

        threads = [threading.Thread(target=deliver_some, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(failures, [])
        self.assertEqual(len(sent), clients * per_client)
        self.crash_and_restart()
        p = self.server.pop3("busy@example.test")
        try:
            uids = [line.split()[1] for line in p.uidl()[1]]
        finally:
            p.quit()
        self.assertEqual(len(set(uids)), len(sent), "UIDLs not unique")
        self.assertEqual(sorted(self.server.subjects("busy@example.test")), sorted(sent))


class CleanShutdownTest(ServerTestCase):
    """SIGTERM with clients connected still exits 0, and the data is there after restart."""

    ACCOUNTS = {"calm@example.test": PW}

    def test_sigterm_with_open_sessions_exits_0_and_keeps_mail(self):
        subject = unique("calm")
        self.server.deliver("calm@example.test", make_message(subject, to="calm@example.test"))
        smtp = self.server.smtp_session("smtp")
        self.assertEqual(smtp.cmd("MAIL FROM:<sender@other.test>").code, 250)
        pop = self.server.pop3("calm@example.test")
        self.addCleanup(close_quietly, pop)
        self.server.stop()  # asserts exit code 0
        self.server.start()
        self.assertEqual(self.server.subjects("calm@example.test"), [subject])


if __name__ == "__main__":
    unittest.main()
