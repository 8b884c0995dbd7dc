#!/usr/bin/env python3
"""Regressions: each test here failed on a server before the fix it names.

SMTP: BDAT then DATA is refused (RFC 3030 2); an EHLO name with control characters is refused
and never reaches a Received header; AUTH needs EHLO (and EHLO again after STARTTLS); a PLAIN
authzid must name the user itself (RFC 4616 2) on SMTP, POP3 and IMAP. Lock-outs are per address
and per account+address, account-wide only after five times as many failures, so a stranger
cannot lock the owner out. A client that never reads its replies cannot make the server buffer
without bound. SIGTERM while a failed AUTH's delayed reply is pending still exits 0 at once.
A password hash made with weaker scrypt parameters than today's (ln=15 r=8 p=1, half of OWASP's
minimum) is replaced at the next successful login, and only then.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_regressions.py
"""

import base64
import hashlib
import os
import sqlite3
import signal
import socket
import subprocess
import threading
import time
import unittest

from fumibako_fixture import (HOST, Server, ServerTestCase, dot_stuffed, make_message, parse,
                              plain_auth, unique)

PW = "regress secret 42"


def plain_with_authzid(authzid, user, password):
    return base64.b64encode(f"{authzid}\0{user}\0{password}".encode()).decode("ascii")


class SmtpCommandOrderTest(ServerTestCase):
    """BDAT/DATA mixing, EHLO name sanitising, AUTH needs EHLO."""

    ACCOUNTS = {"ora@example.test": PW}

    def test_data_after_a_bdat_chunk_gets_503(self):
        # RFC 3030 2: "DATA and BDAT commands cannot be used in the same transaction".
        subject = unique("mix")
        msg = make_message(subject, to="ora@example.test", body="chunk body\r\n")
        first, second = msg[:50], msg[50:]
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250, c.transcript())
        self.assertEqual(c.cmd("RCPT TO:<ora@example.test>").code, 250, c.transcript())
        c.send(b"BDAT %d\r\n" % len(first) + first)
        self.assertEqual(c.reply().code, 250, c.transcript())
        r = c.cmd("DATA")
        self.assertEqual(r.code, 503, "DATA accepted after BDAT\n" + c.transcript())
        self.assertTrue(r.last.startswith("503 5.5.1"), c.transcript())
        # The BDAT transaction is still whole: the last chunk completes it.
        c.send(b"BDAT %d LAST\r\n" % len(second) + second)
        self.assertEqual(c.reply().code, 250, c.transcript())
        got = [m for m in self.server.messages("ora@example.test") if subject.encode() in m]
        self.assertEqual(len(got), 1, got)
        self.assertTrue(got[0].endswith(msg), got[0][-300:])

    def test_ehlo_name_with_control_characters_gets_501_and_is_never_stored(self):
        for name in [b"evil\rX-Injected: yes", b"evil\x01name", b"evil\x1b[31m", b"tab\there",
                     b"del\x7fname", b"evil\r"]:
            with self.subTest(name=name):
                subject = unique("ehlo")
                c = self.server.raw("smtp")
                self.assertEqual(c.reply().code, 220, c.transcript())
                r = c.cmd(b"EHLO " + name)
                if b"\r" in name:
                    # A bare CR is no line end (RFC 5321 2.3.8): the whole line is refused and
                    # the session ends (test_smtp_rules.BareLineEndTest).
                    self.assertTrue(r.last.startswith("521 5.5.2"), c.transcript())
                    self.assertTrue(c.wait_closed(5), c.transcript())
                    continue
                self.assertEqual(r.code, 501, "EHLO with a control character accepted\n"
                                 + c.transcript())
                # Whatever the server did, try to get a message through on this connection
                # and look at the Received header it writes.
                r = c.cmd("MAIL FROM:<sender@other.test>")
                if r.code == 503:
                    self.assertEqual(c.ehlo("good.other.test").code, 250, c.transcript())
                    r = c.cmd("MAIL FROM:<sender@other.test>")
                self.assertEqual(r.code, 250, c.transcript())
                self.assertEqual(c.cmd("RCPT TO:<ora@example.test>").code, 250, c.transcript())
                self.assertEqual(c.cmd("DATA").code, 354, c.transcript())
                c.send(dot_stuffed(make_message(subject, to="ora@example.test")))
                self.assertEqual(c.reply().code, 250, c.transcript())
                c.close()
                got = [m for m in self.server.messages("ora@example.test")
                       if subject.encode() in m]
                self.assertEqual(len(got), 1)
                header = got[0].split(b"\r\n\r\n", 1)[0]
                self.assertNotIn(b"X-Injected", header, header)
                for line in header.split(b"\r\n"):
                    self.assertFalse(any(b < 0x20 and b != 0x09 or b == 0x7F for b in line),
                                     f"control character in a stored header line {line!r}")
                received = parse(got[0]).get_all("Received")[0]
                self.assertIn("good.other.test", received, received)

    def test_auth_before_ehlo_gets_503(self):
        c = self.server.raw("smtps", tls=True)
        self.assertEqual(c.reply().code, 220, c.transcript())
        r = c.cmd("AUTH PLAIN " + plain_auth("ora@example.test", PW))
        self.assertEqual(r.code, 503, "AUTH before EHLO accepted\n" + c.transcript())
        self.assertTrue(r.last.startswith("503 5.5.1"), c.transcript())
        self.assertEqual(c.ehlo().code, 250, c.transcript())
        self.assertEqual(c.cmd("AUTH PLAIN " + plain_auth("ora@example.test", PW)).code, 235,
                         c.transcript())

    def test_auth_after_starttls_needs_a_new_ehlo(self):
        # RFC 3207 4.2: after TLS the server forgets what the client said, EHLO included.
        c = self.server.smtp_session("submission")
        self.assertEqual(c.cmd("STARTTLS").code, 220, c.transcript())
        c.starttls(self.server.tls_context())
        r = c.cmd("AUTH PLAIN " + plain_auth("ora@example.test", PW))
        self.assertEqual(r.code, 503, "AUTH without EHLO after STARTTLS\n" + c.transcript())
        self.assertTrue(r.last.startswith("503 5.5.1"), c.transcript())
        self.assertEqual(c.ehlo().code, 250, c.transcript())
        self.assertEqual(c.cmd("AUTH PLAIN " + plain_auth("ora@example.test", PW)).code, 235,
                         c.transcript())


