#!/usr/bin/env python3
"""DKIM signing in the outbound queue, checked by a verifier we did not write: keys made and
activated with fumibakoctl (one ed25519-sha256, one rsa-sha256) for the sender's domain, a message
sent through the queue to a second fumibakod, read back with POP3 and each DKIM-Signature checked by
OpenDKIM's opendkim-testmsg. Its DNS lookups go to the dkimtestdns stand-in (tests/integration/dkim),
preloaded with the TXT records `fumibakoctl dkim list` prints; no network. A tampered copy must fail,
a key generated but not activated must not sign, and mail from a domain without keys goes out unsigned.
Run: FUMIBAKOD=... FUMIBAKOCTL=... FUMIBAKO_DKIM_TEST_DNS=.../libdkimtestdns.so python3 test_queue_dkim.py
"""

import email.utils
import os
import shutil
import subprocess
import tempfile
import unittest

from fumibako_fixture import HOST, free_port, make_message, unique
from peers import SmtpSink
from test_queue import ALICE, BOB, PW, QueueTestCase, wait_for

DOMAIN = "example.test"


def opendkim_testmsg():
    return shutil.which("opendkim-testmsg") or shutil.which(
        "opendkim-testmsg", path="/usr/sbin:/sbin:/usr/local/sbin")


def header_fields(raw):
    """The header block as a list of (name, raw field bytes with folding) and the body."""
    head, _, body = raw.partition(b"\r\n\r\n")
    fields = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + b"\r\n" + line)
        else:
            fields.append((line.split(b":", 1)[0].strip().lower(), line))
    return fields, body


def with_only_signature(raw, keep):
    """The message with only its `keep`-th DKIM-Signature field (the others removed)."""
    fields, body = header_fields(raw)
    out, n = [], 0
    for name, field in fields:
        if name == b"dkim-signature":
            n += 1
            if n - 1 != keep:
                continue
        out.append(field)
    return b"\r\n".join(out) + b"\r\n\r\n" + body


@unittest.skipUnless(opendkim_testmsg(), "opendkim-testmsg is not installed (Debian: opendkim-tools)")
@unittest.skipUnless(os.environ.get("FUMIBAKO_DKIM_TEST_DNS"),
                     "FUMIBAKO_DKIM_TEST_DNS (the dkimtestdns preload library) is not set")
