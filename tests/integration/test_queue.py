#!/usr/bin/env python3
"""The outbound queue of fumibakod against real peers on loopback: a second fumibakod as the
receiving server (reached through a queue.transports rule, no DNS), mail submitted with
smtplib and read back with poplib. Covers delivery, a permanent refusal turned into an RFC 3464
report in the sender's mailbox (Japanese first), RFC 3461 NOTIFY=SUCCESS and NOTIFY=NEVER,
deferral while the peer is down and delivery once it is up, expiry with a report, a report
for another domain tracked under its own id, and kill -9 of the sender with mail in the queue.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_queue.py
"""

import email
import email.policy
import os
import re
import smtplib
import sqlite3
import time
import unittest

from fumibako_fixture import (HOST, SOCKET_TIMEOUT, MultiServerTestCase, free_port, make_message, unique,
                              wait_for)

PW = "queue secret 123"
ALICE = "alice@example.test"
BOB = "bob@example.net"



class QueueTestCase(MultiServerTestCase):
    SENDER_CONFIG = {}

    def setUp(self):
        super().setUp()
        self.peer_port = free_port()
        self.peer = self.make_server("example.net", {BOB: PW})
        self.sender = self.make_server("example.test", {ALICE: PW})
        config = {"queue.transports": f"example.net=[{HOST}]:{self.peer_port}", "queue.retry_min": 10,
                  "auth.failure_delay_ms": 0}
        config.update(self.SENDER_CONFIG)
        for key, value in config.items():
            self.sender.config_set(key, value)

    def start_peer(self):
        self.peer.start(ports={"smtp": self.peer_port})

    def log(self, server, kind="smtp-send"):
        return server.ctl("log", "--kind", kind).stdout

    def reports(self):
        """Delivery reports in alice's mailbox, parsed."""
        return [email.message_from_bytes(m, policy=email.policy.default)
                for m in self.sender.messages(ALICE)
                if b"multipart/report" in m]


class DeliveryTest(QueueTestCase):
    def test_delivered_to_the_peer_over_starttls(self):
        self.start_peer()
        self.sender.start()
        subject = unique("out")
        self.sender.submit(ALICE, [BOB], make_message(subject, sender=ALICE, to=BOB), password=PW)
        got = wait_for("the message at the peer", lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m])
        msg = email.message_from_bytes(got[0], policy=email.policy.default)
        self.assertEqual(msg["Subject"], subject)
        # The peer's Received: line says it came over TLS from our EHLO name.
        received = " ".join(msg.get_all("Received"))
        self.assertIn("ESMTPS", received, received)
        wait_for("the result in the log", lambda: "status=delivered" in self.log(self.sender))
        self.assertEqual(self.reports(), [])  # no report for a delivered message

    def test_submitted_mail_without_date_and_message_id_leaves_with_both(self):
        # RFC 6409 8.2, 8.3: added at submission, so the queued copy (and its DKIM
        # signature, when there is a key) has them too.
        self.start_peer()
        self.sender.start()
        subject = unique("nodate")
        bare = f"From: <{ALICE}>\r\nTo: <{BOB}>\r\nSubject: {subject}\r\n\r\nHello.\r\n".encode()
        self.sender.submit(ALICE, [BOB], bare, password=PW, listener="submission")
        got = wait_for("the message at the peer", lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m])
        msg = email.message_from_bytes(got[0], policy=email.policy.default)
        self.assertEqual(len(msg.get_all("Date") or []), 1, got[0])
        self.assertIsNotNone(msg["Date"].datetime)
        hostname = self.sender.ctl("config", "get", "server.hostname").stdout.strip()
        self.assertEqual(len(msg.get_all("Message-ID") or []), 1, got[0])
        self.assertTrue(msg["Message-ID"].endswith(f"@{hostname}>"), msg["Message-ID"])
        self.assertTrue(got[0].endswith(bare), got[0])

    def test_refused_recipient_gets_a_report_in_japanese_and_english(self):
        self.start_peer()
        self.sender.start()
        subject = unique("bounce")
        original = make_message(subject, sender=ALICE, to="nobody@example.net")
        self.sender.submit(ALICE, ["nobody@example.net", BOB], original, password=PW)
        reports = wait_for("a report to the sender", self.reports)
        self.assertEqual(len(reports), 1)
        r = reports[0]
        self.assertEqual(r.get_content_type(), "multipart/report")
        self.assertEqual(r.get_param("report-type"), "delivery-status")
        self.assertIn("MAILER-DAEMON@", r["From"])
        self.assertEqual(r["Auto-Submitted"], "auto-replied")
        text, status, headers = r.get_payload()
        body = text.get_content()
        self.assertLess(body.index("宛先のメールアドレスが存在しません"), body.index("does not exist"), body)
        self.assertIn("nobody@example.net", body)
        self.assertIn("550 5.1.1", body)
        fields = str(status)
        self.assertIn("Final-Recipient: rfc822; nobody@example.net", fields)
        self.assertIn("Action: failed", fields)
        self.assertIn("Status: 5.1.1", fields)
        self.assertNotIn(BOB, fields)  # bob got it
        self.assertIn(subject, str(headers))
        wait_for("bob's copy", lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m])


