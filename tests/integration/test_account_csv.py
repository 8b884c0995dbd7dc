"""Accounts in bulk (issue 16): `fumibakoctl account export FILE` and `account import FILE
[--dry-run]`, through the real CLI on a running server's data dir, the CSV read back with
python's csv module and the imported accounts used with poplib.

- Export is what Excel opens right: UTF-8 with a BOM, CRLF, every field quoted, no password
  column; 0012, -a, _b and Japanese display names come back exactly; the last POP3 login shows.
- Import creates, updates and leaves alone line by line; a new account without a password gets a
  generated one that logs in; --dry-run changes nothing; one refused line (each reason named with
  its line) and nothing at all changes.
"""

import csv
import io
import os
import poplib
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fumibako_fixture import DOMAIN, HOST, ServerTestCase  # noqa: E402

HEADER_JA = ["メールアドレス", "表示名", "権限", "容量上限（バイト）", "通数上限", "使用量（バイト）",
             "保存通数", "状態", "作成日時", "最終ログイン"]


def write_csv(path, rows, bom=True, newline="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator=newline)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


class AccountCsvTest(ServerTestCase):
    ACCOUNTS = {f"0012@{DOMAIN}": "first-password-1", f"-a@{DOMAIN}": "second-password-2",
                f"_b@{DOMAIN}": None}
    CONFIG = {"auth.failure_delay_ms": 0, "auth.allow_plaintext_loopback": "true"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Japanese display names set through the CLI before anything is exported.
        cls.names = {f"0012@{DOMAIN}": "山田 太郎", f"-a@{DOMAIN}": "ｶﾅ 半角",
                     f"_b@{DOMAIN}": "\"引用\", カンマ"}

    def setUp(self):
        self.path = os.path.join(self.server.tmp, f"{self._testMethodName}.csv")

    def export(self):
        self.server.ctl("account", "export", self.path)
        with open(self.path, "rb") as f:
            return f.read()

    def rows(self, data):
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM")
        text = data[3:].decode("utf-8")
        return list(csv.reader(io.StringIO(text, newline="")))

    def by_address(self, rows):
        return {r[0]: r for r in rows[1:]}

    def import_(self, *extra, check=False):
        return self.server.ctl("account", "import", self.path, *extra, check=check)

    def set_names(self):
        rows = [HEADER_JA[:2]] + [[a, n] for a, n in self.names.items()]
        write_csv(self.path, rows)
        res = self.import_(check=True)
        return res

    def test_export_is_excel_csv_and_round_trips(self):
        self.set_names()
        data = self.export()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf\"\xe3\x83\xa1"), data[:20])
        body = data[3:]
        self.assertNotIn(b"\n", body.replace(b"\r\n", b""), "a line end other than CRLF")
        for line in body.split(b"\r\n"):
            if line:
                self.assertTrue(line.startswith(b'"') and line.endswith(b'"'), line)
        rows = self.rows(data)
        self.assertEqual(rows[0], HEADER_JA)
        self.assertNotIn("パスワード", rows[0])
        got = self.by_address(rows)
        for address, name in self.names.items():
            self.assertIn(address, got)
            self.assertEqual(got[address][1], name)
            self.assertEqual(got[address][7], "有効")
        self.assertEqual(got[f"0012@{DOMAIN}"][0], f"0012@{DOMAIN}")
        # No hash or password anywhere in the file.
        self.assertNotIn(b"scrypt", data)
        self.assertNotIn(b"first-password-1", data)
        # Imported back unchanged: every line reported unchanged, nothing different after.
        write_csv(self.path, rows)
        res = self.import_(check=True)
        self.assertIn("0 to create, 0 to update", res.stdout)
        self.assertEqual(self.rows(self.export())[1:], rows[1:])

    def test_last_login_is_exported(self):
        user = f"0012@{DOMAIN}"
        pop = poplib.POP3(HOST, self.server.ports["pop3"], timeout=20)
        pop.user(user)
        pop.pass_("first-password-1")
        pop.quit()
        for _ in range(50):  # the login's log line is written by the store's writer
            got = self.by_address(self.rows(self.export()))
            if got[user][9]:
                break
        self.assertRegex(got[user][9], r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$")
        self.assertEqual(got[f"_b@{DOMAIN}"][9], "")
        self.assertRegex(got[user][8], r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$")

    def test_import_creates_with_generated_or_given_password(self):
        new1, new2 = f"new-0001@{DOMAIN}", f"_new2@{DOMAIN}"
        write_csv(self.path, [["address", "display name", "role", "quota bytes", "password"],
                              [new1, "新規 一郎", "一般", "1,048,576", ""],
                              [new2, "新規 二郎", "admin", "0", "given-password-9"]],
                  bom=False, newline="\n")
        dry = self.import_("--dry-run", check=True)
        self.assertIn("line 2: create " + new1, dry.stdout)
        self.assertIn("nothing changed (dry run)", dry.stdout)
        self.assertNotIn(new1, self.server.accounts())
        res = self.import_(check=True)
        generated = None
        for line in res.stdout.splitlines():
            if line.startswith("line 2: create " + new1):
                generated = line.split("password: ")[1].strip()
        self.assertTrue(generated and len(generated) >= 12, res.stdout)
        self.assertNotIn("line 3: create " + new2 + "\tpassword", res.stdout)
        accounts = self.server.accounts()
        self.assertEqual(accounts[new1][0], "user")
        self.assertEqual(accounts[new1][3], 1048576)
        self.assertEqual(accounts[new2][0], "admin")
        for user, password in ((new1, generated), (new2, "given-password-9")):
            pop = poplib.POP3(HOST, self.server.ports["pop3"], timeout=20)
            pop.user(user)
            self.assertTrue(pop.pass_(password).startswith(b"+OK"))
            pop.quit()
        got = self.by_address(self.rows(self.export()))
        self.assertEqual(got[new1][1], "新規 一郎")

    def test_import_updates_known_accounts(self):
        user = f"-a@{DOMAIN}"
        write_csv(self.path, [["メールアドレス", "状態", "通数上限", "表示名"],
                              [user, "無効", "500", "更新 後"]])
        res = self.import_(check=True)
        self.assertIn(f"line 2: update {user}", res.stdout)
        got = self.by_address(self.rows(self.export()))
        self.assertEqual(got[user][1], "更新 後")
        self.assertEqual(got[user][4], "500")
        self.assertEqual(got[user][7], "無効")
        write_csv(self.path, [["メールアドレス", "状態"], [user, "有効"]])
        self.import_(check=True)
        self.assertEqual(self.server.accounts()[user][1], "enabled")

    def test_one_bad_line_and_nothing_changes(self):
        before = self.export()
        good = f"would-be-created@{DOMAIN}"
        rows = [["メールアドレス", "表示名", "権限", "容量上限（バイト）", "状態", "パスワード"],
                [good, "正しい行", "一般", "0", "有効", ""],                      # 2
                ["not an address", "", "", "", "", ""],                            # 3
                ["someone@other-domain.test", "", "", "", "", ""],                 # 4
                [f"q@{DOMAIN}", "", "", "-5", "", ""],                             # 5
                [f"r@{DOMAIN}", "", "社長", "", "", ""],                           # 6
                [f"s@{DOMAIN}", "", "", "", "たぶん", ""],                         # 7
                [f"t@{DOMAIN}", "", "", "", "", "short"],                          # 8
                [good.upper(), "", "", "", "", ""],                                # 9 duplicate
                [f"postmaster@{DOMAIN}", "", "", "", "", ""],                      # 10 reserved
                [f"0012@{DOMAIN}", "", "送信専用", "", "", ""]]                    # 11
        write_csv(self.path, rows)
        res = self.import_()
        self.assertEqual(res.returncode, 1, res.stdout + res.stderr)
        for n in range(3, 12):
            self.assertRegex(res.stdout, rf"(?m)^line {n}: refused ", res.stdout)
        self.assertIn("line 2: create " + good, res.stdout)
        self.assertIn("nothing changed", res.stdout)
        self.assertNotIn(good, self.server.accounts())
        self.assertEqual(self.export(), before)

    def test_not_csv_is_refused_clearly(self):
        with open(self.path, "wb") as f:
            f.write("メールアドレス\r\nx@example.test\r\n".encode("shift_jis"))
        res = self.import_()
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("UTF-8", res.stderr + res.stdout)
        with open(self.path, "wb") as f:
            f.write(b'"address","display name"\r\n"a@' + DOMAIN.encode() + b'","open quote\r\n')
        res = self.import_()
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("not closed", res.stderr + res.stdout)
        write_csv(self.path, [["表示名"], ["名前だけ"]])
        res = self.import_()
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("address", res.stderr + res.stdout)


if __name__ == "__main__":
    unittest.main()
