// Unit tests of mime/attachmentstrip (FAQ 転送設定 「添付を削除して転送」): a
// text with a PDF loses the PDF and gains the note, the text byte for byte;
// Japanese file names (RFC 2231, RFC 2047, raw Shift_JIS) named in the note;
// what counts as an attachment (named or attachment-disposed leaves, inline
// images of an HTML body, message/rfc822 whole, signatures only with
// something else) and what is body (the plain and HTML alternatives); a
// message with nothing to remove returned as the same bytes; ISO-2022-JP and
// 8-bit Shift_JIS bodies kept byte for byte; the note's name cap and the
// nesting/part limits. Output re-read through mimeLeaves and MimeMessage.
#include "../support/mimesamples.h"
#include "mime/attachmentstrip.h"
#include "mime/mimedowngrade.h"
#include "mime/mimemessage.h"
#include "mime/mimetext.h"
#include "mime/partstrip.h"

#include <QtTest>

using namespace fumibako;
using namespace fumibako::test;

namespace
{

const QByteArray kJisHello = "\x1b$B$3$s$K$A$O-!\x1b(B"; // こんにちは① (① is NEC row 13)
const QByteArray kSjisHello = "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd"; // こんにちは
const QByteArray kJisMitsumori = "\x1b$B8+@Q$N$40MMj\x1b(B";              // 見積のご依頼

const QByteArray kTopHeader = crlf("From: Taro <taro@example.com>\n"
                                   "To: hanako@example.jp\n") +
                              "Subject: =?ISO-2022-JP?B?" + kJisMitsumori.toBase64() + "?=\r\n" +
                              crlf("Date: Wed, 1 May 2024 10:00:00 +0900\n"
                                   "Message-ID: <m1@example.com>\n"
                                   "MIME-Version: 1.0\n");

const QByteArray kJisText = crlf("Content-Type: text/plain; charset=ISO-2022-JP\n"
                                 "Content-Transfer-Encoding: 7bit\n\n") +
                            kJisHello + "\r\n";
const QByteArray kHtml = crlf("Content-Type: text/html; charset=UTF-8\n\n"
                              "<p>hello <img src=\"cid:logo@x\"></p>");

const QByteArray kPdf = QByteArray("%PDF-1.4\n\x00\x01\x02\xff binary", 20);
const QByteArray kPdfPart = crlf("Content-Type: application/pdf\n"
                                 "Content-Disposition: attachment; filename=\"invoice.pdf\"\n"
                                 "Content-Transfer-Encoding: base64\n\n") +
                            kPdf.toBase64() + "\r\n";

QByteArray part(const QByteArray &header, const QByteArray &body = "x")
{
    return crlf(header) + "\r\n" + body;
}

QByteArray mixed(const QList<QByteArray> &parts)
{
    return kTopHeader + multipart("mixed", "b1", parts);
}

QStringList paths(const QList<MimeLeaf> &leaves)
{
    QStringList out;
    for (const MimeLeaf &l : leaves)
        out << partNumberText(l.path);
    return out;
}

QString noteOf(const QByteArray &message)
{
    const QList<MimeLeaf> leaves = mimeLeaves(message);
    return leaves.isEmpty() ? QString() : QString::fromUtf8(leaves.first().body);
}

const char *const kJapaneseNote = "このメールは転送時に添付ファイルを削除しました: ";
const char *const kEnglishNote = "Attachments were removed when this message was forwarded: ";

// The note's two lines, each as "names".
QStringList noteLists(const QString &note)
{
    const QStringList lines = note.split(QStringLiteral("\r\n")); // CRLF, as mail is
    if (lines.size() < 3 || !lines[0].startsWith(u(kJapaneseNote)) ||
        !lines[1].startsWith(QLatin1String(kEnglishNote)))
        return {};
    return {lines[0].mid(u(kJapaneseNote).size()),
            lines[1].mid(QString::fromLatin1(kEnglishNote).size())};
}

} // namespace

class TestAttachmentStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textAndPdf();
    void japaneseNames_data();
    void japaneseNames();
    void unchanged_data();
    void unchanged();
    void what_data();
    void what();
    void attachedMessage();
    void singlePartAttachment();
    void eightBitKept();
    void manyNames();
    void limits();
};

// The PDF goes, the note is part 1, the ISO-2022-JP text is part 2.1 byte for
// byte, the header is kept.
void TestAttachmentStrip::textAndPdf()
{
    const QByteArray message = mixed({kJisText, kPdfPart});
    const Result<AttachmentStripResult> out = stripAttachments(message);
    QVERIFY2(out, out ? "" : qPrintable(out.error().message));
    QCOMPARE(out->removed, QStringList{QStringLiteral("invoice.pdf")});
    const QByteArray &stripped = out->message;

    QVERIFY(!stripped.contains(kPdf.toBase64()));
    QVERIFY(!stripped.contains("application/pdf"));
    const QList<MimeLeaf> leaves = mimeLeaves(stripped);
    QCOMPARE(paths(leaves), (QStringList{QStringLiteral("1"), QStringLiteral("2.1")}));
    for (const MimeLeaf &l : leaves)
        QVERIFY(!l.body.contains(kPdf));

    // The note: base64 UTF-8 text/plain, Japanese then English, naming the file.
    QCOMPARE(leaves[0].contentType, QByteArray("text/plain"));
    QVERIFY(!leaves[0].attachment);
    QVERIFY(isBodyText(leaves[0]));
    const QString note = noteOf(stripped);
    QCOMPARE(noteLists(note),
             (QStringList{QStringLiteral("invoice.pdf"), QStringLiteral("invoice.pdf")}));
    QVERIFY(!stripped.contains("ReplaceWarning"));

    // The text part as it was, byte for byte, and still the same Japanese.
    const MimeMessage parsed(stripped);
    const MimeMessage original(message);
    QCOMPARE(parsed.section({2, 1}, MimeMessage::SectionText::Mime).value_or({}) +
                 parsed.section({2, 1}, MimeMessage::SectionText::Whole).value_or({}),
             original.section({1}, MimeMessage::SectionText::Mime).value_or({}) +
                 original.section({1}, MimeMessage::SectionText::Whole).value_or({}));
    QVERIFY(stripped.contains(kJisText));
    QCOMPARE(mimetext::decodeCharset(leaves[1].body, "ISO-2022-JP").trimmed(), u("こんにちは①"));

    // Header: every field but Content-* kept, the new top multipart/mixed.
    QCOMPARE(parsed.decodedHeader("Subject"), u("見積のご依頼"));
    QCOMPARE(parsed.rawHeader("Message-ID"), QByteArray("<m1@example.com>"));
    QVERIFY(parsed.rawHeader("Content-Type").startsWith("multipart/mixed;"));
    QVERIFY(parsed.rawHeader("Content-Type").contains("=_fumibako-strip-"));
    QCOMPARE(int(stripped.count("MIME-Version:")), 1);
    QVERIFY(parsed.section({2}, MimeMessage::SectionText::Mime)
                .value_or({})
                .contains("multipart/mixed; boundary=\"b1\""));
    QVERIFY(crlfOnly(stripped));
    QVERIFY(!has8bitBytes(stripped));
    QVERIFY(parsed.rawHeader("Content-Transfer-Encoding").isNull()); // 7-bit in, 7-bit out
}

