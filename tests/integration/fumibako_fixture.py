"""Shared fixture for Fumibako's integration tests.

A `Server` owns one temporary data dir: it runs `fumibakoctl init`, adds accounts and settings,
starts `fumibakod` on port 0 for every listener and reads back the ports it printed, and stops it
(SIGTERM must give exit code 0) or kills it (-9) for crash tests. `RawClient` speaks SMTP/POP3
line by line over a real socket and keeps a transcript, so a failed assertion shows the exchange.
`Server.https` speaks HTTP/1.1 to the web listener (http.client, the server's certificate trusted)
and `chromium` drives headless Chromium through Debian's python3-selenium, for the web pages.
Otherwise only python3's standard library is used. The binaries come from $FUMIBAKOD and
$FUMIBAKOCTL (ctest sets both); without them the default build tree locations are tried.
"""

import base64
import email
import email.policy
import http.client
import imaplib
import os
import poplib
import queue
import re
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

HOST = "127.0.0.1"
DOMAIN = "example.test"
SOCKET_TIMEOUT = 10.0
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0
LISTENERS = ("smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps")

# RETR of a message with a 100 KB line must not trip poplib's own 2048-octet line cap.
poplib._MAXLINE = 4 * 1024 * 1024

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _binary(env_name, default_relative):
    path = os.environ.get(env_name) or os.path.join(_REPO, default_relative)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{env_name}: no executable at {path} (set ${env_name} or build first)")
    return path


def fumibakod():
    return _binary("FUMIBAKOD", os.path.join("build", "app", "fumibakod", "fumibakod"))


def fumibakoctl():
    return _binary("FUMIBAKOCTL", os.path.join("build", "app", "fumibakoctl", "fumibakoctl"))


