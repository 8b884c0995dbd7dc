#!/usr/bin/env python3
"""The mail archive (送信メール保管 / メールアーカイブ, issue 15) of fumibakod from outside: mail
submitted with smtplib (smtps, and submission after STARTTLS, with AUTH; BDAT through a raw
client), received over MX, changed through imaplib, and the archive read back only through the
`fumibakoctl archive` command-line contract (search --json, show, export --eml/--mbox, usage,
received, sweep, user) — the way scripts outside the project use it.

Covered:
- kept vs not kept (the FAQ): submission on both ports kept as "sent"; MX mail kept as "received"
  only for a domain that keeps it (`archive received DOMAIN on|off`, off by default, any case, a
  domain not ours refused); archive.sent false keeps nothing sent; not kept: a forwarding rule's
  copies, auto-replies, bounces the server writes, an IMAP APPEND; expunging the mailbox copy
  changes nothing; a deleted account's mail stays; refused recipients are not listed; an alias and
  a group give one entry belonging to their accounts;
- dedup: one submission to 10 recipients is one entry listing the 10 and one stored content; the
  same bytes submitted twice (or sent and received) are two entries and one content;
- search in Japanese: 1-character words (株, 「株」, in the body, subject, names and attachment
  names), 2-character (請求, not found when 請 and 求 only occur apart), 3+-character (見積書),
  two words ANDed (also with the ideographic space), a phrase in order vs out of order, NEC
  characters ① and ㈱ in ISO-2022-JP, half-width kana both ways (ｶﾀｶﾅ = カタカナ, ﾃﾞｰﾀ = データ),
  full-width Latin and case both ways, Shift_JIS (also CP932 characters under that label),
  EUC-JP, UTF-8 base64 and quoted-printable (a soft break inside a character), RFC 2047 subjects
  (ISO-2022-JP, UTF-8, folded, mixed), raw UTF-8 subjects, display names, Cc and Bcc, an HTML body
  as text (entities decoded, attributes not text), attachment names (RFC 2231, RFC 2047, a
  Content-Type name), numbers with kanji, undecodable text still archived;
- filters: --since/--until around today (also on Japan time), --from (header and envelope),
  --to, --direction, --account, --attachments, --limit, --before, an empty query; newest first by
  date, also when a slow scan (a clamd stand-in) makes the first message commit last; the JSON
  fields of sent and received entries; plain output;
- hostile query text (", *, NEAR, OR, NOT, AND, -x, column:term, SQL, LIKE wildcards, bytes that
  are not UTF-8, 40 words, a long query): exit 0, valid output, the words taken as text;
- results always current (a search right after sending, again after another, and while five
  clients submit at once: no entry lost or listed twice);
- search users: a user limited to one account sees, shows and exports only its entries; an
  unlimited one sees all; reserved names (any case), a taken name, an unknown account, a short
  password and a wrong password refused; the password in no file of the data dir; searches
  audited in the log; a deleted user can no longer search;
- show / export byte-identical to the DATA sent (dot-unstuffed, no Received: field), mboxrd
  quoting of "From " lines, an unknown id refused with a message and a non-zero exit;
- storage: compressed, files 0600 and folders 0700, archived before the 250 (kill -9 right after);
- retention by age per direction, a content shared by a sent and a received entry kept to its
  last entry, with `archive sweep` under libfaketime (the CLI's clock is the system's; skipped
  without the faketime package);
- the capacity cap: `archive sweep` deletes the oldest first until the archive fits, and the
  administrator is warned (Japanese first) at 80 %, 90 % and 100 %.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_archive.py
"""

import base64
import datetime
import email
import email.policy
import email.utils
import json
import os
import re
import shutil
import smtplib
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

from fumibako_fixture import HOST, IMAP4_SSL, SOCKET_TIMEOUT, Server, fumibakoctl, wait_for
from peers import SmtpSink

PW = "archive secret 123"
DOMAIN = "example.test"
ALICE = "alice@example.test"
BOB = "bob@example.test"
CAROL = "carol@example.test"
DAVE = "dave@example.test"     # has an auto-reply
FRANK = "frank@example.test"   # forwards everything to FORWARD_TO, no copy kept
KANRI = "kanri@example.test"   # the administrator
GONE = "gone@example.test"     # deleted after sending
SALES = "sales@example.test"   # an alias of alice
TEAM = "team@example.test"     # a group: bob and carol
FORWARD_TO = "fwd-frank@other.test"
AUTOREPLY_SUBJECT_WORD = "不在通知"
SEARCH_PW = "Kensaku-pass-2026!x"
JSON_KEYS = ("id", "date", "direction", "from", "to", "subject", "sender", "recipients", "size",
             "attachments")


# ---- messages -----------------------------------------------------------------------------------

def tag(prefix="tk"):
    """A word found nowhere else: letters and digits only, so it is one search token."""
    return prefix + uuid.uuid4().hex[:12]


def crlf(text_or_bytes):
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def b_word(text, charset="UTF-8"):
    """One RFC 2047 B encoded word."""
    raw = iso2022jp_nec(text) if charset.upper() == "ISO-2022-JP" else text.encode(charset)
    return f"=?{charset}?B?{base64.b64encode(raw).decode()}?="


def build(subject, body, sender=ALICE, to="someone@other.test", from_field=None, to_field=None,
          content_type="text/plain; charset=UTF-8", cte="8bit", extra=()):
    """A message as bytes with CRLF line ends, a Date and a Message-ID (so submission adds
    nothing). subject: the field's text as it goes on the wire (ASCII or encoded words)."""
    headers = [f"From: {from_field or f'<{sender}>'}", f"To: {to_field or f'<{to}>'}",
               f"Subject: {subject}", f"Date: {email.utils.formatdate(localtime=True)}",
               f"Message-ID: <{uuid.uuid4().hex}@example.test>", "MIME-Version: 1.0"]
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    if cte:
        headers.append(f"Content-Transfer-Encoding: {cte}")
    headers += list(extra)
    return "\r\n".join(headers).encode("utf-8") + b"\r\n\r\n" + crlf(body)


def _sjis_to_jis(b1, b2):
    if b1 >= 0xE0:
        b1 -= 0x40
    row = (b1 - 0x81) * 2 + 0x21
    if b2 >= 0x9F:
        return row + 1, b2 - 0x9F + 0x21
    return row, b2 - 0x40 + 0x21 - (1 if b2 >= 0x80 else 0)


def iso2022jp_nec(text):
    """ISO-2022-JP as Japanese mailers write it: JIS X 0208 after ESC $ B, with the NEC special
    characters (row 13: ①, ㈱, ...) in it as CP932 has them. Python's iso2022_jp codec refuses
    those characters, so this goes through CP932."""
    out = bytearray()
    jis = False
    for ch in text:
        if ch in "\r\n" or ord(ch) < 0x80:
            if jis:
                out += b"\x1b(B"
                jis = False
            out += ch.encode("ascii")
            continue
        b = ch.encode("cp932")
        if len(b) != 2:
            raise ValueError(f"{ch!r} is not a double-byte character")
        if not jis:
            out += b"\x1b$B"
            jis = True
        out += bytes(_sjis_to_jis(b[0], b[1]))
    if jis:
        out += b"\x1b(B"
    return bytes(out)


def fullwidth(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def multipart_with_attachments(text, attachments):
    """(content type, body) of a multipart/mixed: the text, then (name header params, data)."""
    boundary = "b-" + uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n"
             f"Content-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"]
    for params, data in attachments:
        encoded = base64.encodebytes(data).decode().replace("\n", "\r\n")
        parts.append(f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
                     f"Content-Disposition: attachment; {params}\r\n"
                     f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}")
    body = "".join(parts) + f"--{boundary}--\r\n"
    return f'multipart/mixed; boundary="{boundary}"', body


