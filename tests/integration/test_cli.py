#!/usr/bin/env python3
"""fumibakoctl: init, account and config commands, their refusals, and their effect on a server
started afterwards. Exit 0 on success; on error non-zero and a message on stderr.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_cli.py
"""

import contextlib
import os
import poplib
import signal
import stat
import subprocess
import unittest

from fumibako_fixture import (LISTENERS, Server, ServerTestCase, free_port, make_message, transaction,
                              wait_for)

PW = "cli password 42"
DEFAULTS = {
    "smtp.max_message_size": "20971520",
    "smtp.max_recipients": "100",
    "auth.failure_delay_ms": "2000",
    "auth.lockout_failures": "10",
    "auth.lockout_minutes": "15",
    "limits.connections_per_ip": "50",
    "limits.protocol_errors": "20",
}


class CliTestCase(unittest.TestCase):
    """A fresh, initialised data dir per test (no server running)."""

    def setUp(self):
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()

    def ctl(self, *args, stdin=None):
        return self.server.ctl(*args, stdin=stdin, check=False)

    def assertRefused(self, res):
        self.assertNotEqual(res.returncode, 0, f"accepted: {res.args}\nstdout: {res.stdout}")
        self.assertTrue(res.stderr.strip(), f"no message on stderr: {res.args}")

    def assertOk(self, res):
        self.assertEqual(res.returncode, 0, f"{res.args}\nstdout: {res.stdout}\n"
                                            f"stderr: {res.stderr}")


class InitTest(CliTestCase):

    def test_init_creates_sqlite_database_certificate_and_key(self):
        d = self.server.data_dir
        with open(os.path.join(d, "tls", "cert.pem")) as f:
            self.assertIn("-----BEGIN CERTIFICATE-----", f.read())
        with open(os.path.join(d, "tls", "key.pem")) as f:
            self.assertRegex(f.read(), r"-----BEGIN (\w+ )?PRIVATE KEY-----")
        sqlite_files = []
        for root, _dirs, files in os.walk(d):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    if f.read(16) == b"SQLite format 3\0":
                        sqlite_files.append(name)
        self.assertTrue(sqlite_files, f"no SQLite database under {d}")

    def test_init_creates_the_sendonly_noreply_account(self):
        role, state, used, _quota = self.server.accounts()["noreply@example.test"]
        self.assertEqual((role, state, used), ("sendonly", "enabled", 0))

    def test_init_refuses_a_data_dir_that_holds_data(self):
        self.server.add_account("keep@example.test", PW)
        with open(self.server.cert_path, "rb") as f:
            cert = f.read()
        self.assertRefused(self.ctl("init", "--domain", "example.test"))
        self.assertRefused(self.ctl("init", "--domain", "another.test"))
        with open(self.server.cert_path, "rb") as f:
            self.assertEqual(f.read(), cert, "init replaced the certificate")
        self.assertIn("keep@example.test", self.server.accounts())

    def test_private_key_and_data_dir_are_private_to_the_owner(self):
        for path in [self.server.data_dir, os.path.join(self.server.data_dir, "tls", "key.pem")]:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            self.assertEqual(mode & 0o077, 0, f"{path} has mode {mode:o}")

    def test_commands_on_a_dir_never_initialised_fail(self):
        fresh = Server()
        self.addCleanup(fresh.cleanup)
        self.assertRefused(fresh.ctl("account", "list", check=False))
        self.assertRefused(fresh.ctl("account", "add", "a@example.test", "--password-stdin",
                                     stdin=PW + "\n", check=False))