class DsnTest(QueueTestCase):
    """RFC 3461 NOTIFY per recipient. The peer is a fumibakod on its MX port, which offers no DSN
    extension: a success there is "relayed" (RFC 3461 5.2.3, RFC 3464 2.3.3), the peer will not
    report further."""

    def submit_with_dsn(self, rcpts, message, mail_options=()):
        """rcpts: [(address, [RCPT options])] — per-recipient NOTIFY, which sendmail() cannot do."""
        with smtplib.SMTP(HOST, self.sender.ports["submission"], timeout=SOCKET_TIMEOUT) as s:
            s.starttls(context=self.sender.tls_context())
            s.ehlo()
            s.login(ALICE, PW)
            self.assertEqual(s.mail(ALICE, list(mail_options))[0], 250)
            for address, options in rcpts:
                self.assertEqual(s.rcpt(address, list(options))[0], 250, address)
            code, reply = s.data(message)
            self.assertEqual(code, 250, reply)

    def queue_empty(self):
        return self.sender.ctl("queue", "list").stdout.strip() == ""

    def test_notify_success_gets_a_relayed_report(self):
        self.start_peer()
        self.sender.start()
        subject = unique("success")
        self.submit_with_dsn([(BOB, ["NOTIFY=SUCCESS", "ORCPT=rfc822;bob+2B2024@example.net"])],
                             make_message(subject, sender=ALICE, to=BOB),
                             mail_options=["RET=FULL", "ENVID=QQ+2B314"])
        wait_for("the message at the peer", lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m])
        reports = wait_for("a success report", self.reports)
        wait_for("an empty queue", self.queue_empty)
        self.assertEqual(len(self.reports()), 1)
        r = reports[0]
        self.assertEqual(r.get_param("report-type"), "delivery-status")
        self.assertIn("配送完了", r["Subject"])
        self.assertEqual(r["Auto-Submitted"], "auto-replied")
        text, status, headers = r.get_payload()
        body = text.get_content()
        self.assertLess(body.index("相手のサーバに渡しました"), body.index("Handed to the recipient's server"), body)
        per_message, per_recipient = status.get_payload()
        # RFC 3461 6.3: ENVID and ORCPT given back decoded from xtext, once.
        self.assertEqual(per_message["Original-Envelope-Id"], "QQ+314")
        self.assertEqual(per_recipient["Final-Recipient"], f"rfc822; {BOB}")
        self.assertEqual(per_recipient["Original-Recipient"], "rfc822; bob+2024@example.net")
        self.assertEqual(per_recipient["Action"], "relayed")
        self.assertRegex(per_recipient["Status"], r"^2\.\d{1,3}\.\d{1,3}$")
        self.assertRegex(per_recipient["Diagnostic-Code"], r"^smtp; 250 ")
        self.assertTrue(per_recipient["Remote-MTA"].startswith("dns; "), per_recipient["Remote-MTA"])
        # RET=FULL applies to failures only (RFC 3461 4.3): the header comes back, never the text.
        self.assertEqual(headers.get_content_type(), "text/rfc822-headers")
        self.assertEqual(headers["Content-Description"], "Message Headers")
        self.assertIn(subject, str(headers))
        self.assertNotIn("Hello.", str(headers))

    def test_notify_success_for_a_local_recipient_gets_a_delivered_report(self):
        # RFC 3461 6.2, RFC 3464 2.3.3 "delivered": the final delivery is ours, so the report is
        # ours too, committed with the message — it is there when the 250 comes back.
        carol, dave = "carol@example.test", "dave@example.test"
        self.sender.add_account(carol, PW)
        self.sender.add_account(dave, None)
        self.sender.start()
        subject = unique("local-success")
        self.submit_with_dsn([(carol, ["NOTIFY=SUCCESS", "ORCPT=rfc822;carol+2B1@example.test"]), (dave, [])],
                             make_message(subject, sender=ALICE, to=carol),
                             mail_options=["RET=FULL", "ENVID=LOC+2B7"])
        reports = self.reports()
        self.assertEqual(len(reports), 1)
        self.assertTrue([m for m in self.sender.messages(carol, PW) if subject.encode() in m])
        self.assertTrue(self.queue_empty())  # nothing went through the outbound queue
        r = reports[0]
        self.assertIn("配送完了", r["Subject"])
        self.assertEqual(r["From"].addresses[0].username, "MAILER-DAEMON")
        text, status, headers = r.get_payload()
        body = text.get_content()
        self.assertLess(body.index("配送しました"), body.index("Delivered."), body)
        per_message, *per_recipient = status.get_payload()
        self.assertEqual(per_message["Original-Envelope-Id"], "LOC+7")
        self.assertEqual(len(per_recipient), 1, str(status))  # dave asked for nothing
        self.assertEqual(per_recipient[0]["Final-Recipient"], f"rfc822; {carol}")
        self.assertEqual(per_recipient[0]["Original-Recipient"], "rfc822; carol+1@example.test")
        self.assertEqual(per_recipient[0]["Action"], "delivered")
        self.assertEqual(per_recipient[0]["Status"], "2.0.0")
        self.assertIsNone(per_recipient[0]["Remote-MTA"])
        self.assertEqual(headers.get_content_type(), "text/rfc822-headers")
        self.assertIn(subject, str(headers))
        self.assertNotIn("Hello.", str(headers))

    def test_notify_never_gets_no_report_when_refused(self):
        self.start_peer()
        self.sender.start()
        never, mixed = unique("never"), unique("mixed")
        self.submit_with_dsn([("nobody@example.net", ["NOTIFY=NEVER"])],
                             make_message(never, sender=ALICE, to="nobody@example.net"))
        # One message, one recipient that wants no report and one that wants it on failure.
        self.submit_with_dsn([("nobody@example.net", ["NOTIFY=NEVER"]), ("ghost@example.net", ["NOTIFY=FAILURE"])],
                             make_message(mixed, sender=ALICE, to="nobody@example.net"))
        wait_for("a report", self.reports)
        wait_for("an empty queue", self.queue_empty)
        self.assertEqual(self.log(self.sender).count("status=bounced"), 3, self.log(self.sender))
        reports = self.reports()
        self.assertEqual(len(reports), 1)
        fields = str(reports[0].get_payload()[1])
        self.assertIn("Final-Recipient: rfc822; ghost@example.net", fields)
        self.assertIn("Action: failed", fields)
        self.assertNotIn("nobody@example.net", fields)
        self.assertIn(mixed, str(reports[0].get_payload()[2]))


