#!/usr/bin/env python3
"""Forwarding (転送設定), aliases and group addresses of fumibakod (issue 14), with real clients:
mail delivered with smtplib (MX) or submitted (smtps), read back with poplib, the external
destination a second fumibakod on loopback (example.net, reached through queue.transports), and
the settings made with fumibakoctl. Covers a copy kept or not, local and external destinations,
the SRS envelope sender, the sender and subject conditions, mail from system addresses, attachments
removed, an alice <-> bob loop that ends in one bounce, errors from a destination told to the
original sender without the destination (or to the account with --errors-to-me), a delivery
report coming back to the SRS address, group expansion with nesting and duplicates, aliases, the
catch-all, the local forwarding rate and the CLI's refusals.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_forwarding.py
"""

import email
import email.policy
import smtplib
import time
import unittest

from fumibako_fixture import HOST, SOCKET_TIMEOUT, free_port, make_message, unique, wait_for
from test_queue import ALICE, BOB, PW, QueueTestCase

CAROL = "carol@example.test"
DAVE = "dave@example.test"
ERIN = "erin@example.test"


def parsed(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_of(raw):
    """Every text part of a message, decoded, joined."""
    out = []
    for part in parsed(raw).walk():
        if part.get_content_maintype() == "text":
            out.append(part.get_content())
    return "\n".join(out)


class ForwardingTestCase(QueueTestCase):
    def setUp(self):
        super().setUp()
        for address in (CAROL, DAVE, ERIN):
            self.sender.add_account(address, PW)
        for address in (ALICE, CAROL, DAVE, ERIN):
            self.sender.passwords[address] = PW
        self.peer.passwords[BOB] = PW

    def start(self):
        # The peer's port was picked free in setUp; a test running alongside may have taken it
        # since. Then another one (the sender is not started yet, so its route can follow).
        for attempt in range(3):
            try:
                self.start_peer()
                break
            except AssertionError as e:
                if "already in use" not in str(e) or attempt == 2:
                    raise
                self.peer_port = free_port()
                self.sender.config_set("queue.transports",
                                       f"example.net=[{HOST}]:{self.peer_port}")
        self.sender.start()

    def forward(self, address, *args):
        return self.sender.ctl("forward", "set", address, *args)

    def with_subject(self, server, user, subject):
        return [m for m in server.messages(user, PW) if subject.encode() in m]

    def arrives(self, server, user, subject, n=1):
        return wait_for(f"{n} message(s) '{subject}' for {user}",
                        lambda: len(self.with_subject(server, user, subject)) >= n and
                        self.with_subject(server, user, subject))

    def queue_empty(self):
        return self.sender.ctl("queue", "list").stdout.strip() == ""

    def reports_for(self, user):
        return [m for m in self.sender.messages(user, PW) if b"multipart/report" in m]


class ForwardTest(ForwardingTestCase):
    def test_copy_kept_forwarded_to_an_external_and_a_local_address_with_srs(self):
        self.forward(ALICE, "--to", f"{BOB},{CAROL}", "--keep-copy")
        self.start()
        subject = unique("fwd")
        original = make_message(subject, body="本文です。\r\n",
                                sender="taro@other.test", to=ALICE)
        self.sender.deliver(ALICE, original, sender="taro@other.test")
        at_peer = self.arrives(self.peer, BOB, subject)[0]
        at_carol = self.arrives(self.sender, CAROL, subject)[0]
        self.assertEqual(len(self.with_subject(self.sender, ALICE, subject)), 1)
        # The message itself is unchanged (its DKIM signature would still verify): our fields
        # and the peer's only come before it.
        self.assertTrue(at_peer.endswith(original), at_peer[:600])
        self.assertTrue(at_carol.endswith(original), at_carol[:600])
        # SRS: the envelope sender is ours, standing for taro@other.test.
        return_path = parsed(at_peer)["Return-Path"]
        self.assertRegex(return_path, r"^<SRS0=[^=]+=[^=]+=other\.test=taro@example\.test>$")
        self.assertIn(f"Delivered-To: {ALICE}", at_peer.decode())
        self.assertIn(f"Delivered-To: {ALICE}", at_carol.decode())
        log = self.sender.ctl("log").stdout
        self.assertIn(f"forwarded for {ALICE} to {BOB}", log)

    def test_no_copy_kept(self):
        self.forward(ALICE, "--to", CAROL, "--no-copy")
        self.start()
        subject = unique("nocopy")
        self.sender.deliver(ALICE, make_message(subject, to=ALICE))
        self.arrives(self.sender, CAROL, subject)
        self.assertEqual(self.with_subject(self.sender, ALICE, subject), [])

    def test_conditions_forward_only_what_matches_and_keep_the_rest(self):
        self.forward(ALICE, "--to", CAROL, "--no-copy", "--if-subject", "請求")
        self.start()
        other, matching = unique("hello"), unique("請求書")
        self.sender.deliver(ALICE, make_message(other, to=ALICE))
        self.sender.deliver(ALICE, make_message(matching, to=ALICE))
        self.arrives(self.sender, CAROL, matching)
        self.assertEqual(self.with_subject(self.sender, CAROL, other), [])
        # Not forwarded: kept, whatever the rule says of copies.
        self.assertEqual(len(self.with_subject(self.sender, ALICE, other)), 1)
        self.assertEqual(self.with_subject(self.sender, ALICE, matching), [])

    def test_sender_condition(self):
        self.forward(ALICE, "--to", CAROL, "--keep-copy", "--if-from", "boss@partner")
        self.start()
        other, matching = unique("other"), unique("boss")
        self.sender.deliver(ALICE, make_message(other, to=ALICE), sender="someone@else.test")
        self.sender.deliver(ALICE, make_message(matching, to=ALICE), sender="boss@partner.test")
        self.arrives(self.sender, CAROL, matching)
        self.assertEqual(self.with_subject(self.sender, CAROL, other), [])

    def test_mail_from_system_addresses_is_never_forwarded(self):
        self.forward(ALICE, "--to", CAROL, "--no-copy")
        self.start()
        subjects = []
        for sender in ("MAILER-DAEMON@other.test", "postmaster@other.test",
                       "mailerdaemon@other.test"):
            subject = unique("system")
            subjects.append(subject)
            self.sender.deliver(ALICE, make_message(subject, sender=sender, to=ALICE),
                                sender=sender)
        control = unique("control")
        self.sender.deliver(ALICE, make_message(control, to=ALICE))
        self.arrives(self.sender, CAROL, control)
        for subject in subjects:
            self.assertEqual(self.with_subject(self.sender, CAROL, subject), [], subject)
            self.assertEqual(len(self.with_subject(self.sender, ALICE, subject)), 1, subject)

    def test_attachments_removed_with_a_note(self):
        self.forward(ALICE, "--to", CAROL, "--keep-copy", "--strip-attachments")
        self.start()
        subject = unique("attach")
        boundary = "b-" + subject
        message = (f"From: <taro@other.test>\r\nTo: <{ALICE}>\r\nSubject: {subject}\r\n"
                   f"Message-ID: <{subject}@other.test>\r\nMIME-Version: 1.0\r\n"
                   f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
                   f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                   "見積書を添付します。\r\n"
                   f"--{boundary}\r\nContent-Type: application/pdf; name=\"mitsumori.pdf\"\r\n"
                   "Content-Disposition: attachment; filename=\"mitsumori.pdf\"\r\n"
                   "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcfsj6IK\r\n"
                   f"--{boundary}--\r\n").encode("utf-8")
        self.sender.deliver(ALICE, message)
        forwarded = self.arrives(self.sender, CAROL, subject)[0]
        kept = self.with_subject(self.sender, ALICE, subject)[0]
        self.assertIn(b"application/pdf", kept)
        self.assertNotIn(b"application/pdf", forwarded)
        text = text_of(forwarded)
        self.assertIn("添付ファイルを削除しました", text)
        self.assertIn("mitsumori.pdf", text)
        self.assertIn("見積書を添付します。", text)


class LoopTest(ForwardingTestCase):
    def test_two_accounts_forwarding_to_each_other_end_with_one_bounce(self):
        self.forward(CAROL, "--to", DAVE, "--keep-copy")
        self.forward(DAVE, "--to", CAROL, "--keep-copy")
        self.start()
        subject = unique("loop")
        self.sender.submit(ERIN, [CAROL], make_message(subject, sender=ERIN, to=CAROL),
                           password=PW)
        report = wait_for("the loop's report to the sender", lambda: self.reports_for(ERIN))
        self.assertEqual(len(self.with_subject(self.sender, CAROL, subject)), 1)
        self.assertEqual(len(self.with_subject(self.sender, DAVE, subject)), 1)
        self.assertIn(b"5.4.6", report[0])
        self.assertIn(CAROL.encode(), report[0])
        # Nothing goes round any more: the queue is empty and the counts stay.
        wait_for("an empty queue", lambda: self.queue_empty())
        time.sleep(1.5)
        self.assertEqual(len(self.with_subject(self.sender, CAROL, subject)), 1)
        self.assertEqual(len(self.with_subject(self.sender, DAVE, subject)), 1)
        self.assertEqual(len(self.reports_for(ERIN)), 1)
        self.assertIn("mail forwarding loop", self.sender.ctl("log").stdout)


class ForwardErrorsTest(ForwardingTestCase):
    def test_refused_destination_is_not_revealed_to_the_sender(self):
        self.forward(ALICE, "--to", "ghost@example.net", "--keep-copy")
        self.start()
        subject = unique("refused")
        self.sender.submit(ERIN, [ALICE], make_message(subject, sender=ERIN, to=ALICE),
                           password=PW)
        report = wait_for("the report to the sender", lambda: self.reports_for(ERIN))[0]
        self.assertNotIn(b"ghost", report)
        self.assertIn(ALICE.encode(), report)
        self.assertIn(b"5.1.1", report)
        self.assertEqual(len(self.with_subject(self.sender, ALICE, subject)), 1)
        self.assertEqual(self.reports_for(ALICE), [])

    def test_errors_to_the_account_when_it_asks(self):
        self.forward(ALICE, "--to", "ghost@example.net", "--keep-copy", "--errors-to-me")
        self.start()
        subject = unique("refused-me")
        self.sender.submit(ERIN, [ALICE], make_message(subject, sender=ERIN, to=ALICE),
                           password=PW)
        report = wait_for("the report to alice", lambda: self.reports_for(ALICE))[0]
        self.assertIn(b"ghost@example.net", report)
        self.assertEqual(self.reports_for(ERIN), [])

    def test_report_back_to_the_srs_address_is_rewritten_for_the_sender(self):
        self.forward(ALICE, "--to", BOB, "--keep-copy")
        self.start()
        subject = unique("late")
        self.sender.submit(ERIN, [ALICE], make_message(subject, sender=ERIN, to=ALICE),
                           password=PW)
        at_peer = self.arrives(self.peer, BOB, subject)[0]
        srs = parsed(at_peer)["Return-Path"].strip("<>")
        self.assertTrue(srs.startswith("SRS0="), srs)
        # What a destination's server sends later (a full mailbox, say), naming the destination.
        dsn = ("From: Mail Delivery System <MAILER-DAEMON@example.net>\r\n"
               f"To: <{srs}>\r\nSubject: Undelivered Mail Returned to Sender\r\n"
               "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
               "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
               "--B\r\nContent-Type: text/plain\r\n\r\n"
               f"<{BOB}>: mailbox full\r\n"
               "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
               "Reporting-MTA: dns; mx.example.net\r\n\r\n"
               f"Final-Recipient: rfc822; {BOB}\r\nAction: failed\r\nStatus: 5.2.2\r\n"
               f"Diagnostic-Code: smtp; 552 5.2.2 <{BOB}>: Mailbox full\r\n"
               "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
               f"Delivered-To: {ALICE}\r\nFrom: <{ERIN}>\r\nTo: <{ALICE}>\r\n"
               f"Subject: {subject}\r\nReceived: by mx.example.net for <{BOB}>\r\n"
               "--B--\r\n").encode()
        with smtplib.SMTP(HOST, self.sender.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("mx.example.net")
            s.sendmail("", [srs], dsn)
            # A forged SRS address is nobody's (a digit: the hash is compared without case).
            forged = srs[:5] + ("0" if srs[5] != "0" else "1") + srs[6:]
            code, _ = s.docmd("MAIL FROM:<>")
            self.assertEqual(code, 250)
            code, _ = s.docmd(f"RCPT TO:<{forged}>")
            self.assertEqual(code, 550)
        report = wait_for("the rewritten report to the sender", lambda: self.reports_for(ERIN))[0]
        self.assertNotIn(BOB.encode(), report)
        self.assertIn(ALICE.encode(), report)
        self.assertIn(b"5.2.2", report)


class GroupAndAliasTest(ForwardingTestCase):
    def test_group_expanded_once_with_nesting_and_duplicates(self):
        self.sender.ctl("group", "add", "team@example.test", CAROL, "sub@example.test", BOB)
        self.sender.ctl("group", "add", "sub@example.test", DAVE, CAROL)
        listed = self.sender.ctl("group", "list", "--json").stdout
        self.assertIn("team@example.test", listed)
        self.start()
        subject = unique("team")
        self.sender.deliver("team@example.test", make_message(subject, to="team@example.test"))
        self.arrives(self.peer, BOB, subject)
        self.assertEqual(len(self.arrives(self.sender, CAROL, subject)), 1)
        self.assertEqual(len(self.arrives(self.sender, DAVE, subject)), 1)
        time.sleep(0.5)
        self.assertEqual(len(self.with_subject(self.sender, CAROL, subject)), 1)

    def test_group_cycle_ends(self):
        self.sender.ctl("group", "add", "g1@example.test", "g2@example.test", CAROL)
        self.sender.ctl("group", "add", "g2@example.test", "g1@example.test", DAVE)
        self.start()
        subject = unique("cycle")
        self.sender.deliver("g1@example.test", make_message(subject, to="g1@example.test"))
        self.assertEqual(len(self.arrives(self.sender, CAROL, subject)), 1)
        self.assertEqual(len(self.arrives(self.sender, DAVE, subject)), 1)

    def test_alias_and_catch_all(self):
        self.sender.ctl("alias", "add", "info@example.test", ALICE)
        self.start()
        subject = unique("alias")
        self.sender.deliver("info@example.test", make_message(subject, to="info@example.test"))
        self.arrives(self.sender, ALICE, subject)
        # No catch-all until the administrator turns it on for the domain.
        with self.assertRaises(smtplib.SMTPRecipientsRefused):
            self.sender.deliver("nobody@example.test", make_message(subject, to="x"))
        self.sender.ctl("alias", "add", "@example.test", CAROL)
        caught = unique("catchall")
        self.sender.deliver("nobody@example.test", make_message(caught, to="nobody@example.test"))
        self.arrives(self.sender, CAROL, caught)
        # Named addresses still go where they did.
        named = unique("named")
        self.sender.deliver(DAVE, make_message(named, to=DAVE))
        self.arrives(self.sender, DAVE, named)
        self.assertEqual(self.with_subject(self.sender, CAROL, named), [])
        listed = self.sender.ctl("alias", "list").stdout
        self.assertIn("info@example.test\talice@example.test", listed)
        self.assertIn("@example.test\tcarol@example.test", listed)


class RateTest(ForwardingTestCase):
    SENDER_CONFIG = {"forward.local_per_minute": 1}

    def test_local_forwards_wait_their_turn(self):
        self.forward(ALICE, "--to", CAROL, "--keep-copy")
        self.start()
        first, second = unique("rate1"), unique("rate2")
        self.sender.deliver(ALICE, make_message(first, to=ALICE))
        self.sender.deliver(ALICE, make_message(second, to=ALICE))
        self.arrives(self.sender, CAROL, first)
        self.arrives(self.sender, ALICE, second)
        queued = self.sender.ctl("queue", "list").stdout
        self.assertIn(CAROL, queued)
        self.assertEqual(self.with_subject(self.sender, CAROL, second), [])


class CliTest(ForwardingTestCase):
    def test_refusals(self):
        ctl = self.sender.ctl
        eleven = ",".join(f"d{i}@example.net" for i in range(11))
        for args in (("--to", eleven, "--keep-copy"),
                     ("--to", CAROL, "--no-copy", "--errors-to-me"),
                     ("--to", ALICE, "--keep-copy"),
                     ("--to", "not an address", "--keep-copy"),
                     ("--to", CAROL, "--keep-copy", "--if-subject", "a\nBcc: x@y")):
            r = ctl("forward", "set", ALICE, *args, check=False)
            self.assertEqual(r.returncode, 1, (args, r.stdout, r.stderr))
        self.assertEqual(ctl("forward", "set", ALICE, "--to", CAROL, check=False).returncode, 2)
        self.assertEqual(ctl("forward", "set", "nobody@example.test", "--to", CAROL,
                             "--keep-copy", check=False).returncode, 1)
        # Nothing was stored by the refusals.
        self.assertIn('"to":[]', ctl("forward", "show", ALICE, "--json").stdout)
        self.forward(ALICE, "--to", f"{CAROL},{BOB}", "--no-copy", "--skip-spam")
        shown = ctl("forward", "show", ALICE, "--json").stdout
        self.assertIn('"to":["carol@example.test","bob@example.net"]', shown)
        self.assertIn('"keep_copy":false', shown)
        self.assertIn('"skip_spam":true', shown)
        # Mutual forwarding is allowed, with a warning.
        r = self.forward(CAROL, "--to", ALICE, "--keep-copy")
        self.assertIn("warning", r.stderr)
        ctl("forward", "clear", ALICE)
        self.assertIn('"to":[]', ctl("forward", "show", ALICE, "--json").stdout)
        for args in (("alias", "add", CAROL, ALICE),            # an account already
                     ("alias", "add", "postmaster@example.test", ALICE),  # reserved
                     ("alias", "add", "x@other.test", ALICE),     # not our domain
                     ("group", "add", "postmaster@example.test", CAROL),
                     ("group", "add", "g@example.test", "g@example.test"),
                     ("alias", "del", "none@example.test")):
            r = ctl(*args, check=False)
            self.assertEqual(r.returncode, 1, (args, r.stdout, r.stderr))
        ctl("group", "add", "g@example.test", CAROL)
        self.assertEqual(ctl("alias", "add", "g@example.test", ALICE, check=False).returncode, 1)
        self.assertEqual(ctl("account", "add", "g@example.test", check=False).returncode, 1)


if __name__ == "__main__":
    unittest.main()
