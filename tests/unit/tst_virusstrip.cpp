// Unit tests of mime/virusstrip and scan/virusnotice (issue 13): the leaves
// clamd scans one by one (single part, mixed, alternative inside mixed,
// base64 and quoted-printable bodies decoded, RFC 2231 / RFC 2047 / raw
// Shift_JIS file names, attached messages as one leaf, the nesting and count
// limits); the stripped message (the infected part gone and no trace of
// EICAR left, every other part byte for byte, an ISO-2022-JP text still the
// same Japanese, the notice first, ReplaceWarning.txt naming file and virus,
// headers kept, CRLF, 7-/8-bit as the input, line limits), re-read through
// mimeLeaves and MimeMessage; and the notice a sender gets for an outgoing virus.
#include "../support/mimesamples.h"
#include "mime/headerfields.h"
#include "mime/mimedowngrade.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "mime/virusstrip.h"
#include "scan/virusnotice.h"

#include <QtTest>

using namespace fumibako;
using namespace fumibako::test;

namespace
{

QStringList sl(std::initializer_list<const char *> utf8)
{
    QStringList out;
    for (const char *s : utf8)
        out << QString::fromUtf8(s);
    return out;
}

// The EICAR test file, in two pieces so this source is no test file itself.
QByteArray eicar()
{
    return QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$") + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
}

QList<int> path(const QString &text)
{
    QList<int> out;
    if (text.isEmpty())
        return out;
    for (const QString &n : text.split(QLatin1Char('.')))
        out << n.toInt();
    return out;
}

QByteArray b64Lines(const QByteArray &data)
{
    const QByteArray b = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b.size(); i += 76)
        out += b.mid(i, 76) + "\r\n";
    return out;
}

// ---- parts, built from pieces so expected bodies come from the pieces -------------------

const QByteArray kJisHello = "\x1b$B$3$s$K$A$O-!\x1b(B"; // こんにちは① (① is NEC row 13)
const char *const kHello = "こんにちは①";
const QByteArray kSjisHello = "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd"; // こんにちは
const QByteArray kJisMitsumori = "\x1b$B8+@Q$N$40MMj\x1b(B";              // 見積のご依頼

const QByteArray kTopHeader =
    crlf("Return-Path: <taro@example.com>\n"
         "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; c=relaxed/relaxed;\n"
         " h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
         " b=dGVzdA==\n"
         "From: Taro <taro@example.com>\n"
         "To: hanako@example.jp\n") +
    "Subject: =?ISO-2022-JP?B?" + kJisMitsumori.toBase64() + "?=\r\n" +
    crlf("Date: Wed, 1 May 2024 10:00:00 +0900\n"
         "Message-ID: <m1@example.com>\n"
         "MIME-Version: 1.0\n");

QByteArray jisTextPart()
{
    return crlf("Content-Type: text/plain; charset=ISO-2022-JP\n"
                "Content-Transfer-Encoding: 7bit\n\n") +
           kJisHello + "\r\n";
}

QByteArray eicarPart(const QByteArray &fileName = "eicar.com")
{
    return "Content-Type: application/octet-stream; name=\"" + fileName +
           "\"\r\nContent-Disposition: attachment; filename=\"" + fileName +
           "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64Lines(eicar());
}

// 文箱 report, in quoted-printable with a soft line break.
const QByteArray kQpDecoded = "\xe6\x96\x87\xe7\xae\xb1 report line\r\nsecond";
QByteArray qpPart()
{
    return crlf("Content-Type: text/plain; charset=UTF-8; name=\"report.txt\"\n"
                "Content-Disposition: attachment; filename=\"report.txt\"\n"
                "Content-Transfer-Encoding: quoted-printable\n\n"
                "=E6=96=87=E7=AE=B1 report=\n line\nsecond");
}

const QByteArray kPdf = QByteArray("%PDF-1.4\n\x00\x01\x02\xff binary", 20);
QByteArray pdfPart()
{
    return crlf("Content-Type: application/pdf\n"
                "Content-Disposition: attachment; filename=\"invoice.pdf\"\n"
                "Content-Transfer-Encoding: base64\n\n") +
           b64Lines(kPdf);
}

