#!/usr/bin/env python3
"""One SASL path for SMTP AUTH, POP3 AUTH and IMAP AUTHENTICATE (RFC 4422, 4954, 5034, 3501).

Every protocol is driven through the same cases with real clients (smtplib, imaplib; POP3 and the
exchanges poplib cannot do over a raw socket): PLAIN with and without an initial response, LOGIN
in two steps, a wrong password (the failure reply only after auth.failure_delay_ms, and an
auth-failure log row with the protocol's text), "*" to abort, a response that is not base64, and
an unknown mechanism — each followed by a good login on the same connection, so an exchange that
ended leaves nothing behind. The plain logins (POP3 USER/PASS, IMAP LOGIN) take the same path.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_sasl.py
"""

import base64
import imaplib
import poplib
import smtplib
import time
import unittest

from fumibako_fixture import ServerTestCase, plain_auth, wait_for

PW = "sasl secret 123"
DELAY_MS = 600
USERS = ["smtp", "pop3", "imap"]


def b64(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


class SaslCases:
    """The cases every protocol answers; subclasses say how their protocol frames them."""

    CONFIG = {"auth.failure_delay_ms": DELAY_MS, "auth.lockout_failures": 1000}
    # One account per test and protocol: POP3 locks the maildrop of a logged-in user a moment
    # past the client's close, and IMAP counts sessions per user.
    ACCOUNTS = {f"{name}-{n}@example.test": PW for name in USERS for n in range(12)}
    NAME = None          # account prefix, USERS entry
    LOG_FAILED = None    # the auth-failure log text

    def user(self, n=0):
        return f"{self.NAME}-{n}@example.test"

    def assert_logged_failure(self, user):
        wait_for(f"an auth-failure row for {user}",
                 lambda: [line for line in
                          self.server.ctl("log", "--kind", "auth-failure").stdout.splitlines()
                          if f"\t{user}\t{self.LOG_FAILED}" in line])

    def assert_no_failure_logged(self, user):
        rows = self.server.ctl("log", "--kind", "auth-failure").stdout
        self.assertNotIn(f"\t{user}\t", rows)

    def test_plain_with_initial_response(self):
        self.login_plain(self.user(0), PW, initial=True)

    def test_plain_after_a_challenge(self):
        self.login_plain(self.user(4), PW, initial=False)

    def test_login_in_two_steps(self):
        self.login_login(self.user(5), PW)

    def assert_delayed_and_logged(self, failed_attempt, user):
        started = time.monotonic()
        failed_attempt(user)
        elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, DELAY_MS / 1000 - 0.1,
                                f"the failure came {elapsed:.3f} s after the attempt")
        self.assert_logged_failure(user)

    def test_wrong_password_is_answered_after_the_delay_and_logged(self):
        self.assert_delayed_and_logged(self.failed_login, self.user(1))

    def test_wrong_password_in_a_plain_login_takes_the_same_path(self):
        self.assert_delayed_and_logged(self.failed_plain_login, self.user(2))

    def test_abort(self):
        self.expect_exchange_failure("PLAIN", ["*"], self.ABORTED, self.user(3))
        self.expect_exchange_failure("LOGIN", [b64(self.user(3)), "*"], self.ABORTED,
                                     self.user(6))
        self.assert_no_failure_logged(self.user(3))

    def test_bad_base64(self):
        self.expect_exchange_failure("PLAIN", ["!!!not-base64!!!"], self.BAD_BASE64, self.user(7))
        self.expect_exchange_failure("LOGIN", ["%%%"], self.BAD_BASE64, self.user(8))

    def test_malformed_plain_message(self):
        self.expect_exchange_failure("PLAIN", [b64("no separators at all")], self.BAD_PLAIN,
                                     self.user(9))
        # No proxy authorization: an authzid other than the user is refused (RFC 4616 2).
        self.expect_exchange_failure(
            "PLAIN", [b64(f"boss@example.test\0{self.user(10)}\0{PW}")], self.BAD_PLAIN,
            self.user(10))
        self.assert_no_failure_logged(self.user(10))

    def test_unknown_mechanism(self):
        self.expect_exchange_failure("CRAM-MD5", None, self.UNKNOWN, self.user(11))

    def test_advertised_mechanisms(self):
        self.assertEqual(self.advertised(), ["PLAIN", "LOGIN"])


