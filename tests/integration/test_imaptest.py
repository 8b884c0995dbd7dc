#!/usr/bin/env python3
"""Dovecot's imaptest compliance suite (its 71 scripted groups of RFC 3501 and extension
behaviour, all of which Dovecot passes) against a real fumibakod. imaptest logs two users in with
plaintext LOGIN, so plaintext credentials are allowed on loopback here. The tool comes built by
scripts/build-imaptest; $FUMIBAKO_IMAPTEST_DIR names its build dir (ctest sets it).
Run: FUMIBAKOD=... FUMIBAKOCTL=... FUMIBAKO_IMAPTEST_DIR=.../build-imaptest python3 test_imaptest.py
"""

import os
import re
import subprocess
import unittest

from fumibako_fixture import HOST, Server

PASSWORD = "imaptest secret 123"
# imaptest runs each group against both users; the whole suite takes well under a minute.
RUN_TIMEOUT = 600


def failed_groups(report):
    """The parts of imaptest's report about failed commands, whole, for the assertion message."""
    blocks = [b for b in re.split(r"\n(?=\*\*\* Test )", report) if b.startswith("*** Test ")]
    return "\n".join(blocks) or report[-6000:]


class ImaptestCompliance(unittest.TestCase):
    def setUp(self):
        self.dir = os.environ.get("FUMIBAKO_IMAPTEST_DIR", "")
        if not self.dir:
            self.skipTest("FUMIBAKO_IMAPTEST_DIR is not set (scripts/build-imaptest prints it)")
        # ctest names the dir only when a build was made: a missing binary is a failure.
        self.assertTrue(os.access(os.path.join(self.dir, "src", "imaptest"), os.X_OK),
                        f"no imaptest binary in {self.dir}/src (scripts/build-imaptest)")
        self.server = Server()
        self.addCleanup(self.server.cleanup)
        self.server.init()
        self.server.config_set("auth.allow_plaintext_loopback", "true")
        self.server.config_set("auth.failure_delay_ms", 0)
        self.users = [f"imaptest1@{self.server.domain}", f"imaptest2@{self.server.domain}"]
        for user in self.users:
            self.server.add_account(user, PASSWORD)
        self.server.start()

    def test_every_group_passes(self):
        env = dict(os.environ, LD_LIBRARY_PATH="/usr/lib/dovecot")
        cmd = [os.path.join(self.dir, "src", "imaptest"), f"test={os.path.join(self.dir, 'src', 'tests')}",
               f"host={HOST}", f"port={self.server.ports['imap']}",
               f"user={self.users[0]}", f"user2={self.users[1]}", f"pass={PASSWORD}"]
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT)
        report = res.stdout + res.stderr
        summary = re.search(r"^(\d+) test groups: (\d+) failed.*$", report, re.MULTILINE)
        self.assertIsNotNone(summary, f"imaptest printed no summary (exit {res.returncode}):\n{report[-6000:]}")
        print(summary.group(0))
        self.assertEqual(summary.group(2), "0",
                         f"{summary.group(0)}\n{failed_groups(report)}")
        self.server.stop()


if __name__ == "__main__":
    unittest.main()
