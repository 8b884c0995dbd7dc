#!/usr/bin/env python3
"""SMTP behaviour of fumibakod through real sockets (RFC 5321, 3207, 4954, 1870, 3030).

Each TestCase class runs its own server with the settings it needs: the MX role, submission and
smtps rules, syntax and size limits, DATA framing (bare LF smuggling), STARTTLS injection, quotas,
reserved addresses, trace headers, auth throttling and per-IP connection limits.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_smtp.py
"""

import base64
import socket
import ssl
import time
import unittest

from fumibako_fixture import (HOST, ServerTestCase, dot_stuffed, make_message, parse,
                              plain_auth, transaction, unique)

PW = "correct horse battery staple"


def keywords(ehlo_reply):
    """EHLO keywords (upper case, first word of each line after the greeting) -> full line."""
    return {line.split()[0].upper(): line.upper() for line in ehlo_reply.lines[1:] if line}


class EhloTest(ServerTestCase):
    """EHLO advertises the extensions of the contract, AUTH only once TLS is up."""

    ACCOUNTS = {"alice@example.test": PW}
    EXTENSIONS = ["PIPELINING", "SIZE 20971520", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8",
                  "CHUNKING"]

    def assertExtensions(self, reply, client):
        advertised = [line.upper() for line in reply.lines[1:]]
        for ext in self.EXTENSIONS:
            self.assertIn(ext, advertised, f"{ext} missing\n{client.transcript()}")

    def test_mx_port_advertises_extensions_and_starttls_but_not_auth(self):
        c = self.server.smtp_session("smtp")
        self.assertExtensions(c.ehlo_reply, c)
        kw = keywords(c.ehlo_reply)
        self.assertIn("STARTTLS", kw, c.transcript())
        self.assertNotIn("AUTH", kw, c.transcript())

    def test_submission_advertises_auth_plain_login_only_after_starttls(self):
        c = self.server.smtp_session("submission")
        self.assertExtensions(c.ehlo_reply, c)
        before = keywords(c.ehlo_reply)
        self.assertIn("STARTTLS", before, c.transcript())
        self.assertNotIn("AUTH", before, c.transcript())
        self.assertEqual(c.cmd("STARTTLS").code, 220, c.transcript())
        c.starttls(self.server.tls_context())
        after_reply = c.ehlo()
        self.assertEqual(after_reply.code, 250, c.transcript())
        self.assertExtensions(after_reply, c)
        after = keywords(after_reply)
        self.assertIn("AUTH", after, c.transcript())
        self.assertTrue({"PLAIN", "LOGIN"} <= set(after["AUTH"].split()[1:]), c.transcript())
        self.assertNotIn("STARTTLS", after, "STARTTLS offered again inside TLS (RFC 3207 4.2)\n"
                         + c.transcript())

    def test_smtps_advertises_auth_and_no_starttls(self):
        c = self.server.smtp_session("smtps")
        self.assertExtensions(c.ehlo_reply, c)
        kw = keywords(c.ehlo_reply)
        self.assertIn("AUTH", kw, c.transcript())
        self.assertTrue({"PLAIN", "LOGIN"} <= set(kw["AUTH"].split()[1:]), c.transcript())
        self.assertNotIn("STARTTLS", kw, c.transcript())


