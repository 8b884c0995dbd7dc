#!/usr/bin/env python3
"""IMAP FETCH of MIME structure and SEARCH of Japanese text through a real fumibakod (RFC 3501
6.4.4, 6.4.5, 7.4.2; RFC 2045-2047).

Messages are delivered over SMTP, then read back: ENVELOPE, BODYSTRUCTURE, BODY, BODY[part],
BODY[part.MIME], BODY[part.HEADER] and partial fetches are checked against what python3's email
package says about the same stored bytes; SEARCH CHARSET UTF-8 with Japanese strings sent as
literals (imaplib) must find RFC 2047 ISO-2022-JP subjects and bodies in ISO-2022-JP with NEC
special characters (①, Ⅱ, ㈱ — CP50220), Shift_JIS, EUC-JP and UTF-8.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_imap_mime.py
"""

import base64
import email
import email.parser
import email.policy
import email.charset
import email.message
import email.utils
import random
import re
import time
import unittest

from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from fumibako_fixture import ServerTestCase, imap_fetch_items, imap_parse

PW = "mime secret 123"
USER = "mime@example.test"


# ---- Japanese test text --------------------------------------------------------------------

def _sjis_to_jis(pair):
    """One Shift_JIS double-byte character as its JIS X 0208 row/cell bytes."""
    s1, s2 = pair
    if s1 >= 0xE0:
        s1 -= 0x40
    j1 = (s1 - 0x81) * 2 + 0x21
    if s2 >= 0x9F:
        j1 += 1
        j2 = s2 - 0x7E
    else:
        j2 = s2 - 0x1F - (1 if s2 >= 0x80 else 0)
    return bytes([j1, j2])


def _jis_to_sjis(j1, j2):
    s1 = ((j1 - 0x21) >> 1) + 0x81
    if s1 > 0x9F:
        s1 += 0x40
    if j1 & 1:
        s2 = j2 + 0x1F
        if s2 >= 0x7F:
            s2 += 1
    else:
        s2 = j2 + 0x7E
    return bytes([s1, s2])


def jis(text):
    """ISO-2022-JP bytes as CP50220 writes them: JIS X 0208 via the Shift_JIS (cp932) mapping, so
    the NEC row 13 characters (① = 0x2D21, Ⅱ = 0x2D36, ㈱ = 0x2D6A) are representable."""
    out, double = b"", False
    for ch in text:
        b = ch.encode("cp932")
        if len(b) == 1:
            if double:
                out += b"\x1b(B"
                double = False
            out += b
        else:
            if not double:
                out += b"\x1b$B"
                double = True
            out += _sjis_to_jis(b)
    if double:
        out += b"\x1b(B"
    # Check the construction independently: back through Shift_JIS and python's cp932 codec,
    # and against python's own iso2022_jp codec where that can encode the text.
    back, i, double = b"", 0, False
    while i < len(out):
        if out[i:i + 3] in (b"\x1b$B", b"\x1b(B"):
            double = out[i:i + 3] == b"\x1b$B"
            i += 3
        elif double:
            back += _jis_to_sjis(out[i], out[i + 1])
            i += 2
        else:
            back += out[i:i + 1]
            i += 1
    assert back.decode("cp932") == text, text
    try:
        assert text.encode("iso2022_jp") == out, text
    except UnicodeEncodeError:
        pass  # NEC characters: python's iso2022_jp has no CP50220 rows
    assert _jis_to_sjis(0x2D, 0x21).decode("cp932") == "①"
    return out


def euc(text):
    """EUC-JP (with the NEC row 13 of EUC-JP-MS): JIS X 0208 bytes with the high bit set."""
    out = b""
    for ch in text:
        b = ch.encode("cp932")
        out += b if len(b) == 1 else bytes(x | 0x80 for x in _sjis_to_jis(b))
    return out


def bword(text, charset="ISO-2022-JP"):
    data = jis(text) if charset == "ISO-2022-JP" else text.encode(charset)
    return f"=?{charset}?B?{base64.b64encode(data).decode()}?="


def qword(text, charset):
    data = euc(text) if charset == "EUC-JP" else text.encode(charset)
    return f"=?{charset}?Q?" + "".join(
        chr(b) if chr(b).isalnum() and b < 128 else "_" if b == 32 else f"={b:02X}" for b in data) + "?="


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


NEC_BODY = "①会議の件 Ⅱ期 ㈱文箱"

