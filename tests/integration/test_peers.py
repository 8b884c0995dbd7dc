#!/usr/bin/env python3
"""The peers of the outbound delivery tests work: dnsmasq answers the records DnsServer declares
(MX in preference order, null MX, A/AAAA, TXT, NXDOMAIN, no answer) and is stopped by its PID;
smtp-sink takes a message from smtplib and dumps it, and refuses, drops and hides extensions as
SmtpSink's options say. Run: python3 test_peers.py -v (as root: dnsmasq binds port 53).
"""

import os
import smtplib
import socket
import unittest

from peers import DNSMASQ, SMTP_SINK, DnsServer, SmtpSink, dns_query, random_loopback

MESSAGE = (b"From: <sender@example.test>\r\nTo: <rcpt@other.test>\r\nSubject: peers\r\n\r\n"
           b"line one\r\n.line starting with a dot\r\n")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: only its parent (this process) can reap it.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@unittest.skipUnless(os.access(DNSMASQ, os.X_OK), "dnsmasq is not installed")
class DnsServerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dns = (DnsServer()
                   .mx("example.test", "mx2.example.test", 20)
                   .mx("example.test", "mx1.example.test", 10)
                   .host("mx1.example.test", "127.0.0.11")
                   .host("mx1.example.test", "::1")
                   .null_mx("nullmx.test")
                   .txt("example.test", "v=spf1 -all")
                   .nxdomain("gone.example.test")
                   .timeout("slow.test"))
        cls.addClassCleanup(cls.dns.cleanup)
        cls.dns.start()

    def ask(self, name, rtype):
        try:
            return self.dns.query(name, rtype)
        except socket.timeout:
            self.fail(f"no answer for {name} {rtype}\n{self.dns.log()}")

    def test_listens_on_a_loopback_address_port_53(self):
        self.assertTrue(self.dns.address.startswith("127."))
        self.assertNotEqual(self.dns.address, "127.0.0.1")
        self.assertTrue(alive(self.dns.pid))

    def test_mx_records(self):
        answer = self.ask("example.test", "MX")
        self.assertEqual(answer.rcode, "NOERROR")
        self.assertEqual(sorted(answer.values("MX")),
                         [(10, "mx1.example.test"), (20, "mx2.example.test")])

    def test_null_mx(self):
        answer = self.ask("nullmx.test", "MX")
        self.assertEqual((answer.rcode, answer.values("MX")), ("NOERROR", [(0, "")]))

    def test_a_and_aaaa(self):
        self.assertEqual(self.ask("mx1.example.test", "A").values("A"), ["127.0.0.11"])
        self.assertEqual(self.ask("mx1.example.test", "AAAA").values("AAAA"), ["::1"])

    def test_txt(self):
        self.assertEqual(self.ask("example.test", "TXT").values("TXT"), [[b"v=spf1 -all"]])

    def test_name_with_records_but_not_of_the_type_is_nodata(self):
        answer = self.ask("mx2.example.test", "MX")
        self.assertEqual((answer.rcode, answer.records), ("NXDOMAIN", []))
        answer = self.ask("mx1.example.test", "MX")
        self.assertEqual((answer.rcode, answer.records), ("NOERROR", []))

    def test_nxdomain(self):
        self.assertEqual(self.ask("nosuch.test", "MX").rcode, "NXDOMAIN")
        self.assertEqual(self.ask("gone.example.test", "A").rcode, "NXDOMAIN")

    def test_outside_the_local_zones_is_refused(self):
        self.assertEqual(self.ask("example.com", "MX").rcode, "REFUSED")

    def test_timeout_domain_gets_no_answer(self):
        with self.assertRaises(socket.timeout):
            dns_query(self.dns.address, "mx.slow.test", "MX", timeout=1.5)

    def test_stop_by_pid(self):
        dns = DnsServer().host("a.test", "127.0.0.1")
        try:
            dns.start()
            pid = dns.pid
            self.assertEqual(dns.query("a.test", "A").values("A"), ["127.0.0.1"])
            dns.stop()
            self.assertFalse(alive(pid))
            with self.assertRaises(OSError):  # timeout, or ICMP port unreachable
                dns_query(dns.address, "a.test", "A", timeout=0.5)
        finally:
            dns.cleanup()

    def test_two_servers_at_once(self):
        with DnsServer().host("b.test", "127.0.0.2") as other:
            self.assertNotEqual(other.address, self.dns.address)
            self.assertEqual(other.query("b.test", "A").values("A"), ["127.0.0.2"])
            self.assertEqual(self.ask("b.test", "A").rcode, "NXDOMAIN")