class AccountTest(CliTestCase):

    def test_added_user_is_listed_as_enabled_user_with_no_bytes_used(self):
        self.server.add_account("alice@example.test", PW)
        role, state, used, quota = self.server.accounts()["alice@example.test"]
        self.assertEqual((role, state, used), ("user", "enabled", 0))
        self.assertGreaterEqual(quota, 0)

    def test_added_admin_is_listed_with_admin_role(self):
        self.server.add_account("boss@example.test", PW, admin=True)
        self.assertEqual(self.server.accounts()["boss@example.test"][0], "admin")

    def test_display_name_in_japanese_is_accepted(self):
        self.server.add_account("yamada@example.test", PW, display_name="山田 太郎")
        self.assertIn("yamada@example.test", self.server.accounts())

    def test_adding_an_existing_address_fails(self):
        self.server.add_account("dup@example.test", PW)
        for address in ["dup@example.test", "dup@EXAMPLE.TEST"]:
            with self.subTest(address=address):
                self.assertRefused(self.ctl("account", "add", address, "--password-stdin",
                                            stdin="other password\n"))
        listed = [a for a in self.server.accounts() if a.lower() == "dup@example.test"]
        self.assertEqual(listed, ["dup@example.test"])

    def test_reserved_addresses_cannot_be_added(self):
        for address in ["postmaster@example.test", "mailer-daemon@example.test",
                        "root@example.test", "Postmaster@example.test", "ROOT@example.test"]:
            with self.subTest(address=address):
                self.assertRefused(self.ctl("account", "add", address, "--password-stdin",
                                            stdin=PW + "\n"))
                self.assertNotIn(address.lower(), [a.lower() for a in self.server.accounts()])

    def test_address_of_another_domain_cannot_be_added(self):
        self.assertRefused(self.ctl("account", "add", "alice@other.test", "--password-stdin",
                                    stdin=PW + "\n"))
        self.assertNotIn("alice@other.test", self.server.accounts())

    def test_malformed_addresses_cannot_be_added(self):
        before = set(self.server.accounts())
        for address in ["no-at-sign", "a@b@example.test", "@example.test", "sp ace@example.test",
                        "tab\t@example.test"]:
            with self.subTest(address=address):
                self.assertRefused(self.ctl("account", "add", address, "--password-stdin",
                                            stdin=PW + "\n"))
        self.assertEqual(set(self.server.accounts()), before)

    def test_disable_and_enable_change_the_listed_state(self):
        self.server.add_account("carol@example.test", PW)
        self.assertOk(self.ctl("account", "disable", "carol@example.test"))
        self.assertEqual(self.server.accounts()["carol@example.test"][1], "disabled")
        self.assertOk(self.ctl("account", "enable", "carol@example.test"))
        self.assertEqual(self.server.accounts()["carol@example.test"][1], "enabled")

    def test_del_removes_the_account(self):
        self.server.add_account("dan@example.test", PW)
        self.assertOk(self.ctl("account", "del", "dan@example.test"))
        self.assertNotIn("dan@example.test", self.server.accounts())

    def test_commands_on_an_unknown_account_fail(self):
        for args in [("disable", "ghost@example.test"), ("enable", "ghost@example.test"),
                     ("del", "ghost@example.test"),
                     ("quota", "ghost@example.test", "--bytes", "1", "--messages", "0")]:
            with self.subTest(command=args[0]):
                self.assertRefused(self.ctl("account", *args))
        self.assertRefused(self.ctl("account", "passwd", "ghost@example.test",
                                    "--password-stdin", stdin=PW + "\n"))

    def test_quota_is_listed_and_bad_quota_values_are_refused(self):
        self.server.add_account("erin@example.test", PW)
        self.assertOk(self.ctl("account", "quota", "erin@example.test", "--bytes", "1000",
                               "--messages", "0"))
        self.assertEqual(self.server.accounts()["erin@example.test"][3], 1000)
        for value in ["abc", "-1", "12kb"]:
            with self.subTest(value=value):
                self.assertRefused(self.ctl("account", "quota", "erin@example.test", "--bytes",
                                            value, "--messages", "0"))
        self.assertEqual(self.server.accounts()["erin@example.test"][3], 1000)


