#!/usr/bin/env python3
"""POP3 behaviour of fumibakod through real sockets (RFC 1939, 2449, 2595, 5034).

Capabilities and the STLS requirement, login (USER/PASS, AUTH PLAIN) and its failures, the
transaction commands, DELE/RSET/QUIT semantics, mailbox locking, STLS injection and auth
lockout. Mail is put in the mailboxes over the MX port first.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_pop3.py
"""

import poplib
import threading
import unittest

from fumibako_fixture import ServerTestCase, make_message, parse, plain_auth, unique

PW = "pop secret 123"


def seed(server, user, n):
    """Deliver n messages to user over the MX port; returns their subjects in order."""
    subjects = [unique(f"m{i}") for i in range(n)]
    for s in subjects:
        server.deliver(user, make_message(s, to=user))
    return subjects


class CapabilityTest(ServerTestCase):
    """CAPA before and after TLS (RFC 2449, 2595 4)."""

    def capa(self, client):
        self.assertTrue(client.pop("CAPA").startswith("+OK"), client.transcript())
        return {line.split()[0].upper(): line.upper() for line in client.pop_multiline()}

    def test_plaintext_port_offers_stls_but_no_login_before_tls(self):
        c = self.server.raw("pop3")
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        caps = self.capa(c)
        for cap in ["TOP", "UIDL", "RESP-CODES", "PIPELINING", "STLS"]:
            self.assertIn(cap, caps, c.transcript())
        self.assertNotIn("USER", caps, c.transcript())
        self.assertNotIn("SASL", caps, c.transcript())

    def test_after_stls_user_and_sasl_plain_are_offered_and_stls_is_not(self):
        c = self.server.raw("pop3")
        c.readline()
        self.assertTrue(c.pop("STLS").startswith("+OK"), c.transcript())
        c.starttls(self.server.tls_context())
        caps = self.capa(c)
        for cap in ["TOP", "UIDL", "RESP-CODES", "PIPELINING", "USER"]:
            self.assertIn(cap, caps, c.transcript())
        self.assertIn("PLAIN", caps.get("SASL", "").split(), c.transcript())
        self.assertNotIn("STLS", caps, c.transcript())

    def test_pop3s_offers_user_and_sasl_plain(self):
        c = self.server.raw("pop3s", tls=True)
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        caps = self.capa(c)
        self.assertIn("USER", caps, c.transcript())
        self.assertIn("PLAIN", caps.get("SASL", "").split(), c.transcript())
        self.assertNotIn("STLS", caps, c.transcript())


