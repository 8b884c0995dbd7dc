#!/usr/bin/env python3
"""Auto-reply (自動返信, issue 14) against a real fumibakod: settings made with
`fumibakoctl autoreply set|show|off`, mail sent with smtplib (MX and submission), replies read back
with poplib from a local mailbox, from a second fumibakod (example.net) reached through the outbound
queue, or from Postfix's smtp-sink standing in for other.test (its dumps give the envelope).

Covered: the reply's envelope sender <> and its fields (Auto-Submitted, In-Reply-To, References,
the set subject, From with the sender name in RFC 2047, a UTF-8 or ISO-2022-JP body, the fallback
to UTF-8 for what ISO-2022-JP cannot carry, line limits at the longest subject and name); once per
sender per account, remembered across a restart, also for messages arriving at the same moment; the
RFC 3834 / Pigeonhole vacation cases that get no reply (null sender, Auto-Submitted, Precedence,
List-*, MAILER-DAEMON and the like, the reference FAQ's list, not in To/Cc, outside the start/end
dates, switched off, quarantined by a filter, tagged as spam by spamd) and the near misses that do
get one (Auto-Submitted: no, Cc, an alias, a group in To); two accounts that auto-reply to each
other end after one reply; header injection through the sender name, the subject, the original's
Subject/Message-ID/References and a quoted envelope sender; the reply DKIM-signed when it leaves
through the queue (opendkim-testmsg, skipped without it, as in test_queue_dkim.py); the CLI's
refusals (exit 1 for bad values, 2 for usage).

A case that must produce no reply is followed by a control message from a fresh sender that does
get one: once the control's reply is there and the queue is empty, a reply to the first one would
have been there too. The log's "no auto-reply from ADDR: reason" line is checked as well.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_autoreply.py
"""

import base64
import collections
import datetime
import email
import email.header
import email.policy
import email.utils
import json
import os
import re
import shutil
import smtplib
import subprocess
import tempfile
import threading
import unittest

from fumibako_fixture import HOST, Server, make_message, parse, unique, wait_for
from peers import SmtpSink
from scanners import GTUBE, Spamd
from test_queue import ALICE, BOB as PEER_BOB, PW, QueueTestCase
from test_queue_dkim import header_fields, opendkim_testmsg

BOB = "bob@example.test"
CAROL = "carol@example.test"
DAVE = "dave@example.test"
ERIN = "erin@example.test"
FRANK = "frank@example.test"
GINA = "gina@example.test"
HANK = "hank@example.test"

JA_SUBJECT = "【自動返信】不在のお知らせ：十二月七日から十二月二十日まで出張のため返信が遅れます"
JA_NAME = "山田 花子"
JA_BODY = "ただいま出張中のため、メールを確認できません。\n12月21日以降に順次返信いたします。\n"


# ---- helpers ------------------------------------------------------------------------------------

def autoreply_set(server, address, subject, body, *options, check=True):
    """`autoreply set ADDR --subject SUBJECT --body-stdin OPTIONS...` with the body on stdin."""
    return server.ctl("autoreply", "set", address, "--subject", subject, "--body-stdin", *options,
                      stdin=body, check=check)


def autoreply_show(server, address):
    return json.loads(server.ctl("autoreply", "show", address, "--json").stdout)


def encoded_word(text):
    """One RFC 2047 encoded word for text, CR/LF included (email.header would split there)."""
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


INJECTION = encoded_word("a\r\nBcc: evil@x.test")


def raw_message(sender, to_field, subject="hello", extra_headers=()):
    """A message whose To field is given whole (make_message wraps one address in <>)."""
    headers = [f"From: <{sender}>", f"To: {to_field}", f"Subject: {subject}",
               f"Message-ID: <{unique('id')}@other.test>", *extra_headers]
    return ("\r\n".join(headers) + "\r\n\r\nHello.\r\n").encode()


def message_id(message):
    """The Message-ID of a message made by make_message, with its angle brackets."""
    return re.search(rb"(?im)^Message-ID:\s*(<[^>]+>)", message).group(1).decode()


def decoded(value):
    """A header value with RFC 2047 encoded words decoded (and folding undone)."""
    value = re.sub(r"\r?\n[ \t]", " ", value)
    return str(email.header.make_header(email.header.decode_header(value)))


def header_block(raw):
    return raw.split(b"\r\n\r\n", 1)[0]


def replies(raws, original_id):
    """Those of `raws` (message bytes) whose In-Reply-To names original_id, parsed (compat32)."""
    found = []
    for raw in raws:
        msg = parse(raw)
        if original_id in (msg["In-Reply-To"] or ""):
            found.append((raw, msg))
    return found


def addresses(msg, name):
    """Every address in every `name` field of msg (compat32 parse), as (display, address) pairs."""
    return email.utils.getaddresses(msg.get_all(name) or [])


def normalized(text):
    return text.replace("\r\n", "\n").strip("\n")


def skip_lines(server):
    """The log's "no auto-reply from" lines, counted (a Counter of the lines' text)."""
    return collections.Counter(line.split("\t", 1)[1] for line in server.ctl("log").stdout.splitlines()
                               if "no auto-reply from" in line)