class ConfigTest(CliTestCase):

    def config_list(self):
        res = self.ctl("config", "list")
        self.assertOk(res)
        pairs = [line.split("\t", 1) for line in res.stdout.splitlines() if line]
        for pair in pairs:
            self.assertEqual(len(pair), 2, f"not key<TAB>value: {pair}")
        return dict(pairs)

    def test_list_shows_the_documented_defaults(self):
        listed = self.config_list()
        for key, value in DEFAULTS.items():
            self.assertEqual(listed.get(key), value, key)
        self.assertTrue(listed.get("server.hostname"), "server.hostname missing or empty")

    def test_get_prints_the_value(self):
        for key, value in DEFAULTS.items():
            with self.subTest(key=key):
                res = self.ctl("config", "get", key)
                self.assertOk(res)
                self.assertEqual(res.stdout.strip(), value)

    def test_set_value_is_read_back_by_get_and_list(self):
        self.assertOk(self.ctl("config", "set", "smtp.max_recipients", "7"))
        self.assertOk(self.ctl("config", "set", "server.hostname", "mx.example.test"))
        self.assertEqual(self.ctl("config", "get", "smtp.max_recipients").stdout.strip(), "7")
        listed = self.config_list()
        self.assertEqual(listed["smtp.max_recipients"], "7")
        self.assertEqual(listed["server.hostname"], "mx.example.test")

    def test_unknown_key_is_refused(self):
        self.assertRefused(self.ctl("config", "get", "no.such.key"))
        self.assertRefused(self.ctl("config", "set", "no.such.key", "1"))
        self.assertNotIn("no.such.key", self.config_list())

    def test_bad_value_is_refused_and_the_old_value_kept(self):
        for key, value in [("smtp.max_recipients", "abc"), ("smtp.max_message_size", "-5"),
                           ("auth.failure_delay_ms", "1.5"), ("limits.connections_per_ip", "")]:
            with self.subTest(key=key, value=value):
                self.assertRefused(self.ctl("config", "set", key, value))
                self.assertEqual(self.ctl("config", "get", key).stdout.strip(), DEFAULTS[key])


class FumibakodPortsTest(CliTestCase):
    """fumibakod's --port contract: when a port named is 0, the listeners not named take free
    ports too, so harnesses written before a listener existed can still run servers side by side."""

    def start(self, *ports):
        proc = subprocess.Popen([self.server_binary(), "--data-dir", self.server.data_dir,
                                 "--bind", "127.0.0.1", *ports],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(self.stop, proc)
        listening = {}
        for line in proc.stdout:
            if line.startswith("listening "):
                _, name, addr = line.split()
                listening[name] = int(addr.rsplit(":", 1)[1])
            if line.strip() == "ready":
                return listening
        self.fail(f"fumibakod did not become ready (exit {proc.wait(10)})")

    @staticmethod
    def server_binary():
        return os.environ.get("FUMIBAKOD", "build/app/fumibakod/fumibakod")

    @staticmethod
    def stop(proc):
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)

    def test_two_servers_naming_only_the_first_five_listeners_run_side_by_side(self):
        names = ["smtp", "submission", "smtps", "pop3", "pop3s"]
        args = [a for n in names for a in ("--port", f"{n}=0")]
        first = self.start(*args)
        other = Server()
        self.addCleanup(other.cleanup)
        other.init()
        self.server = other  # the second server gets its own data dir
        second = self.start(*args)
        for listening in (first, second):
            self.assertEqual(sorted(listening), sorted(names + ["imap", "imaps", "web"]))
            self.assertNotIn(2143, listening.values())
        self.assertFalse(set(first.values()) & set(second.values()))

    def test_one_fixed_port_and_the_rest_free_leaves_no_listener_on_its_default(self):
        fixed = free_port()
        args = ["--port", f"smtp={fixed}", "--port", "submission=0"]
        first = self.start(*args)
        self.assertEqual(first["smtp"], fixed)
        self.assertEqual(sorted(first), sorted(LISTENERS + ("web",)))
        self.assertNotIn(2443, first.values())  # web, named by no harness before it existed
        self.assertNotIn(2143, first.values())


