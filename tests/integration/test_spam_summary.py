"""The daily Spam Summary and its release links (issue 13), with real spamd, curl and Chromium.

GTUBE over MX is held (scan.spam_action=quarantine); `fumibakoctl quarantine summary --now` sends
each account one `Spam Summary` (read back over IMAP: UTF-8, Japanese then English, the held
mail's decoded Japanese subject, a link to https://server.hostname:WEB-PORT/); a second run sends
nothing. The links, with curl: GET shows a confirmation and changes nothing; a tampered token, a
token re-pointed at another account's message, an expired one and a used one get error pages
(4xx) and change nothing. The happy path in headless Chromium (python3-selenium): link →
confirmation → button → released page, and the message is in INBOX byte for byte as
`quarantine show` gave it before.

Expiry without waiting: a link expires at received + scan.quarantine_days. The test moves one
held row's received_at back eight days in the database (what a message held eight days ago looks
like), as if the daily retention sweep (04:00) had not yet reached it; its summary's link is then
past its expiry, while the message is still held — exactly the case the expiry check must catch.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_spam_summary.py
"""

import base64
import email
import email.header
import email.policy
import html
import json
import os
import re
import sqlite3
import subprocess
import unittest

from fumibako_fixture import HOST, Server, chromium, import_selenium, make_message, unique
from scanners import GTUBE, Spamd

BOB = "bob@example.test"
ALICE = "alice@example.test"
PW = "correct horse battery"
WEB_HOST = "mx.example.test"  # server.hostname: the links name it; curl and Chromium map it
LINK = re.compile(r"https://([^/\s:]+):(\d+)/release\?t=([A-Za-z0-9_-]+)")


class SpamSummaryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spamd = Spamd()
        cls.addClassCleanup(cls.spamd.cleanup)
        cls.spamd.start()

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("server.hostname", WEB_HOST)
        self.server.config_set("auth.failure_delay_ms", 0)
        self.server.add_account(BOB, PW)
        self.server.add_account(ALICE, PW)
        self.server.config_set("scan.spamd", self.spamd.address)
        self.server.config_set("scan.spam_action", "quarantine")
        self.server.start()
        self.web = self.server.ports["web"]

    # ---- helpers ------------------------------------------------------------------------------
    def held(self):
        out = self.server.ctl("quarantine", "list", "--json").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def hold_gtube(self, to, subject):
        message = make_message(email.header.Header(subject, "utf-8").encode(),
                               body=GTUBE.decode() + "\r\n", sender="carol@other.test", to=to)
        before = {e["id"] for e in self.held()}
        self.server.deliver(to, message, sender="carol@other.test")  # 250: held
        new = [e for e in self.held() if e["id"] not in before]
        self.assertEqual(len(new), 1, new)
        self.assertEqual(new[0]["subject"], subject)
        return new[0]

    def summary_now(self):
        return self.server.ctl("quarantine", "summary", "--now").stdout

    def inbox(self, user):
        """Every INBOX message of `user` as bytes, over IMAP, in UID order."""
        m = self.server.imap(user, PW)
        try:
            m.select("INBOX", readonly=True)
            _, data = m.uid("SEARCH", None, "ALL")
            out = []
            for uid in data[0].split():
                _, parts = m.uid("FETCH", uid, "(BODY.PEEK[])")
                out.append(parts[0][1])
            return out
        finally:
            m.logout()

    def summaries(self, user):
        return [m for m in self.inbox(user)
                if email.message_from_bytes(m, policy=email.policy.default)["Subject"] ==
                "Spam Summary"]

    def summary_links(self, user):
        """{subject-of-held-mail: token} from the newest summary of `user`, and its text."""
        raw = self.summaries(user)[-1]
        text = email.message_from_bytes(raw, policy=email.policy.default).get_content()
        return LINK.findall(text), text

    def curl(self, method, path, data=None):
        """(HTTP status, body) for https://WEB_HOST:port/path, the name mapped to loopback."""
        args = ["curl", "-sS", "--max-time", "20", "-k", "-o", "-", "-w", "\n%{http_code}",
                "--resolve", f"{WEB_HOST}:{self.web}:{HOST}", "-X", method,
                f"https://{WEB_HOST}:{self.web}{path}"]
        if data is not None:
            args += ["--data-urlencode", data]
        res = subprocess.run(args, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        self.assertEqual(res.returncode, 0, res.stderr)
        body, _, status = res.stdout.rpartition(b"\n")
        return int(status), body.decode("utf-8")

    def release_post(self, token):
        return self.curl("POST", "/release", data=f"t={token}")

    # ---- tests --------------------------------------------------------------------------------
    def test_summary_mime_and_each_link_case(self):
        bob_subject = unique("お得なご案内 <b>今だけ</b>")
        bob_entry = self.hold_gtube(BOB, bob_subject)
        alice_entry = self.hold_gtube(ALICE, unique("alice spam"))
        self.assertEqual(self.summaries(BOB), [])

        out = self.summary_now()
        self.assertIn(f"Spam Summary sent to {BOB}", out)
        self.assertIn(f"Spam Summary sent to {ALICE}", out)
        raw_summaries = self.summaries(BOB)
        self.assertEqual(len(raw_summaries), 1)
        raw = raw_summaries[0]
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(msg["Subject"], "Spam Summary")
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        self.assertTrue(all(b < 0x80 for b in raw), "the summary is 7-bit on the wire")
        text = msg.get_content()
        ja = text.index("迷惑メールと判定")
        en = text.index("judged to be spam")
        self.assertLess(ja, en, "Japanese first, then English")
        self.assertIn(bob_subject, text[:en])
        self.assertIn(bob_subject, text[en:])
        self.assertNotIn("alice spam", text)
        self.assertIn("carol@other.test", text)
        self.assertIn("GTUBE", text)
        links = LINK.findall(text)
        self.assertEqual(len(links), 2, text)  # once in each language
        self.assertEqual(links[0], links[1])
        host, port, bob_token = links[0]
        self.assertEqual((host, int(port)), (WEB_HOST, self.web))
        alice_token = self.summary_links(ALICE)[0][0][2]

        # Nothing new held: no second summary.
        self.assertIn("no Spam Summary due", self.summary_now())
        self.assertEqual(len(self.summaries(BOB)), 1)

        # GET: the confirmation, escaped, and nothing released.
        status, page = self.curl("GET", f"/release?t={bob_token}")
        self.assertEqual(status, 200, page)
        self.assertIn(html.escape(bob_subject), page)
        self.assertNotIn(bob_subject, page)  # its <b> is text, not markup
        self.assertIn('method="post"', page)
        self.assertIn("carol@other.test", page)
        self.assertLess(page.index("受信箱に移す"), page.index("Release a message held"))
        self.assertEqual(len(self.held()), 2)

        # Tampered: one character changed — GET and POST refused, nothing changes.
        bad = bob_token[:20] + ("A" if bob_token[20] != "A" else "B") + bob_token[21:]
        for status, page in (self.curl("GET", f"/release?t={bad}"), self.release_post(bad)):
            self.assertEqual(status, 400, page)
            self.assertIn('data-reason="invalid"', page)
        for status, page in (self.curl("GET", "/release"), self.release_post("")):
            self.assertEqual(status, 400, page)

        # Bob's token re-pointed at Alice's message (the id in it replaced): refused.
        raw_token = bytearray(base64.urlsafe_b64decode(bob_token + "=" * (-len(bob_token) % 4)))
        raw_token[1:9] = int(alice_entry["id"]).to_bytes(8, "big")
        stolen = base64.urlsafe_b64encode(bytes(raw_token)).decode().rstrip("=")
        status, page = self.release_post(stolen)
        self.assertEqual(status, 400, page)
        self.assertEqual({e["id"] for e in self.held()}, {bob_entry["id"], alice_entry["id"]})
        self.assertEqual(self.summaries(ALICE), self.inbox(ALICE))  # nothing released to Alice

        # The good POST releases; the same link again is refused and changes nothing.
        status, page = self.release_post(bob_token)
        self.assertEqual(status, 200, page)
        self.assertIn('id="released"', page)
        self.assertEqual([e["id"] for e in self.held()], [alice_entry["id"]])
        self.assertEqual(len(self.inbox(BOB)), 2)
        for status, page in (self.release_post(bob_token),
                             self.curl("GET", f"/release?t={bob_token}")):
            self.assertEqual(status, 410, page)
            self.assertIn('data-reason="gone"', page)
        self.assertEqual(len(self.inbox(BOB)), 2)
        self.assertIn(f"released by release link from {HOST}", self.server.ctl("log").stdout)

        # Alice's own link still works for her message only.
        status, page = self.release_post(alice_token)
        self.assertEqual(status, 200, page)
        self.assertEqual(self.held(), [])

        # Other paths and methods: no page.
        status, _ = self.curl("GET", "/")
        self.assertEqual(status, 404)

    def test_expired_link_changes_nothing(self):
        entry = self.hold_gtube(BOB, unique("old spam"))
        # Held eight days ago (scan.quarantine_days is 7), not yet swept: see the docstring.
        db = sqlite3.connect(os.path.join(self.server.data_dir, "fumibako.db"), timeout=30)
        try:
            with db:
                db.execute("UPDATE quarantine SET received_at = received_at - 8 * 86400 "
                           "WHERE id = ?", (entry["id"],))
        finally:
            db.close()
        self.summary_now()
        links, _ = self.summary_links(BOB)
        token = links[0][2]
        for status, page in (self.curl("GET", f"/release?t={token}"), self.release_post(token)):
            self.assertEqual(status, 410, page)
            self.assertIn('data-reason="expired"', page)
        self.assertEqual([e["id"] for e in self.held()], [entry["id"]])
        self.assertEqual(len(self.inbox(BOB)), 1)  # the summary alone

    def test_release_in_chromium_is_byte_identical(self):
        _webdriver, _Service, By, EC, WebDriverWait = import_selenium()
        subject = unique("ブラウザで受け取る")
        entry = self.hold_gtube(BOB, subject)
        held_bytes = self.server.ctl_bytes("quarantine", "show", str(entry["id"]))
        self.summary_now()
        links, _ = self.summary_links(BOB)
        host, port, token = links[0]
        url = f"https://{host}:{port}/release?t={token}"

        # The server's self-signed certificate is accepted, on loopback only.
        browser = chromium(os.path.join(self.server.tmp, "chromium"),
                           host_rules=f"MAP {WEB_HOST} {HOST}")
        try:
            browser.get(url)
            self.assertEqual(browser.find_element(By.ID, "subject-ja").text, subject)
            self.assertEqual(browser.find_element(By.ID, "sender-en").text, "carol@other.test")
            self.assertEqual([e["id"] for e in self.held()], [entry["id"]])  # GET changed nothing
            browser.find_element(By.ID, "release").click()
            WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "released")))
            self.assertIn("/release", browser.current_url)
        finally:
            browser.quit()

        self.assertEqual(self.held(), [])
        released = [m for m in self.inbox(BOB) if m not in self.summaries(BOB)]
        self.assertEqual(released, [held_bytes])


if __name__ == "__main__":
    unittest.main()
