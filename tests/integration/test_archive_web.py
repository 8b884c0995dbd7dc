#!/usr/bin/env python3
"""The archive's search pages for search users (/archive on the HTTPS listener, ports.web), from
outside: python3's http.client for status codes, headers and bytes, headless Chromium
(python3-selenium) for what a person sees and runs. Mail gets into the archive as in
test_archive.py (submitted with AUTH: "sent"; MX mail to example.test: "received"), and what the
pages show is held against `fumibakoctl archive search --json` / `archive show` and `log`.

Covered (the contract of the pages):
- sign-in: the form; success is a 303 to /archive with a Secure, HttpOnly, SameSite=Strict cookie
  on Path=/archive whose value is opaque and new each time; a wrong password, an unknown name and
  the reserved names admin / provadmin get one and the same 401 page (data-reason signin); the
  11th attempt after 10 failures from one address is 429 (throttled) even with the right
  password, while another address still signs in;
- the search page: who is signed in, the search form and its fields, the sign-out form; results
  newest first (the CLI's order), one row per entry with its cells and a link to the message;
  50 a page and #next keeping every filter, no overlap; no match: #noresults; dates (since/until
  inclusive), dir, from, to, att; every search audited with the search user's name;
- bad queries (33 different words, impossible dates, since after until): 400 invalid, and the
  limits themselves (32 words, since = until) accepted;
- hostile q (markup, quotes, FTS operators, SQL): 200, shown back escaped, no script runs; an HTML
  mail previewed as text: no script runs, no <img> in the DOM, nothing fetched;
- the message page (subject, from, to, date, body, attachments, download link) and raw: byte for
  byte `archive show`, message/rfc822, attachment; filename="ID.eml", audited as archive-export;
- a user limited to one account: only its entries in results; the others' message and raw pages
  404 notfound, the same page as an id that does not exist;
- sessions: none, forged, signed out, or from before a restart: 303 to /archive for pages under
  it, the sign-in page at /archive; unknown paths 404; every page with the security headers.

Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_archive_web.py
"""

import datetime
import email.header
import email.mime.text
import email.policy
import email.utils
import html
import html.parser
import os
import re
import socket
import threading
import time
import unittest
import urllib.parse
import uuid

from fumibako_fixture import HOST, chromium, import_selenium, transaction, wait_for
from test_archive import (ALICE, BOB, DOMAIN, PW, ArchiveChecks, build,
                          multipart_with_attachments, start_server, tag)

COOKIE = "fumibako_archive"
SEARCHER = "kensaku"          # may see every entry
SEARCHER_PW = "Kensaku-web-2026!a"
LIMITED = "gentei"            # limited to ALICE
LIMITED_PW = "Gentei-web-2026!b"
THROTTLED = "seigen"          # the throttling test's own user
THROTTLED_PW = "Seigen-web-2026!c"
SEIKYU = "請求"               # in one message of the class only (test_chromium_...)
PAGE_SIZE = 50
HOSTILE = ('<script>alert(1)</script>', '"', '*', 'NEAR', 'OR', '-', "' OR 1=1 --",
           '"><img src=x onerror=alert(2)>', 'a" OR "b', 'NEAR(a b)', 'subject:x', '-x*')