class ReportTrackingTest(QueueTestCase):
    def test_a_report_for_another_domain_leaves_under_its_own_id(self):
        # A report is mail of its own: it passes the pipeline as Internal mail under a new id,
        # and the queue's lines about it carry that id and the report's Message-ID (message
        # tracking), never the id of the message it is about.
        carol = "carol@example.test"
        self.sender.add_account(carol, None)
        self.sender.set_quota(carol, 100)  # takes nothing: its recipient line fails
        self.start_peer()
        self.sender.start()
        subject = unique("full")
        with smtplib.SMTP(HOST, self.sender.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("peer.example.net")
            s.mail(BOB)
            for rcpt in (ALICE, carol):
                self.assertEqual(s.rcpt(rcpt)[0], 250, rcpt)
            code, reply = s.data(make_message(subject, sender=BOB, to=ALICE))
        self.assertEqual(code, 250, reply)
        original_id = reply.decode().rsplit(" ", 1)[-1]

        def report_at_bob():
            return [m for m in self.peer.messages(BOB, PW) if b"multipart/report" in m and subject.encode() in m]
        report = wait_for("the report at the peer", report_at_bob)[0]
        self.assertIn(carol.encode(), report)
        header_id = re.search(rb"(?im)^Message-ID:\s*<([^>]+)>", report).group(1).decode()

        db = os.path.join(self.sender.data_dir, "fumibako.db")

        def sent_lines():
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                return conn.execute("SELECT msgid, header_message_id, sender, text FROM log "
                                    "WHERE kind = 'smtp-send' AND address = ? AND result = 'delivered'",
                                    (BOB,)).fetchall()
            finally:
                conn.close()
        lines = wait_for("the report's send in the log", sent_lines)
        self.assertEqual(len(lines), 1, lines)
        report_id, logged_header_id, sender, text = lines[0]
        self.assertTrue(report_id, lines)
        self.assertNotEqual(report_id, original_id)
        self.assertEqual(logged_header_id, header_id)
        self.assertEqual(sender, "")
        self.assertTrue(text.startswith(f"id={report_id} "), text)
        out = self.sender.ctl("log", "--id", report_id).stdout.splitlines()
        self.assertTrue(out and all(f"id={report_id}" in line for line in out), out)


class DeferralTest(QueueTestCase):
    def test_peer_down_then_up(self):
        self.sender.start()
        subject = unique("later")
        self.sender.submit(ALICE, [BOB], make_message(subject, sender=ALICE, to=BOB), password=PW)
        wait_for("a deferral in the log", lambda: "status=deferred" in self.log(self.sender))
        self.assertEqual(self.reports(), [])
        self.start_peer()  # the next try (queue.retry_min = 10 s) finds it up
        wait_for("the message at the peer", lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m],
                 timeout=40)
        wait_for("the result in the log", lambda: "status=delivered" in self.log(self.sender))


