#!/usr/bin/env python3
"""fumibakoctl queue list|show|retry|delete against a running fumibakod whose outbound mail
waits for a peer that is down (a queue.transports rule to a free port on loopback). Deleting a
message takes its row and spool file away and it is never sent, while the message left beside
it goes out once the peer is up and it is retried.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_queue_cli.py
"""

import os
import time
import unittest

from fumibako_fixture import make_message, unique, wait_for
from test_queue import ALICE, BOB, PW, QueueTestCase

CAROL = "carol@example.net"


class QueueCliTest(QueueTestCase):
    """The sender (alice@example.test) queues for example.net, whose server is down at first."""

    def setUp(self):
        super().setUp()
        self.peer.add_account(CAROL, PW)

    def rows(self):
        """`queue list` as a list of field lists."""
        out = self.sender.ctl("queue", "list").stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def spool_files(self):
        queue = os.path.join(self.sender.data_dir, "queue")
        return sorted(f for f in os.listdir(queue) if os.path.isfile(os.path.join(queue, f)))

    def test_list_show_retry_delete(self):
        self.sender.start()
        keep, drop = unique("keep"), unique("drop")
        self.sender.submit(ALICE, [BOB], make_message(keep, sender=ALICE, to=BOB), password=PW)
        self.sender.submit(ALICE, [CAROL], make_message(drop, sender=ALICE, to=CAROL), password=PW)
        rows = wait_for("both deferred", lambda: (lambda r: r if len(r) == 2 and all(x[3] == "deferred" for x in r)
                                                   else None)(self.rows()))
        self.assertEqual(len(self.spool_files()), 2)
        by_rcpt = {r[1]: r for r in rows}
        self.assertEqual(set(by_rcpt), {BOB, CAROL})
        for r in rows:
            self.assertEqual(len(r), 7, r)
            self.assertEqual(r[2], ALICE)
            self.assertGreaterEqual(int(r[4]), 1)   # attempts
            self.assertNotIn(r[5], ("now", "-"))    # a later next try
            self.assertTrue(r[6], "the reason of the deferral is kept")
        keep_id, drop_id = by_rcpt[BOB][0], by_rcpt[CAROL][0]

        headers = self.sender.ctl("queue", "show", drop_id).stdout
        self.assertIn(f"Subject: {drop}", headers)
        self.assertIn("Received:", headers)
        self.assertNotIn("Hello.", headers, "headers only, not the body")

        self.sender.ctl("queue", "retry", keep_id)
        self.assertEqual({r[1]: r[5] for r in self.rows()}[BOB], "now")

        spool_before = self.spool_files()
        self.sender.ctl("queue", "delete", drop_id)
        self.assertEqual([r[1] for r in self.rows()], [BOB])
        self.assertEqual(len(self.spool_files()), 1)
        self.assertTrue(set(self.spool_files()) < set(spool_before))
        # A second delete, and the other commands, find nothing: exit 1 with a message.
        for verb in ("delete", "retry", "show"):
            res = self.sender.ctl("queue", verb, drop_id, check=False)
            self.assertEqual(res.returncode, 1, (verb, res.stdout, res.stderr))
            self.assertTrue(res.stderr.startswith("fumibakoctl: "))

        # The peer comes up: the kept message goes out at the queue's next scan after the
        # retry (a running fumibakod scans at least once a minute), the deleted one never.
        self.start_peer()
        self.sender.ctl("queue", "retry", keep_id)
        wait_for("the kept message at the peer",
                 lambda: [m for m in self.peer.messages(BOB, PW) if keep.encode() in m], timeout=100)
        wait_for("an empty queue", lambda: self.rows() == [] and self.spool_files() == [])
        time.sleep(1)
        self.assertEqual(self.peer.messages(CAROL, PW), [])

    def test_usage(self):
        for args in (("queue",), ("queue", "retry"), ("queue", "frobnicate"), ("queue", "delete", "x"),
                     ("queue", "show", "0"), ("queue", "list", "extra")):
            res = self.sender.ctl(*args, check=False)
            self.assertEqual(res.returncode, 2, (args, res.stderr))
        self.assertEqual(self.sender.ctl("queue", "list").stdout, "")
        self.assertEqual(self.sender.ctl("queue", "delete", "99", check=False).returncode, 1)


if __name__ == "__main__":
    unittest.main()