class ReplyChecks:
    """Assertions on one reply, shared by the local, the queue and the sink cases."""

    def assert_reply_fields(self, raw, msg, original_id, account, to, subject, from_name=None):
        head = header_block(raw)
        self.assertTrue(all(b < 0x80 for b in head), f"8-bit octets in the reply's header:\n{head!r}")
        self.assertRegex(msg["Auto-Submitted"] or "", r"(?i)^\s*auto-replied\b", head)
        self.assertEqual((msg["In-Reply-To"] or "").strip(), original_id, head)
        self.assertIn(original_id, msg["References"] or "", head)
        self.assertEqual(decoded(msg["Subject"] or ""), subject, head)
        froms = addresses(msg, "From")
        self.assertEqual(len(froms), 1, head)
        self.assertEqual(froms[0][1].lower(), account, head)
        if from_name is not None:
            self.assertEqual(decoded(froms[0][0]), from_name, head)
        tos = addresses(msg, "To")
        self.assertEqual([a.lower() for _, a in tos], [to.lower()], head)
        for name in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
            self.assertIsNone(msg[name], f"{name} in the reply:\n{head!r}")
        self.assertIsNotNone(msg["Date"], head)
        self.assertIsNotNone(msg["Message-ID"], head)
        self.assertNotEqual(msg["Message-ID"].strip(), original_id)

    def text_body(self, msg):
        """The reply's text/plain body decoded by its charset (no multipart expected)."""
        self.assertFalse(msg.is_multipart(), msg.as_string()[:500])
        self.assertEqual(msg.get_content_type(), "text/plain")
        charset = msg.get_content_charset()
        return charset, msg.get_payload(decode=True), normalized(msg.get_payload(decode=True).decode(charset))


# ---- the CLI ------------------------------------------------------------------------------------

class CliTest(unittest.TestCase):
    """fumibakoctl autoreply with no server running: what it keeps, what it refuses."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.init()
        for who in (ALICE, BOB, CAROL, DAVE):
            cls.server.add_account(who, None)
        cls.tmp = tempfile.mkdtemp(prefix="fumibako-autoreply-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)

    def ctl(self, *args, stdin=None):
        return self.server.ctl("autoreply", *args, stdin=stdin, check=False)

    def test_set_show_off(self):
        autoreply_set(self.server, ALICE, JA_SUBJECT, JA_BODY, "--from-name", JA_NAME, "--start", "2026-12-01",
                      "--end", "2026-12-31", "--days", "3", "--charset", "iso-2022-jp")
        shown = autoreply_show(self.server, ALICE)
        self.assertEqual(shown["address"], ALICE)
        self.assertIs(shown["enabled"], True)
        self.assertEqual(shown["subject"], JA_SUBJECT)
        self.assertEqual(normalized(shown["body"]), normalized(JA_BODY))
        self.assertEqual(shown["from_name"], JA_NAME)
        self.assertEqual((shown["start"], shown["end"]), ("2026-12-01", "2026-12-31"))
        self.assertEqual(shown["days"], 3)
        self.assertEqual(shown["charset"].lower(), "iso-2022-jp")
        # The plain show names the subject too (its format is not a contract beyond that).
        plain = self.server.ctl("autoreply", "show", ALICE).stdout
        self.assertIn(JA_SUBJECT, plain)
        self.server.ctl("autoreply", "off", ALICE)
        self.assertIs(autoreply_show(self.server, ALICE)["enabled"], False)

    def test_defaults_and_body_file(self):
        path = os.path.join(self.tmp, "body.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(JA_BODY)
        self.server.ctl("autoreply", "set", BOB, "--subject", "Out of office", "--body-file", path)
        shown = autoreply_show(self.server, BOB)
        self.assertIs(shown["enabled"], True)
        self.assertEqual(normalized(shown["body"]), normalized(JA_BODY))
        self.assertEqual(shown["days"], 7)  # as Sieve vacation's :days
        self.assertEqual(shown["charset"].lower(), "utf-8")
        self.assertFalse(shown["start"])
        self.assertFalse(shown["end"])
        self.assertFalse(shown["from_name"])
        # Start and end on the same day is a one-day period, not "end before start".
        autoreply_set(self.server, BOB, "x", "y\n", "--start", "2026-12-07", "--end", "2026-12-07")
        self.assertEqual(autoreply_show(self.server, BOB)["end"], "2026-12-07")

    def test_bad_input_exits_1_and_changes_nothing(self):
        autoreply_set(self.server, CAROL, "Kept", "kept body\n", "--days", "5")
        before = autoreply_show(self.server, CAROL)
        empty = os.path.join(self.tmp, "empty.txt")
        open(empty, "w").close()
        cases = {
            "subject with LF": ["set", CAROL, "--subject", "a\nBcc: evil@x.test", "--body-stdin"],
            "subject with CR": ["set", CAROL, "--subject", "a\rBcc: evil@x.test", "--body-stdin"],
            "subject with CRLF": ["set", CAROL, "--subject", "a\r\nBcc: evil@x.test", "--body-stdin"],
            "from name with LF": ["set", CAROL, "--subject", "ok", "--from-name", "a\nBcc: evil@x.test",
                                  "--body-stdin"],
            "from name with CRLF": ["set", CAROL, "--subject", "ok", "--from-name", "a\r\nTo: evil@x.test",
                                    "--body-stdin"],
            "days 0": ["set", CAROL, "--subject", "ok", "--days", "0", "--body-stdin"],
            "days 400": ["set", CAROL, "--subject", "ok", "--days", "400", "--body-stdin"],
            "end before start": ["set", CAROL, "--subject", "ok", "--start", "2026-12-10", "--end", "2026-12-09",
                                 "--body-stdin"],
            "empty body on stdin": ["set", CAROL, "--subject", "ok", "--body-stdin"],
            "empty body file": ["set", CAROL, "--subject", "ok", "--body-file", empty],
            "unknown account": ["set", "nobody@example.test", "--subject", "ok", "--body-stdin"],
        }
        for name, args in cases.items():
            with self.subTest(name):
                stdin = "" if "empty body on stdin" == name else "body\n"
                res = self.ctl(*args, stdin=stdin)
                self.assertEqual(res.returncode, 1, (res.stdout, res.stderr))
                self.assertTrue(res.stderr.strip(), "no message on stderr")
                self.assertEqual(autoreply_show(self.server, CAROL), before)

    def test_usage_errors_exit_2(self):
        cases = {
            "no subcommand": [],
            "unknown subcommand": ["frobnicate", DAVE],
            "set without address": ["set", "--subject", "ok", "--body-stdin"],
            "set without subject": ["set", DAVE, "--body-stdin"],
            "set without body": ["set", DAVE, "--subject", "ok"],
            "show without address": ["show"],
            "off without address": ["off"],
        }
        for name, args in cases.items():
            with self.subTest(name):
                res = self.ctl(*args, stdin="body\n")
                self.assertEqual(res.returncode, 2, (res.stdout, res.stderr))


# ---- replies between local accounts -------------------------------------------------------------

class LocalReplyTest(ReplyChecks, unittest.TestCase):
    """One server; a local sender submits to an account with auto-reply, the reply lands in the
    sender's mailbox. Each test uses its own accounts."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.init()
        cls.server.config_set("auth.failure_delay_ms", 0)
        for who in (ALICE, BOB, CAROL, DAVE, ERIN, FRANK):
            cls.server.add_account(who, PW)
        autoreply_set(cls.server, ALICE, JA_SUBJECT, JA_BODY, "--from-name", JA_NAME)
        autoreply_set(cls.server, CAROL, "不在のお知らせ", JA_BODY, "--from-name", "佐藤 一郎",
                      "--charset", "iso-2022-jp")
        autoreply_set(cls.server, ERIN, "Erin is away", "Back on Monday.\n")
        autoreply_set(cls.server, FRANK, "Frank is away", "Back on Tuesday.\n")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def tearDown(self):
        self.server.close_clients()

    def send(self, sender, rcpt, subject="hello", extra_headers=()):
        message = make_message(subject, sender=sender, to=rcpt, extra_headers=extra_headers)
        self.server.submit(sender, [rcpt], message, password=PW)
        return message_id(message)

    def reply_in(self, user, original_id):
        return wait_for(f"the auto-reply to {original_id} in {user}'s mailbox",
                        lambda: replies(self.server.messages(user, PW), original_id))

    def test_reply_to_a_local_sender(self):
        original = self.send(BOB, ALICE, extra_headers=["References: <earlier@other.test>"])
        found = self.reply_in(BOB, original)
        self.assertEqual(len(found), 1)
        raw, msg = found[0]
        # Envelope sender <> (RFC 3834 3.3), as local delivery's Return-Path shows.
        self.assertTrue(raw.startswith(b"Return-Path: <>\r\n"), raw[:200])
        self.assert_reply_fields(raw, msg, original, ALICE, BOB, JA_SUBJECT, JA_NAME)
        # Japanese in headers only as RFC 2047 encoded words.
        raw_from = re.search(rb"(?im)^From:.*(?:\r\n[ \t].*)*", header_block(raw)).group(0)
        self.assertIn(b"=?", raw_from)
        charset, _, body = self.text_body(msg)
        self.assertEqual(charset, "utf-8")
        self.assertIn(normalized(JA_BODY), body)
        # Nothing else came back to bob.
        self.assertEqual(len(self.server.messages(BOB, PW)), 1)

    def test_iso_2022_jp_for_old_phones(self):
        original = self.send(DAVE, CAROL)
        raw, msg = self.reply_in(DAVE, original)[0]
        self.assert_reply_fields(raw, msg, original, CAROL, DAVE, "不在のお知らせ", "佐藤 一郎")
        charset, octets, body = self.text_body(msg)
        self.assertEqual(charset, "iso-2022-jp")
        self.assertTrue(all(b < 0x80 for b in raw), "ISO-2022-JP is 7-bit")
        self.assertIn(b"\x1b$B", octets)  # JIS X 0208 designation
        self.assertIn(normalized(JA_BODY), body)

    def test_two_accounts_replying_to_each_other_stop_after_one_reply(self):
        # FAQ: 送信元と送信先でお互い自動返信している場合 — frank's reply to erin has the null
        # sender and Auto-Submitted, so erin's auto-reply must leave it alone.
        original = self.send(ERIN, FRANK)
        raw, msg = self.reply_in(ERIN, original)[0]
        self.assertTrue(raw.startswith(b"Return-Path: <>\r\n"), raw[:200])
        frank_reply_id = msg["Message-ID"].strip()
        # Control: a fresh sender to erin gets erin's reply, so erin has handled frank's by now.
        control = self.send(DAVE, ERIN, subject="control")
        self.reply_in(DAVE, control)
        self.assertEqual(replies(self.server.messages(FRANK, PW), frank_reply_id), [])
        self.assertEqual(len(self.server.messages(FRANK, PW)), 1)  # erin's message only
        self.assertEqual(len(self.server.messages(ERIN, PW)), 2)  # frank's reply and dave's message


