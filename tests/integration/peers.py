"""Real peers for the outbound delivery tests: a DNS server and SMTP servers to deliver to.

`DnsServer` runs Debian's dnsmasq (package dnsmasq-base, no service) in the foreground with a
temporary configuration on a random 127.x.y.z address, port 53 (Qt 6.4's QDnsLookup can ask no
other port), serving the MX, A/AAAA, null MX (RFC 7505) and TXT records a test declares. Names
under its local zones (default: "test") that have no record get NXDOMAIN; a name with records but
not of the type asked gets an empty NOERROR answer; `timeout(domain)` makes queries for a domain
go unanswered; names outside the local zones get REFUSED. Nothing is forwarded off the machine.
Binding port 53 needs root (the tests run as root): a failure to bind fails the test with
dnsmasq's own message. `dns_query()` is a tiny stdlib DNS client to check what it serves.

`SmtpSink` runs Postfix's smtp-sink(1) (package postfix, installed but never started or
configured) on 127.0.0.1 and a free port, or on an address and port given (e.g. a random
loopback address and port 25, to stand as a domain's MX). Options map onto smtp-sink's flags:
refusals with 4xx/5xx for chosen commands, disconnects, no PIPELINING/8BITMIME/ESMTP/DSN/...;
received mail is dumped one file per message (-d) and read back with `messages()`. smtp-sink
never offers STARTTLS; peers that need TLS are fumibakod itself.

Both are started and stopped by PID (SIGTERM, then SIGKILL), die with the test process
(PR_SET_PDEATHSIG), and work as context managers. Only python3's standard library is used.
"""

import ctypes
import os
import pwd
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time

DNSMASQ = "/usr/sbin/dnsmasq"
SMTP_SINK = "/usr/sbin/smtp-sink"
READY_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0

# RFC 1035 3.2.2 / RFC 3596: the record types the tests use.
TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28}
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}


def random_loopback(first=64, last=127):
    """A random 127.a.b.c address (a in first..last): all of 127/8 is loopback on Linux, so runs
    that each take their own address do not collide. Kept away from 127.0.0.x."""
    return (f"127.{random.randint(first, last)}.{random.randint(0, 255)}."
            f"{random.randint(2, 253)}")


def _die_with_parent():
    """preexec_fn: the child gets SIGTERM when the test process dies, even by kill -9."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop_pid(proc):
    """SIGTERM to the process's PID, then SIGKILL if it has not exited within STOP_TIMEOUT."""
    if proc is None or proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


# ---- DNS ------------------------------------------------------------------------------------

class DnsAnswer:
    """A parsed DNS response: rcode name and the answer records as (type name, value):
    MX → (preference, exchange) with "" for the root (null MX), A/AAAA → address text,
    TXT → list of bytes strings, CNAME/NS → name, other types → raw bytes."""

    def __init__(self, rcode, records):
        self.rcode = rcode
        self.records = records

    def values(self, rtype):
        return [value for t, value in self.records if t == rtype]

    def __repr__(self):
        return f"DnsAnswer({self.rcode}, {self.records})"


def _encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            data = label.encode("idna")
            if len(data) > 63:
                raise ValueError(f"label too long: {label}")
            out += bytes([len(data)]) + data
    return out + b"\0"


def _decode_name(msg, offset, depth=0):
    """(name, offset after it) with RFC 1035 4.1.4 compression pointers followed, bounded."""
    labels = []
    while True:
        if offset >= len(msg) or depth > 20:
            raise ValueError("truncated or looping name")
        length = msg[offset]
        if length & 0xC0 == 0xC0:
            pointer = struct.unpack("!H", msg[offset:offset + 2])[0] & 0x3FFF
            rest, _ = _decode_name(msg, pointer, depth + 1)
            labels.append(rest)
            return ".".join(x for x in labels if x), offset + 2
        offset += 1
        if length == 0:
            return ".".join(labels), offset
        labels.append(msg[offset:offset + length].decode("ascii", "replace"))
        offset += length


