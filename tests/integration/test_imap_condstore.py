#!/usr/bin/env python3
"""CONDSTORE and QRESYNC (RFC 7162) of fumibakod through real sockets: mod-sequences on
SELECT, STATUS, FETCH and STORE; conditional STORE (UNCHANGEDSINCE / MODIFIED); FETCH
CHANGEDSINCE and VANISHED; SEARCH MODSEQ; SELECT ... (QRESYNC ...) resynchronisation; VANISHED
instead of EXPUNGE once QRESYNC is enabled; and two sessions storing flags on one message at
once without undoing each other. Responses are checked on a raw client, byte for byte where
the RFC fixes the form.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_imap_condstore.py
"""

import re
import threading
import unittest

from fumibako_fixture import ServerTestCase, make_message, unique

PW = "condstore secret 123"


def status_of(done):
    parts = done.split(b" ", 2)
    return parts[1].decode() if len(parts) > 1 else ""


def code_value(lines, code):
    """The number in '[CODE n]' from the first line that has it, or None."""
    for line in lines:
        m = re.search(rb"\[" + code.encode() + rb" (\d+)\]", line)
        if m:
            return int(m.group(1))
    return None


def fetch_map(untagged):
    """{uid: (flags tuple, modseq)} from '* n FETCH (... UID u ... FLAGS (...) ... MODSEQ (m))'."""
    out = {}
    for line in untagged:
        if b" FETCH " not in line:
            continue
        uid = re.search(rb"UID (\d+)", line)
        flags = re.search(rb"FLAGS \(([^)]*)\)", line)
        modseq = re.search(rb"MODSEQ \((\d+)\)", line)
        # \Recent is the session's, not the message's: left out.
        out[int(uid.group(1)) if uid else None] = (
            tuple(sorted(f for f in flags.group(1).split() if f != b"\\Recent")) if flags else None,
            int(modseq.group(1)) if modseq else None)
    return out


class CondstoreCase(ServerTestCase):
    ACCOUNTS = {"cs@example.test": PW, "qr@example.test": PW, "race@example.test": PW}

    def run_cmd(self, c, command, want="OK"):
        untagged, done = c.imap(command)
        self.assertEqual(status_of(done), want, f"{command!r} -> {done!r}\n{c.transcript()}")
        return untagged, done

    def ok(self, c, command):
        return self.run_cmd(c, command)[0]

    def fresh_box(self, c, count):
        """A new folder with `count` messages, selected on c; returns its UIDs."""
        box = unique("cs")
        self.ok(c, f"CREATE {box}")
        for i in range(count):
            msg = make_message(unique(f"m{i}"))
            self.run_cmd(c, f"APPEND {box} {{{len(msg)}+}}".encode() + b"\r\n" + msg)
        self.ok(c, f"SELECT {box}")
        untagged = self.ok(c, "UID SEARCH ALL")
        return box, [int(x) for x in untagged[0].split()[2:]]

    def highest(self, c, box):
        untagged = self.ok(c, f"STATUS {box} (HIGHESTMODSEQ)")
        return int(re.search(rb"HIGHESTMODSEQ (\d+)", untagged[0]).group(1))