class SmtpSaslTest(SaslCases, ServerTestCase):
    NAME = "smtp"
    LOG_FAILED = "SMTP AUTH failed"
    ABORTED = "501 5.7.0 Authentication aborted"
    BAD_BASE64 = "501 5.5.2 Cannot decode response"
    BAD_PLAIN = "535 5.7.8 Error: authentication failed: authentication failure"
    UNKNOWN = "504 5.5.4 Unrecognized authentication type"

    def smtplib_client(self):
        s = smtplib.SMTP_SSL("127.0.0.1", self.server.ports["smtps"], timeout=10,
                             context=self.server.tls_context())
        self.addCleanup(s.close)
        s.ehlo("client.other.test")
        return s

    def login_plain(self, user, password, initial):
        s = self.smtplib_client()
        s.user, s.password = user, password
        code, text = s.auth("PLAIN", s.auth_plain, initial_response_ok=initial)
        self.assertEqual(code, 235, text)

    def login_login(self, user, password):
        s = self.smtplib_client()
        s.user, s.password = user, password
        code, text = s.auth("LOGIN", s.auth_login, initial_response_ok=False)
        self.assertEqual(code, 235, text)

    def failed_login(self, user):
        s = self.smtplib_client()
        s.user, s.password = user, "wrong password"
        with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
            s.auth("PLAIN", s.auth_plain)
        self.assertEqual(cm.exception.smtp_code, 535)

    def failed_plain_login(self, user):
        # SMTP has no plain login: AUTH LOGIN with the user as initial response stands in.
        s = self.smtplib_client()
        s.user, s.password = user, "wrong password"
        with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
            s.auth("LOGIN", s.auth_login, initial_response_ok=True)
        self.assertEqual(cm.exception.smtp_code, 535)

    def expect_exchange_failure(self, mechanism, lines, expected, then_user):
        c = self.server.smtp_session("smtps")
        if lines is None:
            self.assertEqual(c.cmd(f"AUTH {mechanism}").last, expected, c.transcript())
        else:
            self.assertEqual(c.cmd(f"AUTH {mechanism}").code, 334, c.transcript())
            for line in lines[:-1]:
                self.assertEqual(c.cmd(line).code, 334, c.transcript())
            self.assertEqual(c.cmd(lines[-1]).last, expected, c.transcript())
        # Back to commands: the same connection can still log in.
        r = c.cmd("AUTH PLAIN " + plain_auth(then_user, PW))
        self.assertEqual(r.code, 235, c.transcript())

    def advertised(self):
        c = self.server.smtp_session("smtps")
        auth = [line for line in c.ehlo_reply.lines if line.upper().startswith("AUTH ")]
        self.assertEqual(len(auth), 1, c.transcript())
        return auth[0].split()[1:]


