#!/usr/bin/env python3
"""Date: and Message-ID: added to submitted mail that lacks them (RFC 6409 8.2, 8.3), through
the real protocol: smtplib on submission (STARTTLS + AUTH) and smtps, the message read back
with imaplib (and BDAT from a raw client). A message without them arrives with both (an RFC 5322 date with a zone, an id at
the server's host name); fields that are present come through byte for byte; a message without
any header keeps its text as body; mail over the MX port is stored exactly as it came.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_submission_headers.py
"""

import email.utils
import re
import time
import unittest

from fumibako_fixture import ServerTestCase, parse, unique

PW = "submission headers 123"
ALICE = "alice@example.test"
BOB = "bob@example.test"
HOSTNAME = "mail.example.test"


def bare_message(subject, extra=b""):
    """A message as a minimal client writes it: no Date:, no Message-ID:."""
    return (f"From: <{ALICE}>\r\nTo: <{BOB}>\r\nSubject: {subject}\r\n".encode() + extra
            + b"\r\nHello Bob.\r\n")


class MissingHeadersTest(ServerTestCase):
    CONFIG = {"auth.failure_delay_ms": 0, "server.hostname": HOSTNAME}
    ACCOUNTS = {ALICE: PW, BOB: PW}

    def stored(self, marker):
        """The one message in bob's INBOX that contains `marker`, as IMAP returns it."""
        m = self.server.imap(BOB)
        try:
            m.select("INBOX", readonly=True)
            typ, data = m.fetch("1:*", "(BODY.PEEK[])")
            self.assertEqual(typ, "OK", m.transcript())
            got = [item[1] for item in data if isinstance(item, tuple) and marker in item[1]]
        finally:
            m.logout()
        self.assertEqual(len(got), 1, f"{marker!r} in bob's mailbox: {len(got)} copies")
        return got[0]

    def assertOneDateNearNow(self, msg):
        dates = msg.get_all("Date") or []
        self.assertEqual(len(dates), 1, dates)
        # RFC 5322 3.3 with a numeric zone, not a zone name.
        self.assertRegex(dates[0], r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$")
        when = email.utils.parsedate_to_datetime(dates[0])
        self.assertLess(abs(when.timestamp() - time.time()), 300, dates[0])

    def assertOneServerMessageId(self, msg):
        ids = msg.get_all("Message-ID") or []
        self.assertEqual(len(ids), 1, ids)
        self.assertRegex(ids[0], r"^<[!-=?-~]+@" + re.escape(HOSTNAME) + ">$")

    def test_missing_date_and_message_id_are_added_on_submission_and_smtps(self):
        ids = set()
        for listener in ("submission", "smtps"):
            with self.subTest(listener=listener):
                subject = unique(listener)
                original = bare_message(subject)
                self.server.submit(ALICE, [BOB], original, listener=listener)
                raw = self.stored(subject.encode())
                msg = parse(raw)
                self.assertOneDateNearNow(msg)
                self.assertOneServerMessageId(msg)
                ids.add(msg["Message-ID"])
                # The client's own bytes follow the added fields unchanged.
                self.assertTrue(raw.endswith(original), raw)
                self.assertEqual(msg.get_payload(), "Hello Bob.\r\n")
                # Trace fields first, then the added ones, then the client's header.
                self.assertLess(raw.index(b"Received:"), raw.index(b"\r\nDate:"))
                self.assertLess(raw.index(b"\r\nMessage-ID:"), raw.index(b"From: <"))
        self.assertEqual(len(ids), 2, ids)

    def test_present_fields_are_kept_byte_for_byte(self):
        subject = unique("kept")
        # Odd but valid forms: a comment after the zone, a folded id, names in other cases.
        header = (b"DATE: Mon, 1 Apr 2024 10:00:00 +0900 (JST)\r\n"
                  b"Message-Id:\r\n <" + subject.encode() + b"@client.example>\r\n")
        original = bare_message(subject, header)
        self.server.submit(ALICE, [BOB], original, listener="submission")
        raw = self.stored(subject.encode())
        self.assertTrue(raw.endswith(original), raw)
        msg = parse(raw)
        self.assertEqual(msg.get_all("Date"), ["Mon, 1 Apr 2024 10:00:00 +0900 (JST)"])
        self.assertEqual(len(msg.get_all("Message-ID")), 1)
        self.assertEqual(raw.count(b"@client.example>"), 1)

    def test_only_the_missing_one_is_added(self):
        subject = unique("half")
        original = bare_message(subject, b"Message-ID: <" + subject.encode() + b"@client.example>\r\n")
        self.server.submit(ALICE, [BOB], original, listener="smtps")
        raw = self.stored(subject.encode())
        msg = parse(raw)
        self.assertOneDateNearNow(msg)
        self.assertEqual(msg.get_all("Message-ID"), [f"<{subject}@client.example>"])
        self.assertTrue(raw.endswith(original), raw)

    def test_a_date_in_a_folded_field_or_the_body_is_not_a_date_field(self):
        subject = unique("folded")
        original = (f"From: <{ALICE}>\r\nSubject: {subject}\r\n Date: not a field\r\n"
                    "\r\nDate: Mon, 1 Apr 2024 10:00:00 +0900\r\nMessage-ID: <in@body>\r\n").encode()
        self.server.submit(ALICE, [BOB], original, listener="submission")
        msg = parse(self.stored(subject.encode()))
        self.assertOneDateNearNow(msg)
        self.assertOneServerMessageId(msg)

    def test_a_message_without_a_header_keeps_its_text_as_body(self):
        marker = unique("noheader")
        text = f"{marker} is just text, no header.\r\nSecond line: still text.\r\n".encode()
        self.server.submit(ALICE, [BOB], text, listener="submission")
        raw = self.stored(marker.encode())
        msg = parse(raw)
        self.assertOneDateNearNow(msg)
        self.assertOneServerMessageId(msg)
        self.assertEqual(msg.get_payload().encode(), text)

    def test_bdat_with_bare_lf_lines_and_a_folded_subject(self):
        # RFC 3030 lets BDAT carry bare LF lines (stored as CRLF); the split between chunks
        # falls inside the header.
        subject = unique("bdat")
        msg = (f"From: <{ALICE}>\nSubject: {subject}\n Date: folded, not a field\n"
               "message-id: <" + subject + "@client.example>\n\nHello.\n").encode()
        c = self.server.submission_session(ALICE)
        self.assertEqual(c.cmd(f"MAIL FROM:<{ALICE}>").code, 250, c.transcript())
        self.assertEqual(c.cmd(f"RCPT TO:<{BOB}>").code, 250, c.transcript())
        for chunk, last in ((msg[:30], ""), (msg[30:], " LAST")):
            c.send(b"BDAT %d%s\r\n" % (len(chunk), last.encode()) + chunk)
            self.assertEqual(c.reply().code, 250, c.transcript())
        raw = self.stored(subject.encode())
        msg_crlf = msg.replace(b"\n", b"\r\n")
        self.assertTrue(raw.endswith(msg_crlf), raw)
        parsed = parse(raw)
        self.assertOneDateNearNow(parsed)
        self.assertEqual(parsed.get_all("Message-ID"), [f"<{subject}@client.example>"])

    def test_mx_port_mail_is_stored_as_it_came(self):
        subject = unique("mx")
        original = (f"From: <sender@other.test>\r\nTo: <{BOB}>\r\nSubject: {subject}\r\n"
                    "\r\nNo date, no id.\r\n").encode()
        self.server.deliver(BOB, original, sender="sender@other.test")
        raw = self.stored(subject.encode())
        msg = parse(raw)
        self.assertIsNone(msg["Date"], raw)
        self.assertIsNone(msg["Message-ID"], raw)
        self.assertTrue(raw.endswith(original), raw)


if __name__ == "__main__":
    unittest.main()