def dns_query(server, name, rtype="A", timeout=5.0, port=53):
    """Ask `server` (an address) one question over UDP; returns a DnsAnswer.
    Raises socket.timeout when no answer comes."""
    qtype = TYPES[rtype] if isinstance(rtype, str) else rtype
    ident = random.randint(0, 0xFFFF)
    query = struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0)  # RD, one question
    query += _encode_name(name) + struct.pack("!HH", qtype, 1)
    family = socket.AF_INET6 if ":" in server else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(query, (server, port))
        deadline = time.monotonic() + timeout
        while True:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            msg, _ = sock.recvfrom(65535)
            if len(msg) >= 12 and struct.unpack("!H", msg[:2])[0] == ident:
                break
    _, flags, qdcount, ancount, _, _ = struct.unpack("!HHHHHH", msg[:12])
    offset = 12
    for _ in range(qdcount):
        _, offset = _decode_name(msg, offset)
        offset += 4
    names = {v: k for k, v in TYPES.items()}
    records = []
    for _ in range(ancount):
        _, offset = _decode_name(msg, offset)
        rtype_num, _, _, length = struct.unpack("!HHIH", msg[offset:offset + 10])
        offset += 10
        data = msg[offset:offset + length]
        kind = names.get(rtype_num, rtype_num)
        if kind == "MX":
            value = (struct.unpack("!H", data[:2])[0], _decode_name(msg, offset + 2)[0])
        elif kind == "A":
            value = socket.inet_ntop(socket.AF_INET, data)
        elif kind == "AAAA":
            value = socket.inet_ntop(socket.AF_INET6, data)
        elif kind == "TXT":
            value, i = [], 0
            while i < len(data):
                value.append(data[i + 1:i + 1 + data[i]])
                i += 1 + data[i]
        elif kind in ("CNAME", "NS"):
            value = _decode_name(msg, offset)[0]
        else:
            value = data
        records.append((kind, value))
        offset += length
    return DnsAnswer(RCODES.get(flags & 0x0F, str(flags & 0x0F)), records)


class _Daemon:
    """A child process with a temporary folder: self.proc, self.tmp; subclasses start()."""

    proc = None
    tmp = None

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        _stop_pid(self.proc)

    def cleanup(self):
        self.stop()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