class MxRoleTest(ServerTestCase):
    """The smtp port takes mail for local users without AUTH and relays for nobody."""

    ACCOUNTS = {"bob@example.test": PW}

    def test_mail_for_local_user_is_accepted_without_auth_and_delivered(self):
        subject = unique("mx")
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["bob@example.test"],
                        make_message(subject, to="bob@example.test"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertIn(subject, self.server.subjects("bob@example.test"))

    def test_relay_attempts_are_refused_with_access_denied(self):
        attempts = {
            "alice@other.test": ["alice@other.test"],
            "bob%other.test@example.test": ["bob%other.test@example.test"],
            "other.test!bob@example.test": ["other.test!bob@example.test"],
            # A source route may be quoted whole or reduced to its mailbox (RFC 5321 4.1.1.3).
            "@a.test:bob@other.test": ["@a.test:bob@other.test", "bob@other.test"],
            "@a.test:bob@example.test": ["@a.test:bob@example.test", "bob@example.test"],
            '"bob@other.test"@example.test': ['"bob@other.test"@example.test'],
        }
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        for path, shown in attempts.items():
            with self.subTest(path=path):
                r = c.cmd(f"RCPT TO:<{path}>")
                expected = [f"554 5.7.1 <{a}>: Recipient address rejected: Access denied"
                            for a in shown]
                self.assertIn(r.last, expected, c.transcript())
        r = c.cmd("DATA")
        self.assertNotEqual(r.code, 354, "DATA accepted with only refused recipients\n"
                            + c.transcript())

    def test_unknown_local_user_is_refused_as_user_unknown(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        r = c.cmd("RCPT TO:<nobody@example.test>")
        self.assertEqual(r.last, "550 5.1.1 <nobody@example.test>: Recipient address rejected: "
                                 "User unknown in virtual mailbox table", c.transcript())

    def test_domain_of_recipient_is_case_insensitive(self):
        subject = unique("case")
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["bob@EXAMPLE.Test"],
                        make_message(subject, to="bob@EXAMPLE.Test"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertIn(subject, self.server.subjects("bob@example.test"))


class SubmissionTest(ServerTestCase):
    """Submission and smtps: TLS first, then AUTH, then only the user's own sender address."""

    ACCOUNTS = {"alice@example.test": PW, "bob@example.test": PW}

    def tls_session(self):
        c = self.server.smtp_session("submission")
        self.assertEqual(c.cmd("STARTTLS").code, 220, c.transcript())
        c.starttls(self.server.tls_context())
        self.assertEqual(c.ehlo().code, 250, c.transcript())
        return c

    def test_mail_without_auth_is_refused_with_530_after_tls(self):
        c = self.tls_session()
        r = c.cmd("MAIL FROM:<alice@example.test>")
        self.assertTrue(r.last.startswith("530 5.7.0 "), c.transcript())
        self.assertIn("Authentication required", r.last, c.transcript())

    def test_mail_without_auth_is_refused_with_530_before_tls(self):
        c = self.server.smtp_session("submission")
        r = c.cmd("MAIL FROM:<alice@example.test>")
        self.assertTrue(r.last.startswith("530 5.7.0 "), c.transcript())

    def test_auth_before_starttls_is_refused(self):
        c = self.server.smtp_session("submission")
        r = c.cmd("AUTH PLAIN " + plain_auth("alice@example.test", PW))
        self.assertGreaterEqual(r.code, 500, "AUTH in cleartext must fail\n" + c.transcript())

    def test_auth_plain_with_wrong_password_gets_535(self):
        c = self.tls_session()
        r = c.cmd("AUTH PLAIN " + plain_auth("alice@example.test", "wrong password"))
        self.assertEqual(r.code, 535, c.transcript())
        r = c.cmd("MAIL FROM:<alice@example.test>")
        self.assertEqual(r.code, 530, "failed AUTH must not authenticate\n" + c.transcript())

    def test_auth_login_with_right_password_succeeds(self):
        c = self.tls_session()
        b64 = lambda s: base64.b64encode(s.encode()).decode()
        self.assertEqual(c.cmd("AUTH LOGIN").code, 334, c.transcript())
        self.assertEqual(c.cmd(b64("alice@example.test")).code, 334, c.transcript())
        self.assertEqual(c.cmd(b64(PW)).code, 235, c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<alice@example.test>").code, 250, c.transcript())

    def test_sender_other_than_own_address_is_refused(self):
        for listener, sender in [("submission", "bob@example.test"),
                                 ("submission", "alice@other.test"), ("smtps", "bob@example.test")]:
            with self.subTest(listener=listener, sender=sender):
                c = self.server.submission_session("alice@example.test", listener=listener)
                r = c.cmd(f"MAIL FROM:<{sender}>")
                self.assertEqual(r.last, f"554 5.7.1 <{sender}>: Sender address rejected: "
                                         "Access denied", c.transcript())

    def test_null_sender_is_refused_on_submission(self):
        for listener in ["submission", "smtps"]:
            with self.subTest(listener=listener):
                c = self.server.submission_session("alice@example.test", listener=listener)
                r = c.cmd("MAIL FROM:<>")
                self.assertTrue(r.last.startswith("554 5.7.1"), c.transcript())

    def test_authenticated_user_sends_to_local_user_over_starttls(self):
        subject = unique("sub")
        self.server.submit("alice@example.test", ["bob@example.test"],
                           make_message(subject, sender="alice@example.test",
                                        to="bob@example.test"), listener="submission")
        self.assertIn(subject, self.server.subjects("bob@example.test"))

    def test_smtps_requires_auth_before_mail(self):
        c = self.server.smtp_session("smtps")
        r = c.cmd("MAIL FROM:<alice@example.test>")
        self.assertTrue(r.last.startswith("530 5.7.0 "), c.transcript())

    def test_authenticated_user_sends_to_local_user_over_smtps(self):
        subject = unique("smtps")
        self.server.submit("alice@example.test", ["bob@example.test"],
                           make_message(subject, sender="alice@example.test",
                                        to="bob@example.test"), listener="smtps")
        self.assertIn(subject, self.server.subjects("bob@example.test"))


class CommandSyntaxTest(ServerTestCase):
    """Malformed paths, recipient count, SIZE, and command line length."""

    RCPTS = [f"r{i:03d}@example.test" for i in range(101)]
    ACCOUNTS = {a: None for a in RCPTS}
    BAD_PATHS = ["<carol@example.test", "<carol@@example.test>", "<carol@>",
                 "<carol@exa(mple.test>", "<carol example.test>"]

    def test_malformed_sender_paths_get_501_5_1_7(self):
        c = self.server.smtp_session("smtp")
        for path in self.BAD_PATHS:
            with self.subTest(path=path):
                r = c.cmd(f"MAIL FROM:{path}")
                self.assertEqual(r.last, "501 5.1.7 Bad sender address syntax", c.transcript())

    def test_malformed_recipient_paths_get_501_5_1_3(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        for path in self.BAD_PATHS:
            with self.subTest(path=path):
                r = c.cmd(f"RCPT TO:{path}")
                self.assertEqual(r.last, "501 5.1.3 Bad recipient address syntax",
                                 c.transcript())

    def test_hundred_recipients_are_accepted_and_the_101st_refused(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        # Pipelined (RFC 2920): all RCPTs in one write, then the replies in order.
        c.send("".join(f"RCPT TO:<{a}>\r\n" for a in self.RCPTS))
        replies = [c.reply() for _ in self.RCPTS]
        for i, r in enumerate(replies[:100]):
            self.assertEqual(r.code, 250, f"recipient {i + 1}: {r}")
        self.assertEqual(replies[100].last, "452 4.5.3 Error: too many recipients")

    def test_size_parameter_over_limit_gets_552_5_3_4(self):
        c = self.server.smtp_session("smtp")
        r = c.cmd("MAIL FROM:<sender@other.test> SIZE=20971521")
        self.assertTrue(r.last.startswith("552 5.3.4"), c.transcript())
        r = c.cmd("MAIL FROM:<sender@other.test> SIZE=20971520")
        self.assertEqual(r.code, 250, "a message of exactly the limit is allowed\n"
                         + c.transcript())

    def test_command_line_over_2048_octets_gets_500_5_5_2(self):
        c = self.server.smtp_session("smtp")
        r = c.cmd("NOOP " + "x" * 2100)
        self.assertEqual(r.last, "500 5.5.2 Error: line too long", c.transcript())
        # The server is still there for the next client.
        self.assertEqual(self.server.smtp_session("smtp").cmd("NOOP").code, 250)

    def test_command_line_of_2000_octets_is_not_too_long(self):
        c = self.server.smtp_session("smtp")
        r = c.cmd("NOOP " + "x" * 1993)  # 2000 octets with CRLF; NOOP takes a string (4.1.1.9)
        self.assertEqual(r.code, 250, c.transcript())


class DataTest(ServerTestCase):
    """DATA framing: only CRLF.CRLF ends a message, bare CR/LF are refused, and big or odd
    bodies that are legal arrive unchanged."""

    ACCOUNTS = {"dave@example.test": PW, "big@example.test": PW,
                **{f"victim{i}@example.test": PW for i in range(4)}}

    def test_message_with_100kb_line_is_accepted_and_delivered_intact(self):
        subject = unique("long")
        line = ("0123456789" * 10000).encode()
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["dave@example.test"],
                        make_message(subject, to="dave@example.test") + line + b"\r\n")
        self.assertEqual(r.code, 250, c.transcript())
        got = [m for m in self.server.messages("dave@example.test") if subject.encode() in m]
        self.assertEqual(len(got), 1)
        self.assertIn(b"\r\n" + line + b"\r\n", got[0])

    def test_8bit_body_is_delivered_unchanged(self):
        subject = unique("8bit")
        body = "日本語の本文です。\r\n".encode("utf-8")
        msg = make_message(subject, to="dave@example.test",
                           extra_headers=["MIME-Version: 1.0",
                                          "Content-Type: text/plain; charset=UTF-8",
                                          "Content-Transfer-Encoding: 8bit"]) + body
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test> BODY=8BITMIME").code, 250,
                         c.transcript())
        self.assertEqual(c.cmd("RCPT TO:<dave@example.test>").code, 250, c.transcript())
        self.assertEqual(c.cmd("DATA").code, 354, c.transcript())
        c.send(dot_stuffed(msg))
        self.assertEqual(c.reply().code, 250, c.transcript())
        got = [m for m in self.server.messages("dave@example.test") if subject.encode() in m]
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0].endswith(msg), got[0][-300:])

    def test_dot_stuffed_lines_are_unstuffed_once(self):
        subject = unique("dots")
        body = b".leading dot\r\n..two dots\r\n.\tdot tab\r\n"
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["dave@example.test"],
                        make_message(subject, to="dave@example.test") + body)
        self.assertEqual(r.code, 250, c.transcript())
        got = [m for m in self.server.messages("dave@example.test") if subject.encode() in m]
        self.assertTrue(got and got[0].endswith(body), got)

    def test_pipelined_transaction_gets_one_reply_per_command(self):
        subject = unique("pipe")
        c = self.server.smtp_session("smtp")
        c.send("MAIL FROM:<sender@other.test>\r\nRCPT TO:<dave@example.test>\r\n"
               "RCPT TO:<nobody@example.test>\r\nDATA\r\n")
        codes = [c.reply().code for _ in range(4)]
        self.assertEqual(codes, [250, 250, 550, 354], c.transcript())
        c.send(dot_stuffed(make_message(subject, to="dave@example.test")) + b"QUIT\r\n")
        self.assertEqual(c.reply().code, 250, c.transcript())
        self.assertEqual(c.reply().code, 221, c.transcript())
        self.assertIn(subject, self.server.subjects("dave@example.test"))

    def test_bdat_chunks_make_one_message(self):
        subject = unique("bdat")
        msg = make_message(subject, to="dave@example.test", body="part one\r\npart two\r\n")
        first, second = msg[:40], msg[40:]
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        self.assertEqual(c.cmd("RCPT TO:<dave@example.test>").code, 250, c.transcript())
        c.send(b"BDAT %d\r\n" % len(first) + first)
        self.assertEqual(c.reply().code, 250, c.transcript())
        c.send(b"BDAT %d LAST\r\n" % len(second) + second)
        self.assertEqual(c.reply().code, 250, c.transcript())
        got = [m for m in self.server.messages("dave@example.test") if subject.encode() in m]
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0].endswith(msg), got[0][-300:])

    def test_fake_end_of_data_with_bare_cr_or_lf_does_not_smuggle_a_message(self):
        for i, fake_end in enumerate([b"\n.\n", b"\r.\r", b"\n.\r\n"]):
            victim = f"victim{i}@example.test"
            with self.subTest(fake_end=fake_end):
                c = self.server.smtp_session("smtp")
                self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
                self.assertEqual(c.cmd(f"RCPT TO:<{victim}>").code, 250)
                self.assertEqual(c.cmd("DATA").code, 354)
                c.send(make_message("carrier", to=victim) + b"innocent text" + fake_end
                       + f"MAIL FROM:<ceo@example.test>\r\nRCPT TO:<{victim}>\r\nDATA\r\n"
                         f"From: <ceo@example.test>\r\nSubject: smuggled\r\n\r\n"
                         f"Wire the money.\r\n.\r\n".encode())
                r = c.reply()
                self.assertEqual(r.code, 550, c.transcript())
                self.assertTrue(r.last.startswith("550 5.5.2"), c.transcript())
                # The next reply must answer our QUIT, not a smuggled command.
                r = c.cmd("QUIT")
                self.assertEqual(r.code, 221, c.transcript())
                self.assertEqual(self.server.subjects(victim), [], c.transcript())

    def test_message_with_bare_lf_is_refused_after_end_of_data(self):
        victim = "victim3@example.test"
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(c.cmd(f"RCPT TO:<{victim}>").code, 250)
        self.assertEqual(c.cmd("DATA").code, 354)
        c.send(make_message("bare lf", to=victim) + b"line one\nline two\r\n.\r\n")
        r = c.reply()
        self.assertTrue(r.last.startswith("550 5.5.2"), c.transcript())
        self.assertEqual(c.cmd("NOOP").code, 250, c.transcript())
        self.assertEqual(self.server.count(victim), 0)

    def test_body_over_size_limit_gets_552_5_3_4_and_is_not_delivered(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(c.cmd("RCPT TO:<big@example.test>").code, 250)
        self.assertEqual(c.cmd("DATA").code, 354)
        chunk = (b"x" * 998 + b"\r\n") * 1000  # 1 MB
        try:
            c.send(make_message("too big", to="big@example.test"))
            c.log.append("C: <21 MB of body lines>")
            for _ in range(21):
                c.sock.sendall(chunk)
            c.send(b".\r\n")
        except (BrokenPipeError, ConnectionResetError) as e:
            c.log.append(f"-- send failed: {e!r} (server stopped reading early) --")
        r = c.reply()
        self.assertTrue(r.last.startswith("552 5.3.4"), c.transcript())
        self.assertEqual(self.server.count("big@example.test"), 0)


class StartTlsInjectionTest(ServerTestCase):
    """Commands sent in the same packet as STARTTLS are thrown away (CVE-2011-0411 class)."""

    def test_command_pipelined_after_starttls_is_not_executed(self):
        for listener in ["submission", "smtp"]:
            with self.subTest(listener=listener):
                c = self.server.smtp_session(listener)
                c.send(b"STARTTLS\r\nRSET\r\n")
                r = c.reply()
                self.assertEqual(r.code, 220, c.transcript())
                leftover = c.starttls(self.server.tls_context())
                self.assertEqual(leftover, b"", "plaintext after the 220\n" + c.transcript())
                r = c.ehlo()
                self.assertEqual(r.code, 250, c.transcript())
                self.assertTrue(r.multiline, "first reply inside TLS was not EHLO's: the "
                                "injected RSET ran\n" + c.transcript())
                self.assertEqual(c.cmd("NOOP").code, 250, c.transcript())
                self.assertEqual(c.pending(0.5), b"", c.transcript())


class QuotaTest(ServerTestCase):
    """Per-mailbox byte quota: 552 5.2.2 for a message bigger than the quota, 452 4.2.2 when it
    would overflow (at end of DATA) or when the mailbox is already full (at RCPT)."""

    ACCOUNTS = {"small@example.test": PW, "fill@example.test": PW, "full@example.test": PW,
                "one@example.test": PW}
    QUOTAS = {"small@example.test": (1000, 0), "fill@example.test": (1000, 0),
              "one@example.test": (0, 1)}

    def sized_message(self, size, to):
        msg = make_message(unique("q"), to=to)
        return msg + b"y" * (size - len(msg) - 2) + b"\r\n"

    def test_message_bigger_than_the_whole_quota_gets_552_5_2_2(self):
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["small@example.test"],
                        self.sized_message(2000, "small@example.test"))
        self.assertTrue(r.last.startswith("552 5.2.2"), c.transcript())
        self.assertEqual(self.server.count("small@example.test"), 0)

    def test_message_that_would_overflow_the_quota_gets_452_4_2_2(self):
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["fill@example.test"],
                        self.sized_message(450, "fill@example.test"))
        self.assertEqual(r.code, 250, c.transcript())
        r = transaction(c, "sender@other.test", ["fill@example.test"],
                        self.sized_message(600, "fill@example.test"))
        self.assertTrue(r.last.startswith("452 4.2.2"), c.transcript())
        self.assertIn("Mailbox full", r.last, c.transcript())
        self.assertEqual(self.server.count("fill@example.test"), 1)

    def test_message_count_quota_refuses_the_next_message_with_4_2_2(self):
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["one@example.test"],
                        self.sized_message(300, "one@example.test"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        r = c.cmd("RCPT TO:<one@example.test>")
        if r.code == 250:  # refused at end of DATA instead of at RCPT
            self.assertEqual(c.cmd("DATA").code, 354, c.transcript())
            c.send(dot_stuffed(self.sized_message(300, "one@example.test")))
            r = c.reply()
        self.assertTrue(r.last.startswith("452 4.2.2"), c.transcript())
        self.assertEqual(self.server.count("one@example.test"), 1)

    def test_rcpt_to_mailbox_already_over_quota_gets_452_4_2_2(self):
        self.server.deliver("full@example.test", self.sized_message(450, "full@example.test"))
        self.server.stop()
        self.server.set_quota("full@example.test", 300, 0)
        self.server.start()
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        r = c.cmd("RCPT TO:<full@example.test>")
        self.assertTrue(r.last.startswith("452 4.2.2"), c.transcript())
        self.assertIn("Mailbox full", r.last, c.transcript())


class ReservedAddressTest(ServerTestCase):
    """postmaster, mailer-daemon and root reach the admin; noreply accepts and discards."""

    ADMIN = "boss@example.test"
    ACCOUNTS = {"boss@example.test": PW, "frank@example.test": PW}

    def test_postmaster_mailer_daemon_and_root_reach_the_admin_mailbox(self):
        sent = {}
        for local in ["postmaster", "mailer-daemon", "root"]:
            sent[local] = unique(local)
            self.server.deliver(f"{local}@example.test",
                                make_message(sent[local], to=f"{local}@example.test"))
        subjects = self.server.subjects("boss@example.test")
        for local, subject in sent.items():
            self.assertIn(subject, subjects, f"mail to {local}@ not in the admin's mailbox")

    def test_postmaster_is_case_insensitive_and_needs_no_domain(self):
        # RFC 5321 4.5.1: <Postmaster> without a domain must be accepted; the name is
        # case-insensitive (2.4).
        for rcpt in ["Postmaster@example.test", "postmaster", "POSTMASTER"]:
            with self.subTest(rcpt=rcpt):
                subject = unique("pm")
                c = self.server.smtp_session("smtp")
                r = transaction(c, "sender@other.test", [rcpt], make_message(subject, to=rcpt))
                self.assertEqual(r.code, 250, c.transcript())
                self.assertIn(subject, self.server.subjects("boss@example.test"))

    def test_noreply_accepts_mail_and_stores_nothing(self):
        # Control: a normal delivery adds one file to a Maildir, so the count below can move.
        before = len(self.server.maildir_files())
        self.server.deliver("frank@example.test", make_message(unique("ctl"),
                                                               to="frank@example.test"))
        self.assertEqual(len(self.server.maildir_files()), before + 1)

        files = len(self.server.maildir_files())
        admin = self.server.count("boss@example.test")
        frank = self.server.count("frank@example.test")
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["noreply@example.test"],
                        make_message(unique("nr"), to="noreply@example.test"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertEqual(len(self.server.maildir_files()), files)
        self.assertEqual(self.server.count("boss@example.test"), admin)
        self.assertEqual(self.server.count("frank@example.test"), frank)
        self.assertEqual(self.server.accounts()["noreply@example.test"][2], 0,
                         "noreply@ shows used bytes")


class TraceHeaderTest(ServerTestCase):
    """Delivered mail carries Return-Path, Delivered-To and Received (RFC 5321 4.4)."""

    ACCOUNTS = {"gina@example.test": PW, "hank@example.test": PW}

    def delivered(self, subject):
        got = [m for m in self.server.messages("gina@example.test") if subject.encode() in m]
        self.assertEqual(len(got), 1)
        return got[0]

    def test_mx_delivery_prepends_return_path_delivered_to_and_received(self):
        subject = unique("trace")
        self.server.deliver("gina@example.test", make_message(subject, to="gina@example.test"),
                            sender="sender@other.test")
        raw = self.delivered(subject)
        msg = parse(raw)
        self.assertEqual(msg["Return-Path"], "<sender@other.test>")
        self.assertEqual(msg["Delivered-To"], "gina@example.test")
        received = msg.get_all("Received") or []
        self.assertEqual(len(received), 1, raw[:600])
        self.assertNotIn("Authenticated sender", received[0])
        # Trace fields come before the original header (RFC 5322 3.6.7).
        self.assertLess(raw.index(b"Received:"), raw.index(b"From: <sender@other.test>"))

    def test_null_sender_gives_empty_return_path(self):
        subject = unique("bounce")
        c = self.server.smtp_session("smtp")
        r = transaction(c, "", ["gina@example.test"], make_message(subject, to="gina@example.test"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertEqual(parse(self.delivered(subject))["Return-Path"], "<>")

    def test_authenticated_tls_submission_is_recorded_in_received(self):
        subject = unique("authtrace")
        self.server.submit("hank@example.test", ["gina@example.test"],
                           make_message(subject, sender="hank@example.test",
                                        to="gina@example.test"), listener="submission")
        received = parse(self.delivered(subject)).get_all("Received")[0]
        self.assertIn("using TLS", received)
        self.assertIn("Authenticated sender:", received)
        self.assertIn("hank@example.test", received)


class ConfiguredLimitsTest(ServerTestCase):
    """Settings changed with `fumibakoctl config set` before start are what the server enforces."""

    CONFIG = {"auth.failure_delay_ms": 0, "smtp.max_message_size": 10000,
              "smtp.max_recipients": 5}
    ACCOUNTS = {f"l{i}@example.test": None for i in range(6)}

    def test_ehlo_size_shows_the_configured_limit(self):
        c = self.server.smtp_session("smtp")
        self.assertIn("SIZE 10000", [line.upper() for line in c.ehlo_reply.lines], c.transcript())

    def test_body_over_configured_size_gets_552_5_3_4(self):
        c = self.server.smtp_session("smtp")
        msg = make_message(unique("big"), to="l0@example.test") + (b"z" * 78 + b"\r\n") * 150
        r = transaction(c, "sender@other.test", ["l0@example.test"], msg)
        self.assertTrue(r.last.startswith("552 5.3.4"), c.transcript())

    def test_sixth_recipient_gets_452_4_5_3(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        for i in range(5):
            self.assertEqual(c.cmd(f"RCPT TO:<l{i}@example.test>").code, 250, c.transcript())
        r = c.cmd("RCPT TO:<l5@example.test>")
        self.assertEqual(r.last, "452 4.5.3 Error: too many recipients", c.transcript())


class AuthLockoutTest(ServerTestCase):
    """After auth.lockout_failures failed AUTHs from one address, even the right password gets a
    temporary refusal."""

    CONFIG = {"auth.failure_delay_ms": 0, "auth.lockout_failures": 3,
              "auth.lockout_minutes": 15}
    ACCOUNTS = {"ivy@example.test": PW}

    def test_auth_after_three_failures_is_refused_with_4xx_even_with_right_password(self):
        # The password is right: this proves the later refusal is the lockout.
        self.server.submission_session("ivy@example.test", listener="smtps").close()
        for i in range(3):
            c = self.server.smtp_session("smtps")
            r = c.cmd("AUTH PLAIN " + plain_auth("ivy@example.test", f"wrong {i}"))
            self.assertEqual(r.code, 535, c.transcript())
            c.close()
        c = self.server.raw("smtps", tls=True)
        banner = c.reply()
        if banner.code == 220:
            c.ehlo()
            r = c.cmd("AUTH PLAIN " + plain_auth("ivy@example.test", PW))
        else:
            r = banner
        self.assertIn(r.code, (454, 421), c.transcript())
        if r.code == 454:
            self.assertTrue(r.last.startswith("454 4.7.0"), c.transcript())


class AuthFailureDelayTest(ServerTestCase):
    """auth.failure_delay_ms holds back the reply to a failed AUTH."""

    CONFIG = {"auth.failure_delay_ms": 1000}
    ACCOUNTS = {"jay@example.test": PW}

    def test_failed_auth_reply_comes_after_the_configured_delay(self):
        c = self.server.smtp_session("smtps")
        started = time.monotonic()
        r = c.cmd("AUTH PLAIN " + plain_auth("jay@example.test", "wrong"))
        elapsed = time.monotonic() - started
        self.assertEqual(r.code, 535, c.transcript())
        self.assertGreaterEqual(elapsed, 0.9, f"failed AUTH answered after {elapsed:.3f}s")


class ConnectionLimitTest(ServerTestCase):
    """limits.connections_per_ip: the connection over the limit gets 421 and is closed."""

    CONFIG = {"auth.failure_delay_ms": 0, "limits.connections_per_ip": 3}

    def test_fourth_concurrent_connection_gets_421_and_is_closed(self):
        held = []
        for _ in range(3):
            c = self.server.raw("smtp")
            self.assertEqual(c.reply().code, 220, c.transcript())
            held.append(c)
        extra = self.server.raw("smtp")
        r = extra.reply()
        self.assertEqual(r.code, 421, extra.transcript())
        self.assertTrue(extra.wait_closed(), "421 but the connection stayed open\n"
                        + extra.transcript())
        # Once one of the three leaves, a new connection is served again.
        held.pop().close()
        deadline = time.monotonic() + 5
        while True:
            c = self.server.raw("smtp")
            code = c.reply().code
            c.close()
            if code == 220 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(code, 220, "connection slot never freed")
        for c in held:
            c.close()


class ProtocolErrorLimitTest(ServerTestCase):
    """limits.protocol_errors: a client that keeps sending junk is disconnected."""

    CONFIG = {"auth.failure_delay_ms": 0, "limits.protocol_errors": 5}

    def test_client_is_disconnected_after_too_many_protocol_errors(self):
        c = self.server.smtp_session("smtp")
        closed = False
        for _ in range(12):
            try:
                r = c.cmd("BOGUS command")
            except (EOFError, ConnectionResetError):
                closed = True
                break
            if r.code == 421:
                closed = c.wait_closed()
                break
            self.assertGreaterEqual(r.code, 500, c.transcript())
        self.assertTrue(closed, "still connected after 12 bad commands\n" + c.transcript())


class HostileClientTest(ServerTestCase):
    """Out-of-order, malformed and cancelled commands get a protocol error, and the session
    (and the server) go on."""

    ACCOUNTS = {"kai@example.test": PW}

    def assertStillServing(self, client):
        self.assertEqual(client.cmd("NOOP").code, 250, client.transcript())

    def test_commands_out_of_sequence_get_503(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("RCPT TO:<kai@example.test>").code, 503, c.transcript())
        self.assertEqual(c.cmd("DATA").code, 503, c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 503,
                         "nested MAIL (RFC 5321 4.1.4)\n" + c.transcript())
        self.assertIn(c.cmd("DATA").code, (503, 554), "DATA without a recipient\n"
                      + c.transcript())
        self.assertStillServing(c)

    def test_malformed_and_unknown_auth_is_refused_and_session_goes_on(self):
        c = self.server.smtp_session("smtps")
        self.assertEqual(c.cmd("AUTH PLAIN !!!not-base64!!!").code, 501, c.transcript())
        self.assertEqual(c.cmd("AUTH CRAM-MD5").code, 504, "unknown mechanism (RFC 4954 4)\n"
                         + c.transcript())
        r = c.cmd("AUTH PLAIN " + base64.b64encode(b"no separators at all").decode())
        self.assertIn(r.code, (501, 535), c.transcript())
        self.assertStillServing(c)
        r = c.cmd("AUTH PLAIN " + plain_auth("kai@example.test", PW))
        self.assertEqual(r.code, 235, c.transcript())

    def test_cancelled_auth_gets_501(self):
        c = self.server.smtp_session("smtps")
        self.assertEqual(c.cmd("AUTH LOGIN").code, 334, c.transcript())
        self.assertEqual(c.cmd("*").code, 501, "cancel with '*' (RFC 4954 4)\n" + c.transcript())
        self.assertEqual(c.cmd("MAIL FROM:<kai@example.test>").code, 530, c.transcript())

    def test_size_parameter_that_overflows_is_refused(self):
        c = self.server.smtp_session("smtp")
        r = c.cmd("MAIL FROM:<sender@other.test> SIZE=99999999999999999999999999")
        self.assertIn(r.code, (501, 552), c.transcript())
        self.assertStillServing(c)

    def test_nul_byte_in_address_is_refused(self):
        c = self.server.smtp_session("smtp")
        r = c.cmd(b"MAIL FROM:<a\0b@other.test>")
        self.assertEqual(r.code, 501, c.transcript())
        self.assertStillServing(c)

    def test_client_hanging_up_in_data_delivers_nothing(self):
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        self.assertEqual(c.cmd("RCPT TO:<kai@example.test>").code, 250)
        self.assertEqual(c.cmd("DATA").code, 354)
        c.send(make_message("cut off", to="kai@example.test") + b"no end in sight\r\n")
        c.close()
        self.assertEqual(self.server.count("kai@example.test"), 0)
        self.assertStillServing(self.server.smtp_session("smtp"))


class TlsCertificateTest(ServerTestCase):
    """The self-signed certificate verifies for the domain and for the name the server greets
    with, so a client that pins it can check host names."""

    def verified_peer(self, server_hostname):
        ctx = self.server.tls_context(check_hostname=True)
        with socket.create_connection((HOST, self.server.ports["smtps"]), timeout=10) as s:
            with ctx.wrap_socket(s, server_hostname=server_hostname) as tls:
                return tls.getpeercert()

    def test_certificate_san_lists_the_domain(self):
        cert = self.verified_peer("example.test")
        self.assertIn(("DNS", "example.test"), cert.get("subjectAltName", ()))

    def test_certificate_san_lists_the_name_in_banner_and_ehlo(self):
        c = self.server.smtp_session("smtp")
        banner_name = c.banner.lines[0].split()[0]
        ehlo_name = c.ehlo_reply.lines[0].split()[0]
        self.assertEqual(banner_name, ehlo_name, c.transcript())
        cert = self.verified_peer(banner_name)
        self.assertIn(("DNS", banner_name), cert.get("subjectAltName", ()))

    def test_certificate_does_not_verify_for_another_name(self):
        with self.assertRaises(ssl.SSLCertVerificationError):
            self.verified_peer("wrong.invalid")


if __name__ == "__main__":
    unittest.main()
