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

    def open_transaction(self, client):
        self.assertEqual(client.ehlo().code, 250)
        self.assertEqual(client.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(client.cmd("RCPT TO:<big@example.test>").code, 250)

    def test_messages_past_the_shared_budget_get_452_and_within_it_are_stored(self):
        first, second = self.server.smtp_session("smtp"), self.server.smtp_session("smtp")
        self.open_transaction(first)
        self.open_transaction(second)
        line = b"x" * 998 + b"\r\n"
        bulk = line * (10 * MIB // len(line))
        first_subject, second_subject = unique("first"), unique("second")
        # 10 MiB held by the first session: sent as a BDAT chunk, whose reply says the
        # server has read it all (RFC 3030 2), so the order below does not depend on
        # which socket the server happens to read first.
        chunk = make_message(first_subject, to="big@example.test") + bulk
        first.send(b"BDAT %d\r\n" % len(chunk) + chunk)
        self.assertEqual(first.reply().code, 250, first.transcript())
        # Then 10 MiB more by the second, through DATA: over the 16 MiB budget.
        self.assertEqual(second.cmd("DATA").code, 354)
        second.send(make_message(second_subject, to="big@example.test") + bulk + b".\r\n")
        refused = second.reply()
        self.assertEqual(refused.code, 452, second.transcript())
        self.assertIn("4.3.1", str(refused))
        first.send(b"BDAT 0 LAST\r\n")
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