class DnsServer(_Daemon):
    """dnsmasq serving the records declared before start(); see the module docstring.

    with DnsServer().mx("example.test", "mx1.example.test", 10) \\
                    .host("mx1.example.test", "127.0.0.1") as dns:
        ... dns.address ...   # the 127.x.y.z to use as dns.servers
    """

    def __init__(self, zones=("test",)):
        self.zones = list(zones)
        self.silent = []
        self.options = []
        self.address = None
        self.proc = None
        self.tmp = None

    # ---- records (dnsmasq(8) options) ----
    def mx(self, domain, host, preference):
        """--mx-host=DOMAIN,HOST,PREF"""
        return self.option(f"--mx-host={domain},{host},{int(preference)}")

    def host(self, name, address):
        """--host-record=NAME,ADDR: an A or AAAA record, by the address's family."""
        return self.option(f"--host-record={name},{address}")

    def null_mx(self, domain):
        """--dns-rr=DOMAIN,15,0000:00: one MX, preference 0, exchange "." (RFC 7505)."""
        return self.option(f"--dns-rr={domain},15,0000:00")

    def txt(self, name, *texts):
        """--txt-record=NAME,TEXT,...: one character-string per text. On the command line
        dnsmasq splits at commas and keeps quotes, so a text cannot hold a comma."""
        if any("," in t for t in texts):
            raise ValueError("dnsmasq's --txt-record cannot carry a comma inside a text")
        return self.option(f"--txt-record={name},{','.join(texts)}")

    def nxdomain(self, domain):
        """--address=/DOMAIN/: NXDOMAIN for the domain and everything under it, records or not."""
        return self.option(f"--address=/{domain}/")

    def timeout(self, domain):
        """Queries for DOMAIN and below go unanswered: dnsmasq forwards them to port 1 of its own
        address, where nothing listens (--server=/DOMAIN/ADDR#1)."""
        self.silent.append(domain)
        return self

    def local_zone(self, zone):
        """--local=/ZONE/: names under ZONE are answered from here only (no record: NXDOMAIN)."""
        self.zones.append(zone)
        return self

    def option(self, raw):
        self.options.append(raw)
        return self

    # ---- running ----
    def log(self):
        """dnsmasq's log (--log-queries) so far, for assertion messages."""
        return _read(os.path.join(self.tmp, "dnsmasq.log")) if self.tmp else ""

    def _args(self, ip):
        args = [DNSMASQ, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--no-poll", "--bind-interfaces", f"--listen-address={ip}",
                "--port=53", f"--pid-file={os.path.join(self.tmp, 'dnsmasq.pid')}",
                "--log-facility=-", "--log-queries", "--cache-size=0"]
        if os.geteuid() == 0:
            args.append("--user=root")  # no switch to "nobody": nothing to protect here
        args += [f"--local=/{zone}/" for zone in self.zones]
        args += [f"--server=/{domain}/{ip}#1" for domain in self.silent]
        return args + self.options

    def start(self):
        if not os.access(DNSMASQ, os.X_OK):
            raise FileNotFoundError(f"{DNSMASQ} is not installed (apt-get install dnsmasq-base)")
        self.tmp = tempfile.mkdtemp(prefix="fumibako-dns-")
        why = ""
        for _ in range(5):
            ip = random_loopback()
            why = self._launch(ip)
            if not why:
                self.address = ip
                return self
            _stop_pid(self.proc)
            self.proc = None
            if "in use" not in why:  # another run holds that address: try another
                break
        raise AssertionError(why)

    def _launch(self, ip):
        log = open(os.path.join(self.tmp, "dnsmasq.log"), "ab")
        with log:
            self.proc = subprocess.Popen(self._args(ip), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=log,
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            rc = self.proc.poll()
            if rc is not None:
                return (f"dnsmasq on {ip}:53 exited with {rc} (binding port 53 needs root or "
                        f"CAP_NET_BIND_SERVICE): {self.log().strip()}")
            try:
                dns_query(ip, "probe.invalid", "A", timeout=0.2)  # any answer (REFUSED) will do
                return ""
            except OSError:  # socket.timeout, or refused while it is not yet bound
                time.sleep(0.05)
        return f"dnsmasq on {ip}:53 did not answer within {READY_TIMEOUT}s: {self.log()}"

    def query(self, name, rtype="A", timeout=5.0):
        return dns_query(self.address, name, rtype, timeout)


# ---- SMTP ------------------------------------------------------------------------------------

class SinkMessage:
    """One transaction smtp-sink dumped: the envelope as the client sent it and the data."""

    def __init__(self, path, client_addr, helo, mail_args, rcpt_args, data):
        self.path = path
        self.client_addr = client_addr
        self.helo = helo
        self.mail_args = mail_args      # "<a@b.test> SIZE=123 BODY=8BITMIME"
        self.rcpt_args = rcpt_args      # ["<c@d.test> NOTIFY=NEVER", ...]
        self.data = data                # bytes, CRLF line ends, dot-unstuffed

    @property
    def mail_from(self):
        m = re.match(r"<([^>]*)>", self.mail_args)
        return m.group(1) if m else self.mail_args

    @property
    def rcpt_to(self):
        return [(re.match(r"<([^>]*)>", a).group(1) if a.startswith("<") else a)
                for a in self.rcpt_args]

    def __repr__(self):
        return f"SinkMessage({self.mail_args!r} -> {self.rcpt_args!r}, {len(self.data)} octets)"


def parse_sink_dump(path):
    """A SinkMessage from one smtp-sink -d file (smtp-sink(1), DUMP FILE FORMAT)."""
    with open(path, "rb") as f:
        raw = f.read()
    lines = raw.split(b"\n")
    fields = {"X-Client-Addr": "", "X-Helo-Args": "", "X-Mail-Args": ""}
    rcpts = []
    i = 0
    while i < len(lines) and not lines[i].startswith(b"Received: "):
        key, _, value = lines[i].decode("utf-8", "replace").partition(": ")
        if key == "X-Rcpt-Args":
            rcpts.append(value)
        else:
            fields[key] = value
        i += 1
    i += 3  # smtp-sink's own three-line Received: header
    body = lines[i:]
    # The dump ends with the message's last line end and then one empty line.
    if len(body) >= 2 and body[-1] == b"" and body[-2] == b"":
        body = body[:-2]
    data = b"\r\n".join(body) + (b"\r\n" if body else b"")
    return SinkMessage(path, fields["X-Client-Addr"], fields["X-Helo-Args"],
                       fields["X-Mail-Args"], rcpts, data)


class SmtpSink(_Daemon):
    """smtp-sink(1) with the options below; start() returns self, messages() reads the dumps.

    host, port      where to listen (default 127.0.0.1 and a free port; port 25 on a
                    random_loopback() address stands in for a domain's MX)
    hostname        name in the greeting and EHLO reply (-h)
    soft_reject     commands answered 450 4.3.0 (-r; implies no PIPELINING), e.g. ("RCPT",)
    hard_reject     commands answered 500 5.3.0 (-f; implies no PIPELINING), e.g. ("MAIL", ".")
    soft_reply, hard_reply   the texts of those replies (-b / -B), e.g. "452 4.2.2 Mailbox full"
    disconnect      commands after which the connection is dropped without a reply (-q);
                    "CONNECT" drops it before the greeting
    disconnect_421  commands answered 421 and then dropped (-Q)
    abort_data_after  seconds after the DATA reply to answer 550 and stop reading (-A)
    command_delays  {"RCPT": 3, ...}: seconds to wait before replying (-W); data_delay (-w)
    pipelining, eightbitmime, esmtp, enhanced_status_codes, dsn, auth: False turns off the
                    extension (-p, -8, -e, -E, -N, -a); smtp-sink never offers STARTTLS
    dump            keep each message in a file (-d); False: throw mail away
    max_messages    exit after that many messages (-M)
    extra_args      any other smtp-sink flags
    """

    def __init__(self, host="127.0.0.1", port=None, hostname="sink.test", soft_reject=(),
                 hard_reject=(), soft_reply=None, hard_reply=None, disconnect=(),
                 disconnect_421=(), abort_data_after=None, command_delays=None, data_delay=None,
                 pipelining=True, eightbitmime=True, esmtp=True, enhanced_status_codes=True,
                 dsn=True, auth=True, dump=True, max_messages=None, extra_args=()):
        self.host = host
        self.port = port
        self.hostname = hostname
        self.dump = dump
        flags = ["-h", hostname]
        for flag, commands in (("-r", soft_reject), ("-f", hard_reject), ("-q", disconnect),
                               ("-Q", disconnect_421)):
            if commands:
                flags += [flag, ",".join(commands)]
        if soft_reply:
            flags += ["-b", soft_reply]
        if hard_reply:
            flags += ["-B", hard_reply]
        if abort_data_after is not None:
            flags += ["-A", str(abort_data_after)]
        for command, delay in (command_delays or {}).items():
            flags += ["-W", f"{command}:{delay}"]
        if data_delay is not None:
            flags += ["-w", str(data_delay)]
        for enabled, flag in ((pipelining, "-p"), (eightbitmime, "-8"), (esmtp, "-e"),
                              (enhanced_status_codes, "-E"), (dsn, "-N"), (auth, "-a")):
            if not enabled:
                flags.append(flag)
        if max_messages is not None:
            flags += ["-M", str(max_messages)]
        self.flags = flags + list(extra_args)
        self.proc = None
        self.tmp = None
        self.dump_dir = None

    @property
    def address(self):
        return (self.host, self.port)

    def stderr(self):
        return _read(os.path.join(self.tmp, "smtp-sink.stderr")) if self.tmp else ""

    def start(self):
        if not os.access(SMTP_SINK, os.X_OK):
            raise FileNotFoundError(f"{SMTP_SINK} is not installed (apt-get install postfix)")
        self.tmp = tempfile.mkdtemp(prefix="fumibako-sink-")
        self.dump_dir = os.path.join(self.tmp, "mail")
        os.mkdir(self.dump_dir)
        user = []
        if os.geteuid() == 0:
            # smtp-sink must drop root (-u); the user it becomes writes the dumps.
            nobody = pwd.getpwnam("nobody")
            os.chmod(self.tmp, 0o711)
            os.chown(self.dump_dir, nobody.pw_uid, nobody.pw_gid)
            user = ["-u", "nobody"]
        fixed_port = self.port is not None
        why = ""
        for _ in range(1 if fixed_port else 5):
            if not fixed_port:
                self.port = self._free_port()
            why = self._launch(user)
            if not why:
                return self
            _stop_pid(self.proc)
            self.proc = None
        raise AssertionError(why)

    def _free_port(self):
        # smtp-sink sets SO_REUSEPORT, so a port taken by another smtp-sink would not make it
        # fail: take one the kernel has just handed out and nobody else is bound to.
        with socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET) as s:
            s.bind((self.host, 0))
            return s.getsockname()[1]

    def _launch(self, user):
        dump = ["-d", os.path.join(self.dump_dir, "%Y%m%d%H%M%S.")] if self.dump else []
        listen = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        args = [SMTP_SINK, *user, *dump, *self.flags, listen, "64"]
        with open(os.path.join(self.tmp, "smtp-sink.stderr"), "ab") as err:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            rc = self.proc.poll()
            if rc is not None:
                return f"smtp-sink {' '.join(args)} exited with {rc}: {self.stderr().strip()}"
            try:
                with socket.create_connection((self.host, self.port), timeout=1.0):
                    return ""  # listening (no need to read: CONNECT may be set to drop)
            except OSError:
                time.sleep(0.05)
        return f"smtp-sink on {self.host}:{self.port} did not accept within {READY_TIMEOUT}s"

    def _open_files(self):
        """Files smtp-sink has open: dumps of transactions still in progress."""
        fd_dir = f"/proc/{self.proc.pid}/fd" if self.proc else None
        found = set()
        try:
            for fd in os.listdir(fd_dir):
                try:
                    found.add(os.readlink(os.path.join(fd_dir, fd)))
                except OSError:
                    pass
        except (OSError, TypeError):
            pass
        return found

    def messages(self):
        """Every message received so far (one SinkMessage per -d file), by the time its file was
        last written: messages finished within the same few milliseconds (the file system's
        clock tick) may come in either order. A transaction still in progress (its dump file
        still open) is not one yet."""
        if not self.dump_dir:
            return []
        # Listed before the open files are read: a dump created in between would otherwise be
        # listed yet not known to be open, and read empty.
        paths = [os.path.join(self.dump_dir, n) for n in os.listdir(self.dump_dir)]
        busy = self._open_files()
        paths = [p for p in paths if p not in busy]
        paths.sort(key=lambda p: (os.stat(p).st_mtime_ns, p))
        return [parse_sink_dump(p) for p in paths]

    def wait_for_messages(self, count, timeout=30.0):
        """At least `count` messages, waiting up to `timeout` seconds; AssertionError otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages()
            if len(found) >= count or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        if len(found) < count:
            raise AssertionError(f"smtp-sink received {len(found)} of {count} messages in "
                                 f"{timeout}s; stderr: {self.stderr()}")
        return found
