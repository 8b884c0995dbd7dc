#include "imap/imapcommandparser.h"

#include <QCryptographicHash>
#include <QTest>

using namespace fumibako;

using Limits = ImapCommandParser::Limits;
using Status = ImapCommandParser::Status;
Q_DECLARE_METATYPE(ImapCommandParser::Limits)

namespace
{

QString dump(const ImapValue &v)
{
    switch (v.type) {
    case ImapValue::Type::Atom:
        return QString::fromLatin1(v.text);
    case ImapValue::Type::Nil:
        return QStringLiteral("<NIL>");
    case ImapValue::Type::String:
        if (v.literal)
            return QStringLiteral("{%1}").arg(v.text.size()) + QString::fromLatin1(v.text);
        return QLatin1Char('"') + QString::fromLatin1(v.text) + QLatin1Char('"');
    case ImapValue::Type::List: {
        QStringList parts;
        for (const ImapValue &e : v.list)
            parts << dump(e);
        return QLatin1Char('(') + parts.join(QLatin1Char(' ')) + QLatin1Char(')');
    }
    }
    return {};
}

QString dump(const ImapCommand &c)
{
    QStringList parts{QString::fromLatin1(c.tag), QString::fromLatin1(c.name)};
    for (const ImapValue &v : c.args)
        parts << dump(v);
    return parts.join(QLatin1Char(' '));
}

// Feeds `input` in chunks of `chunk` bytes as a session would (the parser keeps what it
// did not consume at the front of the buffer) and records every event: a command, "+"
// for a continuation request, "ERR tag response [FATAL]". Ends with what is still held.
QStringList run(const QByteArray &input, const Limits &limits, qsizetype chunk)
{
    ImapCommandParser p(limits);
    QStringList events;
    QByteArray buf;
    for (qsizetype offset = 0; offset < input.size(); offset += chunk) {
        buf.append(input.mid(offset, chunk));
        for (;;) {
            const Status st = p.feed(buf);
            if (st == Status::NeedMore) {
                if (!buf.isEmpty())
                    events << QStringLiteral("NeedMore left bytes");
                break;
            }
            if (st == Status::Complete) {
                events << dump(p.take());
            } else if (st == Status::NeedContinuation) {
                events << QStringLiteral("+");
            } else {
                events << QStringLiteral("ERR ") + QString::fromLatin1(p.errorTag()) +
                              QLatin1Char(' ') + QString::fromLatin1(p.errorResponse()) +
                              (p.errorIsFatal() ? QStringLiteral(" FATAL") : QString());
                if (p.errorIsFatal())
                    return events;
            }
        }
    }
    if (p.bufferedBytes() > 0)
        events << QStringLiteral("partial");
    return events;
}

Limits smallLiterals()
{
    Limits l;
    l.maxLiteral = 10;
    l.maxAppendLiteral = 100;
    return l;
}

} // namespace

