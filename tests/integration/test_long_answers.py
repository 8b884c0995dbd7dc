#!/usr/bin/env python3
"""Long answers over TLS reach the client whole, for fast readers and slow ones.

A mail client that downloads a folder for offline use sends one FETCH 1:* BODY.PEEK[] or a
row of RETRs and reads many megabytes. The server writes such answers in parts, starting the
next when the client has taken enough of the last; over TLS the plaintext is encrypted into
the socket's buffer long before the network takes it, and a server that waited for the wrong
signal stopped after about 12 MB and left the client waiting forever. Each test reads with a
socket timeout, so a stall fails it instead of hanging.

The mailbox: 200 messages of 100 KB in INBOX, and one message of 20 MB in a second account.
Readers: fast (256 KiB per recv) and slow (4 KiB per recv with a pause every 64 KiB).
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_long_answers.py
"""

import hashlib
import re
import smtplib
import socket
import ssl
import time
import unittest

from fumibako_fixture import HOST, SOCKET_TIMEOUT, ServerTestCase, make_message

MESSAGES = 200
MESSAGE_SIZE = 100 * 1000
BIG_SIZE = 20 * 1000 * 1000
FAST = {"recv": 256 * 1024, "pause_every": 0, "pause": 0}
SLOW = {"recv": 4 * 1024, "pause_every": 64 * 1024, "pause": 0.005}


