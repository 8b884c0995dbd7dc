#!/usr/bin/env python3
"""TLS policy: only TLS 1.2 and 1.3 are spoken, on implicit-TLS ports and after STARTTLS/STLS.
An old client is refused by the server itself, not merely unable to try.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_tls.py
"""

import socket
import ssl
import unittest

from fumibako_fixture import HOST, ServerTestCase


def client_context(version):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")  # let this client offer what old clients offered
    ctx.minimum_version = version
    ctx.maximum_version = version
    return ctx


class TlsVersionTest(ServerTestCase):

    def handshake(self, listener, version, starttls=None):
        with socket.create_connection((HOST, self.server.ports[listener]), timeout=10) as raw:
            if starttls:
                f = raw.makefile("rb")
                f.readline()
                for line in starttls:
                    raw.sendall(line)
                    reply = f.readline()
                    while reply[3:4] == b"-":
                        reply = f.readline()
            with client_context(version).wrap_socket(raw) as tls:
                return tls.version()

    def assertRefused(self, listener, starttls=None):
        with self.assertRaises(ssl.SSLError) as caught:
            self.handshake(listener, ssl.TLSVersion.TLSv1_1, starttls)
        # The server's refusal (an alert, or closing on the TLS 1.1 hello), not the
        # client's own inability to offer TLS 1.1.
        error = str(caught.exception).upper().replace(" ", "_")
        self.assertNotIn("NO_PROTOCOLS_AVAILABLE", error)
        self.assertTrue("PROTOCOL_VERSION" in error or "EOF" in error, error)

    def test_tls_1_2_and_1_3_are_accepted(self):
        for listener in ("smtps", "pop3s", "imaps"):
            self.assertEqual(self.handshake(listener, ssl.TLSVersion.TLSv1_2), "TLSv1.2")
            self.assertEqual(self.handshake(listener, ssl.TLSVersion.TLSv1_3), "TLSv1.3")

    def test_tls_1_1_is_refused_on_implicit_tls_ports(self):
        for listener in ("smtps", "pop3s", "imaps"):
            with self.subTest(listener=listener):
                self.assertRefused(listener)

    def test_tls_1_1_is_refused_after_starttls(self):
        self.assertRefused("submission", starttls=[b"EHLO client.test\r\n", b"STARTTLS\r\n"])
        self.assertRefused("pop3", starttls=[b"STLS\r\n"])


if __name__ == "__main__":
    unittest.main()
