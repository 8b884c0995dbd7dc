#!/usr/bin/env python3
"""mbsync (the isync package) as a third-party IMAP client: a 1,000-message mailbox synced both
ways over imaps into a local Maildir.

New, flagged, deleted and moved messages made on either side survive a second sync with no
duplicates, flags agree both ways, and a third sync changes nothing.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_mbsync.py
"""

import email
import email.policy
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import uuid

from fumibako_fixture import HOST, ServerTestCase, dot_stuffed

USER = "sync@example.test"
PW = "mbsync secret 123"
COUNT = 1000
MBSYNC_TIMEOUT = 120


def subject_of(i):
    return f"mbsync-{i:04d}"


def message(i, msgid, body="small body\r\n"):
    return (f"From: <sender@other.test>\r\nTo: <{USER}>\r\nSubject: {subject_of(i)}\r\n"
            f"Message-ID: {msgid}\r\nDate: Sun, 29 Nov 2026 00:00:00 +0000\r\n\r\n"
            f"{body}").encode()


def headers_of(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return str(msg["Subject"]).strip(), str(msg["Message-ID"]).strip()


def maildir_flags(name):
    return set(name.split(":2,", 1)[1]) if ":2," in name else set()


class MbsyncTest(ServerTestCase):
    ACCOUNTS = {USER: PW}

    @classmethod
    def setUpClass(cls):
        if shutil.which("mbsync") is None:
            raise unittest.SkipTest("mbsync (isync) is not installed")
        super().setUpClass()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fumibako-mbsync-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.mail = os.path.join(self.tmp, "mail")
        os.makedirs(self.mail)
        self.rc = os.path.join(self.tmp, "mbsyncrc")
        self.logs = []
        with open(self.rc, "w") as f:
            f.write(f"""IMAPAccount remote
Host {HOST}
Port {self.server.ports["imaps"]}
User {USER}
Pass "{PW}"
SSLType IMAPS
CertificateFile {self.server.cert_path}

IMAPStore remote
Account remote

MaildirStore local
Path {self.mail}/
Inbox {self.mail}/INBOX
SubFolders Verbatim

Channel sync
Far :remote:
Near :local:
Patterns *
Create Both
Expunge Both
SyncState *
""")

    # ---- helpers ------------------------------------------------------------------------------
    def mbsync(self, label, *flags):
        t0 = time.monotonic()
        r = subprocess.run(["mbsync", *(flags or ["-V"]), "-c", self.rc, "-a"],
                           capture_output=True, text=True, errors="replace",
                           timeout=MBSYNC_TIMEOUT)
        took = time.monotonic() - t0
        print(f"\n  mbsync {label}: {took:.1f}s, exit {r.returncode}")
        out = r.stdout + r.stderr
        self.logs.append((label, out))
        self.assertEqual(r.returncode, 0, f"mbsync {label} exited {r.returncode}:\n{out[-6000:]}")
        return out

    def deliver_all(self):
        """1,000 transactions over one SMTP connection with PIPELINING (RFC 2920): each message's
        content, its end-of-data and the next MAIL/RCPT/DATA go out as one group, so a message
        costs one round trip. Returns {index: Message-ID}."""
        c = self.server.smtp_session()
        self.assertIn("PIPELINING", str(c.ehlo_reply), c.transcript())
        envelope = f"MAIL FROM:<sender@other.test>\r\nRCPT TO:<{USER}>\r\nDATA\r\n"

        def expect(code, what):
            r = c.reply()
            if r.code != code:
                raise AssertionError(f"{what} -> {r}\n{c.transcript()[-3000:]}")

        ids = {}
        c.send(envelope)
        for i in range(COUNT):
            expect(250, f"MAIL FROM ({i})")
            expect(250, f"RCPT TO ({i})")
            expect(354, f"DATA ({i})")
            ids[i] = f"<{uuid.uuid4().hex}.{i}@other.test>"
            c.send(dot_stuffed(message(i, ids[i])) + (envelope.encode() if i + 1 < COUNT else b""))
            expect(250, f"end of data ({i})")
        c.send("QUIT\r\n")
        expect(221, "QUIT")
        return ids

    def local_folder(self, name):
        """{file path: (subject, message-id, flags)} of a local Maildir folder."""
        base = os.path.join(self.mail, name)
        out = {}
        for sub in ("new", "cur"):
            d = os.path.join(base, sub)
            if not os.path.isdir(d):
                continue
            for fn in os.listdir(d):
                p = os.path.join(d, fn)
                with open(p, "rb") as f:
                    subj, mid = headers_of(f.read())
                out[p] = (subj, mid, maildir_flags(fn))
        return out

    def local_snapshot(self):
        snap = {}
        for root, _dirs, files in os.walk(self.mail):
            for fn in files:
                p = os.path.join(root, fn)
                with open(p, "rb") as f:
                    snap[os.path.relpath(p, self.mail)] = f.read()
        return snap

    def server_folder(self, m, name):
        """[(uid, subject, message-id, flags)] of a server folder (read-only)."""
        typ, data = m.select(f'"{name}"', readonly=True)
        self.assertEqual(typ, "OK", f"SELECT {name}: {data}\n{m.transcript()}")
        if int(data[0]) == 0:
            return []
        typ, data = m.fetch("1:*", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)])")
        self.assertEqual(typ, "OK", m.transcript())
        out = []
        for item in data:
            if not isinstance(item, tuple):
                continue
            meta = item[0].decode()
            uid = int(re.search(r"UID (\d+)", meta).group(1))
            flags = set(re.search(r"FLAGS \(([^)]*)\)", meta).group(1).split())
            subj, mid = headers_of(item[1])
            out.append((uid, subj, mid, flags))
        return out

    def server_folders(self, m):
        typ, data = m.list()
        self.assertEqual(typ, "OK", m.transcript())
        names = []
        for line in data:
            mm = re.match(rb'\(([^)]*)\) (?:"[^"]*"|NIL) (.*)$', line)
            name = mm.group(2).decode()
            if name.startswith('"'):
                name = name[1:-1]
            if "\\Noselect" not in mm.group(1).decode():
                names.append(name)
        return sorted(names)

    def server_snapshot(self):
        m = self.server.imap(USER, PW)
        try:
            return {name: sorted((u, s, i, frozenset(f)) for u, s, i, f in
                                 self.server_folder(m, name))
                    for name in self.server_folders(m)}
        finally:
            m.logout()
            self.server.clients.remove(m)

    # ---- the test -----------------------------------------------------------------------------
    def test_two_way_sync_of_1000_messages(self):
        t_all = time.monotonic()
        t0 = time.monotonic()
        ids = self.deliver_all()
        print(f"\n  delivered {COUNT} messages over one SMTP connection in "
              f"{time.monotonic() - t0:.1f}s")
        by_mid = {mid: i for i, mid in ids.items()}

        # ---- first sync: everything arrives locally
        self.mbsync("first sync")
        local = self.local_folder("INBOX")
        subjects = sorted(s for s, _, _ in local.values())
        self.assertEqual(len(local), COUNT, f"{len(local)} local messages after the first sync")
        self.assertEqual(subjects, sorted(subject_of(i) for i in range(COUNT)))
        self.assertEqual(sorted(mid for _, mid, _ in local.values()), sorted(ids.values()))

        # ---- changes on the server: flag 0-9, delete 10-19, move 20-29 into Archive
        m = self.server.imap(USER, PW)
        typ, data = m.select("INBOX")
        self.assertEqual(typ, "OK", m.transcript())
        uid_of = {by_mid[mid]: uid for uid, _, mid, _ in self.server_folder(m, "INBOX")}
        m.select("INBOX")
        self.assertEqual(len(uid_of), COUNT)
        uids = lambda r: ",".join(str(uid_of[i]) for i in r)  # noqa: E731
        for cmd, args in [("STORE", (uids(range(0, 10)), "+FLAGS", "(\\Flagged)")),
                          ("STORE", (uids(range(10, 20)), "+FLAGS", "(\\Deleted)"))]:
            typ, data = m.uid(cmd, *args)
            self.assertEqual(typ, "OK", f"{cmd} {args}: {data}\n{m.transcript()}")
        typ, data = m.expunge()
        self.assertEqual(typ, "OK", m.transcript())
        typ, data = m.create("Archive")
        self.assertEqual(typ, "OK", m.transcript())
        typ, data = m.uid("MOVE", uids(range(20, 30)), "Archive")
        self.assertEqual(typ, "OK", f"MOVE: {data}\n{m.transcript()}")
        m.logout()
        self.server.clients.remove(m)

        # ---- changes locally: 30-34 get S and F, 35-39 are deleted, 3 new messages in new/
        inbox = os.path.join(self.mail, "INBOX")
        for path, (subj, mid, flags) in local.items():
            i = by_mid[mid]
            if 30 <= i < 35:
                base = os.path.basename(path).split(":2,", 1)[0]
                new = base + ":2," + "".join(sorted(flags | {"S", "F"}))
                os.rename(path, os.path.join(inbox, "cur", new))
            elif 35 <= i < 40:
                os.unlink(path)
        new_ids = {}
        for k in range(3):
            i = COUNT + k
            new_ids[i] = f"<{uuid.uuid4().hex}.local{k}@near.test>"
            by_mid[new_ids[i]] = i
            name = f"{int(time.time())}.{os.getpid()}_{k}.fumibako-test"
            with open(os.path.join(inbox, "tmp", name), "wb") as f:
                f.write(message(i, new_ids[i], body="written locally\r\n"))
            os.rename(os.path.join(inbox, "tmp", name), os.path.join(inbox, "new", name))

        # ---- second sync carries both sides' changes
        self.mbsync("second sync")

        # ---- what both sides should hold now
        want_inbox = {i for i in range(COUNT + 3) if not 10 <= i < 40 or 30 <= i < 35}
        want_archive = set(range(20, 30))

        server = self.server_snapshot()
        self.assertIn("Archive", server, f"server folders: {sorted(server)}")
        for folder, want in [("INBOX", want_inbox), ("Archive", want_archive)]:
            srv = server[folder]
            mids = [mid for _, _, mid, _ in srv]
            self.assertEqual(len(mids), len(set(mids)), f"duplicates on the server in {folder}")
            self.assertEqual(len(srv), len(want), f"server {folder}: {len(srv)} != {len(want)}")
            self.assertEqual({by_mid.get(mid) for mid in mids}, want, f"server {folder}")
            for _, subj, mid, flags in srv:
                i = by_mid[mid]
                self.assertEqual(subj, subject_of(i))
                self.assertEqual("\\Flagged" in flags, 0 <= i < 10 or 30 <= i < 35,
                                 f"server {folder} {subj} flags {flags}")
                if 30 <= i < 35:
                    self.assertIn("\\Seen", flags, f"server {subj} flags {flags}")

            loc = self.local_folder(folder)
            lmids = [mid for _, mid, _ in loc.values()]
            self.assertEqual(len(lmids), len(set(lmids)), f"duplicates locally in {folder}")
            self.assertEqual(len(loc), len(want), f"local {folder}: {len(loc)} != {len(want)}")
            self.assertEqual({by_mid.get(mid) for mid in lmids}, want, f"local {folder}")
            for path, (subj, mid, flags) in loc.items():
                i = by_mid[mid]
                self.assertEqual(subj, subject_of(i))
                self.assertEqual("F" in flags, 0 <= i < 10 or 30 <= i < 35,
                                 f"local {path} flags {flags}")
                if 30 <= i < 35:
                    self.assertIn("S", flags, f"local {path}")
        # Every other folder is the same on both sides (by Message-ID).
        for folder in server:
            if folder in ("INBOX", "Archive"):
                continue
            loc = sorted(mid for _, mid, _ in self.local_folder(folder).values())
            self.assertEqual(loc, sorted(mid for _, _, mid, _ in server[folder]), folder)

        # ---- third sync changes nothing on either side
        before_local, before_server = self.local_snapshot(), server
        trace = self.mbsync("third sync", "-Dn")  # -Dn: the IMAP traffic
        sent = re.findall(r">>> \d+ ((?:UID )?[A-Z]+)", trace)
        self.assertIn("SELECT", sent, trace[-4000:])
        writes = sorted(set(sent) - {"AUTHENTICATE", "LOGIN", "CAPABILITY", "NAMESPACE", "LIST",
                                     "SELECT", "EXAMINE", "UID FETCH", "CLOSE", "LOGOUT"})
        self.assertEqual(writes, [], "the third sync sent commands that change the server:\n"
                         + trace[-4000:])
        after_local, after_server = self.local_snapshot(), self.server_snapshot()
        self.assertEqual(sorted(after_local), sorted(before_local),
                         "the third sync changed the local Maildir:\n" + self.logs[-1][1][-4000:])
        self.assertEqual(after_local, before_local)
        self.assertEqual(after_server, before_server,
                         "the third sync changed the server:\n" + self.logs[-1][1][-4000:])
        print(f"  whole test {time.monotonic() - t_all:.1f}s")


if __name__ == "__main__":
    unittest.main()