# ---- once per sender ----------------------------------------------------------------------------

class OncePerSenderTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("auth.failure_delay_ms", 0)
        for who in (BOB, CAROL, DAVE):
            self.server.add_account(who, PW)
        for who in (ALICE, ERIN):
            self.server.add_account(who, None)
        autoreply_set(self.server, ALICE, "Alice is away", "Back soon.\n")
        autoreply_set(self.server, ERIN, "Erin is away", "Back later.\n")
        self.server.start()

    def send(self, sender, rcpt):
        message = make_message(unique("m"), sender=sender, to=rcpt)
        self.server.submit(sender, [rcpt], message, password=PW)
        return message_id(message)

    def replies_in(self, user, original_id):
        return replies(self.server.messages(user, PW), original_id)

    def wait_reply(self, user, original_id):
        return wait_for(f"the auto-reply to {original_id} in {user}'s mailbox",
                        lambda: self.replies_in(user, original_id))

    def test_once_per_sender_per_account_across_a_restart(self):
        first = self.send(BOB, ALICE)
        self.wait_reply(BOB, first)
        second = self.send(BOB, ALICE)
        control = self.send(CAROL, ALICE)  # a different sender does get one
        self.wait_reply(CAROL, control)
        self.assertEqual(self.replies_in(BOB, second), [])
        # The memory is per account: erin answers bob although alice just did.
        to_erin = self.send(BOB, ERIN)
        self.wait_reply(BOB, to_erin)
        self.assertEqual(len(self.server.messages(BOB, PW)), 2)

        self.server.restart()
        third = self.send(BOB, ALICE)
        control = self.send(DAVE, ALICE)
        self.wait_reply(DAVE, control)
        self.assertEqual(self.replies_in(BOB, third), [])
        self.assertEqual(len(self.server.messages(BOB, PW)), 2, "a reply after the restart")
        # The log tells what happened: one reply from alice to bob, two skipped ones (like every
        # other reason for no reply), never a reply id that was not sent.
        log = self.server.ctl("log").stdout.splitlines()
        sent = [line for line in log if f"auto-reply from {ALICE} to {BOB} as id=" in line]
        skipped = [line for line in log if f"no auto-reply from {ALICE}: " in line]
        self.assertEqual((len(sent), len(skipped)), (1, 2),
                         "log lines for alice's one reply to bob and the two skipped:\n" + "\n".join(sent + skipped))