// The sample most of the stripping tests use: an ISO-2022-JP text, EICAR, a PDF.
QByteArray mixedSample()
{
    return kTopHeader + multipart("mixed", "b1", {jisTextPart(), eicarPart(), pdfPart()});
}

// Nested multiparts `levels` deep around one text part.
QByteArray nested(int levels)
{
    QByteArray part = "Content-Type: text/plain\r\n\r\ninner\r\n";
    for (int i = levels; i >= 1; --i) {
        const QByteArray b = "d" + QByteArray::number(i);
        part = "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" +
               part + "\r\n--" + b + "--\r\n";
    }
    return "From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n" + part;
}

qsizetype longestLine(const QByteArray &s)
{
    qsizetype longest = 0;
    for (const QByteArray &line : s.split('\n'))
        longest = qMax(longest, line.endsWith('\r') ? line.size() - 1 : line.size());
    return longest;
}

QByteArray headerOf(const QByteArray &message)
{
    return message.left(message.indexOf("\r\n\r\n") + 2);
}

QList<StrippedPart> one(const QList<int> &path, const QString &file = QString())
{
    return {StrippedPart{path, file, QStringLiteral("Eicar-Test-Signature")}};
}

const MimeLeaf *leafAt(const QList<MimeLeaf> &leaves, const QString &p)
{
    for (const MimeLeaf &l : leaves)
        if (l.path == path(p))
            return &l;
    return nullptr;
}

} // namespace

class TestVirusStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leaves_data();
    void leaves();
    void limits_data();
    void limits();
    void strip_data();
    void strip();
    void stripKeepsTheMixedSample();
    void stripEightBit();
    void stripErrors();
    void noticeMail();
};