def body_of(index, size):
    """A message of about `size` octets (CRLF lines) whose lines name it, so a swapped or cut
    message shows."""
    line = f"message {index:04d} " + "x" * 60 + "\r\n"
    head = make_message(f"long answer {index}", body="")
    return head + (line * ((size - len(head)) // len(line))).encode()


class Reader:
    """A TLS client that reads at a chosen pace and keeps what it read."""

    def __init__(self, port, context, pace):
        raw = socket.create_connection((HOST, port), timeout=SOCKET_TIMEOUT)
        self.sock = context.wrap_socket(raw)
        self.sock.settimeout(SOCKET_TIMEOUT)
        self.pace = pace
        self.buf = bytearray()
        self.received = 0
        self.since_pause = 0

    def fill(self):
        try:
            chunk = self.sock.recv(self.pace["recv"])
        except socket.timeout:
            raise AssertionError(f"stalled: no data for {SOCKET_TIMEOUT} s after {self.received} octets") from None
        if not chunk:
            raise AssertionError(f"connection closed after {self.received} octets")
        self.buf += chunk
        self.received += len(chunk)
        self.since_pause += len(chunk)
        if self.pace["pause_every"] and self.since_pause >= self.pace["pause_every"]:
            self.since_pause = 0
            time.sleep(self.pace["pause"])

    def line(self):
        while True:
            end = self.buf.find(b"\r\n")
            if end >= 0:
                out = bytes(self.buf[:end])
                del self.buf[: end + 2]
                return out
            self.fill()

    def exact(self, n):
        while len(self.buf) < n:
            self.fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def close(self):
        self.sock.close()


class LongAnswersOverTlsTest(ServerTestCase):
    ACCOUNTS = {"many@example.test": "many-password-1", "big@example.test": "big-password-12"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expected = [body_of(i, MESSAGE_SIZE) for i in range(MESSAGES)]
        with smtplib.SMTP(HOST, cls.server.ports["smtp"], timeout=60) as s:
            s.ehlo("client.other.test")
            for message in cls.expected:
                s.sendmail("sender@other.test", ["many@example.test"], message)
            cls.big = body_of(9999, BIG_SIZE)
            s.sendmail("sender@other.test", ["big@example.test"], cls.big)

    def stored_ok(self, got, sent):
        """The mailbox holds the message behind the Return-Path/Delivered-To/Received fields
        the server put on top."""
        self.assertTrue(got.endswith(sent), f"a message of {len(got)} octets does not end with the "
                                             f"{len(sent)} octets sent (starts {got[:120]!r})")

    # ---- IMAP -------------------------------------------------------------------------------
    def imap_fetch_all(self, user, pace):
        r = Reader(self.server.ports["imaps"], self.server.tls_context(), pace)
        try:
            self.assertTrue(r.line().startswith(b"* OK"))
            r.send(f'a LOGIN {user} {self.server.passwords[user]}')
            while not r.line().startswith(b"a "):
                pass
            r.send("b EXAMINE INBOX")
            while not (line := r.line()).startswith(b"b "):
                pass
            self.assertIn(b"OK", line)
            r.send("c FETCH 1:* (BODY.PEEK[])")
            bodies = []
            while True:
                line = r.line()
                if line.startswith(b"c "):
                    self.assertTrue(line.startswith(b"c OK"), line)
                    break
                m = re.match(rb"\* (\d+) FETCH .*BODY\[\] \{(\d+)\}$", line)
                self.assertIsNotNone(m, line[:200])
                bodies.append(r.exact(int(m.group(2))))
                self.assertEqual(r.line(), b")")
            r.send("d LOGOUT")
            return bodies
        finally:
            r.close()

    def check_imap_many(self, pace):
        bodies = self.imap_fetch_all("many@example.test", pace)
        self.assertEqual(len(bodies), MESSAGES)
        for got, sent in zip(bodies, self.expected):
            self.stored_ok(got, sent)

    def test_imaps_fetch_of_200_messages_fast_reader(self):
        self.check_imap_many(FAST)

    def test_imaps_fetch_of_200_messages_slow_reader(self):
        self.check_imap_many(SLOW)

    def test_imaps_fetch_of_a_20_mb_message_fast_and_slow_reader(self):
        for name, pace in (("fast", FAST), ("slow", SLOW)):
            with self.subTest(reader=name):
                bodies = self.imap_fetch_all("big@example.test", pace)
                self.assertEqual(len(bodies), 1)
                self.stored_ok(bodies[0], self.big)

    # ---- POP3 -------------------------------------------------------------------------------
    def pop3_login(self, user, pace):
        """A logged-in Reader. The maildrop lock of the session before (QUIT sent, socket
        closed) may still be held for a moment: [IN-USE] is retried for a few seconds, as the
        fixture's pop3() does."""
        deadline = time.monotonic() + 5
        while True:
            r = Reader(self.server.ports["pop3s"], self.server.tls_context(), pace)
            greeting = r.line()
            self.assertTrue(greeting.startswith(b"+OK"), greeting)
            r.send(f"USER {user}")
            reply = r.line()
            self.assertTrue(reply.startswith(b"+OK"), reply)
            r.send(f"PASS {self.server.passwords[user]}")
            reply = r.line()
            if reply.startswith(b"+OK"):
                return r
            r.close()
            self.assertIn(b"[IN-USE]", reply)
            self.assertLess(time.monotonic(), deadline, reply)
            time.sleep(0.1)

    def pop3_retr_all(self, user, pace, pipelined):
        r = self.pop3_login(user, pace)
        try:
            r.send("STAT")
            count = int(r.line().split()[1])
            if pipelined:  # RFC 2449 PIPELINING: every RETR at once, then read
                r.sock.sendall(b"".join(f"RETR {i}\r\n".encode() for i in range(1, count + 1)))
            messages = []
            for i in range(1, count + 1):
                if not pipelined:
                    r.send(f"RETR {i}")
                status = r.line()
                self.assertTrue(status.startswith(b"+OK"), status)
                lines = []
                while (line := r.line()) != b".":
                    lines.append(line[1:] if line.startswith(b"..") else line)
                messages.append(b"\r\n".join(lines) + b"\r\n")
            r.send("QUIT")
            return messages
        finally:
            r.close()

    def check_pop3_many(self, pace, pipelined):
        messages = self.pop3_retr_all("many@example.test", pace, pipelined)
        self.assertEqual(len(messages), MESSAGES)
        for got, sent in zip(messages, self.expected):
            self.stored_ok(got, sent)

    def test_pop3s_retr_of_200_messages_fast_reader(self):
        self.check_pop3_many(FAST, pipelined=False)

    def test_pop3s_retr_of_200_messages_slow_reader(self):
        self.check_pop3_many(SLOW, pipelined=False)

    def test_pop3s_pipelined_retr_of_200_messages_fast_and_slow_reader(self):
        for name, pace in (("fast", FAST), ("slow", SLOW)):
            with self.subTest(reader=name):
                self.check_pop3_many(pace, pipelined=True)

    def test_pop3s_retr_of_a_20_mb_message_fast_and_slow_reader(self):
        for name, pace in (("fast", FAST), ("slow", SLOW)):
            with self.subTest(reader=name):
                messages = self.pop3_retr_all("big@example.test", pace, pipelined=False)
                self.assertEqual(len(messages), 1)
                self.stored_ok(messages[0], self.big)
                self.assertEqual(hashlib.sha256(messages[0][-len(self.big):]).digest(),
                                 hashlib.sha256(self.big).digest())


if __name__ == "__main__":
    unittest.main()