void TestAttachmentStrip::japaneseNames_data()
{
    QTest::addColumn<QByteArray>("attachment");
    QTest::addColumn<QString>("name");

    QTest::newRow("RFC 2231") << part("Content-Type: application/zip\n"
                                      "Content-Disposition: attachment;\n"
                                      " filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.zip\n")
                              << u("請求書.zip");
    QTest::newRow("RFC 2231 continuations") << part("Content-Type: application/zip\n"
                                                    "Content-Disposition: attachment;\n"
                                                    " filename*0*=UTF-8''%E8%AB%8B;\n"
                                                    " filename*1*=%E6%B1%82%E6%9B%B8.zip\n")
                                            << u("請求書.zip");
    QTest::newRow("RFC 2047 UTF-8 in name=, no disposition")
        << "Content-Type: application/zip; name=\"=?UTF-8?B?" +
               u("請求書.zip").toUtf8().toBase64() + "?=\"\r\n\r\nPK"
        << u("請求書.zip");
    QTest::newRow("RFC 2047 ISO-2022-JP in filename=")
        << "Content-Type: application/vnd.ms-excel\r\n"
           "Content-Disposition: attachment; filename=\"=?ISO-2022-JP?B?" +
               kJisMitsumori.toBase64() + "?=.xlsx\"\r\n\r\nx"
        << u("見積のご依頼.xlsx");
    QTest::newRow("raw Shift_JIS") << "Content-Type: application/octet-stream\r\n"
                                      "Content-Disposition: attachment; filename=\"" +
                                          kSjisHello + ".txt\"\r\n\r\nx"
                                   << u("こんにちは.txt");
}

void TestAttachmentStrip::japaneseNames()
{
    QFETCH(QByteArray, attachment);
    QFETCH(QString, name);

    const Result<AttachmentStripResult> out = stripAttachments(mixed({kJisText, attachment}));
    QVERIFY(out);
    QCOMPARE(out->removed, QStringList{name});
    QCOMPARE(noteLists(noteOf(out->message)), (QStringList{name, name}));
    QVERIFY(!has8bitBytes(out->message));
}

// Nothing to remove: the same bytes back.
void TestAttachmentStrip::unchanged_data()
{
    QTest::addColumn<QByteArray>("message");

    QTest::newRow("single part, no Content-Type")
        << crlf("From: a@example.com\nSubject: hi\n\nHello\nworld\n");
    QTest::newRow("single part, ISO-2022-JP") << kTopHeader + kJisText;
    QTest::newRow("single part, HTML") << kTopHeader + kHtml;
    QTest::newRow("multipart/alternative")
        << kTopHeader + multipart("alternative", "alt", {kJisText, kHtml});
    QTest::newRow("mixed: a text only") << mixed({kJisText});
    QTest::newRow("mixed: alternative, then an inline text")
        << mixed({multipart("alternative", "alt", {kJisText, kHtml}),
                  part("Content-Type: text/plain\nContent-Disposition: inline\n", "sig")});
    QTest::newRow("signed, nothing else attached")
        << kTopHeader +
               multipart("signed; protocol=\"application/pkcs7-signature\"", "sg",
                         {kJisText, part("Content-Type: application/pkcs7-signature; "
                                         "name=\"smime.p7s\"\n"
                                         "Content-Disposition: attachment; filename=\"smime.p7s\"\n"
                                         "Content-Transfer-Encoding: base64\n",
                                         "MIAGCSqGSIb3DQEHAqCAMIACAQE=")});
    QTest::newRow("multipart without a boundary")
        << crlf("From: a@example.com\nContent-Type: multipart/mixed\n\nno parts here\n");
}

void TestAttachmentStrip::unchanged()
{
    QFETCH(QByteArray, message);

    const Result<AttachmentStripResult> out = stripAttachments(message);
    QVERIFY(out);
    QVERIFY(out->removed.isEmpty());
    QCOMPARE(out->message, message);
}