def text_of(raw):
    """Every text part of a message, decoded, joined."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return "\n".join(part.get_content() for part in msg.walk()
                     if part.get_content_maintype() == "text")


def normalized(raw):
    """LF line ends and no trailing empty lines (mbox writers differ in both)."""
    return raw.replace(b"\r\n", b"\n").rstrip(b"\n")


# ---- the archive through fumibakoctl ------------------------------------------------------------

class ArchiveChecks:
    """Helpers over `fumibakoctl archive`, for a TestCase class with a `server`."""

    def run_ctl(self, *args, stdin=None, env=None, prefix=()):
        """fumibakoctl with bytes out (show prints the raw message); never raises on exit code.
        env: variables to add (TZ, say); prefix: a command to run it under (faketime)."""
        cmd = [*prefix, fumibakoctl(), "--data-dir", self.server.data_dir, *args]
        feed = {"input": stdin.encode()} if stdin is not None else {"stdin": subprocess.DEVNULL}
        return subprocess.run(cmd, capture_output=True, timeout=120,
                              env={**os.environ, **(env or {})}, **feed)

    def archive(self, *args, ok=True):
        """`archive ARGS` as text (stdout, stderr, code); asserts exit 0 when ok."""
        res = self.run_ctl("archive", *args)
        out, err = res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace")
        if ok:
            self.assertEqual(res.returncode, 0, f"archive {args!r} exited {res.returncode}\n"
                                                f"stdout: {out}\nstderr: {err}")
        return out, err, res.returncode

    def search(self, query, *options, user=None, password=None, limit=1000, env=None):
        """`archive search QUERY --json` rows (dicts), after checking exit 0 and each line."""
        args = ["search", query, "--json", "--limit", str(limit), *options]
        if user is not None:
            args += ["--user", user, "--password", password]
        res = self.run_ctl("archive", *args, env=env)
        out, err = res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace")
        self.assertEqual(res.returncode, 0, f"search {query!r} {options} exited {res.returncode}\n"
                                            f"stdout: {out}\nstderr: {err}")
        rows = []
        for line in out.splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                self.fail(f"search {query!r} {options}: not a JSON line: {line!r}")
            self.assertIsInstance(row, dict, line)
            missing = [k for k in JSON_KEYS if k not in row]
            self.assertEqual(missing, [], f"keys missing in {line}")
            rows.append(row)
        return rows

    def ids(self, query, *options, **kw):
        return [str(r["id"]) for r in self.search(query, *options, **kw)]

    def one(self, query, *options, **kw):
        """The one entry a search finds (fails unless exactly one)."""
        rows = self.search(query, *options, **kw)
        self.assertEqual(len(rows), 1, f"{query!r} {options}: {rows}")
        return rows[0]

    def show(self, entry_id):
        res = self.run_ctl("archive", "show", str(entry_id))
        self.assertEqual(res.returncode, 0, f"show {entry_id}: {res.stderr!r}")
        return res.stdout

    def usage(self):
        out, _err, _code = self.archive("usage", "--json")
        lines = [l for l in out.splitlines() if l.strip()]
        self.assertEqual(len(lines), 1, out)
        return json.loads(lines[0])

    def usage_value(self, usage, *names):
        """The first key of `usage` containing one of names (e.g. 'stored'), as an int."""
        for name in names:
            for key, value in usage.items():
                if name in key.lower().replace("_", "").replace("-", ""):
                    return int(value)
        self.fail(f"no {names} in usage {usage}")

    def submit(self, user, rcpts, message, listener="smtps"):
        self.server.submit(user, rcpts, message, password=PW, listener=listener)
        return message

    def assert_ids(self, query, want, not_want=(), *options):
        """Every id of `want` found by query, none of `not_want`."""
        found = set(self.ids(query, *options))
        for name, i in want:
            self.assertIn(i, found, f"{query!r} {options} should find {name} (#{i})")
        for name, i in not_want:
            self.assertNotIn(i, found, f"{query!r} {options} should not find {name} (#{i})")


def start_server(test_class, config=None, accounts=(), received_domains=(), admin=KANRI,
                 sinks=True):
    """An initialised, started server for test_class (cleaned up with the class), other.test
    routed to an accepting smtp-sink and refuse.test to one refusing every RCPT."""
    cls = test_class
    settings = {"auth.failure_delay_ms": 0, "queue.retry_min": 10}
    if sinks:
        cls.sink = SmtpSink().start()
        cls.addClassCleanup(cls.sink.cleanup)
        cls.refuser = SmtpSink(hard_reject=("RCPT",)).start()
        cls.addClassCleanup(cls.refuser.cleanup)
        settings["queue.transports"] = (f"other.test=[{HOST}]:{cls.sink.port},"
                                        f"refuse.test=[{HOST}]:{cls.refuser.port}")
    settings.update(config or {})
    s = cls.server = Server(DOMAIN)
    cls.addClassCleanup(s.cleanup)
    s.init()
    for key, value in settings.items():
        s.config_set(key, value)
    for address in accounts:
        s.add_account(address, PW, admin=address == admin)
    for domain in received_domains:
        s.ctl("archive", "received", domain, "on")
    return s


# ---- one server: received mail of example.test kept ----------------------------------------------

class ArchiveTest(ArchiveChecks, unittest.TestCase):
    CORPUS = {}   # name -> (message bytes, tag word in it)
    IDS = {}      # name -> entry id (str)

    @classmethod
    def setUpClass(cls):
        s = start_server(cls, accounts=(ALICE, BOB, CAROL, DAVE, FRANK, KANRI, GONE),
                         received_domains=(DOMAIN,))
        s.ctl("autoreply", "set", DAVE, "--subject", f"{AUTOREPLY_SUBJECT_WORD} {tag('ar')}",
              "--body-stdin", stdin="ただいま不在にしております。\n")
        s.ctl("forward", "set", FRANK, "--to", FORWARD_TO, "--no-copy")
        s.ctl("alias", "add", SALES, ALICE)
        s.ctl("group", "add", TEAM, BOB, CAROL)
        s.start()
        cls.send_corpus()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def tearDown(self):
        self.server.close_clients()

    # ---- the corpus the query tests search ------------------------------------------------------
    @classmethod
    def corpus(cls):
        """name -> message: each has its own tag word in the body (to find its id by)."""
        tags = {}

        def t(name):
            tags[name] = tag()
            return tags[name]

        self_fw, self_ascii = tag("fw"), tag("as")
        cls.FULLWIDTH_WORD, cls.ASCII_WORD = self_fw, self_ascii
        html_attr = tag("attr")
        cls.HTML_ATTR = html_attr
        pdf, xlsx = "仕様書ドラフト.pdf", "価格表.xlsx"
        att_type, att_body = multipart_with_attachments(
            f"資料を二点お送りします。\r\nref {t('attachment')}",
            [(f"filename*=UTF-8''{urllib.parse.quote(pdf)}", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
             (f'filename="{b_word(xlsx)}"', b"PK\x03\x04 not really a spreadsheet")])
        m = {
            "kabu": build("kabu", f"株の売買についてご相談があります。\nref {t('kabu')}"),
            "nokabu": build("nokabu", f"林業と森林の保全について。\nref {t('nokabu')}"),
            "seikyu": build("seikyu", f"今月分の請求書を送付いたします。\nref {t('seikyu')}",
                            from_field=f"{b_word('山田 太郎')} <{ALICE}>",
                            to_field=f"{b_word('佐藤 花子')} <hanako@other.test>"),
            "seikyu_apart": build("apart", f"請け負った業務の要求事項を確認しました。\n"
                                            f"見積もりの書類も同封します。\nref {t('seikyu_apart')}"),
            "mitsumori": build("mitsumori", f"見積書を添付します。\nref {t('mitsumori')}"),
            "furikomi": build("furikomi", f"請求金額を月末までにお振込みください。\n"
                                          f"ref {t('furikomi')}"),
            "phrase_in": build("phrase-in", f"次回の 定例 会議 について\n"
                                            f"the quarterly report is ready\nref {t('phrase_in')}"),
            "phrase_out": build("phrase-out", f"会議 の後で 定例 の件を話します\n"
                                              f"report for the quarterly meeting\n"
                                              f"ref {t('phrase_out')}"),
            "nec": build(b_word("①㈱フミバコ様 打合せ", "ISO-2022-JP"),
                         iso2022jp_nec(f"①会議室 ㈱フミバコ ②資料\nref {t('nec')}\n"),
                         content_type="text/plain; charset=ISO-2022-JP", cte="7bit"),
            "sjis": build("sjis", f"ｶﾀｶﾅ ﾃﾞｰﾀ の注文書です。\nref {t('sjis')}\n".encode("cp932"),
                          content_type="text/plain; charset=Shift_JIS"),
            "eucjp": build("eucjp", f"納品書の確認をお願いします。\nref {t('eucjp')}\n"
                           .encode("euc_jp"), content_type="text/plain; charset=EUC-JP"),
            "utf8_base64": build("b64", base64.encodebytes(
                f"契約更新のお知らせ\nref {t('utf8_base64')}\n".encode()).decode(), cte="base64"),
            "utf8_qp": build("qp", "".join(f"={b:02X}" for b in "稟議".encode())
                             + f"を回します\r\nref {t('utf8_qp')}", cte="quoted-printable"),
            "fullwidth": build("fw", f"{fullwidth(self_fw.upper())} のご案内\nref {t('fullwidth')}"),
            "ascii": build("ascii", f"{self_ascii} notice\nref {t('ascii')}"),
            "kana_full": build("kana", f"テスト送信です\nref {t('kana_full')}"),
            "subject_jis": build(b_word("議事録の件", "ISO-2022-JP"),
                                 f"本文には件名の語がありません\nref {t('subject_jis')}"),
            "subject_utf8": build(b_word("稼働報告") + " " + b_word("第三週"),
                                  f"本文のみ\nref {t('subject_utf8')}"),
            "html": build("html", f'<html><head><style>p {{ color: red }}</style></head><body>'
                                  f'<p class="{html_attr}">発注&#26360;を&amp;送ります</p>'
                                  f'<p>&lt;至急&gt; 確認</p><p>ref {t("html")}</p></body></html>',
                          content_type="text/html; charset=UTF-8"),
            "attachment": build("attachment", att_body, content_type=att_type, cte=None),
        }
        return {name: (m[name], tags[name]) for name in m}

    @classmethod
    def send_corpus(cls):
        cls.CORPUS = cls.corpus()
        for name, (message, _t) in cls.CORPUS.items():
            cls.server.submit(ALICE, [f"{name.replace('_', '-')}@other.test"], message,
                              password=PW)
        helper = cls("test_corpus_is_archived")
        for name, (message, t) in cls.CORPUS.items():
            rows = helper.search(t)
            if len(rows) != 1:
                raise AssertionError(f"corpus message {name}: its tag {t} finds {rows}")
            cls.IDS[name] = str(rows[0]["id"])

    def i(self, *names):
        return [(n, self.IDS[n]) for n in names]

    def test_corpus_is_archived(self):
        # Every corpus message is one entry (setUpClass checked), shown byte for byte.
        for name, (message, _t) in self.CORPUS.items():
            self.assertEqual(self.show(self.IDS[name]), message, name)

    # ---- query kinds ------------------------------------------------------------------------------
    def test_one_character_word(self):
        self.assert_ids("株", self.i("kabu"), self.i("nokabu", "seikyu", "mitsumori"))
        self.assert_ids("「株」", self.i("kabu"), self.i("nokabu"))
        self.assert_ids("林", self.i("nokabu"), self.i("kabu"))

    def test_two_character_word(self):
        self.assert_ids("請求", self.i("seikyu", "furikomi"), self.i("seikyu_apart", "kabu"))
        self.assert_ids("稟議", self.i("utf8_qp"), self.i("seikyu"))

    def test_three_or_more_characters(self):
        self.assert_ids("請求書", self.i("seikyu"), self.i("furikomi", "seikyu_apart"))
        self.assert_ids("見積書", self.i("mitsumori"), self.i("seikyu_apart"))
        self.assert_ids("お振込み", self.i("furikomi"), self.i("seikyu"))

    def test_words_are_anded(self):
        self.assert_ids("請求 振込", self.i("furikomi"), self.i("seikyu", "seikyu_apart"))
        # The ideographic space separates words too.
        self.assert_ids("請求\u3000振込", self.i("furikomi"), self.i("seikyu"))
        self.assert_ids("請求 存在しない語", (), self.i("seikyu", "furikomi"))

    def test_phrase_in_order(self):
        self.assert_ids("定例 会議", self.i("phrase_in", "phrase_out"))
        self.assert_ids('"定例 会議"', self.i("phrase_in"), self.i("phrase_out"))
        self.assert_ids("quarterly report", self.i("phrase_in", "phrase_out"))
        self.assert_ids('"quarterly report"', self.i("phrase_in"), self.i("phrase_out"))
        self.assert_ids('"report quarterly"', (), self.i("phrase_in", "phrase_out"))

    def test_iso2022jp_with_nec_characters(self):
        self.assert_ids("①", self.i("nec"), self.i("kabu", "nokabu"))
        self.assert_ids("㈱", self.i("nec"), self.i("nokabu", "seikyu"))
        self.assert_ids("フミバコ", self.i("nec"), self.i("kabu"))
        self.assert_ids("会議室", self.i("nec"), self.i("phrase_in"))
        row = self.search(self.CORPUS["nec"][1])[0]
        self.assertEqual(row["subject"], "①㈱フミバコ様 打合せ")

    def test_half_width_kana_folded(self):
        # Half-width in the (Shift_JIS) message, full-width in the query ...
        self.assert_ids("カタカナ", self.i("sjis"), self.i("kana_full"))
        self.assert_ids("データ", self.i("sjis"), self.i("kana_full"))
        self.assert_ids("注文書", self.i("sjis"))
        # ... and full-width in the message, half-width in the query.
        self.assert_ids("ﾃｽﾄ", self.i("kana_full"), self.i("sjis"))

    def test_full_width_latin_and_case_folded(self):
        self.assert_ids(self.FULLWIDTH_WORD, self.i("fullwidth"), self.i("ascii"))
        self.assert_ids(self.FULLWIDTH_WORD.upper(), self.i("fullwidth"), self.i("ascii"))
        self.assert_ids(fullwidth(self.ASCII_WORD.upper()), self.i("ascii"), self.i("fullwidth"))

    def test_charsets_and_transfer_encodings(self):
        self.assert_ids("納品書", self.i("eucjp"), self.i("sjis"))
        self.assert_ids("契約更新", self.i("utf8_base64"), self.i("eucjp"))
        self.assert_ids("稟議", self.i("utf8_qp"))

    def test_rfc2047_subjects(self):
        self.assert_ids("議事録", self.i("subject_jis"), self.i("subject_utf8"))
        self.assert_ids("稼働報告", self.i("subject_utf8"), self.i("subject_jis"))
        self.assert_ids("第三週", self.i("subject_utf8"))
        self.assertEqual(self.search(self.CORPUS["subject_jis"][1])[0]["subject"], "議事録の件")
        self.assertEqual(self.search(self.CORPUS["subject_utf8"][1])[0]["subject"], "稼働報告第三週")

    def test_folded_and_mixed_subjects(self):
        t = tag("fold")
        subject = f"Re: {b_word('見積')}\r\n {b_word('依頼の件')} ({t})"
        self.submit(ALICE, ["fold@other.test"], build(subject, f"本文 {t}"))
        row = self.one(t)
        self.assertEqual(row["subject"], f"Re: 見積依頼の件 ({t})")
        self.assertIn(str(row["id"]), self.ids("見積依頼"))

    def test_display_names_and_addresses(self):
        self.assert_ids("山田", self.i("seikyu"), self.i("furikomi"))
        self.assert_ids("佐藤 花子", self.i("seikyu"), self.i("furikomi"))
        self.assert_ids("hanako@other.test", self.i("seikyu"), self.i("furikomi"))
        row = self.search(self.CORPUS["seikyu"][1])[0]
        self.assertIn("山田", row["from"])
        self.assertIn("佐藤", row["to"])

    def test_html_body_as_text(self):
        self.assert_ids("発注書", self.i("html"), self.i("seikyu"))   # 書 was &#26360;
        self.assert_ids("至急", self.i("html"))
        self.assert_ids(self.HTML_ATTR, (), self.i("html"))            # an attribute is not text

    def test_attachment_names(self):
        self.assert_ids("仕様書ドラフト", self.i("attachment"), self.i("mitsumori"))
        self.assert_ids("価格表", self.i("attachment"))
        row = self.search(self.CORPUS["attachment"][1])[0]
        self.assertIs(row["attachments"], True)
        self.assertIs(self.search(self.CORPUS["kabu"][1])[0]["attachments"], False)

    # ---- hostile query text -----------------------------------------------------------------------
    def test_hostile_query_text(self):
        w = {k: tag(k) for k in ("a", "b", "c", "d", "e", "f")}
        # A word beginning with two letters no other word here begins with: a Latin word of three
        # letters or more also finds longer words (docs/archive.md), a two-letter one does not,
        # so "zq*" finds this only if * were a wildcard.
        w["pfx"] = "zq" + uuid.uuid4().hex[:10]
        sql = f"{w['a']}'; DROP TABLE entries; --"
        body = (f"{w['a']} OR {w['b']} NEAR({w['c']} {w['d']}) -{w['e']} *star \"quoted\"\n"
                f"{sql}\n50% off_sale back\\slash {w['pfx']}suffix\n")
        message = build("hostile", body)
        self.submit(ALICE, ["hostile@other.test"], message)
        h = self.one(w["a"])["id"]
        h = str(h)
        before = self.usage()

        def finds(query, expect):
            found = self.ids(query)
            if expect:
                self.assertIn(h, found, f"{query!r} should find the message")
            else:
                self.assertNotIn(h, found, f"{query!r} should not find the message")

        finds(f"{w['a']} OR {tag('missing')}", False)   # OR is a word, and the other is missing
        finds(f"{w['a']} OR {w['b']}", True)
        finds(f"{w['a']} -{w['b']}", True)               # not a negation
        finds(f"-{w['e']}", True)
        finds(f"NEAR({w['c']} {w['d']})", True)
        finds(f"NOT {w['a']}", False)                      # no "not" in the message
        finds(f"{w['a']} AND", False)                      # nor "and"
        finds(f"{w['a']}*", True)
        finds("zq*", False)                                # * is no wildcard
        finds(w["pfx"][:-3], True)                         # (the prefix of a Latin word finds it)
        finds(f"body:{w['a']}", False)                     # no column filter either
        finds(f"subject:{w['a']}", False)
        finds(f'"{w["a"]}', True)                          # an unbalanced quote runs to the end
        finds(sql, True)
        for query in ('"', '""', "*", "(", ")", ")(", "^", ":", "'", "%", "_", "\\", "'; DROP TABLE entries; --",
                      "NEAR", "OR", "AND NOT", "-", "*:*", "\u3000", " ", "あ" * 5000,
                      "😀", "\u200b"):
            rows = self.search(query)   # exit 0 and JSON lines, checked there
            for row in rows[:5]:
                # Whatever it finds must contain what was asked for (a match-all is no answer).
                word = query.strip().strip('"').lower()
                if word and word.isalnum():
                    self.assertIn(word.encode(), self.show(row["id"]).lower(), f"{query!r} found {row}")
        # More than 32 different words: refused with a clear message, not cut short.
        res = self.server.ctl("archive", "search", " ".join(tag(str(i)) for i in range(40)), "--json",
                              check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("too many words", res.stderr)
        self.assertEqual(res.stdout, "")
        # Many words, few of them different: whatever is found holds every one of them (the last
        # one is in no message).
        many = [w["a"], w["b"], "OR", "NEAR", "DROP", "TABLE", "entries", "star"] * 5 + [tag("last")]
        for row in self.search(" ".join(many)):
            self.fail(f"{len(many)} words, the last in no message, found #{row['id']} {row['subject']!r}")
        # Bytes that are not UTF-8 at all.
        res = self.run_ctl("archive", "search", b"\xff\xfe\x80" + w["a"].encode(), "--json")
        self.assertEqual(res.returncode, 0, res.stderr)
        # LIKE wildcards in the filters are text too.
        self.assertEqual(self.search("", "--from", "%"), [])
        self.assertEqual(self.search("", "--to", "_"), [])
        self.assertEqual(self.search("", "--from", "%@%"), [])
        # Nothing was dropped: the message and the counts are all still there.
        self.assertEqual(self.ids(w["a"]), [h])
        self.assertEqual(self.show(h), message)
        after = self.usage()
        self.assertEqual(self.usage_value(after, "entries"), self.usage_value(before, "entries"))

    def test_malformed_dates_are_refused(self):
        for bad in ("2026-13-45", "yesterday", "'; DROP TABLE x; --"):
            out, err, code = self.archive("search", "", "--json", "--since", bad, ok=False)
            self.assertNotEqual(code, 0, f"--since {bad!r} accepted: {out}")
            self.assertTrue(err.strip(), f"--since {bad!r}: no message")
        self.assertTrue(self.search(self.CORPUS["kabu"][1]))  # and the archive still answers

    # ---- filters, order, fields -------------------------------------------------------------------
    def test_filters_order_and_fields(self):
        t = tag("flt")
        m1 = build(f"first {t}", f"一通目 {t}", sender=ALICE, to="x1@other.test")
        ct, body = multipart_with_attachments(f"二通目 {t}", [('filename="a.bin"', b"\x00\x01")])
        m2 = build(f"second {t}", body, sender=BOB, to="x2@other.test", content_type=ct, cte=None)
        m3 = build(f"third {t}", f"三通目 {t}", sender="ext@other.test", to=CAROL)
        self.submit(ALICE, ["x1@other.test"], m1)
        time.sleep(1.1)
        self.submit(BOB, ["x2@other.test"], m2, listener="submission")
        time.sleep(1.1)
        self.server.deliver(CAROL, m3, sender="ext@other.test")
        rows = self.search(t)
        self.assertEqual([r["subject"] for r in rows], [f"third {t}", f"second {t}", f"first {t}"])
        id3, id2, id1 = (str(r["id"]) for r in rows)
        dates = [self.parse_date(r["date"]) for r in rows]
        self.assertEqual(dates, sorted(dates, reverse=True))
        now = datetime.datetime.now(datetime.timezone.utc)
        for d in dates:
            self.assertLess(abs((now - d).total_seconds()), 600, f"{d} is not about now ({now})")

        r3, r2, r1 = rows
        self.assertEqual((r1["direction"], r1["sender"], r1["recipients"]), ("sent", ALICE, ["x1@other.test"]))
        self.assertEqual((r2["direction"], r2["sender"], r2["recipients"]), ("sent", BOB, ["x2@other.test"]))
        self.assertEqual((r3["direction"], r3["sender"], r3["recipients"]),
                         ("received", "ext@other.test", [CAROL]))
        self.assertIn(ALICE, r1["from"])
        self.assertIn("x1@other.test", r1["to"])
        self.assertEqual([r1["size"], r2["size"], r3["size"]], [len(m1), len(m2), len(m3)])
        self.assertEqual([r1["attachments"], r2["attachments"], r3["attachments"]], [False, True, False])

        def got(*options):
            return [str(r["id"]) for r in self.search(t, *options)]

        self.assertEqual(got("--from", ALICE), [id1])
        self.assertEqual(got("--from", ALICE.upper()), [id1])
        self.assertEqual(got("--from", "ext@other.test"), [id3])
        self.assertEqual(got("--to", "x2@other.test"), [id2])
        self.assertEqual(got("--to", CAROL), [id3])
        self.assertEqual(got("--direction", "sent"), [id2, id1])
        self.assertEqual(got("--direction", "received"), [id3])
        self.assertEqual(got("--attachments"), [id2])
        self.assertEqual(got("--account", BOB), [id2])
        self.assertEqual(got("--account", CAROL), [id3])
        self.assertEqual(got("--account", ALICE, "--direction", "received"), [])
        self.assertEqual([str(r["id"]) for r in self.search(t, limit=2)], [id3, id2])
        # Dates around today (the server's local day, as the console shows them).
        day = datetime.timedelta(days=1)
        today = datetime.date.today()
        self.assertEqual(got("--since", str(today)), [id3, id2, id1])
        self.assertEqual(got("--until", str(today)), [id3, id2, id1])   # --until includes its day
        self.assertEqual(got("--since", str(today - day), "--until", str(today + day)), [id3, id2, id1])
        self.assertEqual(got("--since", str(today + day)), [])
        self.assertEqual(got("--until", str(today - day)), [])
        self.assertEqual(got("--since", str(today - 30 * day), "--until", str(today - 2 * day)), [])
        # An empty query lists everything the filters let through.
        every_bob = [str(r["id"]) for r in self.search("", "--account", BOB)]
        self.assertIn(id2, every_bob)
        self.assertNotIn(id1, every_bob)
        self.assertNotIn(id3, every_bob)
        self.assertIn(id1, [str(r["id"]) for r in self.search("", "--from", ALICE)])
        self.assertIn(id3, [str(r["id"]) for r in self.search("", "--direction", "received")])

    @staticmethod
    def parse_date(text):
        d = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if d.tzinfo is None:   # local time without an offset
            d = d.astimezone()
        return d.astimezone(datetime.timezone.utc)

    def test_dates_in_japan_time(self):
        # A server in Japan runs on JST: its days start 9 hours before UTC's, and --since/--until
        # name its days, as the dates it prints do.
        t = tag("jst")
        self.submit(ALICE, ["jst@other.test"], build("jst", f"日本時間 {t}"))
        jst = {"TZ": "Asia/Tokyo"}
        row = self.search(t, env=jst)[0]
        self.assertTrue(row["date"].endswith("+09:00"), row["date"])
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date()
        day = datetime.timedelta(days=1)
        self.assertEqual(len(self.search(t, "--since", str(today), "--until", str(today), env=jst)), 1)
        self.assertEqual(self.search(t, "--since", str(today + day), env=jst), [])
        self.assertEqual(self.search(t, "--until", str(today - day), env=jst), [])

    def test_fields_cannot_forge_lines_or_reach_the_terminal(self):
        # What a sender writes in the subject and names comes out one line per entry, with no
        # control character a terminal would obey (ESC sequences set titles, write the clipboard).
        t = tag("inj")
        evil = "innocent\r\n99999\t2026-01-01T00:00:00Z\tsent\tforged\x00nul\x1b]0;title\x07\x1b[31mred\x7f"
        name = b_word("Evil\r\nName\x1b[2J")
        message = build(b_word(evil), f"本文 {t}", from_field=f"{name} <{ALICE}>")
        self.submit(ALICE, ["inj@other.test"], message)
        row = self.one(t)   # one JSON line, parsed
        self.assertIn("innocent", row["subject"])
        res = self.run_ctl("archive", "search", t)
        self.assertEqual(res.returncode, 0)
        lines = res.stdout.split(b"\n")
        self.assertEqual(lines[-1], b"")
        self.assertEqual(len(lines), 2, f"one entry printed as {len(lines) - 1} lines: {res.stdout!r}")
        fields = lines[0].split(b"\t")
        self.assertEqual(len(fields), 6, fields)
        bad = sorted({c for c in lines[0] if (c < 0x20 and c != 0x09) or c == 0x7f})
        self.assertEqual(bad, [], f"control characters in the plain output: {lines[0]!r}")

    def test_results_are_always_current(self):
        t = tag("now")
        self.assertEqual(self.search(t), [])
        self.submit(ALICE, ["now@other.test"], build("now 1", f"いま {t}"))
        self.assertEqual(len(self.search(t)), 1)     # at once, no waiting
        self.submit(BOB, ["now@other.test"], build("now 2", f"また {t}"))
        self.assertEqual([r["subject"] for r in self.search(t)], ["now 2", "now 1"])

    # ---- kept and not kept ------------------------------------------------------------------------
    def test_submission_on_both_ports_is_kept_as_sent(self):
        t = tag("ports")
        for listener in ("smtps", "submission"):
            self.submit(CAROL, ["ports@other.test"], build(listener, f"{listener} {t}", sender=CAROL),
                        listener=listener)
        rows = self.search(t)
        self.assertEqual(sorted(r["subject"] for r in rows), ["smtps", "submission"])
        for r in rows:
            self.assertEqual((r["direction"], r["sender"]), ("sent", CAROL))

    def test_mail_between_our_own_accounts_is_one_sent_entry(self):
        # Submitted to a local account of a domain that keeps received mail: sent once, not
        # "received" a second time on its way into the mailbox.
        t = tag("internal")
        message = build("internal", f"社内 {t}", to=BOB)
        self.submit(ALICE, [BOB], message)
        wait_for("the message in bob's mailbox",
                 lambda: [m for m in self.server.messages(BOB, PW) if t.encode() in m])
        rows = self.search(t)
        self.assertEqual([(r["direction"], r["sender"], r["recipients"]) for r in rows],
                         [("sent", ALICE, [BOB])])

    def test_mx_mail_kept_once_for_all_its_local_recipients(self):
        t = tag("mx")
        message = build("mx", f"受信 {t}", sender="partner@other.test", to=ALICE,
                        extra=[f"Cc: <{BOB}>"])
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("mx.other.test")
            self.assertEqual(s.sendmail("partner@other.test", [ALICE, BOB], message), {})
        row = self.one(t)
        self.assertEqual(row["direction"], "received")
        self.assertEqual(row["sender"], "partner@other.test")
        self.assertEqual(sorted(row["recipients"]), [ALICE, BOB])
        self.assertEqual(self.show(row["id"]), message)   # without our Received: field
        for account in (ALICE, BOB):
            self.assertEqual(self.ids(t, "--account", account), [str(row["id"])])
        self.assertEqual(self.ids(t, "--account", CAROL), [])

    def test_forwarded_copies_are_not_kept(self):
        t = tag("fwd")
        message = build("to frank", f"転送されます {t}", sender="partner@other.test", to=FRANK)
        self.server.deliver(FRANK, message, sender="partner@other.test")
        wait_for("the forwarded copy at the sink",
                 lambda: [m for m in self.sink.messages()
                          if FORWARD_TO in m.rcpt_to and t.encode() in m.data])
        wait_for("an empty queue", lambda: self.server.ctl("queue", "list").stdout.strip() == "")
        rows = self.search(t)
        self.assertEqual([(r["direction"], r["sender"]) for r in rows], [("received", "partner@other.test")],
                         rows)
        self.assertEqual(self.search("", "--account", FRANK, "--direction", "sent"), [])
        self.assertEqual(self.search("", "--to", FORWARD_TO), [])

    def test_auto_replies_are_not_kept(self):
        t = tag("ar")
        sender = f"{tag('asker')}@other.test"
        self.server.deliver(DAVE, build("question", f"質問です {t}", sender=sender, to=DAVE),
                            sender=sender)
        wait_for("the auto-reply at the sink",
                 lambda: [m for m in self.sink.messages() if sender in m.rcpt_to])
        wait_for("an empty queue", lambda: self.server.ctl("queue", "list").stdout.strip() == "")
        self.assertEqual([r["direction"] for r in self.search(t)], ["received"])
        self.assertEqual(self.search(AUTOREPLY_SUBJECT_WORD), [])
        self.assertEqual(self.search("", "--to", sender, "--direction", "sent"), [])
        self.assertEqual(self.search("", "--account", DAVE, "--direction", "sent"), [])
        self.assertEqual(self.search("", "--from", DAVE), [])

    def test_bounces_are_not_kept(self):
        t = tag("bounce")
        self.submit(ALICE, ["nobody@refuse.test"], build(f"refused {t}", f"届きません {t}",
                                                          to="nobody@refuse.test"))
        wait_for("the bounce in alice's mailbox",
                 lambda: [m for m in self.server.messages(ALICE, PW)
                          if b"multipart/report" in m and t.encode() in m])
        rows = self.search(t)
        self.assertEqual([(r["direction"], r["sender"]) for r in rows], [("sent", ALICE)], rows)
        self.assertEqual(self.search(t, "--account", ALICE, "--direction", "received"), [])
        self.assertEqual(self.search("", "--from", "MAILER-DAEMON"), [])

    def test_imap_changes_neither_add_nor_remove(self):
        t_in, t_sent = tag("imapin"), tag("imapsent")
        received = build("for imap", f"削除します {t_in}", sender="partner@other.test", to=CAROL)
        self.server.deliver(CAROL, received, sender="partner@other.test")
        row = self.one(t_in)
        imap = IMAP4_SSL(HOST, self.server.ports["imaps"], ssl_context=self.server.tls_context(),
                         timeout=SOCKET_TIMEOUT)
        self.server.clients.append(imap)
        imap.login(CAROL, PW)
        imap.select("INBOX")
        typ, data = imap.search(None, "BODY", t_in)
        self.assertEqual(typ, "OK")
        numbers = data[0].split()
        self.assertEqual(len(numbers), 1, imap.transcript())
        imap.store(numbers[0], "+FLAGS", "(\\Deleted)")
        imap.expunge()
        self.assertEqual(imap.search(None, "BODY", t_in)[1][0].split(), [])
        # What a user does to the mailbox leaves the archive as it was.
        self.assertEqual(self.one(t_in)["id"], row["id"])
        self.assertEqual(self.show(row["id"]), received)
        # A copy saved into a folder by the client is not a submission.
        imap.create("Sent")
        typ, _ = imap.append("Sent", None, None, build("saved", f"保存のみ {t_sent}", sender=CAROL))
        self.assertEqual(typ, "OK", imap.transcript())
        self.assertEqual(self.search(t_sent), [])
        imap.logout()

    def test_mail_of_a_deleted_account_stays(self):
        t = tag("gone")
        message = self.submit(GONE, ["gone@other.test"], build("gone", f"退職者の送信 {t}", sender=GONE))
        self.server.ctl("account", "del", GONE)
        self.assertNotIn(GONE, self.server.accounts())
        row = self.one(t)
        self.assertEqual((row["direction"], row["sender"]), ("sent", GONE))
        self.assertEqual(self.ids(t, "--account", GONE), [str(row["id"])])
        self.assertEqual(self.show(row["id"]), message)

    def test_sweep_keeps_recent_mail(self):
        t = tag("sweep")
        self.submit(ALICE, ["sweep@other.test"], build("sweep", f"掃除 {t}"))
        before = self.usage()
        self.archive("sweep")
        after = self.usage()
        self.assertEqual(self.usage_value(after, "entries"), self.usage_value(before, "entries"))
        self.assertEqual(len(self.search(t)), 1)

    def test_plain_output(self):
        t = tag("plain")
        self.submit(ALICE, ["plain@other.test"], build(f"plain {t}", f"表示 {t}"))
        out, _err, _code = self.archive("search", t)
        self.assertIn(f"plain {t}", out)
        self.assertIn(ALICE, out)
        out, _err, _code = self.archive("usage")
        self.assertTrue(out.strip())
        out, _err, _code = self.archive("search", tag("none"))
        self.assertNotIn(t, out)

    def test_storage_is_compressed_and_private(self):
        t = tag("zip")
        message = build("compressible", f"圧縮 {t}\n" + "同じ行の繰り返しです。\n" * 8000)
        before = self.usage()
        self.submit(ALICE, ["zip@other.test"], message)
        self.one(t)
        grown = self.usage_value(self.usage(), "stored") - self.usage_value(before, "stored")
        self.assertGreater(len(message), 200000)
        self.assertLess(grown, len(message) // 10, f"{len(message)} bytes stored as {grown}")
        root = os.path.join(self.server.data_dir, "archive")
        self.assertTrue(os.path.isdir(root))
        for path, dirs, files in os.walk(root):
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o700, path)
            for name in files:
                full = os.path.join(path, name)
                self.assertEqual(os.stat(full).st_mode & 0o777, 0o600, full)

    def test_from_filter_matches_the_header_and_the_envelope(self):
        t = tag("hdr")
        message = build("list mail", f"一斉配信 {t}", from_field=f"{b_word('山本')} <yamamoto@other.test>",
                        to=CAROL)
        self.server.deliver(CAROL, message, sender="bounces+x@lists.other.test")
        i = str(self.one(t)["id"])
        self.assertEqual(self.ids(t, "--from", "yamamoto@other.test"), [i])
        self.assertEqual(self.ids(t, "--from", "bounces+x@lists.other.test"), [i])
        self.assertEqual(self.ids(t, "--from", "someone-else@other.test"), [])

    # ---- dedup -------------------------------------------------------------------------------------
    def test_one_message_to_ten_recipients_is_one_entry(self):
        t = tag("ten")
        rcpts = [f"r{i}-{t}@other.test" for i in range(10)]
        message = build("ten", f"十名に送ります {t}", to_field=", ".join(f"<{r}>" for r in rcpts))
        before = self.usage()
        self.submit(ALICE, rcpts, message)
        row = self.one(t)
        self.assertEqual(sorted(row["recipients"]), sorted(rcpts))
        after = self.usage()
        self.assertEqual(self.usage_value(after, "entries") - self.usage_value(before, "entries"), 1)
        self.assertEqual(self.usage_value(after, "messages") - self.usage_value(before, "messages"), 1)
        for r in rcpts:
            self.assertEqual(self.ids(t, "--to", r), [str(row["id"])])
        self.assertEqual(self.show(row["id"]), message)

    def test_same_bytes_twice_are_two_entries_and_one_content(self):
        t = tag("twice")
        # Big enough that a second stored copy would show in the stored bytes.
        filler = base64.encodebytes(os.urandom(60000)).decode()
        message = build("twice", f"同じ内容 {t}\n{filler}")
        before = self.usage()
        self.submit(ALICE, ["twice@other.test"], message)
        middle = self.usage()
        self.submit(ALICE, ["twice@other.test"], message, listener="submission")
        after = self.usage()
        rows = self.search(t)
        self.assertEqual(len(rows), 2, rows)
        self.assertNotEqual(rows[0]["id"], rows[1]["id"])
        for r in rows:
            self.assertEqual(self.show(r["id"]), message)
        self.assertEqual(self.usage_value(after, "entries") - self.usage_value(before, "entries"), 2)
        self.assertEqual(self.usage_value(after, "messages") - self.usage_value(before, "messages"), 1)
        stored = [self.usage_value(u, "stored") for u in (before, middle, after)]
        self.assertGreater(stored[1] - stored[0], 40000, stored)   # compressed, yet random
        self.assertEqual(stored[2], stored[1], stored)

    # ---- show and export ---------------------------------------------------------------------------
    def test_show_is_byte_identical_to_what_was_sent(self):
        t = tag("raw")
        body = (f"行頭のドット:\r\n.one dot\r\n..two dots\r\n.\r\ntrailing spaces   \r\n"
                f"\ttab line\r\n{'x' * 900}\r\nFrom the start of a line\r\n{t}\r\n")
        message = build("raw", body, to="raw@other.test")
        self.submit(ALICE, ["raw@other.test"], message, listener="submission")
        row = self.one(t)
        self.assertEqual(self.show(row["id"]), message)
        self.assertEqual(row["size"], len(message))

    def test_show_of_an_unknown_id_fails_clearly(self):
        for bad in ("999999999", "0", "-1", "abc", "1; DROP TABLE entries"):
            res = self.run_ctl("archive", "show", bad)
            self.assertNotEqual(res.returncode, 0, f"show {bad!r}")
            self.assertEqual(res.stdout, b"", f"show {bad!r} printed {res.stdout[:200]!r}")
            err = res.stderr.decode("utf-8", "replace")
            self.assertTrue(err.strip(), f"show {bad!r}: no message")
        err = self.run_ctl("archive", "show", "999999999").stderr.decode("utf-8", "replace")
        self.assertRegex(err, r"(?i)999999999|not found|no such|unknown|見つかりません|ありません", err)
        tmp = tempfile.mkdtemp(prefix="fumibako-eml-")
        self.addCleanup(shutil.rmtree, tmp, True)
        res = self.run_ctl("archive", "export", "999999999", "--eml", os.path.join(tmp, "out"))
        self.assertNotEqual(res.returncode, 0)
        res = self.run_ctl("archive", "export", "999999999", "--mbox", os.path.join(tmp, "x.mbox"))
        self.assertNotEqual(res.returncode, 0)

    def test_export_eml_byte_identical(self):
        t = tag("eml")
        messages = [build(f"eml {i}", f"書き出し {i} {t}\r\n.dot\r\nFrom me\r\n") for i in range(2)]
        for m in messages:
            self.submit(ALICE, ["eml@other.test"], m)
        rows = self.search(t)
        self.assertEqual(len(rows), 2)
        directory = os.path.join(tempfile.mkdtemp(prefix="fumibako-eml-"), "out")
        self.addCleanup(shutil.rmtree, os.path.dirname(directory), True)
        self.archive("export", *[str(r["id"]) for r in rows], "--eml", directory)
        self.assertEqual(sorted(os.listdir(directory)), sorted(f"{r['id']}.eml" for r in rows))
        for r in rows:
            with open(os.path.join(directory, f"{r['id']}.eml"), "rb") as f:
                data = f.read()
            self.assertEqual(data, self.show(r["id"]))
            self.assertIn(data, messages)
        self.assertIn(f"archive export of 2 messages as .eml files to {directory}",
                      self.server.ctl("log").stdout)   # audited

    def test_export_mbox_quotes_from_lines(self):
        t = tag("mbox")
        quoted_body = ("本文の途中に From 行があります\r\nFrom the desk of Taro\r\n>From quoted once\r\n"
                       ">>From quoted twice\r\nFromage is not a From line\r\nfrom lower case\r\n"
                       f"{t}\r\n")
        m1 = build("mbox 1", quoted_body, to="mbox@other.test")
        m2 = build("mbox 2", f"二通目 {t}\r\n", sender=BOB, to="mbox@other.test")
        self.submit(ALICE, ["mbox@other.test"], m1)
        self.submit(BOB, ["mbox@other.test"], m2)
        rows = self.search(t)
        self.assertEqual(len(rows), 2)
        tmp = tempfile.mkdtemp(prefix="fumibako-mbox-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "export.mbox")
        self.archive("export", *[str(r["id"]) for r in rows], "--mbox", path)
        with open(path, "rb") as f:
            mbox = f.read()
        lines = mbox.replace(b"\r\n", b"\n").split(b"\n")
        self.assertTrue(lines[0].startswith(b"From "), lines[0])
        separators = [l for l in lines if l.startswith(b"From ")]
        self.assertEqual(len(separators), 2, separators)
        self.assertEqual(sorted(s.split()[1] for s in separators), sorted([ALICE.encode(), BOB.encode()]))
        for s in separators:   # From sender date (asctime: "Mon Dec  7 20:30:00 2026")
            self.assertRegex(s.decode(), r"^From \S+ +\S.*\d{4}\s*$")
        self.assertIn(b">From the desk of Taro", lines)
        self.assertIn(b">>From quoted once", lines)
        self.assertIn(b">>>From quoted twice", lines)
        self.assertIn(b"Fromage is not a From line", lines)
        self.assertIn(b"from lower case", lines)
        self.assertIn("本文の途中に From 行があります".encode(), lines)
        # Undoing the quoting gives back each message as sent.
        found = []
        current = None
        for line in lines:
            if line.startswith(b"From "):
                current = []
                found.append(current)
                continue
            self.assertIsNotNone(current, "text before the first From line")
            current.append(line[1:] if re.match(rb"^>+From ", line) else line)
        got = sorted(normalized(b"\n".join(msg)) for msg in found)
        self.assertEqual(got, sorted(normalized(m) for m in (m1, m2)))

    # ---- more of what is searched -------------------------------------------------------------------
    def test_one_character_outside_the_body(self):
        t = tag("onech")
        ct, body = multipart_with_attachments(f"本文 {t}", [(f'filename="{b_word("鰯.txt")}"', b"x")])
        message = build(b_word("凪の日"), body, content_type=ct, cte=None,
                        from_field=f"{b_word('榊')} <{ALICE}>", to_field=f"{b_word('楓')} <k@other.test>")
        self.submit(ALICE, ["k@other.test"], message)
        i = str(self.one(t)["id"])
        for word, where in (("凪", "the subject"), ("榊", "the From name"), ("楓", "the To name"),
                            ("鰯", "an attachment name")):
            self.assertIn(i, self.ids(word), f"{word} in {where}")

    def test_characters_beyond_the_basic_plane(self):
        # 𠮷 (U+20BB7) is in many family names; emoji are in subjects: two UTF-16 units each.
        t = tag("astral")
        self.submit(ALICE, ["a@other.test"], build(b_word("🎉祝賀会のご案内"), f"𠮷野様 {t}"))
        i = str(self.one(t)["id"])
        for query in ("𠮷", "𠮷野", "𠮷野様", "🎉", "🎉祝賀会", "祝賀会"):
            self.assertIn(i, self.ids(query), query)
        self.assertEqual(self.one(t)["subject"], "🎉祝賀会のご案内")

    def test_numbers_and_kanji_mixed(self):
        t = tag("date")
        self.submit(ALICE, ["d@other.test"], build("dates", f"締切は2026年12月7日です {t}"))
        i = str(self.one(t)["id"])
        for query in ("12月", "2026年12月", "12月7日", "2026年", "締切"):
            self.assertIn(i, self.ids(query), query)
        self.assertNotIn(i, self.ids(f"{t} 11月"))

    def test_shift_jis_label_with_windows_characters(self):
        # Windows mailers label CP932 text "Shift_JIS"; WHATWG's Shift_JIS decoder, which every
        # browser and most mail clients use, is CP932, NEC characters included.
        t = tag("cp932")
        message = build("cp932", f"①番の件 ㈱ミナト商事 ｶﾌﾞｼｷｶﾞｲｼｬ\n{t}\n".encode("cp932"),
                        content_type="text/plain; charset=Shift_JIS")
        self.submit(ALICE, ["c@other.test"], message)
        i = str(self.one(t)["id"])
        self.assertIn(i, self.ids("ミナト商事"))
        self.assertIn(i, self.ids("㈱"))
        self.assertIn(i, self.ids("カブシキガイシャ"))

    def test_japanese_mailer_attachment_names_and_split_quoted_printable(self):
        # Becky!/old Outlook style: the name only in Content-Type's name, an ISO-2022-JP encoded word;
        # and a quoted-printable body whose soft line break falls inside a character.
        t = tag("jpmailer")
        boundary = "b-" + t
        qp = "".join(f"={b:02X}" for b in "お見積依頼書".encode())
        qp = qp[:21] + "=\r\n" + qp[21:]   # after 7 of the bytes: inside 積
        body = (f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{qp}=\r\n {t}\r\n"
                f"--{boundary}\r\nContent-Type: application/octet-stream;\r\n"
                f" name=\"{b_word('御請求明細.xls', 'ISO-2022-JP')}\"\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--{boundary}--\r\n")
        message = build("jp mailer", body, content_type=f'multipart/mixed; boundary="{boundary}"', cte=None)
        self.submit(ALICE, ["jp@other.test"], message)
        row = self.one(t)
        self.assertIn(str(row["id"]), self.ids("お見積依頼書"))
        self.assertIn(str(row["id"]), self.ids("御請求明細"))
        self.assertIs(row["attachments"], True)

    def test_raw_utf8_subject(self):
        t = tag("raw8")
        self.submit(ALICE, ["u@other.test"], build(f"生のUTF-8件名 {t}", f"本文 {t}"))
        row = self.one(t)
        self.assertEqual(row["subject"], f"生のUTF-8件名 {t}")
        self.assertIn(str(row["id"]), self.ids("件名"))

    def test_cc_names_and_bcc(self):
        t = tag("cc")
        cc, bcc = f"cc-{t}@other.test", f"bcc-{t}@other.test"
        message = build("cc", f"写し {t}", to="main@other.test",
                        extra=[f"Cc: {b_word('鈴木 一郎')} <{cc}>"])
        self.submit(ALICE, ["main@other.test", cc, bcc], message)
        i = str(self.one(t)["id"])
        self.assertIn(i, self.ids("鈴木"))
        self.assertEqual(self.ids(t, "--to", cc), [i])    # Cc
        self.assertEqual(self.ids(t, "--to", bcc), [i])   # envelope only
        self.assertNotIn(bcc, self.show(i).decode())      # (and nothing was added)

    def test_undecodable_text_is_still_archived_as_sent(self):
        t = tag("bad")
        broken = {
            "invalid utf-8": build("bad utf8", b"caf\xc3 \xff\xfe " + t.encode() + b"\r\n"),
            "unknown charset": build("bad charset", f"未知 {t}\r\n",
                                     content_type="text/plain; charset=x-no-such-charset"),
            "broken base64": build("bad b64", f"!!!! {t} ====\r\n", cte="base64"),
            "broken multipart": build("bad mp", f"no boundary at all {t}\r\n",
                                      content_type='multipart/mixed; boundary="missing"', cte=None),
            "bad encoded word": build("=?UTF-8?B?!!!?= =?x-none?Q?abc?=", f"語 {t}\r\n"),
        }
        for name, message in broken.items():
            self.submit(ALICE, ["bad@other.test"], message)
        rows = self.search("", "--to", "bad@other.test")
        self.assertEqual(len(rows), len(broken), rows)
        for row in rows:
            self.assertIn(self.show(row["id"]), broken.values())
        # The text that could be read is searchable (the tag is ASCII in each but the base64 one).
        self.assertGreaterEqual(len(self.search(t)), 3)

    # ---- envelopes ---------------------------------------------------------------------------------
    def test_refused_recipients_are_not_listed(self):
        t = tag("ref")
        message = build("partly", f"一部拒否 {t}", sender="p@other.test", to=ALICE)
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("mx.other.test")
            refused = s.sendmail("p@other.test", [ALICE, "nobody@example.test"], message)
        self.assertIn("nobody@example.test", refused)
        self.assertEqual(self.one(t)["recipients"], [ALICE])

    def test_two_transactions_in_one_session(self):
        t = tag("sess")
        m1 = build("first", f"一通目 {t}", to="a1@other.test")
        m2 = build("second", f"二通目 {t}", to="b1@other.test")
        with smtplib.SMTP_SSL(HOST, self.server.ports["smtps"], timeout=SOCKET_TIMEOUT,
                              context=self.server.tls_context()) as s:
            s.login(ALICE, PW)
            self.assertEqual(s.sendmail(ALICE, ["a1@other.test", "a2@other.test"], m1), {})
            s.rset()
            self.assertEqual(s.sendmail(ALICE, ["b1@other.test"], m2), {})
        by_subject = {r["subject"]: r for r in self.search(t)}
        self.assertEqual(sorted(by_subject), ["first", "second"])
        self.assertEqual(sorted(by_subject["first"]["recipients"]), ["a1@other.test", "a2@other.test"])
        self.assertEqual(by_subject["second"]["recipients"], ["b1@other.test"])
        self.assertEqual(self.show(by_subject["first"]["id"]), m1)
        self.assertEqual(self.show(by_subject["second"]["id"]), m2)

    def test_bdat_submission_byte_identical(self):
        t = tag("bdat")
        message = build("bdat", f"チャンク {t}\r\n.leading dot stays\r\n")
        c = self.server.submission_session(ALICE, PW)
        self.assertIn("CHUNKING", str(c.ehlo_reply) + str(c.ehlo()))
        for line in (f"MAIL FROM:<{ALICE}>", "RCPT TO:<bdat@other.test>"):
            self.assertEqual(c.cmd(line).code, 250, c.transcript())
        half = len(message) // 2
        c.send(b"BDAT %d\r\n" % half + message[:half])
        self.assertEqual(c.reply().code, 250, c.transcript())
        c.send(b"BDAT %d LAST\r\n" % (len(message) - half) + message[half:])
        self.assertEqual(c.reply().code, 250, c.transcript())
        c.cmd("QUIT")
        self.assertEqual(self.show(self.one(t)["id"]), message)

    def test_concurrent_submissions_are_all_kept(self):
        t = tag("conc")
        messages = [build(f"conc {i}", f"同時 {i} {t}") for i in range(15)]
        errors = []

        def send(chunk):
            try:
                for m in chunk:
                    self.submit(ALICE, ["conc@other.test"], m)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=send, args=(messages[i::5],)) for i in range(5)]
        for th in threads:
            th.start()
        # Searching meanwhile indexes what waits, as the server does: no entry twice, ever.
        while any(th.is_alive() for th in threads):
            seen = self.ids(t)
            self.assertEqual(len(seen), len(set(seen)), f"an entry found twice: {seen}")
        for th in threads:
            th.join(60)
        self.assertEqual(errors, [])
        rows = self.search(t)
        self.assertEqual(len({r["id"] for r in rows}), len(rows))
        self.assertEqual(len(rows), len(messages))
        self.assertEqual(sorted(self.show(r["id"]) for r in rows), sorted(messages))

    def test_alias_and_group_received(self):
        t_alias, t_group = tag("alias"), tag("group")
        self.server.deliver(SALES, build("to sales", f"別名 {t_alias}", sender="p@other.test", to=SALES),
                            sender="p@other.test")
        self.server.deliver(TEAM, build("to team", f"グループ {t_group}", sender="p@other.test", to=TEAM),
                            sender="p@other.test")
        row = self.one(t_alias)
        self.assertEqual((row["direction"], row["recipients"]), ("received", [SALES]))
        self.assertEqual(self.ids(t_alias, "--account", ALICE), [str(row["id"])])
        row = self.one(t_group)   # one entry for the group, whoever is in it
        self.assertEqual(row["recipients"], [TEAM])
        for account in (BOB, CAROL):
            self.assertEqual(self.ids(t_group, "--account", account), [str(row["id"])], account)
        self.assertEqual(self.ids(t_group, "--account", ALICE), [])

    def test_same_bytes_sent_and_received_are_one_content(self):
        t = tag("both")
        message = build("both ways", f"往復 {t}", sender=ALICE, to=BOB)
        before = self.usage()
        self.submit(ALICE, ["both@other.test"], message)
        self.server.deliver(BOB, message, sender="p@other.test")
        after = self.usage()
        self.assertEqual(sorted(r["direction"] for r in self.search(t)), ["received", "sent"])
        self.assertEqual(self.usage_value(after, "entries") - self.usage_value(before, "entries"), 2)
        self.assertEqual(self.usage_value(after, "messages") - self.usage_value(before, "messages"), 1)

    def test_paging_with_before(self):
        t = tag("page")
        for i in range(3):
            self.submit(ALICE, ["page@other.test"], build(f"page {i}", f"頁 {t}"))
        every = self.ids(t)
        self.assertEqual(len(every), 3)
        first = self.ids(t, limit=2)
        self.assertEqual(first, every[:2])
        self.assertEqual(self.ids(t, "--before", first[-1], limit=2), every[2:])

    # ---- search users -------------------------------------------------------------------------------
    def test_search_users(self):
        t, t_bob = tag("su"), tag("subob")
        self.submit(ALICE, ["su@other.test"], build("alice sent", f"アリス {t}"))
        self.submit(BOB, ["su@other.test"], build("bob sent", f"ボブ {t} {t_bob}", sender=BOB))
        self.server.deliver(ALICE, build("to alice", f"宛先アリス {t}", sender="p@other.test", to=ALICE),
                            sender="p@other.test")
        self.server.deliver(BOB, build("to bob", f"宛先ボブ {t} {t_bob}", sender="p@other.test", to=BOB),
                            sender="p@other.test")
        self.assertEqual(len(self.search(t)), 4)
        limited, unlimited = "kensakua", "kensakub"
        self.archive("user", "add", limited, "--password", SEARCH_PW, "--accounts", ALICE)
        self.archive("user", "add", unlimited, "--password", SEARCH_PW)

        as_limited = self.search(t, user=limited, password=SEARCH_PW)
        self.assertEqual(sorted(r["subject"] for r in as_limited), ["alice sent", "to alice"])
        self.assertEqual(self.search(t_bob, user=limited, password=SEARCH_PW), [])
        self.assertEqual(self.search(t, "--account", BOB, user=limited, password=SEARCH_PW), [])
        for r in self.search("", user=limited, password=SEARCH_PW):
            self.assertIn(ALICE, r.get("accounts", []), f"{limited} sees {r}")
        self.assertEqual(sorted(r["subject"] for r in self.search(t, user=unlimited, password=SEARCH_PW)),
                         ["alice sent", "bob sent", "to alice", "to bob"])

        out, _err, _code = self.archive("user", "list", "--json")
        users = {}
        for line in out.splitlines():
            if line.strip():
                u = json.loads(line)
                users[u["name"]] = u
        self.assertIn(limited, users)
        self.assertIn(unlimited, users)
        self.assertEqual(users[limited]["accounts"], [ALICE])
        self.assertEqual(users[unlimited]["accounts"], [])
        self.assertNotIn(SEARCH_PW, out)

        # Refusals: a wrong password, the reserved names, a taken name, an unknown account.
        out, err, code = self.archive("search", t, "--json", "--user", limited, "--password", "wrong",
                                      ok=False)
        self.assertNotEqual(code, 0)
        self.assertNotIn(t, out)
        for name in ("admin", "provadmin", "Admin", "PROVADMIN", limited):
            _o, err, code = self.archive("user", "add", name, "--password", SEARCH_PW, ok=False)
            self.assertNotEqual(code, 0, f"user add {name} accepted")
            self.assertTrue(err.strip())
        _o, _e, code = self.archive("user", "add", "kensakux", "--password", SEARCH_PW,
                                    "--accounts", "nobody@example.test", ok=False)
        self.assertNotEqual(code, 0, "a user limited to an unknown account was accepted")
        _o, _e, code = self.archive("user", "add", "kensakuy", "--password", "short", ok=False)
        self.assertNotEqual(code, 0, "a 5-character password was accepted")
        # The password is kept only as a hash: in no file of the data dir, nor in the log.
        self.assertNotIn(SEARCH_PW, self.server.ctl("log").stdout)
        for root, _dirs, files in os.walk(self.server.data_dir):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    self.assertNotIn(SEARCH_PW.encode(), f.read(), os.path.join(root, name))

        # A limited user's show and export reach only its accounts' entries.
        own = str(as_limited[0]["id"])
        bobs = [str(r["id"]) for r in self.search(t_bob)]
        self.assertEqual(len(bobs), 2)
        res = self.run_ctl("archive", "show", own, "--user", limited, "--password", SEARCH_PW)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout, self.show(own))
        for other in bobs:
            res = self.run_ctl("archive", "show", other, "--user", limited, "--password", SEARCH_PW)
            self.assertNotEqual(res.returncode, 0, f"{limited} could show #{other}")
            self.assertEqual(res.stdout, b"")
        tmp = tempfile.mkdtemp(prefix="fumibako-su-")
        self.addCleanup(shutil.rmtree, tmp, True)
        res = self.run_ctl("archive", "export", bobs[0], "--mbox", os.path.join(tmp, "x.mbox"),
                           "--user", limited, "--password", SEARCH_PW)
        self.assertNotEqual(res.returncode, 0, f"{limited} could export #{bobs[0]}")
        if os.path.exists(os.path.join(tmp, "x.mbox")):
            with open(os.path.join(tmp, "x.mbox"), "rb") as f:
                self.assertNotIn(t_bob.encode(), f.read())
        # Each search is audited: who, what, how many.
        log = [l for l in self.server.ctl("log").stdout.splitlines() if t_bob in l and limited in l]
        self.assertTrue(log, "no audit line for the limited user's search")
        self.assertTrue(any("0 results" in l for l in log), log)

        self.archive("user", "del", unlimited)
        out, _err, code = self.archive("search", t, "--json", "--user", unlimited, "--password", SEARCH_PW,
                                       ok=False)
        self.assertNotEqual(code, 0, "a deleted user can still search")
        self.assertNotIn(t, out)
        out, _err, _code = self.archive("user", "list", "--json")
        self.assertNotIn(unlimited, out)
        self.assertIn(limited, out)


# ---- defaults: no received mail kept; archive.sent switched off and on --------------------------

class DefaultsTest(ArchiveChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_server(cls, accounts=(ALICE, KANRI)).start()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def deliver_and_wait(self, subject, t):
        message = build(subject, f"受信 {t}", sender="partner@other.test", to=ALICE)
        self.server.deliver(ALICE, message, sender="partner@other.test")
        wait_for(f"{subject} in alice's mailbox",
                 lambda: [m for m in self.server.messages(ALICE, PW) if t.encode() in m])
        return message

    def set_live(self, key, value):
        def applied():
            return [l for l in self.server.ctl("log", "--kind", "system").stdout.splitlines()
                    if "settings applied" in l and key in l]
        before = len(applied())
        self.server.config_set(key, value)
        wait_for(f"{key} applied", lambda: len(applied()) > before, timeout=10)

    def test_received_kept_only_when_the_domain_asks_and_sent_as_the_setting_says(self):
        start = self.usage()
        # By default MX mail is not kept ...
        t1 = tag("d1")
        self.deliver_and_wait("mx default", t1)
        self.assertEqual(self.search(t1), [])
        # ... while submitted mail is.
        t2 = tag("d2")
        m2 = self.submit(ALICE, ["x@other.test"], build("sent default", f"送信 {t2}"))
        row = self.one(t2)
        self.assertEqual(row["direction"], "sent")
        self.assertEqual(self.show(row["id"]), m2)
        # The domain keeps received mail from now on.
        self.archive("received", DOMAIN, "on")
        t3 = tag("d3")
        m3 = self.deliver_and_wait("mx kept", t3)
        row = self.one(t3)
        self.assertEqual((row["direction"], row["recipients"]), ("received", [ALICE]))
        self.assertEqual(self.show(row["id"]), m3)
        # And no longer.
        self.archive("received", DOMAIN, "off")
        t4 = tag("d4")
        self.deliver_and_wait("mx off again", t4)
        self.assertEqual(self.search(t4), [])
        self.assertEqual(len(self.search(t3)), 1)   # what was kept stays
        # The sent archive switched off, and on again: a live setting, applied once the server
        # has seen it (its "settings applied" log line), without a restart.
        self.set_live("archive.sent", "false")
        t5 = tag("d5")
        self.submit(ALICE, ["x@other.test"], build("sent off", f"送信 {t5}"))
        self.assertEqual(self.search(t5), [])
        self.assertEqual(len(self.search(t2)), 1)
        self.set_live("archive.sent", "true")
        t6 = tag("d6")
        self.submit(ALICE, ["x@other.test"], build("sent on", f"送信 {t6}"))
        self.assertEqual(len(self.search(t6)), 1)
        usage = self.usage()
        for key in ("entries", "messages"):   # t2, t3, t6
            self.assertEqual(self.usage_value(usage, key) - self.usage_value(start, key), 3, key)

    def test_domains_for_received_mail(self):
        # A domain is a domain whatever its case; one that is not ours is refused, not "kept".
        self.archive("received", DOMAIN.upper(), "on")
        t = tag("case")
        self.deliver_and_wait("upper-case domain", t)
        self.assertEqual([r["direction"] for r in self.search(t)], ["received"])
        self.archive("received", DOMAIN, "off")
        _o, err, code = self.archive("received", "exmaple.test", "on", ok=False)
        self.assertNotEqual(code, 0, "a domain that is not ours was accepted")
        self.assertIn("exmaple.test", err)

    def test_bad_switch_refused(self):
        _o, err, code = self.archive("received", DOMAIN, "maybe", ok=False)
        self.assertNotEqual(code, 0)
        self.assertTrue(err.strip())


# ---- order: a message slow to deliver ----------------------------------------------------------------

class SlowClamd:
    """A stand-in for clamd (INSTREAM: "zINSTREAM\\0", length-prefixed chunks, a zero-length one;
    the answer "stream: OK\\0") that takes `delay` seconds over a message holding `marker`, as a
    busy scanner does over a big message, and answers the others at once."""

    def __init__(self, marker=b"SLOWSCAN", delay=5.0):
        self.marker, self.delay = marker, delay
        self.holding = threading.Event()   # set while a marked message is held
        self.sock = socket.socket()
        self.sock.bind((HOST, 0))
        self.sock.listen(16)
        self.address = f"{HOST}:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self):
        self.sock.close()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        with conn, conn.makefile("rb") as f:
            command = b""
            while not command.endswith(b"\0"):
                byte = f.read(1)
                if not byte:
                    return
                command += byte
            data = b""
            while True:
                head = f.read(4)
                if len(head) < 4:
                    return
                n = struct.unpack(">I", head)[0]
                if n == 0:
                    break
                data += f.read(n)
            if self.marker in data:
                self.holding.set()
                time.sleep(self.delay)
            conn.sendall(b"stream: OK\0")


class OrderTest(ArchiveChecks, unittest.TestCase):
    """Messages are entered in the order their deliveries commit, which is not the order they
    arrived in when one takes longer (a scanner, a big message): the slow one is dated no
    earlier than the one committed before it, so the list is newest first by date and a date
    filter still finds both."""

    @classmethod
    def setUpClass(cls):
        cls.clamd = SlowClamd()
        cls.addClassCleanup(cls.clamd.close)
        start_server(cls, config={"scan.clamd": cls.clamd.address}, accounts=(ALICE,)).start()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def test_a_message_slow_to_deliver_keeps_its_place(self):
        t = tag("order")
        first = build("first", f"SLOWSCAN {t}")
        second = build("second", f"fast {t}")
        slow = threading.Thread(target=self.submit, args=(ALICE, ["o@other.test"], first))
        slow.start()
        self.assertTrue(self.clamd.holding.wait(30), "the first message never reached the scanner")
        time.sleep(1.2)   # the first arrived (its pipeline started) before the scan: a second ago
        self.submit(ALICE, ["o@other.test"], second)
        self.assertTrue(slow.is_alive(), "the slow scan did not hold the first message")
        slow.join(30)
        rows = self.search(t)
        dates = [ArchiveTest.parse_date(r["date"]) for r in rows]
        self.assertEqual(len(rows), 2)
        # Entered in the order they committed: the slow one last, dated no earlier than the one
        # before it (docs/archive.md), so dates never go back and a date range is exact.
        self.assertEqual([r["subject"] for r in rows], ["first", "second"],
                         f"not in commit order: {[(r['id'], r['date'], r['subject']) for r in rows]}")
        self.assertGreaterEqual(dates[0], dates[1])
        today = str(datetime.date.today())
        for options in (("--since", today), ("--until", today), ("--since", today, "--until", today)):
            for query in (t, ""):
                with self.subTest(query=query, options=options):
                    self.assertEqual(sorted(r["subject"] for r in self.search(query, *options)),
                                     ["first", "second"])


# ---- durability -----------------------------------------------------------------------------------

class DurabilityTest(ArchiveChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_server(cls, accounts=(ALICE,)).start()

    def test_archived_before_the_250(self):
        t = tag("kill")
        messages = [build(f"kill {i}", f"停電 {i} {t}") for i in range(5)]
        for m in messages:
            self.submit(ALICE, ["k@other.test"], m)
        self.server.kill9()   # right after the last 250: nothing had time to settle
        self.server.start()
        rows = self.search(t)
        self.assertEqual(sorted(self.show(r["id"]) for r in rows), sorted(messages))
        self.server.stop()


# ---- retention by age, the clock moved with libfaketime --------------------------------------------

FAKETIME = shutil.which("faketime")


@unittest.skipUnless(FAKETIME, "faketime is not installed (apt-get install faketime)")
class RetentionTest(ArchiveChecks, unittest.TestCase):
    """`archive sweep` runs on the CLI's own clock, the system's: faketime moves it, so retention
    by age is seen from outside. sent_days 30 and received_days 60 here."""

    @classmethod
    def setUpClass(cls):
        start_server(cls, config={"archive.sent_days": 30, "archive.received_days": 60},
                     accounts=(ALICE, BOB), received_domains=(DOMAIN,)).start()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def sweep_at(self, days):
        res = self.run_ctl("archive", "sweep", prefix=(FAKETIME, f"+{days} days"),
                           env={"FAKETIME_NO_CACHE": "1"})
        self.assertEqual(res.returncode, 0, res.stderr)
        return res.stdout.decode()

    def test_each_direction_kept_its_days_and_a_shared_content_to_its_last_entry(self):
        t = tag("ret")
        sent = build("sent", f"送信 {t}")
        shared = build("shared", f"共有 {t}", sender="p@other.test", to=BOB)
        received = build("received", f"受信 {t}", sender="p@other.test", to=BOB)
        self.submit(ALICE, ["r@other.test"], sent)
        self.submit(ALICE, ["r@other.test"], shared)           # sent, and ...
        self.server.deliver(BOB, shared, sender="p@other.test")  # ... the same bytes received
        self.server.deliver(BOB, received, sender="p@other.test")
        rows = {(r["subject"], r["direction"]): str(r["id"]) for r in self.search(t)}
        self.assertEqual(len(rows), 4, rows)
        self.assertEqual(self.usage_value(self.usage(), "messages"), 3)

        self.sweep_at(29)
        self.assertEqual(len(self.search(t)), 4, "deleted before its 30 days")
        self.sweep_at(31)
        left = {(r["subject"], r["direction"]) for r in self.search(t)}
        self.assertEqual(left, {("shared", "received"), ("received", "received")})
        res = self.run_ctl("archive", "show", rows[("sent", "sent")])
        self.assertNotEqual(res.returncode, 0)
        # The shared content stays while its received entry does.
        self.assertEqual(self.show(rows[("shared", "received")]), shared)
        usage = self.usage()
        self.assertEqual((self.usage_value(usage, "entries"), self.usage_value(usage, "messages")), (2, 2))
        self.sweep_at(59)
        self.assertEqual(len(self.search(t)), 2)
        self.sweep_at(61)
        self.assertEqual(self.search(t), [])
        usage = self.usage()
        self.assertEqual((self.usage_value(usage, "entries"), self.usage_value(usage, "messages"),
                          self.usage_value(usage, "stored"), self.usage_value(usage, "used")),
                         (0, 0, 0, 0), usage)
        files = [f for _r, _d, fs in os.walk(os.path.join(self.server.data_dir, "archive")) for f in fs]
        self.assertEqual(files, [], "message files left behind")


# ---- the capacity cap -----------------------------------------------------------------------------

class CapTest(ArchiveChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_server(cls, config={"archive.capacity_mb": 1}, accounts=(ALICE, KANRI)).start()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()

    def warnings(self):
        return [m for m in self.server.messages(KANRI, PW)
                if "アーカイブ" in text_of(m) or b"archive" in m.lower()]

    def used(self):
        """The archive's use against the cap: a "used" figure if there is one, else the stored
        files and the index."""
        u = self.usage()
        for key, value in u.items():
            if "used" in key.lower():
                return int(value)
        index = [int(v) for k, v in u.items() if "index" in k.lower()]
        return self.usage_value(u, "stored") + sum(index)

    def send_noise(self, name, size):
        """A message of `size` random (incompressible) bytes as an attachment; its entry id."""
        t = tag(name)
        ct, body = multipart_with_attachments(f"容量 {t}", [('filename="noise.bin"', os.urandom(size))])
        self.submit(ALICE, ["cap@other.test"], build(name, body, content_type=ct, cte=None))
        time.sleep(1.1)   # distinct arrival times: "oldest" is unambiguous
        return t, str(self.one(t)["id"])

    def sweep(self):
        self.archive("sweep")
        return self.used()

    def assert_warning(self, level, count):
        warnings = wait_for(f"the {level} % warning to the administrator",
                            lambda: (lambda w: w if len(w) >= count else None)(self.warnings()))
        self.assertEqual(len(warnings), count, [text_of(w)[:80] for w in warnings])
        newest = max(warnings, key=lambda m: level_of(m))
        self.assertEqual(level_of(newest), level)
        text = text_of(newest)
        japanese = re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)
        english = re.search(r"(?i)archive", text)
        self.assertTrue(japanese and english, text)
        self.assertLess(japanese.start(), english.start(), "Japanese comes first")
        return text

    def test_sweep_deletes_the_oldest_first_and_warns_at_80_90_and_100_percent(self):
        cap = self.usage_value(self.usage(), "cap")
        self.assertGreater(cap, 0)
        self.assertLessEqual(cap, 1024 * 1024)
        sent = [self.send_noise("cap0", int(cap * 0.28)), self.send_noise("cap1", int(cap * 0.28))]
        used = self.sweep()
        self.assertLess(used, 0.8 * cap, "two messages should fill under 80 %")
        self.assertEqual(self.warnings(), [], "a warning under 80 %")
        self.assertEqual(len(self.search("容量")), 2)

        sent.append(self.send_noise("cap2", int(cap * 0.28)))
        used = self.sweep()
        self.assertTrue(0.8 * cap < used < 0.9 * cap, f"{used} of {cap}")
        self.assert_warning(80, 1)
        self.sweep()      # once per crossing: the same level again sends nothing more
        time.sleep(1)
        self.assertEqual(len(self.warnings()), 1)

        sent.append(self.send_noise("cap3", max(1000, int(0.94 * cap - used))))
        used = self.sweep()
        self.assertTrue(0.9 * cap < used <= cap, f"{used} of {cap}")
        self.assert_warning(90, 2)
        self.assertEqual(len(self.search("容量")), 4, "deleted under the cap")

        # Over the cap: the sweep deletes from the oldest until it fits, and says so.
        sent.append(self.send_noise("cap4", int(cap * 0.28)))
        self.assertGreater(self.used(), cap)
        used = self.sweep()
        self.assertLessEqual(used, cap)
        self.assertEqual(self.search(sent[0][0]), [])
        res = self.run_ctl("archive", "show", sent[0][1])
        self.assertNotEqual(res.returncode, 0, "the oldest entry is still there")
        for t, i in sent[1:]:
            self.assertEqual(len(self.search(t)), 1, f"#{i} deleted, yet not the oldest")
        self.assertEqual(self.show(sent[-1][1])[:5], b"From:")
        text = self.assert_warning(100, 3)
        self.assertIn("削除", text)
        self.assertIn("delete", text)


def level_of(raw):
    """The level a capacity warning names (80, 90, 100) from its subject, 0 if none."""
    subject = str(email.message_from_bytes(raw, policy=email.policy.default)["Subject"] or "")
    m = re.search(r"(\d+)\s*%", subject)
    return int(m.group(1)) if m else 0


if __name__ == "__main__":
    unittest.main()