# ---- external senders: replies through the queue to smtp-sink -----------------------------------

class SinkCase(ReplyChecks, unittest.TestCase):
    """One server for example.test whose queue hands other.test to smtp-sink; senders are at
    other.test, so every reply (or its absence) is seen at the sink with its envelope."""

    @classmethod
    def start_server(cls, **config):
        """The sink and an initialised server (not started) with every account, receive-only."""
        cls.sink = SmtpSink().start()
        cls.addClassCleanup(cls.sink.cleanup)
        cls.server = Server()
        cls.addClassCleanup(cls.server.cleanup)
        s = cls.server
        s.init()
        config = {"auth.failure_delay_ms": 0, "queue.transports": f"other.test=[{HOST}]:{cls.sink.port}",
                  "queue.retry_min": 10, **config}
        for key, value in config.items():
            s.config_set(key, value)
        for who in (ALICE, BOB, CAROL, DAVE, ERIN, FRANK, GINA, HANK):
            s.add_account(who, None)
        return s
    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    # ---- sending and looking ----------------------------------------------------------------
    def deliver(self, rcpt, sender, subject=None, to=None, extra_headers=(), header_from=None, message=None):
        """Over MX; returns the message's Message-ID."""
        if message is None:
            message = make_message(subject or unique("m"), sender=header_from or sender or "someone@other.test",
                                   to=to or rcpt, extra_headers=extra_headers)
        self.server.deliver(rcpt, message, sender=sender)
        return message_id(message)

    def at_sink(self, rcpt):
        return [m for m in self.sink.messages() if rcpt.lower() in [r.lower() for r in m.rcpt_to]]

    def queue_empty(self):
        return self.server.ctl("queue", "list").stdout.strip() == ""

    def wait_reply(self, rcpt):
        found = wait_for(f"the auto-reply to {rcpt} at the sink", lambda: self.at_sink(rcpt))
        wait_for("an empty queue", self.queue_empty)
        return found

    def control(self, account=ALICE):
        """A message from a fresh sender that gets a reply; returns once that reply is at the sink
        and nothing else is queued."""
        sender = f"{unique('control')}@other.test"
        self.deliver(account, sender)
        self.wait_reply(sender)

    def assert_no_reply(self, send, watch, account=ALICE, logged=True):
        """send() makes a message to `account` that must get no reply: nothing reaches the sink
        for `watch` (or for anyone but the control), and the log has one more line
        "no auto-reply from ACCOUNT: reason"."""
        before = skip_lines(self.server)
        sink_before = len(self.sink.messages())
        send()
        self.control()
        self.assertEqual(self.at_sink(watch), [], f"an auto-reply to {watch}")
        # Only the control's reply reached the sink.
        self.assertEqual(len(self.sink.messages()), sink_before + 1, self.sink.messages())
        if logged:
            new = skip_lines(self.server) - before
            self.assertEqual(sum(new.values()), 1, f"new 'no auto-reply' log lines: {new}")
            self.assertIn(f"no auto-reply from {account}: ", next(iter(new)))

    def reply(self, rcpt, original_id):
        found = self.wait_reply(rcpt)
        self.assertEqual(len(found), 1, found)
        got = found[0]
        self.assertEqual(got.mail_from, "", f"envelope sender {got.mail_args}")
        self.assertEqual(got.rcpt_to, [rcpt], got.rcpt_args)
        msg = parse(got.data)
        self.assertEqual((msg["In-Reply-To"] or "").strip(), original_id)
        return got.data, msg