void TestVirusStrip::leaves_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QByteArrayList>("types");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QByteArrayList>("bodies");

    QTest::newRow("single part, no Content-Type")
        << crlf("From: a@example.com\nSubject: hi\n\nHello\nworld\n") << sl({"1"})
        << QByteArrayList{"text/plain"} << sl({""}) << QByteArrayList{"Hello\r\nworld\r\n"};
    QTest::newRow("single part, base64 attachment")
        << "From: a@example.com\r\nMIME-Version: 1.0\r\n" + eicarPart("x.com") << sl({"1"})
        << QByteArrayList{"application/octet-stream"} << sl({"x.com"}) << QByteArrayList{eicar()};
    QTest::newRow("mixed: text, base64, quoted-printable, binary base64")
        << kTopHeader + multipart("mixed", "b1", {jisTextPart(), eicarPart(), qpPart(), pdfPart()})
        << sl({"1", "2", "3", "4"})
        << QByteArrayList{"text/plain", "application/octet-stream", "text/plain", "application/pdf"}
        << sl({"", "eicar.com", "report.txt", "invoice.pdf"})
        << QByteArrayList{kJisHello + "\r\n", eicar(), kQpDecoded, kPdf};
    QTest::newRow("alternative inside mixed")
        << kTopHeader + multipart("mixed", "outer",
                                  {multipart("alternative", "alt",
                                             {crlf("Content-Type: text/plain\n\nplain"),
                                              crlf("Content-Type: text/html\n\n<p>html</p>")}),
                                   pdfPart()})
        << sl({"1.1", "1.2", "2"}) << QByteArrayList{"text/plain", "text/html", "application/pdf"}
        << sl({"", "", "invoice.pdf"}) << QByteArrayList{"plain", "<p>html</p>", kPdf};
    QTest::newRow("RFC 2231 file name")
        << kTopHeader + multipart("mixed", "b",
                                  {crlf("Content-Type: application/zip\n"
                                        "Content-Disposition: attachment;\n"
                                        " filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.zip\n\nPK")})
        << sl({"1"}) << QByteArrayList{"application/zip"} << QStringList{u("請求書.zip")}
        << QByteArrayList{"PK"};
    QTest::newRow("RFC 2231 continuations")
        << kTopHeader + multipart("mixed", "b",
                                  {crlf("Content-Type: application/zip\n"
                                        "Content-Disposition: attachment;\n"
                                        " filename*0*=UTF-8''%E8%AB%8B;\n"
                                        " filename*1*=%E6%B1%82%E6%9B%B8.zip\n\nPK")})
        << sl({"1"}) << QByteArrayList{"application/zip"} << QStringList{u("請求書.zip")}
        << QByteArrayList{"PK"};
    QTest::newRow("RFC 2047 file name (UTF-8, Content-Type name only)")
        << kTopHeader + multipart("mixed", "b",
                                  {"Content-Type: application/zip; name=\"=?UTF-8?B?" +
                                   QString(u("請求書.zip")).toUtf8().toBase64() + "?=\"\r\n\r\nPK"})
        << sl({"1"}) << QByteArrayList{"application/zip"} << QStringList{u("請求書.zip")}
        << QByteArrayList{"PK"};
    QTest::newRow("RFC 2047 file name (ISO-2022-JP)")
        << kTopHeader + multipart("mixed", "b",
                                  {"Content-Type: application/octet-stream\r\n"
                                   "Content-Disposition: attachment; filename=\"=?ISO-2022-JP?B?" +
                                   kJisMitsumori.toBase64() + "?=\"\r\n\r\nx"})
        << sl({"1"}) << QByteArrayList{"application/octet-stream"} << QStringList{u("見積のご依頼")}
        << QByteArrayList{"x"};
    QTest::newRow("raw Shift_JIS file name")
        << kTopHeader + multipart("mixed", "b",
                                  {"Content-Type: application/octet-stream\r\n"
                                   "Content-Disposition: attachment; filename=\"" +
                                   kSjisHello + ".txt\"\r\n\r\nx"})
        << sl({"1"}) << QByteArrayList{"application/octet-stream"}
        << QStringList{u("こんにちは.txt")} << QByteArrayList{"x"};
    const QByteArray inner = crlf("From: b@example.com\nSubject: inner\nContent-Type: "
                                  "multipart/mixed; boundary=\"in\"\n\n--in\n"
                                  "Content-Type: text/plain\n\nx\n--in--\n");
    QTest::newRow("message/rfc822 is one leaf")
        << kTopHeader + multipart("mixed", "b",
                                  {"Content-Type: text/plain\r\n\r\nsee attached",
                                   "Content-Type: message/rfc822\r\n\r\n" + inner.chopped(2)})
        << sl({"1", "2"}) << QByteArrayList{"text/plain", "message/rfc822"} << sl({"", ""})
        << QByteArrayList{"see attached", inner.chopped(2)};
    QTest::newRow("multipart/digest parts default to message/rfc822")
        << kTopHeader + multipart("digest", "dg", {crlf("\nFrom: c@example.com\n\nhello")})
        << sl({"1"}) << QByteArrayList{"message/rfc822"} << sl({""})
        << QByteArrayList{crlf("From: c@example.com\n\nhello")};
    QTest::newRow("multipart without a boundary: its body is the leaf")
        << crlf("From: a@example.com\nContent-Type: multipart/mixed\n\nno parts here\n") << sl({""})
        << QByteArrayList{"multipart/mixed"} << sl({""}) << QByteArrayList{"no parts here\r\n"};
}

void TestVirusStrip::leaves()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, paths);
    QFETCH(QByteArrayList, types);
    QFETCH(QStringList, names);
    QFETCH(QByteArrayList, bodies);

    const QList<MimeLeaf> leaves = mimeLeaves(message);
    QStringList gotPaths;
    for (const MimeLeaf &l : leaves)
        gotPaths << partNumberText(l.path);
    QCOMPARE(gotPaths, paths);
    for (qsizetype i = 0; i < leaves.size(); ++i) {
        QCOMPARE(leaves[i].contentType, types[i]);
        QCOMPARE(leaves[i].fileName, names[i]);
        QCOMPARE(leaves[i].body, bodies[i]);
        QCOMPARE(leaves[i].size, bodies[i].size());
        QVERIFY(!leaves[i].pastLimit);
    }
}