class AuthForgottenAtStartTlsTest(ServerTestCase):
    """With plaintext AUTH allowed on loopback, an AUTH done before STARTTLS does not survive it
    (RFC 3207 4.2: the server MUST discard knowledge obtained from the client)."""

    CONFIG = {"auth.failure_delay_ms": 0, "auth.allow_plaintext_loopback": "true"}
    ACCOUNTS = {"pia@example.test": PW}

    def test_auth_before_starttls_is_forgotten(self):
        c = self.server.smtp_session("submission")
        self.assertEqual(c.cmd("AUTH PLAIN " + plain_auth("pia@example.test", PW)).code, 235,
                         c.transcript())
        self.assertEqual(c.cmd("STARTTLS").code, 220, c.transcript())
        c.starttls(self.server.tls_context())
        self.assertEqual(c.ehlo().code, 250, c.transcript())
        r = c.cmd("MAIL FROM:<pia@example.test>")
        self.assertEqual(r.code, 530, "authentication survived STARTTLS\n" + c.transcript())


class PlainAuthzidTest(ServerTestCase):
    """RFC 4616 2: we offer no proxy authorization, so an authzid must be the user itself."""

    ACCOUNTS = {"una@example.test": PW, "boss@example.test": PW}

    def test_smtp(self):
        c = self.server.smtp_session("smtps")
        r = c.cmd("AUTH PLAIN " + plain_with_authzid("boss@example.test", "una@example.test", PW))
        self.assertEqual(r.code, 535, "logged in as someone else\n" + c.transcript())
        r = c.cmd("AUTH PLAIN " + plain_with_authzid("una@example.test", "una@example.test", PW))
        self.assertEqual(r.code, 235, c.transcript())
        # and it is una who is logged in
        self.assertEqual(c.cmd("MAIL FROM:<una@example.test>").code, 250, c.transcript())

    def test_smtp_authzid_in_a_continuation(self):
        c = self.server.smtp_session("smtps")
        self.assertEqual(c.cmd("AUTH PLAIN").code, 334, c.transcript())
        r = c.cmd(plain_with_authzid("boss@example.test", "una@example.test", PW))
        self.assertEqual(r.code, 535, c.transcript())

    def test_pop3(self):
        c = self.server.raw("pop3s", tls=True)
        c.readline()
        r = c.pop("AUTH PLAIN " + plain_with_authzid("boss@example.test", "una@example.test", PW))
        self.assertTrue(r.startswith("-ERR"), "logged in as someone else\n" + c.transcript())
        self.assertTrue(c.pop("STAT").startswith("-ERR"), c.transcript())
        r = c.pop("AUTH PLAIN " + plain_with_authzid("una@example.test", "una@example.test", PW))
        self.assertTrue(r.startswith("+OK"), c.transcript())
        self.assertTrue(c.pop("STAT").startswith("+OK"), c.transcript())
        c.pop("QUIT")

    def test_imap(self):
        c = self.server.imap_raw()
        _, done = c.imap("AUTHENTICATE PLAIN "
                         + plain_with_authzid("boss@example.test", "una@example.test", PW))
        self.assertTrue(done.split()[1] == b"NO", "logged in as someone else\n" + c.transcript())
        _, done = c.imap("AUTHENTICATE PLAIN "
                         + plain_with_authzid("una@example.test", "una@example.test", PW))
        self.assertEqual(done.split()[1], b"OK", c.transcript())


