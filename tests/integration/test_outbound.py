#!/usr/bin/env python3
"""Direct MX delivery and the smarthost relay of fumibakod's outbound queue, against real peers on
loopback: dnsmasq serving MX / A / null-MX records for test domains (dns.servers points at it),
Postfix's smtp-sink standing as the MX on port 25 of a 127.x.y.z address (refusing, lacking
8BITMIME or DSN), and a second fumibakod as the smarthost (STARTTLS + AUTH). Mail is submitted
with smtplib (with RFC 3461 DSN options) and checked at the peer and in the sender's mailbox.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_outbound.py
"""

import email
import email.policy
import time
import unittest

from fumibako_fixture import HOST, SOCKET_TIMEOUT, Server, make_message, unique, wait_for
from peers import DnsServer, SmtpSink, random_loopback

import smtplib

PW = "outbound secret 123"
ALICE = "alice@example.test"




class OutboundCase(unittest.TestCase):
    def setUp(self):
        self.cleanups = []
        self.sender = Server("example.test")
        self.addCleanup(self.sender.cleanup)
        self.sender.init()
        self.sender.add_account(ALICE, PW)
        self.sender.config_set("auth.failure_delay_ms", 0)
        self.sender.config_set("queue.retry_min", 10)

    def start_dns(self, dns):
        dns.start()
        self.addCleanup(dns.cleanup)
        self.sender.config_set("dns.servers", dns.address)
        return dns

    def sink(self, **options):
        s = SmtpSink(host=random_loopback(), port=25, **options).start()
        self.addCleanup(s.cleanup)
        return s

    def submit(self, rcpts, message, mail_options=(), rcpt_options=()):
        with smtplib.SMTP(HOST, self.sender.ports["submission"], timeout=SOCKET_TIMEOUT) as s:
            s.starttls(context=self.sender.tls_context())
            s.login(ALICE, PW)
            refused = s.sendmail(ALICE, rcpts, message, mail_options=list(mail_options),
                                 rcpt_options=list(rcpt_options))
            self.assertEqual(refused, {})

    def log(self):
        return self.sender.ctl("log", "--kind", "smtp-send").stdout

    def reports(self):
        return [email.message_from_bytes(m, policy=email.policy.default)
                for m in self.sender.messages(ALICE, PW) if b"multipart/report" in m]