class AccountEffectTest(ServerTestCase):
    """What fumibakoctl changes, a server started afterwards enforces."""

    ACCOUNTS = {"fay@example.test": PW, "gus@example.test": PW, "hal@example.test": PW,
                "ivy@example.test": PW}

    @contextlib.contextmanager
    def server_stopped(self):
        self.server.stop()
        try:
            yield
        finally:
            self.server.start()

    def assertLoginRefused(self, user, password):
        with self.assertRaises(poplib.error_proto) as ctx:
            self.server.pop3(user, password).quit()
        return ctx.exception.args[0]

    def test_passwd_replaces_the_password(self):
        with self.server_stopped():
            self.server.ctl("account", "passwd", "fay@example.test", "--password-stdin",
                            stdin="new password 7\n")
        self.assertTrue(self.assertLoginRefused("fay@example.test", PW).startswith(b"-ERR [AUTH]"))
        self.server.pop3("fay@example.test", "new password 7").quit()

    def test_disabled_account_cannot_log_in_until_enabled(self):
        with self.server_stopped():
            self.server.ctl("account", "disable", "gus@example.test")
        self.assertTrue(self.assertLoginRefused("gus@example.test", PW).startswith(b"-ERR"))
        with self.server_stopped():
            self.server.ctl("account", "enable", "gus@example.test")
        self.server.pop3("gus@example.test", PW).quit()

    def test_deleted_account_is_unknown_to_smtp_and_pop3(self):
        with self.server_stopped():
            self.server.ctl("account", "del", "hal@example.test")
        self.assertTrue(self.assertLoginRefused("hal@example.test", PW).startswith(b"-ERR"))
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.cmd("MAIL FROM:<sender@other.test>").code, 250)
        r = c.cmd("RCPT TO:<hal@example.test>")
        self.assertEqual(r.last, "550 5.1.1 <hal@example.test>: Recipient address rejected: "
                                 "User unknown in virtual mailbox table", c.transcript())

    def test_server_hostname_setting_names_the_server_in_banner_and_ehlo(self):
        with self.server_stopped():
            self.server.config_set("server.hostname", "mx.example.test")
        c = self.server.smtp_session("smtp")
        self.assertEqual(c.banner.lines[0].split()[0], "mx.example.test", c.transcript())
        self.assertEqual(c.ehlo_reply.lines[0].split()[0], "mx.example.test", c.transcript())

    def test_used_bytes_grow_with_delivered_mail(self):
        before = self.server.accounts()["ivy@example.test"][2]
        c = self.server.smtp_session("smtp")
        r = transaction(c, "sender@other.test", ["ivy@example.test"],
                        make_message("usage", to="ivy@example.test", body="x" * 500 + "\r\n"))
        self.assertEqual(r.code, 250, c.transcript())
        self.assertGreaterEqual(self.server.accounts()["ivy@example.test"][2], before + 500)


class LiveSettingTest(ServerTestCase):
    """fumibakoctl config set on a running fumibakod: a live setting reaches new sessions without a
    restart, an open session keeps what it began with, and a restart-only one waits for the
    restart (docs/settings.md, the "applies" column)."""

    @staticmethod
    def size(client):
        for line in client.ehlo().lines:
            if line.startswith("SIZE "):
                return int(line.split()[1])
        return None

    def test_max_message_size_applies_to_new_sessions_at_once(self):
        before = self.server.smtp_session("smtp")
        self.assertEqual(self.size(before), 20971520, before.transcript())
        self.server.config_set("smtp.max_message_size", "1048576")
        self.server.config_set("ports.smtp", "2626")
        wait_for("the new SIZE on a new session",
                 lambda: self.size(self.server.smtp_session("smtp")) == 1048576, timeout=10)
        self.assertEqual(self.size(before), 20971520, before.transcript())
        log = wait_for("both changes in the log", lambda: (
            lambda text: text if "take effect when the server restarts: ports.smtp" in text else None)(
                self.server.ctl("log", "--kind", "system").stdout), timeout=10)
        self.assertIn("settings applied to new connections: smtp.max_message_size", log)


if __name__ == "__main__":
    unittest.main()