class LockoutScopeTest(ServerTestCase):
    """auth.lockout_failures = 3: failures lock out the address they come from (and the account
    from that address); the account everywhere only after 5 x 3 = 15 failures."""

    CONFIG = {"auth.failure_delay_ms": 0, "auth.lockout_failures": 3, "auth.lockout_minutes": 15}
    ACCOUNTS = {"xena@example.test": PW, "yuki@example.test": PW, "zoe@example.test": PW}

    def auth(self, user, password, source):
        """The reply code to AUTH PLAIN over smtps from `source` (421 at the banner counts)."""
        c = self.server.raw("smtps", tls=True, source=source)
        banner = c.reply()
        if banner.code != 220:
            return banner.code, c
        c.ehlo()
        return c.cmd("AUTH PLAIN " + plain_auth(user, password)).code, c

    def test_failures_from_one_address_do_not_lock_out_the_owner_elsewhere(self):
        self.assertEqual(self.auth("xena@example.test", PW, "127.0.0.2")[0], 235)
        for i in range(3):
            code, c = self.auth("xena@example.test", f"guess {i}", "127.0.0.2")
            self.assertEqual(code, 535, c.transcript())
        code, c = self.auth("xena@example.test", PW, "127.0.0.2")
        self.assertIn(code, (454, 421), "127.0.0.2 is not locked out\n" + c.transcript())
        code, c = self.auth("yuki@example.test", PW, "127.0.0.2")
        self.assertIn(code, (454, 421), "the address lock-out covers every account\n"
                      + c.transcript())
        code, c = self.auth("xena@example.test", PW, "127.0.0.1")
        self.assertEqual(code, 235, "the owner is locked out by a stranger's failures\n"
                         + c.transcript())
        p = self.server.pop3("xena@example.test")  # from 127.0.0.1
        p.quit()

    def test_fifteen_failures_from_fifteen_addresses_lock_the_account_everywhere(self):
        for n in range(10, 25):
            code, c = self.auth("zoe@example.test", f"guess {n}", f"127.0.0.{n}")
            self.assertEqual(code, 535, c.transcript())
        code, c = self.auth("zoe@example.test", PW, "127.0.0.1")
        self.assertIn(code, (454, 421), "account not locked after 15 failures\n"
                      + c.transcript())
        if code == 454:
            self.assertIn("4.7.0", c.transcript())
        # Only that account: another from the same address still logs in.
        code, c = self.auth("yuki@example.test", PW, "127.0.0.1")
        self.assertEqual(code, 235, c.transcript())


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class NonReadingClientTest(ServerTestCase):
    """A client that pipelines commands and never reads the replies must not make the server
    buffer replies without bound; other clients are still served."""

    ACCOUNTS = {"vic@example.test": PW}
    LIMIT_KB = 200 * 1024
    FLOOD_SECONDS = 10
    FLOODERS = 2

    def test_ehlo_flood_without_reading_keeps_memory_bounded(self):
        # 200,000 pipelined EHLOs (1.6 MB) over and over for 10 s, replies never read; each
        # EHLO asks for ~150 octets of reply, so a server that keeps reading and answering
        # buffers hundreds of MB. Two such clients, so the old server's growth is not limited
        # by one I/O thread's speed.
        pid = self.server.proc.pid
        base = rss_kb(pid)
        block = b"EHLO x\r\n" * 200000
        stop = threading.Event()
        sent = [0] * self.FLOODERS
        socks = []

        def flood(k, sock):
            pos = 0
            while not stop.is_set():
                try:
                    n = sock.send(block[pos:pos + 262144])
                except socket.timeout:
                    continue
                except OSError:
                    return
                sent[k] += n
                pos = (pos + n) % len(block)

        threads = []
        for k in range(self.FLOODERS):
            sock = socket.create_connection((HOST, self.server.ports["smtp"]), timeout=10)
            sock.settimeout(0.5)
            socks.append(sock)
            threads.append(threading.Thread(target=flood, args=(k, sock), daemon=True))
        started = time.monotonic()
        for t in threads:
            t.start()
        peak = base
        served = None
        try:
            while time.monotonic() - started < self.FLOOD_SECONDS:
                time.sleep(0.2)
                peak = max(peak, rss_kb(pid))
                if served is None and time.monotonic() - started > 3:
                    # A second client in the middle of the flood.
                    subject = unique("meanwhile")
                    t0 = time.monotonic()
                    self.server.deliver("vic@example.test",
                                        make_message(subject, to="vic@example.test"))
                    served = time.monotonic() - t0
                if peak > self.LIMIT_KB:
                    break
        finally:
            stop.set()
            for t in threads:
                t.join(5)
            for sock in socks:
                sock.close()
        print(f"\n  flood: {sum(sent) / 1e6:.1f} MB of EHLO sent in {time.monotonic() - started:.1f}"
              f" s; server RSS {base // 1024} MB before, peak {peak // 1024} MB; another client "
              f"served in {served if served is None else round(served, 3)} s", end=" ")
        self.assertLess(peak, self.LIMIT_KB, f"server RSS reached {peak // 1024} MB")
        self.assertIsNotNone(served, "the other client was not served")
        self.assertTrue(self.server.running, self.server.stderr_tail())
        self.assertEqual(self.server.count("vic@example.test"), 1)