void TestVirusStrip::limits_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("leafCount"); // entries that are leaves
    QTest::addColumn<bool>("pastLimit");
    QTest::addColumn<QString>("lastPath");

    QTest::newRow("10 levels deep: within")
        << nested(10) << 1 << false << QStringLiteral("1.1.1.1.1.1.1.1.1.1");
    const QString at30 = QStringList(kMaxMimeDepth, QStringLiteral("1")).join(QLatin1Char('.'));
    QTest::newRow("40 levels deep: stopped at kMaxMimeDepth") << nested(40) << 0 << true << at30;
    QList<QByteArray> many(kMaxMimeLeaves, "Content-Type: text/plain\r\n\r\nx");
    QTest::newRow("kMaxMimeLeaves parts: within")
        << kTopHeader + multipart("mixed", "m", many) << kMaxMimeLeaves << false
        << QString::number(kMaxMimeLeaves);
    many << "Content-Type: text/plain\r\n\r\ny"
         << "Content-Type: text/plain\r\n\r\nz";
    QTest::newRow("kMaxMimeLeaves + 2 parts: stopped")
        << kTopHeader + multipart("mixed", "m", many) << kMaxMimeLeaves << true
        << QString::number(kMaxMimeLeaves + 1);
}

void TestVirusStrip::limits()
{
    QFETCH(QByteArray, message);
    QFETCH(int, leafCount);
    QFETCH(bool, pastLimit);
    QFETCH(QString, lastPath);

    const QList<MimeLeaf> leaves = mimeLeaves(message);
    QVERIFY(!leaves.isEmpty());
    QCOMPARE(int(leaves.size()), leafCount + (pastLimit ? 1 : 0));
    for (qsizetype i = 0; i + 1 < leaves.size(); ++i)
        QVERIFY(!leaves[i].pastLimit);
    QCOMPARE(leaves.last().pastLimit, pastLimit);
    QCOMPARE(partNumberText(leaves.last().path), lastPath);
    if (pastLimit) // the raw part, for the caller to scan whole or refuse
        QVERIFY(message.contains(leaves.last().body));
}

void TestVirusStrip::strip_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("removed");    // part numbers
    QTest::addColumn<QStringList>("outPaths");   // leaves of the result
    QTest::addColumn<QStringList>("keptLeaves"); // "in=out": same decoded body

    QTest::newRow("mixed: EICAR between a text and a PDF")
        << mixedSample() << sl({"2"}) << sl({"1", "2.1", "2.2", "3"}) << sl({"1=2.1", "3=2.2"});
    QTest::newRow("mixed: the first part")
        << kTopHeader + multipart("mixed", "b1", {eicarPart(), jisTextPart(), pdfPart()})
        << sl({"1"}) << sl({"1", "2.1", "2.2", "3"}) << sl({"2=2.1", "3=2.2"});
    QTest::newRow("mixed: two parts")
        << mixedSample() << sl({"2", "3"}) << sl({"1", "2.1", "3"}) << sl({"1=2.1"});
    QTest::newRow("mixed: every part")
        << mixedSample() << sl({"1", "2", "3"}) << sl({"1", "2"}) << sl({});
    QTest::newRow("single-part message: the body")
        << kTopHeader + eicarPart() << sl({"1"}) << sl({"1", "2"}) << sl({});
    QTest::newRow("nested: a multipart emptied goes too")
        << kTopHeader +
               multipart("mixed", "outer",
                         {multipart("alternative", "alt",
                                    {jisTextPart(), crlf("Content-Type: text/html\n\n<p>x</p>")}),
                          multipart("mixed", "inner", {eicarPart()})})
        << sl({"2.1"}) << sl({"1", "2.1.1", "2.1.2", "3"}) << sl({"1.1=2.1.1", "1.2=2.1.2"});
    QTest::newRow("nested: a part inside a kept multipart")
        << kTopHeader +
               multipart("mixed", "outer",
                         {jisTextPart(), multipart("mixed", "inner", {eicarPart(), pdfPart()})})
        << sl({"2.1"}) << sl({"1", "2.1", "2.2.1", "3"}) << sl({"1=2.1", "2.2=2.2.1"});
}

