#!/usr/bin/env python3
"""IMAP behaviour of fumibakod through real sockets (RFC 3501, 2177, 2595, 4315, 4959, 6851,
7888): the first slice of the IMAP server.

Login before and after TLS (STARTTLS, LOGINDISABLED, AUTHENTICATE with SASL-IR, imaps), folders
(LIST, special-use, NAMESPACE, CREATE/DELETE/RENAME/SUBSCRIBE/STATUS, modified UTF-7, reserved
names, the 295-folder limit), SELECT/EXAMINE and FETCH, STORE and EXPUNGE, SEARCH, COPY/MOVE/
APPEND with UIDPLUS, two sessions and IDLE, POP3 beside IMAP, curl as a client, and a hostile
client against the command parser. Most checks go through imaplib; raw sockets are used where
imaplib hides the exact responses.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_imap.py
"""

import base64
import datetime
import poplib
import re
import shutil
import smtplib
import socket
import subprocess
import threading
import time
import unittest

from fumibako_fixture import (HOST, SOCKET_TIMEOUT, ServerTestCase, imap_fetch_items, imap_parse,
                              imap_quote, make_message, plain_auth, unique)

PW = "imap secret 123"


def mutf7(name):
    """RFC 3501 5.1.3 modified UTF-7: printable ASCII as is ('&' as "&-"), other characters as
    base64 of UTF-16BE with ',' for '/', no padding, between '&' and '-'."""
    out, run = [], ""

    def flush():
        nonlocal run
        if run:
            b64 = base64.b64encode(run.encode("utf-16-be")).rstrip(b"=").replace(b"/", b",")
            out.append("&" + b64.decode("ascii") + "-")
            run = ""

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run += ch
    flush()
    return "".join(out)


def status_of(tagged):
    """"OK", "NO" or "BAD" of a tagged response line."""
    parts = tagged.split(b" ", 2)
    return parts[1].decode() if len(parts) > 1 else ""


def code_of(line):
    """The response code of a status response ("TOOBIG", "COPYUID 1 2 3", ...) or ''."""
    m = re.search(rb"\[([^\]]*)\]", line)
    return m.group(1).decode() if m else ""


def fetches(untagged):
    """{sequence number: items} of the untagged FETCH responses (later items win)."""
    out = {}
    for line in untagged:
        items = imap_fetch_items(line)
        if items is not None:
            out.setdefault(int(imap_parse(line)[1]), {}).update(items)
    return out


def search_hits(untagged):
    for line in untagged:
        if line.startswith(b"* SEARCH"):
            return [int(x) for x in line.split()[2:]]
    raise AssertionError(f"no SEARCH response in {untagged!r}")


def list_entries(untagged):
    """{mailbox name as sent (str): (attributes, delimiter)} of LIST/LSUB responses."""
    out = {}
    for line in untagged:
        values = imap_parse(line)
        if len(values) >= 5 and values[1] in ("LIST", "LSUB"):
            name = values[4]
            name = name.decode("ascii") if isinstance(name, bytes) else name
            delim = values[3].decode() if isinstance(values[3], bytes) else values[3]
            out[name] = ([a.lower() for a in values[2]], delim)
    return out


def literal_plus(command, message):
    """A command line ending in a non-synchronizing literal (RFC 7888) with the message."""
    return command.encode("utf-8") + b" {%d+}\r\n" % len(message) + message


class ImapTestCase(ServerTestCase):
    """Raw-client helpers that fail with the transcript."""

    def run_cmd(self, c, command, want="OK"):
        untagged, done = c.imap(command)
        self.assertEqual(status_of(done), want, f"{command!r} -> {done!r}\n{c.transcript()}")
        return untagged, done

    def ok(self, c, command):
        return self.run_cmd(c, command)[0]

    def append(self, c, mailbox, message, flags="", date=None):
        """APPEND over a raw client; returns the UID from APPENDUID."""
        cmd = f"APPEND {imap_quote(mailbox)}"
        if flags:
            cmd += f" ({flags})"
        if date:
            cmd += f' "{date}"'
        _, done = self.run_cmd(c, literal_plus(cmd, message))
        m = re.search(rb"\[APPENDUID (\d+) (\d+)\]", done)
        self.assertIsNotNone(m, f"no APPENDUID in {done!r}\n{c.transcript()}")
        return int(m.group(2))

    def folder_with(self, c, messages, flags=None):
        """A fresh folder holding the messages (APPENDed); returns (name, uids)."""
        name = unique("box")
        self.ok(c, f"CREATE {name}")
        uids = [self.append(c, name, m, (flags or {}).get(i, "")) for i, m in enumerate(messages)]
        return name, uids

    def select(self, c, mailbox, examine=False):
        untagged, done = self.run_cmd(c, f"{'EXAMINE' if examine else 'SELECT'} "
                                         f"{imap_quote(mailbox)}")
        return untagged, done

    def uid_map(self, c):
        """[uid of message 1, uid of message 2, ...] of the selected mailbox."""
        return search_hits(self.ok(c, "UID SEARCH ALL"))


def messages(n, prefix="m", size=0):
    return [make_message(unique(f"{prefix}{i}"), body="body %d\r\n" % i + "x" * size + "\r\n")
            for i in range(n)]