class SigtermDuringDelayedAuthTest(unittest.TestCase):
    """SIGTERM while a failed AUTH's reply is held back by auth.failure_delay_ms: exit 0 fast."""

    def start_server(self):
        server = Server()
        self.addCleanup(server.cleanup)
        server.init()
        server.config_set("auth.failure_delay_ms", 3000)
        server.add_account("sig@example.test", PW)
        server.start()
        return server

    def sigterm_and_wait(self, server, client, check_reply):
        proc = server.proc
        time.sleep(0.3)  # the wrong password is being "delayed" now
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            server._abort()
            self.fail(f"fumibakod still running 10 s after SIGTERM\n{client.transcript()}\n"
                      f"stderr: {server.stderr_tail()}")
        elapsed = time.monotonic() - started
        server._abort()
        print(f"\n  exited {rc} {elapsed:.2f} s after SIGTERM", end=" ")
        self.assertEqual(rc, 0, f"exit code {rc}\n{client.transcript()}\nstderr: "
                         f"{server.stderr_tail()}")
        self.assertLess(elapsed, 10.0)
        # What the client saw must be a well-formed end: the delayed failure, a shutdown
        # notice or a closed connection.
        check_reply(client)

    def test_smtp(self):
        server = self.start_server()
        c = server.smtp_session("smtps")
        c.sendline("AUTH PLAIN " + plain_auth("sig@example.test", "wrong password"))

        def check(client):
            try:
                r = client.reply()
                self.assertIn(r.code, (535, 421), client.transcript())
            except (EOFError, ConnectionResetError, OSError):
                pass
        self.sigterm_and_wait(server, c, check)

    def test_pop3(self):
        server = self.start_server()
        c = server.raw("pop3s", tls=True)
        c.readline()
        c.sendline("AUTH PLAIN " + plain_auth("sig@example.test", "wrong password"))

        def check(client):
            try:
                self.assertTrue(client.readline().startswith("-ERR"), client.transcript())
            except (EOFError, ConnectionResetError, OSError):
                pass
        self.sigterm_and_wait(server, c, check)

    def test_imap(self):
        server = self.start_server()
        c = server.imap_raw()
        c.sendline('a LOGIN sig@example.test "wrong password"')

        def check(client):
            try:
                line = client.imap_read()
                self.assertTrue(line.startswith(b"a NO") or line.startswith(b"* BYE"),
                                client.transcript())
            except (EOFError, ConnectionResetError, OSError):
                pass
        self.sigterm_and_wait(server, c, check)