void TestVirusStrip::strip()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, outPaths);
    QFETCH(QStringList, keptLeaves);

    const QList<MimeLeaf> before = mimeLeaves(message);
    QList<StrippedPart> parts;
    for (const QString &p : removed) {
        const MimeLeaf *leaf = leafAt(before, p);
        QVERIFY2(leaf, qPrintable(p));
        parts << StrippedPart{leaf->path, leaf->fileName, QStringLiteral("Eicar-Test-Signature")};
    }
    const QDateTime when(QDate(2024, 5, 1), QTime(10, 30, 0));
    const Result<QByteArray> stripped = stripParts(message, parts, when);
    QVERIFY2(stripped, stripped ? "" : qPrintable(stripped.error().message));
    const QByteArray out = *stripped;

    // No trace of EICAR: not as written, not in base64, not in any decoded part.
    QVERIFY(!out.contains(eicar()));
    QVERIFY(!out.contains(eicar().toBase64().left(40)));
    const QList<MimeLeaf> after = mimeLeaves(out);
    for (const MimeLeaf &l : after)
        QVERIFY(!l.body.contains(eicar()));

    QStringList gotPaths;
    for (const MimeLeaf &l : after)
        gotPaths << partNumberText(l.path);
    QCOMPARE(gotPaths, outPaths);

    // The parts kept: the same bytes once decoded.
    for (const QString &pair : keptLeaves) {
        const MimeLeaf *in = leafAt(before, pair.section(QLatin1Char('='), 0, 0));
        const MimeLeaf *kept = leafAt(after, pair.section(QLatin1Char('='), 1, 1));
        QVERIFY2(in && kept, qPrintable(pair));
        QCOMPARE(kept->body, in->body);
        QCOMPARE(kept->contentType, in->contentType);
        QCOMPARE(kept->fileName, in->fileName);
    }

    // The notice first, Japanese then English, naming file and virus.
    const MimeLeaf &notice = after.first();
    QCOMPARE(notice.contentType, QByteArray("text/plain"));
    QVERIFY(notice.fileName.isEmpty());
    const QString noticeText = QString::fromUtf8(notice.body);
    QVERIFY(noticeText.startsWith(
        u("このメールからウイルスが検出されたため、感染していた添付ファイルを削除しました。")));
    const qsizetype english = noticeText.indexOf(QLatin1String("A virus was found"));
    QVERIFY(english > 0);
    for (const StrippedPart &p : parts) {
        QVERIFY(noticeText.indexOf(p.fileName) < english);
        QVERIFY(noticeText.lastIndexOf(p.fileName) > english);
    }
    QVERIFY(noticeText.contains(QLatin1String("Eicar-Test-Signature")));

    // ReplaceWarning.txt last: what, which virus, when.
    const MimeLeaf &warning = after.last();
    QCOMPARE(warning.fileName, QStringLiteral("ReplaceWarning.txt"));
    QCOMPARE(warning.contentType, QByteArray("text/plain"));
    const QString warningText = QString::fromUtf8(warning.body);
    QVERIFY(warningText.contains(u("削除したファイル")));
    QVERIFY(warningText.contains(QLatin1String("Removed files")));
    QVERIFY(warningText.indexOf(u("削除したファイル")) <
            warningText.indexOf(QLatin1String("Removed files")));
    for (const StrippedPart &p : parts)
        QVERIFY2(warningText.contains(p.fileName), qPrintable(p.fileName));
    QVERIFY(warningText.contains(QLatin1String("Eicar-Test-Signature")));
    QVERIFY(warningText.contains(QLatin1String("2024/05/01 10:30:00")));
    QVERIFY(warningText.contains(u("見積のご依頼"))); // the subject, decoded

    // Headers kept as they were (the DKIM signature with its folding), the
    // top's Content-Type replaced and the original's moved to part 2.
    const QByteArray head = headerOf(out);
    const QByteArray originalHead = headerOf(message);
    for (const QByteArray &field : originalHead.split('\n'))
        if (!field.trimmed().isEmpty() && !field.startsWith("Content-"))
            QVERIFY2(head.contains(field + '\n'), field.constData());
    QCOMPARE(int(head.count("DKIM-Signature:")), 1);
    QCOMPARE(int(head.count("MIME-Version:")), 1);
    QVERIFY(head.contains("Content-Type: multipart/mixed;\r\n boundary=\"=_fumibako-virus-"));
    const MimeMessage parsed(out);
    QCOMPARE(parsed.decodedHeader("Subject"), u("見積のご依頼"));
    QCOMPARE(parsed.rawHeader("Message-ID"), QByteArray("<m1@example.com>"));
    if (outPaths.size() > 2) {
        const QByteArray originalType = firstFieldValue(message, "Content-Type");
        const Result<QByteArray> mimeHeader = parsed.section({2}, MimeMessage::SectionText::Mime);
        QVERIFY(mimeHeader);
        QVERIFY(mimeHeader->contains(originalType));
    }

    // Line ends and limits, and 7-bit in, 7-bit out.
    QVERIFY(crlfOnly(out));
    QVERIFY(longestLine(out) <= 78);
    QVERIFY(!has8bitBytes(out));
    QVERIFY(!head.contains("Content-Transfer-Encoding"));

    // An ISO-2022-JP text kept is still the same Japanese.
    for (const MimeLeaf &l : before)
        if (l.body.contains(kJisHello) && !removed.contains(partNumberText(l.path)))
            QVERIFY(parsed.searchableText().contains(u(kHello)));
}