class Mutf7EncoderTest(unittest.TestCase):
    """The test's own encoder, against RFC 3501's example and the folder the brief names."""

    def test_encoder(self):
        self.assertEqual(mutf7("取引先/見積"), "&U9ZfFVFI-/&iYt6TQ-")
        self.assertEqual(mutf7("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
        self.assertEqual(mutf7("A&B"), "A&-B")


class LoginTest(ImapTestCase):
    """No credentials before TLS (RFC 3501 6.2.3, 2595 3.2); STARTTLS, AUTHENTICATE with SASL-IR
    (RFC 4959), LOGIN, imaps; failures get [AUTHENTICATIONFAILED] (RFC 5530)."""

    ACCOUNTS = {"kai@example.test": PW}

    def test_before_tls_capability_has_starttls_and_logindisabled_and_login_gets_no(self):
        c = self.server.raw("imap")
        greeting = c.imap_read()
        self.assertTrue(greeting.startswith(b"* OK"), c.transcript())
        caps = b" ".join(self.ok(c, "CAPABILITY")).upper().split()
        for cap in [b"IMAP4REV1", b"STARTTLS", b"LOGINDISABLED"]:
            self.assertIn(cap, caps, c.transcript())
        self.assertFalse([x for x in caps if x.startswith(b"AUTH=")], c.transcript())
        _, done = self.run_cmd(c, f'LOGIN kai@example.test "{PW}"', want="NO")
        _, done = self.run_cmd(c, "AUTHENTICATE PLAIN " + plain_auth("kai@example.test", PW),
                               want="NO")
        self.run_cmd(c, "SELECT INBOX", want="BAD")
        # The same connection can still upgrade and log in.
        self.ok(c, "STARTTLS")
        c.starttls(self.server.tls_context())
        self.ok(c, f'LOGIN kai@example.test "{PW}"')
        self.select(c, "INBOX")

    def test_after_starttls_auth_mechanisms_are_offered_and_login_works(self):
        m = self.server.imap(listener="imap")  # imaplib: STARTTLS, then CAPABILITY again
        caps = set(m.capabilities)
        for cap in ["AUTH=PLAIN", "AUTH=LOGIN", "SASL-IR"]:
            self.assertIn(cap, caps, m.transcript())
        self.assertNotIn("STARTTLS", caps, m.transcript())
        self.assertNotIn("LOGINDISABLED", caps, m.transcript())
        typ, _ = m.login("kai@example.test", PW)
        self.assertEqual(typ, "OK", m.transcript())
        self.assertEqual(m.select("INBOX")[0], "OK", m.transcript())
        m.logout()

    def test_imaps_logs_in_directly_and_offers_no_starttls(self):
        m = self.server.imap()
        self.assertIn("AUTH=PLAIN", m.capabilities, m.transcript())
        self.assertNotIn("STARTTLS", m.capabilities, m.transcript())
        self.assertEqual(m.login("kai@example.test", PW)[0], "OK", m.transcript())
        self.assertEqual(m.noop()[0], "OK")
        m.logout()

    def test_authenticate_plain_with_initial_response(self):
        c = self.server.imap_raw()
        _, done = self.run_cmd(c, "AUTHENTICATE PLAIN " + plain_auth("kai@example.test", PW))
        self.select(c, "INBOX")

    def test_authenticate_plain_with_continuation_through_imaplib(self):
        m = self.server.imap()
        typ, _ = m.authenticate("PLAIN", lambda _: f"\0kai@example.test\0{PW}".encode())
        self.assertEqual(typ, "OK", m.transcript())
        self.assertEqual(m.select("INBOX")[0], "OK", m.transcript())

    def test_authenticate_login(self):
        c = self.server.imap_raw()
        c.sendline("a1 AUTHENTICATE LOGIN")
        self.assertTrue(c.imap_read().startswith(b"+ "), c.transcript())
        c.sendline(base64.b64encode(b"kai@example.test").decode())
        self.assertTrue(c.imap_read().startswith(b"+ "), c.transcript())
        c.sendline(base64.b64encode(PW.encode()).decode())
        _, done = c.imap_until("a1")
        self.assertEqual(status_of(done), "OK", c.transcript())

    def test_wrong_password_gets_no_authenticationfailed(self):
        c = self.server.imap_raw()
        _, done = self.run_cmd(c, 'LOGIN kai@example.test "not the password"', want="NO")
        self.assertEqual(code_of(done), "AUTHENTICATIONFAILED", c.transcript())
        _, done = self.run_cmd(c, "AUTHENTICATE PLAIN " + plain_auth("kai@example.test", "nope"),
                               want="NO")
        self.assertEqual(code_of(done), "AUTHENTICATIONFAILED", c.transcript())
        self.run_cmd(c, "SELECT INBOX", want="BAD")
        # imaplib sees the same refusal
        m = self.server.imap()
        with self.assertRaises(m.error) as ctx:
            m.login("kai@example.test", "wrong again")
        self.assertIn("AUTHENTICATIONFAILED", str(ctx.exception))

    def test_post_login_capability(self):
        c = self.server.imap_raw("kai@example.test")
        caps = set(b" ".join(self.ok(c, "CAPABILITY")).upper().decode().split())
        for cap in ["IMAP4REV1", "UIDPLUS", "MOVE", "NAMESPACE", "SPECIAL-USE", "UNSELECT",
                    "CHILDREN", "IDLE", "LITERAL+", "ENABLE", "ID", "SASL-IR"]:
            self.assertIn(cap, caps, c.transcript())
        self.assertNotIn("LOGINDISABLED", caps, c.transcript())
        self.run_cmd(c, f'LOGIN kai@example.test "{PW}"', want="BAD")  # already logged in
        id_lines = self.ok(c, 'ID ("name" "fumibako-integration-test")')
        self.assertTrue(any(l.startswith(b"* ID ") for l in id_lines), c.transcript())
        enabled = self.ok(c, "ENABLE UTF8=ACCEPT")
        self.assertTrue(any(l.startswith(b"* ENABLED") for l in enabled), c.transcript())

    def test_starttls_injection_is_not_executed(self):
        c = self.server.raw("imap")
        c.imap_read()
        c.send(b"a STARTTLS\r\nb NOOP\r\n")
        done = c.imap_read()
        self.assertTrue(done.startswith(b"a OK"), c.transcript())
        leftover = c.starttls(self.server.tls_context())
        self.assertEqual(leftover, b"", "plaintext after OK to STARTTLS\n" + c.transcript())
        self.assertEqual(c.pending(0.7), b"", "injected NOOP was answered\n" + c.transcript())
        untagged, done = c.imap("CAPABILITY", tag="c")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertFalse([l for l in untagged if l.startswith(b"b ")], c.transcript())
        caps = b" ".join(untagged)
        self.assertIn(b"AUTH=PLAIN", caps, c.transcript())
        self.assertNotIn(b"STARTTLS", caps, c.transcript())


class MailboxTest(ImapTestCase):
    """LIST with special-use (RFC 6154), NAMESPACE (RFC 2342), CREATE/DELETE/RENAME/SUBSCRIBE/
    LSUB/STATUS, modified UTF-7 names, names the reference service reserves."""

    ACCOUNTS = {"ren@example.test": PW}

    def setUp(self):
        self.c = self.server.imap_raw("ren@example.test")

    def listing(self, pattern="*", verb="LIST"):
        return list_entries(self.ok(self.c, f'{verb} "" "{pattern}"'))

    def test_list_shows_inbox_and_special_use_folders_with_slash_separator(self):
        boxes = self.listing()
        for name, attr in [("Sent", "\\sent"), ("Drafts", "\\drafts"), ("Trash", "\\trash"),
                           ("Junk", "\\junk")]:
            self.assertIn(name, boxes, self.c.transcript())
            self.assertIn(attr, boxes[name][0], self.c.transcript())
        self.assertIn("INBOX", boxes, self.c.transcript())
        for name, (attrs, delim) in boxes.items():
            self.assertEqual(delim, "/", f"{name}\n{self.c.transcript()}")
        # The delimiter query (RFC 3501 6.3.8)
        untagged = self.ok(self.c, 'LIST "" ""')
        self.assertEqual(imap_parse(untagged[0])[3], b"/", self.c.transcript())
        # imaplib agrees
        m = self.server.imap("ren@example.test")
        typ, data = m.list()
        self.assertEqual(typ, "OK")
        self.assertTrue(any(b'"INBOX"' in d or d.endswith(b" INBOX") for d in data), data)
        self.assertTrue(any(b"\\Sent" in d for d in data), data)

    def test_namespace(self):
        untagged = self.ok(self.c, "NAMESPACE")
        values = imap_parse(untagged[0])
        self.assertEqual(values[1], "NAMESPACE", self.c.transcript())
        self.assertEqual(values[2], [[b"", b"/"]], self.c.transcript())

    def test_create_list_status_rename_delete(self):
        name = unique("proj")
        self.ok(self.c, f"CREATE {name}")
        self.run_cmd(self.c, f"CREATE {name}", want="NO")  # already exists
        self.ok(self.c, f"CREATE {name}/sub/")  # trailing separator declares intent only
        boxes = self.listing()
        self.assertIn(name, boxes)
        self.assertIn(f"{name}/sub", boxes, self.c.transcript())
        self.assertIn("\\haschildren", boxes[name][0], self.c.transcript())
        self.assertIn("\\hasnochildren", boxes[f"{name}/sub"][0], self.c.transcript())
        # '%' stops at the separator
        top = self.listing("%")
        self.assertIn(name, top)
        self.assertNotIn(f"{name}/sub", top, self.c.transcript())
        # STATUS of an empty folder, then of one holding a message
        self.append(self.c, f"{name}/sub", make_message("status one"), flags="\\Seen")
        self.append(self.c, f"{name}/sub", make_message("status two"))
        untagged = self.ok(self.c, f"STATUS {name}/sub (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)")
        values = imap_parse(untagged[0])
        items = dict(zip(values[3][::2], values[3][1::2]))
        self.assertEqual(items["MESSAGES"], "2", self.c.transcript())
        self.assertEqual(items["UNSEEN"], "1", self.c.transcript())
        self.assertEqual(items["UIDNEXT"], "3", self.c.transcript())
        self.assertTrue(int(items["UIDVALIDITY"]) > 0, self.c.transcript())
        self.run_cmd(self.c, f"STATUS {unique('nobox')} (MESSAGES)", want="NO")
        # RENAME moves the children too and keeps the messages
        new = unique("renamed")
        self.ok(self.c, f"RENAME {name} {new}")
        boxes = self.listing()
        self.assertNotIn(name, boxes, self.c.transcript())
        self.assertNotIn(f"{name}/sub", boxes, self.c.transcript())
        self.assertIn(new, boxes, self.c.transcript())
        self.assertIn(f"{new}/sub", boxes, self.c.transcript())
        untagged = self.ok(self.c, f"STATUS {new}/sub (MESSAGES)")
        self.assertIn(b"MESSAGES 2", untagged[0], self.c.transcript())
        # DELETE: a parent with children is refused here, then children first
        self.run_cmd(self.c, f"DELETE {new}", want="NO")
        self.ok(self.c, f"DELETE {new}/sub")
        self.ok(self.c, f"DELETE {new}")
        boxes = self.listing()
        self.assertNotIn(new, boxes, self.c.transcript())
        self.run_cmd(self.c, f"DELETE {new}", want="NO")
        self.run_cmd(self.c, f"SELECT {new}", want="NO")

    def test_system_folders_cannot_be_deleted_or_renamed(self):
        for name in ["INBOX", "Sent", "Drafts", "Trash", "Junk"]:
            with self.subTest(name=name):
                self.run_cmd(self.c, f"DELETE {name}", want="NO")
                self.run_cmd(self.c, f"RENAME {name} {unique('x')}", want="NO")
        self.assertEqual(len(self.listing()), len(self.listing()))
        for name in ["INBOX", "Sent", "Drafts", "Trash", "Junk"]:
            self.assertIn(name, self.listing(), self.c.transcript())

    def test_subscribe_unsubscribe_and_lsub(self):
        name = unique("subs")
        self.ok(self.c, f"CREATE {name}")
        self.ok(self.c, f"UNSUBSCRIBE {name}")
        self.assertNotIn(name, self.listing(verb="LSUB"), self.c.transcript())
        self.assertIn(name, self.listing(), self.c.transcript())
        self.ok(self.c, f"SUBSCRIBE {name}")
        self.assertIn(name, self.listing(verb="LSUB"), self.c.transcript())
        self.assertIn("\\subscribed", self.listing()[name][0], self.c.transcript())
        self.ok(self.c, f"UNSUBSCRIBE {name}")
        self.assertNotIn(name, self.listing(verb="LSUB"), self.c.transcript())
        self.run_cmd(self.c, f"SUBSCRIBE {unique('nobox')}", want="NO")

    def test_japanese_folder_in_modified_utf7_round_trips_byte_exact(self):
        wire = mutf7("取引先/見積")
        self.assertEqual(wire, "&U9ZfFVFI-/&iYt6TQ-")
        self.ok(self.c, f'CREATE "{wire}"')
        untagged = self.ok(self.c, 'LIST "" "*"')
        raw_names = [imap_parse(l)[4] for l in untagged]
        raw_names = [n.decode() if isinstance(n, bytes) else n for n in raw_names]
        self.assertIn(wire, raw_names, self.c.transcript())
        parent = mutf7("取引先")
        self.assertIn(parent, raw_names, self.c.transcript())
        boxes = list_entries(untagged)
        self.assertIn("\\haschildren", boxes[parent][0], self.c.transcript())
        self.assertIn("\\hasnochildren", boxes[wire][0], self.c.transcript())
        # The exact bytes are on the wire, and it can be selected and filled by that name.
        self.assertTrue(any(wire.encode() in l for l in untagged), self.c.transcript())
        self.append(self.c, wire, make_message("見積書"))
        untagged, _ = self.select(self.c, wire)
        self.assertIn(b"* 1 EXISTS", untagged, self.c.transcript())
        # imaplib's view of the same
        m = self.server.imap("ren@example.test")
        typ, data = m.list('""', mutf7("取引先") + "/*")
        self.assertEqual(typ, "OK")
        self.assertTrue(any(wire.encode() in d for d in data), data)

    def test_another_japanese_name_with_ampersand_round_trips(self):
        wire = mutf7("営業&経理 2024年")
        self.ok(self.c, f'CREATE "{wire}"')
        boxes = self.listing()
        self.assertIn(wire, boxes, self.c.transcript())

    def test_reserved_names_cannot_be_created_in_any_case_nor_under_them(self):
        names = ["Inbox", "INBOX", "inbox", "SPAM", "spam", "Spam", "TRASH", "trash", "Drafts",
                 "DRAFTS", "SentMail", "sentmail", "SENTMAIL", "受信箱", "迷惑メール", "ごみ箱",
                 "下書き保存", "送信箱", "Trash/sub", "SPAM/x", "spam/y/z", "Inbox/child",
                 "受信箱/子", "ごみ箱/sub", "Drafts/old"]
        before = set(self.listing())
        for name in names:
            with self.subTest(name=name):
                _, done = self.run_cmd(self.c, f'CREATE "{mutf7(name)}"', want="NO")
        self.assertEqual(set(self.listing()), before, self.c.transcript())
        # a rename onto a reserved name is refused too
        name = unique("tmp")
        self.ok(self.c, f"CREATE {name}")
        for target in ["Spam", "sentmail", mutf7("迷惑メール"), "Trash/sub"]:
            with self.subTest(rename_to=target):
                self.run_cmd(self.c, f'RENAME {name} "{target}"', want="NO")
        # names that merely contain a reserved word are fine
        for ok_name in ["Spammy", "Inboxes", "TrashCan", mutf7("ごみ箱2"), "old/Trash"]:
            with self.subTest(name=ok_name):
                self.ok(self.c, f'CREATE "{ok_name}"')

    def test_names_dovecot_refuses_cannot_be_created_nor_renamed_to(self):
        # "." and ".." levels, empty levels, a leading "~" or "/", a backslash, a level over
        # 255 bytes: Dovecot refuses them (mailbox_verify_create_name), and so do we.
        before = set(self.listing())
        long_level = "x" * 256
        for bad in ["../x", "..", ".", "a/./b", "a/..", "~root", "~", "/x", "a//b",
                    'a\\\\b', long_level, f"ok/{long_level}"]:
            with self.subTest(name=bad):
                _, done = self.run_cmd(self.c, f'CREATE "{bad}"', want="NO")
                self.assertEqual(code_of(done), "CANNOT", self.c.transcript())
        self.assertEqual(set(self.listing()), before, self.c.transcript())
        name = unique("dots")
        self.ok(self.c, f"CREATE {name}")
        for bad in ["../x", "~root", "a//b"]:
            with self.subTest(rename_to=bad):
                self.run_cmd(self.c, f'RENAME {name} "{bad}"', want="NO")
        # dots and tildes inside a level are ordinary characters
        for good in [f"{name}/a.b", f"{name}/..c", f"{name}/d~"]:
            with self.subTest(name=good):
                self.ok(self.c, f'CREATE "{good}"')

    def test_create_does_not_subscribe_and_rename_takes_the_subscription_along(self):
        # As Dovecot: a new folder is not subscribed until the client says so.
        name = unique("nosub")
        self.ok(self.c, f"CREATE {name}")
        self.assertNotIn(name, self.listing(verb="LSUB"), self.c.transcript())
        self.assertNotIn("\\subscribed", self.listing()[name][0], self.c.transcript())
        self.ok(self.c, f"SUBSCRIBE {name}")
        new = unique("renamed-sub")
        self.ok(self.c, f"RENAME {name} {new}")
        lsub = self.listing(verb="LSUB")
        self.assertIn(new, lsub, self.c.transcript())
        self.assertNotIn(name, lsub, self.c.transcript())
        # the folders every account has stay subscribed
        for system in ["INBOX", "Sent", "Drafts", "Trash", "Junk"]:
            self.assertIn(system, lsub, self.c.transcript())

    def test_atom_beginning_with_tilde_is_an_atom(self):
        # Only "~{" opens a literal8 (RFC 3516 4.2); imaptest's atoms group sends these.
        self.assertEqual(self.ok(self.c, 'LIST "" ~foo'), [], self.c.transcript())
        _, done = self.run_cmd(self.c, "SELECT ~foo", want="NO")
        self.assertEqual(code_of(done), "NONEXISTENT", self.c.transcript())
        self.ok(self.c, "NOOP")

    def test_invalid_modified_utf7_name_gets_no(self):
        # No mailbox can have such a name: NO [CANNOT] as Dovecot answers, and a LIST
        # pattern that is not modified UTF-7 lists nothing (imaptest's atoms group).
        for bad in ["&Jjo", "&Jjo!-", "&AGEAYgBj-", "&-&", "a&ZeVnLIqe"]:
            with self.subTest(name=bad):
                _, done = self.run_cmd(self.c, f'CREATE "{bad}"', want="NO")
                self.assertEqual(code_of(done), "CANNOT", self.c.transcript())
        self.run_cmd(self.c, 'SELECT "&Jjo"', want="NO")
        self.run_cmd(self.c, "SELECT !#$&'+,-.0123456789:;<=>?@^_`|[}", want="NO")
        self.assertEqual(self.ok(self.c, "LIST \"\" !#$&'+,-.0123456789:;<=>?@^_`|[}%*"), [])
        self.assertEqual(self.ok(self.c, 'LIST "" ("&Jjo" INBOX)'), [b'* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"'])
        self.ok(self.c, "NOOP")


class FolderLimitTest(ImapTestCase):
    """At most 295 folders of the user's own (the reference service's limit)."""

    ACCOUNTS = {"lim@example.test": PW}

    def test_296th_folder_gets_no_limit(self):
        c = self.server.imap_raw("lim@example.test")
        t0 = time.monotonic()
        # Pipelined: all the CREATEs in one write, then read the answers.
        c.send("".join(f"c{i} CREATE f{i:03d}\r\n" for i in range(295)))
        for i in range(295):
            _, done = c.imap_until(f"c{i}")
            self.assertEqual(status_of(done), "OK", f"CREATE number {i + 1}\n{c.transcript()}")
        _, done = self.run_cmd(c, "CREATE one-too-many", want="NO")
        self.assertEqual(code_of(done).split()[0], "LIMIT", c.transcript())
        _, done = self.run_cmd(c, "CREATE f000/child", want="NO")
        boxes = list_entries(self.ok(c, 'LIST "" "*"'))
        self.assertEqual(len([b for b in boxes if b.startswith("f")]), 295)
        self.assertNotIn("one-too-many", boxes)
        # Deleting one makes room for one.
        self.ok(c, "DELETE f000")
        self.ok(c, "CREATE another")
        self.run_cmd(c, "CREATE and-another", want="NO")
        print(f"\n  295 CREATEs took {time.monotonic() - t0:.2f} s", end=" ")


class FetchTest(ImapTestCase):
    """SELECT/EXAMINE responses and FETCH data items (RFC 3501 6.3.1, 6.3.2, 6.4.5, 7.4.2)."""

    ACCOUNTS = {"fay@example.test": PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = "line one\r\nline two: 日本語\r\n\r\nlast line\r\n"
        cls.subject = unique("fetch")
        for i in range(3):
            cls.server.deliver("fay@example.test",
                               make_message(f"{cls.subject}-{i}", body=cls.body,
                                            to="fay@example.test"))

    def setUp(self):
        self.c = self.server.imap_raw("fay@example.test")

    def test_select_and_examine_responses(self):
        untagged, done = self.select(self.c, "INBOX")
        self.assertIn(b"* 3 EXISTS", untagged, self.c.transcript())
        self.assertEqual(code_of(done), "READ-WRITE", self.c.transcript())
        codes = [code_of(l) for l in untagged if l.startswith(b"* OK [")]
        validity = [c for c in codes if c.startswith("UIDVALIDITY ")]
        uidnext = [c for c in codes if c.startswith("UIDNEXT ")]
        perm = [c for c in codes if c.startswith("PERMANENTFLAGS ")]
        self.assertEqual(len(validity), 1, self.c.transcript())
        self.assertTrue(int(validity[0].split()[1]) > 0)
        uids = self.uid_map(self.c)
        self.assertEqual(int(uidnext[0].split()[1]), max(uids) + 1, self.c.transcript())
        self.assertEqual(uids, sorted(uids))
        for flag in ["\\Seen", "\\Deleted", "\\Flagged", "\\Answered", "\\Draft", "\\*"]:
            self.assertIn(flag, perm[0], self.c.transcript())
        self.assertTrue(any(l.startswith(b"* FLAGS (") for l in untagged), self.c.transcript())
        untagged, done = self.select(self.c, "INBOX", examine=True)
        self.assertEqual(code_of(done), "READ-ONLY", self.c.transcript())
        self.assertIn(b"* 3 EXISTS", untagged, self.c.transcript())
        self.assertIn(validity[0], [code_of(l) for l in untagged], "UIDVALIDITY changed")
        self.run_cmd(self.c, "STORE 1 +FLAGS (\\Flagged)", want="NO")
        self.run_cmd(self.c, "EXPUNGE", want="NO")
        # imaplib: select() returns EXISTS, readonly EXAMINE works too
        m = self.server.imap("fay@example.test")
        self.assertEqual(m.select("INBOX"), ("OK", [b"3"]), m.transcript())
        self.assertEqual(m.response("UIDVALIDITY")[1], [validity[0].split()[1].encode()])
        self.assertEqual(m.select("INBOX", readonly=True)[0], "OK", m.transcript())
        _, done = self.run_cmd(self.c, "SELECT nosuchbox", want="NO")
        self.assertEqual(code_of(done), "NONEXISTENT", self.c.transcript())

    def test_fetch_items_agree_with_each_other(self):
        self.select(self.c, "INBOX", examine=True)
        items = fetches(self.ok(self.c, "FETCH 1 (FLAGS UID RFC822.SIZE INTERNALDATE BODY.PEEK[] "
                                        "BODY.PEEK[HEADER] BODY.PEEK[TEXT] "
                                        "BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[]<0.10>)"))[1]
        t = self.c.transcript()
        full = items["BODY[]"]
        self.assertEqual(int(items["RFC822.SIZE"]), len(full), t)
        self.assertEqual(items["BODY[HEADER]"] + items["BODY[TEXT]"], full, t)
        self.assertTrue(items["BODY[HEADER]"].endswith(b"\r\n\r\n"), t)
        self.assertEqual(items["BODY[TEXT]"], self.body.encode(), t)
        self.assertEqual(items["BODY[HEADER.FIELDS (SUBJECT)]"],
                         f"Subject: {self.subject}-0\r\n\r\n".encode(), t)
        self.assertEqual(items["BODY[]<0>"], full[:10], t)
        self.assertIn(b"Received: ", items["BODY[HEADER]"], t)
        self.assertTrue(full.endswith(self.body.encode()), t)
        self.assertRegex(items["INTERNALDATE"].decode(),
                         r"^[ \d]\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d [+-]\d{4}$", t)
        when = datetime.datetime.strptime(items["INTERNALDATE"].decode().strip(),
                                          "%d-%b-%Y %H:%M:%S %z")
        age = abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds())
        self.assertLess(age, 600, f"INTERNALDATE is not the delivery time\n{t}")
        self.assertIsInstance(items["FLAGS"], list, t)
        # RFC822 is BODY[]; RFC822.HEADER and partial offsets
        more = fetches(self.ok(self.c, "FETCH 1 (RFC822 RFC822.HEADER BODY.PEEK[]<5.20> "
                                       "BODY.PEEK[]<0.100000>)"))[1]
        self.assertEqual(more["RFC822"], full, self.c.transcript())
        self.assertEqual(more["RFC822.HEADER"], items["BODY[HEADER]"], self.c.transcript())
        self.assertEqual(more["BODY[]<5>"], full[5:25], self.c.transcript())
        self.assertEqual(more["BODY[]<0>"], full, self.c.transcript())
        # the same through imaplib, byte-exact
        m = self.server.imap("fay@example.test")
        m.select("INBOX", readonly=True)
        typ, data = m.fetch("1", "(BODY.PEEK[])")
        self.assertEqual(typ, "OK")
        self.assertEqual(data[0][1], full)

    def test_body_sets_seen_and_peek_does_not(self):
        self.select(self.c, "INBOX")
        self.ok(self.c, "STORE 2 -FLAGS.SILENT (\\Seen)")
        f = fetches(self.ok(self.c, "FETCH 2 (BODY.PEEK[] FLAGS)"))[2]
        self.assertNotIn("\\Seen", f["FLAGS"], self.c.transcript())
        f = fetches(self.ok(self.c, "FETCH 2 (FLAGS)"))[2]
        self.assertNotIn("\\Seen", f["FLAGS"], self.c.transcript())
        untagged = self.ok(self.c, "FETCH 2 BODY[]")
        f = fetches(untagged)[2]
        self.assertIn("\\Seen", f.get("FLAGS", []),
                      "RFC 3501 6.4.5: the flag change SHOULD be in the FETCH response\n"
                      + self.c.transcript())
        f = fetches(self.ok(self.c, "FETCH 2 (FLAGS)"))[2]
        self.assertIn("\\Seen", f["FLAGS"], self.c.transcript())
        # and it is stored: a second session sees it
        other = self.server.imap_raw("fay@example.test")
        self.select(other, "INBOX", examine=True)
        self.assertIn("\\Seen", fetches(self.ok(other, "FETCH 2 (FLAGS)"))[2]["FLAGS"])
        # RFC822 sets it too; BODY[HEADER] as well (non-peek section)
        for item in ["RFC822", "BODY[HEADER]", "BODY[TEXT]"]:
            with self.subTest(item=item):
                self.ok(self.c, "STORE 2 -FLAGS.SILENT (\\Seen)")
                self.ok(self.c, f"FETCH 2 {item}")
                f = fetches(self.ok(self.c, "FETCH 2 (FLAGS)"))[2]
                self.assertIn("\\Seen", f["FLAGS"], self.c.transcript())

    def test_flags_asked_with_body_are_reported_once_with_seen(self):
        # RFC 3501 6.4.5 / 7.4.2: FLAGS is the set of flags of the message; one FETCH response
        # carrying "FLAGS ()" and then "FLAGS (\Seen)" contradicts itself, and a client that
        # takes the first value shows a message it has just read as unread.
        self.select(self.c, "INBOX")
        self.ok(self.c, "STORE 1 -FLAGS.SILENT (\\Seen)")
        untagged = self.ok(self.c, "FETCH 1 (FLAGS BODY[])")
        line = next(l for l in untagged if imap_fetch_items(l) is not None)
        pairs = imap_parse(line)[3]
        names = [str(pairs[k]).upper() for k in range(0, len(pairs), 2)]
        values = [pairs[k + 1] for k in range(0, len(pairs), 2) if str(pairs[k]).upper() == "FLAGS"]
        self.assertEqual(names.count("FLAGS"), 1, "FLAGS twice in one FETCH response: "
                         f"{values}\n{self.c.transcript()}")
        self.assertIn("\\Seen", values[0], self.c.transcript())

    def test_examine_never_sets_seen(self):
        self.select(self.c, "INBOX")
        self.ok(self.c, "STORE 3 -FLAGS.SILENT (\\Seen)")
        self.select(self.c, "INBOX", examine=True)
        self.ok(self.c, "FETCH 3 (BODY[] RFC822 BODY[TEXT])")
        f = fetches(self.ok(self.c, "FETCH 3 (FLAGS)"))[3]
        self.assertNotIn("\\Seen", f["FLAGS"], self.c.transcript())
        self.select(self.c, "INBOX")
        f = fetches(self.ok(self.c, "FETCH 3 (FLAGS)"))[3]
        self.assertNotIn("\\Seen", f["FLAGS"], self.c.transcript())

    def test_uid_fetch_reports_uid_and_bad_sets_are_refused(self):
        self.select(self.c, "INBOX", examine=True)
        uids = self.uid_map(self.c)
        f = fetches(self.ok(self.c, f"UID FETCH {uids[1]} (FLAGS)"))
        self.assertEqual(list(f), [2], self.c.transcript())
        self.assertEqual(int(f[2]["UID"]), uids[1], self.c.transcript())
        f = fetches(self.ok(self.c, f"UID FETCH {uids[-1] + 100}:* (FLAGS)"))
        self.assertEqual([int(v["UID"]) for v in f.values()], [uids[-1]],
                         "RFC 3501 6.4.8: n:* includes the highest UID\n" + self.c.transcript())
        self.assertEqual(fetches(self.ok(self.c, "UID FETCH 9999 (FLAGS)")), {})
        for bad in ["FETCH 0 (FLAGS)", "FETCH 4 (FLAGS)", "FETCH 1 (NOSUCHITEM)", "FETCH x FLAGS",
                    "FETCH 1"]:
            with self.subTest(command=bad):
                self.run_cmd(self.c, bad, want="BAD")
        self.ok(self.c, "NOOP")


class StoreExpungeTest(ImapTestCase):
    """STORE (RFC 3501 6.4.6), EXPUNGE, UID EXPUNGE (RFC 4315 2.1), CLOSE and UNSELECT."""

    ACCOUNTS = {"sam@example.test": PW}

    def setUp(self):
        self.c = self.server.imap_raw("sam@example.test")

    def test_store_add_remove_replace_silent_and_keywords(self):
        box, uids = self.folder_with(self.c, messages(2))
        self.select(self.c, box)  # the first to select: both messages are \\Recent here
        f = fetches(self.ok(self.c, "STORE 1 +FLAGS (\\Flagged $Label1)"))
        self.assertEqual(sorted(f[1]["FLAGS"]), ["$Label1", "\\Flagged", "\\Recent"], self.c.transcript())
        f = fetches(self.ok(self.c, "STORE 1 -FLAGS (\\Flagged)"))
        self.assertEqual(f[1]["FLAGS"], ["$Label1", "\\Recent"], self.c.transcript())
        f = fetches(self.ok(self.c, "STORE 1 FLAGS (\\Seen \\Answered)"))
        self.assertEqual(sorted(f[1]["FLAGS"]), ["\\Answered", "\\Recent", "\\Seen"], self.c.transcript())
        untagged = self.ok(self.c, "STORE 1:2 +FLAGS.SILENT (\\Draft)")
        self.assertEqual(fetches(untagged), {}, "FLAGS.SILENT answered with FETCH\n"
                         + self.c.transcript())
        untagged = self.ok(self.c, "STORE 2 FLAGS.SILENT ($Label1 $Label2)")
        self.assertEqual(fetches(untagged), {}, self.c.transcript())
        f = fetches(self.ok(self.c, "FETCH 1:2 (FLAGS)"))
        self.assertEqual(sorted(f[1]["FLAGS"]), ["\\Answered", "\\Draft", "\\Recent", "\\Seen"])
        self.assertEqual(sorted(f[2]["FLAGS"]), ["$Label1", "$Label2", "\\Recent"], self.c.transcript())
        f = fetches(self.ok(self.c, f"UID STORE {uids[1]} -FLAGS ($label1)"))
        self.assertEqual(int(f[2]["UID"]), uids[1], "UID STORE reports the UID\n"
                         + self.c.transcript())
        # Flags are stored: a new session (and SEARCH KEYWORD) sees them.
        other = self.server.imap_raw("sam@example.test")
        self.select(other, box, examine=True)
        f = fetches(self.ok(other, "FETCH 1:2 (FLAGS)"))
        self.assertEqual(sorted(f[1]["FLAGS"]), ["\\Answered", "\\Draft", "\\Seen"])
        self.assertEqual(f[2]["FLAGS"], ["$Label2"], other.transcript())
        self.assertEqual(search_hits(self.ok(other, "SEARCH KEYWORD $Label2")), [2])
        for bad in ["STORE 1 +FLAGS (\\Recent)", "STORE 1 +FLAGS (\\Bogus)", "STORE 1 XFLAGS (a)",
                    "STORE 3 +FLAGS (\\Seen)"]:
            with self.subTest(command=bad):
                self.run_cmd(self.c, bad, want="BAD")
        # imaplib's store
        m = self.server.imap("sam@example.test")
        m.select(box)
        typ, data = m.store("1", "+FLAGS", "(\\Flagged)")
        self.assertEqual(typ, "OK", m.transcript())
        self.assertIn(b"\\Flagged", data[0])

    def test_expunge_removes_deleted_messages_only(self):
        box, uids = self.folder_with(self.c, messages(4))
        self.select(self.c, box)
        self.ok(self.c, "STORE 1,3 +FLAGS.SILENT (\\Deleted)")
        untagged = self.ok(self.c, "EXPUNGE")
        seqs = [int(l.split()[1]) for l in untagged if l.endswith(b" EXPUNGE")]
        model = list(uids)
        for s in seqs:
            model.pop(s - 1)
        self.assertEqual(model, [uids[1], uids[3]], f"EXPUNGE responses {seqs}\n"
                         + self.c.transcript())
        self.assertEqual(self.uid_map(self.c), [uids[1], uids[3]], self.c.transcript())
        self.assertEqual(self.ok(self.c, "EXPUNGE"), [], "nothing more to expunge")
        other = self.server.imap_raw("sam@example.test")
        self.select(other, box, examine=True)
        self.assertEqual(self.uid_map(other), [uids[1], uids[3]], other.transcript())

    def test_uid_expunge_removes_only_the_given_uids(self):
        box, uids = self.folder_with(self.c, messages(3))
        self.select(self.c, box)
        self.ok(self.c, "STORE 1:3 +FLAGS.SILENT (\\Deleted)")
        untagged = self.ok(self.c, f"UID EXPUNGE {uids[1]}")
        self.assertEqual([l for l in untagged if l.endswith(b"EXPUNGE")], [b"* 2 EXPUNGE"],
                         self.c.transcript())
        self.assertEqual(self.uid_map(self.c), [uids[0], uids[2]], self.c.transcript())
        f = fetches(self.ok(self.c, "FETCH 1:2 (FLAGS)"))
        self.assertTrue(all("\\Deleted" in v["FLAGS"] for v in f.values()), self.c.transcript())
        self.ok(self.c, f"UID EXPUNGE {uids[0]}:{uids[0]}")
        self.assertEqual(self.uid_map(self.c), [uids[2]], self.c.transcript())

    def test_close_expunges_silently_and_unselect_does_not(self):
        box, uids = self.folder_with(self.c, messages(3))
        self.select(self.c, box)
        self.ok(self.c, "STORE 2 +FLAGS.SILENT (\\Deleted)")
        untagged = self.ok(self.c, "UNSELECT")
        self.assertEqual(untagged, [], self.c.transcript())
        self.run_cmd(self.c, "FETCH 1 (FLAGS)", want="BAD")  # nothing selected now
        self.select(self.c, box)
        self.assertEqual(self.uid_map(self.c), uids, "UNSELECT expunged\n" + self.c.transcript())
        untagged = self.ok(self.c, "CLOSE")
        self.assertEqual(untagged, [], "CLOSE must not send EXPUNGE (RFC 3501 6.4.2)\n"
                         + self.c.transcript())
        self.select(self.c, box)
        self.assertEqual(self.uid_map(self.c), [uids[0], uids[2]], self.c.transcript())
        # CLOSE after EXAMINE expunges nothing
        self.ok(self.c, "STORE 1 +FLAGS.SILENT (\\Deleted)")
        self.select(self.c, box, examine=True)
        self.ok(self.c, "CLOSE")
        self.select(self.c, box)
        self.assertEqual(self.uid_map(self.c), [uids[0], uids[2]], self.c.transcript())
        # imaplib's close() is CLOSE
        m = self.server.imap("sam@example.test")
        m.select(box)
        self.assertEqual(m.close()[0], "OK", m.transcript())
        self.select(self.c, box)
        self.assertEqual(self.uid_map(self.c), [uids[2]], self.c.transcript())


class SearchTest(ImapTestCase):
    """SEARCH and UID SEARCH (RFC 3501 6.4.4) over a folder of known messages."""

    ACCOUNTS = {"sue@example.test": PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.c0 = cls.server.imap_raw("sue@example.test")
        helper = cls("test_criteria")
        cls.box = unique("search")
        specs = [  # subject, from, flags, internal date, body padding
            ("alpha report", "alice@a.test", "\\Seen", "01-Jan-2020 12:00:00 +0000", 0),
            ("beta invoice", "bob@b.test", "\\Flagged", "15-Jun-2021 12:00:00 +0000", 5000),
            ("Alpha INVOICE", "carol@c.test", "\\Deleted \\Seen", "01-Mar-2023 12:00:00 +0000", 0),
            ("gamma", "alice@a.test", "", "10-Oct-2024 12:00:00 +0000", 0),
        ]
        helper.ok(cls.c0, f"CREATE {cls.box}")
        cls.uids = []
        for subject, sender, flags, date, pad in specs:
            msg = make_message(subject, sender=sender, body="text\r\n" + "y" * pad + "\r\n")
            cls.uids.append(helper.append(cls.c0, cls.box, msg, flags, date))
        cls.server.close_clients()

    def setUp(self):
        self.c = self.server.imap_raw("sue@example.test")
        self.select(self.c, self.box)

    def hits(self, criteria, uid=False):
        return search_hits(self.ok(self.c, ("UID SEARCH " if uid else "SEARCH ") + criteria))

    def test_criteria(self):
        u = self.uids
        cases = [
            ("ALL", [1, 2, 3, 4]),
            ("SEEN", [1, 3]),
            ("UNSEEN", [2, 4]),
            ("FLAGGED", [2]),
            ("UNFLAGGED", [1, 3, 4]),
            ("DELETED", [3]),
            ("UNDELETED", [1, 2, 4]),
            ("SUBJECT alpha", [1, 3]),
            ("SUBJECT invoice", [2, 3]),
            ('SUBJECT "alpha rep"', [1]),
            ("SUBJECT nothing-like-this", []),
            ("FROM alice", [1, 4]),
            ("FROM B.TEST", [2]),
            ("LARGER 3000", [2]),
            ("SMALLER 3000", [1, 3, 4]),
            (f"UID {u[1]}:{u[2]}", [2, 3]),
            (f"UID {u[0]},{u[3]}", [1, 4]),
            ("2:3", [2, 3]),
            ("NOT SEEN", [2, 4]),
            ("NOT FROM alice", [2, 3]),
            ("OR FLAGGED DELETED", [2, 3]),
            ("OR SUBJECT gamma FROM bob", [2, 4]),
            ("SINCE 1-Jan-2022", [3, 4]),
            ("BEFORE 1-Jan-2021", [1]),
            ("SINCE 1-Jan-2021 BEFORE 1-Jan-2024", [2, 3]),
            ("ON 15-Jun-2021", [2]),
            ("SEEN SUBJECT alpha NOT DELETED", [1]),
            ("(OR SEEN FLAGGED) NOT DELETED", [1, 2]),
            ("CHARSET UTF-8 SUBJECT alpha", [1, 3]),
            ("CHARSET UTF-8 ALL", [1, 2, 3, 4]),
            ("KEYWORD $nothing", []),
        ]
        for criteria, want in cases:
            with self.subTest(criteria=criteria):
                self.assertEqual(self.hits(criteria), want, self.c.transcript())

    def test_uid_search_returns_uids(self):
        u = self.uids
        self.assertEqual(self.hits("ALL", uid=True), u, self.c.transcript())
        self.assertEqual(self.hits("SUBJECT invoice", uid=True), [u[1], u[2]], self.c.transcript())
        self.assertEqual(self.hits(f"UID {u[3]}", uid=True), [u[3]], self.c.transcript())
        # imaplib
        m = self.server.imap("sue@example.test")
        m.select(self.box, readonly=True)
        typ, data = m.uid("SEARCH", None, "FLAGGED")
        self.assertEqual((typ, data), ("OK", [str(u[1]).encode()]), m.transcript())
        typ, data = m.search("UTF-8", "SUBJECT", "gamma")
        self.assertEqual((typ, data), ("OK", [b"4"]), m.transcript())

    def test_addresses_are_found_in_every_form(self):
        # RFC 5322 3.4 forms, from imaptest's search-addresses group: bare, with a display
        # name, with comments inside the angle brackets, with a trailing comment, in a group.
        headers = [
            ["From: user-from@domain.org", "To: user-to@domain.org"],
            ["From: RealFrom <user-from@domain.org>", "To: RealTo <user-to@domain.org>"],
            ["From: <user-from (comment)@ (comment) domain.org>", "To: <user-to@domain.org>"],
            ["From: user-from@domain.org (RealFrom)", "To: user-to@domain.org (RealTo)"],
            ["From: user-from1@domain.org, user-from2@domain.org", "To: nobody@else.example"],
            ["From: RealFrom <user-from@domain.org>",
             "To: groupname: groupuser1@domain.org, groupuser2@domain.org;,\r\n  groupname2: groupuser3@domain.org;"],
        ]
        box = unique("addr")
        self.ok(self.c, f"CREATE {box}")
        for i, fields in enumerate(headers):
            raw = ("\r\n".join(fields + [f"Subject: addresses {i}"]) + "\r\n\r\nbody\r\n").encode()
            self.append(self.c, box, raw)
        self.select(self.c, box)
        self.assertEqual(self.hits("FROM user-from@domain.org"), [1, 2, 3, 4, 6], self.c.transcript())
        self.assertEqual(self.hits("TO user-to@domain.org"), [1, 2, 3, 4], self.c.transcript())
        self.assertEqual(self.hits("TO groupuser3@domain.org"), [6], self.c.transcript())
        self.assertEqual(self.hits("FROM RealFrom"), [2, 4, 6], self.c.transcript())

    def test_bad_criteria(self):
        _, done = self.run_cmd(self.c, "SEARCH CHARSET KOI8-R ALL", want="NO")
        self.assertTrue(code_of(done).startswith("BADCHARSET"), self.c.transcript())
        for bad in ["SEARCH", "SEARCH BOGUS", "SEARCH SINCE notadate", "SEARCH LARGER",
                    "SEARCH OR SEEN", "SEARCH 0", "SEARCH UID x"]:
            with self.subTest(command=bad):
                self.run_cmd(self.c, bad, want="BAD")
        # a number past the last matches nothing, as in Dovecot (imaptest's esearch group)
        self.assertEqual(self.ok(self.c, "SEARCH 9"), [b"* SEARCH"], self.c.transcript())
        self.ok(self.c, "NOOP")


class CopyMoveAppendTest(ImapTestCase):
    """COPY with COPYUID and APPEND with APPENDUID (RFC 4315), MOVE (RFC 6851)."""

    ACCOUNTS = {"max@example.test": PW}

    def setUp(self):
        self.c = self.server.imap_raw("max@example.test")

    def validity(self, box):
        untagged = self.ok(self.c, f"STATUS {imap_quote(box)} (UIDVALIDITY)")
        return int(re.search(rb"UIDVALIDITY (\d+)", untagged[0]).group(1))

    def bodies(self, box, uids):
        self.select(self.c, box, examine=True)
        f = fetches(self.ok(self.c, f"UID FETCH {','.join(map(str, uids))} (BODY.PEEK[] FLAGS)"))
        # \Recent belongs to the session that sees a message first, not to the message
        return {int(v["UID"]): (v["BODY[]"], sorted(set(v["FLAGS"]) - {"\\Recent"})) for v in f.values()}

    def test_append_with_flags_and_date_comes_back_byte_exact(self):
        box = unique("app")
        self.ok(self.c, f"CREATE {box}")
        message = make_message("添付なし", body="日本語の本文です。\r\n.dot line\r\n\r\nend\r\n",
                               extra_headers=["Content-Type: text/plain; charset=UTF-8"])
        _, done = self.run_cmd(self.c, literal_plus(
            f'APPEND {box} (\\Seen $Label1) "05-Feb-2021 10:11:12 +0900"', message))
        m = re.search(r"APPENDUID (\d+) (\d+)", code_of(done))
        self.assertIsNotNone(m, self.c.transcript())
        validity, uid = int(m.group(1)), int(m.group(2))
        self.assertEqual(validity, self.validity(box), self.c.transcript())
        self.select(self.c, box)
        items = fetches(self.ok(self.c, f"UID FETCH {uid} (BODY.PEEK[] FLAGS INTERNALDATE "
                                        "RFC822.SIZE)"))[1]
        self.assertEqual(items["BODY[]"], message, self.c.transcript())
        self.assertEqual(int(items["RFC822.SIZE"]), len(message))
        self.assertEqual(sorted(items["FLAGS"]), ["$Label1", "\\Recent", "\\Seen"], self.c.transcript())
        when = datetime.datetime.strptime(items["INTERNALDATE"].decode().strip(),
                                          "%d-%b-%Y %H:%M:%S %z")
        self.assertEqual(when, datetime.datetime(2021, 2, 5, 1, 11, 12,
                                                 tzinfo=datetime.timezone.utc),
                         self.c.transcript())
        # A synchronizing literal works too; without flags or date
        c = self.c
        c.sendline(f"s1 APPEND {box} {{{len(message)}}}")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        c.send(message + b"\r\n")
        _, done = c.imap_until("s1")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertIn(b"EXISTS", b" ".join(_), "the selected mailbox grew\n" + c.transcript())

    def test_append_through_imaplib(self):
        box = unique("app")
        self.ok(self.c, f"CREATE {box}")
        m = self.server.imap("max@example.test")
        message = make_message("imaplib append", body="one\r\ntwo\r\n")
        date = datetime.datetime(2022, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)
        typ, data = m.append(box, "(\\Flagged)", date, message)
        self.assertEqual(typ, "OK", m.transcript())
        uid = int(re.search(rb"APPENDUID \d+ (\d+)", data[0]).group(1))
        got = self.bodies(box, [uid])
        self.assertEqual(got, {uid: (message, ["\\Flagged"])}, self.c.transcript())

    def test_append_to_missing_mailbox_gets_trycreate(self):
        _, done = self.run_cmd(self.c, literal_plus(f"APPEND {unique('none')}",
                                                    make_message("x")), want="NO")
        self.assertEqual(code_of(done), "TRYCREATE", self.c.transcript())
        for bad in ['APPEND INBOX (\\Bogus) {3+}\r\nabc', 'APPEND INBOX "31-Foo-2020 x" {3+}\r\nabc']:
            with self.subTest(command=bad):
                self.run_cmd(self.c, bad, want="BAD")

    def test_copy_reports_copyuid_and_copies_byte_exact(self):
        msgs = messages(3, "cp")
        src, src_uids = self.folder_with(self.c, msgs, flags={0: "\\Seen", 2: "$Label1"})
        dst = unique("dst")
        self.ok(self.c, f"CREATE {dst}")
        self.select(self.c, src)
        _, done = self.run_cmd(self.c, f"COPY 1,3 {dst}")
        code = code_of(done).split()
        self.assertEqual(code[0], "COPYUID", self.c.transcript())
        self.assertEqual(int(code[1]), self.validity(dst), self.c.transcript())
        self.assertEqual(code[2], f"{src_uids[0]},{src_uids[2]}", self.c.transcript())
        dst_uids = [int(x) for x in code[3].split(",")]
        got = self.bodies(dst, dst_uids)
        self.assertEqual(got[dst_uids[0]], (msgs[0], ["\\Seen"]), self.c.transcript())
        self.assertEqual(got[dst_uids[1]], (msgs[2], ["$Label1"]), self.c.transcript())
        self.select(self.c, src)
        self.assertEqual(self.uid_map(self.c), src_uids, "COPY removed from the source")
        _, done = self.run_cmd(self.c, f"COPY 1 {unique('none')}", want="NO")
        self.assertEqual(code_of(done), "TRYCREATE", self.c.transcript())
        # UID COPY through imaplib
        m = self.server.imap("max@example.test")
        m.select(src)
        typ, data = m.uid("COPY", str(src_uids[1]), dst)
        self.assertEqual(typ, "OK", m.transcript())
        copyuid = m.response("COPYUID")[1][0].split()
        self.assertEqual(copyuid[1], str(src_uids[1]).encode(), m.transcript())

    def test_move_into_the_selected_mailbox_reports_the_new_message(self):
        # As Dovecot (imaptest's move group): COPYUID, the EXPUNGE, then its EXISTS.
        box, uids = self.folder_with(self.c, messages(2))
        self.select(self.c, box)
        untagged, _ = self.run_cmd(self.c, f"MOVE 1 {box}")
        self.assertTrue(untagged[0].startswith(b"* OK [COPYUID "), self.c.transcript())
        self.assertIn(b"* 1 EXPUNGE", untagged, self.c.transcript())
        self.assertIn(b"* 2 EXISTS", untagged, self.c.transcript())
        self.assertEqual(self.uid_map(self.c), [uids[1], uids[1] + 1], self.c.transcript())
        untagged, _ = self.run_cmd(self.c, f"COPY 1 {box}")
        self.assertIn(b"* 3 EXISTS", untagged, self.c.transcript())

    def test_move_sends_copyuid_then_expunge(self):
        msgs = messages(3, "mv")
        src, src_uids = self.folder_with(self.c, msgs)
        dst = unique("dst")
        self.ok(self.c, f"CREATE {dst}")
        self.select(self.c, src)
        untagged, done = self.run_cmd(self.c, f"MOVE 2 {dst}")
        self.assertEqual(len(untagged), 2, self.c.transcript())
        self.assertTrue(untagged[0].startswith(b"* OK [COPYUID "), "RFC 6851 3.3: untagged OK "
                        "[COPYUID] before the EXPUNGEs\n" + self.c.transcript())
        self.assertEqual(untagged[1], b"* 2 EXPUNGE", self.c.transcript())
        code = code_of(untagged[0]).split()
        self.assertEqual(int(code[1]), self.validity(dst))
        self.assertEqual(code[2], str(src_uids[1]), self.c.transcript())
        self.assertEqual(self.uid_map(self.c), [src_uids[0], src_uids[2]], self.c.transcript())
        moved = int(code[3])
        self.assertEqual(self.bodies(dst, [moved])[moved][0], msgs[1], self.c.transcript())
        # UID MOVE of the rest, order of the EXPUNGEs consistent
        self.select(self.c, src)
        untagged, _ = self.run_cmd(self.c, f"UID MOVE {src_uids[0]},{src_uids[2]} {dst}")
        self.assertTrue(untagged[0].startswith(b"* OK [COPYUID "), self.c.transcript())
        seqs = [int(l.split()[1]) for l in untagged if l.endswith(b" EXPUNGE")]
        model = [src_uids[0], src_uids[2]]
        for s in seqs:
            model.pop(s - 1)
        self.assertEqual(model, [], self.c.transcript())
        self.assertEqual(self.ok(self.c, "SEARCH ALL"), [b"* SEARCH"], self.c.transcript())
        untagged = self.ok(self.c, f"STATUS {dst} (MESSAGES)")
        self.assertIn(b"MESSAGES 3", untagged[0], self.c.transcript())
        self.run_cmd(self.c, f"MOVE 1 {dst}", want="BAD")  # the source is empty now


class RecentTest(ImapTestCase):
    """\\Recent (RFC 3501 2.3.2): a new message is recent in exactly one session, the first that
    selects the mailbox read-write (or notices the message there); EXAMINE and STATUS show
    it recent without claiming it (imaptest's select, search-flags, copy and move groups)."""

    ACCOUNTS = {"recent@example.test": PW}
    USER = "recent@example.test"

    def recent_count(self, untagged):
        counts = [int(l.split()[1]) for l in untagged if re.match(rb"^\* \d+ RECENT$", l)]
        return counts[-1] if counts else None

    def status_recent(self, c, box):
        untagged = self.ok(c, f"STATUS {box} (RECENT)")
        return int(re.search(rb"RECENT (\d+)", untagged[0]).group(1))

    def test_only_the_first_read_write_session_sees_new_messages_as_recent(self):
        a, b, c = (self.server.imap_raw(self.USER) for _ in range(3))
        box = unique("recent")
        self.ok(a, f"CREATE {box}")
        for m in messages(2):
            self.append(a, box, m)
        self.assertEqual(self.status_recent(a, box), 2, a.transcript())
        # EXAMINE sees them recent and leaves them so.
        untagged, _ = self.select(b, box, examine=True)
        self.assertEqual(self.recent_count(untagged), 2, b.transcript())
        self.assertEqual(search_hits(self.ok(b, "SEARCH RECENT")), [1, 2], b.transcript())
        self.assertIn("\\Recent", fetches(self.ok(b, "FETCH 1 FLAGS"))[1]["FLAGS"], b.transcript())
        self.assertEqual(self.status_recent(a, box), 2, a.transcript())
        # The first SELECT claims them.
        untagged, _ = self.select(a, box)
        self.assertEqual(self.recent_count(untagged), 2, a.transcript())
        self.assertEqual(search_hits(self.ok(a, "SEARCH NEW")), [1, 2], a.transcript())
        self.assertEqual(search_hits(self.ok(a, "SEARCH OLD")), [], a.transcript())
        self.assertEqual(fetches(self.ok(a, "FETCH 1 FLAGS"))[1]["FLAGS"], ["\\Recent"], a.transcript())
        self.ok(a, "STORE 1 +FLAGS (\\Seen)")
        self.assertEqual(search_hits(self.ok(a, "SEARCH NEW")), [2], a.transcript())
        self.assertEqual(search_hits(self.ok(a, "SEARCH RECENT")), [1, 2], a.transcript())
        # Nobody else gets them.
        untagged, _ = self.select(c, box)
        self.assertEqual(self.recent_count(untagged), 0, c.transcript())
        self.assertEqual(search_hits(self.ok(c, "SEARCH RECENT")), [], c.transcript())
        self.assertEqual(search_hits(self.ok(c, "SEARCH OLD")), [1, 2], c.transcript())
        self.assertEqual(self.status_recent(b, box), 0, b.transcript())
        # A message that arrives while both have the mailbox open: the first to look claims it.
        self.append(b, box, messages(1, "late")[0])  # b only examines: it claims nothing
        untagged = self.ok(c, "NOOP")
        self.assertIn(b"* 3 EXISTS", untagged, c.transcript())
        self.assertIn(b"* 1 RECENT", untagged, c.transcript())
        self.assertEqual(search_hits(self.ok(c, "SEARCH RECENT")), [3], c.transcript())
        untagged = self.ok(a, "NOOP")
        self.assertIn(b"* 3 EXISTS", untagged, a.transcript())
        self.assertEqual(search_hits(self.ok(a, "SEARCH RECENT")), [1, 2], a.transcript())
        self.ok(a, "CLOSE")
        untagged, _ = self.select(a, box)
        self.assertEqual(self.recent_count(untagged), 0, a.transcript())

    def test_copied_and_moved_messages_are_recent_in_the_target(self):
        a, b = self.server.imap_raw(self.USER), self.server.imap_raw(self.USER)
        src, dst = unique("src"), unique("dst")
        self.ok(a, f"CREATE {src}")
        self.ok(a, f"CREATE {dst}")
        for m in messages(3):
            self.append(a, src, m)
        self.select(a, src)
        self.select(b, dst)
        self.ok(a, f"COPY 1:2 {dst}")
        self.ok(a, f"MOVE 3 {dst}")
        untagged = self.ok(b, "NOOP")
        self.assertIn(b"* 3 EXISTS", untagged, b.transcript())
        self.assertIn(b"* 3 RECENT", untagged, b.transcript())
        self.ok(b, "CLOSE")
        self.assertEqual(self.status_recent(a, dst), 0, a.transcript())
        self.ok(a, f"COPY 1 {dst}")
        self.assertEqual(self.status_recent(a, dst), 1, a.transcript())
        untagged, _ = self.select(b, dst)
        self.assertEqual(self.recent_count(untagged), 1, b.transcript())
        self.assertEqual(search_hits(self.ok(b, "SEARCH RECENT")), [4], b.transcript())


class KeywordTest(ImapTestCase):
    """A keyword is announced in FLAGS and PERMANENTFLAGS before any FETCH shows it (RFC 3501
    7.2.6; imaptest checks every FETCH against the FLAGS it was given)."""

    ACCOUNTS = {"kw@example.test": PW}
    USER = "kw@example.test"

    def test_a_new_keyword_is_announced_before_the_fetch_that_shows_it(self):
        a, b = self.server.imap_raw(self.USER), self.server.imap_raw(self.USER)
        box = unique("kw")
        self.ok(a, f"CREATE {box}")
        for m in messages(2):
            self.append(a, box, m)
        untagged, _ = self.select(a, box)
        self.assertIn(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", untagged, a.transcript())
        self.select(b, box)
        untagged = self.ok(a, "STORE 1 +FLAGS ($Fresh)")
        self.assertEqual(untagged[:2], [
            b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Fresh)",
            b"* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Fresh \\*)] Flags permitted."],
            a.transcript())
        self.assertTrue(untagged[2].startswith(b"* 1 FETCH"), a.transcript())
        # Known now: no second announcement.
        untagged = self.ok(a, "STORE 2 +FLAGS ($Fresh)")
        self.assertFalse(any(l.startswith(b"* FLAGS") for l in untagged), a.transcript())
        # The other session learns it before its FETCH too.
        untagged = self.ok(b, "NOOP")
        first_fetch = next(i for i, l in enumerate(untagged) if b" FETCH " in l)
        self.assertIn(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Fresh)",
                      untagged[:first_fetch], b.transcript())
        # A later SELECT lists the mailbox's keywords at once.
        untagged, _ = self.select(b, box, examine=True)
        self.assertIn(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Fresh)", untagged, b.transcript())
        self.assertIn(b"* OK [PERMANENTFLAGS ()] Read-only mailbox.", untagged, b.transcript())

    def test_store_nil_is_the_keyword_nil(self):
        # An unquoted NIL where a flag belongs is the atom NIL, as Dovecot reads it (imaptest's
        # nil group expects "STORE 1 +FLAGS NIL" then "FETCH 1 FLAGS" -> (NIL)).
        a = self.server.imap_raw(self.USER)
        box = unique("nil")
        self.ok(a, f"CREATE {box}")
        self.append(a, box, messages(1)[0], flags="\\Flagged")
        self.select(a, box)
        untagged = self.ok(a, "STORE 1 +FLAGS NIL")
        self.assertIn(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft NIL)", untagged, a.transcript())
        self.assertEqual(self.ok(a, "FETCH 1 FLAGS"), [b"* 1 FETCH (FLAGS (\\Flagged NIL \\Recent))"], a.transcript())
        self.ok(a, "STORE 1 -FLAGS (NIL)")
        self.assertEqual(self.ok(a, "FETCH 1 FLAGS"), [b"* 1 FETCH (FLAGS (\\Flagged \\Recent))"], a.transcript())


class TwoSessionTest(ImapTestCase):
    """Changes made by one session, or by delivery, reach another on NOOP and during IDLE
    (RFC 3501 5.2, 7.4.1; RFC 2177)."""

    ACCOUNTS = {"two@example.test": PW, "idle@example.test": PW, "empty@example.test": PW}

    def test_flag_change_expunge_and_new_mail_reach_the_other_session(self):
        user = "two@example.test"
        for i in range(3):
            self.server.deliver(user, make_message(unique(f"two{i}"), to=user))
        a = self.server.imap_raw(user)
        b = self.server.imap_raw(user)
        self.select(a, "INBOX")
        self.select(b, "INBOX")
        uids = self.uid_map(b)
        self.ok(a, "STORE 1 +FLAGS (\\Flagged)")
        f = fetches(self.ok(b, "NOOP"))
        self.assertIn(1, f, "B was not told about A's flag change\n" + b.transcript())
        self.assertIn("\\Flagged", f[1]["FLAGS"], b.transcript())
        self.ok(a, "STORE 2 +FLAGS.SILENT (\\Deleted)")
        self.ok(a, "EXPUNGE")
        untagged = self.ok(b, "NOOP")
        self.assertIn(b"* 2 EXPUNGE", untagged, "B was not told of the expunge\n" + b.transcript())
        self.assertEqual(self.uid_map(b), [uids[0], uids[2]], b.transcript())
        self.server.deliver(user, make_message(unique("late"), to=user))
        untagged = self.ok(b, "NOOP")
        self.assertIn(b"* 3 EXISTS", untagged, "new mail not announced\n" + b.transcript())
        self.assertEqual(len(self.uid_map(b)), 3)
        # Through imaplib as well
        m = self.server.imap(user)
        m.select("INBOX")
        self.server.deliver(user, make_message(unique("later"), to=user))
        m.noop()
        self.assertEqual(m.response("EXISTS")[1][-1], b"4", m.transcript())

    def test_idle_gets_exists_within_a_second_of_delivery(self):
        user = "idle@example.test"
        self.server.deliver(user, make_message(unique("idle0"), to=user))
        c = self.server.imap_raw(user)
        other = self.server.imap_raw(user)
        self.select(c, "INBOX")
        self.select(other, "INBOX")
        c.sendline("i1 IDLE")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        self.assertEqual(c.pending(0.3), b"", c.transcript())
        times = {}

        def deliver():
            times["start"] = time.monotonic()
            self.server.deliver(user, make_message(unique("idle1"), to=user))
            times["250"] = time.monotonic()

        t = threading.Thread(target=deliver)
        t.start()
        line = c.imap_read()
        times["exists"] = time.monotonic()
        t.join(10)
        self.assertEqual(line, b"* 2 EXISTS", c.transcript())
        # c selected first and sees the new one first: both are recent here, and RECENT
        # gives the total (RFC 3501 7.3.2)
        self.assertEqual(c.imap_read(), b"* 2 RECENT", c.transcript())
        latency = max(0.0, times["exists"] - times["250"])
        print(f"\n  IDLE: EXISTS {times['exists'] - times['start']:.3f} s after the SMTP "
              f"connection began, {latency:.3f} s after its 250", end=" ")
        self.assertLess(latency, 1.0, c.transcript())
        # A flag change by another session is pushed too
        self.ok(other, "STORE 1 +FLAGS (\\Flagged)")
        f = fetches([c.imap_read()])
        self.assertIn("\\Flagged", f[1]["FLAGS"], c.transcript())
        c.sendline("DONE")
        _, done = c.imap_until("i1")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.ok(c, "NOOP")
        # imaplib has no IDLE in 3.11; a second IDLE ended by anything but DONE gets BAD
        c.sendline("i2 IDLE")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        c.sendline("NOTDONE")
        _, done = c.imap_until("i2")
        self.assertEqual(status_of(done), "BAD", c.transcript())
        self.ok(c, "NOOP")


    def test_idle_on_an_empty_mailbox_gets_the_first_message(self):
        """Regression: a session that selected an empty INBOX was never told of its first
        message (the reload took an empty list for the initial load)."""
        user = "empty@example.test"
        c = self.server.imap_raw(user)
        self.assertIn(b"* 0 EXISTS", self.select(c, "INBOX")[0], c.transcript())
        c.sendline("i1 IDLE")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        self.server.deliver(user, make_message(unique("first"), to=user))
        self.assertEqual(c.imap_read(), b"* 1 EXISTS", c.transcript())
        c.sendline("DONE")
        _, done = c.imap_until("i1")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertEqual(len(self.uid_map(c)), 1)


class Pop3AndImapTest(ImapTestCase):
    """POP3 and IMAP on one account at the same time (one store, one ExpungeJob)."""

    ACCOUNTS = {"both@example.test": PW, "view@example.test": PW, "dele@example.test": PW,
                "idlepop@example.test": PW}

    def test_pop3_deletion_wakes_an_idle_imap_session(self):
        """Regression: a POP3 QUIT that deleted messages was not announced, so IMAP clients in
        IDLE learnt of it only at their next command. Changes are now announced by the store
        whoever made them."""
        user = "idlepop@example.test"
        for i in range(2):
            self.server.deliver(user, make_message(unique(f"ip{i}"), to=user))
        c = self.server.imap_raw(user)
        self.select(c, "INBOX")
        c.sendline("i1 IDLE")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        p = self.server.pop3(user)
        p.dele(1)
        p.quit()
        t0 = time.monotonic()
        self.assertEqual(c.imap_read(), b"* 1 EXPUNGE", c.transcript())
        self.assertLess(time.monotonic() - t0, 1.0, c.transcript())
        c.sendline("DONE")
        _, done = c.imap_until("i1")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertEqual(len(self.uid_map(c)), 1)

    def seed(self, user, n):
        subjects = [unique(f"p{i}") for i in range(n)]
        for s in subjects:
            self.server.deliver(user, make_message(s, to=user))
        return subjects

    def test_both_log_in_and_pop3_deletion_reaches_imap(self):
        user = "both@example.test"
        self.seed(user, 3)
        c = self.server.imap_raw(user)
        self.select(c, "INBOX")
        uids = self.uid_map(c)
        p = self.server.pop3(user)
        self.assertEqual(p.stat()[0], 3)
        self.ok(c, "NOOP")  # IMAP still fine while POP3 is open
        p.dele(2)
        self.assertTrue(p.quit().startswith(b"+OK"))
        untagged = self.ok(c, "NOOP")
        self.assertIn(b"* 2 EXPUNGE", untagged, "POP3 deletion not seen by IMAP\n"
                      + c.transcript())
        self.assertEqual(self.uid_map(c), [uids[0], uids[2]], c.transcript())

    def test_imap_expunge_does_not_change_an_open_pop3_sessions_view(self):
        user = "view@example.test"
        subjects = self.seed(user, 3)
        p = self.server.pop3(user)
        stat = p.stat()
        listing = p.list()[1]
        uidl = p.uidl()[1]
        c = self.server.imap_raw(user)
        self.select(c, "INBOX")
        self.ok(c, "STORE 1 +FLAGS.SILENT (\\Deleted)")
        self.ok(c, "EXPUNGE")
        self.assertEqual(p.stat(), stat)
        self.assertEqual(p.list()[1], listing)
        self.assertEqual(p.uidl()[1], uidl)
        try:
            p.retr(1)  # may still be readable, or a clean -ERR
        except poplib.error_proto as e:
            self.assertTrue(e.args[0].startswith(b"-ERR"), e.args)
        lines = p.retr(2)[1]
        self.assertIn(f"Subject: {subjects[1]}".encode(), lines)
        self.assertEqual(p.stat(), stat)
        self.assertTrue(p.quit().startswith(b"+OK"))
        self.assertEqual(self.server.subjects(user), subjects[1:])

    def test_pop3_dele_of_a_message_imap_already_expunged(self):
        user = "dele@example.test"
        subjects = self.seed(user, 3)
        p = self.server.pop3(user)
        c = self.server.imap_raw(user)
        self.select(c, "INBOX")
        self.ok(c, "STORE 1 +FLAGS.SILENT (\\Deleted)")
        self.ok(c, "EXPUNGE")
        try:
            p.dele(1)
            p.dele(3)
            reply = p.quit()
            self.assertTrue(reply.startswith(b"+OK"), reply)
        except poplib.error_proto as e:
            self.assertTrue(e.args[0].startswith(b"-ERR"), e.args)
            p.close()
        self.assertTrue(self.server.running)
        remaining = self.server.subjects(user)
        self.assertIn(subjects[1], remaining, "a message nobody deleted is gone")
        self.assertNotIn(subjects[0], remaining)
        self.ok(c, "NOOP")


class OtherProcessTest(ImapTestCase):
    """A change another process makes on the data dir (fumibakoctl mailbox empty, the console's
    own database connection) is not announced inside the server: IDLE clients learn of it
    within imap.idle_check_interval, as Dovecot's mailbox_idle_check_interval does."""

    CONFIG = {"auth.failure_delay_ms": 0, "imap.idle_check_interval": 1}
    ACCOUNTS = {"outside@example.test": PW}

    def test_mailbox_empty_from_the_shell_reaches_an_idle_client(self):
        user = "outside@example.test"
        for i in range(2):
            self.server.deliver(user, make_message(unique(f"out{i}"), to=user))
        listing = self.server.ctl("mailbox", "list", user).stdout.splitlines()
        self.assertEqual(listing[0].split("\t")[:2], ["INBOX", "2"], listing)
        c = self.server.imap_raw(user)
        self.select(c, "INBOX")
        c.sendline("i1 IDLE")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        removed = self.server.ctl("mailbox", "empty", user).stdout
        self.assertIn("2 messages removed", removed)
        t0 = time.monotonic()
        got = [c.imap_read(), c.imap_read()]
        self.assertTrue(all(re.fullmatch(rb"\* [12] EXPUNGE", line) for line in got), c.transcript())
        self.assertLess(time.monotonic() - t0, 4.0, c.transcript())
        c.sendline("DONE")
        _, done = c.imap_until("i1")
        self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertEqual(self.uid_map(c), [])
        self.assertEqual(self.server.ctl("mailbox", "list", user).stdout.splitlines()[0].split("\t")[:2],
                         ["INBOX", "0"])
        self.assertEqual(self.server.ctl("mailbox", "list", "nobody@example.test", check=False).returncode, 1)


class CurlTest(ImapTestCase):
    """curl as a third-party IMAP client (STARTTLS with --ssl-reqd, imaps, UID fetch)."""

    ACCOUNTS = {"cat@example.test": PW}

    @classmethod
    def setUpClass(cls):
        if shutil.which("curl") is None:
            raise unittest.SkipTest("curl is not installed")
        super().setUpClass()

    def curl(self, url, *args):
        cmd = ["curl", "--silent", "--show-error", "--connect-timeout", "10", "--max-time", "30",
               "-u", f"cat@example.test:{PW}", url, *args]
        return subprocess.run(cmd, capture_output=True, timeout=60)

    def test_curl_lists_and_fetches(self):
        msg = make_message(unique("curl"), to="cat@example.test", body="curl body\r\n")
        self.server.deliver("cat@example.test", msg)
        port, sport = self.server.ports["imap"], self.server.ports["imaps"]
        r = self.curl(f"imap://{HOST}:{port}/INBOX", "--ssl-reqd", "-k")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"INBOX", r.stdout, r.stdout)
        r = self.curl(f"imap://{HOST}:{port}/", "--ssl-reqd", "-k")
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in [b"INBOX", b"Sent", b"Trash"]:
            self.assertIn(name, r.stdout, r.stdout)
        r = self.curl(f"imaps://{HOST}:{sport}/INBOX;UID=1", "-k")
        self.assertEqual(r.returncode, 0, r.stderr)
        c = self.server.imap_raw("cat@example.test")
        self.select(c, "INBOX", examine=True)
        full = fetches(self.ok(c, "UID FETCH 1 BODY.PEEK[]"))[1]["BODY[]"]
        self.assertEqual(r.stdout, full)
        self.assertTrue(r.stdout.endswith(msg))
        r = self.curl(f"imaps://{HOST}:{sport}/INBOX?SUBJECT%20curl", "-k")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"SEARCH 1", r.stdout)

    def test_curl_without_tls_cannot_log_in(self):
        r = self.curl(f"imap://{HOST}:{self.server.ports['imap']}/INBOX")
        self.assertNotEqual(r.returncode, 0, r.stdout)