def phc_scrypt(password, ln, r, p, salt=b"0123456789abcdef"):
    """An RFC 7914 scrypt hash in the PHC form the server stores, computed by Python's hashlib."""
    b64 = lambda raw: base64.b64encode(raw).decode().rstrip("=")
    derived = hashlib.scrypt(password.encode(), salt=salt, n=1 << ln, r=r, p=p,
                             maxmem=256 * (1 << ln) * r + (16 << 20), dklen=32)
    return f"$scrypt$ln={ln},r={r},p={p}${b64(salt)}${b64(derived)}"


class WeakHashRehashedAtLoginTest(ServerTestCase):
    ACCOUNTS = {"old@example.test": PW}

    def stored_hash(self):
        with sqlite3.connect(os.path.join(self.server.data_dir, "fumibako.db")) as db:
            return db.execute("SELECT password_hash FROM accounts WHERE address = ?",
                              ("old@example.test",)).fetchone()[0]

    def test_a_weaker_hash_is_replaced_at_the_next_successful_login(self):
        self.assertTrue(self.stored_hash().startswith("$scrypt$ln=15,r=8,p=3$"), self.stored_hash())
        self.server.stop()
        old = phc_scrypt(PW, 15, 8, 1)
        with sqlite3.connect(os.path.join(self.server.data_dir, "fumibako.db")) as db:
            db.execute("UPDATE accounts SET password_hash = ? WHERE address = ?", (old, "old@example.test"))
        self.server.start()
        # A failed login changes nothing.
        with self.assertRaises(Exception):
            self.server.imap("old@example.test", password="wrong password")
        self.assertEqual(self.stored_hash(), old)
        m = self.server.imap("old@example.test")
        m.logout()
        new = self.stored_hash()
        self.assertTrue(new.startswith("$scrypt$ln=15,r=8,p=3$"), new)
        # The new hash is a real one for the same password, made by hashlib too.
        salt = base64.b64decode(new.split("$")[3] + "==")
        self.assertEqual(phc_scrypt(PW, 15, 8, 3, salt=salt), new)
        p = self.server.pop3("old@example.test")
        p.quit()
        self.assertEqual(self.stored_hash(), new)


if __name__ == "__main__":
    unittest.main()
