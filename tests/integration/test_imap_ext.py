#!/usr/bin/env python3
"""IMAP extensions of fumibakod through real sockets: QUOTA (RFC 9208) with the STORAGE and
MESSAGE resources, ESEARCH (RFC 4731), LIST-EXTENDED (RFC 5258) and LIST-STATUS (RFC 5819).
Untagged responses are checked byte for byte over a raw client; imaplib is used where it has
the command.
Run: FUMIBAKOD=... FUMIBAKOCTL=... python3 test_imap_ext.py
"""

import re
import unittest

from fumibako_fixture import ServerTestCase, imap_quote, make_message, unique

PW = "imap ext secret 123"


def status_of(done):
    parts = done.split(b" ", 2)
    return parts[1].decode() if len(parts) > 1 else ""


def literal_plus(command, message):
    return command.encode("utf-8") + b" {%d+}\r\n" % len(message) + message


class ExtTestCase(ServerTestCase):
    def run_cmd(self, c, command, want="OK"):
        untagged, done = c.imap(command)
        self.assertEqual(status_of(done), want, f"{command!r} -> {done!r}\n{c.transcript()}")
        return untagged, done

    def ok(self, c, command):
        return self.run_cmd(c, command)[0]

    def append(self, c, mailbox, message, want="OK", flags=""):
        cmd = f"APPEND {imap_quote(mailbox)}" + (f" ({flags})" if flags else "")
        return self.run_cmd(c, literal_plus(cmd, message), want)[1]

    def capabilities(self, c):
        untagged = self.ok(c, "CAPABILITY")
        self.assertTrue(untagged and untagged[0].startswith(b"* CAPABILITY "), untagged)
        return untagged[0].split()[2:]


def kib(n):
    return (n + 1023) // 1024


