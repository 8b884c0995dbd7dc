#!/usr/bin/env python3
"""Per-destination TLS for outbound mail (queue.tls_policy, queue.tls_ca_file, queue.require_tls)
against real peers on loopback: dnsmasq serving the MX records, Postfix's smtp-sink as an MX that
offers no STARTTLS, and a second fumibakod as an MX with STARTTLS and its own self-signed
certificate for its MX name (fumibakoctl init --hostname), listening on port 25 of a 127.x.y.z of
its own. Checked at the peers (what arrived, and the peer's Received header: "with ESMTPS" means
the hop was TLS) and in the sender's queue (`fumibakoctl queue list`: state and last reply).
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_tls_policy.py
"""

import email
import email.policy
import re
import unittest

import fumibako_fixture
from fumibako_fixture import Server, make_message, unique, wait_for
from peers import DnsServer, random_loopback
from test_outbound import ALICE, OutboundCase

TARO = "taro@tls.test"


class TlsPolicyTest(OutboundCase):
    def mx_peer(self, domain="tls.test", hostname="mx.tls.test"):
        """A fumibakod as `domain`'s MX, on port 25 (the only port the queue uses for MX hosts)
        of its own random loopback address, with a certificate for `hostname` and `domain`."""
        peer = Server(domain)
        self.addCleanup(peer.cleanup)
        peer.ctl("init", "--domain", domain, "--hostname", hostname)
        peer.add_account(f"taro@{domain}", None)
        address = random_loopback()
        # The fixture binds its servers to 127.0.0.1, where port 25 would be shared by every
        # run on the machine: point it at the peer's own address while it starts.
        saved, fumibako_fixture.HOST = fumibako_fixture.HOST, address
        try:
            peer.start(ports={"smtp": 25})
        finally:
            fumibako_fixture.HOST = saved
        return peer, address

    def delivered(self, peer):
        """Messages in the peer's mailboxes, parsed."""
        files = peer.maildir_files()
        out = []
        for path in files:
            with open(path, "rb") as f:
                out.append(email.message_from_bytes(f.read(), policy=email.policy.compat32))
        return out

    def hop_protocol(self, message):
        """The "with" of the newest Received header (the peer's): ESMTPS over TLS, ESMTP not."""
        received = message.get_all("Received")[0]
        m = re.search(r"\bwith (\S+) id\b", " ".join(received.split()))
        self.assertIsNotNone(m, received)
        return m.group(1)

    def queue_rows(self):
        """`queue list` rows as dicts (ID, recipient, sender, state, attempts, next, last reply)."""
        rows = []
        for line in self.sender.ctl("queue", "list").stdout.splitlines():
            fields = line.split("\t")
            if len(fields) == 7:
                rows.append(dict(zip(("id", "rcpt", "sender", "state", "attempts", "next", "reply"),
                                     fields)))
        return rows

    def deferred_reply(self, rcpt):
        """The last reply of `rcpt` once the queue has deferred it."""
        def find():
            return next((r["reply"] for r in self.queue_rows()
                         if r["rcpt"] == rcpt and r["state"] == "deferred"), None)
        return wait_for(f"{rcpt} deferred", find)

    def send(self, rcpt):
        subject = unique("tls")
        self.submit([rcpt], make_message(subject, sender=ALICE, to=rcpt))
        return subject

    def taro_over(self, peer):
        """Sends taro@tls.test a message and waits for it at `peer`: the hop's "with" protocol."""
        subject = self.send(TARO)
        got = wait_for("delivery", lambda: self.delivered(peer))
        self.assertIn(subject, got[0]["Subject"])
        return self.hop_protocol(got[0])

    def test_encrypt_to_a_host_without_starttls_defers(self):
        sink = self.sink()  # smtp-sink never offers STARTTLS
        self.start_dns(DnsServer().mx("enc.test", "mx.enc.test", 10).host("mx.enc.test", sink.host)
                       .mx("open.test", "mx.open.test", 10).host("mx.open.test", sink.host))
        self.sender.config_set("queue.tls_policy", "enc.test=encrypt")
        self.sender.start()
        self.send("a@enc.test")
        reply = self.deferred_reply("a@enc.test")
        self.assertIn(f"4.7.4 TLS is required, but was not offered by host mx.enc.test[{sink.host}]",
                      reply)
        # The same host takes mail for a domain without a rule (may): the policy made the
        # difference, and nothing for enc.test went out in plaintext.
        opened = self.send("b@open.test")
        got = sink.wait_for_messages(1)
        self.assertEqual([m.rcpt_to for m in got], [["b@open.test"]])
        self.assertIn(opened.encode(), got[0].data)
        self.assertIn("TLS is required", self.log())
        self.assertEqual(self.reports(), [])  # deferred, not bounced

    def test_encrypt_tries_the_next_mx_and_delivers_over_tls(self):
        sink = self.sink()
        peer, address = self.mx_peer()
        self.start_dns(DnsServer().mx("tls.test", "mx1.tls.test", 10).host("mx1.tls.test", sink.host)
                       .mx("tls.test", "mx.tls.test", 20).host("mx.tls.test", address))
        self.sender.config_set("queue.tls_policy", "tls.test=encrypt")
        self.sender.start()
        self.assertEqual(self.taro_over(peer), "ESMTPS")
        self.assertEqual(sink.messages(), [])

    def test_verify_with_the_peer_certificate_trusted(self):
        peer, address = self.mx_peer()
        # alias.test's MX is the same server under a name its certificate does not carry.
        self.start_dns(DnsServer().mx("tls.test", "mx.tls.test", 10).host("mx.tls.test", address)
                       .mx("alias.test", "mx.alias.test", 10).host("mx.alias.test", address))
        self.sender.config_set("queue.tls_ca_file", peer.cert_path)
        self.sender.config_set("queue.tls_policy", "tls.test=verify; alias.test=verify")
        self.sender.start()
        self.assertEqual(self.taro_over(peer), "ESMTPS")
        self.send("jiro@alias.test")
        reply = self.deferred_reply("jiro@alias.test")
        self.assertIn(f"4.7.5 TLS handshake with mx.alias.test[{address}] failed", reply)
        self.assertEqual(len(self.delivered(peer)), 1)

    def test_verify_without_trusting_the_peer_certificate_defers(self):
        peer, address = self.mx_peer()
        self.start_dns(DnsServer().mx("tls.test", "mx.tls.test", 10).host("mx.tls.test", address))
        self.sender.config_set("queue.tls_policy", "tls.test=verify")
        self.sender.start()
        self.send(TARO)
        reply = self.deferred_reply(TARO)
        self.assertIn(f"4.7.5 TLS handshake with mx.tls.test[{address}] failed", reply)
        self.assertIn("self-signed", reply.lower(), reply)
        self.assertEqual(self.delivered(peer), [])
        self.assertEqual(self.reports(), [])

    def test_none_sends_in_plaintext_although_starttls_is_offered(self):
        peer, address = self.mx_peer()
        self.start_dns(DnsServer().mx("tls.test", "mx.tls.test", 10).host("mx.tls.test", address))
        # require_tls makes encrypt the default; the domain's own rule still wins.
        self.sender.config_set("queue.require_tls", "true")
        self.sender.config_set("queue.tls_policy", "tls.test=none")
        self.sender.start()
        self.assertEqual(self.taro_over(peer), "ESMTP")

    def test_settings_refuse_bad_rules_and_ca_files(self):
        for key, value in (("queue.tls_policy", "tls.test=secure"),
                           ("queue.tls_policy", "*.tls.test=verify"),
                           ("queue.tls_ca_file", "relative.pem"),
                           ("queue.tls_ca_file", self.sender.data_dir + "/no-such.pem")):
            res = self.sender.ctl("config", "set", key, value, check=False)
            self.assertEqual(res.returncode, 1, (key, value, res.stdout))
            self.assertIn(key, res.stderr)
        self.sender.config_set("queue.tls_ca_file", self.sender.cert_path)
        self.assertEqual(self.sender.ctl("config", "get", "queue.tls_ca_file").stdout.strip(),
                         self.sender.cert_path)


if __name__ == "__main__":
    unittest.main()