// The sample, part by part and byte for byte: the kept parts appear in the
// output exactly as they were written, not re-encoded.
void TestVirusStrip::stripKeepsTheMixedSample()
{
    const QByteArray message = mixedSample();
    const Result<QByteArray> out = stripParts(message, one({2}));
    QVERIFY(out);
    QVERIFY(out->contains(jisTextPart()));
    QVERIFY(out->contains(pdfPart()));
    QVERIFY(!out->contains(eicarPart()));
    // The file name comes from the part when the caller gives none.
    const QList<MimeLeaf> after = mimeLeaves(*out);
    QVERIFY(QString::fromUtf8(after.last().body).contains(QLatin1String("eicar.com")));
    QVERIFY(QString::fromUtf8(after.first().body).contains(QLatin1String("eicar.com")));
    const MimeLeaf *text = leafAt(after, QStringLiteral("2.1"));
    QVERIFY(text);
    QCOMPARE(mimetext::decodeCharset(text->body, "ISO-2022-JP").trimmed(), u(kHello));
}

// An 8-bit Shift_JIS text stays 8-bit and byte for byte; the new top says 8bit.
void TestVirusStrip::stripEightBit()
{
    const QByteArray sjisPart = crlf("Content-Type: text/plain; charset=Shift_JIS\n"
                                     "Content-Transfer-Encoding: 8bit\n\n") +
                                kSjisHello + "\r\n";
    const QByteArray message = kTopHeader + multipart("mixed", "b8", {sjisPart, eicarPart()});
    const Result<QByteArray> out = stripParts(message, one({2}, QStringLiteral("eicar.com")));
    QVERIFY(out);
    QVERIFY(has8bitBytes(*out));
    QVERIFY(out->contains(sjisPart));
    QVERIFY(headerOf(*out).contains("Content-Transfer-Encoding: 8bit\r\n"));
    QVERIFY(crlfOnly(*out));
    QVERIFY(!out->contains(eicar()));
    const QList<MimeLeaf> after = mimeLeaves(*out);
    QCOMPARE(int(after.size()), 3);
    QCOMPARE(mimetext::decodeCharset(after[1].body, "Shift_JIS").trimmed(), u("こんにちは"));
}

