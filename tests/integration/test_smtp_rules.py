#!/usr/bin/env python3
"""SMTP rules the core once broke, each through a real socket (conformance issue, part 3).

AUTH inside a mail transaction (RFC 4954 4), the hop limit that ends every mail loop (Postfix's
hopcount_limit, RFC 5321 6.3), lines that are not SMTP at all (HTTP requests and header fields,
Postfix's smtpd_forbidden_commands), command lines with a bare CR or LF (RFC 5321 2.3.8; the
SMTP smuggling family), repeated or empty ESMTP parameters (RFC 5321 4.1.2), and a message for
several local recipients of which one mailbox is full (as Postfix with Dovecot LMTP: the others
get it, the full one is refused — at RCPT when SIZE= tells, else by a delivery report).
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_smtp_rules.py
"""

import unittest

from fumibako_fixture import (ServerTestCase, dot_stuffed, make_message, parse, plain_auth,
                              transaction, unique, wait_for)

PW = "correct horse battery staple"


def with_received(count, subject, attached=0):
    """A message whose own header holds `count` Received: fields; `attached` more sit in an
    attached message/rfc822, where they are not hops of this message."""
    received = [f"Received: from hop{i}.other.test by hop{i + 1}.other.test; "
                f"Mon, 7 Dec 2026 10:00:{i % 60:02d} +0900" for i in range(count)]
    body = "Hello.\r\n"
    extra = []
    if attached:
        inner = "\r\n".join(f"Received: from in{i}.other.test by in{i + 1}.other.test; "
                            f"Mon, 7 Dec 2026 09:00:00 +0900" for i in range(attached))
        extra = ["MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b1"']
        body = ("--b1\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                "--b1\r\nContent-Type: message/rfc822\r\n\r\n" + inner +
                "\r\nSubject: inner\r\n\r\ninner body\r\n--b1--\r\n")
    return make_message(subject, body=body, to="loop@example.test",
                        extra_headers=received + extra)


class AuthInTransactionTest(ServerTestCase):
    """RFC 4954 4: "AUTH command is not permitted during a mail transaction"."""

    CONFIG = {"auth.failure_delay_ms": 0, "auth.allow_plaintext_loopback": "true"}
    ACCOUNTS = {"alice@example.test": PW, "bob@example.test": PW}

    def test_auth_after_mail_gets_503_5_5_1(self):
        c = self.server.submission_session("alice@example.test")
        self.assertEqual(c.cmd("MAIL FROM:<alice@example.test>").code, 250, c.transcript())
        r = c.cmd("AUTH PLAIN " + plain_auth("bob@example.test", PW))
        self.assertTrue(r.last.startswith("503 5.5.1"), c.transcript())
        # The transaction is still alice's and goes on.
        self.assertEqual(c.cmd("RCPT TO:<bob@example.test>").code, 250, c.transcript())

    def test_auth_pipelined_behind_mail_on_plaintext_loopback_gets_503_5_5_1(self):
        # Plaintext AUTH allowed on loopback: MAIL is refused (530) before AUTH, so the AUTH
        # that follows it is outside a transaction and succeeds; the second AUTH then gets 503.
        c = self.server.smtp_session("submission")
        c.send("MAIL FROM:<alice@example.test>\r\nAUTH PLAIN " + plain_auth("alice@example.test", PW)
               + "\r\nMAIL FROM:<alice@example.test>\r\nAUTH PLAIN "
               + plain_auth("alice@example.test", PW) + "\r\n")
        self.assertEqual(c.reply().code, 530, c.transcript())
        self.assertEqual(c.reply().code, 235, c.transcript())
        self.assertEqual(c.reply().code, 250, c.transcript())
        self.assertTrue(c.reply().last.startswith("503 5.5.1"), c.transcript())


class HopLimitTest(ServerTestCase):
    """50 Received: fields of its own (ours makes 51) is a loop: 554 5.4.6 at end of DATA."""

    ACCOUNTS = {"loop@example.test": PW, "sub@example.test": PW}

    def test_fifty_hops_are_refused_with_554_5_4_6(self):
        subject = unique("hops50")
        c = self.server.smtp_session()
        r = transaction(c, "sender@other.test", ["loop@example.test"], with_received(50, subject))
        self.assertEqual(r.last, "554 5.4.6 Too many hops", c.transcript())
        self.assertNotIn(subject, self.server.subjects("loop@example.test"))
        # The session goes on: the next message is judged on its own.
        r = transaction(c, "sender@other.test", ["loop@example.test"], with_received(49, subject))
        self.assertEqual(r.code, 250, c.transcript())
        stored = [m for m in self.server.messages("loop@example.test") if subject.encode() in m]
        self.assertEqual(len(stored), 1)
        header = stored[0].split(b"\r\n\r\n", 1)[0]
        self.assertEqual(header.count(b"\r\nReceived:"), 50)  # the 49 and ours

    def test_received_fields_of_an_attached_message_are_not_hops(self):
        subject = unique("attached")
        self.server.deliver("loop@example.test", with_received(10, subject, attached=60))
        self.assertIn(subject, self.server.subjects("loop@example.test"))

    def test_hop_limit_applies_on_submission_too(self):
        c = self.server.submission_session("sub@example.test", listener="smtps")
        r = transaction(c, "sub@example.test", ["loop@example.test"], with_received(55, unique("s")))
        self.assertEqual(r.last, "554 5.4.6 Too many hops", c.transcript())


class NonSmtpInputTest(ServerTestCase):
    """HTTP request lines and header fields sent as commands end the session at once."""

    ACCOUNTS = {"carol@example.test": PW}

    def assertClosedWith(self, c, code):
        r = c.reply()
        self.assertEqual(r.code, code, c.transcript())
        self.assertTrue(c.wait_closed(5), "the session stayed open\n" + c.transcript())

    def test_http_request_lines_close_the_session_with_221(self):
        for line in ("GET / HTTP/1.1", "POST /form HTTP/1.1", "CONNECT mx.example.test:25 HTTP/1.1",
                     "HEAD / HTTP/1.0", "get /lower HTTP/1.1"):
            with self.subTest(line=line):
                c = self.server.smtp_session()
                c.sendline(line)
                self.assertClosedWith(c, 221)

    def test_header_fields_as_commands_close_the_session(self):
        for line in ("Host: mx.example.test", "Subject: hello", "User-Agent:x"):
            with self.subTest(line=line):
                c = self.server.smtp_session()
                self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
                c.sendline(line)
                self.assertClosedWith(c, 221)

    def test_before_ehlo_too_and_the_line_is_logged(self):
        c = self.server.raw("smtp")
        self.assertEqual(c.reply().code, 220)
        c.sendline("POST /smuggle HTTP/1.1")
        self.assertClosedWith(c, 221)
        log = wait_for("the log line", lambda: "POST /smuggle" in (out := self.server.ctl("log").stdout)
                       and out)
        self.assertIn("non-SMTP command", log)

    def test_unknown_commands_still_get_502_and_the_session_stays(self):
        c = self.server.smtp_session()
        self.assertTrue(c.cmd("XYZZY").last.startswith("502 5.5.2"), c.transcript())
        self.assertEqual(c.cmd("NOOP").code, 250, c.transcript())


class BareLineEndTest(ServerTestCase):
    """A command line must end in CRLF and hold no bare CR: neither half is ever executed."""

    ACCOUNTS = {"dave@example.test": PW}

    def test_bare_lf_between_two_commands_executes_neither(self):
        c = self.server.smtp_session()
        c.send(b"MAIL FROM:<a@other.test>\nRCPT TO:<dave@example.test>\r\n")
        r = c.reply()
        self.assertTrue(r.last.startswith("521 5.5.2"), c.transcript())
        self.assertTrue(c.wait_closed(5), c.transcript())

    def test_command_ended_by_bare_lf_is_refused(self):
        c = self.server.smtp_session()
        c.send(b"NOOP\n")
        self.assertTrue(c.reply().last.startswith("521 5.5.2"), c.transcript())
        self.assertTrue(c.wait_closed(5), c.transcript())

    def test_bare_cr_inside_a_command_line_is_refused(self):
        c = self.server.smtp_session()
        c.send(b"MAIL FROM:<a@other.test>\rRCPT TO:<dave@example.test>\r\n")
        self.assertTrue(c.reply().last.startswith("521 5.5.2"), c.transcript())
        self.assertTrue(c.wait_closed(5), c.transcript())

    def test_smuggled_transaction_delivers_nothing(self):
        subject = unique("smuggled")
        c = self.server.smtp_session()
        c.send(b"MAIL FROM:<a@other.test>\nRCPT TO:<dave@example.test>\nDATA\n"
               + f"Subject: {subject}\n\nx\n.\n".encode() + b"QUIT\r\n")
        self.assertTrue(c.reply().last.startswith("521 5.5.2"), c.transcript())
        self.assertTrue(c.wait_closed(5), c.transcript())
        self.assertNotIn(subject, self.server.subjects("dave@example.test"))


class EsmtpParameterTest(ServerTestCase):
    """RFC 5321 4.1.2: esmtp-param = esmtp-keyword ["=" esmtp-value], a value is never empty;
    a parameter given twice is an error too (RFC 1870, 6152, 3461 each allow one)."""

    CONFIG = {"auth.failure_delay_ms": 0}
    ACCOUNTS = {"erin@example.test": PW}

    def test_repeated_or_empty_mail_parameters_get_501_5_5_4(self):
        c = self.server.smtp_session()
        for params in ("BODY=8BITMIME BODY=", "BODY=", "SIZE=10 SIZE=10", "BODY=7BIT BODY=8BITMIME",
                       "SIZE=", "SMTPUTF8 SMTPUTF8", "=7BIT"):
            with self.subTest(params=params):
                r = c.cmd(f"MAIL FROM:<sender@other.test> {params}")
                self.assertTrue(r.last.startswith("501 5.5.4"), c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test> BODY=8BITMIME SIZE=10").code, 250,
                         c.transcript())

    def test_repeated_rcpt_parameters_get_501_5_5_4(self):
        c = self.server.submission_session("erin@example.test", listener="smtps")
        self.assertEqual(c.cmd("MAIL FROM:<erin@example.test>").code, 250, c.transcript())
        for params in ("NOTIFY=NEVER NOTIFY=SUCCESS", "NOTIFY=", "ORCPT=rfc822;a@b.test ORCPT=rfc822;a@b.test"):
            with self.subTest(params=params):
                r = c.cmd(f"RCPT TO:<erin@example.test> {params}")
                self.assertTrue(r.last.startswith("501 5.5.4"), c.transcript())
        self.assertEqual(c.cmd("RCPT TO:<erin@example.test> NOTIFY=NEVER").code, 250, c.transcript())

    def test_repeated_dsn_mail_parameters_get_501_5_5_4(self):
        c = self.server.submission_session("erin@example.test", listener="smtps")
        for params in ("RET=HDRS RET=FULL", "ENVID=a ENVID=b", "RET="):
            with self.subTest(params=params):
                r = c.cmd(f"MAIL FROM:<erin@example.test> {params}")
                self.assertTrue(r.last.startswith("501 5.5.4"), c.transcript())


class FullMailboxAmongOthersTest(ServerTestCase):
    """One full mailbox does not keep a message from the others."""

    ACCOUNTS = {"full@example.test": PW, "roomy@example.test": PW, "also@example.test": PW,
                "author@example.test": PW}
    QUOTAS = {"full@example.test": (3000, 0)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # About 1,800 octets stored: a 2,000-octet message no longer fits in the 3,000 of the quota.
        msg = make_message(unique("filler"), to="full@example.test")
        cls.server.deliver("full@example.test", msg + b"f" * (1500 - len(msg)) + b"\r\n")

    def message(self, subject):
        msg = make_message(subject, sender="author@example.test", to="roomy@example.test")
        return msg + b"z" * (2000 - len(msg)) + b"\r\n"

    def test_size_announced_refuses_only_the_full_mailbox_at_rcpt(self):
        subject = unique("sized")
        c = self.server.smtp_session()
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test> SIZE=2002").code, 250, c.transcript())
        self.assertEqual(c.cmd("RCPT TO:<roomy@example.test>").code, 250, c.transcript())
        r = c.cmd("RCPT TO:<full@example.test>")
        self.assertTrue(r.last.startswith("452 4.2.2"), c.transcript())
        self.assertEqual(c.cmd("DATA").code, 354, c.transcript())
        c.send(dot_stuffed(self.message(subject)))
        self.assertEqual(c.reply().code, 250, c.transcript())
        self.assertIn(subject, self.server.subjects("roomy@example.test"))
        self.assertNotIn(subject, self.server.subjects("full@example.test"))

    def test_without_size_the_others_get_it_and_the_sender_a_report(self):
        subject = unique("nosize")
        # From a local sender so the report can be read back from its mailbox.
        c = self.server.smtp_session()
        r = transaction(c, "author@example.test",
                        ["roomy@example.test", "full@example.test", "also@example.test"],
                        self.message(subject))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertIn(subject, self.server.subjects("roomy@example.test"))
        self.assertIn(subject, self.server.subjects("also@example.test"))
        self.assertNotIn(subject, self.server.subjects("full@example.test"))
        reports = [parse(m) for m in self.server.messages("author@example.test")]
        self.assertEqual(len(reports), 1, [r["Subject"] for r in reports])
        report = reports[0]
        self.assertIn("multipart/report", report["Content-Type"])
        status = next(p for p in report.walk()
                      if p.get_content_type() == "message/delivery-status").as_string()
        self.assertIn("full@example.test", status)
        self.assertIn("5.2.2", status)
        self.assertNotIn("roomy@example.test", status)
        wait_for("the refusal in the log",
                 lambda: "mailbox full" in self.server.ctl("log", "--kind", "delivery").stdout)

    def test_when_every_recipient_is_full_the_client_hears_it_at_end_of_data(self):
        c = self.server.smtp_session()
        r = transaction(c, "author@example.test", ["full@example.test"], self.message(unique("all")))
        self.assertTrue(r.last.startswith("452 4.2.2"), c.transcript())


if __name__ == "__main__":
    unittest.main()