MIXED = (crlf(f"""From: {bword("山田")} <yamada@example.jp>
To: {USER}
Cc: Team: "Ann Example" <ann@x.example>, bob@y.example;, carol@z.example
Subject: {bword("見積のご依頼")}
Date: Tue, 01 Apr 2025 09:00:00 +0900
Message-ID: <mixed@example.jp>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_b1"

This is a multi-part message in MIME format.
--=_b1
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

""").encode() + jis(NEC_BODY) + crlf("""
second line
--=_b1
Content-Type: application/pdf; name="report.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="report.pdf"
Content-ID: <pdf@example.jp>
Content-Description: The report

JVBERi0xLjQKc2VjcmV0d29yZAo=
--=_b1--
""").encode())

ALTERNATIVE = (crlf(f"""From: Hanako <hanako@example.jp>
To: {USER}
Subject: {bword("会議のお知らせ", "UTF-8")}
Message-ID: <alt@example.jp>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=Shift_JIS
Content-Transfer-Encoding: 8bit

""").encode() + "お見積り ① 金額\r\n".encode("cp932") + crlf("""--inner
Content-Type: text/html; charset=EUC-JP
Content-Transfer-Encoding: 8bit

<p>""").encode() + euc("議事録 ②") + crlf("""</p>
--inner--

--outer
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Disposition: inline

iVBORw0KGgo=
--outer--
""").encode())

FORWARD = crlf(f"""From: Jiro <jiro@example.jp>
To: {USER}
Subject: Fwd: invoice
Message-ID: <fwd@example.jp>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=f1

--f1
Content-Type: text/plain; charset=us-ascii

See the attached message.
--f1
Content-Type: message/rfc822
Content-Description: forwarded

Date: Mon, 31 Mar 2025 18:00:00 +0900
From: "Sato, Hanako" <hanako@example.jp>
Subject: {bword("請求書について", "UTF-8")}
Message-ID: <inner@example.jp>
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{base64.b64encode("本文は UTF-8 です。café".encode()).decode()}
--f1--
""").encode()

PLAIN = crlf(f"""From: plain@example.com
To: {USER}
Subject: Plain ASCII subject
Message-ID: <plain@example.com>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hello CAFÉ ＡＢＣ ｶﾀｶﾅ ﾃﾞｰﾀ
""").encode()

EUC = crlf(f"""From: {qword("東京支社", "EUC-JP")} <tokyo@example.jp>
To: {USER}
Subject: {qword("住所変更", "EUC-JP")}
Message-ID: <euc@example.jp>
Content-Type: text/plain; charset=EUC-JP
Content-Transfer-Encoding: 8bit

""").encode() + euc("東京都千代田区 ③番地") + b"\r\n"

MESSAGES = {"mixed": MIXED, "alternative": ALTERNATIVE, "forward": FORWARD, "plain": PLAIN,
            "euc": EUC}


GENERATED_TEXTS = ["Hello world\n", "見積のご依頼です。\n①②③\n", "café crème\n", "行1\n行2\n行3", ""]


def generated(seed):
    """A random MIME tree written by python's email package: nested multiparts with preambles and
    epilogues, text in several charsets and transfer encodings, binary attachments with RFC 2231
    file names, attached messages (message/rfc822), sometimes as the whole message."""
    rnd = random.Random(seed)

    def leaf(depth):
        kind = rnd.choice(["text", "text", "app", "msg" if depth < 3 else "text"])
        if kind == "text":
            text, charset = rnd.choice(GENERATED_TEXTS), rnd.choice(
                ["utf-8", "iso-2022-jp", "shift_jis", "euc-jp", "iso-8859-1", "us-ascii"])
            try:
                text.encode(email.charset.Charset(charset).output_codec or "ascii")
            except UnicodeEncodeError:
                charset = "utf-8"
            part = MIMEText(text, rnd.choice(["plain", "html"]), charset)
            if rnd.random() < 0.3:
                part.add_header("Content-Disposition", "inline")
            return part
        if kind == "app":
            part = MIMEApplication(bytes(rnd.randrange(256) for _ in range(rnd.randrange(300))), "octet-stream")
            part.add_header("Content-Disposition", "attachment",
                            filename=rnd.choice(["a.bin", "報告書.pdf", "x y.txt"]))
            if rnd.random() < 0.5:
                part.add_header("Content-ID", f"<id{rnd.randrange(1000)}@example.jp>")
            return part
        inner = tree(depth + 1)
        inner["Subject"] = f"inner {seed}"
        inner["From"] = "Inner <inner@example.jp>"
        return MIMEMessage(inner)

    def tree(depth):
        if depth >= 3 or rnd.random() < 0.3:
            return leaf(depth)
        m = MIMEMultipart(rnd.choice(["mixed", "alternative", "related"]))
        for _ in range(rnd.randrange(1, 4)):
            m.attach(tree(depth + 1) if rnd.random() < 0.4 else leaf(depth))
        if rnd.random() < 0.3:
            m.preamble = "preamble text"
        if rnd.random() < 0.3:
            m.epilogue = "epilogue text"
        return m

    m = tree(0)
    m["Subject"] = f"generated {seed}"
    m["From"] = "Gen <gen@example.jp>"
    m["To"] = USER
    return m.as_bytes(policy=email.policy.SMTP)