class MxDeliveryTest(OutboundCase):
    def test_mx_by_preference_falls_back_to_the_next_host(self):
        sink = self.sink()
        dead = random_loopback()  # nothing listens there: connection refused
        self.start_dns(DnsServer().mx("mx.test", "mx1.mx.test", 10).host("mx1.mx.test", dead)
                       .mx("mx.test", "mx2.mx.test", 20).host("mx2.mx.test", sink.host))
        self.sender.start()
        subject = unique("mx")
        self.submit(["taro@mx.test"], make_message(subject, sender=ALICE, to="taro@mx.test"),
                    mail_options=["RET=HDRS", "ENVID=QQ+2B314"],
                    rcpt_options=["NOTIFY=FAILURE,DELAY", "ORCPT=rfc822;taro@mx.test"])
        got = sink.wait_for_messages(1)
        self.assertEqual(got[0].mail_from, ALICE)
        self.assertEqual(got[0].rcpt_to, ["taro@mx.test"])
        self.assertIn(subject.encode(), got[0].data)
        # RFC 3461 parameters travel on to a peer that offers DSN.
        self.assertIn("RET=HDRS", got[0].mail_args)
        self.assertIn("ENVID=QQ+2B314", got[0].mail_args)
        self.assertIn("NOTIFY=FAILURE,DELAY", got[0].rcpt_args[0])
        wait_for("the result in the log", lambda: "status=delivered" in self.log())

    def test_domain_without_mx_gets_its_address(self):
        sink = self.sink()
        self.start_dns(DnsServer().host("plain.test", sink.host))
        self.sender.start()
        self.submit(["hanako@plain.test"], make_message(unique("a"), sender=ALICE, to="hanako@plain.test"))
        self.assertEqual(sink.wait_for_messages(1)[0].rcpt_to, ["hanako@plain.test"])

    def test_null_mx_and_unknown_domain_bounce_at_once(self):
        self.start_dns(DnsServer().null_mx("nomail.test"))
        self.sender.start()
        self.submit(["a@nomail.test", "b@nosuch.test"],
                    make_message(unique("nullmx"), sender=ALICE, to="a@nomail.test"))
        reports = wait_for("a report", self.reports)
        fields = str(reports[0].get_payload()[1])
        self.assertIn("Final-Recipient: rfc822; a@nomail.test", fields)
        self.assertIn("Final-Recipient: rfc822; b@nosuch.test", fields)
        self.assertEqual(fields.count("Action: failed"), 2, fields)
        body = reports[0].get_payload()[0].get_content()
        self.assertIn("宛先のドメイン", body)  # host unknown, the way the FAQ names it

    def test_mx_pointing_back_at_us_is_a_loop(self):
        hostname = self.sender.ctl("config", "get", "server.hostname").stdout.strip()
        self.start_dns(DnsServer(zones=("test", hostname.split(".")[-1])).mx("loop.test", hostname, 10)
                       .host(hostname, "127.0.0.1"))
        self.sender.start()
        self.submit(["u@loop.test"], make_message(unique("loop"), sender=ALICE, to="u@loop.test"))
        reports = wait_for("a report", self.reports)
        fields = str(reports[0].get_payload()[1])
        self.assertIn("Status: 5.4.6", fields)
        self.assertIn("loops back to myself", fields)

    def test_temporary_refusal_defers_without_a_report(self):
        sink = self.sink(soft_reject=("RCPT",))
        self.start_dns(DnsServer().mx("busy.test", "mx.busy.test", 10).host("mx.busy.test", sink.host))
        self.sender.start()
        self.submit(["x@busy.test"], make_message(unique("busy"), sender=ALICE, to="x@busy.test"))
        wait_for("a deferral", lambda: "status=deferred" in self.log())
        self.assertIn("450 4.3.0", self.log())
        self.assertEqual(sink.messages(), [])
        self.assertEqual(self.reports(), [])

    def test_permanent_refusal_of_data_bounces(self):
        sink = self.sink(hard_reject=(".",))
        self.start_dns(DnsServer().mx("strict.test", "mx.strict.test", 10).host("mx.strict.test", sink.host))
        self.sender.start()
        self.submit(["y@strict.test"], make_message(unique("strict"), sender=ALICE, to="y@strict.test"),
                    mail_options=["RET=FULL"])
        reports = wait_for("a report", self.reports)
        parts = reports[0].get_payload()
        self.assertIn("Status: 5.3.0", str(parts[1]))
        self.assertEqual(parts[2].get_content_type(), "message/rfc822")  # RET=FULL: the whole message

    def test_ret_full_of_a_large_message_returns_only_its_header(self):
        # Postfix's bounce_size_limit (50000 bytes): past it, the header alone comes back.
        sink = self.sink(hard_reject=(".",))
        self.start_dns(DnsServer().mx("strict.test", "mx.strict.test", 10).host("mx.strict.test", sink.host))
        self.sender.start()
        subject = unique("large")
        self.submit(["y@strict.test"], make_message(subject, sender=ALICE, to="y@strict.test",
                                                    body=("y" * 76 + "\r\n") * 1000),  # 78 kB
                    mail_options=["RET=FULL"])
        reports = wait_for("a report", self.reports)
        raw = [m for m in self.sender.messages(ALICE, PW) if b"multipart/report" in m]
        self.assertLess(len(raw[0]), 20000)
        parts = reports[0].get_payload()
        self.assertEqual(parts[2].get_content_type(), "text/rfc822-headers")
        self.assertIn(subject, str(parts[2]))
        self.assertIn("大きいため", parts[0].get_content())

    def test_eight_bit_mail_is_downgraded_for_a_peer_without_8bitmime(self):
        sink = self.sink(eightbitmime=False)
        self.start_dns(DnsServer().mx("old.test", "mx.old.test", 10).host("mx.old.test", sink.host))
        self.sender.start()
        body = "こんにちは、見積書をお送りします。\r\n"
        message = (f"From: <{ALICE}>\r\nTo: <z@old.test>\r\nSubject: 8bit\r\nMIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                   + body).encode("utf-8")
        self.submit(["z@old.test"], message)
        got = sink.wait_for_messages(1)[0]
        self.assertTrue(all(b < 0x80 for b in got.data), "the peer got 8-bit data")
        parsed = email.message_from_bytes(got.data, policy=email.policy.default)
        self.assertEqual(parsed["Content-Transfer-Encoding"], "quoted-printable")
        self.assertEqual(parsed.get_content().replace("\r\n", "\n"), body.replace("\r\n", "\n"))


class SuccessNotifyTest(OutboundCase):
    """NOTIFY=SUCCESS to an MX: a peer that offers DSN is given NOTIFY and reports delivery
    itself (RFC 3461 5.2.2), one that does not gets the mail and we report "relayed" (5.2.3),
    as Postfix's smtp(8) does."""

    def queue_empty(self):
        return self.sender.ctl("queue", "list").stdout.strip() == ""

    def send_via_sink(self, domain, rcpt_options, **sink_options):
        """One message to u@domain, whose MX is a new smtp-sink: (its subject, what the sink got)."""
        sink = self.sink(**sink_options)
        self.start_dns(DnsServer().mx(domain, f"mx.{domain}", 10).host(f"mx.{domain}", sink.host))
        self.sender.start()
        subject = unique(domain.split(".")[0])
        self.submit([f"u@{domain}"], make_message(subject, sender=ALICE, to=f"u@{domain}"),
                    rcpt_options=rcpt_options)
        return subject, sink.wait_for_messages(1)[0]

    def test_peer_with_dsn_is_left_to_report_success(self):
        _, got = self.send_via_sink("dsn.test", ["NOTIFY=SUCCESS"])
        self.assertIn("NOTIFY=SUCCESS", got.rcpt_args[0])
        wait_for("an empty queue", self.queue_empty)
        self.assertEqual(self.reports(), [])

    def test_peer_without_dsn_gets_a_relayed_report(self):
        subject, got = self.send_via_sink("nodsn.test", ["NOTIFY=SUCCESS,FAILURE"], dsn=False)
        self.assertNotIn("NOTIFY", " ".join(got.rcpt_args))  # not offered, not sent
        reports = wait_for("a success report", self.reports)
        wait_for("an empty queue", self.queue_empty)
        self.assertEqual(len(self.reports()), 1)
        fields = str(reports[0].get_payload()[1])
        self.assertIn("Final-Recipient: rfc822; u@nodsn.test", fields)
        self.assertIn("Action: relayed", fields)
        self.assertRegex(fields, r"Status: 2\.\d\.\d")
        self.assertIn("Remote-MTA: dns; mx.nodsn.test", fields)
        self.assertIn(subject, str(reports[0].get_payload()[2]))

    def test_orcpt_is_passed_on_as_given(self):
        _, got = self.send_via_sink("orcpt.test", ["ORCPT=rfc822;u+2B2024@orcpt.test"])
        # RFC 3461 4.2: addr-type ";" xtext, the same value the client gave.
        self.assertIn("ORCPT=rfc822;u+2B2024@orcpt.test", got.rcpt_args[0].split())


class DelayAndCrashTest(OutboundCase):
    def test_delay_notice_once_while_retrying(self):
        sink = self.sink(soft_reject=("RCPT",))
        self.start_dns(DnsServer().mx("slow.test", "mx.slow.test", 10).host("mx.slow.test", sink.host))
        self.sender.config_set("queue.delay_warning", 1)
        self.sender.start()
        self.submit(["w@slow.test"], make_message(unique("slow"), sender=ALICE, to="w@slow.test"))
        reports = wait_for("a delay notice", self.reports, timeout=40)
        notice = reports[0]
        self.assertIn("配送遅延", notice["Subject"])
        fields = str(notice.get_payload()[1])
        self.assertIn("Action: delayed", fields)
        self.assertIn("Will-Retry-Until:", fields)
        self.assertIn("Final-Recipient: rfc822; w@slow.test", fields)
        time.sleep(12)  # another try has failed since: still only one notice
        self.assertEqual(len(self.reports()), 1)

    def test_kill9_in_the_middle_of_a_transaction_loses_nothing(self):
        slow = self.sink(command_delays={"RCPT": 6})
        self.start_dns(DnsServer().mx("crash.test", "mx.crash.test", 10).host("mx.crash.test", slow.host))
        self.sender.start()
        subject = unique("midway")
        self.submit(["v@crash.test"], make_message(subject, sender=ALICE, to="v@crash.test"))
        wait_for("the transaction to begin", lambda: slow.messages() == [] and "status=" not in self.log(), timeout=3)
        time.sleep(2)  # MAIL sent, the RCPT reply pending
        self.sender.kill9()
        slow.stop()
        sink = SmtpSink(host=slow.host, port=25).start()  # the MX is quick now
        self.addCleanup(sink.cleanup)
        self.sender.start()  # the queue picks the unrecorded recipient up at start
        got = sink.wait_for_messages(1, timeout=30)
        self.assertIn(subject.encode(), got[0].data)
        wait_for("the result in the log", lambda: "status=delivered" in self.log())


class SmarthostTest(OutboundCase):
    def test_relay_with_starttls_and_auth(self):
        # The smarthost: another fumibakod where alice has an account; it hands mail for
        # elsewhere.test to an smtp-sink through a transport rule.
        final = SmtpSink().start()
        self.addCleanup(final.cleanup)
        relay = Server("example.test")
        self.addCleanup(relay.cleanup)
        relay.init()
        relay.add_account(ALICE, "relay password 456")
        relay.config_set("queue.transports", f"elsewhere.test=[{HOST}]:{final.port}")
        relay.start()
        self.sender.config_set("relay.host", HOST)
        self.sender.config_set("relay.port", relay.ports["submission"])
        self.sender.config_set("relay.tls", "starttls")
        self.sender.config_set("relay.user", ALICE)
        self.sender.ctl("relay", "passwd", "--password-stdin", stdin="relay password 456\n")
        self.assertNotIn("relay password", self.sender.ctl("config", "list").stdout)
        self.sender.start()
        subject = unique("relay")
        self.submit(["carol@elsewhere.test"], make_message(subject, sender=ALICE, to="carol@elsewhere.test"))
        got = final.wait_for_messages(1)[0]
        self.assertIn(subject.encode(), got.data)
        received = email.message_from_bytes(got.data, policy=email.policy.default).get_all("Received")
        # The relay took it over TLS after AUTH (Postfix-style "ESMTPSA").
        self.assertTrue(any("ESMTPSA" in r for r in received), received)

    def test_wrong_relay_password_defers(self):
        relay = Server("example.test")
        self.addCleanup(relay.cleanup)
        relay.init()
        relay.add_account(ALICE, "relay password 456")
        relay.config_set("auth.failure_delay_ms", 0)
        relay.start()
        self.sender.config_set("relay.host", HOST)
        self.sender.config_set("relay.port", relay.ports["submission"])
        self.sender.config_set("relay.user", ALICE)
        self.sender.ctl("relay", "passwd", "--password-stdin", stdin="not the password\n")
        self.sender.start()
        self.submit(["dave@elsewhere.test"], make_message(unique("badpw"), sender=ALICE, to="dave@elsewhere.test"))
        wait_for("a result", lambda: "status=" in self.log())
        self.assertIn("status=deferred", self.log())  # an AUTH failure is ours to fix, not a bounce
        self.assertIn("535", self.log())


if __name__ == "__main__":
    unittest.main()