class CondstoreTest(CondstoreCase):
    def test_capabilities_and_highestmodseq_on_select_and_status(self):
        c = self.server.imap_raw("cs@example.test", PW)
        caps = self.ok(c, "CAPABILITY")[0].split()
        self.assertIn(b"CONDSTORE", caps)
        self.assertIn(b"QRESYNC", caps)
        box, _ = self.fresh_box(c, 2)
        untagged = self.ok(c, f"EXAMINE {box}")
        on_select = code_value(untagged, "HIGHESTMODSEQ")
        self.assertIsNotNone(on_select, c.transcript())
        self.assertEqual(self.highest(c, box), on_select)

    def test_store_bumps_modseq_and_reports_it(self):
        c = self.server.imap_raw("cs@example.test", PW)
        box, uids = self.fresh_box(c, 3)
        before = fetch_map(self.ok(c, "UID FETCH 1:* (MODSEQ)"))  # enables CONDSTORE
        self.assertEqual(sorted(before), uids)
        highest = self.highest(c, box)
        self.assertEqual(max(m for _, m in before.values()), highest)
        untagged = self.ok(c, "STORE 2 +FLAGS (\\Flagged)")
        after = fetch_map(untagged)
        self.assertEqual(list(after), [uids[1]], c.transcript())  # UID included once enabled
        flags, modseq = after[uids[1]]
        self.assertEqual(flags, (b"\\Flagged",))
        self.assertGreater(modseq, highest)
        self.assertEqual(self.highest(c, box), modseq)
        # .SILENT still tells a CONDSTORE client the new modseq, without FLAGS.
        untagged = self.ok(c, "STORE 3 +FLAGS.SILENT (\\Seen)")
        self.assertEqual(len(untagged), 1, c.transcript())
        self.assertNotIn(b"FLAGS", untagged[0])
        self.assertRegex(untagged[0], rb"^\* 3 FETCH \(UID \d+ MODSEQ \(\d+\)\)$")
        # A STORE that changes nothing keeps the modseq.
        unchanged = fetch_map(self.ok(c, "STORE 2 +FLAGS (\\Flagged)"))
        self.assertEqual(unchanged[uids[1]][1], modseq)

    def test_conditional_store_reports_modified(self):
        a = self.server.imap_raw("cs@example.test", PW)
        box, uids = self.fresh_box(a, 3)
        seen = fetch_map(self.ok(a, "FETCH 1:3 (UID MODSEQ)"))
        since = max(m for _, m in seen.values())
        b = self.server.imap_raw("cs@example.test", PW)
        self.ok(b, f"SELECT {box}")
        self.ok(b, "STORE 2 +FLAGS (\\Answered)")  # changes message 2 behind a's back
        untagged, done = self.run_cmd(a, f"STORE 1:3 (UNCHANGEDSINCE {since}) +FLAGS (\\Flagged)")
        self.assertIn(b"[MODIFIED 2]", done, a.transcript())
        now = fetch_map(self.ok(a, "UID FETCH 1:* (FLAGS)"))
        self.assertIn(b"\\Flagged", now[uids[0]][0])
        self.assertIn(b"\\Flagged", now[uids[2]][0])
        self.assertEqual(now[uids[1]][0], (b"\\Answered",), a.transcript())
        # UID STORE names UIDs; UNCHANGEDSINCE 0 can never pass (RFC 7162 3.1.3).
        _, done = self.run_cmd(a, f"UID STORE {uids[0]},{uids[2]} (UNCHANGEDSINCE 0) -FLAGS (\\Flagged)")
        self.assertIn(b"[MODIFIED %d,%d]" % (uids[0], uids[2]), done, a.transcript())

    def test_fetch_changedsince_and_search_modseq(self):
        c = self.server.imap_raw("cs@example.test", PW)
        box, uids = self.fresh_box(c, 5)
        since = self.highest(c, box)
        self.ok(c, "STORE 2,4 +FLAGS (\\Seen)")
        changed = fetch_map(self.ok(c, f"FETCH 1:* (FLAGS) (CHANGEDSINCE {since})"))
        self.assertEqual(sorted(changed), [uids[1], uids[3]], c.transcript())
        self.assertTrue(all(m > since for _, m in changed.values()))
        untagged = self.ok(c, f"SEARCH MODSEQ {since + 1}")
        m = re.match(rb"^\* SEARCH 2 4 \(MODSEQ (\d+)\)$", untagged[0])
        self.assertIsNotNone(m, c.transcript())
        self.assertEqual(int(m.group(1)), max(mod for _, mod in changed.values()))
        untagged = self.ok(c, f'UID SEARCH RETURN (ALL) MODSEQ "/flags/\\\\seen" all {since + 1}')
        self.assertRegex(untagged[0], rb"^\* ESEARCH \(TAG \"t\d+\"\) UID ALL %d,%d MODSEQ \d+$"
                         % (uids[1], uids[3]))
        self.assertEqual(self.ok(c, f"SEARCH MODSEQ {since + 1000}"), [b"* SEARCH"])

    def test_esearch_min_or_max_alone_gives_the_modseq_of_that_message(self):
        # RFC 7162 3.1.5: with MIN or MAX alone the MODSEQ is that of the message returned;
        # with ALL (or both) the highest of what is returned. Flags are set out of order so
        # that message 2 has the highest modseq, then 3, then 1 (imaptest's esearch-condstore).
        c = self.server.imap_raw("cs@example.test", PW)
        self.fresh_box(c, 3)
        modseq = {}
        for n in (1, 3, 2):
            self.ok(c, f"STORE {n} +FLAGS (\\Seen)")
            modseq[n] = list(fetch_map(self.ok(c, f"FETCH {n} (UID MODSEQ)")).values())[0][1]
        self.assertLess(modseq[1], modseq[3])
        self.assertLess(modseq[3], modseq[2])

        def esearch(criteria):
            untagged, done = self.run_cmd(c, f"SEARCH {criteria}")
            tag = done.split(b" ", 1)[0]
            self.assertEqual(len(untagged), 1, c.transcript())
            return untagged[0][len(b'* ESEARCH (TAG "%s")' % tag):]

        key = 'MODSEQ "/flags/\\\\seen" all 1'
        self.assertEqual(esearch(f"RETURN (MIN) 1:3 {key}"), b" MIN 1 MODSEQ %d" % modseq[1])
        self.assertEqual(esearch(f"RETURN (MAX) 1:3 {key}"), b" MAX 3 MODSEQ %d" % modseq[3])
        self.assertEqual(esearch(f"RETURN (MIN MAX) 1,3 {key}"), b" MIN 1 MAX 3 MODSEQ %d" % modseq[3])
        self.assertEqual(esearch(f"RETURN () 1:3 {key}"), b" ALL 1:3 MODSEQ %d" % modseq[2])
        self.assertEqual(esearch(f"RETURN (COUNT) 1,3 {key}"), b" COUNT 2 MODSEQ %d" % modseq[3])

    def test_bad_modifiers(self):
        c = self.server.imap_raw("cs@example.test", PW)
        self.fresh_box(c, 1)
        for command in ("FETCH 1 (FLAGS) (CHANGEDSINCE abc)",
                        "FETCH 1 (FLAGS) (CHANGEDSINCE 9223372036854775808)",
                        "FETCH 1 (FLAGS) (FOO 1)",
                        "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)",  # QRESYNC not enabled
                        "STORE 1 (UNCHANGEDSINCE x) +FLAGS (\\Seen)",
                        "SEARCH MODSEQ x"):
            self.run_cmd(c, command, want="BAD")
        self.ok(c, "NOOP")  # the session goes on


