// Tests of downgradeTo7bit (RFC 6152 3 / RFC 1652): every row's output is pure
// 7-bit where the input's 8-bit bytes were in bodies, each leaf part decodes
// (through mimetext, i.e. GMime) to exactly the bytes it had, and the part
// structure and the 7-bit parts are unchanged.
#include "mime/mimedowngrade.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"

#include <QTest>

using namespace fumibako;

namespace
{

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

// The Content-Transfer-Encoding of part `part` ({} = the message), from its MIME header.
QByteArray encodingOf(const MimeMessage &m, const QList<int> &part)
{
    const auto header = m.section(part, part.isEmpty() ? MimeMessage::SectionText::Header
                                                       : MimeMessage::SectionText::Mime);
    if (!header)
        return {};
    for (QByteArray line : header->split('\n')) {
        line = line.trimmed();
        if (line.toLower().startsWith("content-transfer-encoding:"))
            return line.mid(26).trimmed().toLower();
    }
    return {};
}

QByteArray decodedPart(const QByteArray &raw, const QList<int> &part)
{
    const MimeMessage m(raw);
    const auto body = m.section(part, part.isEmpty() ? MimeMessage::SectionText::Text
                                                     : MimeMessage::SectionText::Whole);
    if (!body)
        return "<no such part>";
    // The decoders work on lines; compare content without line-end differences at the end.
    QByteArray d = mimetext::decodeTransfer(*body, encodingOf(m, part));
    d.replace("\r\n", "\n");
    while (d.endsWith('\n'))
        d.chop(1);
    return d;
}

} // namespace

class TestMimeDowngrade : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void downgrade_data();
    void downgrade();
    void sevenBitUnchanged();
    void headers8bit_data();
    void headers8bit();
};

void TestMimeDowngrade::downgrade_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QList<QList<int>>>("leaves"); // part numbers to compare decoded
    QTest::addColumn<QByteArrayList>("encodings"); // their encodings afterwards
    QTest::addColumn<QByteArrayList>("keptLines"); // lines that must survive byte for byte

    QTest::newRow("single text part, 8bit UTF-8")
        << crlf("From: a@example.test\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\nSubject: hello\n\n"
                "こんにちは、世界。\n.leading dot stays\ntrailing space \n" +
                QByteArray(100, 'x') + "é\n")
        << QList<QList<int>>{{}} << QByteArrayList{"quoted-printable"}
        << QByteArrayList{"From: a@example.test", "Subject: hello",
                          "Content-Type: text/plain; charset=utf-8"};
    QTest::newRow("non-MIME message with an 8-bit body")
        << crlf("From: a@example.test\nSubject: "
                "legacy\n\n\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf\n")
        << QList<QList<int>>{{}} << QByteArrayList{"quoted-printable"}
        << QByteArrayList{"Subject: legacy", "MIME-Version: 1.0"};
    QTest::newRow("multipart: 7bit text kept, 8bit text and 8bit binary re-encoded")
        << crlf("From: a@example.test\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
                "boundary=\"=-b1\"\n\n"
                "preamble\n--=-b1\nContent-Type: text/plain; charset=us-ascii\n\nplain ascii part\n"
                "--=-b1\nContent-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: "
                "8bit\n\n"
                "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd\n\n"
                "--=-b1\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: "
                "binary\n\n"
                "\x01\x02\xff\xfe binary\n"
                "--=-b1--\nepilogue\n")
        << QList<QList<int>>{{1}, {2}, {3}} << QByteArrayList{"", "quoted-printable", "base64"}
        << QByteArrayList{"preamble",         "--=-b1",
                          "plain ascii part", "--=-b1--",
                          "epilogue",         "Content-Type: multipart/mixed; boundary=\"=-b1\""};
    QTest::newRow("nested multipart and an attached 8bit message")
        << crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n"
                "--outer\nContent-Type: multipart/alternative; boundary=inner\n\n"
                "--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
                "8bit\n\nÜber\n"
                "--inner\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: "
                "8bit\n\n<p>Über</p>\n"
                "--inner--\n"
                "--outer\nContent-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n\n"
                "Subject: inner\nMIME-Version: 1.0\nContent-Type: text/plain; "
                "charset=utf-8\n\nnaïve\n"
                "--outer--\n")
        << QList<QList<int>>{{1, 1}, {1, 2}, {2, 1}}
        << QByteArrayList{"quoted-printable", "quoted-printable", "quoted-printable"}
        << QByteArrayList{"--inner--", "--outer--", "Subject: inner",
                          "Content-Transfer-Encoding: 7bit"};
}

void TestMimeDowngrade::downgrade()
{
    QFETCH(QByteArray, message);
    QFETCH(QList<QList<int>>, leaves);
    QFETCH(QByteArrayList, encodings);
    QFETCH(QByteArrayList, keptLines);

    QVERIFY(has8bitBytes(message));
    const QByteArray out = downgradeTo7bit(message);
    QVERIFY2(!has8bitBytes(out), out.constData());
    QVERIFY(!out.contains("\n\n")); // CRLF lines throughout, no bare LF
    const QByteArrayList lines = out.split('\n');
    for (const QByteArray &kept : keptLines)
        QVERIFY2(lines.contains(kept + '\r'), kept.constData());
    for (const QByteArray &l : lines)
        QVERIFY2(l.size() <= 78 || !l.contains('='), l.constData()); // RFC 2045 6.7 (5): 76 + CRLF
    for (qsizetype i = 0; i < leaves.size(); ++i) {
        QCOMPARE(decodedPart(out, leaves[i]), decodedPart(message, leaves[i]));
        QCOMPARE(encodingOf(MimeMessage(out), leaves[i]), encodings[i]);
    }
    // The same part tree: as many parts, of the same types.
    const QByteArray before = MimeMessage(message).imapBodyStructure(false);
    const QByteArray after = MimeMessage(out).imapBodyStructure(false);
    QCOMPARE(after.count('('), before.count('('));
    QCOMPARE(downgradeTo7bit(out), out); // idempotent
}

void TestMimeDowngrade::sevenBitUnchanged()
{
    const QByteArray m = crlf(
        "Subject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nascii only\n");
    QCOMPARE(downgradeTo7bit(m), m);
}

void TestMimeDowngrade::headers8bit_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("expected");
    QTest::newRow("ascii") << crlf("Subject: x\n\nbody é\n") << false;
    QTest::newRow("UTF-8 subject") << crlf("Subject: 件名\n\nbody\n") << true;
    QTest::newRow("UTF-8 filename in a part header")
        << crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
                "Content-Type: application/pdf; name=\"見積書.pdf\"\nContent-Transfer-Encoding: "
                "base64\n\nAAAA\n--b--\n")
        << true;
}

void TestMimeDowngrade::headers8bit()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, expected);
    QCOMPARE(has8bitHeaders(message), expected);
    if (expected) // such headers are left for SMTPUTF8 (RFC 6531): still 8-bit afterwards
        QVERIFY(has8bitBytes(downgradeTo7bit(message)));
}

QTEST_GUILESS_MAIN(TestMimeDowngrade)
#include "tst_mimedowngrade.moc"