class ParserAbuseTest(ImapTestCase):
    """A hostile client against the command parser: bounded literals, nesting, line length,
    protocol errors; the server and other sessions go on."""

    ACCOUNTS = {"evil@example.test": PW}

    def assertServerServes(self):
        self.assertTrue(self.server.running, self.server.stderr_tail())
        c = self.server.imap_raw("evil@example.test")
        self.ok(c, "SELECT INBOX")
        c.close()

    def inbox_count(self):
        c = self.server.imap_raw("evil@example.test")
        untagged, _ = self.select(c, "INBOX")
        c.close()
        return int(next(l.split()[1] for l in untagged if l.endswith(b" EXISTS")))

    def test_unterminated_literal_then_disconnect(self):
        before = self.inbox_count()
        c = self.server.imap_raw("evil@example.test")
        c.sendline("a APPEND INBOX {1000}")
        self.assertTrue(c.imap_read().startswith(b"+"), c.transcript())
        c.send(b"From: x\r\n" * 10)
        c.close()
        c = self.server.imap_raw("evil@example.test")
        c.send(b"b APPEND INBOX {1000+}\r\nFrom: y\r\n")
        c.close()
        self.assertServerServes()
        self.assertEqual(self.inbox_count(), before, "a partial APPEND was stored")

    def test_huge_synchronizing_literal_gets_toobig_and_connection_survives(self):
        c = self.server.imap_raw("evil@example.test")
        c.sendline("a APPEND INBOX {999999999}")
        done = c.imap_read()
        self.assertTrue(done.startswith(b"a NO [TOOBIG]"), c.transcript())
        self.ok(c, "NOOP")
        # before login as well, with the smaller limit of other commands
        p = self.server.imap_raw()
        p.sendline("a LOGIN {999999999}")
        self.assertTrue(p.imap_read().startswith(b"a NO [TOOBIG]"), p.transcript())
        self.ok(p, "NOOP")

    def test_huge_non_synchronizing_literal_gets_bad_and_close(self):
        c = self.server.imap_raw("evil@example.test")
        c.sendline("a APPEND INBOX {999999999+}")
        c.send(b"x" * 1000)
        lines = []
        try:
            while True:
                lines.append(c.imap_read())
        except (EOFError, ConnectionResetError, OSError):
            pass
        self.assertTrue(lines and lines[0].startswith(b"a BAD"), c.transcript())
        self.assertTrue(any(l.startswith(b"* BYE") for l in lines), c.transcript())
        self.assertServerServes()

    def test_deep_nesting_gets_bad_and_connection_survives(self):
        c = self.server.imap_raw("evil@example.test")
        self.select(c, "INBOX")
        self.run_cmd(c, "FETCH 1 " + "(" * 100 + "FLAGS" + ")" * 100, want="BAD")
        self.run_cmd(c, "SEARCH " + "(" * 100 + "ALL" + ")" * 100, want="BAD")
        self.ok(c, "NOOP")

    def test_long_not_and_or_chains_get_bad_and_server_survives(self):
        # NOT and OR nest without parentheses: 16,000 of them fit in one line, and the
        # server once recursed once per key (the stack ran out near 3,000).
        c = self.server.imap_raw("evil@example.test")
        self.select(c, "INBOX")
        self.run_cmd(c, "SEARCH " + "NOT " * 16000 + "SEEN", want="BAD")
        self.run_cmd(c, "UID SEARCH " + "OR " * 7000 + "SEEN" + " DRAFT" * 7000, want="BAD")
        self.ok(c, "SEARCH " + "NOT " * 8 + "SEEN")
        self.assertServerServes()

    def test_50000_element_sequence_set(self):
        self.server.deliver("evil@example.test", make_message("seq", to="evil@example.test"))
        c = self.server.imap_raw("evil@example.test")
        self.select(c, "INBOX")
        seqset = ",".join(str(i) for i in range(1, 50001))
        for cmd in [f"FETCH {seqset} (FLAGS)", f"UID FETCH {seqset} (FLAGS)",
                    f"UID SEARCH UID {seqset}", "UID FETCH " + ",".join(["1"] * 10000) + " FLAGS",
                    "UID FETCH " + ",".join(f"{i}:{i + 1}" for i in range(1, 20000, 2))
                    + " FLAGS"]:
            with self.subTest(command=cmd[:40]):
                t0 = time.monotonic()
                _, done = c.imap(cmd)
                self.assertIn(status_of(done), ("OK", "NO", "BAD"), c.transcript())
                self.assertLess(time.monotonic() - t0, 5.0, "slow sequence set")
        self.ok(c, "NOOP")

    def test_two_megabyte_line_without_crlf(self):
        # One thread only: an SSL socket must not be written and read from two threads. The
        # server answers one line at most while the line arrives, so sendall cannot deadlock;
        # a server that stopped reading makes it time out.
        for listener, user in [("imap", None), ("imaps", "evil@example.test")]:
            with self.subTest(listener=listener, logged_in=bool(user)):
                c = self.server.imap_raw(user) if user else self.server.raw("imap")
                if not user:
                    c.imap_read()
                payload = b"a SELECT " + b"x" * (2 * 1024 * 1024)
                c.log.append(f"C: 'a SELECT xxx...' [{len(payload)} octets, no CRLF]")
                closed = False
                t0 = time.monotonic()
                try:
                    c.sock.sendall(payload)
                except socket.timeout:
                    self.fail(f"the server stopped reading a long line\n{c.transcript()}")
                except OSError:
                    closed = True
                self.assertLess(time.monotonic() - t0, 10.0)
                first = c.imap_read()  # within the socket timeout: no hang
                self.assertTrue(first.startswith(b"a BAD") or first.startswith(b"* BAD")
                                or first.startswith(b"* BYE"), c.transcript())
                if not first.startswith(b"* BYE") and not closed:
                    c.send(b"\r\n")
                    untagged, done = c.imap("NOOP")
                    self.assertEqual(status_of(done), "OK", c.transcript())
        self.assertServerServes()

    def test_too_many_protocol_errors_end_the_session(self):
        c = self.server.imap_raw()
        answers = []
        try:
            for i in range(40):
                c.sendline(f"j{i} JUNK{i}")
                line = c.imap_read()
                answers.append(line)
                if line.startswith(b"* BYE"):
                    break
        except (EOFError, ConnectionResetError):
            pass
        bads = [a for a in answers if b" BAD " in a]
        self.assertTrue(any(a.startswith(b"* BYE") for a in answers),
                        "no BYE after 40 bad commands\n" + c.transcript())
        self.assertLessEqual(len(bads), 20, c.transcript())
        self.assertGreaterEqual(len(bads), 19, c.transcript())
        self.assertTrue(c.wait_closed(5), c.transcript())
        # Junk after login counts the same way
        c = self.server.imap_raw("evil@example.test")
        c.send(b"".join(b"k%d FETCH\r\n" % i for i in range(30)))
        self.assertTrue(c.wait_closed(5), c.transcript())
        self.assertIn("BYE", c.transcript())
        self.assertServerServes()

    def test_assorted_malformed_lines_get_bad(self):
        c = self.server.imap_raw("evil@example.test")
        for line in [b"", b"*", b"a", b"a ", b'a SELECT "unterminated',
                     b"a SELECT INBOX)", b"a LIST \"\" \"*\" extra(", b"a FETCH 1 BODY[",
                     b"a \x00NOOP", b"a SELECT {abc}", b'a SELECT "\\q"']:
            with self.subTest(line=line):
                c.sendline(line)
                answer = c.imap_read()
                self.assertRegex(answer, rb"^(a|\*) BAD", c.transcript())
        self.ok(c, "NOOP")