def text_of(msg):
    """The decoded text of every text/* part, as python reads it."""
    out = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            charset = part.get_content_charset() or "us-ascii"
            out.append(part.get_payload(decode=True).decode(charset.replace("iso-2022-jp", "iso2022_jp")))
    return "\n".join(out)


# ---- helpers ---------------------------------------------------------------------------------

def fetches(untagged):
    out = {}
    for line in untagged:
        items = imap_fetch_items(line)
        if items is not None:
            out.setdefault(int(imap_parse(line)[1]), {}).update(items)
    return out


def s(value):
    """An IMAP string value (bytes) as text; NIL stays None."""
    return None if value is None else value.decode("utf-8", "surrogateescape")


def raw_payload(part):
    """A non-multipart part's body as the original bytes. For 7bit/8bit parts get_payload(decode=True)
    gives them back unchanged (get_payload() would decode 8-bit text by its charset)."""
    cte = (part["Content-Transfer-Encoding"] or "").strip().lower()
    if cte in ("base64", "quoted-printable"):
        return part.get_payload().encode("ascii", "surrogateescape")
    return part.get_payload(decode=True)


def parts_by_number(msg, prefix=""):
    """[(IMAP part number, email part)] of every part below a message (RFC 3501 6.4.5)."""
    out = []
    if msg.is_multipart() and msg.get_content_maintype() == "multipart":
        for i, sub in enumerate(msg.get_payload(), 1):
            number = f"{prefix}{i}"
            out.append((number, sub))
            if sub.get_content_type() == "message/rfc822":
                out += parts_by_number(sub.get_payload()[0], number + ".")
            elif sub.is_multipart():
                out += parts_by_number(sub, number + ".")
    else:
        out.append((f"{prefix}1", msg))
        if msg.get_content_type() == "message/rfc822":
            out += parts_by_number(msg.get_payload()[0], f"{prefix}1.")
    return out


