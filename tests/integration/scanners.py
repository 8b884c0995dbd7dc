"""The real scanners for the scanning tests: ClamAV's clamd and SpamAssassin's spamd.

`Clamd` runs Debian's clamd (package clamav-daemon; its service is never used) in the foreground
with a temporary configuration: a TCP socket on 127.0.0.1 and a free port, and a signature
database of its own with one body signature for the EICAR test string — there is no internet here
for freshclam, and the test needs nothing else. A custom signature's name gets ".UNOFFICIAL"
appended, so clamd reports `Fumibako.Test.EICAR.UNOFFICIAL`.

`Spamd` runs Debian's spamd with a site configuration of its own: Debian's rules, local tests
only (no DNS, no Bayes, no user preferences), the plugins that need no network. spamd binds its
port before it has loaded its rules, so start() waits for a real PING → PONG. It takes seconds:
start one per test class.

Both are started and stopped by PID (peers._Daemon), die with the test process, and skip the test
(unittest.SkipTest) only when the program is not installed.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from fumibako_fixture import free_port
from peers import _Daemon, _die_with_parent, _read

CLAMD = shutil.which("clamd", path="/usr/sbin:/usr/bin:/sbin") or "/usr/sbin/clamd"
SPAMD = shutil.which("spamd", path="/usr/sbin:/usr/bin:/sbin") or "/usr/sbin/spamd"
SIGTOOL = shutil.which("sigtool", path="/usr/bin:/usr/sbin") or "/usr/bin/sigtool"

# The EICAR anti-virus test file (eicar.org): harmless, and every scanner knows it.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_NAME = "Fumibako.Test.EICAR.UNOFFICIAL"
# SpamAssassin's GTUBE string: scores 1000 with any configuration.
GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


def _require(program, package):
    if not os.access(program, os.X_OK):
        raise unittest.SkipTest(f"{program} is not installed (Debian: {package})")


class Clamd(_Daemon):
    def __init__(self, stream_max_length=25 * 1024 * 1024):
        self.stream_max_length = stream_max_length
        self.port = None

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self, port=None):
        """Starts clamd (again, on the same port when given) and waits until it scans."""
        _require(CLAMD, "clamav-daemon")
        if self.tmp is None:
            self.tmp = tempfile.mkdtemp(prefix="fumibako-clamd-")
            os.mkdir(os.path.join(self.tmp, "db"))
            # A local database made with ClamAV's own sigtool (no internet, no freshclam): an
            # .ndb body signature — name, target type 0 (any file), any offset, the bytes as
            # sigtool --hex-dump writes them.
            _require(SIGTOOL, "clamav")
            hexdump = subprocess.run([SIGTOOL, "--hex-dump"], input=EICAR, capture_output=True,
                                     check=True).stdout.decode().strip()
            with open(os.path.join(self.tmp, "db", "fumibako-test.ndb"), "w") as f:
                f.write(f"Fumibako.Test.EICAR:0:*:{hexdump}\n")
        self.port = port or self.port or free_port()
        conf = os.path.join(self.tmp, "clamd.conf")
        with open(conf, "w") as f:
            f.write("Foreground yes\n"
                    f"DatabaseDirectory {os.path.join(self.tmp, 'db')}\n"
                    f"TCPSocket {self.port}\nTCPAddr 127.0.0.1\n"
                    f"StreamMaxLength {self.stream_max_length}\n"
                    f"LogFile {os.path.join(self.tmp, 'clamd.log')}\n")
        with open(os.path.join(self.tmp, "clamd.out"), "ab") as out:
            self.proc = subprocess.Popen([CLAMD, "-c", conf], stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=out, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"clamd exited with {self.proc.returncode}: "
                                     f"{_read(os.path.join(self.tmp, 'clamd.out'))}")
            if self.scan(b"probe\r\n") == "stream: OK":
                return self
            time.sleep(0.1)
        raise AssertionError("clamd did not serve within 60 s: " + self.log())

    def scan(self, data):
        """clamd's own answer to INSTREAM for `data` (what clamdscan would print), or None."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
                s.sendall(b"zINSTREAM\0" + len(data).to_bytes(4, "big") + data + b"\0\0\0\0")
                reply = b""
                while not reply.endswith(b"\0"):
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    reply += chunk
                return reply.rstrip(b"\0").decode()
        except OSError:
            return None

    def log(self):
        return _read(os.path.join(self.tmp, "clamd.log")) if self.tmp else ""


class Spamd(_Daemon):
    PLUGINS = ("Check", "BodyEval", "HeaderEval", "HTMLEval", "MIMEEval", "MIMEHeader", "RelayEval",
               "URIEval", "WLBLEval", "ReplaceTags", "FreeMail", "ImageInfo")

    def __init__(self):
        self.port = None

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        _require(SPAMD, "spamassassin")
        self.tmp = tempfile.mkdtemp(prefix="fumibako-spamd-")
        site = os.path.join(self.tmp, "site")
        os.mkdir(site)
        with open(os.path.join(site, "fumibako-test.pre"), "w") as f:
            f.writelines(f"loadplugin Mail::SpamAssassin::Plugin::{p}\n" for p in self.PLUGINS)
        with open(os.path.join(site, "local.cf"), "w") as f:
            f.write("use_bayes 0\nbayes_auto_learn 0\nskip_rbl_checks 1\ndns_available no\n"
                    "required_score 5.0\n")
        if os.geteuid() == 0:  # spamd reads its configuration as nobody
            for d in (self.tmp, site):
                os.chmod(d, 0o755)
        self.port = free_port()
        args = [SPAMD, "--local", "--nouser-config", f"--siteconfigpath={site}",
                f"--listen=127.0.0.1:{self.port}", f"--pidfile={os.path.join(self.tmp, 'spamd.pid')}",
                f"--helper-home-dir={self.tmp}", "--syslog=stderr", "--max-children=2"]
        with open(os.path.join(self.tmp, "spamd.out"), "ab") as out:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"spamd exited with {self.proc.returncode}: {self.output()}")
            if self.ping():
                return self
            time.sleep(0.2)
        raise AssertionError("spamd did not answer PING within 120 s: " + self.output())

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
                s.sendall(b"PING SPAMC/1.5\r\n\r\n")
                return b"PONG" in s.recv(256)
        except OSError:
            return False

    def report(self, data):
        """spamd's whole reply to REPORT for `data` (what spamc -R asks)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as s:
            s.sendall(b"REPORT SPAMC/1.5\r\nContent-length: %d\r\n\r\n" % len(data) + data)
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
            return reply

    def output(self):
        return _read(os.path.join(self.tmp, "spamd.out")) if self.tmp else ""


class SilentPeer:
    """Accepts connections on a free loopback port and never answers: a hung scanner."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def close(self):
        self.sock.close()