class SinkReplyTest(SinkCase):
    TODAY = datetime.date.today()

    @classmethod
    def setUpClass(cls):
        s = cls.start_server()
        day = datetime.timedelta(days=1)
        autoreply_set(s, ALICE, "Alice is away", "Back soon.\n", "--from-name", "Alice A.")
        autoreply_set(s, CAROL, "Not yet", "Not yet.\n", "--start", str(cls.TODAY + 2 * day))
        autoreply_set(s, DAVE, "Over", "Over.\n", "--start", str(cls.TODAY - 10 * day),
                      "--end", str(cls.TODAY - day))
        autoreply_set(s, ERIN, "Today only", "Today.\n", "--start", str(cls.TODAY), "--end", str(cls.TODAY))
        autoreply_set(s, FRANK, "Frank", "Frank.\n")
        # Before the start: SpamFilterStep skips its read for a second after one that found no
        # entry at all, so an entry added while running may miss the next message.
        cls.spammer = f"{unique('spam')}@other.test"
        s.ctl("filter", "add", ALICE, "deny", "sender", cls.spammer)
        cls.alias = f"{unique('al')}@example.test"
        s.ctl("alias", "add", cls.alias, ALICE)
        autoreply_set(s, HANK, "Hank is away", "Hank.\n")
        s.set_quota(HANK, 300)
        s.start()

    # ---- replies ------------------------------------------------------------------------------
    def test_reply_to_an_external_sender(self):
        sender = f"{unique('ext')}@other.test"
        original = self.deliver(ALICE, sender)
        raw, msg = self.reply(sender, original)
        self.assert_reply_fields(raw, msg, original, ALICE, sender, "Alice is away", "Alice A.")
        self.assertIn("Back soon.", self.text_body(msg)[2])

    def test_replies_to_the_envelope_sender_not_the_header(self):
        envelope = f"{unique('env')}@other.test"
        header = f"{unique('hdr')}@other.test"
        original = self.deliver(ALICE, envelope, header_from=header,
                                extra_headers=[f"Reply-To: <{header}>"])
        raw, msg = self.reply(envelope, original)
        self.assert_reply_fields(raw, msg, original, ALICE, envelope, "Alice is away")
        self.assertEqual(self.at_sink(header), [])

    def test_near_misses_that_do_get_a_reply(self):
        u = unique("near")
        cases = {  # name: (local part of the sender, To field, other fields)
            "Auto-Submitted: no": (None, f"<{ALICE}>", ["Auto-Submitted: no"]),
            "Precedence: first-class": (None, f"<{ALICE}>", ["Precedence: first-class"]),
            "in Cc, not To": (None, "<someone@other.test>", [f"Cc: Alice <{ALICE}>"]),
            "To with a name, other case": (None, '"Alice" <Alice@Example.TEST>', []),
            "one of several in To": (None, f"a@other.test, Alice <{ALICE}>, b@other.test", []),
            "To as a group": (None, f"team: a@other.test, {ALICE};", []),
            "owner- not a prefix": (f"{u}-owner-x", f"<{ALICE}>", []),
            "-request not the end": (f"{u}-requests", f"<{ALICE}>", []),
            "noreply not the whole local part": (f"{u}.noreplyx", f"<{ALICE}>", []),
        }
        for name, (local, to, extra) in cases.items():
            with self.subTest(name):
                sender = f"{local or unique('near')}@other.test"
                original = self.deliver(ALICE, sender, message=raw_message(sender, to, extra_headers=extra))
                self.reply(sender, original)

    def test_addressed_to_an_alias(self):
        # The alias is the account's own address too (RFC 5230 4.5 :addresses); the reply is
        # from the account.
        for name, to in (("To: the alias", f"<{self.alias}>"), ("To: the account", f"<{ALICE}>")):
            with self.subTest(name):
                sender = f"{unique('alias')}@other.test"
                original = self.deliver(self.alias, sender, message=raw_message(sender, to))
                raw, msg = self.reply(sender, original)
                self.assert_reply_fields(raw, msg, original, ALICE, sender, "Alice is away")

    def test_one_message_to_two_accounts_gets_a_reply_from_each(self):
        sender = f"{unique('two')}@other.test"
        message = raw_message(sender, f"<{ALICE}>, <{ERIN}>")
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=10) as c:
            c.ehlo("client.other.test")
            self.assertEqual(c.sendmail(sender, [ALICE, ERIN], message), {})
        original = message_id(message)
        found = wait_for("two replies", lambda: (lambda f: f if len(f) >= 2 else None)(self.at_sink(sender)))
        wait_for("an empty queue", self.queue_empty)
        self.assertEqual(len(self.at_sink(sender)), 2)
        froms = sorted(addresses(parse(m.data), "From")[0][1].lower() for m in found)
        self.assertEqual(froms, sorted([ALICE, ERIN]))
        for m in found:
            self.assertEqual(m.mail_from, "")
            self.assertEqual(parse(m.data)["In-Reply-To"].strip(), original)

    def test_simultaneous_messages_from_one_sender_get_one_reply(self):
        # The once-per-period mark is claimed with the delivery, so messages committed at the same
        # moment still answer once (five connections at once, then one more after).
        sender = f"{unique('burst')}@other.test"
        errors = []

        def send():
            try:
                self.deliver(ALICE, sender)
            except Exception as e:  # reported below, with the others
                errors.append(e)
        threads = [threading.Thread(target=send) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(errors, [])
        self.deliver(ALICE, sender)
        self.control()
        self.assertEqual(len(self.at_sink(sender)), 1, self.at_sink(sender))

    def test_no_reply_from_an_account_whose_copy_was_returned(self):
        # Hank's mailbox cannot take the message (quota), alice's can: the transaction is accepted
        # (no SIZE, so RCPT cannot know), hank's copy is returned to the sender with a report. The
        # sender must not also get "Hank is away" for mail hank never got.
        sender = f"{unique('full')}@other.test"
        message = raw_message(sender, f"<{ALICE}>, <{HANK}>", extra_headers=["X-Pad: " + "x" * 900])
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=10) as c:
            c.ehlo("client.other.test")
            self.assertEqual(c.mail(sender)[0], 250)
            self.assertEqual(c.rcpt(ALICE)[0], 250)
            self.assertEqual(c.rcpt(HANK)[0], 250)
            code, reply = c.data(message)
        self.assertEqual(code, 250, reply)
        self.control()
        got = self.at_sink(sender)
        froms = sorted(addresses(parse(m.data), "From")[0][1].lower() for m in got)
        self.assertIn(ALICE, froms)  # alice got it and answered
        self.assertTrue(any(f.startswith("mailer-daemon@") for f in froms), froms)  # hank's copy came back
        self.assertNotIn(HANK, froms, "an auto-reply from the account whose copy was returned")

    def test_reply_to_an_unknown_sender_of_our_own_domain_goes_nowhere(self):
        # The reply to ghost@example.test (no such account) is refused locally; being from <> it
        # gets no report, and nothing is left in the queue or comes back to alice.
        # Erin has no filter entry, so the spoofing rule (filters on only) does not hold it.
        ghost = f"{unique('ghost')}@example.test"
        self.deliver(ERIN, ghost)
        self.control()
        wait_for("an empty queue", self.queue_empty)
        self.assertTrue(self.server.running)
        self.assertEqual(self.at_sink(ghost), [])
        self.assertEqual(self.server.ctl("quarantine", "list").stdout.count(ghost), 0)
        # The log says what became of it, as for every message an auto-reply rule saw.
        said = [line for line in self.server.ctl("log").stdout.splitlines()
                if f"auto-reply from {ERIN}" in line and (ghost in line or "no auto-reply" in line)]
        self.assertTrue(said, f"no log line about erin's auto-reply to {ghost}")

    # ---- charsets and long fields (gina's rule, set by each test) -----------------------------
    def gina_reply(self, subject, body, *options):
        autoreply_set(self.server, GINA, subject, body, *options)
        sender = f"{unique('cs')}@other.test"
        original = self.deliver(GINA, sender)
        return self.reply(sender, original)

    def test_iso_2022_jp_writes_cp932_forms_as_jis(self):
        # What a Windows IME types (～ U+FF5E, － U+FF0D) goes out as the JIS X 0208 codes, which
        # a strict ISO-2022-JP decoder reads as 〜 and −.
        raw, msg = self.gina_reply("10時～12時 不在", "10時～12時は会議中です。－以上\n", "--charset", "iso-2022-jp",
                                   "--from-name", "ギナ")
        charset, octets, body = self.text_body(msg)
        self.assertEqual(charset, "iso-2022-jp")
        self.assertTrue(all(b < 0x80 for b in raw))
        self.assertEqual(body, "10時〜12時は会議中です。−以上")
        self.assertEqual(decoded(msg["Subject"]).replace("～", "〜"), "10時〜12時 不在")

    def test_iso_2022_jp_falls_back_to_utf8_for_what_it_cannot_carry(self):
        # Half-width katakana (not in RFC 1468's sets) and an emoji: the whole reply is UTF-8,
        # never a part in one charset and a header in another, and nothing is lost.
        for text in ("ｶﾀｶﾅで失礼します", "よろしくお願いします🙇"):
            with self.subTest(text):
                raw, msg = self.gina_reply(f"件名 {text}", text + "\n", "--charset", "iso-2022-jp",
                                           "--from-name", text)
                charset, _, body = self.text_body(msg)
                self.assertEqual(charset, "utf-8")
                self.assertEqual(body, text)
                self.assertEqual(decoded(msg["Subject"]), f"件名 {text}")
                self.assertEqual(decoded(addresses(msg, "From")[0][0]), text)

    def assert_line_limits(self, raw):
        """RFC 5322 2.1.1: no line over 998 octets; RFC 2047 2: no encoded word over 75."""
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 998, line[:120])
        for word in re.findall(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=", header_block(raw)):
            self.assertLessEqual(len(word), 75, word)

    def test_long_subject_name_and_body_lines_stay_within_the_limits(self):
        # The longest the CLI takes (ForwardingService: 200 and 100 characters).
        subject = "長い件名" * 50
        name = "長" * 100
        long_line = "あ" * 1200  # 3600 octets in UTF-8, 2400 in JIS
        for charset in ("utf-8", "iso-2022-jp"):
            with self.subTest(charset):
                raw, msg = self.gina_reply(subject, f"短い行\n{long_line}\n最後の行\n", "--from-name", name,
                                           "--charset", charset)
                self.assert_line_limits(raw)
                self.assertEqual(decoded(msg["Subject"]), subject)
                self.assertEqual(decoded(addresses(msg, "From")[0][0]), name)
                self.assertIn(long_line, self.text_body(msg)[2])

    def test_hostile_message_id_and_references(self):
        autoreply_set(self.server, GINA, "Gina is away", "Gina.\n")
        sender = f"{unique('ids')}@other.test"
        parent = f"<parent-{unique('p')}@other.test>"
        refs = " ".join(f"<r{i}-{unique('r')}@other.test>" for i in range(40))
        message = raw_message(sender, f"<{GINA}>", extra_headers=[
            f"References: {refs} <bad id@x> \"<q@x>\"\r\n\tBcc: evil@x.test <\r\n\tfolded@x>"])
        message = message.replace(re.search(rb"Message-ID: <[^>]+>", message).group(0),
                                  f"Message-ID: {parent} (comment)\r\n\tBcc: evil@x.test".encode())
        self.server.deliver(GINA, message, sender=sender)
        raw, msg = self.reply(sender, parent)
        self.assert_reply_fields(raw, msg, parent, GINA, sender, "Gina is away")
        self.assertNotRegex(header_block(raw), rb"(?im)^bcc:")
        self.assert_line_limits(raw)
        ids = (msg["References"] or "").split()
        for i in ids:
            self.assertRegex(i, r"^<[^<>\s\"]+@[^<>\s\"]+>$", msg["References"])
        self.assertEqual(ids[-1], parent)
        self.assertEqual(ids[0], refs.split()[0])  # the thread's root kept

    def test_start_and_end_days_are_inclusive(self):
        sender = f"{unique('today')}@other.test"
        original = self.deliver(ERIN, sender)
        raw, msg = self.reply(sender, original)
        self.assert_reply_fields(raw, msg, original, ERIN, sender, "Today only")

    # ---- no reply -----------------------------------------------------------------------------
    def test_null_sender(self):
        header_from = f"{unique('null')}@other.test"
        self.assert_no_reply(lambda: self.deliver(ALICE, "", header_from=header_from), header_from)

    def test_auto_submitted_other_than_no(self):
        for value in ("auto-generated", "auto-replied", "auto-notified", "Auto-Generated",
                      'auto-generated; owner-email="x@other.test"'):
            with self.subTest(value):
                sender = f"{unique('auto')}@other.test"
                self.assert_no_reply(lambda: self.deliver(ALICE, sender,
                                                          extra_headers=[f"Auto-Submitted: {value}"]), sender)

    def test_precedence_bulk_junk_list(self):
        for value in ("bulk", "junk", "list", "Bulk"):
            with self.subTest(value):
                sender = f"{unique('prec')}@other.test"
                self.assert_no_reply(lambda: self.deliver(ALICE, sender,
                                                          extra_headers=[f"Precedence: {value}"]), sender)

    def test_list_headers(self):
        for header in ("List-Id: Example list <announce.other.test>",
                       "List-Unsubscribe: <mailto:leave@other.test>",
                       "List-Post: <mailto:announce@other.test>"):
            with self.subTest(header):
                sender = f"{unique('list')}@other.test"
                self.assert_no_reply(lambda: self.deliver(ALICE, sender, extra_headers=[header]), sender)

    def test_system_and_list_senders(self):
        u = unique("x")
        for local in ("MAILER-DAEMON", "mailer-daemon", "postmaster", f"owner-{u}", f"{u}-request",
                      f"{u}-Request", "noreply"):
            with self.subTest(local):
                sender = f"{local}@other.test"
                self.assert_no_reply(lambda: self.deliver(ALICE, sender), sender)

    def test_reserved_senders_of_the_reference_service(self):
        # The reference service's FAQ (特定の送信者アドレスに対して、自動返信メールが送信されません):
        # local parts ending in -request or -admin, starting with owner-, and these names.
        u = unique("x")
        for local in (f"{u}-admin", "autoanswer", "echo", "listserv", "mailerdaemon", "mirror", "netserv",
                      "server", "uucp", "mailer", "listproc", "majordomo"):
            with self.subTest(local):
                sender = f"{local}@other.test"
                self.assert_no_reply(lambda: self.deliver(ALICE, sender), sender)

    def test_not_in_to_or_cc(self):
        # Bcc'd (or a list that hides its members): the account's address is in neither field.
        sender = f"{unique('bcc')}@other.test"
        self.assert_no_reply(lambda: self.deliver(ALICE, sender, to="someone-else@other.test",
                                                  extra_headers=["Cc: another@other.test"]), sender)
        # A To naming a different account of the same domain is not alice either.
        sender = f"{unique('bcc')}@other.test"
        self.assert_no_reply(lambda: self.deliver(ALICE, sender, to=BOB), sender)

    def test_before_start_and_after_end(self):
        for account in (CAROL, DAVE):
            with self.subTest(account):
                sender = f"{unique('date')}@other.test"
                self.assert_no_reply(lambda: self.deliver(account, sender), sender, account)

    def test_switched_off(self):
        sender = f"{unique('first')}@other.test"
        self.reply(sender, self.deliver(FRANK, sender))
        self.server.ctl("autoreply", "off", FRANK)
        sender = f"{unique('off')}@other.test"
        self.assert_no_reply(lambda: self.deliver(FRANK, sender), sender, FRANK, logged=False)

    def test_quarantined_mail(self):
        spammer = self.spammer

        def send():
            self.deliver(ALICE, spammer)
            held = self.server.ctl("quarantine", "list", ALICE).stdout
            self.assertIn(spammer, held, "the filter did not quarantine it")
        self.assert_no_reply(send, spammer, logged=False)

    # ---- header injection ---------------------------------------------------------------------
    def assert_one_recipient(self, sender, original):
        raw, msg = self.reply(sender, original)
        head = header_block(raw)
        self.assertEqual([a.lower() for _, a in addresses(msg, "To")], [sender.lower()], head)
        froms = addresses(msg, "From")
        self.assertEqual([a.lower() for _, a in froms], [BOB], head)
        for name in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc", "Reply-To"):
            self.assertIsNone(msg[name], f"{name} in the reply:\n{head!r}")
        self.assertNotRegex(head, rb"(?im)^(bcc|cc):", head)
        return raw, msg

    def test_from_name_with_an_address_list(self):
        name = '"a@b" <evil@x.test>, other'
        autoreply_set(self.server, BOB, "Bob is away", "Bob.\n", "--from-name", name)
        sender = f"{unique('inj')}@other.test"
        self.assert_one_recipient(sender, self.deliver(BOB, sender))
        # And an encoded word that decodes to a new line and a Bcc field.
        autoreply_set(self.server, BOB, "Bob is away", "Bob.\n", "--from-name", INJECTION)
        sender = f"{unique('inj')}@other.test"
        self.assert_one_recipient(sender, self.deliver(BOB, sender))
        wait_for("an empty queue", self.queue_empty)

    def test_subject_encoded_word_with_a_new_line(self):
        autoreply_set(self.server, BOB, INJECTION, "Bob.\n", "--from-name", "Bob")
        sender = f"{unique('inj')}@other.test"
        raw, msg = self.assert_one_recipient(sender, self.deliver(BOB, sender))
        # The original's subject is such a word too: the set subject is used, nothing leaks.
        autoreply_set(self.server, BOB, "Bob is away", "Bob.\n", "--from-name", "Bob")
        sender = f"{unique('inj')}@other.test"
        raw, msg = self.assert_one_recipient(sender, self.deliver(BOB, sender, subject=INJECTION))
        self.assertEqual(decoded(msg["Subject"]), "Bob is away")

    def test_empty_subject_replies_re_original_without_injection(self):
        res = autoreply_set(self.server, BOB, "", "Bob.\n", "--from-name", "Bob", check=False)
        if res.returncode != 0:
            self.skipTest(f"the CLI refuses an empty --subject ({res.returncode}: {res.stderr.strip()})")
        sender = f"{unique('inj')}@other.test"
        raw, msg = self.assert_one_recipient(sender, self.deliver(BOB, sender, subject=INJECTION))
        self.assertTrue(decoded(msg["Subject"]).startswith("Re: "), msg["Subject"])
        sender = f"{unique('re')}@other.test"
        raw, msg = self.assert_one_recipient(sender, self.deliver(BOB, sender, subject="会議の件"))
        self.assertEqual(decoded(msg["Subject"]), "Re: 会議の件")

    def test_envelope_sender_with_a_quoted_list(self):
        # A quoted local part holding a comma and an @ (RFC 5321 4.1.2): either no reply at all,
        # or one to exactly that address — never one to evil@x.test.
        sender = f'"{unique("q")},evil@x.test"@other.test'
        try:
            original = self.deliver(ALICE, sender, header_from=f"{unique('q')}@other.test")
        except smtplib.SMTPSenderRefused as e:
            self.skipTest(f"MAIL FROM with a quoted local part refused: {e.smtp_code}")
        self.control()  # also waits for an empty queue: nothing left for x.test
        for got in self.sink.messages():
            self.assertEqual(len(got.rcpt_to), 1, got.rcpt_args)
            self.assertNotEqual(got.rcpt_to[0].lower(), "evil@x.test")
        found = self.at_sink(sender)
        self.assertLessEqual(len(found), 1, found)
        if found:
            msg = parse(found[0].data)
            head = header_block(found[0].data)
            self.assertEqual(found[0].mail_from, "")
            self.assertEqual((msg["In-Reply-To"] or "").strip(), original)
            self.assertEqual([a for _, a in addresses(msg, "To")], [sender], head)
            self.assertIsNone(msg["Bcc"])
            self.assertIsNone(msg["Cc"])


class SpamTaggedTest(SinkCase):
    """Mail our scan step tags as spam (real spamd, GTUBE, scan.spam_action = tag) is delivered
    with X-Spam-Flag: YES and gets no auto-reply."""

    @classmethod
    def setUpClass(cls):
        cls.spamd = Spamd()
        cls.addClassCleanup(cls.spamd.cleanup)
        cls.spamd.start()
        s = cls.start_server(**{"scan.spamd": cls.spamd.address, "scan.spam_action": "tag"})
        autoreply_set(s, ALICE, "Alice is away", "Back soon.\n")
        s.start()

    def test_tagged_spam_gets_no_reply(self):
        sender = f"{unique('spam')}@other.test"
        self.assert_no_reply(lambda: self.deliver(ALICE, sender, message=make_message(
            unique("offer"), body=GTUBE.decode() + "\r\n", sender=sender, to=ALICE)), sender)

    def test_a_senders_own_spam_flag_does_not_count(self):
        # The scan step replaces the sender's X-Spam-Flag: ham that claims to be spam is ham.
        sender = f"{unique('ham')}@other.test"
        self.reply(sender, self.deliver(ALICE, sender, extra_headers=["X-Spam-Flag: YES"]))


# ---- replies through the queue to a second fumibakod, DKIM-signed -------------------------------

class QueueReplyTest(ReplyChecks, QueueTestCase):
    """alice@example.test auto-replies to bob@example.net; the reply leaves through the queue to
    the example.net server on loopback and is read from bob's mailbox there."""

    def setUp(self):
        super().setUp()
        autoreply_set(self.sender, ALICE, "不在のお知らせ", JA_BODY, "--from-name", JA_NAME)

    def send_and_fetch(self):
        message = make_message(unique("to-alice"), sender=PEER_BOB, to=ALICE,
                               extra_headers=[f"Date: {email.utils.formatdate(localtime=True)}"])
        self.sender.deliver(ALICE, message, sender=PEER_BOB)
        original = message_id(message)
        found = wait_for("the auto-reply at the peer",
                         lambda: replies(self.peer.messages(PEER_BOB, PW), original), timeout=30)
        self.assertEqual(len(found), 1)
        return original, found[0][0], found[0][1]

    def test_reply_leaves_through_the_queue_with_the_null_sender(self):
        self.start_peer()
        self.sender.start()
        original, raw, msg = self.send_and_fetch()
        self.assertTrue(raw.startswith(b"Return-Path: <>\r\n"), raw[:200])
        self.assert_reply_fields(raw, msg, original, ALICE, PEER_BOB, "不在のお知らせ", JA_NAME)
        self.assertIn(normalized(JA_BODY), self.text_body(msg)[2])
        self.assertIn("Received", msg)
        wait_for("the result in the log", lambda: "status=delivered" in self.log(self.sender))
        self.assertEqual(self.reports(), [])  # nothing bounced back to alice

    @unittest.skipUnless(opendkim_testmsg(), "opendkim-testmsg is not installed (Debian: opendkim-tools)")
    @unittest.skipUnless(os.environ.get("FUMIBAKO_DKIM_TEST_DNS"),
                         "FUMIBAKO_DKIM_TEST_DNS (the dkimtestdns preload library) is not set")
    def test_reply_is_dkim_signed(self):
        self.sender.ctl("dkim", "generate", "example.test", "--algorithm", "ed25519", "--selector", "ar2026")
        self.sender.ctl("dkim", "activate", "example.test", "ar2026")
        self.start_peer()
        self.sender.start()
        _, raw, _ = self.send_and_fetch()
        signatures = [f for name, f in header_fields(raw)[0] if name == b"dkim-signature"]
        self.assertEqual(len(signatures), 1, raw.decode(errors="replace"))
        self.assertIn(b"d=example.test", signatures[0])
        self.assertIn(b"s=ar2026", signatures[0])
        tmp = tempfile.mkdtemp(prefix="fumibako-dkim-")
        self.addCleanup(shutil.rmtree, tmp, True)
        records = os.path.join(tmp, "txt")
        with open(records, "w") as f:
            for line in self.sender.ctl("dkim", "list").stdout.splitlines():
                row = line.split("\t")
                if len(row) > 6:
                    f.write(f"{row[5]} {row[6]}\n")
        env = dict(os.environ, LD_PRELOAD=os.environ["FUMIBAKO_DKIM_TEST_DNS"], FUMIBAKO_DNS_TXT_FILE=records)

        def verify(data):
            p = subprocess.run([opendkim_testmsg()], input=data, env=env, capture_output=True, timeout=60)
            return p.returncode, (p.stdout + p.stderr).decode(errors="replace")
        self.assertEqual(verify(raw), (0, ""))
        head, body = raw.split(b"\r\n\r\n", 1)
        tampered = head + b"\r\n\r\n" + (b"B" if body[:1] == b"A" else b"A") + body[1:]
        self.assertNotEqual(verify(tampered)[0], 0)


if __name__ == "__main__":
    unittest.main()