def unique(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def wait_for(what, predicate, timeout=25.0):
    """The first true value of predicate(), polled every 0.2 s; AssertionError after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def make_message(subject, body="Hello.\r\n", sender="sender@other.test", to="user@example.test",
                 extra_headers=()):
    """An RFC 5322 message as bytes with CRLF line ends (body given with CRLF already)."""
    headers = [f"From: <{sender}>", f"To: <{to}>", f"Subject: {subject}",
               f"Message-ID: <{uuid.uuid4().hex}@other.test>", *extra_headers]
    text = "\r\n".join(headers) + "\r\n\r\n" + body
    return text.encode("utf-8") if isinstance(text, str) else text


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.compat32)


class Reply:
    """One SMTP reply: code, the text of each line, and the raw lines for messages."""

    def __init__(self, lines):
        self.raw_lines = lines
        self.code = int(lines[-1][:3])
        self.lines = [line[4:] for line in lines]

    @property
    def last(self):
        return self.raw_lines[-1]

    @property
    def multiline(self):
        return len(self.raw_lines) > 1

    def __str__(self):
        return "\n".join(self.raw_lines)

    __repr__ = __str__


class RawClient:
    """A line-level client over a real socket with a transcript of both directions."""

    def __init__(self, port, tls_context=None, server_hostname=None, timeout=SOCKET_TIMEOUT,
                 source=None):
        """source: a local address to connect from (all of 127/8 is loopback on Linux)."""
        self.timeout = timeout
        self.sock = socket.create_connection((HOST, port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        self.sock.settimeout(timeout)
        self.buf = b""
        self.log = []
        if tls_context is not None:
            self.sock = tls_context.wrap_socket(self.sock, server_hostname=server_hostname)
            self.log.append("-- TLS handshake (implicit) --")

    # ---- transcript -------------------------------------------------------------------------
    def _note(self, who, data):
        text = data.decode("utf-8", "backslashreplace")
        if len(text) > 300:
            text = text[:200] + f"... [{len(data)} octets] ..." + text[-60:]
        self.log.append(f"{who} {text!r}")

    def transcript(self):
        return "\n".join(self.log)

    # ---- raw I/O ------------------------------------------------------------------------------
    def send(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._note("C:", data)
        self.sock.sendall(data)

    def sendline(self, line):
        if isinstance(line, str):
            line = line.encode("utf-8")
        self.send(line + b"\r\n")

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by server")
        self.buf += chunk

    def readline(self):
        """One line without its CRLF/LF; EOFError when the server closed the connection."""
        while b"\n" not in self.buf:
            try:
                self._fill()
            except EOFError:
                self.log.append("S: <EOF>")
                raise
        line, self.buf = self.buf.split(b"\n", 1)
        if line.endswith(b"\r"):
            line = line[:-1]
        self._note("S:", line)
        return line.decode("utf-8", "backslashreplace")

    def pending(self, wait=0.5):
        """Whatever the server sends within `wait` seconds without being asked ('' if nothing)."""
        self.sock.settimeout(wait)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.buf += chunk
        except (socket.timeout, ssl.SSLError, OSError):
            pass
        finally:
            self.sock.settimeout(self.timeout)
        data, self.buf = self.buf, b""
        if data:
            self._note("S(unasked):", data)
        return data

    def wait_closed(self, wait=SOCKET_TIMEOUT):
        """True if the server closes the connection within `wait` seconds (data is discarded)."""
        deadline = time.monotonic() + wait
        try:
            while time.monotonic() < deadline:
                self.sock.settimeout(max(0.05, deadline - time.monotonic()))
                chunk = self.sock.recv(65536)
                if not chunk:
                    self.log.append("S: <EOF>")
                    return True
                self._note("S:", chunk)
        except socket.timeout:
            return False
        except (ConnectionResetError, BrokenPipeError, ssl.SSLError, OSError):
            self.log.append("S: <reset>")
            return True
        finally:
            try:
                self.sock.settimeout(self.timeout)
            except OSError:
                pass
        return False

    def starttls(self, context, server_hostname=None):
        """Wrap the socket in TLS. Plaintext already buffered means the server sent too much."""
        leftover, self.buf = self.buf, b""
        self.log.append("-- TLS handshake --")
        self.sock = context.wrap_socket(self.sock, server_hostname=server_hostname)
        return leftover

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    # ---- SMTP ---------------------------------------------------------------------------------
    def reply(self):
        lines = []
        while True:
            line = self.readline()
            if not re.match(r"^\d{3}[ -]", line) and not re.match(r"^\d{3}$", line):
                raise AssertionError(f"not an SMTP reply line: {line!r}\n{self.transcript()}")
            lines.append(line)
            if len(line) == 3 or line[3] == " ":
                return Reply(lines)

    def cmd(self, line):
        self.sendline(line)
        return self.reply()

    def ehlo(self, name="client.other.test"):
        return self.cmd(f"EHLO {name}")

    # ---- POP3 ---------------------------------------------------------------------------------
    def pop(self, line):
        self.sendline(line)
        return self.readline()

    def pop_multiline(self):
        """The lines of a multi-line POP3 response after its status line, dot-unstuffed."""
        lines = []
        while True:
            line = self.readline()
            if line == ".":
                return lines
            lines.append(line[1:] if line.startswith("..") else line)

    # ---- IMAP ---------------------------------------------------------------------------------
    def readline_bytes(self):
        """One line as bytes without its CRLF; EOFError when the server closed the connection."""
        while b"\n" not in self.buf:
            try:
                self._fill()
            except EOFError:
                self.log.append("S: <EOF>")
                raise
        line, self.buf = self.buf.split(b"\n", 1)
        if line.endswith(b"\r"):
            line = line[:-1]
        self._note("S:", line)
        return line

    def read_exact(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        self._note("S(literal):", data)
        return data

    def imap_read(self):
        """One IMAP response line as bytes, literals included in place ("{n}\r\n" + n octets)."""
        out = b""
        while True:
            line = self.readline_bytes()
            out += line
            m = re.search(rb"\{(\d+)\}$", line)
            if not m:
                return out
            out += b"\r\n" + self.read_exact(int(m.group(1)))

    def imap_until(self, tag):
        """Responses up to the tagged one: (list of untagged/continuation lines, tagged line)."""
        untagged = []
        prefix = tag.encode() + b" "
        while True:
            line = self.imap_read()
            if line.startswith(prefix):
                return untagged, line
            untagged.append(line)

    def imap(self, command, tag=None):
        """Send one command line (a fresh tag unless given); returns (untagged, tagged) bytes."""
        self._imap_tag = getattr(self, "_imap_tag", 0) + 1
        tag = tag or f"t{self._imap_tag}"
        self.sendline(f"{tag} {command}" if isinstance(command, str)
                      else tag.encode() + b" " + command)
        return self.imap_until(tag)


def free_port():
    """A TCP port on HOST that is free now (for a server another one must know before it starts)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def dot_stuffed(message):
    """DATA payload: dot-stuffed message (CRLF lines) followed by the end-of-data line."""
    lines = message.split(b"\r\n")
    body = b"\r\n".join(b"." + line if line.startswith(b".") else line for line in lines)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def transaction(client, sender, rcpts, message):
    """MAIL, RCPT..., DATA over a raw SMTP client; returns the reply to end-of-data.
    Any unexpected intermediate reply fails with the transcript."""
    for line, want in [(f"MAIL FROM:<{sender}>", 250)] + [(f"RCPT TO:<{r}>", 250) for r in rcpts] \
            + [("DATA", 354)]:
        r = client.cmd(line)
        if r.code != want:
            raise AssertionError(f"{line} -> {r}\n{client.transcript()}")
    client.send(dot_stuffed(message))
    return client.reply()


def imap_quote(text):
    """An IMAP quoted string (RFC 3501 4.3) for ASCII text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_parse(data):
    """The values of one IMAP response line (bytes, literals in place) as Python objects:
    atoms (brackets kept, so BODY[HEADER.FIELDS (X)]<0> is one atom) as str, quoted strings
    and literals as bytes, NIL as None, parenthesized lists as lists."""
    stack = [[]]
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in (b" ", b"\r", b"\n"):
            i += 1
        elif c == b"(":
            stack.append([])
            i += 1
        elif c == b")":
            inner = stack.pop()
            stack[-1].append(inner)
            i += 1
        elif c == b'"':
            j, out = i + 1, bytearray()
            while data[j:j + 1] != b'"':
                if data[j:j + 1] == b"\\":
                    j += 1
                out += data[j:j + 1]
                j += 1
            stack[-1].append(bytes(out))
            i = j + 1
        elif c == b"{":
            m = re.match(rb"\{(\d+)\+?\}\r\n", data[i:])
            size, start = int(m.group(1)), i + m.end()
            stack[-1].append(data[start:start + size])
            i = start + size
        else:
            j, depth = i, 0
            while j < n:
                ch = data[j:j + 1]
                if ch == b"[":
                    depth += 1
                elif ch == b"]":
                    depth -= 1
                elif depth == 0 and ch in (b" ", b"(", b")", b"\r", b"\n"):
                    break
                j += 1
            atom = data[i:j].decode("utf-8", "backslashreplace")
            stack[-1].append(None if atom == "NIL" else atom)
            i = j
    return stack[0]


def imap_fetch_items(line):
    """{item name (upper-case): value} of an untagged FETCH line, or None for other lines."""
    values = imap_parse(line)
    if len(values) < 4 or values[0] != "*" or str(values[2]).upper() != "FETCH":
        return None
    pairs = values[3]
    return {str(pairs[k]).upper(): pairs[k + 1] for k in range(0, len(pairs) - 1, 2)}


def plain_auth(user, password):
    return base64.b64encode(f"\0{user}\0{password}".encode("utf-8")).decode("ascii")


class _ImapTranscript:
    """Mixin for imaplib clients: keeps both directions, for assertion messages."""

    def _note_io(self, who, data):
        if not hasattr(self, "log"):
            self.log = []
        text = data.decode("utf-8", "backslashreplace")
        if len(text) > 300:
            text = text[:200] + f"... [{len(data)} octets] ..." + text[-60:]
        self.log.append(f"{who} {text!r}")

    def send(self, data):
        self._note_io("C:", data)
        return super().send(data)

    def readline(self):
        line = super().readline()
        self._note_io("S:", line)
        return line

    def read(self, size):
        data = super().read(size)
        self._note_io("S(literal):", data)
        return data

    def transcript(self):
        return "\n".join(getattr(self, "log", []))


class IMAP4(_ImapTranscript, imaplib.IMAP4):
    pass


class IMAP4_SSL(_ImapTranscript, imaplib.IMAP4_SSL):
    pass


class HttpReply:
    """One HTTP response: status, headers (a list of (name, value) in order; `header` looks one
    up without regard to case), body as bytes and `text` as UTF-8."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name, default=None):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    def header_all(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8")

    def __str__(self):
        head = "\n".join(f"{k}: {v}" for k, v in self.headers)
        return f"HTTP {self.status}\n{head}\n\n{self.body[:2000].decode('utf-8', 'replace')}"

    __repr__ = __str__