class QresyncTest(CondstoreCase):
    def qresync_session(self):
        c = self.server.imap_raw("qr@example.test", PW)
        self.assertEqual(self.ok(c, "ENABLE QRESYNC"), [b"* ENABLED QRESYNC"], c.transcript())
        return c

    def test_select_with_qresync_needs_enable(self):
        c = self.server.imap_raw("qr@example.test", PW)
        self.run_cmd(c, "SELECT INBOX (QRESYNC (1 1))", want="BAD")
        self.assertEqual(self.ok(c, "ENABLE CONDSTORE QRESYNC"), [b"* ENABLED CONDSTORE QRESYNC"])
        self.assertEqual(self.ok(c, "ENABLE QRESYNC"), [b"* ENABLED"])  # already on

    def test_resync_on_select(self):
        c = self.qresync_session()
        box, uids = self.fresh_box(c, 6)
        untagged = self.ok(c, f"SELECT {box}")
        validity = code_value(untagged, "UIDVALIDITY")
        modseq = code_value(untagged, "HIGHESTMODSEQ")
        self.ok(c, "UNSELECT")
        # Another client expunges two messages and flags one while c is away.
        other = self.server.imap_raw("qr@example.test", PW)
        self.ok(other, f"SELECT {box}")
        self.ok(other, f"UID STORE {uids[1]},{uids[3]} +FLAGS (\\Deleted)")
        self.ok(other, "EXPUNGE")
        self.ok(other, f"UID STORE {uids[4]} +FLAGS (\\Flagged)")

        untagged = self.ok(c, f"SELECT {box} (QRESYNC ({validity} {modseq}))")
        self.assertIn(b"* VANISHED (EARLIER) %d,%d" % (uids[1], uids[3]), untagged, c.transcript())
        changed = fetch_map(untagged)
        self.assertEqual(list(changed), [uids[4]], c.transcript())
        self.assertEqual(changed[uids[4]][0], (b"\\Flagged",))
        self.assertIn(b"* 4 EXISTS", untagged)
        # known-uids narrows VANISHED to what the client still has.
        untagged = self.ok(c, f"SELECT {box} (QRESYNC ({validity} {modseq} {uids[0]}:{uids[2]}))")
        self.assertIn(b"* OK [CLOSED] Previous mailbox closed.", untagged)
        self.assertIn(b"* VANISHED (EARLIER) %d" % uids[1], untagged, c.transcript())
        self.assertNotIn(b"* VANISHED (EARLIER) %d,%d" % (uids[1], uids[3]), untagged)
        # Another UIDVALIDITY: a plain SELECT, nothing vanished is claimed.
        untagged = self.ok(c, f"SELECT {box} (QRESYNC ({validity + 1} {modseq}))")
        self.assertFalse([l for l in untagged if b"VANISHED" in l], c.transcript())

    def test_vanished_replaces_expunge(self):
        c = self.qresync_session()
        box, uids = self.fresh_box(c, 4)
        self.ok(c, "STORE 1,2 +FLAGS.SILENT (\\Deleted)")
        untagged, done = self.run_cmd(c, "EXPUNGE")
        self.assertIn(b"* VANISHED %d:%d" % (uids[0], uids[1]), untagged, c.transcript())
        self.assertFalse([l for l in untagged if l.endswith(b" EXPUNGE")], c.transcript())
        self.assertEqual(code_value([done], "HIGHESTMODSEQ"), self.highest(c, box))
        # Expunges by another session arrive as VANISHED too.
        other = self.server.imap_raw("qr@example.test", PW)
        self.ok(other, f"SELECT {box}")
        self.ok(other, f"UID STORE {uids[3]} +FLAGS (\\Deleted)")
        self.ok(other, "EXPUNGE")
        self.assertIn(b"* VANISHED %d" % uids[3], self.ok(c, "NOOP"), c.transcript())
        # UID FETCH ... (CHANGEDSINCE m VANISHED) reports what vanished in the set.
        untagged = self.ok(c, "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")
        self.assertEqual(untagged[0], b"* VANISHED (EARLIER) %d:%d,%d" % (uids[0], uids[1], uids[3]),
                         c.transcript())
        self.assertEqual(sorted(fetch_map(untagged)), [uids[2]])


class ConcurrentStoreTest(CondstoreCase):
    def test_two_sessions_storing_at_once_keep_both_flags(self):
        """STORE applies +FLAGS to the stored flags in the write transaction: two sessions
        that each add a flag to the same messages, without seeing each other's change first,
        must both see both flags afterwards."""
        a = self.server.imap_raw("race@example.test", PW)
        box, uids = self.fresh_box(a, 20)
        b = self.server.imap_raw("race@example.test", PW)
        self.ok(b, f"SELECT {box}")
        errors = []

        def store(client, flag):
            for n in range(1, 21):
                _, done = client.imap(f"STORE {n} +FLAGS.SILENT ({flag})")
                if status_of(done) != "OK":
                    errors.append(done)

        threads = [threading.Thread(target=store, args=(a, "\\Flagged")),
                   threading.Thread(target=store, args=(b, "\\Answered"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        final = fetch_map(self.ok(a, "UID FETCH 1:* (FLAGS)"))
        self.assertEqual(len(final), 20)
        for uid, (flags, _) in final.items():
            self.assertEqual(flags, (b"\\Answered", b"\\Flagged"), f"UID {uid}\n{a.transcript()}")


if __name__ == "__main__":
    unittest.main()