class QuotaTest(ExtTestCase):
    """RFC 9208: GETQUOTAROOT / GETQUOTA from the limits fumibakoctl set, SETQUOTA refused,
    APPEND and COPY over a limit answered NO [OVERQUOTA]."""

    ACCOUNTS = {"q@example.test": PW, "s@example.test": PW, "free@example.test": PW}
    QUOTAS = {"q@example.test": (50 * 1024, 3), "s@example.test": (4096, 0)}

    def test_capability_only_after_login(self):
        c = self.server.imap_raw()
        self.assertNotIn(b"QUOTA", self.capabilities(c))
        c = self.server.imap_raw("free@example.test")
        caps = self.capabilities(c)
        for cap in (b"QUOTA", b"QUOTA=RES-STORAGE", b"QUOTA=RES-MESSAGE"):
            self.assertEqual(caps.count(cap), 1, caps)

    def test_usage_and_limits_then_overquota(self):
        c = self.server.imap_raw("q@example.test")
        untagged = self.ok(c, "GETQUOTAROOT INBOX")
        self.assertEqual(untagged, [b'* QUOTAROOT "INBOX" ""',
                                    b'* QUOTA "" (STORAGE 0 50 MESSAGE 0 3)'], c.transcript())
        msgs = [make_message(unique("q%d" % i), body="x" * 1500 + "\r\n") for i in range(3)]
        self.append(c, "INBOX", msgs[0])
        self.append(c, "INBOX", msgs[1])
        used = kib(len(msgs[0]) + len(msgs[1]))
        self.assertEqual(self.ok(c, 'GETQUOTA ""'),
                         [b'* QUOTA "" (STORAGE %d 50 MESSAGE 2 3)' % used], c.transcript())
        box = unique("box")
        self.ok(c, f"CREATE {box}")
        self.assertEqual(self.ok(c, f"GETQUOTAROOT {box}"),
                         [b'* QUOTAROOT "%s" ""' % box.encode(),
                          b'* QUOTA "" (STORAGE %d 50 MESSAGE 2 3)' % used], c.transcript())
        self.append(c, box, msgs[2])
        # The fourth message is over the MESSAGE limit: APPEND and COPY are refused.
        done = self.append(c, "INBOX", make_message(unique("over")), want="NO")
        self.assertIn(b"[OVERQUOTA]", done)
        self.ok(c, "SELECT INBOX")
        _, done = self.run_cmd(c, f"COPY 1 {box}", want="NO")
        self.assertIn(b"[OVERQUOTA]", done)
        self.assertEqual(self.ok(c, 'GETQUOTA ""'),
                         [b'* QUOTA "" (STORAGE %d 50 MESSAGE 3 3)'
                          % kib(sum(map(len, msgs)))], c.transcript())

    def test_storage_only_limit(self):
        c = self.server.imap_raw("s@example.test")
        self.assertEqual(self.ok(c, 'GETQUOTA ""'), [b'* QUOTA "" (STORAGE 0 4)'], c.transcript())
        big = make_message(unique("big"), body="y" * 5000 + "\r\n")
        done = self.append(c, "INBOX", big, want="NO")
        self.assertIn(b"[OVERQUOTA]", done)
        small = make_message(unique("small"))
        self.append(c, "INBOX", small)
        self.assertEqual(self.ok(c, 'GETQUOTA ""'),
                         [b'* QUOTA "" (STORAGE %d 4)' % kib(len(small))], c.transcript())

    def test_unlimited_account_has_root_without_resources(self):
        c = self.server.imap_raw("free@example.test")
        self.assertEqual(self.ok(c, 'GETQUOTAROOT "INBOX"'),
                         [b'* QUOTAROOT "INBOX" ""', b'* QUOTA "" ()'], c.transcript())

    def test_setquota_refused_and_bad_roots(self):
        c = self.server.imap_raw("q@example.test")
        _, done = self.run_cmd(c, 'SETQUOTA "" (STORAGE 1000000)', want="NO")
        self.assertIn(b"[NOPERM]", done)
        _, done = self.run_cmd(c, 'GETQUOTA "other"', want="NO")
        _, done = self.run_cmd(c, "GETQUOTAROOT nosuchbox", want="NO")
        self.assertIn(b"[NONEXISTENT]", done)
        self.run_cmd(c, "GETQUOTAROOT", want="BAD")
        # Before login the commands are not valid.
        c2 = self.server.imap_raw()
        self.run_cmd(c2, 'GETQUOTA ""', want="BAD")

    def test_imaplib_getquotaroot(self):
        m = self.server.imap("q@example.test")
        typ, data = m.getquotaroot("INBOX")
        self.assertEqual(typ, "OK")
        self.assertEqual(data[0], [b'"INBOX" ""'])
        self.assertTrue(data[1][0].startswith(b'"" (STORAGE '), data)
        typ, _ = m.setquota('""', "(STORAGE 10)")
        self.assertEqual(typ, "NO")