class LoginTest(ServerTestCase):
    """No credentials in cleartext; USER/PASS and AUTH PLAIN after TLS; RESP-CODES on failure."""

    ACCOUNTS = {"kim@example.test": PW, "lee@example.test": PW}

    def test_user_pass_and_auth_before_stls_are_refused(self):
        c = self.server.raw("pop3")
        c.readline()
        for line in ["USER kim@example.test", f"PASS {PW}",
                     "AUTH PLAIN " + plain_auth("kim@example.test", PW)]:
            with self.subTest(command=line.split()[0]):
                self.assertTrue(c.pop(line).startswith("-ERR"), c.transcript())
        # Still usable: STLS then login works on the same connection.
        self.assertTrue(c.pop("STLS").startswith("+OK"), c.transcript())
        c.starttls(self.server.tls_context())
        self.assertTrue(c.pop("USER kim@example.test").startswith("+OK"), c.transcript())
        self.assertTrue(c.pop(f"PASS {PW}").startswith("+OK"), c.transcript())
        c.pop("QUIT")

    def test_user_pass_after_stls_logs_in(self):
        p = self.server.pop3("kim@example.test", listener="pop3")
        self.assertTrue(p.noop().startswith(b"+OK"))
        p.quit()

    def test_auth_plain_with_initial_response_logs_in(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        r = c.pop("AUTH PLAIN " + plain_auth("kim@example.test", PW))
        self.assertTrue(r.startswith("+OK"), c.transcript())
        self.assertTrue(c.pop("STAT").startswith("+OK"), c.transcript())
        c.pop("QUIT")

    def test_auth_plain_with_continuation_logs_in(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        self.assertTrue(c.pop("AUTH PLAIN").startswith("+"), c.transcript())
        r = c.pop(plain_auth("kim@example.test", PW))
        self.assertTrue(r.startswith("+OK"), c.transcript())
        c.pop("QUIT")

    def test_wrong_password_gets_err_auth(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        self.assertTrue(c.pop("USER kim@example.test").startswith("+OK"), c.transcript())
        self.assertTrue(c.pop("PASS not the password").startswith("-ERR [AUTH]"), c.transcript())
        r = c.pop("AUTH PLAIN " + plain_auth("kim@example.test", "nope"))
        self.assertTrue(r.startswith("-ERR [AUTH]"), c.transcript())
        self.assertTrue(c.pop("STAT").startswith("-ERR"), "STAT allowed without login\n"
                        + c.transcript())

    def test_second_simultaneous_session_gets_err_in_use(self):
        first = self.server.pop3("lee@example.test")
        try:
            with self.assertRaises(poplib.error_proto) as ctx:
                self.server.pop3("lee@example.test", in_use_wait=0)
            self.assertTrue(ctx.exception.args[0].startswith(b"-ERR [IN-USE]"),
                            ctx.exception.args[0])
            self.assertTrue(first.stat() is not None)
            self.assertTrue(first.noop().startswith(b"+OK"))
        finally:
            first.quit()


class ConcurrentDeliveryTest(ServerTestCase):
    """A message is visible only with its file in place: a maildrop opened while mail is
    being delivered can RETR every message it lists. (Regression: the rows were committed
    before the files were renamed out of tmp/, and a RETR in between got -ERR [SYS/TEMP].)"""

    ACCOUNTS = {"busy@example.test": PW}

    def test_every_listed_message_can_be_read_while_mail_arrives(self):
        user = "busy@example.test"
        failures, done = [], threading.Event()

        def deliver():
            try:
                for i in range(150):
                    self.server.deliver(user, make_message(unique(f"c{i}"), to=user))
            finally:
                done.set()

        sender = threading.Thread(target=deliver)
        sender.start()
        rounds = 0
        try:
            while not done.is_set() or rounds < 3:
                p = self.server.pop3(user)
                try:
                    count, _ = p.stat()
                    if count:
                        try:
                            p.retr(count)  # the newest, the one most likely just committed
                        except poplib.error_proto as e:
                            failures.append((count, e.args[0]))
                finally:
                    p.quit()
                rounds += 1
        finally:
            sender.join()
        self.assertGreater(rounds, 10)
        self.assertEqual(failures, [])
        self.assertEqual(self.server.pop3(user).stat()[0], 150)


class TransactionTest(ServerTestCase):
    """STAT LIST UIDL TOP RETR NOOP on a mailbox of known content."""

    ACCOUNTS = {"mia@example.test": PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = b"first body line\r\n.leading dot line\r\nthird line\r\nfourth line\r\n"
        cls.sent = []
        for i in range(3):
            msg = make_message(unique(f"tx{i}"), to="mia@example.test", body=cls.body.decode())
            cls.server.deliver("mia@example.test", msg)
            cls.sent.append(msg)

    def setUp(self):
        self.p = self.server.pop3("mia@example.test")
        self.addCleanup(lambda: self.p.quit())

    def test_retr_returns_the_sent_message_after_the_trace_headers(self):
        for i, msg in enumerate(self.sent, start=1):
            got = b"\r\n".join(self.p.retr(i)[1]) + b"\r\n"
            self.assertTrue(got.endswith(msg), got)
            self.assertIn("Received", parse(got))

    def test_stat_and_list_agree_with_retr_octets(self):
        count, total = self.p.stat()
        self.assertEqual(count, 3)
        listing = {int(n): int(size) for n, size in (l.split() for l in self.p.list()[1])}
        self.assertEqual(sorted(listing), [1, 2, 3])
        self.assertEqual(sum(listing.values()), total)
        for n, size in listing.items():
            lines = self.p.retr(n)[1]
            # RFC 1939: sizes count CRLF line ends; poplib strips them and one '.' of stuffing.
            self.assertEqual(sum(len(l) + 2 for l in lines), size, f"message {n}")
            self.assertEqual(int(self.p.list(n).split()[2]), size)

    def test_uidl_is_unique_and_stable_across_sessions(self):
        uids = [l.split()[1] for l in self.p.uidl()[1]]
        self.assertEqual(len(set(uids)), 3)
        for uid in uids:
            self.assertTrue(1 <= len(uid) <= 70 and all(0x21 <= b <= 0x7e for b in uid), uid)
        self.p.quit()
        self.p = self.server.pop3("mia@example.test")
        self.assertEqual([l.split()[1] for l in self.p.uidl()[1]], uids)
        self.assertEqual(self.p.uidl(2).split()[2], uids[1])

    def test_top_returns_header_and_requested_body_lines(self):
        header_only = self.p.top(1, 0)[1]
        self.assertEqual(header_only[-1], b"", "TOP n 0 ends with the blank separator line")
        self.assertNotIn(b"first body line", header_only)
        two = self.p.top(1, 2)[1]
        self.assertEqual(two[-2:], [b"first body line", b".leading dot line"])

    def test_commands_on_a_missing_message_get_err(self):
        for cmd in [lambda: self.p.retr(9), lambda: self.p.dele(9), lambda: self.p.list(0),
                    lambda: self.p.top(9, 0)]:
            with self.assertRaises(poplib.error_proto):
                cmd()

    def test_noop_answers_ok(self):
        self.assertTrue(self.p.noop().startswith(b"+OK"))


class PipeliningTest(ServerTestCase):
    """RFC 2449 PIPELINING: several commands in one write, answers in order."""

    ACCOUNTS = {"ned@example.test": PW, "big@example.test": PW}

    def test_pipelined_commands_are_answered_in_order(self):
        seed(self.server, "ned@example.test", 2)
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        c.send(f"USER ned@example.test\r\nPASS {PW}\r\nSTAT\r\nLIST\r\nUIDL 2\r\nNOOP\r\nQUIT\r\n")
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertRegex(c.readline(), r"^\+OK 2 \d+", c.transcript())
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertEqual(len(c.pop_multiline()), 2, c.transcript())
        self.assertRegex(c.readline(), r"^\+OK 2 \S+", c.transcript())
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertTrue(c.wait_closed(), c.transcript())


    def test_large_and_small_retr_pipelined_come_back_whole_and_in_order(self):
        # Large messages are read on a worker, small ones inline: the order must hold.
        big = make_message(unique("big"), to="big@example.test", body=("y" * 998 + "\r\n") * 1100)
        small = make_message(unique("small"), to="big@example.test")
        self.server.deliver("big@example.test", big)
        self.server.deliver("big@example.test", small)
        p = self.server.pop3("big@example.test")
        count = p.stat()[0]
        p.quit()
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        c.send(f"USER big@example.test\r\nPASS {PW}\r\n"
               f"RETR {count - 1}\r\nRETR {count}\r\nRETR {count - 1}\r\nQUIT\r\n")
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        for expected in (big, small, big):
            self.assertTrue(c.readline().startswith("+OK"), c.transcript())
            got = "\r\n".join(c.pop_multiline()).encode() + b"\r\n"
            self.assertTrue(got.endswith(expected), f"{len(got)} bytes, expected to end with {len(expected)}")
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())


class DeleteTest(ServerTestCase):
    """DELE marks; only QUIT (UPDATE state) removes. RSET and a dropped session keep all."""

    USERS = ["dele-quit", "dele-drop", "dele-rset", "dele-twice"]
    ACCOUNTS = {f"{u}@example.test": PW for u in USERS}

    def mailbox(self, local):
        user = f"{local}@example.test"
        subjects = seed(self.server, user, 3)
        return user, subjects

    def test_dele_then_quit_removes_only_that_message(self):
        user, subjects = self.mailbox("dele-quit")
        p = self.server.pop3(user)
        uids = [l.split()[1] for l in p.uidl()[1]]
        p.dele(2)
        self.assertEqual(p.stat()[0], 2, "STAT counts a message marked deleted")
        with self.assertRaises(poplib.error_proto):
            p.retr(2)
        self.assertTrue(p.quit().startswith(b"+OK"))
        p = self.server.pop3(user)
        self.assertEqual([l.split()[1] for l in p.uidl()[1]], [uids[0], uids[2]])
        p.quit()
        self.assertEqual(self.server.subjects(user), [subjects[0], subjects[2]])

    def test_dropped_session_deletes_nothing(self):
        user, subjects = self.mailbox("dele-drop")
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        self.assertTrue(c.pop(f"USER {user}").startswith("+OK"))
        self.assertTrue(c.pop(f"PASS {PW}").startswith("+OK"))
        self.assertTrue(c.pop("DELE 1").startswith("+OK"), c.transcript())
        self.assertTrue(c.pop("DELE 2").startswith("+OK"), c.transcript())
        c.close()  # no QUIT
        self.assertEqual(self.server.subjects(user), subjects)

    def test_rset_unmarks_deleted_messages(self):
        user, subjects = self.mailbox("dele-rset")
        p = self.server.pop3(user)
        p.dele(1)
        p.dele(3)
        self.assertTrue(p.rset().startswith(b"+OK"))
        self.assertEqual(p.stat()[0], 3)
        p.quit()
        self.assertEqual(self.server.subjects(user), subjects)

    def test_deleting_a_message_twice_gets_err(self):
        user, _ = self.mailbox("dele-twice")
        p = self.server.pop3(user)
        p.dele(1)
        with self.assertRaises(poplib.error_proto):
            p.dele(1)
        p.rset()
        p.quit()


class HostileClientTest(ServerTestCase):
    """Bad arguments, unknown and overlong commands get -ERR; the session and server go on."""

    ACCOUNTS = {"ray@example.test": PW}

    def test_bad_message_numbers_get_err(self):
        seed(self.server, "ray@example.test", 1)
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        c.pop("USER ray@example.test")
        self.assertTrue(c.pop(f"PASS {PW}").startswith("+OK"), c.transcript())
        for line in ["RETR abc", "RETR 0", "RETR -1", "RETR 99999999999999999999999",
                     "TOP 1 -1", "TOP 1 abc", "TOP 1", "DELE 2", "LIST 4294967297", "RETR"]:
            with self.subTest(command=line):
                self.assertTrue(c.pop(line).startswith("-ERR"), c.transcript())
        self.assertTrue(c.pop("STAT").startswith("+OK 1 "), c.transcript())
        c.pop("QUIT")

    def test_commands_before_login_get_err(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        for line in ["STAT", "LIST", "RETR 1", "DELE 1", "UIDL", "PASS " + PW, "BOGUS"]:
            with self.subTest(command=line):
                self.assertTrue(c.pop(line).startswith("-ERR"), c.transcript())

    def test_cancelled_auth_gets_err(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        self.assertTrue(c.pop("AUTH PLAIN").startswith("+"), c.transcript())
        self.assertTrue(c.pop("*").startswith("-ERR"), "cancel (RFC 5034 4)\n" + c.transcript())
        self.assertTrue(c.pop("STAT").startswith("-ERR"), c.transcript())

    def test_overlong_command_is_refused_and_server_keeps_serving(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        c.sendline("USER " + "x" * 5000)
        try:
            line = c.readline()
            self.assertTrue(line.startswith("-ERR"), c.transcript())
        except (EOFError, ConnectionResetError):
            pass  # closing the connection is an acceptable answer too
        self.server.pop3("ray@example.test").quit()


class StlsInjectionTest(ServerTestCase):
    """A command sent in the same packet as STLS is discarded (RFC 2595 4, like STARTTLS)."""

    ACCOUNTS = {"oli@example.test": PW}

    def test_command_pipelined_after_stls_is_not_executed(self):
        c = self.server.raw("pop3")
        c.readline()
        c.send(b"STLS\r\nUSER oli@example.test\r\n")
        self.assertTrue(c.readline().startswith("+OK"), c.transcript())
        leftover = c.starttls(self.server.tls_context())
        self.assertEqual(leftover, b"", "plaintext after +OK to STLS\n" + c.transcript())
        # If the injected USER ran, PASS now logs in (and the first answer is USER's +OK).
        r = c.pop(f"PASS {PW}")
        self.assertTrue(r.startswith("-ERR"), "injected USER was executed\n" + c.transcript())
        self.assertEqual(c.pending(0.5), b"", c.transcript())


class AuthLockoutTest(ServerTestCase):
    """After auth.lockout_failures failed logins from one address, the right password is
    refused too, with a RESP-CODE."""

    CONFIG = {"auth.failure_delay_ms": 0, "auth.lockout_failures": 3}
    ACCOUNTS = {"pat@example.test": PW}

    def test_login_after_three_failures_is_refused_even_with_right_password(self):
        self.server.pop3("pat@example.test").quit()  # the password is right
        for i in range(3):
            with self.assertRaises(poplib.error_proto) as ctx:
                self.server.pop3("pat@example.test", password=f"wrong {i}")
            self.assertTrue(ctx.exception.args[0].startswith(b"-ERR [AUTH]"),
                            ctx.exception.args[0])
        with self.assertRaises(poplib.error_proto) as ctx:
            self.server.pop3("pat@example.test").quit()
        reply = ctx.exception.args[0]
        self.assertTrue(reply.startswith(b"-ERR [SYS/TEMP]") or reply.startswith(b"-ERR [AUTH]"),
                        reply)


if __name__ == "__main__":
    unittest.main()