class Pop3SaslTest(SaslCases, ServerTestCase):
    NAME = "pop3"
    LOG_FAILED = "POP3 login failed"
    ABORTED = "-ERR Authentication aborted."
    BAD_BASE64 = "-ERR [AUTH] Invalid base64 data or PLAIN message."
    BAD_PLAIN = "-ERR [AUTH] Invalid base64 data or PLAIN message."
    UNKNOWN = "-ERR Unsupported authentication mechanism."

    def raw_client(self):
        c = self.server.raw("pop3s", tls=True)
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        return c

    def logged_in(self, c, line):
        self.assertEqual(line, "+OK Logged in.", c.transcript())
        self.assertTrue(c.pop("QUIT").startswith("+OK"), c.transcript())

    def login_plain(self, user, password, initial):
        c = self.raw_client()
        if initial:
            return self.logged_in(c, c.pop("AUTH PLAIN " + plain_auth(user, password)))
        self.assertEqual(c.pop("AUTH PLAIN"), "+ ", c.transcript())
        self.logged_in(c, c.pop(plain_auth(user, password)))

    def login_login(self, user, password):
        c = self.raw_client()
        self.assertEqual(c.pop("AUTH LOGIN"), "+ " + b64("Username:"), c.transcript())
        self.assertEqual(c.pop(b64(user)), "+ " + b64("Password:"), c.transcript())
        self.logged_in(c, c.pop(b64(password)))

    def failed_login(self, user):
        c = self.raw_client()
        self.assertEqual(c.pop("AUTH PLAIN " + plain_auth(user, "wrong password")),
                         "-ERR [AUTH] Authentication failed.", c.transcript())

    def failed_plain_login(self, user):
        p = poplib.POP3_SSL("127.0.0.1", self.server.ports["pop3s"], timeout=10,
                            context=self.server.tls_context())
        self.addCleanup(p.close)
        p.user(user)
        with self.assertRaises(poplib.error_proto) as cm:
            p.pass_("wrong password")
        self.assertEqual(cm.exception.args[0], b"-ERR [AUTH] Authentication failed.")

    def expect_exchange_failure(self, mechanism, lines, expected, then_user):
        c = self.raw_client()
        if lines is None:
            self.assertEqual(c.pop(f"AUTH {mechanism}"), expected, c.transcript())
        else:
            self.assertTrue(c.pop(f"AUTH {mechanism}").startswith("+ "), c.transcript())
            for line in lines[:-1]:
                self.assertTrue(c.pop(line).startswith("+ "), c.transcript())
            self.assertEqual(c.pop(lines[-1]), expected, c.transcript())
        self.logged_in(c, c.pop("AUTH PLAIN " + plain_auth(then_user, PW)))

    def advertised(self):
        c = self.raw_client()
        self.assertTrue(c.pop("CAPA").startswith("+OK"), c.transcript())
        sasl = [line.split()[1:] for line in c.pop_multiline() if line.startswith("SASL ")]
        self.assertTrue(c.pop("AUTH").startswith("+OK"), c.transcript())
        self.assertEqual(sasl, [c.pop_multiline()], c.transcript())
        return sasl[0]


class ImapSaslTest(SaslCases, ServerTestCase):
    NAME = "imap"
    LOG_FAILED = "IMAP login failed"
    ABORTED = "BAD Authentication aborted."
    BAD_BASE64 = "BAD Invalid base64 data."
    BAD_PLAIN = "NO [AUTHENTICATIONFAILED] Invalid PLAIN message."
    UNKNOWN = "NO Unsupported authentication mechanism."

    def login_plain(self, user, password, initial):
        if initial:  # SASL-IR (RFC 4959), which imaplib does not send
            c = self.server.imap_raw()
            _, done = c.imap("AUTHENTICATE PLAIN " + plain_auth(user, password))
            self.assertIn(b" OK [CAPABILITY ", done, c.transcript())
            return
        m = self.server.imap()
        typ, _ = m.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())
        self.assertEqual(typ, "OK", m.transcript())
        self.assertEqual(m.state, "AUTH", m.transcript())

    def login_login(self, user, password):
        m = self.server.imap()
        asked = []

        def answer(challenge):
            asked.append(challenge)
            return {b"Username:": user, b"Password:": password}[challenge].encode()

        typ, _ = m.authenticate("LOGIN", answer)
        self.assertEqual(typ, "OK", m.transcript())
        self.assertEqual(asked, [b"Username:", b"Password:"], m.transcript())

    def failed_login(self, user):
        m = self.server.imap()
        with self.assertRaises(imaplib.IMAP4.error) as cm:
            m.authenticate("PLAIN", lambda _: f"\0{user}\0wrong password".encode())
        self.assertIn("[AUTHENTICATIONFAILED] Authentication failed.", str(cm.exception))

    def failed_plain_login(self, user):
        m = self.server.imap()
        with self.assertRaises(imaplib.IMAP4.error) as cm:
            m.login(user, "wrong password")
        self.assertIn("[AUTHENTICATIONFAILED] Authentication failed.", str(cm.exception))

    def expect_exchange_failure(self, mechanism, lines, expected, then_user):
        c = self.server.imap_raw()
        c.sendline(f"a AUTHENTICATE {mechanism}")
        for line in lines or []:
            self.assertTrue(c.imap_read().startswith(b"+ "), c.transcript())
            c.sendline(line)
        self.assertEqual(c.imap_read(), f"a {expected}".encode(), c.transcript())
        _, done = c.imap("AUTHENTICATE PLAIN " + plain_auth(then_user, PW))
        self.assertIn(b" OK [CAPABILITY ", done, c.transcript())

    def advertised(self):
        m = self.server.imap()
        return [cap[len("AUTH="):] for cap in m.capabilities if cap.startswith("AUTH=")]


if __name__ == "__main__":
    unittest.main()
