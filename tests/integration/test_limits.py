#!/usr/bin/env python3
"""Server-wide limits that protect memory: message bodies held in memory by all sessions together
are capped by limits.message_memory; a message past the cap gets 452 4.3.1 and nothing of it is
stored, while messages within the cap still go through.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_limits.py
"""

import imaplib
import ssl
import unittest

from fumibako_fixture import HOST, ServerTestCase, make_message, unique

PW = "limits password"
MIB = 1024 * 1024


class MessageMemoryBudgetTest(ServerTestCase):

    CONFIG = {"auth.failure_delay_ms": 0, "limits.message_memory": str(16 * MIB)}
    ACCOUNTS = {"big@example.test": PW}

    def open_data(self, client):
        self.assertEqual(client.ehlo().code, 250)
        self.assertEqual(client.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(client.cmd("RCPT TO:<big@example.test>").code, 250)
        self.assertEqual(client.cmd("DATA").code, 354)

    def test_messages_past_the_shared_budget_get_452_and_within_it_are_stored(self):
        first, second = self.server.smtp_session("smtp"), self.server.smtp_session("smtp")
        self.open_data(first)
        self.open_data(second)
        line = b"x" * 998 + b"\r\n"
        # 10 MiB held by the first session, then 10 MiB more by the second: over 16 MiB.
        first_subject, second_subject = unique("first"), unique("second")
        first.send(make_message(first_subject, to="big@example.test"))
        second.send(make_message(second_subject, to="big@example.test"))
        for _ in range(10 * MIB // len(line)):
            first.send(line)
        for _ in range(10 * MIB // len(line)):
            second.send(line)
        second.send(b".\r\n")
        refused = second.reply()
        self.assertEqual(refused.code, 452, second.transcript())
        self.assertIn("4.3.1", str(refused))
        first.send(b".\r\n")
        self.assertEqual(first.reply().code, 250, first.transcript())
        # The refused session is still usable once memory is free again.
        self.assertEqual(second.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(second.cmd("RCPT TO:<big@example.test>").code, 250)
        self.assertEqual(second.cmd("DATA").code, 354)
        second.send(make_message(second_subject, to="big@example.test") + b".\r\n")
        self.assertEqual(second.reply().code, 250, second.transcript())
        self.assertEqual(sorted(self.server.subjects("big@example.test", PW)),
                         sorted([first_subject, second_subject]))


class ImapSessionsPerUserTest(ServerTestCase):

    CONFIG = {"auth.failure_delay_ms": 0, "limits.imap_sessions_per_user": "2"}
    ACCOUNTS = {"many@example.test": PW, "other@example.test": PW}

    def login(self, user):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        m = imaplib.IMAP4_SSL(HOST, self.server.ports["imaps"], ssl_context=ctx, timeout=10)
        self.addCleanup(self.quietly_logout, m)
        m.login(user, PW)
        return m

    @staticmethod
    def quietly_logout(m):
        try:
            m.logout()
        except Exception:
            pass

    def test_a_third_session_of_one_user_from_one_address_is_refused_until_one_ends(self):
        first = self.login("many@example.test")
        self.login("many@example.test")
        with self.assertRaises(imaplib.IMAP4.error) as caught:
            self.login("many@example.test")
        self.assertIn("LIMIT", str(caught.exception))
        self.login("other@example.test")  # another account is not affected
        first.logout()
        self.login("many@example.test")


if __name__ == "__main__":
    unittest.main()