class DkimSigningTest(QueueTestCase):
    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp(prefix="fumibako-dkim-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def dkim(self, *args, check=True):
        return self.sender.ctl("dkim", *args, check=check)

    def keys(self):
        """`dkim list` rows: domain, selector, algorithm, state, created, DNS name, TXT record."""
        return [line.split("\t") for line in self.dkim("list").stdout.splitlines() if line]

    def verify(self, raw):
        """opendkim-testmsg's exit code and output for `raw`, keys from `dkim list`."""
        records = os.path.join(self.tmp, "txt")
        with open(records, "w") as f:
            for row in self.keys():
                f.write(f"{row[5]} {row[6]}\n")
        env = dict(os.environ, LD_PRELOAD=os.environ["FUMIBAKO_DKIM_TEST_DNS"],
                   FUMIBAKO_DNS_TXT_FILE=records)
        p = subprocess.run([opendkim_testmsg()], input=raw, env=env, capture_output=True, timeout=60)
        return p.returncode, (p.stdout + p.stderr).decode(errors="replace")

    def send(self, sender, subject, body="Hello.\r\n"):
        # opendkim-testmsg refuses a message without the Date: field RFC 5322 3.6 requires.
        message = make_message(subject, body=body, sender=sender, to=BOB,
                               extra_headers=[f"Date: {email.utils.formatdate(localtime=True)}"])
        self.sender.submit(sender, [BOB], message, password=PW)
        return wait_for("the message at the peer",
                        lambda: [m for m in self.peer.messages(BOB, PW) if subject.encode() in m], timeout=30)[0]

    def test_signed_with_each_active_key_and_verified_by_opendkim(self):
        out = self.dkim("generate", DOMAIN, "--algorithm", "ed25519", "--selector", "e2026").stdout
        self.assertIn('e2026._domainkey.example.test. IN TXT ( "v=DKIM1; k=ed25519; p=', out)
        out = self.dkim("generate", DOMAIN, "--algorithm", "rsa", "--selector", "r2026").stdout
        self.assertIn('r2026._domainkey.example.test. IN TXT ( "v=DKIM1; k=rsa; p=', out)
        self.dkim("generate", DOMAIN, "--algorithm", "ed25519", "--selector", "unused")  # never activated
        self.dkim("activate", DOMAIN, "e2026")
        self.dkim("activate", DOMAIN, "r2026")
        states = {row[1]: (row[2], row[3]) for row in self.keys()}
        self.assertEqual(states, {"e2026": ("ed25519-sha256", "active"), "r2026": ("rsa-sha256", "active"),
                                  "unused": ("ed25519-sha256", "inactive")})
        self.start_peer()
        self.sender.start()

        subject = unique("dkim")
        body = "日本語の本文です。\r\nsecond line  with  spaces \r\n\r\n\r\n"
        raw = self.send(ALICE, subject, body)
        signatures = [f for name, f in header_fields(raw)[0] if name == b"dkim-signature"]
        self.assertEqual(len(signatures), 2, raw.decode(errors="replace"))
        text = b" ".join(signatures).decode()
        self.assertIn("s=e2026", text)
        self.assertIn("s=r2026", text)
        self.assertNotIn("s=unused", text)
        self.assertRegex(text, r"a=ed25519-sha256;")
        self.assertRegex(text, r"a=rsa-sha256;")
        self.assertIn("d=example.test", text)
        self.assertIn("c=relaxed/relaxed", text)
        # The peer's Received: field came after the signatures: above them, unsigned.
        fields = [name for name, _ in header_fields(raw)[0]]
        self.assertLess(fields.index(b"received"), fields.index(b"dkim-signature"))

        self.assertEqual(self.verify(raw), (0, ""))  # both signatures at once
        for i in range(2):  # and each one alone
            code, output = self.verify(with_only_signature(raw, i))
            self.assertEqual(code, 0, f"signature {i}: {output}")

        # Tampered copies fail, for either signature.
        changed_body = raw.replace("second line".encode(), b"Second line")
        changed_subject = raw.replace(b"Subject: dkim-", b"Subject: Re: dkim-")
        for i in range(2):
            for tampered in (changed_body, changed_subject):
                self.assertNotEqual(tampered, raw)
                code, output = self.verify(with_only_signature(tampered, i))
                self.assertNotEqual(code, 0, f"tampered copy passed signature {i}")

        # A retired key stops signing at the next start; its file stays for list/dns.
        self.dkim("retire", DOMAIN, "r2026")
        self.sender.stop()
        self.sender.start()
        raw = self.send(ALICE, unique("retired"))
        signatures = [f for name, f in header_fields(raw)[0] if name == b"dkim-signature"]
        self.assertEqual(len(signatures), 1)
        self.assertIn(b"s=e2026", signatures[0])
        self.assertEqual(self.verify(raw)[0], 0)
        self.assertIn("r2026._domainkey.example.test", self.dkim("dns", DOMAIN).stdout)

    def test_8bit_body_to_a_peer_without_8bitmime_is_made_7bit_before_signing(self):
        # Signing first and letting the SMTP client re-encode would break the body hash.
        sink = SmtpSink(eightbitmime=False).start()
        self.addCleanup(sink.cleanup)
        self.sender.config_set("queue.transports", f"example.net=[{HOST}]:{self.peer_port}, "
                                                   f"example.org=[{HOST}]:{sink.port}")
        self.dkim("generate", DOMAIN, "--algorithm", "ed25519", "--selector", "e2026")
        self.dkim("activate", DOMAIN, "e2026")
        self.sender.start()
        subject = unique("7bit")
        message = make_message(subject, body="日本語の本文です。\r\n", sender=ALICE, to="carol@example.org",
                               extra_headers=[f"Date: {email.utils.formatdate(localtime=True)}"])
        self.sender.submit(ALICE, ["carol@example.org"], message, password=PW)
        data = sink.wait_for_messages(1)[0].data
        self.assertFalse(any(b >= 0x80 for b in data), data)
        self.assertIn(b"quoted-printable", data.lower())
        self.assertIn(b"DKIM-Signature:", data)
        self.assertEqual(self.verify(data), (0, ""))
        self.assertNotEqual(self.verify(data.replace(b"=E6=97=A5", b"=E6=97=A6"))[0], 0)

    def test_domain_without_keys_goes_out_unsigned(self):
        # Keys for another domain only: alice's mail (From: example.test) is not theirs to sign.
        self.dkim("generate", "other.test", "--algorithm", "ed25519", "--selector", "e2026")
        self.dkim("activate", "other.test", "e2026")
        self.start_peer()
        self.sender.start()
        raw = self.send(ALICE, unique("unsigned"))
        self.assertNotIn(b"dkim-signature", raw.lower())
        wait_for("the result in the log", lambda: "status=delivered" in self.log(self.sender))

    def test_dns_suggests_spf_and_dmarc(self):
        self.sender.config_set("server.hostname", "mail.example.test")
        out = self.dkim("dns", DOMAIN).stdout
        self.assertIn("no DKIM key for example.test yet", out)
        self.assertIn('example.test. IN TXT "v=spf1 mx a:mail.example.test ~all"', out)
        self.assertIn('_dmarc.example.test. IN TXT "v=DMARC1; p=none; rua=mailto:postmaster@example.test"', out)
        self.sender.config_set("relay.host", "smtp.provider.example")
        self.assertIn('"v=spf1 mx a:smtp.provider.example ~all"', self.dkim("dns", DOMAIN).stdout)

    def test_signature_still_verifies_after_a_forward(self):
        # Issue 14: a forward leaves the message as it came, so the sender's signature holds at
        # the destination. Alice's mail leaves signed for example.test; bob@example.net (the
        # peer, a fumibakod too) forwards it back to dave@example.test, where it is checked.
        dave = "dave@example.test"
        self.sender.add_account(dave, PW)
        self.dkim("generate", DOMAIN, "--algorithm", "rsa", "--selector", "fwd")
        self.dkim("activate", DOMAIN, "fwd")
        sender_smtp = free_port()
        self.peer.config_set("queue.transports", f"example.test=[{HOST}]:{sender_smtp}")
        self.peer.ctl("forward", "set", BOB, "--to", dave, "--no-copy")
        self.start_peer()
        self.sender.start(ports={"smtp": sender_smtp})
        subject = unique("dkim-fwd")
        message = make_message(subject, body="転送されても署名は有効です。\r\n", sender=ALICE, to=BOB,
                               extra_headers=[f"Date: {email.utils.formatdate(localtime=True)}"])
        self.sender.submit(ALICE, [BOB], message, password=PW)
        raw = wait_for("the forwarded message at dave",
                       lambda: [m for m in self.sender.messages(dave, PW) if subject.encode() in m],
                       timeout=30)[0]
        text = raw.decode(errors="replace")
        self.assertIn(f"Delivered-To: {BOB}", text)
        self.assertRegex(text, r"Return-Path: <SRS0=[^>]*=example\.test=alice@example\.net>")
        self.assertEqual(self.verify(raw), (0, ""))
        tampered = raw.replace("署名".encode(), "書名".encode())
        self.assertNotEqual(self.verify(tampered)[0], 0)

    def test_cli_refusals(self):
        self.assertEqual(self.dkim("activate", DOMAIN, "nokey", check=False).returncode, 1)
        self.assertEqual(self.dkim("generate", DOMAIN, "--algorithm", "dsa", check=False).returncode, 2)
        self.assertEqual(self.dkim("generate", "../etc", check=False).returncode, 1)
        self.assertEqual(self.dkim("list", "extra", check=False).returncode, 2)
        self.dkim("generate", DOMAIN, "--selector", "s1")
        self.assertEqual(self.dkim("generate", DOMAIN, "--selector", "s1", check=False).returncode, 1)
        self.dkim("activate", DOMAIN, "s1")
        self.assertEqual(self.sender.ctl("config", "get", "dkim.selectors").stdout.strip(), "example.test=s1")
        self.assertEqual(self.dkim("remove", DOMAIN, "s1", check=False).returncode, 1)  # still signs
        self.dkim("retire", DOMAIN, "s1")
        self.dkim("remove", DOMAIN, "s1")
        self.assertEqual(self.keys(), [])
        bad = self.sender.ctl("config", "set", "dkim.selectors", "example.test=../x", check=False)
        self.assertEqual(bad.returncode, 1, bad.stderr)

if __name__ == "__main__":
    unittest.main()
