#!/usr/bin/env python3
"""curl as a real third-party client: sending over submission (STARTTLS) and smtps, listing and
retrieving over pop3 (STLS) and pop3s, and being refused without TLS or credentials.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_curl.py
"""

import os
import re
import shutil
import subprocess
import unittest

from fumibako_fixture import HOST, ServerTestCase, make_message, unique

PW = "curl-password-9"


def setUpModule():
    if shutil.which("curl") is None:
        raise RuntimeError("curl is not installed (scripts/test installs it)")


class CurlTestCase(ServerTestCase):

    def curl(self, url, *args):
        cmd = ["curl", "--silent", "--show-error", "--connect-timeout", "10", "--max-time", "30",
               url, *args]
        return subprocess.run(cmd, capture_output=True, timeout=60)

    def message_file(self, subject, sender, to):
        path = os.path.join(self.server.tmp, f"{subject}.eml")
        with open(path, "wb") as f:
            f.write(make_message(subject, sender=sender, to=to))
        return path

    def assertCurlOk(self, res):
        self.assertEqual(res.returncode, 0, f"{res.args}\nstderr: {res.stderr.decode()}")


class CurlSubmissionTest(CurlTestCase):

    ACCOUNTS = {"alice@example.test": PW, "bob@example.test": PW}

    def send(self, scheme, listener, subject, *extra, mail_from="alice@example.test",
             user="alice@example.test:" + PW):
        path = self.message_file(subject, mail_from, "bob@example.test")
        args = ["--mail-from", mail_from, "--mail-rcpt", "bob@example.test", "-T", path, *extra]
        if user:
            args += ["--user", user]
        return self.curl(f"{scheme}://{HOST}:{self.server.ports[listener]}", *args)

    def test_curl_sends_over_submission_with_starttls(self):
        subject = unique("curl-sub")
        self.assertCurlOk(self.send("smtp", "submission", subject, "--ssl-reqd", "-k"))
        self.assertIn(subject, self.server.subjects("bob@example.test"))

    def test_curl_sends_over_smtps(self):
        subject = unique("curl-smtps")
        self.assertCurlOk(self.send("smtps", "smtps", subject, "-k"))
        self.assertIn(subject, self.server.subjects("bob@example.test"))

    def test_curl_without_credentials_is_refused(self):
        subject = unique("curl-noauth")
        res = self.send("smtp", "submission", subject, "--ssl-reqd", "-k", user=None)
        self.assertNotEqual(res.returncode, 0)
        self.assertNotIn(subject, self.server.subjects("bob@example.test"))

    def test_curl_without_tls_cannot_authenticate(self):
        subject = unique("curl-plain")
        res = self.send("smtp", "submission", subject)
        self.assertNotEqual(res.returncode, 0)
        self.assertNotIn(subject, self.server.subjects("bob@example.test"))

    def test_curl_with_someone_elses_mail_from_is_refused(self):
        subject = unique("curl-forged")
        res = self.send("smtp", "submission", subject, "--ssl-reqd", "-k",
                        mail_from="bob@example.test")
        self.assertNotEqual(res.returncode, 0)
        self.assertNotIn(subject, self.server.subjects("bob@example.test"))


class CurlPop3Test(CurlTestCase):

    ACCOUNTS = {"carol@example.test": PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for i in range(2):
            cls.server.deliver("carol@example.test",
                               make_message(unique(f"curl-pop{i}"), to="carol@example.test",
                                            body="line one\r\n.dot line\r\nline three\r\n"))

    def pop(self, scheme, listener, path="/", *extra, user="carol@example.test:" + PW):
        return self.curl(f"{scheme}://{HOST}:{self.server.ports[listener]}{path}",
                         "--user", user, *extra)

    def expected_listing(self):
        p = self.server.pop3("carol@example.test")
        try:
            return [line.decode() for line in p.list()[1]]
        finally:
            p.quit()

    def test_curl_lists_over_pop3_with_stls(self):
        res = self.pop("pop3", "pop3", "/", "--ssl-reqd", "-k")
        self.assertCurlOk(res)
        lines = res.stdout.decode().splitlines()
        self.assertTrue(all(re.fullmatch(r"\d+ \d+", l) for l in lines), lines)
        self.assertEqual(lines, self.expected_listing())

    def test_curl_lists_over_pop3s(self):
        res = self.pop("pop3s", "pop3s", "/", "-k")
        self.assertCurlOk(res)
        self.assertEqual(res.stdout.decode().splitlines(), self.expected_listing())

    def test_curl_retrieves_the_same_message_over_pop3_and_pop3s(self):
        expected = self.server.messages("carol@example.test")[1]
        for scheme, listener, extra in [("pop3", "pop3", ["--ssl-reqd", "-k"]),
                                        ("pop3s", "pop3s", ["-k"])]:
            with self.subTest(scheme=scheme):
                res = self.pop(scheme, listener, "/2", *extra)
                self.assertCurlOk(res)
                self.assertEqual(res.stdout, expected)

    def test_curl_without_tls_cannot_log_in(self):
        res = self.pop("pop3", "pop3", "/")
        self.assertNotEqual(res.returncode, 0, res.stdout)
        self.assertEqual(res.stdout, b"")

    def test_curl_with_wrong_password_cannot_log_in(self):
        res = self.pop("pop3s", "pop3s", "/", "-k", user="carol@example.test:wrong")
        self.assertEqual(res.returncode, 67, res.stderr)  # CURLE_LOGIN_DENIED
        self.assertEqual(res.stdout, b"")


if __name__ == "__main__":
    unittest.main()