class MimeChecks:
    """Compares what the server says about stored messages with python's email package. The
    class using it sets self.c (a raw client with the folder selected), self.stored, self.uid and
    self.seq ({name: bytes / UID / sequence number})."""

    def ok(self, command):
        untagged, done = self.c.imap(command)
        self.assertEqual(done.split(b" ")[1], b"OK", f"{command} -> {done!r}\n{self.c.transcript()}")
        return untagged

    def fetch(self, name, items):
        """The items of one message; a macro (ALL, FAST, FULL) goes without parentheses."""
        arg = items if items in ("ALL", "FAST", "FULL") else f"({items})"
        return fetches(self.ok(f"UID FETCH {self.uid[name]} {arg}"))[self.seq[name]]

    def parsed(self, name):
        return email.message_from_bytes(self.stored[name], policy=email.policy.compat32)

    def check_body(self, bs, part, extensible, where, name, num="", root=True):
        """bs: a BODYSTRUCTURE / BODY value for `part`; num: the part's IMAP number ("" for the
        message itself), root: `part` is a message (so its body, if not multipart, is num.1)."""
        t = f"{where}\n{self.c.transcript()}"
        if part.get_content_maintype() == "multipart":
            children = bs[:len(part.get_payload())]
            rest = bs[len(children):]
            self.assertEqual(len(children), len(part.get_payload()), t)
            self.assertTrue(all(isinstance(c, list) for c in children), t)
            self.assertEqual(s(rest[0]).lower(), part.get_content_subtype(), t)
            if extensible:
                params = dict(zip([s(k).lower() for k in rest[1][::2]], [s(v) for v in rest[1][1::2]]))
                self.assertEqual(params.get("boundary"), part.get_boundary(), t)
                self.assertEqual(len(rest), 5, t)
            else:
                self.assertEqual(len(rest), 1, t)
            for i, (sub_bs, sub) in enumerate(zip(children, part.get_payload()), 1):
                self.check_body(sub_bs, sub, extensible, f"{where}.{i}", name, f"{num}.{i}" if num else str(i),
                                False)
            return
        number = (f"{num}.1" if num else "1") if root else num
        self.assertEqual(s(bs[0]).lower(), part.get_content_maintype(), t)
        self.assertEqual(s(bs[1]).lower(), part.get_content_subtype(), t)
        params = dict(zip([s(k).lower() for k in (bs[2] or [])[::2]], [s(v) for v in (bs[2] or [])[1::2]]))
        for key, value in part.get_params()[1:] if part["Content-Type"] else []:
            self.assertEqual(params.get(key.lower()), value, t)
        self.assertEqual(s(bs[3]), part["Content-ID"], t)
        self.assertEqual(s(bs[4]), part["Content-Description"], t)
        self.assertEqual(s(bs[5]).lower(), (part["Content-Transfer-Encoding"] or "7bit").lower(), t)
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()[0]
            body = self.fetch(name, f"BODY.PEEK[{number}]")[f"BODY[{number}]"]
            self.assertEqual(int(bs[6]), len(body), t)
            self.assertEqual(s(bs[7][1]), inner["Subject"], t)
            self.check_body(bs[8], inner, extensible, where + " (message)", name, number, True)
            self.assertEqual(int(bs[9]), len(body.splitlines()), t)
            ext = bs[10:]
        else:
            payload = raw_payload(part)
            self.assertEqual(int(bs[6]), len(payload), t)
            if part.get_content_maintype() == "text":
                self.assertEqual(int(bs[7]), len(payload.splitlines()), t)
                ext = bs[8:]
            else:
                ext = bs[7:]
        if not extensible:
            self.assertEqual(ext, [], t)
            return
        self.assertEqual(len(ext), 4, t)  # md5 disposition language location
        self.assertIsNone(ext[0], t)
        disposition = part.get_content_disposition()
        if disposition is None:
            self.assertIsNone(ext[1], t)
        else:
            self.assertEqual(s(ext[1][0]).lower(), disposition, t)
            # Parameters are raw (RFC 2231 too): python reads them back to the same file name.
            pairs = ext[1][1] or []
            again = email.message.Message()
            again["Content-Disposition"] = s(ext[1][0]) + "".join(
                f'; {s(k)}="{s(v)}"' for k, v in zip(pairs[::2], pairs[1::2]))
            self.assertEqual(again.get_filename(), part.get_filename(), t)

    def check_structures(self, names):
        for name in names:
            for item, extensible in [("BODYSTRUCTURE", True), ("BODY", False)]:
                with self.subTest(message=name, item=item):
                    bs = self.fetch(name, item)[item]
                    self.check_body(bs, self.parsed(name), extensible, f"{name} {item}", name)

    def check_parts(self, names):
        for name in names:
            for number, part in parts_by_number(self.parsed(name)):
                with self.subTest(message=name, part=number):
                    items = self.fetch(name, f"BODY.PEEK[{number}] BODY.PEEK[{number}.MIME]")
                    t = self.c.transcript()
                    body, mime = items[f"BODY[{number}]"], items[f"BODY[{number}.MIME]"]
                    if part.get_content_type() == "message/rfc822":
                        inner = email.message_from_bytes(body, policy=email.policy.compat32)
                        self.assertEqual(inner.items(), part.get_payload()[0].items(), t)
                    elif part.is_multipart():
                        self.assertIn(b"--" + part.get_boundary().encode(), body, t)
                    else:
                        self.assertEqual(body, raw_payload(part), t)
                    self.assertTrue(mime.endswith(b"\r\n\r\n") or mime == b"\r\n", t)
                    self.assertIn(mime, self.stored[name], t)
                    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(mime)
                    self.assertEqual(headers.items(), part.items(), t)