class EsearchTest(ExtTestCase):
    """RFC 4731: SEARCH RETURN (MIN MAX COUNT ALL) and UID SEARCH RETURN answer one ESEARCH with
    the command's tag; plain SEARCH is unchanged."""

    ACCOUNTS = {"e@example.test": PW}

    def setUp(self):
        self.c = self.server.imap_raw("e@example.test")
        self.box = unique("es")
        self.ok(self.c, f"CREATE {self.box}")
        # Two expunged messages first: UIDs are then sequence numbers + 2.
        for i in range(2):
            self.append(self.c, self.box, make_message(unique("gone%d" % i)), flags="\\Deleted")
        for i in range(8):
            subject = unique("esearch-hit" if i in (1, 4) else "esearch%d" % i)
            self.append(self.c, self.box, make_message(subject),
                        flags="\\Flagged" if i in (0, 1, 2, 6) else "")
        self.ok(self.c, f"SELECT {self.box}")
        self.ok(self.c, "EXPUNGE")

    def esearch(self, command):
        untagged, done = self.run_cmd(self.c, command)
        tag = done.split(b" ", 1)[0]
        self.assertEqual(len(untagged), 1, self.c.transcript())
        prefix = b'* ESEARCH (TAG "%s")' % tag
        self.assertTrue(untagged[0].startswith(prefix), self.c.transcript())
        return untagged[0][len(prefix):]

    def test_capability(self):
        self.assertEqual(self.capabilities(self.c).count(b"ESEARCH"), 1)

    def test_all_return_options(self):
        self.assertEqual(self.esearch("SEARCH RETURN (MIN MAX COUNT ALL) FLAGGED"),
                         b" MIN 1 MAX 7 COUNT 4 ALL 1:3,7")
        # Results come in the RFC's order whatever order they were asked in.
        self.assertEqual(self.esearch("SEARCH RETURN (ALL COUNT) UNFLAGGED"), b" COUNT 4 ALL 4:6,8")
        self.assertEqual(self.esearch("SEARCH RETURN (MAX) ALL"), b" MAX 8")
        self.assertEqual(self.esearch("SEARCH RETURN (MIN) NOT FLAGGED"), b" MIN 4")

    def test_empty_return_means_all(self):
        self.assertEqual(self.esearch("SEARCH RETURN () FLAGGED"), b" ALL 1:3,7")
        self.assertEqual(self.esearch("SEARCH RETURN () 2,4:5"), b" ALL 2,4:5")

    def test_uid_search(self):
        self.assertEqual(self.esearch("UID SEARCH RETURN (MIN MAX COUNT ALL) FLAGGED"),
                         b" UID MIN 3 MAX 9 COUNT 4 ALL 3:5,9")
        self.assertEqual(self.esearch("UID SEARCH RETURN (COUNT) UID 1:6"), b" UID COUNT 4")
        self.assertEqual(self.esearch("UID SEARCH RETURN () ALL"), b" UID ALL 3:10")

    def test_no_match(self):
        self.assertEqual(self.esearch("SEARCH RETURN (MIN MAX COUNT ALL) KEYWORD nothing"),
                         b" COUNT 0")
        self.assertEqual(self.esearch("SEARCH RETURN (ALL) KEYWORD nothing"), b"")
        self.assertEqual(self.esearch("UID SEARCH RETURN (MIN) KEYWORD nothing"), b" UID")

    def test_numbers_past_the_last_match_nothing(self):
        # As Dovecot (imaptest's esearch group): an empty answer, not BAD.
        self.assertEqual(self.esearch("SEARCH RETURN () 1000"), b"")
        self.assertEqual(self.esearch("SEARCH RETURN (COUNT) 1000"), b" COUNT 0")
        self.assertEqual(self.esearch("SEARCH RETURN (MIN) 1000"), b"")
        self.assertEqual(self.esearch("SEARCH RETURN (ALL) 7:1000"), b" ALL 7:8")
        self.assertEqual(self.esearch("UID SEARCH RETURN () 1000"), b" UID")
        self.assertEqual(self.ok(self.c, "SEARCH 1000"), [b"* SEARCH"])

    def test_with_charset_and_file_keys(self):
        # SUBJECT reads the message files on a worker: the answer is the same ESEARCH.
        self.assertEqual(self.esearch("SEARCH RETURN (COUNT ALL) CHARSET UTF-8 SUBJECT esearch-hit"),
                         b" COUNT 2 ALL 2,5")
        self.assertEqual(self.esearch("UID SEARCH RETURN (MIN MAX) SUBJECT esearch-hit"),
                         b" UID MIN 4 MAX 7")

    def test_plain_search_unchanged(self):
        self.assertEqual(self.ok(self.c, "SEARCH FLAGGED"), [b"* SEARCH 1 2 3 7"])
        self.assertEqual(self.ok(self.c, "UID SEARCH FLAGGED"), [b"* SEARCH 3 4 5 9"])
        self.assertEqual(self.ok(self.c, "SEARCH KEYWORD nothing"), [b"* SEARCH"])

    def test_bad_return_options(self):
        self.run_cmd(self.c, "SEARCH RETURN (BOGUS) ALL", want="BAD")
        self.run_cmd(self.c, "SEARCH RETURN (COUNT)", want="BAD")
        self.run_cmd(self.c, "SEARCH RETURN (COUNT) NOSUCHKEY", want="BAD")

    def test_imaplib(self):
        m = self.server.imap("e@example.test")
        m.select(self.box)
        typ, data = m._simple_command("SEARCH", "RETURN", "(COUNT)", "FLAGGED")
        self.assertEqual(typ, "OK")
        typ, data = m._untagged_response(typ, data, "ESEARCH")
        self.assertEqual(len(data), 1, data)
        self.assertTrue(data[0].endswith(b") COUNT 4"), data)


