"""Virus and spam scanning at SMTP time, with the real daemons (issue 13).

clamd (a database of one signature, for EICAR) and spamd (Debian's rules, local tests only) are
started by the fixture on loopback (scanners.py) and stopped by PID. The server is fumibakod as
built; mail goes in through python3's smtplib and comes out through poplib.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_scan.py
"""

import email
import email.header
import email.policy
import smtplib
import unittest

from fumibako_fixture import HOST, SOCKET_TIMEOUT, Server, make_message, unique, wait_for
from scanners import EICAR, EICAR_NAME, GTUBE, Clamd, SilentPeer, Spamd

ALICE = "alice@example.test"
BOB = "bob@example.test"
PW = "correct horse battery"


def encoded(text):
    """`text` as RFC 2047 encoded-words, as a mail client writes a Japanese subject."""
    return email.header.Header(text, "utf-8").encode()


def decoded_subject(raw):
    """Subject: as a reader sees it; a value folded onto its own line (as notices write a long
    encoded-word, RFC 2047 2) keeps a leading space in Python's parse, which is folding white space."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg["Subject"]).strip()


def with_attachment(subject, data, filename="invoice.com", sender="carol@other.test", to=BOB):
    """A multipart message: a Japanese text part and `data` as a base64 attachment."""
    msg = email.message.EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{unique('id')}@other.test>"
    msg.set_content("請求書を添付します。\n")
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    return msg.as_bytes(policy=email.policy.SMTP)


class ScanTest(unittest.TestCase):
    """One clamd and one spamd for the class; each test makes its server (settings are restart-only)."""

    @classmethod
    def setUpClass(cls):
        cls.clamd = Clamd()
        cls.addClassCleanup(cls.clamd.cleanup)
        cls.clamd.start()
        cls.spamd = Spamd()
        cls.addClassCleanup(cls.spamd.cleanup)
        cls.spamd.start()

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("auth.failure_delay_ms", 0)
        self.server.add_account(ALICE, PW)
        self.server.add_account(BOB, PW)

    def start(self, **settings):
        config = {"scan.clamd": self.clamd.address, "scan.spamd": self.spamd.address}
        config.update(settings)
        for key, value in config.items():
            self.server.config_set(key, value)
        self.server.start()

    def mx(self, message, rcpt=BOB, sender="carol@other.test"):
        """(code, text) of the reply to end of DATA on the MX port."""
        with smtplib.SMTP(HOST, self.server.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("client.other.test")
            s.mail(sender)
            code, text = s.rcpt(rcpt)
            self.assertEqual(code, 250, text)
            code, text = s.data(message)
            return code, text.decode()

    def log_lines(self):
        return self.server.ctl("log").stdout

    # ---- viruses ----------------------------------------------------------------------------

    def test_outgoing_virus_is_refused_and_the_sender_told(self):
        self.start()
        subject = unique("見積書")
        with self.assertRaises(smtplib.SMTPDataError) as refused:
            self.server.submit(ALICE, [BOB, "dave@other.test"], with_attachment(subject, EICAR,
                                                                                sender=ALICE))
        self.assertEqual(refused.exception.smtp_code, 554)
        text = refused.exception.smtp_error.decode()
        self.assertTrue(text.startswith("5.7.0"), text)
        self.assertIn(EICAR_NAME, text)
        # Never delivered, locally or queued; the sender gets the FAQ's notice.
        wait_for("the notice", lambda: self.server.count(ALICE) == 1)
        notice = self.server.messages(ALICE)[0]
        self.assertEqual(decoded_subject(notice), "【ウイルス検出】送信メールを削除しました")
        body = email.message_from_bytes(notice, policy=email.policy.default)
        text = "\n".join(part.get_content() for part in body.walk()
                         if part.get_content_type() == "text/plain")
        self.assertIn(EICAR_NAME, text)
        self.assertIn(subject, text)
        self.assertEqual(self.server.count(BOB), 0)
        self.assertNotIn("dave@other.test", self.server.ctl("queue", "list").stdout)

    def test_incoming_virus_rejected_when_so_set(self):
        self.start(**{"scan.virus_action": "reject"})
        code, text = self.mx(with_attachment(unique("virus"), EICAR))
        self.assertEqual(code, 554)
        self.assertTrue(text.startswith("5.7.0"), text)
        self.assertIn(EICAR_NAME, text)
        self.assertEqual(self.server.count(BOB), 0)

    def test_incoming_virus_stripped_with_a_notice_and_replace_warning(self):
        self.start()  # strip is the default
        subject = unique("請求書")
        code, text = self.mx(with_attachment(subject, EICAR, filename="invoice.com"))
        self.assertEqual(code, 250, text)
        raw = self.server.messages(BOB)[0]
        self.assertNotIn(EICAR, raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(str(msg["Subject"]), subject)
        names = [part.get_filename() for part in msg.walk() if part.get_filename()]
        self.assertIn("ReplaceWarning.txt", names)
        self.assertNotIn("invoice.com", names)
        texts = [part.get_content() for part in msg.walk()
                 if part.get_content_type() == "text/plain" and not part.get_filename()]
        self.assertTrue(any("請求書を添付します。" in t for t in texts), texts)
        warning = next(part.get_content() for part in msg.walk()
                       if part.get_filename() == "ReplaceWarning.txt")
        self.assertIn("invoice.com", warning)
        self.assertIn(EICAR_NAME, warning)

    def test_clean_mail_passes_and_is_scored(self):
        self.start()
        subject = unique("打ち合わせ")
        code, text = self.mx(make_message(encoded(subject), body="来週の打ち合わせの件です。\r\n",
                                          sender="carol@other.test", to=BOB))
        self.assertEqual(code, 250, text)
        msg = email.message_from_bytes(self.server.messages(BOB)[0], policy=email.policy.default)
        self.assertEqual(str(msg["Subject"]), subject)
        self.assertTrue(str(msg["X-Spam-Status"]).startswith("No, score="), msg["X-Spam-Status"])
        self.assertIsNotNone(msg["X-Spam-Score"])
        self.assertIsNone(msg["X-Spam-Flag"])

    def test_clamd_down_defers_and_recovers(self):
        self.start()
        port = self.clamd.port
        self.clamd.stop()
        try:
            code, text = self.mx(make_message(unique("down"), to=BOB))
            self.assertEqual(code, 451)
            self.assertTrue(text.startswith("4.7.1"), text)
            self.assertEqual(self.server.count(BOB), 0)
        finally:
            self.clamd.start(port=port)  # back on its port: the server needs no restart
        code, text = self.mx(make_message(unique("back"), to=BOB))
        self.assertEqual(code, 250, text)
        self.assertEqual(self.server.count(BOB), 1)

    # ---- spam -------------------------------------------------------------------------------

    def test_gtube_is_tagged_and_its_japanese_subject_kept(self):
        self.start()
        subject = unique("お得なご案内")
        message = make_message(encoded(subject), body=GTUBE.decode() + "\r\n", sender="carol@other.test",
                               to=BOB, extra_headers=["X-Spam-Status: No, forged by the sender",
                                                      "X-Spam-Flag: NO"])
        code, text = self.mx(message)
        self.assertEqual(code, 250, text)
        raw = self.server.messages(BOB)[0]
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(str(msg["Subject"]), "[spam] " + subject)
        self.assertTrue(all(b < 0x80 for b in raw.split(b"\r\n\r\n", 1)[0]))  # RFC 2047, 7-bit
        self.assertEqual(msg.get_all("X-Spam-Flag"), ["YES"])
        status = msg.get_all("X-Spam-Status")
        self.assertEqual(len(status), 1, status)  # the forged one is gone
        self.assertTrue(status[0].startswith("Yes, score="), status)
        self.assertIn("GTUBE", status[0])
        self.assertGreaterEqual(float(str(msg["X-Spam-Score"])), 900)

    def test_spam_scoring_only_for_the_domains_switched_on(self):
        self.start(**{"scan.spam": "other.example"})
        code, text = self.mx(make_message(unique("off"), body=GTUBE.decode() + "\r\n",
                                          sender="carol@other.test", to=BOB))
        self.assertEqual(code, 250, text)
        msg = email.message_from_bytes(self.server.messages(BOB)[0], policy=email.policy.default)
        self.assertIsNone(msg["X-Spam-Status"])
        self.assertFalse(str(msg["Subject"]).startswith("[spam]"))

    def test_spamd_hung_accepts_unscored_and_logs_it(self):
        silent = SilentPeer()
        self.addCleanup(silent.close)
        self.start(**{"scan.spamd": silent.address, "scan.timeout": 1})
        subject = unique("hung")
        code, text = self.mx(make_message(subject, body=GTUBE.decode() + "\r\n",
                                          sender="carol@other.test", to=BOB))
        self.assertEqual(code, 250, text)
        msg = email.message_from_bytes(self.server.messages(BOB)[0], policy=email.policy.default)
        self.assertEqual(str(msg["Subject"]), subject)
        self.assertIsNone(msg["X-Spam-Status"])
        wait_for("the log line", lambda: "accepted without a spam score" in self.log_lines())

    def test_bad_scanner_setting_is_refused(self):
        res = self.server.ctl("config", "set", "scan.clamd", "not an address", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("scan.clamd", res.stderr + res.stdout)


if __name__ == "__main__":
    unittest.main()