void TestVirusStrip::stripErrors()
{
    const QByteArray message = mixedSample();
    const Result<QByteArray> none = stripParts(message, {});
    QVERIFY(!none);
    QCOMPARE(none.error().kind, Error::Kind::Invalid);

    const Result<QByteArray> missing = stripParts(message, one({9}));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, Error::Kind::NotFound);

    // Inside an attached message: mimeLeaves names the message, not its parts.
    const QByteArray withMessage =
        kTopHeader + multipart("mixed", "b",
                               {"Content-Type: message/rfc822\r\n\r\n" +
                                crlf("From: b@example.com\nContent-Type: multipart/mixed; "
                                     "boundary=\"in\"\n\n--in\n\nx\n--in--")});
    const Result<QByteArray> inside = stripParts(withMessage, one({1, 1}));
    QVERIFY(!inside);
    QCOMPARE(inside.error().kind, Error::Kind::NotFound);
    QVERIFY(stripParts(withMessage, one({1})));
}

void TestVirusStrip::noticeMail()
{
    VirusNoticeInput in;
    in.reportingMta = QStringLiteral("mail.example.jp");
    in.postmasterDomain = QStringLiteral("example.jp");
    in.sender = QStringLiteral("taro@example.jp");
    for (int i = 1; i <= kVirusNoticeMaxRecipients + 5; ++i)
        in.recipients << QStringLiteral("user%1@example.com").arg(i);
    in.virusName = QStringLiteral("Eicar-Test-Signature");
    in.original = kTopHeader + multipart("mixed", "b1", {jisTextPart(), eicarPart()});
    in.now = QDateTime(QDate(2024, 5, 1), QTime(9, 15, 0));

    const QByteArray mail = virusNoticeMessage(in);
    QVERIFY(!has8bitBytes(mail));
    QVERIFY(crlfOnly(mail));
    QVERIFY2(longestLine(mail) <= 78, QByteArray::number(longestLine(mail)).constData());
    QVERIFY(!mail.contains(eicar()));
    QVERIFY(!mail.contains(eicar().toBase64().left(40)));

    const MimeMessage parsed(mail);
    QCOMPARE(parsed.decodedHeader("Subject"), u("【ウイルス検出】送信メールを削除しました"));
    QCOMPARE(parsed.addresses("From"), QStringList{QStringLiteral("MAILER-DAEMON@example.jp")});
    QCOMPARE(parsed.addresses("To"), QStringList{QStringLiteral("taro@example.jp")});
    QCOMPARE(parsed.rawHeader("Auto-Submitted"), QByteArray("auto-replied"));
    QVERIFY(!parsed.rawHeader("Date").isEmpty());
    QVERIFY(parsed.rawHeader("Message-ID").endsWith("@mail.example.jp>"));

    const QList<MimeLeaf> leaves = mimeLeaves(mail);
    QCOMPARE(int(leaves.size()), 1);
    QCOMPARE(leaves[0].contentType, QByteArray("text/plain"));
    const QString text = QString::fromUtf8(leaves[0].body);
    const qsizetype english = text.indexOf(QLatin1String("A virus was found"));
    const qsizetype japanese = text.indexOf(u("ウイルスが検出されたため"));
    QVERIFY(japanese >= 0 && english > japanese);
    QVERIFY(text.indexOf(u("宛先には送信されていません")) < english);
    QVERIFY(text.contains(QLatin1String("NOT sent")));
    QCOMPARE(int(text.count(QLatin1String("Eicar-Test-Signature"))), 2);
    QCOMPARE(int(text.count(u("見積のご依頼"))), 2); // the original subject, decoded
    QVERIFY(text.contains(QLatin1String("2024/05/01 09:15")));
    QCOMPARE(int(text.count(QLatin1String("user1@example.com"))), 2);
    QCOMPARE(int(text.count(QStringLiteral("user%1@example.com").arg(kVirusNoticeMaxRecipients))),
             2);
    QVERIFY(
        !text.contains(QStringLiteral("user%1@example.com").arg(kVirusNoticeMaxRecipients + 1)));
    QVERIFY(text.contains(u("ほか 5 件")));
    QVERIFY(text.contains(QLatin1String("and 5 more")));
}

QTEST_GUILESS_MAIN(TestVirusStrip)
#include "tst_virusstrip.moc"