class ListExtendedTest(ExtTestCase):
    """RFC 5258 LIST-EXTENDED (selection options, several patterns, return options) and
    RFC 5819 LIST-STATUS (an untagged STATUS after each LIST line)."""

    ACCOUNTS = {"l@example.test": PW}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.imap_raw("l@example.test")
        cls.p = unique("lx")
        for name in (cls.p, f"{cls.p}/sub", f"{cls.p}/off", f"{cls.p}-leaf", f"{cls.p}-par",
                     f"{cls.p}-par/kid", f"{cls.p}-gone", f"{cls.p}-gone2/kid"):
            _, done = c.imap(f"CREATE {name}")
            assert b" OK " in done, c.transcript()
        # A new folder is not subscribed by itself (as in Dovecot); "-gone" and "-gone2/kid"
        # stay subscribed after their mailboxes are deleted.
        for name in (cls.p, f"{cls.p}/sub", f"{cls.p}-leaf", f"{cls.p}-par/kid", f"{cls.p}-gone",
                     f"{cls.p}-gone2/kid"):
            _, done = c.imap(f"SUBSCRIBE {name}")
            assert b" OK " in done, c.transcript()
        for name in (f"{cls.p}-gone", f"{cls.p}-gone2/kid", f"{cls.p}-gone2"):
            _, done = c.imap(f"DELETE {name}")
            assert b" OK " in done, c.transcript()
        msgs = [make_message(unique("ls%d" % i)) for i in range(3)]
        for i, m in enumerate(msgs):
            _, done = c.imap(literal_plus(f"APPEND {cls.p}/sub" + (" (\\Seen)" if i == 0 else ""), m))
            assert b" OK " in done, c.transcript()
        cls.sub_size = sum(map(len, msgs))
        c.close()

    def setUp(self):
        self.c = self.server.imap_raw("l@example.test")

    def lines(self, command):
        return self.ok(self.c, command)

    def test_capability(self):
        caps = self.capabilities(self.c)
        self.assertEqual(caps.count(b"LIST-EXTENDED"), 1, caps)
        self.assertEqual(caps.count(b"LIST-STATUS"), 1, caps)

    def test_plain_list_unchanged(self):
        p = self.p
        self.assertCountEqual(self.lines(f'LIST "" {p}*'), [
            b'* LIST (\\HasChildren \\Subscribed) "/" "%s"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s/sub"' % p.encode(),
            b'* LIST (\\HasNoChildren) "/" "%s/off"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode(),
            b'* LIST (\\HasChildren) "/" "%s-par"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-par/kid"' % p.encode()])

    def test_subscribed_selection(self):
        p = self.p
        out = self.lines(f'LIST (SUBSCRIBED) "" "{p}*"')
        self.assertCountEqual(out, [
            b'* LIST (\\HasChildren \\Subscribed) "/" "%s"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s/sub"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-par/kid"' % p.encode(),
            b'* LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "%s-gone"' % p.encode(),
            b'* LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "%s-gone2/kid"' % p.encode()],
            self.c.transcript())
        # The whole account: every subscribed mailbox, INBOX among them, none unsubscribed.
        out = self.lines('LIST (SUBSCRIBED) "" "*"')
        self.assertIn(b'* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"', out)
        self.assertTrue(all(b"\\Subscribed" in line for line in out), out)
        self.assertNotIn(b'"%s/off"' % p.encode(), b"\n".join(out))

    def test_recursivematch_childinfo(self):
        p = self.p
        self.assertCountEqual(self.lines(f'LIST (SUBSCRIBED RECURSIVEMATCH) "" "{p}-%"'), [
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode(),
            b'* LIST (\\HasChildren) "/" "%s-par" ("CHILDINFO" ("SUBSCRIBED"))' % p.encode(),
            b'* LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "%s-gone"' % p.encode(),
            b'* LIST (\\NonExistent \\HasNoChildren) "/" "%s-gone2" ("CHILDINFO" ("SUBSCRIBED"))' % p.encode()],
            self.c.transcript())
        self.run_cmd(self.c, f'LIST (RECURSIVEMATCH) "" "*"', want="BAD")

    def test_subscribed_selection_shows_deleted_mailboxes_as_nonexistent(self):
        # RFC 5258 3.1: (SUBSCRIBED) lists subscribed names whether the mailbox exists or not.
        p = self.p
        self.assertCountEqual(self.lines(f'LIST (SUBSCRIBED) "" "{p}-g*"'), [
            b'* LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "%s-gone"' % p.encode(),
            b'* LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "%s-gone2/kid"' % p.encode()],
            self.c.transcript())
        # A plain LIST shows only mailboxes; LSUB shows the subscriptions as \Noselect.
        self.assertEqual(self.lines(f'LIST "" "{p}-g*"'), [])
        self.assertCountEqual(self.lines(f'LSUB "" "{p}-g*"'), [
            b'* LSUB (\\Noselect \\HasNoChildren) "/" "%s-gone"' % p.encode(),
            b'* LSUB (\\Noselect \\HasNoChildren) "/" "%s-gone2/kid"' % p.encode()],
            self.c.transcript())
        # RECURSIVEMATCH: the parent that no longer exists either, with CHILDINFO.
        self.assertEqual(self.lines(f'LIST (SUBSCRIBED RECURSIVEMATCH) "" "{p}-gone2"'), [
            b'* LIST (\\NonExistent \\HasNoChildren) "/" "%s-gone2" ("CHILDINFO" ("SUBSCRIBED"))' % p.encode()],
            self.c.transcript())

    def test_recursivematch_leaves_out_parents_of_children_listed_anyway(self):
        # imaptest's listext group: a parent whose only subscribed child is itself
        # listed gets no CHILDINFO line.
        p = self.p
        self.assertEqual(self.lines(f'LIST (SUBSCRIBED RECURSIVEMATCH) "" "{p}-par*"'), [
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-par/kid"' % p.encode()],
            self.c.transcript())
        self.assertEqual(self.lines(f'LIST (SUBSCRIBED RECURSIVEMATCH) "" "{p}-par"'), [
            b'* LIST (\\HasChildren) "/" "%s-par" ("CHILDINFO" ("SUBSCRIBED"))' % p.encode()],
            self.c.transcript())

    def test_lsub_shows_an_unsubscribed_parent_as_noselect(self):
        # RFC 3501 6.3.9: "foo/bar" subscribed, "foo" not: LSUB "" % lists foo \Noselect.
        p = self.p
        self.assertCountEqual(self.lines(f'LSUB "" "{p}-%"'), [
            b'* LSUB (\\HasNoChildren) "/" "%s-leaf"' % p.encode(),
            b'* LSUB (\\Noselect \\HasChildren) "/" "%s-par"' % p.encode(),
            b'* LSUB (\\Noselect \\HasNoChildren) "/" "%s-gone"' % p.encode(),
            b'* LSUB (\\Noselect \\HasNoChildren) "/" "%s-gone2"' % p.encode()],
            self.c.transcript())

    def test_return_children_and_subscribed(self):
        p = self.p
        self.assertCountEqual(self.lines(f'LIST "" "{p}-%" RETURN (CHILDREN SUBSCRIBED)'), [
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode(),
            b'* LIST (\\HasChildren) "/" "%s-par"' % p.encode()],
            self.c.transcript())

    def test_unsubscribe_a_name_without_a_mailbox(self):
        name = unique("never")
        self.run_cmd(self.c, f"SUBSCRIBE {name}", want="NO")
        self.ok(self.c, f"CREATE {name}")
        self.ok(self.c, f"SUBSCRIBE {name}")
        self.ok(self.c, f"DELETE {name}")
        self.assertEqual(len(self.lines(f'LSUB "" {name}')), 1, self.c.transcript())
        self.ok(self.c, f"UNSUBSCRIBE {name}")
        self.assertEqual(self.lines(f'LSUB "" {name}'), [])

    def test_special_use_selection(self):
        out = self.lines('LIST (SPECIAL-USE) "" "*"')
        self.assertTrue(out, self.c.transcript())
        for line in out:
            self.assertRegex(line, rb"\\(Sent|Drafts|Trash|Junk|Archive)")
        self.assertNotIn(self.p.encode(), b"\n".join(out))

    def test_return_options(self):
        p = self.p
        out = self.lines(f'LIST "" "{p}" RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)')
        self.assertEqual(out, [b'* LIST (\\HasChildren \\Subscribed) "/" "%s"' % p.encode()])
        out = self.lines('LIST "" "*" RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)')
        self.assertIn(b'* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"', out)
        self.assertTrue(any(b"\\Sent" in line for line in out), out)
        self.run_cmd(self.c, 'LIST "" "*" RETURN (BOGUS)', want="BAD")
        self.run_cmd(self.c, 'LIST (BOGUS) "" "*"', want="BAD")

    def test_several_patterns(self):
        p = self.p
        # A mailbox that two patterns match is listed once.
        out = self.lines(f'LIST "" ("{p}-leaf" "{p}/%" "{p}-l*" INBOX)')
        self.assertCountEqual(out, [
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"',
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s/sub"' % p.encode(),
            b'* LIST (\\HasNoChildren) "/" "%s/off"' % p.encode(),
            b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode()],
            self.c.transcript())

    def test_list_status(self):
        p = self.p
        out = self.lines(f'LIST "" ("{p}/sub" "{p}-leaf") RETURN '
                         f'(STATUS (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE))')
        self.assertEqual(len(out), 4, self.c.transcript())
        pairs = {lst.rsplit(b" ", 1)[1]: (lst, st) for lst, st in zip(out[0::2], out[1::2])}
        sub, leaf = pairs[b'"%s/sub"' % p.encode()], pairs[b'"%s-leaf"' % p.encode()]
        self.assertEqual(sub[0], b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s/sub"' % p.encode())
        m = re.fullmatch(rb'\* STATUS "%s/sub" \(MESSAGES 3 UNSEEN 2 UIDNEXT 4 UIDVALIDITY (\d+) '
                         rb'SIZE (\d+)\)' % p.encode(), sub[1])
        self.assertIsNotNone(m, sub[1])
        self.assertEqual(int(m.group(2)), self.sub_size)
        # The same figures as STATUS gives.
        self.assertEqual(self.lines(f'STATUS "{p}/sub" (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE)'),
                         [sub[1]])
        self.assertEqual(leaf[0], b'* LIST (\\HasNoChildren \\Subscribed) "/" "%s-leaf"' % p.encode())
        self.assertRegex(leaf[1], rb'^\* STATUS "%s-leaf" \(MESSAGES 0 UNSEEN 0 UIDNEXT 1 '
                                  rb'UIDVALIDITY \d+ SIZE 0\)$' % p.encode())
        # Every LIST line of the whole account is followed by its STATUS.
        out = self.lines('LIST "" "*" RETURN (STATUS (MESSAGES))')
        self.assertEqual(len(out) % 2, 0, out)
        for lst, st in zip(out[0::2], out[1::2]):
            self.assertTrue(lst.startswith(b"* LIST "), out)
            self.assertTrue(st.startswith(b"* STATUS " + lst.rsplit(b" ", 1)[1] + b" (MESSAGES "), out)
        self.run_cmd(self.c, 'LIST "" "*" RETURN (STATUS (BOGUS))', want="BAD")
        self.run_cmd(self.c, 'LIST "" "*" RETURN (STATUS)', want="BAD")

    def test_imaplib_list_status(self):
        m = self.server.imap("l@example.test")
        typ, data = m._simple_command("LIST", '""', f'"{self.p}/sub"', "RETURN",
                                      "(STATUS (MESSAGES))")
        self.assertEqual(typ, "OK")
        _, lists = m._untagged_response(typ, data, "LIST")
        self.assertEqual(lists, [b'(\\HasNoChildren \\Subscribed) "/" "%s/sub"' % self.p.encode()])
        _, status = m._untagged_response(typ, data, "STATUS")
        self.assertEqual(status, [b'"%s/sub" (MESSAGES 3)' % self.p.encode()])


if __name__ == "__main__":
    unittest.main()