@unittest.skipUnless(os.access(SMTP_SINK, os.X_OK), "smtp-sink (postfix) is not installed")
class SmtpSinkTest(unittest.TestCase):

    def sink(self, **options):
        sink = SmtpSink(**options)
        self.addCleanup(sink.cleanup)
        return sink.start()

    def test_accepts_and_dumps_a_message(self):
        sink = self.sink()
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as s:
            code, ehlo = s.ehlo("client.example.test")
            self.assertEqual(code, 250)
            self.assertIn(b"PIPELINING", ehlo)
            self.assertIn(b"8BITMIME", ehlo)
            self.assertNotIn(b"STARTTLS", ehlo)
            s.sendmail("sender@example.test", ["rcpt@other.test", "second@other.test"], MESSAGE,
                       mail_options=["BODY=8BITMIME"])
        [message] = sink.wait_for_messages(1)
        self.assertEqual(message.mail_from, "sender@example.test")
        self.assertIn("BODY=8BITMIME", message.mail_args)
        self.assertEqual(message.rcpt_to, ["rcpt@other.test", "second@other.test"])
        self.assertEqual(message.helo, "client.example.test")
        self.assertEqual(message.client_addr, "127.0.0.1")
        self.assertEqual(message.data, MESSAGE)  # dot-unstuffed, CRLF restored

    def test_several_messages(self):
        sink = self.sink()
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as s:
            for n in range(3):
                s.sendmail("a@example.test", [f"r{n}@other.test"], MESSAGE)
        self.assertEqual(sorted(m.rcpt_to[0] for m in sink.wait_for_messages(3)),
                         ["r0@other.test", "r1@other.test", "r2@other.test"])

    def test_extensions_turned_off(self):
        sink = self.sink(pipelining=False, eightbitmime=False, dsn=False)
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as s:
            code, ehlo = s.ehlo("c.test")
            self.assertEqual(code, 250)
            for word in (b"PIPELINING", b"8BITMIME", b"DSN"):
                self.assertNotIn(word, ehlo)

    def test_no_esmtp(self):
        sink = self.sink(esmtp=False)
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as s:
            self.assertGreaterEqual(s.ehlo("c.test")[0], 500)
            self.assertEqual(s.helo("c.test")[0], 250)

    def test_soft_and_hard_refusals(self):
        sink = self.sink(soft_reject=["RCPT"], hard_reject=["DATA"],
                         soft_reply="452 4.2.2 Mailbox full")
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as s:
            s.ehlo("c.test")
            self.assertEqual(s.mail("a@example.test")[0], 250)
            code, text = s.rcpt("b@other.test")
            self.assertEqual((code, text), (452, b"4.2.2 Mailbox full"))
            self.assertEqual(s.docmd("DATA")[0], 500)
        self.assertEqual(sink.messages(), [])

    def test_disconnects(self):
        sink = self.sink(disconnect=["MAIL"])
        s = smtplib.SMTP(sink.host, sink.port, timeout=10)
        s.ehlo("c.test")
        with self.assertRaises(smtplib.SMTPServerDisconnected):
            s.mail("a@example.test")
        s.close()
        sink = self.sink(disconnect_421=["RCPT"])
        s = smtplib.SMTP(sink.host, sink.port, timeout=10)
        s.ehlo("c.test")
        s.mail("a@example.test")
        self.assertEqual(s.rcpt("b@other.test")[0], 421)
        s.close()

    def test_fixed_address_and_port_25(self):
        host = random_loopback()
        sink = self.sink(host=host, port=25)
        self.assertEqual(sink.address, (host, 25))
        with smtplib.SMTP(host, 25, timeout=10) as s:
            s.sendmail("a@example.test", ["b@other.test"], MESSAGE)
        self.assertEqual(len(sink.wait_for_messages(1)), 1)

    def test_stop_by_pid(self):
        sink = SmtpSink()
        try:
            sink.start()
            pid, port = sink.pid, sink.port
            sink.stop()
            self.assertFalse(alive(pid))
            with self.assertRaises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
        finally:
            sink.cleanup()


if __name__ == "__main__":
    unittest.main()