def import_selenium():
    """(webdriver, Service, By, expected_conditions, WebDriverWait) from Debian's python3-selenium
    (scripts/install-deps), which lives in the system's dist-packages that an interpreter other
    than /usr/bin/python3 (a pyenv one) does not search."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    return webdriver, Service, By, expected_conditions, WebDriverWait


def chromium(profile_dir, host_rules=None):
    """A headless Chromium (selenium webdriver) that accepts the server's self-signed certificate
    (loopback only), with its profile in profile_dir; host_rules: a --host-resolver-rules value
    ("MAP name 127.0.0.1"). Skips the calling test when chromium or chromedriver is missing.
    The caller quits it."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        raise unittest.SkipTest("chromium and chromedriver are not installed (scripts/install-deps)")
    webdriver, Service, _By, _EC, _Wait = import_selenium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", f"--user-data-dir={profile_dir}"):
        options.add_argument(arg)
    if host_rules:
        options.add_argument(f"--host-resolver-rules={host_rules}")
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    browser.set_page_load_timeout(30)
    return browser


class Server:
    """One fumibakod instance over its own temporary data dir."""

    def __init__(self, domain=DOMAIN):
        self.domain = domain
        self.tmp = tempfile.mkdtemp(prefix="fumibako-it-")
        self.data_dir = os.path.join(self.tmp, "data")
        self.proc = None
        self.ports = {}
        self.stdout_lines = []
        self.passwords = {}
        self.clients = []
        self._stderr_path = os.path.join(self.tmp, "fumibakod.stderr")
        self._stderr = None
        self.starts = 0

    # ---- fumibakoctl --------------------------------------------------------------------------
    def ctl(self, *args, stdin=None, check=True):
        cmd = [fumibakoctl(), "--data-dir", self.data_dir, *args]
        feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=60, **feed)
        if check and res.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} exited {res.returncode}\n"
                                 f"stdout: {res.stdout}\nstderr: {res.stderr}")
        return res

    def ctl_bytes(self, *args):
        """fumibakoctl's stdout as bytes (a raw message is not necessarily UTF-8); exit 0 required."""
        cmd = [fumibakoctl(), "--data-dir", self.data_dir, *args]
        res = subprocess.run(cmd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        if res.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} exited {res.returncode}\n"
                                 f"stderr: {res.stderr.decode('utf-8', 'replace')}")
        return res.stdout

    def init(self):
        return self.ctl("init", "--domain", self.domain)

    def add_account(self, address, password, admin=False, display_name=None):
        """password None adds a receive-only test account (no scrypt hash to compute)."""
        args = ["account", "add", address]
        if admin:
            args.append("--admin")
        if display_name is not None:
            args += ["--display-name", display_name]
        if password is None:
            self.ctl(*args, stdin="")
            return
        args.append("--password-stdin")
        self.ctl(*args, stdin=password + "\n")
        self.passwords[address] = password

    def config_set(self, key, value):
        self.ctl("config", "set", key, str(value))

    def set_quota(self, address, bytes_, messages=0):
        self.ctl("account", "quota", address, "--bytes", str(bytes_), "--messages", str(messages))

    def accounts(self):
        """`account list` parsed: {address: (role, state, used, quota)}."""
        out = self.ctl("account", "list").stdout
        result = {}
        for line in out.splitlines():
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                raise AssertionError(f"account list line has {len(fields)} fields: {line!r}")
            result[fields[0]] = (fields[1], fields[2], int(fields[3]), int(fields[4]))
        return result

    # ---- fumibakod ----------------------------------------------------------------------------
    def start(self, ports=None):
        """ports: listener name -> port for those that must not be picked at random."""
        assert self.proc is None, "server already running"
        args = [fumibakod(), "--data-dir", self.data_dir, "--bind", HOST]
        for name in LISTENERS:
            args += ["--port", f"{name}={(ports or {}).get(name, 0)}"]
        self._stderr = open(self._stderr_path, "ab")
        self._stderr.write(f"==== start {self.starts} ====\n".encode())
        self._stderr.flush()
        self.starts += 1
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._stderr)
        lines = queue.Queue()

        def pump(stream, sink):
            with stream:
                for raw in iter(stream.readline, b""):
                    sink.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
            sink.put(None)

        threading.Thread(target=pump, args=(self.proc.stdout, lines), daemon=True).start()
        self.ports = {}
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            line = None
            if remaining > 0:
                try:
                    line = lines.get(timeout=remaining)
                except queue.Empty:
                    pass
            if line is None:
                rc = self.proc.poll()
                self._abort()
                why = f"exited with {rc}" if rc is not None else f"no 'ready' in {READY_TIMEOUT}s"
                raise AssertionError(f"fumibakod {why}; stdout so far: {self.stdout_lines}\n"
                                     f"stderr: {self.stderr_tail()}")
            self.stdout_lines.append(line)
            m = re.match(r"^listening (\S+) (\S+):(\d+)$", line)
            if m:
                self.ports[m.group(1)] = int(m.group(3))
            elif line == "ready":
                break
        missing = [name for name in LISTENERS if name not in self.ports]
        if missing:
            self._abort()
            raise AssertionError(f"fumibakod printed no 'listening' line for {missing}: "
                                 f"{self.stdout_lines}")

        # Keep draining stdout so a chatty server never blocks on a full pipe.
        def drain():
            while True:
                line = lines.get()
                if line is None:
                    return
                self.stdout_lines.append(line)

        threading.Thread(target=drain, daemon=True).start()
        return self

    def _abort(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        if self._stderr:
            self._stderr.close()
            self._stderr = None

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """SIGTERM, wait up to 20 s (then kill -9), and require exit code 0."""
        proc = self.proc
        assert proc is not None, "server not running"
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            self._abort()
            raise AssertionError(f"fumibakod did not exit within {STOP_TIMEOUT}s of SIGTERM "
                                 f"(killed with -9); stderr: {self.stderr_tail()}") from None
        self._abort()
        if rc != 0:
            raise AssertionError(f"fumibakod exited {rc} after SIGTERM; stderr: {self.stderr_tail()}")

    def kill9(self):
        assert self.proc is not None, "server not running"
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._abort()

    def restart(self):
        self.stop()
        return self.start()

    def stderr_tail(self, n=40):
        try:
            with open(self._stderr_path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def cleanup(self):
        self.close_clients()
        self._abort()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- TLS --------------------------------------------------------------------------------
    @property
    def cert_path(self):
        return os.path.join(self.data_dir, "tls", "cert.pem")

    def tls_context(self, check_hostname=False):
        """Trusts exactly the server's self-signed certificate."""
        ctx = ssl.create_default_context(cafile=self.cert_path)
        ctx.check_hostname = check_hostname
        return ctx

    # ---- clients ------------------------------------------------------------------------------
    def https(self, method, path, body=None, headers=None, source=None):
        """One request to the web listener over a fresh connection (from the local address
        `source` if given), the server's certificate trusted, redirects not followed.
        body: bytes, or a dict sent as application/x-www-form-urlencoded. Returns an HttpReply."""
        headers = dict(headers or {})
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body).encode("ascii")
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn = http.client.HTTPSConnection(HOST, self.ports["web"], timeout=SOCKET_TIMEOUT,
                                           context=self.tls_context(),
                                           source_address=(source, 0) if source else None)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return HttpReply(response.status, response.getheaders(), response.read())
        finally:
            conn.close()

    def raw(self, listener, tls=False, source=None):
        ctx = self.tls_context() if tls else None
        client = RawClient(self.ports[listener], tls_context=ctx, source=source)
        self.clients.append(client)
        return client

    def close_clients(self):
        for client in self.clients:
            if isinstance(client, imaplib.IMAP4):  # its close() is the CLOSE command
                try:
                    client.shutdown()
                except OSError:
                    pass
            else:
                client.close()
        self.clients = []

    def smtp_session(self, listener="smtp", source=None):
        """A raw client that has read the banner and said EHLO."""
        c = self.raw(listener, tls=listener == "smtps", source=source)
        banner = c.reply()
        if banner.code != 220:
            raise AssertionError(f"banner {banner}\n{c.transcript()}")
        ehlo = c.ehlo()
        if ehlo.code != 250:
            raise AssertionError(f"EHLO {ehlo}\n{c.transcript()}")
        c.banner, c.ehlo_reply = banner, ehlo
        return c

    def submission_session(self, user, password=None, listener="submission"):
        """A raw client on submission (STARTTLS) or smtps, authenticated with AUTH PLAIN."""
        password = self.passwords[user] if password is None else password
        c = self.smtp_session(listener)
        if listener == "submission":
            r = c.cmd("STARTTLS")
            if r.code != 220:
                raise AssertionError(f"STARTTLS {r}\n{c.transcript()}")
            c.starttls(self.tls_context())
            c.ehlo()
        r = c.cmd("AUTH PLAIN " + plain_auth(user, password))
        if r.code != 235:
            raise AssertionError(f"AUTH {r}\n{c.transcript()}")
        return c

    def deliver(self, rcpt, message, sender="sender@other.test"):
        """Deliver over the MX port with smtplib; raises on any refusal."""
        with smtplib.SMTP(HOST, self.ports["smtp"], timeout=SOCKET_TIMEOUT) as s:
            s.ehlo("client.other.test")
            refused = s.sendmail(sender, [rcpt], message)
            if refused:
                raise AssertionError(f"refused: {refused}")

    def submit(self, user, rcpts, message, password=None, listener="smtps"):
        password = self.passwords[user] if password is None else password
        if listener == "smtps":
            s = smtplib.SMTP_SSL(HOST, self.ports["smtps"], timeout=SOCKET_TIMEOUT,
                                 context=self.tls_context())
        else:
            s = smtplib.SMTP(HOST, self.ports["submission"], timeout=SOCKET_TIMEOUT)
            s.starttls(context=self.tls_context())
        with s:
            s.login(user, password)
            refused = s.sendmail(user, rcpts, message)
            if refused:
                raise AssertionError(f"refused: {refused}")

    def pop3(self, user, password=None, listener="pop3s", in_use_wait=5.0):
        """A logged-in poplib session. A lingering lock ([IN-USE]) is retried for a few seconds,
        since the server may notice a dropped connection a moment after the client does."""
        password = self.passwords[user] if password is None else password
        deadline = time.monotonic() + in_use_wait
        while True:
            if listener == "pop3s":
                p = poplib.POP3_SSL(HOST, self.ports["pop3s"], timeout=SOCKET_TIMEOUT,
                                    context=self.tls_context())
            else:
                p = poplib.POP3(HOST, self.ports["pop3"], timeout=SOCKET_TIMEOUT)
                p.stls(context=self.tls_context())
            try:
                p.user(user)
                p.pass_(password)
                return p
            except poplib.error_proto as e:
                p.close()
                if b"[IN-USE]" in e.args[0] and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                raise

    def imap(self, user=None, password=None, listener="imaps"):
        """An imaplib client (with .transcript()) over imaps, or imap after STARTTLS; logged in
        when user is given."""
        if listener == "imaps":
            m = IMAP4_SSL(HOST, self.ports["imaps"], ssl_context=self.tls_context(),
                          timeout=SOCKET_TIMEOUT)
        else:
            m = IMAP4(HOST, self.ports["imap"], timeout=SOCKET_TIMEOUT)
            m.starttls(ssl_context=self.tls_context())
        self.clients.append(m)
        if user is not None:
            m.login(user, self.passwords[user] if password is None else password)
        return m

    def imap_raw(self, user=None, password=None, listener="imaps"):
        """A RawClient on imaps (or imap after STARTTLS) that has read the greeting; logged in
        with LOGIN when user is given."""
        c = self.raw(listener, tls=listener == "imaps")
        greeting = c.imap_read()
        if not greeting.startswith(b"* OK"):
            raise AssertionError(f"greeting {greeting!r}\n{c.transcript()}")
        if listener == "imap":
            _, done = c.imap("STARTTLS")
            if not done.split()[1:2] == [b"OK"]:
                raise AssertionError(f"STARTTLS {done!r}\n{c.transcript()}")
            c.starttls(self.tls_context())
        if user is not None:
            password = self.passwords[user] if password is None else password
            _, done = c.imap(f"LOGIN {imap_quote(user)} {imap_quote(password)}")
            if done.split()[1:2] != [b"OK"]:
                raise AssertionError(f"LOGIN {done!r}\n{c.transcript()}")
        return c

    def subjects(self, user, password=None):
        return [parse(m)["Subject"] for m in self.messages(user, password)]

    def count(self, user, password=None):
        p = self.pop3(user, password)
        try:
            return p.stat()[0]
        finally:
            p.quit()

    def messages(self, user, password=None):
        """Every message in the mailbox as bytes (CRLF lines), leaving the mailbox unchanged."""
        p = self.pop3(user, password)
        try:
            count, _ = p.stat()
            return [b"\r\n".join(p.retr(i)[1]) + b"\r\n" for i in range(1, count + 1)]
        finally:
            p.quit()

    def maildir_files(self):
        """Files in any Maildir new/ or cur/ folder under the data dir."""
        found = []
        for root, _dirs, files in os.walk(self.data_dir):
            if os.path.basename(root) in ("new", "cur"):
                found += [os.path.join(root, f) for f in files]
        return found


class ServerTestCase(unittest.TestCase):
    """A TestCase class with one running server: override CONFIG and ACCOUNTS.

    ACCOUNTS maps address -> password (None: no password, mail can only be delivered to it);
    ADMIN names the one that gets --admin; QUOTAS maps address -> (bytes, messages)."""

    CONFIG = {"auth.failure_delay_ms": 0}
    ACCOUNTS = {}
    ADMIN = None
    QUOTAS = {}

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.init()
        for key, value in cls.CONFIG.items():
            cls.server.config_set(key, value)
        for address, password in cls.ACCOUNTS.items():
            cls.server.add_account(address, password, admin=address == cls.ADMIN)
        for address, (bytes_, messages) in cls.QUOTAS.items():
            cls.server.set_quota(address, bytes_, messages)
        cls.server.start()

    def tearDown(self):
        self.server.close_clients()

    @classmethod
    def tearDownClass(cls):
        if cls.server.running:
            cls.server.stop()


class MultiServerTestCase(unittest.TestCase):
    """A TestCase whose tests make their own servers (make_server), all cleaned up after each."""

    def setUp(self):
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.cleanup()

    def make_server(self, domain, accounts):
        """An initialised, not yet started server for `domain` with `accounts` (address -> password)."""
        s = Server(domain)
        self.servers.append(s)
        s.init()
        s.config_set("auth.failure_delay_ms", 0)
        for address, password in accounts.items():
            s.add_account(address, password)
        return s
