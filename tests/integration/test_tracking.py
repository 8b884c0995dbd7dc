#!/usr/bin/env python3
"""Message tracking: the id a message is given at acceptance (the "queued as" of the 250 reply)
goes with it into the mailbox row, the outbound queue row and every log line about it, with
the columns tracking searches by (sender, recipient, Message-ID, queue id, result); and
`fumibakoctl log --id` lists a message's lines from receipt to its last delivery attempt.
A second fumibakod on loopback is the outbound peer (a queue.transports rule, no DNS); the
database is read with python's sqlite3, read-only.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_tracking.py
"""

import os
import re
import smtplib
import sqlite3
import unittest

from fumibako_fixture import (HOST, SOCKET_TIMEOUT, MultiServerTestCase, free_port, make_message, unique,
                              wait_for)

PW = "tracking secret 123"
ALICE = "alice@example.test"
CAROL = "carol@example.test"
BOB = "bob@example.net"



class TrackingTest(MultiServerTestCase):
    def setUp(self):
        super().setUp()
        self.peer_port = free_port()
        self.peer = self.make_server("example.net", {BOB: PW})
        self.server = self.make_server("example.test", {ALICE: PW, CAROL: PW})
        self.server.config_set("queue.transports", f"example.net=[{HOST}]:{self.peer_port}")
        self.peer.start(ports={"smtp": self.peer_port})
        self.server.start()

    def rows(self, sql, *args):
        db = sqlite3.connect(f"file:{os.path.join(self.server.data_dir, 'fumibako.db')}?mode=ro", uri=True)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def submit(self, rcpts, message):
        """Submits as alice and returns the id from "250 2.0.0 Ok: queued as ID"."""
        with smtplib.SMTP_SSL(HOST, self.server.ports["smtps"], timeout=SOCKET_TIMEOUT,
                              context=self.server.tls_context()) as s:
            s.login(ALICE, PW)
            s.mail(ALICE)
            for r in rcpts:
                code, _ = s.rcpt(r)
                self.assertEqual(code, 250)
            code, text = s.data(message)
            self.assertEqual(code, 250, text)
            prefix = b"2.0.0 Ok: queued as "
            self.assertTrue(text.startswith(prefix), text)
            return text[len(prefix):].decode()

    def test_one_id_from_acceptance_to_the_last_delivery_attempt(self):
        subject = unique("track")
        message = make_message(subject, sender=ALICE, to=BOB)
        header_id = re.search(rb"(?im)^Message-ID:\s*<([^>]+)>", message).group(1).decode()
        msgid = self.submit([CAROL, BOB], message)

        # The local copy and the queue row carry it.
        self.assertEqual(len(self.rows("SELECT id FROM messages WHERE msgid = ?", msgid)), 1)
        queued = self.rows("SELECT id, sender, header_message_id FROM queue WHERE msgid = ?", msgid)
        self.assertEqual(len(queued), 1, queued)
        queue_id = queued[0][0]
        self.assertEqual(queued[0][1:], (ALICE, header_id))

        # The peer takes it; the send is logged under the same id with the queue id.
        wait_for("the send in the log", lambda: self.rows(
            "SELECT 1 FROM log WHERE msgid = ? AND result = 'delivered' AND queue_id = ?", msgid, queue_id))

        wait_for("the acceptance in the log", lambda: self.rows("SELECT 1 FROM log WHERE msgid = ? AND result = 'accepted'", msgid))
        lines = self.rows("SELECT kind, address, sender, header_message_id, result FROM log "
                          "WHERE msgid = ? ORDER BY id", msgid)
        kinds = [(kind, result) for kind, _, _, _, result in lines]
        self.assertEqual(kinds[:3], [("smtp-send", "accepted"), ("delivery", "delivered"), ("queue", "queued")])
        self.assertEqual(kinds[-1], ("smtp-send", "delivered"))
        for kind, address, sender, hid, result in lines:
            self.assertEqual(sender, ALICE, lines)
            self.assertEqual(hid, header_id, lines)
        self.assertEqual(lines[1][1], CAROL)
        self.assertEqual(lines[-1][1], BOB)

        # The CLI shows this message's lines and no other's.
        self.submit([CAROL], make_message(unique("other"), sender=ALICE, to=CAROL))
        out = self.server.ctl("log", "--id", msgid).stdout.splitlines()
        self.assertEqual(len(out), len(lines), out)
        self.assertTrue(all(f"id={msgid}" in line for line in out), out)

    def test_the_added_message_id_is_tracked_and_a_refusal_is_logged_under_its_id(self):
        subject = unique("noid")
        msgid = self.submit([CAROL], f"From: <{ALICE}>\r\nTo: <{CAROL}>\r\nSubject: {subject}\r\n\r\nx\r\n".encode())
        (hid,) = wait_for("the acceptance in the log", lambda: self.rows(
            "SELECT header_message_id FROM log WHERE msgid = ? AND kind = 'smtp-send'", msgid))[0]
        self.assertRegex(hid, r"^[^<>@\s]+@[^<>@\s]+$")
        stored = [m for m in self.server.messages(CAROL) if subject.encode() in m]
        self.assertEqual(len(stored), 1)
        self.assertIn(f"Message-ID: <{hid}>".encode(), stored[0])

        # A message the pipeline refuses (too many hops) gets an id and a rejected line.
        hops = b"".join(b"Received: from h%d by r; Mon, 7 Dec 2026 08:00:00 +0900\r\n" % i for i in range(60))
        c = self.server.smtp_session()
        c.cmd(f"MAIL FROM:<{BOB}>")
        c.cmd(f"RCPT TO:<{CAROL}>")
        c.cmd("DATA")
        r = c.cmd((hops + make_message(unique("loop"), to=CAROL)).decode() + ".")
        self.assertEqual(r.last, "554 5.4.6 Too many hops", c.transcript())
        rejected = wait_for("the refusal in the log", lambda: self.rows(
            "SELECT msgid, sender, result, text FROM log WHERE kind = 'smtp-reject'"))
        self.assertEqual(len(rejected), 1, rejected)
        self.assertTrue(rejected[0][0], rejected)
        self.assertEqual(rejected[0][1:3], (BOB, "rejected"))
        self.assertIn("hop-limit", rejected[0][3])

    def test_track_follows_a_received_message_through_its_forward_deferred_then_delivered(self):
        """fumibakoctl track: received from whom, delivered to which mailbox, forwarded as which
        copy, the copy's deferral with the remote's failure and its delivery after a retry —
        found by the tracking id, by the Message-ID and by the recipient's address."""
        self.server.ctl("forward", "set", CAROL, "--to", BOB, "--keep-copy")
        self.peer.stop()  # the forward's first attempt finds nobody at the peer's port
        subject = unique("tracked")
        message = make_message(subject, sender="dave@other.test", to=CAROL)
        header_id = re.search(rb"(?im)^Message-ID:\s*<([^>]+)>", message).group(1).decode()
        self.server.deliver(CAROL, message, sender="dave@other.test")
        (msgid,) = wait_for("the receipt in the log", lambda: self.rows(
            "SELECT msgid FROM log WHERE header_message_id = ? AND kind = 'smtp-receive'",
            header_id))[0]
        (copy_id,) = wait_for("the forward's deferral", lambda: self.rows(
            "SELECT msgid FROM log WHERE kind = 'smtp-send' AND result = 'deferred' AND msgid <> ?",
            msgid))[0]

        self.peer.start(ports={"smtp": self.peer_port})
        queued = self.rows("SELECT id FROM queue WHERE msgid = ?", copy_id)
        self.assertEqual(len(queued), 1, queued)
        self.server.ctl("queue", "retry", str(queued[0][0]))
        # A running server takes up a retry at its next scan, at least once a minute.
        wait_for("the copy's delivery", lambda: self.rows(
            "SELECT 1 FROM log WHERE msgid = ? AND result = 'delivered' AND kind = 'smtp-send'",
            copy_id), timeout=90)

        def track(*args):
            out = self.server.ctl("track", *args).stdout.splitlines()
            messages, current = {}, None
            for line in out:
                if line.startswith("message id="):
                    current = line.split()[1][len("id="):]
                    messages[current] = {"head": line, "lines": []}
                else:
                    self.assertTrue(line.startswith("  ") and current, out)
                    messages[current]["lines"].append(line.strip().split("\t"))
            return out, messages

        out, messages = track(msgid)
        self.assertEqual(list(messages), [msgid, copy_id], out)
        self.assertIn(f"(a copy of id={msgid})", messages[copy_id]["head"])
        original = [(kind, result) for _, kind, _, _, result, *_ in messages[msgid]["lines"]]
        self.assertIn(("smtp-receive", "accepted"), original, out)
        self.assertIn(("delivery", "delivered"), original, out)   # carol's kept copy
        self.assertTrue(any(f"as id={copy_id}" in l[-1] for l in messages[msgid]["lines"]), out)
        copy = [(kind, result, addr) for _, kind, _, addr, result, *_ in messages[copy_id]["lines"]]
        deferred = [c for c in copy if c[1] == "deferred"]
        delivered = [c for c in copy if c[1] == "delivered"]
        self.assertTrue(deferred and delivered, out)
        self.assertLess(copy.index(deferred[0]), copy.index(delivered[-1]), out)
        self.assertEqual(delivered[-1][2], BOB, out)
        # The deferral says why: the remote's failure.
        deferral = [l for l in messages[copy_id]["lines"] if l[4] == "deferred"][0]
        self.assertTrue(deferral[-1], deferral)

        # The same view from the Message-ID (with or without brackets) and from the address.
        for what in (f"<{header_id}>", header_id):
            self.assertEqual(track(what)[0], out)
        by_address = track(CAROL, "--since", "2000-01-01")[1]
        self.assertIn(msgid, by_address)
        self.assertIn(copy_id, by_address)
        # Nothing matching: an error, not an empty success.
        res = self.server.ctl("track", "nobody@nowhere.test", check=False)
        self.assertNotEqual(res.returncode, 0)
        res = self.server.ctl("track", CAROL, "--since", "2026-13-01", check=False)
        self.assertEqual(res.returncode, 2, res.stderr)


if __name__ == "__main__":
    unittest.main()