class BigMailboxSelectTest(ImapTestCase):
    """A mailbox past the server's inline limit (2,000 messages) is read for SELECT on a worker:
    the answer is the same, commands pipelined behind it wait their turn, and QRESYNC still
    reports what vanished."""
    ACCOUNTS = {"big@example.test": PW}
    COUNT = 2100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with smtplib.SMTP(HOST, cls.server.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("client.other.test")
            for i in range(cls.COUNT):
                s.sendmail("sender@other.test", ["big@example.test"],
                           b"Subject: n%d\r\n\r\nbody %d\r\n" % (i, i))

    def test_select_with_pipelined_commands(self):
        c = self.server.imap_raw("big@example.test")
        c.send(b"s1 SELECT INBOX\r\ns2 FETCH * (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\ns3 NOOP\r\n")
        lines = []
        while not any(line.startswith(b"s3 ") for line in lines):
            lines.append(c.readline_bytes())
        tagged = [line.split(b" ")[0] for line in lines if line[:1] == b"s"]
        self.assertEqual(tagged, [b"s1", b"s2", b"s3"], c.transcript())
        self.assertTrue(all(b" OK " in line for line in lines if line[:1] == b"s"), c.transcript())
        # The other test may have expunged one.
        self.assertTrue({b"* %d EXISTS" % self.COUNT, b"* %d EXISTS" % (self.COUNT - 1)} & set(lines), c.transcript())
        self.assertTrue(any(b"n2099" in line for line in lines), c.transcript())

    def test_qresync_select_reports_vanished(self):
        c = self.server.imap_raw("big@example.test")
        self.ok(c, "ENABLE QRESYNC")
        untagged, _ = self.select(c, "INBOX")
        validity = re.search(rb"UIDVALIDITY (\d+)", b"".join(untagged)).group(1).decode()
        modseq = re.search(rb"HIGHESTMODSEQ (\d+)", b"".join(untagged)).group(1).decode()
        first = search_hits(self.ok(c, "UID SEARCH ALL"))[0]
        self.ok(c, f"UID STORE {first} +FLAGS (\\Deleted)")
        self.ok(c, f"UID EXPUNGE {first}")
        self.ok(c, "UNSELECT")
        untagged, _ = self.run_cmd(c, f"SELECT INBOX (QRESYNC ({validity} {modseq}))")
        joined = b"\n".join(untagged)
        self.assertIn(b"VANISHED (EARLIER) %d" % first, joined, c.transcript())
        self.assertIn(b"* %d EXISTS" % (self.COUNT - 1), joined)


if __name__ == "__main__":
    unittest.main()