// What is an attachment: rows of parts, the part numbers removed, the leaves left.
void TestAttachmentStrip::what_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("leavesAfter"); // part 1 is the note

    const QByteArray logo = part("Content-Type: image/png\n"
                                 "Content-ID: <logo@x>\n"
                                 "Content-Disposition: inline; filename=\"image001.png\"\n"
                                 "Content-Transfer-Encoding: base64\n",
                                 "iVBORw0KGgo=");
    QTest::newRow("related: the inline image goes, the HTML stays")
        << mixed({multipart("alternative", "alt",
                            {kJisText, multipart("related", "rel", {kHtml, logo})})})
        << QStringList{QStringLiteral("image001.png")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1.1"), QStringLiteral("2.1.2.1")};
    QTest::newRow("nameless attachment-disposed text")
        << mixed({kJisText, part("Content-Type: text/plain\nContent-Disposition: attachment\n")})
        << QStringList{QStringLiteral("part 2 (text/plain)")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1")};
    QTest::newRow("named inline text, nameless image")
        << mixed({kJisText,
                  part("Content-Type: text/plain; name=\"notes.txt\"\n"
                       "Content-Disposition: inline\n"),
                  part("Content-Type: image/jpeg\n")})
        << QStringList{QStringLiteral("notes.txt"), QStringLiteral("part 3 (image/jpeg)")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1")};
    QTest::newRow("winmail.dat")
        << mixed({kJisText, part("Content-Type: application/ms-tnef; name=\"winmail.dat\"\n")})
        << QStringList{QStringLiteral("winmail.dat")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1")};
    QTest::newRow("calendar invite beside the alternatives")
        << kTopHeader +
               multipart("alternative", "alt",
                         {kJisText, kHtml,
                          part("Content-Type: text/calendar; method=REQUEST\n", "BEGIN:VCALENDAR")})
        << QStringList{QStringLiteral("part 3 (text/calendar)")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1"), QStringLiteral("2.2")};
    QTest::newRow("signed with a PDF: the signature goes too")
        << kTopHeader +
               multipart("signed; protocol=\"application/pgp-signature\"", "sg",
                         {multipart("mixed", "in", {kJisText, kPdfPart}),
                          part("Content-Type: application/pgp-signature; name=\"signature.asc\"\n",
                               "-----BEGIN PGP SIGNATURE-----")})
        << QStringList{QStringLiteral("invoice.pdf"), QStringLiteral("signature.asc")}
        << QStringList{QStringLiteral("1"), QStringLiteral("2.1.1")};
    QTest::newRow("every part an attachment: the multipart goes whole")
        << mixed({kPdfPart, part("Content-Type: application/zip; name=\"a.zip\"\n")})
        << QStringList{QStringLiteral("invoice.pdf"), QStringLiteral("a.zip")}
        << QStringList{QStringLiteral("1")};
}

void TestAttachmentStrip::what()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, leavesAfter);

    const Result<AttachmentStripResult> out = stripAttachments(message);
    QVERIFY2(out, out ? "" : qPrintable(out.error().message));
    QCOMPARE(out->removed, removed);
    QCOMPARE(paths(mimeLeaves(out->message)), leavesAfter);
    const QStringList lists = noteLists(noteOf(out->message));
    QCOMPARE(lists.size(), 2);
    QCOMPARE(lists[1], removed.join(QStringLiteral(", ")));
    // Every leaf but the note is body text: nothing attached is left.
    const QList<MimeLeaf> after = mimeLeaves(out->message);
    for (const MimeLeaf &l : after)
        QVERIFY2(isBodyText(l), qPrintable(partNumberText(l.path)));
    // What stays is what was there, byte for byte.
    if (message.contains(kJisText) && leavesAfter.size() > 1)
        QVERIFY(out->message.contains(kJisText));
}

// A forwarded mail with its own PDF: the whole message/rfc822 part goes.
void TestAttachmentStrip::attachedMessage()
{
    const QByteArray inner = crlf("From: b@example.com\nSubject: inner\nMIME-Version: 1.0\n") +
                             multipart("mixed", "in", {kJisText, kPdfPart});
    const QByteArray message = mixed({part("Content-Type: text/plain\n", "see the forwarded mail"),
                                      "Content-Type: message/rfc822\r\n\r\n" + inner});
    const Result<AttachmentStripResult> out = stripAttachments(message);
    QVERIFY(out);
    QCOMPARE(out->removed, QStringList{QStringLiteral("part 2 (message/rfc822)")});
    QVERIFY(!out->message.contains("Subject: inner"));
    QVERIFY(!out->message.contains(kPdf.toBase64()));
    QVERIFY(!out->message.contains(kJisHello));
    QCOMPARE(paths(mimeLeaves(out->message)),
             (QStringList{QStringLiteral("1"), QStringLiteral("2.1")}));
    QCOMPARE(
        noteLists(noteOf(out->message)),
        (QStringList{u("パート 2 (message/rfc822)"), QStringLiteral("part 2 (message/rfc822)")}));
}

// A message that is one attachment: only the note is left.
void TestAttachmentStrip::singlePartAttachment()
{
    const QByteArray message = kTopHeader + kPdfPart;
    const Result<AttachmentStripResult> out = stripAttachments(message);
    QVERIFY(out);
    QCOMPARE(out->removed, QStringList{QStringLiteral("invoice.pdf")});
    const QList<MimeLeaf> leaves = mimeLeaves(out->message);
    QCOMPARE(paths(leaves), QStringList{QStringLiteral("1")});
    QVERIFY(noteOf(out->message).startsWith(u(kJapaneseNote)));
    QVERIFY(!out->message.contains(kPdf.toBase64()));
    QCOMPARE(MimeMessage(out->message).decodedHeader("Subject"), u("見積のご依頼"));
}

// An 8-bit Shift_JIS text stays 8-bit and byte for byte; the new top says 8bit.
void TestAttachmentStrip::eightBitKept()
{
    const QByteArray sjis = crlf("Content-Type: text/plain; charset=Shift_JIS\n"
                                 "Content-Transfer-Encoding: 8bit\n\n") +
                            kSjisHello + "\r\n";
    const Result<AttachmentStripResult> out = stripAttachments(mixed({sjis, kPdfPart}));
    QVERIFY(out);
    QVERIFY(out->message.contains(sjis));
    QVERIFY(has8bitBytes(out->message));
    QCOMPARE(MimeMessage(out->message).rawHeader("Content-Transfer-Encoding"), QByteArray("8bit"));
    const QList<MimeLeaf> leaves = mimeLeaves(out->message);
    QCOMPARE(leaves.size(), 2);
    QCOMPARE(mimetext::decodeCharset(leaves[1].body, "Shift_JIS").trimmed(), u("こんにちは"));
}

// 25 files: every one removed and logged, the note names 20 and counts the rest.
void TestAttachmentStrip::manyNames()
{
    QList<QByteArray> parts{kJisText};
    QStringList names;
    for (int i = 1; i <= 25; ++i) {
        names << QStringLiteral("f%1.bin").arg(i);
        parts << part("Content-Type: application/octet-stream; name=\"" + names.last().toUtf8() +
                      "\"\n");
    }
    const Result<AttachmentStripResult> out = stripAttachments(mixed(parts));
    QVERIFY(out);
    QCOMPARE(out->removed, names);
    const QStringList lists = noteLists(noteOf(out->message));
    QCOMPARE(lists.size(), 2);
    const QString shown = names.first(20).join(QStringLiteral(", "));
    QCOMPARE(lists[0], shown + u(" ほか 5 件"));
    QCOMPARE(lists[1], shown + QStringLiteral(", and 5 more"));
}

// Past mimeLeaves' limits nothing can be judged: Limit, nothing forwarded whole.
void TestAttachmentStrip::limits()
{
    QByteArray deep = kJisText;
    for (int i = kMaxMimeDepth + 2; i >= 1; --i)
        deep = multipart("mixed", "d" + QByteArray::number(i), {deep});
    const Result<AttachmentStripResult> tooDeep = stripAttachments(kTopHeader + deep);
    QVERIFY(!tooDeep);
    QCOMPARE(tooDeep.error().kind, Error::Kind::Limit);

    const QList<QByteArray> many(kMaxMimeLeaves + 1, kJisText);
    const Result<AttachmentStripResult> tooMany = stripAttachments(mixed(many));
    QVERIFY(!tooMany);
    QCOMPARE(tooMany.error().kind, Error::Kind::Limit);

    const QList<QByteArray> within(kMaxMimeLeaves, kJisText);
    const Result<AttachmentStripResult> ok = stripAttachments(mixed(within));
    QVERIFY(ok);
    QVERIFY(ok->removed.isEmpty());
}

QTEST_GUILESS_MAIN(TestAttachmentStrip)
#include "tst_attachmentstrip.moc"