class ImapMimeTest(MimeChecks, ServerTestCase):
    ACCOUNTS = {USER: PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for raw in MESSAGES.values():
            cls.server.deliver(USER, raw)
        c = cls.server.imap_raw(USER)
        c.imap("EXAMINE INBOX")
        untagged, _ = c.imap("FETCH 1:* (UID BODY.PEEK[])")
        cls.stored, cls.uid, cls.seq = {}, {}, {}
        for seq, items in fetches(untagged).items():
            name = next(k for k, v in MESSAGES.items() if items["BODY[]"].endswith(v))
            cls.stored[name] = items["BODY[]"]
            cls.uid[name] = int(items["UID"])
            cls.seq[name] = seq
        assert len(cls.stored) == len(MESSAGES), cls.stored.keys()
        cls.server.close_clients()

    def setUp(self):
        self.m = None
        self.c = self.server.imap_raw(USER)
        self.ok("EXAMINE INBOX")

    # ---- ENVELOPE -----------------------------------------------------------------------------

    def check_addresses(self, env_list, header_values, where):
        t = f"{where}\n{self.c.transcript()}"
        want = email.utils.getaddresses(header_values)
        got = [a for a in (env_list or []) if a[3] is not None]  # group markers have a NIL host
        self.assertEqual([(s(a[0]) or "", f"{s(a[2])}@{s(a[3])}") for a in got], want, t)
        self.assertTrue(all(a[1] is None for a in got), t)

    def test_envelope_against_email_package(self):
        for name in MESSAGES:
            with self.subTest(message=name):
                msg = self.parsed(name)
                env = self.fetch(name, "ENVELOPE")["ENVELOPE"]
                t = self.c.transcript()
                self.assertEqual(len(env), 10, t)
                for index, field in [(0, "Date"), (1, "Subject"), (8, "In-Reply-To"), (9, "Message-ID")]:
                    want = msg[field]
                    self.assertEqual(s(env[index]), None if want is None else " ".join(want.split()), t)
                for index, field in [(2, "From"), (5, "To"), (6, "Cc"), (7, "Bcc")]:
                    if msg[field] is None:
                        self.assertIsNone(env[index], t)
                    else:
                        self.check_addresses(env[index], msg.get_all(field), f"{name} {field}")
                # RFC 3501 7.4.2: no Sender / Reply-To means the From address
                self.assertEqual(env[3], env[2], t)
                self.assertEqual(env[4], env[2], t)

    def test_envelope_raw_words_and_groups(self):
        env = self.fetch("mixed", "ENVELOPE")["ENVELOPE"]
        t = self.c.transcript()
        self.assertEqual(s(env[1]), bword("見積のご依頼"), "subject must stay RFC 2047-encoded\n" + t)
        self.assertEqual(env[2], [[bword("山田").encode(), None, b"yamada", b"example.jp"]], t)
        self.assertEqual(env[6], [[None, None, b"Team", None], [b"Ann Example", None, b"ann", b"x.example"],
                                  [None, None, b"bob", b"y.example"], [None, None, None, None],
                                  [None, None, b"carol", b"z.example"]], t)
        self.assertIsNone(env[8], t)

    # ---- BODYSTRUCTURE / BODY -------------------------------------------------------------------

    def test_bodystructure_against_email_package(self):
        self.check_structures(MESSAGES)

    def test_bodystructure_literal_values(self):
        bs = self.fetch("mixed", "BODYSTRUCTURE")["BODYSTRUCTURE"]
        t = self.c.transcript()
        self.assertEqual(bs[0][:6], [b"TEXT", b"PLAIN", [b"CHARSET", b"ISO-2022-JP"], None, None, b"7BIT"], t)
        self.assertEqual(bs[1][:6], [b"APPLICATION", b"PDF", [b"NAME", b"report.pdf"], b"<pdf@example.jp>",
                                     b"The report", b"BASE64"], t)
        self.assertEqual(bs[1][7:], [None, [b"ATTACHMENT", [b"FILENAME", b"report.pdf"]], None, None], t)
        self.assertEqual(bs[2:], [b"MIXED", [b"BOUNDARY", b"=_b1"], None, None, None], t)

    # ---- sections ------------------------------------------------------------------------------

    def test_every_part_byte_exact(self):
        self.check_parts(MESSAGES)

    def test_message_rfc822_sections(self):
        inner = self.parsed("forward").get_payload()[1].get_payload()[0]
        items = self.fetch("forward", "BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[2.1] "
                                      "BODY.PEEK[2.HEADER.FIELDS (Subject Message-ID)] "
                                      "BODY.PEEK[2.HEADER.FIELDS.NOT (Subject)]")
        t = self.c.transcript()
        header = items["BODY[2.HEADER]"]
        self.assertTrue(header.endswith(b"\r\n\r\n"), t)
        self.assertEqual(email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header).items(),
                         inner.items(), t)
        self.assertEqual(items["BODY[2.TEXT]"], raw_payload(inner), t)
        self.assertEqual(items["BODY[2.1]"], raw_payload(inner), t)
        self.assertEqual(items["BODY[2.HEADER.FIELDS (SUBJECT MESSAGE-ID)]"],
                         f"Subject: {inner['Subject']}\r\nMessage-ID: <inner@example.jp>\r\n\r\n".encode(), t)
        self.assertNotIn(b"Subject", items["BODY[2.HEADER.FIELDS.NOT (SUBJECT)]"], t)
        self.assertIn(b"Message-ID: <inner@example.jp>\r\n", items["BODY[2.HEADER.FIELDS.NOT (SUBJECT)]"], t)
        decoded = base64.b64decode(items["BODY[2.1]"]).decode()
        self.assertEqual(decoded, "本文は UTF-8 です。café", t)

    def test_partial_nil_and_errors(self):
        body = raw_payload(self.parsed("mixed").get_payload()[0])
        items = self.fetch("mixed", "BODY.PEEK[1]<3.10> BODY.PEEK[1]<100000.10> BODY.PEEK[9] "
                                    "BODY.PEEK[1.2.3]")
        t = self.c.transcript()
        self.assertEqual(items["BODY[1]<3>"], body[3:13], t)
        self.assertEqual(items["BODY[1]<100000>"], b"", t)
        self.assertIsNone(items["BODY[9]"], t)
        self.assertIsNone(items["BODY[1.2.3]"], t)
        for bad in ["BODY[0]", "BODY[1.]", "BODY[MIME]", "BODY[1.BOGUS]", "BODY[1.HEADER.FIELDS]"]:
            with self.subTest(item=bad):
                _, done = self.c.imap(f"UID FETCH {self.uid['mixed']} ({bad})")
                self.assertEqual(done.split(b" ")[1], b"BAD", self.c.transcript())

    def test_macros_and_seen(self):
        full = self.fetch("plain", "FULL")
        allm = self.fetch("plain", "ALL")
        fast = self.fetch("plain", "FAST")
        t = self.c.transcript()
        self.assertEqual(set(fast), {"FLAGS", "INTERNALDATE", "RFC822.SIZE", "UID"}, t)
        self.assertEqual(set(allm), {"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "UID"}, t)
        self.assertEqual(set(full), {"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY", "UID"}, t)
        self.assertEqual(full["BODY"][:2], [b"TEXT", b"PLAIN"], t)
        self.assertEqual(len(full["BODY"]), 8, t)  # no extension data in BODY
        # BODY[1] (not PEEK) sets \Seen; ENVELOPE and BODYSTRUCTURE do not (RFC 3501 6.4.5)
        c = self.server.imap_raw(USER)
        c.imap("SELECT INBOX")
        seq = self.seq["plain"]
        untagged, _ = c.imap(f"FETCH {seq} (ENVELOPE BODYSTRUCTURE FLAGS)")
        self.assertNotIn("\\Seen", fetches(untagged)[seq]["FLAGS"], c.transcript())
        untagged, _ = c.imap(f"FETCH {seq} BODY[1]")
        items = fetches(untagged)[seq]
        self.assertEqual(items["BODY[1]"], raw_payload(self.parsed("plain")), c.transcript())
        self.assertIn("\\Seen", items["FLAGS"], c.transcript())
        c.imap(f"STORE {seq} -FLAGS (\\Seen)")

    def test_imaplib_fetch(self):
        m = self.server.imap(USER)
        m.select("INBOX", readonly=True)
        typ, data = m.uid("FETCH", str(self.uid["alternative"]), "(BODY.PEEK[1.1] BODYSTRUCTURE)")
        self.assertEqual(typ, "OK", m.transcript())
        part = self.parsed("alternative").get_payload()[0].get_payload()[0]
        self.assertEqual(data[0][1], raw_payload(part), m.transcript())
        self.assertEqual(data[0][1].decode("shift_jis", "replace")[:4], "お見積り", m.transcript())
        self.assertIn(b'"ALTERNATIVE" ("BOUNDARY" "inner")', data[0][0] + data[1], m.transcript())

    # ---- SEARCH ---------------------------------------------------------------------------------

    def search(self, key, text, extra=()):
        """UID SEARCH CHARSET UTF-8 <extra...> <key> {literal}: imaplib sends the string as a literal."""
        if getattr(self, "m", None) is None:  # one imaplib session per test (10 per user at most)
            self.m = self.server.imap(USER)
            self.m.select("INBOX", readonly=True)
        m = self.m
        m.literal = text.encode("utf-8")
        typ, data = m.uid("SEARCH", "CHARSET", "UTF-8", *extra, key)
        self.assertEqual(typ, "OK", m.transcript())
        found = sorted(int(x) for x in data[0].split())
        by_uid = {v: k for k, v in self.uid.items()}
        return sorted(by_uid[u] for u in found)

    def test_search_japanese(self):
        cases = [
            ("SUBJECT", "見積", ["mixed"]),                  # ISO-2022-JP encoded-word
            ("SUBJECT", "会議", ["alternative"]),            # UTF-8 encoded-word
            ("SUBJECT", "住所変更", ["euc"]),                # EUC-JP Q encoded-word
            ("SUBJECT", "請求書", []),                       # only in the attached message's header
            ("FROM", "山田", ["mixed"]),
            ("FROM", "東京支社", ["euc"]),
            ("FROM", "YAMADA@EXAMPLE", ["mixed"]),
            ("CC", "ann example", ["mixed"]),
            ("TO", USER, sorted(MESSAGES)),
            ("BODY", "①会議", ["mixed"]),                   # ISO-2022-JP with NEC row 13
            ("BODY", "Ⅱ期", ["mixed"]),
            ("BODY", "㈱文箱", ["mixed"]),
            ("BODY", "お見積り ①", ["alternative"]),        # Shift_JIS (CP932) 8bit
            ("BODY", "議事録 ②", ["alternative"]),          # EUC-JP html
            ("BODY", "千代田区 ③番地", ["euc"]),
            ("BODY", "本文は", ["forward"]),                # UTF-8 base64 inside message/rfc822
            ("BODY", "請求書について", ["forward"]),        # the attached message's decoded header
            ("BODY", "café", ["forward", "plain"]),          # Unicode case folding
            ("BODY", "ａｂｃ", ["plain"]),
            ("BODY", "abc", ["plain"]),                      # NFKC: full-width = ASCII
            ("BODY", "カタカナ", ["plain"]),                 # NFKC: half-width kana = full-width
            ("BODY", "ｶﾀｶﾅ", ["plain"]),
            ("BODY", "データ", ["plain"]),                   # ﾃﾞ composes to デ
            ("BODY", "secretword", []),                      # a base64 PDF is not text
            ("BODY", "GyRC", []),                            # nor are the encoded bytes
            ("BODY", "yamada", []),                          # BODY is not the header
            ("TEXT", "yamada", ["mixed"]),
            ("TEXT", "㈱文箱", ["mixed"]),
            ("TEXT", "見積のご依頼", ["mixed"]),
        ]
        for key, text, want in cases:
            with self.subTest(key=key, text=text):
                self.assertEqual(self.search(key, text), want)

    def test_search_header_and_combinations(self):
        self.assertEqual(self.search("SUBJECT", "会議", extra=("NOT", "FROM", "yamada")), ["alternative"])
        self.assertEqual(self.search("BODY", "①", extra=("OR", "SUBJECT", "x-none")), ["alternative", "mixed"])
        m = self.server.imap(USER)
        m.select("INBOX", readonly=True)
        typ, data = m.uid("SEARCH", "HEADER", "Message-ID", "<euc@example.jp>")
        self.assertEqual((typ, data), ("OK", [str(self.uid["euc"]).encode()]), m.transcript())
        typ, data = m.uid("SEARCH", "HEADER", "Content-Description", '""')
        self.assertEqual(typ, "OK", m.transcript())
        self.assertEqual(data, [b""], "Content-Description is only inside parts\n" + m.transcript())
        typ, data = m.search(None, "CHARSET", "ISO-8859-1", "ALL")
        self.assertEqual(typ, "NO", m.transcript())


class GeneratedMessagesTest(MimeChecks, ServerTestCase):
    """Messages python's email package writes, APPENDed as they are: every BODYSTRUCTURE, BODY,
    part and MIME header, and BODY searches, agree with what the same package reads from them."""

    ACCOUNTS = {USER: PW}
    COUNT = 40

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.imap_raw(USER)
        c.imap("CREATE generated")
        raws = [generated(seed) for seed in range(cls.COUNT)]
        for raw in raws:
            _, done = c.imap(f"APPEND generated {{{len(raw)}+}}\r\n".encode() + raw)
            assert done.split(b" ")[1] == b"OK", c.transcript()
        c.imap("EXAMINE generated")
        untagged, _ = c.imap("FETCH 1:* (UID BODY.PEEK[])")
        cls.stored, cls.uid, cls.seq = {}, {}, {}
        for seq, items in fetches(untagged).items():
            name = f"g{seq - 1}"
            assert items["BODY[]"] == raws[seq - 1], name
            cls.stored[name], cls.uid[name], cls.seq[name] = items["BODY[]"], int(items["UID"]), seq
        cls.server.close_clients()

    def setUp(self):
        self.c = self.server.imap_raw(USER)
        self.ok("EXAMINE generated")

    def test_structures(self):
        self.check_structures(sorted(self.stored))

    def test_parts(self):
        self.check_parts(sorted(self.stored))

    def test_body_search_agrees_with_python(self):
        m = self.server.imap(USER)
        m.select("generated", readonly=True)
        texts = {name: text_of(self.parsed(name)).casefold() for name in self.stored}
        for needle in ["見積", "①②③", "行2", "café", "CRÈME", "hello", "nothing-like-this"]:
            with self.subTest(needle=needle):
                m.literal = needle.encode()
                typ, data = m.uid("SEARCH", "CHARSET", "UTF-8", "BODY")
                self.assertEqual(typ, "OK", m.transcript())
                want = sorted(self.uid[n] for n, t in texts.items() if needle.casefold() in t)
                self.assertEqual(sorted(int(x) for x in data[0].split()), want, needle)


class ImapMimeWorkerTest(ServerTestCase):
    """FETCH and SEARCH that read message files run on a worker, some messages at a time: answers
    stay complete and in order, pipelined commands wait their turn, a slow reader gets everything,
    and a client that leaves mid-FETCH harms nobody."""

    ACCOUNTS = {USER: PW}
    SMALL = 300
    BIG = 10

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.imap_raw(USER)
        for box in ("small", "big"):
            _, done = c.imap(f"CREATE {box}")
            assert b"OK" in done, c.transcript()

        def append(box, message):
            _, done = c.imap(f"APPEND {box} {{{len(message)}+}}\r\n".encode() + message)
            assert done.split(b" ")[1] == b"OK", c.transcript()

        cls.small = [crlf(f"Subject: {bword(f'会議 {i}')}\nContent-Type: text/plain; charset=ISO-2022-JP\n\n").encode()
                     + jis(f"①番 {i:04d} 号") + b"\r\n" for i in range(cls.SMALL)]
        for m in cls.small:
            append("small", m)
        cls.big = []
        for i in range(cls.BIG):
            line = (f"{i:02d} " + "x" * 74 + "\r\n").encode()
            body = line * (1024 * 1024 // len(line))
            cls.big.append(crlf(f"Subject: big {i}\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\n").encode()
                           + body + b"\r\n--b--\r\n")
            append("big", cls.big[-1])
        cls.server.close_clients()

    def test_many_messages_in_order(self):
        c = self.server.imap_raw(USER)
        c.imap("EXAMINE small")
        untagged, done = c.imap(f"FETCH 1:* (BODY.PEEK[1] BODYSTRUCTURE)")
        self.assertEqual(done.split(b" ")[1], b"OK", c.transcript())
        seqs = [int(imap_parse(line)[1]) for line in untagged if imap_fetch_items(line) is not None]
        self.assertEqual(seqs, list(range(1, self.SMALL + 1)), "FETCH responses out of order or missing")
        got = fetches(untagged)
        for i, m in enumerate(self.small):
            self.assertEqual(got[i + 1]["BODY[1]"], m.split(b"\r\n\r\n", 1)[1])
        untagged, _ = c.imap("SEARCH CHARSET UTF-8 BODY 0299")
        self.assertEqual(untagged, [f"* SEARCH {self.SMALL}".encode()], c.transcript())

    def test_pipelined_commands_wait_for_the_worker(self):
        c = self.server.imap_raw(USER)
        c.imap("SELECT small")
        needle = "①番 00".encode()
        c.send(b"a FETCH 1:* (BODY.PEEK[1])\r\nb SEARCH CHARSET UTF-8 BODY {%d+}\r\n%s\r\n"
               b"c FETCH 2 (FLAGS)\r\nd NOOP\r\n" % (len(needle), needle))
        order = []
        for tag in ("a", "b", "c", "d"):
            untagged, done = c.imap_until(tag)
            self.assertEqual(done.split(b" ")[1], b"OK", c.transcript())
            order.append((tag, len(untagged)))
            if tag == "b":
                hits = untagged[-1].split()[2:]
                self.assertEqual(len(hits), 100, c.transcript())  # ①番 0000 .. ①番 0099
        self.assertEqual(order[0], ("a", self.SMALL), c.transcript())

    def test_big_fetch_to_a_slow_reader(self):
        c = self.server.imap_raw(USER)
        c.imap("EXAMINE big")
        c.sendline("t FETCH 1:* (BODY.PEEK[1] RFC822.SIZE)")
        time.sleep(1.5)  # let the server fill the socket and wait for us
        untagged, done = c.imap_until("t")
        self.assertEqual(done.split(b" ")[1], b"OK")
        got = fetches(untagged)
        self.assertEqual(sorted(got), list(range(1, self.BIG + 1)))
        for i, m in enumerate(self.big):
            part = m.split(b"\r\n\r\n", 2)[2][: -len(b"\r\n--b--\r\n")]
            self.assertEqual(got[i + 1]["BODY[1]"], part, f"message {i + 1}")
            self.assertEqual(int(got[i + 1]["RFC822.SIZE"]), len(m))

    def test_client_leaving_mid_fetch(self):
        for _ in range(3):
            c = self.server.imap_raw(USER)
            c.imap("EXAMINE big")
            c.sendline("t FETCH 1:* BODY.PEEK[]")
            c.sendline("u SEARCH TEXT nothing-like-this")
            c.close()
        c = self.server.imap_raw(USER)
        c.imap("EXAMINE big")
        untagged, done = c.imap("SEARCH SUBJECT big")
        self.assertEqual(done.split(b" ")[1], b"OK", c.transcript())
        self.assertEqual(untagged, [b"* SEARCH " + b" ".join(str(i).encode() for i in range(1, self.BIG + 1))])
        self.assertTrue(self.server.running)


if __name__ == "__main__":
    unittest.main()