# ---- HTML as a tree ----------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag_name, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag_name, dict(attrs), parent, []

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    @property
    def text(self):
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def find_all(self, tag_name=None, cls=None, **attrs):
        """Descendants (self excluded) by tag, class and attributes (data_id= for data-id)."""
        out = []
        for node in self.iter():
            if node is self or (tag_name and node.tag != tag_name):
                continue
            if cls and cls not in node.attrs.get("class", "").split():
                continue
            if all(node.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(node)
        return out

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class Page(html.parser.HTMLParser):
    """An HTML page parsed into Nodes (tolerant: an end tag closes up to its match)."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.feed(source)
        self.close()

    def handle_starttag(self, tag_name, attrs):
        node = Node(tag_name, [(k, v if v is not None else "") for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag_name not in VOID:
            self.current = node

    def handle_startendtag(self, tag_name, attrs):
        self.current.children.append(Node(tag_name, [(k, v or "") for k, v in attrs], self.current))

    def handle_endtag(self, tag_name):
        node = self.current
        while node is not None and node.tag != tag_name:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def by_id(self, ident):
        found = self.root.find_all(id=ident)
        return found[0] if found else None

    def find_all(self, *args, **kw):
        return self.root.find_all(*args, **kw)

    def rows(self):
        """The data-id of each result row, in order; every row must be in table#results."""
        rows = self.find_all("tr", cls="result")
        table = self.by_id("results")
        inside = table.find_all("tr", cls="result") if table is not None else []
        if len(inside) != len(rows) or (table is not None and table.tag != "table"):
            raise AssertionError(f"result rows outside <table id=results>:\n{self.source}")
        return [r.attrs.get("data-id") for r in rows]


# ---- the class: one server for all ------------------------------------------------------------

class ArchiveWebTest(ArchiveChecks, unittest.TestCase):
    browser = None

    @classmethod
    def setUpClass(cls):
        s = start_server(cls, accounts=(ALICE, BOB), received_domains=(DOMAIN,), admin=None)
        for name, password, accounts in ((SEARCHER, SEARCHER_PW, ()),
                                         (LIMITED, LIMITED_PW, (ALICE,)),
                                         (THROTTLED, THROTTLED_PW, ())):
            args = ["archive", "user", "add", name, "--password", password]
            for account in accounts:
                args += ["--accounts", account]
            s.ctl(*args)
        s.start()

    @classmethod
    def tearDownClass(cls):
        if cls.browser is not None:
            cls.browser.quit()
        if cls.server.running:
            cls.server.stop()

    # ---- HTTP --------------------------------------------------------------------------------
    def get(self, path, cookie=None, source=None):
        headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie is not None else {}
        return self.server.https("GET", path, headers=headers, source=source)

    def post(self, path, form, cookie=None, source=None):
        headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie is not None else {}
        return self.server.https("POST", path, body=form, headers=headers, source=source)

    def search_path(self, **params):
        return "/archive?" + urllib.parse.urlencode(params)

    def assert_headers(self, reply, html_page=True):
        """The release pages' security headers; an HTML page in UTF-8."""
        csp = reply.header("Content-Security-Policy", "")
        self.assertTrue(csp.startswith("default-src 'none'"), f"CSP {csp!r}\n{reply}")
        self.assertEqual(reply.header("X-Frame-Options", "").upper(), "DENY", reply)
        self.assertIn("no-store", reply.header("Cache-Control", ""), reply)
        self.assertEqual(reply.header("X-Content-Type-Options", "").lower(), "nosniff", reply)
        if html_page:
            content_type = reply.header("Content-Type", "").lower().replace(" ", "")
            self.assertTrue(content_type.startswith("text/html"), reply)
            self.assertTrue("charset=utf-8" in content_type
                            or b'<meta charset="utf-8">' in reply.body.lower(), reply)

    def page(self, reply, status, reason=None):
        """The reply parsed, after checking its status, headers and (if given) its data-reason."""
        self.assertEqual(reply.status, status, reply)
        self.assert_headers(reply)
        page = Page(reply.text)
        if reason is not None:
            reasons = [n.attrs["data-reason"] for n in page.find_all() if "data-reason" in n.attrs]
            self.assertIn(reason, reasons, reply)
        return page

    def assert_redirect_to_archive(self, reply):
        self.assertEqual(reply.status, 303, reply)
        location = urllib.parse.urlsplit(reply.header("Location", ""))
        self.assertEqual((location.path, location.query), ("/archive", ""), reply)

    def assert_signin_page(self, reply, status=200, reason=None):
        page = self.page(reply, status, reason)
        form = page.by_id("signin")
        self.assertIsNotNone(form, reply)
        self.assertEqual((form.tag, form.attrs.get("method", "").lower(), form.attrs.get("action")),
                         ("form", "post", "/archive/signin"), reply)
        name, password = page.by_id("name"), page.by_id("password")
        self.assertEqual((name.tag, name.attrs.get("name")), ("input", "name"), reply)
        self.assertEqual((password.tag, password.attrs.get("name"), password.attrs.get("type")),
                         ("input", "password", "password"), reply)
        self.assertEqual(page.by_id("signin-button").tag, "button")
        self.assertIsNone(page.by_id("who"), "a search page element on the sign-in page")
        self.assertEqual(page.find_all("tr", cls="result"), [])
        if reason is not None:
            self.assertEqual(page.by_id("error").attrs.get("data-reason"), reason, reply)
        self.assertIsNone(reply.header("Set-Cookie"), reply)
        return page

    @staticmethod
    def cookie_of(reply):
        """(value, {attribute lower-case: value}) of the reply's fumibako_archive cookie."""
        for line in reply.header_all("Set-Cookie"):
            first, *rest = [p.strip() for p in line.split(";")]
            name, _, value = first.partition("=")
            if name.strip() == COOKIE:
                attrs = {}
                for part in rest:
                    key, _, v = part.partition("=")
                    attrs[key.strip().lower()] = v.strip()
                return value.strip(), attrs
        return None, {}

    def sign_in(self, name=SEARCHER, password=SEARCHER_PW, source=None):
        """A new session: the cookie's value after a successful sign-in."""
        reply = self.post("/archive/signin", {"name": name, "password": password}, source=source)
        self.assert_redirect_to_archive(reply)
        value, _attrs = self.cookie_of(reply)
        self.assertTrue(value, f"no {COOKIE} cookie\n{reply}")
        return value

    def results(self, cookie, status=200, reason=None, **params):
        """The search page for params, parsed (status and headers checked)."""
        return self.page(self.get(self.search_path(**params), cookie), status, reason)

    def audit_lines(self, kind, who, *words):
        """`fumibakoctl log` lines auditing a search / an export by the search user `who` (and
        holding every one of words). The log prints an audit entry's text, "WHAT by WHO", not its
        result name (archive-search / archive-export): either is taken."""
        marks = {"search": ("archive-search", "archive search"),
                 "export": ("archive-export", "read whole", "archive export")}[kind]
        by = re.compile(rf"\bby {re.escape(who)}\b")
        return [line for line in self.server.ctl("log", "--limit", "1000000").stdout.splitlines()
                if any(m in line for m in marks) and by.search(line)
                and all(w in line for w in words)]

    def cli_ids(self, query, *options, user=SEARCHER, password=SEARCHER_PW):
        return self.ids(query, *options, user=user, password=password)

    # ---- Chromium ----------------------------------------------------------------------------
    def browser_ready(self):
        cls = type(self)
        if cls.browser is None:
            cls.browser = chromium(os.path.join(self.server.tmp, "chromium"))
        return cls.browser, import_selenium()[2]

    def base(self):
        return f"https://{HOST}:{self.server.ports['web']}"

    def browser_signin_page(self):
        """The browser on the sign-in page with no cookie of an earlier test."""
        browser, By = self.browser_ready()
        browser.get(self.base() + "/archive")
        browser.delete_all_cookies()
        browser.get(self.base() + "/archive")
        self.wait_id(browser, "signin")
        return browser, By

    def browser_sign_in(self, name=SEARCHER, password=SEARCHER_PW):
        browser, By = self.browser_signin_page()
        browser.find_element(By.ID, "name").send_keys(name)
        browser.find_element(By.ID, "password").send_keys(password)
        browser.find_element(By.ID, "signin-button").click()
        self.wait_id(browser, "who")
        self.assertEqual(browser.find_element(By.ID, "who").text, name)
        return browser

    def wait_id(self, browser, ident, timeout=10):
        """The element with id `ident` once the page has it; else a failure that tells where the
        browser is and what the page says (its data-reason)."""
        from selenium.common.exceptions import TimeoutException
        _webdriver, _Service, By, EC, Wait = import_selenium()
        try:
            return Wait(browser, timeout).until(EC.presence_of_element_located((By.ID, ident)))
        except TimeoutException:
            pass
        source = browser.page_source
        reasons = re.findall(r'data-reason="([^"]*)"', source)
        self.fail(f"no #{ident} in {timeout}s at {browser.current_url} "
                  f"(data-reason {reasons}; browser log {browser.get_log('browser')})\n"
                  f"{source[:1500]}")

    def assert_no_alert(self, browser):
        from selenium.common.exceptions import NoAlertPresentException
        time.sleep(0.3)   # an onload / onerror handler has run by now
        try:
            alert = browser.switch_to.alert
        except NoAlertPresentException:
            return
        text = alert.text
        alert.dismiss()
        self.fail(f"a script ran in the page: alert({text!r}) at {browser.current_url}")

    # ---- mail ----------------------------------------------------------------------------------
    def submit_many(self, user, messages, rcpt="many@other.test"):
        """Each message submitted (smtps, AUTH) over one connection, in order."""
        client = self.server.submission_session(user, PW, listener="smtps")
        try:
            for message in messages:
                reply = transaction(client, user, [rcpt], message)
                self.assertEqual(reply.code, 250, f"{reply}\n{client.transcript()}")
        finally:
            client.close()

    def iso2022jp(self, subject, body, sender=ALICE, to="seikyu@other.test"):
        """A message as a Japanese mailer writes it: ISO-2022-JP subject (RFC 2047) and body."""
        m = email.mime.text.MIMEText(body, "plain", "iso-2022-jp")
        m["Subject"] = email.header.Header(subject, "iso-2022-jp")
        m["From"], m["To"] = sender, to
        m["Date"] = email.utils.formatdate(localtime=True)
        m["Message-ID"] = f"<{uuid.uuid4().hex}@example.test>"
        raw = m.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))
        self.assertIn(b"=?iso-2022-jp?", raw.lower())
        self.assertIn(b"\x1b$B", raw)
        return raw

    # ---- 1: a person in Chromium ---------------------------------------------------------------
    def test_chromium_sign_in_search_open_sign_out(self):
        t = tag("cr")
        subject = f"{SEIKYU}書の件 {t}"
        body = f"{SEIKYU}書を送付いたします。\nご確認ください。\n{t}\n"
        self.submit(ALICE, ["seikyu@other.test"], self.iso2022jp(subject, body))
        # 請 and 求 apart, not the word: not found by it.
        self.submit(ALICE, ["seikyu@other.test"],
                    self.iso2022jp(f"ご要望の件 {t}", f"請け負った業務の要求事項です。\n{t}\n"))
        wanted = self.one_id_of(SEIKYU)
        self.assertEqual(len(self.search(t)), 2)

        browser, By = self.browser_signin_page()
        self.assertEqual(browser.find_element(By.TAG_NAME, "html").get_attribute("lang"), "ja")
        browser = self.browser_sign_in()
        self.assertEqual(urllib.parse.urlsplit(browser.current_url).path, "/archive")
        self.assertEqual(browser.find_element(By.TAG_NAME, "html").get_attribute("lang"), "ja")

        from selenium.webdriver.common.keys import Keys
        searches = len(self.audit_lines("search", SEARCHER, SEIKYU))
        q = browser.find_element(By.CSS_SELECTOR, "#search [name=q]")
        q.send_keys(SEIKYU)
        q.send_keys(Keys.ENTER)
        self.wait_id(browser, "count")
        rows = browser.find_elements(By.CSS_SELECTOR, "#results tr.result")
        self.assertEqual([r.get_attribute("data-id") for r in rows], [wanted])
        self.assertEqual(browser.find_element(By.CSS_SELECTOR, "#search [name=q]")
                         .get_attribute("value"), SEIKYU)
        self.assertEqual(rows[0].find_element(By.CSS_SELECTOR, "td.subject").text, subject)
        self.assertEqual(len(self.audit_lines("search", SEARCHER, SEIKYU)), searches + 1,
                         "the search is not audited with the search user's name")

        rows[0].find_element(By.CSS_SELECTOR, "td.subject a").click()
        self.wait_id(browser, "subject")
        self.assertEqual(urllib.parse.urlsplit(browser.current_url).path, "/archive/message")
        self.assertEqual(browser.find_element(By.ID, "subject").text, subject)
        self.assertIn(ALICE, browser.find_element(By.ID, "from").text)
        self.assertIn("seikyu@other.test", browser.find_element(By.ID, "to").text)
        self.assertTrue(browser.find_element(By.ID, "date").text.strip())
        shown = browser.find_element(By.ID, "body").text
        self.assertIn(f"{SEIKYU}書を送付いたします。", shown)
        self.assertIn("ご確認ください。", shown)
        self.assertEqual(browser.find_elements(By.CSS_SELECTOR, "#attachments li"), [])
        self.assertTrue(browser.find_element(By.ID, "download").get_attribute("href")
                        .endswith(f"/archive/raw?id={wanted}"))

        browser.get(self.base() + "/archive")
        self.wait_id(browser, "signout")
        browser.find_element(By.ID, "signout").click()
        self.wait_id(browser, "signin")
        self.assertEqual(urllib.parse.urlsplit(browser.current_url).path, "/archive")
        cookie = browser.get_cookie(COOKIE)
        self.assertTrue(cookie is None or not cookie.get("value"), f"cookie left: {cookie}")
        browser.get(self.base() + f"/archive/message?id={wanted}")
        self.wait_id(browser, "signin")
        self.assertEqual(browser.find_elements(By.ID, "subject"), [])

    # ---- 2: sign-in failures ---------------------------------------------------------------
    def test_wrong_password_and_unknown_name_get_the_same_401(self):
        source = "127.0.0.65"   # failures of its own: other tests' address is not throttled
        unknown = "kensakx"     # as long as SEARCHER
        bodies = {}
        for name, password in ((SEARCHER, "wrong-password-1"), (unknown, SEARCHER_PW),
                               ("admin", SEARCHER_PW), ("provadmin", SEARCHER_PW)):
            reply = self.post("/archive/signin", {"name": name, "password": password},
                              source=source)
            self.assert_signin_page(reply, 401, "signin")
            # The name typed may be given back in its box; nothing else may differ.
            bodies[name] = reply.text.replace(f'value="{html.escape(name, quote=True)}"',
                                              'value="NAME"')
        self.assertEqual(bodies[unknown], bodies[SEARCHER],
                         "a wrong password and an unknown name are told apart")
        self.assertEqual(bodies["admin"], bodies[SEARCHER])
        self.assertEqual(bodies["provadmin"], bodies[SEARCHER])
        page = self.assert_signin_page(self.get("/archive"))
        self.assertIsNone(page.by_id("error"), "an error shown on a fresh sign-in page")

    def test_throttled_at_the_eleventh_attempt(self):
        source = "127.0.0.66"
        for attempt in range(1, 11):
            reply = self.post("/archive/signin", {"name": THROTTLED, "password": f"bad-{attempt}"},
                              source=source)
            self.assertEqual(reply.status, 401, f"attempt {attempt}\n{reply}")
        reply = self.post("/archive/signin", {"name": THROTTLED, "password": THROTTLED_PW},
                          source=source)
        self.assert_signin_page(reply, 429, "throttled")
        self.assertEqual(self.cookie_of(reply), (None, {}))
        # Another address is not held back by this one's failures.
        self.sign_in(THROTTLED, THROTTLED_PW, source="127.0.0.67")

    # ---- 3: a user limited to one account --------------------------------------------------
    def test_limited_user_sees_only_its_accounts_entries(self):
        t = tag("lim")
        self.submit(ALICE, ["lim-a@other.test"], build("limited alice", f"共通の語 {t}", to="lim-a@other.test"))
        self.submit(BOB, ["lim-b@other.test"], build("limited bob", f"共通の語 {t}", sender=BOB,
                                                        to="lim-b@other.test"))
        alices = self.cli_ids(t, "--from", ALICE)
        bobs = self.cli_ids(t, "--from", BOB)
        self.assertEqual((len(alices), len(bobs)), (1, 1))
        alice_id, bob_id = alices[0], bobs[0]

        cookie = self.sign_in(LIMITED, LIMITED_PW)
        self.assertEqual(self.audit_lines("search", LIMITED, t), [])
        page = self.results(cookie, q=t)
        self.assertEqual(page.by_id("who").text, LIMITED)
        self.assertEqual(page.rows(), [alice_id])
        self.assertEqual(len(self.audit_lines("search", LIMITED, t)), 1,
                         "the search is not audited with the search user's name:\n"
                         + self.server.ctl("log", "--limit", "8").stdout)
        self.assertEqual(self.page(self.get(f"/archive/message?id={alice_id}", cookie), 200)
                         .by_id("subject").text, "limited alice")
        self.assertEqual(self.get(f"/archive/raw?id={alice_id}", cookie).status, 200)
        missing = str(10 ** 9 + 7)
        for kind in ("message", "raw"):
            other = self.get(f"/archive/{kind}?id={bob_id}", cookie)
            none = self.get(f"/archive/{kind}?id={missing}", cookie)
            self.page(other, 404, "notfound")
            self.page(none, 404, "notfound")
            self.assertNotIn(b"limited bob", other.body)
            self.assertEqual(other.body, none.body,
                             f"/archive/{kind}: another account's entry and none told apart")

        # The unlimited user sees both, newest first, and the from / to filters.
        cookie = self.sign_in()
        self.assertEqual(self.results(cookie, q=t).rows(), [bob_id, alice_id])
        self.assertEqual(self.cli_ids(t), [bob_id, alice_id])
        self.assertEqual(self.results(cookie, q=t, **{"from": BOB}).rows(), [bob_id])
        self.assertEqual(self.results(cookie, q=t, to="lim-a@other.test").rows(), [alice_id])

    # ---- 4: the message page and raw -------------------------------------------------------
    def test_message_page_and_raw_byte_identical_and_audited(self):
        t = tag("raw")
        content_type, body = multipart_with_attachments(
            f"添付を二点送ります。\r\n{t}",
            [('filename="report.pdf"', b"%PDF-1.4\n" + os.urandom(3000)),
             ('filename="data.bin"', os.urandom(700))])
        self.submit(ALICE, ["raw@other.test"],
                    build("with attachments", body, content_type=content_type, cte=None,
                          to="raw@other.test"))
        self.submit(ALICE, ["raw@other.test"],
                    build("no attachments", f"添付なし {t}", to="raw@other.test"))
        ids = self.cli_ids(t)
        self.assertEqual(len(ids), 2)
        with_att = self.cli_ids(t, "--attachments")
        self.assertEqual(len(with_att), 1)
        with_att = with_att[0]
        cookie = self.sign_in()

        self.assertEqual(self.results(cookie, q=t, att="1").rows(), [with_att])
        page = self.results(cookie, q=t)
        self.assertEqual(page.rows(), ids)
        self.assertIsNotNone(page.by_id("count"))
        self.assertIsNone(page.by_id("noresults"))
        for entry_id in ids:
            row = page.find_all("tr", cls="result", data_id=entry_id)[0]
            cells = {c: row.find_all("td", cls=c) for c in
                     ("date", "direction", "from", "to", "subject", "size")}
            self.assertTrue(all(len(v) == 1 for v in cells.values()), f"cells of {row}: {cells}")
            links = cells["subject"][0].find_all("a")
            self.assertEqual([a.attrs.get("href") for a in links],
                             [f"/archive/message?id={entry_id}"])
            self.assertIn(ALICE, cells["from"][0].text)
            self.assertIn("raw@other.test", cells["to"][0].text)

        page = self.page(self.get(f"/archive/message?id={with_att}", cookie), 200)
        self.assertEqual(page.by_id("subject").text, "with attachments")
        self.assertIn(t, page.by_id("body").text)
        self.assertEqual(page.by_id("body").tag, "pre")
        items = page.by_id("attachments").find_all("li")
        self.assertEqual(len(items), 2, page.source)
        self.assertIn("report.pdf", items[0].text + items[1].text)
        self.assertIn("data.bin", items[0].text + items[1].text)
        download = page.by_id("download")
        self.assertEqual((download.tag, download.attrs.get("href")),
                         ("a", f"/archive/raw?id={with_att}"))

        exports = len(self.audit_lines("export", SEARCHER))
        reply = self.get(f"/archive/raw?id={with_att}", cookie)
        self.assertEqual(reply.status, 200, reply)
        self.assert_headers(reply, html_page=False)
        self.assertEqual(reply.header("Content-Type", "").split(";")[0].strip().lower(),
                         "message/rfc822", reply)
        self.assertEqual(reply.header("Content-Disposition"),
                         f'attachment; filename="{with_att}.eml"')
        self.assertEqual(reply.body, self.server.ctl_bytes("archive", "show", with_att))
        self.assertEqual(len(self.audit_lines("export", SEARCHER)), exports + 1,
                         "the download is not audited as archive-export with the user's name:\n"
                         + self.server.ctl("log", "--limit", "8").stdout)

    # ---- 5: hostile input --------------------------------------------------------------------
    def test_hostile_queries_are_text(self):
        cookie = self.sign_in()
        for q in HOSTILE + (" ".join(HOSTILE),):
            with self.subTest(q=q):
                reply = self.get(self.search_path(q=q), cookie)
                page = self.page(reply, 200)
                self.assertNotIn("<script>alert", reply.text)
                self.assertNotIn("<img src=x", reply.text)
                boxes = page.find_all("input", name="q")
                self.assertEqual([b.attrs.get("value") for b in boxes], [q], "q shown back")
                self.assertTrue(page.by_id("count") is not None or
                                page.by_id("noresults") is not None, reply)

        browser = self.browser_sign_in()
        By = import_selenium()[2]
        for q in (HOSTILE[0], HOSTILE[7]):
            browser.get(self.base() + self.search_path(q=q))
            self.assert_no_alert(browser)
            self.wait_id(browser, "search")
            self.assertEqual(browser.find_element(By.CSS_SELECTOR, "#search [name=q]")
                             .get_attribute("value"), q)
            self.assertEqual(browser.find_elements(By.CSS_SELECTOR, "img"), [])

    def test_html_mail_previewed_as_text(self):
        beacon = socket.socket()
        beacon.bind((HOST, 0))
        beacon.listen(8)
        self.addCleanup(beacon.close)
        fetched = []

        def serve():
            while True:
                try:
                    conn, _ = beacon.accept()
                except OSError:
                    return
                fetched.append(conn.recv(1024))
                conn.close()

        threading.Thread(target=serve, daemon=True).start()
        url = f"http://{HOST}:{beacon.getsockname()[1]}/beacon.png"
        t = tag("html")
        subject = f"<b>太字の件名</b> {t}"
        self.submit(ALICE, ["html@other.test"], build(
            subject, f'<html><body><p>本文テキスト {t}</p><script>alert("mail")</script>'
                     f'<img src="{url}" onerror="alert(\'img\')"><p onclick="alert(3)">続き</p>'
                     f'</body></html>', content_type="text/html; charset=UTF-8"))
        entry = self.one_id_of(t)
        cookie = self.sign_in()

        reply = self.get(self.search_path(q=t), cookie)
        page = self.page(reply, 200)
        self.assertEqual(page.rows(), [entry])
        self.assertEqual(page.find_all("td", cls="subject")[0].text.strip(), subject)
        self.assertNotIn("<b>太字", reply.text)

        reply = self.get(f"/archive/message?id={entry}", cookie)
        page = self.page(reply, 200)
        self.assertEqual(page.by_id("subject").text, subject)
        body = page.by_id("body")
        self.assertEqual(body.tag, "pre")
        self.assertEqual([n.tag for n in body.find_all() if n.tag in
                          ("script", "img", "iframe", "object", "embed", "style", "svg", "p")], [],
                         "the mail's markup is in the page as markup")
        self.assertIn("本文テキスト", body.text)
        self.assertNotIn("<script>alert", reply.text)
        self.assertNotIn("<img src=", reply.text)

        browser = self.browser_sign_in()
        By = import_selenium()[2]
        browser.get(self.base() + f"/archive/message?id={entry}")
        self.assert_no_alert(browser)
        self.wait_id(browser, "body")
        self.assertEqual(browser.find_elements(By.CSS_SELECTOR, "img"), [])
        self.assertEqual(browser.find_elements(By.CSS_SELECTOR, ", ".join(
            f"#body {name}" for name in ("img", "script", "p", "iframe", "object", "embed", "style"))),
            [], "the mail's markup rendered")
        self.assertIn("本文テキスト", browser.find_element(By.ID, "body").text)
        self.assertEqual(browser.find_element(By.ID, "subject").text, subject)
        time.sleep(0.5)
        self.assertEqual(fetched, [], "the mail's image was fetched")

    # ---- 6: sessions --------------------------------------------------------------------------
    def test_sessions_and_the_cookie(self):
        some_id = self.one_id_of(self.seed("sess"))
        protected = (f"/archive/message?id={some_id}", f"/archive/raw?id={some_id}")

        def assert_locked_out(cookie):
            self.assert_signin_page(self.get("/archive", cookie))
            self.assert_signin_page(self.get(self.search_path(q="x"), cookie))
            for path in protected:
                self.assert_redirect_to_archive(self.get(path, cookie))

        # No cookie, and forged ones.
        assert_locked_out(None)
        good = self.sign_in()
        flipped = good[:-1] + ("A" if good[-1] != "A" else "B")
        for forged in ("", "A" * 43, flipped, good + "x", "1", SEARCHER):
            assert_locked_out(forged)

        # The cookie's attributes; a new opaque value at each sign-in.
        reply = self.post("/archive/signin", {"name": SEARCHER, "password": SEARCHER_PW})
        self.assert_redirect_to_archive(reply)
        value, attrs = self.cookie_of(reply)
        self.assertEqual(attrs.get("path"), "/archive", reply)
        self.assertIn("secure", attrs, reply)
        self.assertIn("httponly", attrs, reply)
        self.assertEqual(attrs.get("samesite", "").lower(), "strict", reply)
        self.assertNotEqual(value, good)
        self.assertGreaterEqual(len(value), 16, f"{value!r}: too short to be unguessable")
        self.assertNotIn(SEARCHER, value)
        self.assertNotIn(SEARCHER_PW, value)

        # A live session works; unknown paths under /archive are 404.
        page = self.page(self.get("/archive", value), 200)
        self.assertEqual(page.by_id("who").text, SEARCHER)
        for path in ("/archive/nosuch", "/archive/message/x", "/archive/signin/x"):
            self.assertEqual(self.get(path, value).status, 404, path)

        # Signed out: the cookie cleared, the old value dead; the other session still alive.
        reply = self.post("/archive/signout", {}, value)
        self.assert_redirect_to_archive(reply)
        cleared, cleared_attrs = self.cookie_of(reply)
        expired = cleared_attrs.get("max-age") == "0" or (
            "expires" in cleared_attrs and email.utils.parsedate_to_datetime(
                cleared_attrs["expires"]) < datetime.datetime.now(datetime.timezone.utc))
        self.assertTrue(cleared == "" or expired, f"cookie not cleared: {reply}")
        assert_locked_out(value)
        self.assertEqual(self.page(self.get("/archive", good), 200).by_id("who").text, SEARCHER)

        # Sessions are in the server's memory only.
        self.server.restart()
        assert_locked_out(good)
        self.sign_in()

    def one_id_of(self, query):
        """The id of the one entry the CLI finds (ArchiveChecks.one fails unless exactly one)."""
        return str(self.one(query)["id"])

    def seed(self, prefix):
        t = tag(prefix)
        self.submit(ALICE, [f"{prefix}@other.test"], build(prefix, f"種 {t}"))
        return t

    def test_search_page_form(self):
        cookie = self.sign_in()
        page = self.page(self.get("/archive", cookie), 200)
        self.assertEqual(page.root.find_all("html")[0].attrs.get("lang"), "ja")
        self.assertEqual(page.by_id("who").tag, "span")
        self.assertEqual(page.by_id("who").text, SEARCHER)
        form = page.by_id("search")
        self.assertEqual((form.tag, form.attrs.get("method", "").lower(), form.attrs.get("action")),
                         ("form", "get", "/archive"))
        names = {n.attrs.get("name") for n in form.find_all() if n.tag in ("input", "select")}
        self.assertTrue({"q", "since", "until", "from", "to", "dir", "att"} <= names, names)
        select = form.find_all("select", name="dir")
        self.assertEqual(len(select), 1)
        # An option's value is its text when it has no value attribute (what a browser sends).
        self.assertEqual(sorted(o.attrs.get("value", o.text.strip())
                                for o in select[0].find_all("option")), ["", "received", "sent"])
        att = form.find_all("input", name="att")[0]
        self.assertEqual((att.attrs.get("type"), att.attrs.get("value")), ("checkbox", "1"))
        signout = [f for f in page.find_all("form") if f.attrs.get("action") == "/archive/signout"]
        self.assertEqual(len(signout), 1)
        self.assertEqual(signout[0].attrs.get("method", "").lower(), "post")
        self.assertEqual(signout[0].find_all("button", id="signout")[0].tag, "button")
        # No parameter: no results yet.
        self.assertIsNone(page.by_id("results"))
        self.assertIsNone(page.by_id("count"))

    # ---- 7: paging and filters -------------------------------------------------------------
    def test_paging_keeps_every_filter(self):
        t = tag("pg")
        today_before = datetime.date.today()
        self.submit_many(ALICE, [build(f"page {i}", f"頁 {t} {i}", to="many@other.test")
                                 for i in range(60)])
        for i in range(3):
            self.server.deliver(ALICE, build(f"received {i}", f"受信 {t}", sender="p@other.test",
                                             to=ALICE), sender="p@other.test")
        today = datetime.date.today()
        sent = self.cli_ids(t, "--direction", "sent")
        every = wait_for("63 entries", lambda: (lambda ids: ids if len(ids) >= 63 else None)(
            self.cli_ids(t)))
        self.assertEqual(len(every), 63)
        self.assertEqual(len(sent), 60)
        cookie = self.sign_in()

        def pages(**params):
            """Every page of the results: (row ids per page, the #next hrefs' queries)."""
            path, seen, queries = self.search_path(**params), [], []
            while path:
                page = self.results(cookie, **dict(urllib.parse.parse_qsl(
                    urllib.parse.urlsplit(path).query, keep_blank_values=True)))
                seen.append(page.rows())
                nxt = page.by_id("next")
                path = nxt.attrs.get("href") if nxt is not None else None
                if path:
                    self.assertEqual(nxt.tag, "a")
                    self.assertIn(urllib.parse.urlsplit(path).path, ("/archive", ""), path)
                    queries.append(dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query)))
                    self.assertLess(len(seen), 5, "paging does not end")
            return seen, queries

        seen, queries = pages(q=t, dir="sent")
        self.assertEqual([len(p) for p in seen], [PAGE_SIZE, 10])
        self.assertEqual(seen[0] + seen[1], sent, "pages in the CLI's order, no overlap, none lost")
        self.assertEqual((queries[0].get("q"), queries[0].get("dir")), (t, "sent"), queries)

        seen, _ = pages(q=t)
        self.assertEqual([len(p) for p in seen], [PAGE_SIZE, 13])
        self.assertEqual(seen[0] + seen[1], every)

        # Every filter carried to the next page.
        yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
        params = {"q": t, "dir": "sent", "since": str(yesterday), "until": str(tomorrow),
                  "from": ALICE, "to": "many@other.test"}
        seen, queries = pages(**params)
        self.assertEqual(seen[0] + seen[1], sent)
        for key, value in params.items():
            self.assertEqual(queries[0].get(key), value, f"{key} lost on #next: {queries}")
        seen, _ = pages(q=t, dir="received")
        self.assertEqual([len(p) for p in seen], [3])
        self.assertEqual(seen[0], [i for i in every if i not in sent])

        # Dates: until inclusive, since and until both.
        if today == today_before:
            seen, _ = pages(q=t, dir="sent", until=str(today))
            self.assertEqual(seen[0] + seen[1], sent, "until is not inclusive")
            seen, _ = pages(q=t, dir="sent", since=str(today), until=str(today))
            self.assertEqual(seen[0] + seen[1], sent)
        for params in ({"until": str(yesterday)}, {"since": str(tomorrow)},
                       {"att": "1"}, {"from": BOB}):
            page = self.results(cookie, q=t, **params)
            self.assertEqual(page.rows(), [], params)
            self.assertIsNotNone(page.by_id("noresults"), params)
            self.assertIsNone(page.by_id("next"), params)

    # ---- 8: bad queries ----------------------------------------------------------------------
    def test_bad_queries_are_400(self):
        cookie = self.sign_in()
        words = [f"kotoba{i:02d}" for i in range(33)]
        bad = [{"q": " ".join(words)}, {"q": "x", "since": "2026-13-40"},
               {"q": "x", "until": "2026-02-30"}, {"q": "x", "since": "yesterday"},
               {"q": "x", "since": "2026-05-02", "until": "2026-05-01"}]
        for params in bad:
            with self.subTest(params=params):
                page = self.results(cookie, 400, "invalid", **params)
                self.assertEqual(page.by_id("error").attrs.get("data-reason"), "invalid")
                self.assertEqual(page.rows(), [])
        good = [{"q": " ".join(words[:32])}, {"q": " ".join(words[:32] + words[:1])},
                {"q": "x", "since": "2026-05-01", "until": "2026-05-01"}]
        for params in good:
            with self.subTest(params=params):
                page = self.results(cookie, 200, **params)
                self.assertIsNone(page.by_id("error"), page.source)


if __name__ == "__main__":
    unittest.main()