// Every row is run on the whole input and again one byte at a time (Dovecot's
// test-imap-parser habit): results must not depend on how TCP splits the stream.
class tst_ImapCommandParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void feed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Limits>("limits");
        QTest::addColumn<QStringList>("events");
        const Limits d;
        auto row = [](const char *name) { return &QTest::newRow(name); };
        auto L = [](const char *s) { return QString::fromUtf8(s); };

        // simple commands
        *row("noop") << QByteArray("a1 NOOP\r\n") << d << QStringList{L("a1 NOOP")};
        *row("name upper-cased") << QByteArray("a1 noop\r\n") << d << QStringList{L("a1 NOOP")};
        *row("bare LF") << QByteArray("a NOOP\n") << d << QStringList{L("a NOOP")};
        *row("login atoms") << QByteArray("A001 LOGIN SMITH SESAME\r\n") << d
                            << QStringList{L("A001 LOGIN SMITH SESAME")};
        *row("tag with odd chars")
            << QByteArray("a.1]x NOOP\r\n") << d << QStringList{L("a.1]x NOOP")};
        *row("pipelined") << QByteArray("a NOOP\r\nb CAPABILITY\r\n") << d
                          << QStringList{L("a NOOP"), L("b CAPABILITY")};
        *row("trailing space") << QByteArray("a NOOP \r\n") << d << QStringList{L("a NOOP")};
        *row("uid fetch") << QByteArray("a UID fetch 1:3,5 (UID FLAGS)\r\n") << d
                          << QStringList{L("a UID fetch 1:3,5 (UID FLAGS)")};
        *row("store flags") << QByteArray("a STORE 1 +FLAGS.SILENT (\\Seen \\Deleted $Junk)\r\n")
                            << d
                            << QStringList{L("a STORE 1 +FLAGS.SILENT (\\Seen \\Deleted $Junk)")};
        *row("list wildcards") << QByteArray("a LIST \"\" %/*\r\n") << d
                               << QStringList{L("a LIST \"\" %/*")};
        *row("gmail style mailbox") << QByteArray("a SELECT [Gmail]/Sent\r\n") << d
                                    << QStringList{L("a SELECT [Gmail]/Sent")};
        *row("astring with ]") << QByteArray("a SELECT foo]bar\r\n") << d
                               << QStringList{L("a SELECT foo]bar")};

        // quoted strings
        *row("quoted with escapes") << QByteArray("a LOGIN \"fred\" \"pa\\\"ss\\\\word\"\r\n") << d
                                    << QStringList{L("a LOGIN \"fred\" \"pa\"ss\\word\"")};
        *row("quoted empty and spaces") << QByteArray("a X \"\" \" a ( b \"\r\n") << d
                                        << QStringList{L("a X \"\" \" a ( b \"")};
        *row("quoted 8-bit") << QByteArray("a SEARCH CHARSET UTF-8 SUBJECT \"\xe8\xa6\x8b\"\r\n")
                             << d
                             << QStringList{L(
                                    "a SEARCH CHARSET UTF-8 SUBJECT \"\xc3\xa8\xc2\xa6\xc2\x8b\"")};

        // literals
        *row("sync literal") << QByteArray("a LOGIN {4}\r\nfred {3}\r\nabc\r\n") << d
                             << QStringList{L("+"), L("+"), L("a LOGIN {4}fred {3}abc")};
        *row("literal plus") << QByteArray("a LOGIN {4+}\r\nfred {3+}\r\nabc\r\n") << d
                             << QStringList{L("a LOGIN {4}fred {3}abc")};
        *row("literal with CRLF inside")
            << QByteArray("a X {4+}\r\n\r\n\r\n\r\n") << d << QStringList{L("a X {4}\r\n\r\n")};
        *row("literal zero") << QByteArray("a X {0}\r\n\r\n") << d
                             << QStringList{L("+"), L("a X {0}")};
        *row("literal8") << QByteArray("a APPEND INBOX ~{3}\r\na\0b\r\n", 26) << d
                         << QStringList{L("+"), QStringLiteral("a APPEND INBOX {3}a") + QChar(0) +
                                                    QLatin1Char('b')};
        *row("literal in list") << QByteArray("a X ({1+}\r\nx)\r\n") << d
                                << QStringList{L("a X ({1}x)")};
        // only "~{" opens a literal8: a '~' before anything else starts an atom (imaptest's atoms
        // group)
        *row("atom starting with ~") << QByteArray("a LIST \"\" ~foo\r\nb SELECT ~foo\r\n") << d
                                     << QStringList{L("a LIST \"\" ~foo"), L("b SELECT ~foo")};
        *row("lone ~ atoms") << QByteArray("a X ~ (~) ~a~b\r\n") << d
                             << QStringList{L("a X ~ (~) ~a~b")};
        *row("append under limit")
            << QByteArray("a APPEND INBOX {50+}\r\n") + QByteArray(50, 'm') + "\r\n"
            << smallLiterals()
            << QStringList{L("a APPEND INBOX {50}") + QString(50, QLatin1Char('m'))};

        // lists, NIL, fetch attributes
        *row("nested lists") << QByteArray("a X (1 (2 (3)) () 4)\r\n") << d
                             << QStringList{L("a X (1 (2 (3)) () 4)")};
        *row("NIL") << QByteArray("a X NIL nil \"NIL\" NILS (NIL)\r\n") << d
                    << QStringList{L("a X <NIL> <NIL> \"NIL\" NILS (<NIL>)")};
        *row("fetch atom with brackets")
            << QByteArray("a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n") << d
            << QStringList{L("a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)")};
        *row("bracket with quoted ]")
            << QByteArray("a FETCH 1 BODY[HEADER.FIELDS (\"X-]\\\"\")]\r\n") << d
            << QStringList{L("a FETCH 1 BODY[HEADER.FIELDS (\"X-]\\\"\")]")};
        *row("depth at limit") << QByteArray("a X ") + QByteArray(16, '(') + QByteArray(16, ')') +
                                      "\r\n"
                               << d
                               << QStringList{L("a X ") + QString(16, QLatin1Char('(')) +
                                              QString(16, QLatin1Char(')'))};
        {
            Limits l;
            l.maxElements = 4;
            *row("elements at limit")
                << QByteArray("a X 1 (2 3)\r\n") << l << QStringList{L("a X 1 (2 3)")};
            *row("elements over limit")
                << QByteArray("a X 1 (2 3) 4\r\nb NOOP\r\n") << l
                << QStringList{L("ERR a BAD Too many arguments"), L("b NOOP")};
            *row("elements over limit at bare LF")
                << QByteArray("a X 1 2 3 4 5\nb NOOP\n") << l
                << QStringList{L("ERR a BAD Too many arguments"), L("b NOOP")};
            *row("literal over elements: no +")
                << QByteArray("a X 1 2 3 4 {1}\r\nb NOOP\r\n") << l
                << QStringList{L("ERR a BAD Too many arguments"), L("b NOOP")};
        }
        {
            Limits l;
            l.maxLine = 6;
            *row("line at maxLine") << QByteArray("a NOOP\r\n") << l << QStringList{L("a NOOP")};
            l.maxLine = 5;
            *row("line over maxLine") << QByteArray("a NOOP\r\nb\r\n") << l
                                      << QStringList{L("ERR a BAD Command line too long"),
                                                     L("ERR b BAD Missing command")};
            l.maxLine = 20;
            *row("long line skips its literal")
                << QByteArray("a X ") + QByteArray(30, 'x') + " {3+}\r\nabc\r\nb NOOP\r\n"
                << l << QStringList{L("ERR a BAD Command line too long"), L("b NOOP")};
            *row("maxLine counts literal lines")
                << QByteArray("a X {1+}\r\nx 0123456789012345\r\n") << l
                << QStringList{L("ERR a BAD Command line too long")};
        }

        // errors
        *row("empty line") << QByteArray("\r\na NOOP\r\n") << d
                           << QStringList{L("ERR * BAD Empty command line"), L("a NOOP")};
        *row("missing command") << QByteArray("a\r\n") << d
                                << QStringList{L("ERR a BAD Missing command")};
        *row("plus in tag") << QByteArray("a+b NOOP\r\nc NOOP\r\n") << d
                            << QStringList{L("ERR * BAD Invalid tag"), L("c NOOP")};
        *row("unterminated quote")
            << QByteArray("a LOGIN \"fred\r\nb NOOP\r\n") << d
            << QStringList{L("ERR a BAD Unterminated quoted string"), L("b NOOP")};
        *row("bad escape") << QByteArray("a LOGIN \"\\a\"\r\n") << d
                           << QStringList{L("ERR a BAD Invalid escape in quoted string")};
        *row("NUL in quote") << QByteArray("a LOGIN \"\0\"\r\n", 13) << d
                             << QStringList{L("ERR a BAD NUL in quoted string")};
        *row("missing paren") << QByteArray("a X (1\r\n") << d
                              << QStringList{L("ERR a BAD Missing ')'")};
        *row("extra paren") << QByteArray("a X 1)\r\n") << d
                            << QStringList{L("ERR a BAD Unexpected ')'")};
        *row("too deep") << QByteArray("a X ") + QByteArray(17, '(') + QByteArray(17, ')') +
                                "\r\nb NOOP\r\n"
                         << d << QStringList{L("ERR a BAD Too deeply nested lists"), L("b NOOP")};
        *row("missing space") << QByteArray("a X \"a\"\"b\"\r\n") << d
                              << QStringList{L("ERR a BAD Missing space between arguments")};
        *row("paren after atom") << QByteArray("a X FLAGS(1)\r\n") << d
                                 << QStringList{L("ERR a BAD Invalid characters in atom")};
        *row("8-bit atom") << QByteArray("a X \xe8\xa6\x8b\r\n") << d
                           << QStringList{L("ERR a BAD Unexpected character in arguments")};
        *row("bare CR") << QByteArray("a NOOP\rb\r\nc NOOP\r\n") << d
                        << QStringList{L("ERR a BAD CR without LF"), L("c NOOP")};
        *row("empty literal size")
            << QByteArray("a X {}\r\n") << d << QStringList{L("ERR a BAD Invalid literal")};
        *row("bad literal size") << QByteArray("a X {1x}\r\n") << d
                                 << QStringList{L("ERR a BAD Invalid literal")};
        *row("literal not at end") << QByteArray("a X {1} y\r\n") << d
                                   << QStringList{L("ERR a BAD Literal must end the line")};
        *row("unterminated bracket")
            << QByteArray("a FETCH 1 BODY[HEADER.FIELDS (FROM\r\nb NOOP\r\n") << d
            << QStringList{L("ERR a BAD Missing ']'"), L("b NOOP")};
        // '[' is an ATOM-CHAR: without a ']' and with only atom characters it is an atom
        // (imaptest's atoms group: a mailbox name of every ATOM-CHAR)
        *row("atom with an open bracket")
            << QByteArray("a SELECT !#$&'+,-.0123456789:;<=>?@^_`|[}\r\nb X y a[b\r\n") << d
            << QStringList{L("a SELECT !#$&'+,-.0123456789:;<=>?@^_`|[}"), L("b X y a[b")};
        *row("error skips its {n+} literal")
            << QByteArray("a X \x01 {5+}\r\nb NOO\r\nc NOOP\r\n") << d
            << QStringList{L("ERR a BAD Unexpected character in arguments"), L("c NOOP")};
        *row("error before sync literal")
            << QByteArray("a X \x01 {5}\r\nb NOOP\r\n") << d
            << QStringList{L("ERR a BAD Unexpected character in arguments"), L("b NOOP")};
        *row("unfinished") << QByteArray("a LOGIN fred") << d << QStringList{L("partial")};

        // literal limits (maxLiteral 10, maxAppendLiteral 100)
        *row("sync literal too big")
            << QByteArray("a LOGIN {11}\r\nb NOOP\r\n") << smallLiterals()
            << QStringList{L("ERR a NO [TOOBIG] Literal too large"), L("b NOOP")};
        *row("non-sync literal too big")
            << QByteArray("a LOGIN {11+}\r\nxxxxxxxxxxx\r\nb NOOP\r\n") << smallLiterals()
            << QStringList{L("ERR a BAD Literal too large FATAL")};
        *row("huge literal size")
            << QByteArray("a LOGIN {99999999999999999999999999}\r\nb NOOP\r\n") << smallLiterals()
            << QStringList{L("ERR a NO [TOOBIG] Literal too large"), L("b NOOP")};
        *row("append literal too big")
            << QByteArray("a APPEND INBOX {101}\r\nb NOOP\r\n") << smallLiterals()
            << QStringList{L("ERR a NO [TOOBIG] Literal too large"), L("b NOOP")};
        *row("literals add up") << QByteArray("a X {6+}\r\nxxxxxx {5}\r\nb NOOP\r\n")
                                << smallLiterals()
                                << QStringList{L("ERR a NO [TOOBIG] Literal too large"),
                                               L("b NOOP")};
        *row("skipped {n+} over limit is fatal")
            << QByteArray("a X \x01 {11+}\r\n") << smallLiterals()
            << QStringList{L("ERR a BAD Unexpected character in arguments"),
                           L("ERR a BAD Literal too large FATAL")};
    }
    void feed()
    {
        QFETCH(QByteArray, input);
        QFETCH(Limits, limits);
        QFETCH(QStringList, events);
        QCOMPARE(run(input, limits, input.size()), events);
        QCOMPARE(run(input, limits, 1), events);
    }

    void fetchAttributeIsOneAtom()
    {
        ImapCommandParser p;
        QByteArray in("t1 uid FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n");
        QCOMPARE(p.feed(in), Status::Complete);
        QVERIFY(in.isEmpty());
        const ImapCommand c = p.take();
        QCOMPARE(c.tag, QByteArray("t1"));
        QCOMPARE(c.name, QByteArray("UID"));
        QCOMPARE(c.args.size(), 3);
        QCOMPARE(c.args[0].type, ImapValue::Type::Atom);
        QCOMPARE(c.args[0].text, QByteArray("FETCH"));
        QCOMPARE(c.args[1].text, QByteArray("1:*"));
        QCOMPARE(c.args[2].type, ImapValue::Type::List);
        QCOMPARE(c.args[2].list.size(), 2);
        QCOMPARE(c.args[2].list[1].type, ImapValue::Type::Atom);
        QCOMPARE(c.args[2].list[1].text, QByteArray("BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>"));
    }

    void syncLiteralStopsAtContinuation()
    {
        ImapCommandParser p;
        QByteArray in("a LOGIN {4}\r\nfred pw\r\n");
        QCOMPARE(p.feed(in), Status::NeedContinuation);
        QCOMPARE(in, QByteArray("fred pw\r\n")); // nothing past the announcement is read
        QCOMPARE(p.feed(in), Status::Complete);
        const ImapCommand c = p.take();
        QCOMPARE(c.args[0].type, ImapValue::Type::String);
        QVERIFY(c.args[0].literal);
        QCOMPARE(c.args[0].text, QByteArray("fred"));
        QCOMPARE(c.args[1].text, QByteArray("pw"));
        QVERIFY(!c.args[1].literal);
    }

    void bigAppendLiteral()
    {
        Limits l; // maxAppendLiteral 20 MiB; a 3 MiB message, whole and byte by byte
        QByteArray body(3 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char("Subject: x\r\n\r\nbody\r\n"[i % 20]);
        const QByteArray input = "A003 APPEND saved-messages (\\Seen) {" +
                                 QByteArray::number(body.size()) + "}\r\n" + body + "\r\n";
        const QStringList whole = run(input, l, input.size());
        QCOMPARE(whole.size(), 2);
        QCOMPARE(whole[0], QStringLiteral("+"));
        QCOMPARE(whole[1],
                 QStringLiteral("A003 APPEND saved-messages (\\Seen) {%1}").arg(body.size()) +
                     QString::fromLatin1(body));
        QCOMPARE(run(input, l, 1), whole);
        // and the same size for another command is refused before the client sends it
        QByteArray select("a SELECT {" + QByteArray::number(body.size()) + "}\r\n");
        ImapCommandParser p(l);
        QCOMPARE(p.feed(select), Status::Error);
        QCOMPARE(p.errorResponse(), QByteArray("NO [TOOBIG] Literal too large"));
        QVERIFY(!p.errorIsFatal());
    }

    void longLineKeepsMemoryBounded_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<QByteArray>("tag");
        QTest::newRow("in arguments") << QByteArray("a X ") << QByteArray("a");
        QTest::newRow("in the tag") << QByteArray() << QByteArray("*");
        QTest::newRow("in a quoted string") << QByteArray("a X \"") << QByteArray("a");
        QTest::newRow("in brackets") << QByteArray("a FETCH 1 BODY[") << QByteArray("a");
    }
    void longLineKeepsMemoryBounded()
    {
        QFETCH(QByteArray, start);
        QFETCH(QByteArray, tag);
        ImapCommandParser p; // maxLine 64 KiB
        const QByteArray chunk(16 * 1024, 'x');
        int errors = 0;
        QByteArray buf = start;
        for (int i = 0; i < 640; ++i) { // 10 MiB, no line end
            buf += chunk;
            const Status st = p.feed(buf);
            if (st == Status::Error) {
                ++errors;
                QCOMPARE(p.errorTag(), tag);
                QCOMPARE(p.errorResponse(), QByteArray("BAD Command line too long"));
                QVERIFY(!p.errorIsFatal());
                QCOMPARE(p.feed(buf), Status::NeedMore); // the rest of the chunk is skipped
            } else {
                QCOMPARE(st, Status::NeedMore);
            }
            QVERIFY(buf.isEmpty());
            QVERIFY2(p.bufferedBytes() <= p.limits().maxLine,
                     qPrintable(QString::number(p.bufferedBytes())));
        }
        QCOMPARE(errors, 1);
        QCOMPARE(p.bufferedBytes(), 0);
        buf = "\r\nb NOOP\r\n";
        QCOMPARE(p.feed(buf), Status::Complete);
        QCOMPARE(p.take().tag, QByteArray("b"));
    }

    void fatalStaysFatalUntilReset()
    {
        ImapCommandParser p(smallLiterals());
        QByteArray in("a LOGIN {11+}\r\nxxxxxxxxxxx\r\n");
        QCOMPARE(p.feed(in), Status::Error);
        QVERIFY(p.errorIsFatal());
        QCOMPARE(p.errorTag(), QByteArray("a"));
        QCOMPARE(p.feed(in), Status::Error);
        p.reset();
        QVERIFY(!p.errorIsFatal());
        QByteArray next("b NOOP\r\n");
        QCOMPARE(p.feed(next), Status::Complete);
        QCOMPARE(p.take().name, QByteArray("NOOP"));
    }

    void resetDropsPartialCommand()
    {
        ImapCommandParser p;
        QByteArray in("a LOGIN \"fre");
        QCOMPARE(p.feed(in), Status::NeedMore);
        QVERIFY(p.bufferedBytes() > 0);
        p.reset();
        QCOMPARE(p.bufferedBytes(), 0);
        in = "b NOOP\r\n";
        QCOMPARE(p.feed(in), Status::Complete);
        QCOMPARE(p.take().tag, QByteArray("b"));
    }

    void sequenceSet_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<uint>("star");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("ranges");
        QTest::newRow("rfc example")
            << QByteArray("1:*,5,7:9") << 10u << true << QStringLiteral("1-10 5-5 7-9");
        QTest::newRow("reversed range")
            << QByteArray("9:7") << 10u << true << QStringLiteral("7-9");
        QTest::newRow("star below") << QByteArray("*:4") << 2u << true << QStringLiteral("2-4");
        QTest::newRow("star alone") << QByteArray("*") << 0u << true << QStringLiteral("0-0");
        QTest::newRow("max number")
            << QByteArray("4294967295") << 1u << true << QStringLiteral("4294967295-4294967295");
        QTest::newRow("over 32 bits") << QByteArray("4294967296") << 1u << false << QString();
        QTest::newRow("empty") << QByteArray() << 1u << false << QString();
        QTest::newRow("zero") << QByteArray("0") << 1u << false << QString();
        QTest::newRow("leading zero") << QByteArray("01") << 1u << false << QString();
        QTest::newRow("open range") << QByteArray("1:") << 1u << false << QString();
        QTest::newRow("leading colon") << QByteArray(":1") << 1u << false << QString();
        QTest::newRow("double comma") << QByteArray("1,,2") << 1u << false << QString();
        QTest::newRow("trailing comma") << QByteArray("1,") << 1u << false << QString();
        QTest::newRow("triple") << QByteArray("1:2:3") << 5u << false << QString();
        QTest::newRow("space") << QByteArray("1 2") << 5u << false << QString();
        QTest::newRow("searchres not here") << QByteArray("$") << 5u << false << QString();
    }
    void sequenceSet()
    {
        QFETCH(QByteArray, set);
        QFETCH(uint, star);
        QFETCH(bool, valid);
        QFETCH(QString, ranges);
        const auto r = parseSequenceSet(set, star);
        QCOMPARE(r.has_value(), valid);
        if (!valid)
            return;
        QStringList parts;
        for (const auto &p : *r)
            parts << QStringLiteral("%1-%2").arg(p.first).arg(p.second);
        QCOMPARE(parts.join(QLatin1Char(' ')), ranges);
    }

    void bigSequenceSet()
    {
        QByteArray set;
        for (int i = 0; i < 50000; ++i)
            set += (i ? "," : "") + QByteArray::number(2 * i + 1);
        // within the parser's limits (a 1 MiB line) it is one atom, whole and byte by byte
        Limits l;
        l.maxLine = 1024 * 1024;
        const QByteArray line = "a UID FETCH " + set + " FLAGS\r\n";
        const QStringList expected{QStringLiteral("a UID FETCH ") + QString::fromLatin1(set) +
                                   QStringLiteral(" FLAGS")};
        QCOMPARE(run(line, l, line.size()), expected);
        QCOMPARE(run(line, l, 1), expected);

        const auto r = parseSequenceSet(set, 100000, 50000);
        QVERIFY(r.has_value());
        QCOMPARE(r->size(), 50000);
        QCOMPARE(r->last(), qMakePair(99999u, 99999u));
        QVERIFY(!parseSequenceSet(set + ",100001", 100000, 50000).has_value());
        QVERIFY(parseSequenceSet(set + ",100001", 100000).has_value()); // default 100000
    }
};

QTEST_APPLESS_MAIN(tst_ImapCommandParser)
#include "tst_imapcommandparser.moc"