class ExpiryTest(QueueTestCase):
    SENDER_CONFIG = {"queue.lifetime": 0}

    def test_out_of_time_is_returned(self):
        self.sender.start()
        subject = unique("expired")
        self.sender.submit(ALICE, [BOB], make_message(subject, sender=ALICE, to=BOB), password=PW)
        reports = wait_for("a report to the sender", self.reports)
        fields = str(reports[0].get_payload()[1])
        self.assertIn("Action: failed", fields)
        self.assertIn("Final-Recipient: rfc822; bob@example.net", fields)
        self.assertRegex(fields, r"Status: 4\.\d\.\d")  # the last temporary reason, as Postfix


class CrashTest(QueueTestCase):
    def test_kill9_with_mail_in_the_queue_loses_nothing(self):
        self.sender.start()
        subjects = [unique(f"crash{i}") for i in range(5)]
        for s in subjects:
            self.sender.submit(ALICE, [BOB], make_message(s, sender=ALICE, to=BOB), password=PW)
        wait_for("a deferral in the log", lambda: "status=deferred" in self.log(self.sender))
        self.sender.kill9()
        self.start_peer()
        self.sender.start()  # queued mail from before the crash goes out at start
        got = wait_for("all five at the peer",
                       lambda: (lambda ms: ms if all(any(s.encode() in m for m in ms) for s in subjects) else None)(
                           self.peer.messages(BOB, PW)),
                       timeout=40)
        for s in subjects:
            self.assertEqual(sum(s.encode() in m for m in got), 1, f"{s} delivered once")


if __name__ == "__main__":
    unittest.main()
