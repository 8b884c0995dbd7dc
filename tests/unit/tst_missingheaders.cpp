// Tests of mime/missingheaders: which of Date: and Message-ID: a submitted
// message's header already has (folded fields, bare LF lines, an empty or
// missing header, look-alike names, the fields in the body), and the fields
// added for what is missing — their RFC 5322 form, unique ids, and a message
// that reads as complete once they stand before it.
#include "mime/mimemessage.h"
#include "mime/missingheaders.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace fumibako;

namespace
{

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

const QDateTime kNow(QDate(2024, 4, 1), QTime(10, 0, 7), Qt::OffsetFromUTC, 9 * 3600);

} // namespace

class TestMissingHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presence_data();
    void presence();
    void addedFields_data();
    void addedFields();
    void presentFieldsAddNothing();
    void messageIdsAreUnique();
};

void TestMissingHeaders::presence_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("date");
    QTest::addColumn<bool>("messageId");
    QTest::addColumn<bool>("noHeader");
    const QByteArray body = "\r\nHello.\r\n";
    QTest::newRow("both") << crlf("From: a@example.jp\nDate: Mon, 1 Apr 2024 10:00:00 +0900\n"
                                  "Message-ID: <1@example.jp>\n") +
                                 body
                          << true << true << false;
    QTest::newRow("neither") << crlf("From: a@example.jp\nSubject: hi\n") + body << false << false
                             << false;
    QTest::newRow("date only") << crlf("Date: Mon, 1 Apr 2024 10:00:00 +0900\n") + body << true
                               << false << false;
    QTest::newRow("message-id only, last field")
        << crlf("From: a@example.jp\nMessage-ID: <1@example.jp>\n") + body << false << true
        << false;
    QTest::newRow("names in any case")
        << crlf("DATE: x\nmessage-id: <1@example.jp>\n") + body << true << true << false;
    QTest::newRow("Message-Id as Outlook writes it")
        << crlf("Message-Id: <1@example.jp>\n") + body << false << true << false;
    QTest::newRow("obsolete space before the colon (RFC 5322 4.5)")
        << crlf("Date : x\nMessage-ID\t: <1@example.jp>\n") + body << true << true << false;
    QTest::newRow("folded value")
        << crlf("Message-ID:\n <1@example.jp>\nDate: Mon,\n 1 Apr 2024\n") + body << true << true
        << false;
    QTest::newRow("Date: inside a folded Subject")
        << crlf("Subject: see\n Date: tomorrow\n\tMessage-ID: <1@x>\nFrom: a@example.jp\n") + body
        << false << false << false;
    QTest::newRow("look-alike names")
        << crlf(
               "X-Date: x\nDates: x\nResent-Date: x\nResent-Message-ID: <1@x>\nMessage-ID-X: y\n") +
               body
        << false << false << false;
    QTest::newRow("in the body") << crlf("From: a@example.jp\n\nDate: x\nMessage-ID: <1@x>\n")
                                 << false << false << false;
    QTest::newRow("after a line that is no field")
        << crlf("From: a@example.jp\nthis is text\nDate: x\n") << false << false << false;
    QTest::newRow("bare LF lines")
        << QByteArray("From: a@example.jp\nDate: x\n\nbody\n") << true << false << false;
    QTest::newRow("bare LF, folded")
        << QByteArray("Subject: a\n Date: x\nMessage-ID:\n\t<1@x>\n\nbody\n") << false << true
        << false;
    QTest::newRow("no line end after the last field")
        << QByteArray("Date: x") << true << false << false;
    QTest::newRow("header only, no body") << crlf("Message-ID: <1@x>\n") << false << true << false;
    QTest::newRow("empty header") << crlf("\nDate: x\n") << false << false << false;
    QTest::newRow("empty message") << QByteArray() << false << false << false;
    QTest::newRow("no header, text from the first line")
        << crlf("Hello, here is the text.\nDate: x\n") << false << false << true;
    QTest::newRow("no header, colon inside text")
        << crlf("Note that: a b\n") << false << false << true;
    QTest::newRow("no header, continuation first") << crlf(" Date: x\n") << false << false << true;
    QTest::newRow("8-bit name is no field") << crlf("D\xc3\xa4te: x\n") << false << false << true;
}

void TestMissingHeaders::presence()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, date);
    QFETCH(bool, messageId);
    QFETCH(bool, noHeader);
    const HeaderPresence has = headerPresence(message);
    QCOMPARE(has.date, date);
    QCOMPARE(has.messageId, messageId);
    QCOMPARE(has.noHeader, noHeader);
}

void TestMissingHeaders::addedFields_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("wantDate");
    QTest::addColumn<bool>("wantMessageId");
    QTest::addColumn<bool>("wantEmptyLine");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("both missing") << crlf("From: a@example.jp\n\nHello.\n") << true << true << false
                                  << QByteArray("Hello.\r\n");
    QTest::newRow("date missing") << crlf("Message-ID: <1@x>\n\nHello.\n") << true << false << false
                                  << QByteArray("Hello.\r\n");
    QTest::newRow("message-id missing")
        << crlf("Date: x\n\nHello.\n") << false << true << false << QByteArray("Hello.\r\n");
    QTest::newRow("empty header") << crlf("\nHello.\n") << true << true << false
                                  << QByteArray("Hello.\r\n");
    QTest::newRow("empty message") << QByteArray() << true << true << false << QByteArray();
    QTest::newRow("no header: the text stays body")
        << crlf("Hello.\nBye.\n") << true << true << true << crlf("Hello.\nBye.\n");
    QTest::newRow("bare LF lines") << QByteArray("From: a@example.jp\n\nHello.\n") << true << true
                                   << false << QByteArray("Hello.\n");
}

void TestMissingHeaders::addedFields()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, wantDate);
    QFETCH(bool, wantMessageId);
    QFETCH(bool, wantEmptyLine);
    QFETCH(QByteArray, body);
    const QByteArray added = missingSubmissionFields(message, kNow, "mail.example.jp");
    static const QRegularExpression dateRe(
        QStringLiteral("^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} "
                       "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                       "\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\r\\n"));
    static const QRegularExpression idRe(QStringLiteral(
        "(^|\\n)Message-ID: <20240401010007\\.[0-9A-F]{16}@mail\\.example\\.jp>\\r\\n"));
    QCOMPARE(dateRe.match(QString::fromLatin1(added)).hasMatch(), wantDate);
    QCOMPARE(idRe.match(QString::fromLatin1(added)).hasMatch(), wantMessageId);
    QCOMPARE(added.endsWith("\r\n\r\n"), wantEmptyLine);
    QCOMPARE(added.count('\n'), int(wantDate) + int(wantMessageId) + int(wantEmptyLine));
    // The instant is kNow, whatever the server's zone.
    if (wantDate) {
        const QByteArray value = added.mid(6, added.indexOf("\r\n") - 6);
        const QDateTime back = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
        QCOMPARE(back.toSecsSinceEpoch(), kNow.toSecsSinceEpoch());
    }

    // Put before the message, the header is complete and the body unchanged
    // (read by MimeMessage, the IMAP server's own parser).
    const QByteArray whole = added + message;
    const HeaderPresence has = headerPresence(whole);
    QVERIFY(has.date && has.messageId && !has.noHeader);
    const MimeMessage parsed(whole);
    QVERIFY(!parsed.rawHeader("Date").isEmpty());
    QVERIFY(parsed.rawHeader("Message-ID").startsWith('<'));
    const auto text = parsed.section({}, MimeMessage::SectionText::Text);
    QVERIFY(text);
    QCOMPARE(*text, body);
}

void TestMissingHeaders::presentFieldsAddNothing()
{
    const QByteArray message = crlf("Date: Mon, 1 Apr 2024 10:00:00 +0900\n"
                                    "Message-ID: <1@example.jp>\n\nHello.\n");
    QCOMPARE(missingSubmissionFields(message, kNow, "mail.example.jp"), QByteArray());
    // Not even when the message has no body or line ends.
    QCOMPARE(missingSubmissionFields("Message-ID: <1@x>\r\nDate: x", kNow, "h"), QByteArray());
}

void TestMissingHeaders::messageIdsAreUnique()
{
    QSet<QByteArray> ids;
    for (int i = 0; i < 1000; ++i)
        ids.insert(newMessageId(kNow, "mail.example.jp"));
    QCOMPARE(ids.size(), 1000);
    QVERIFY(newMessageId(kNow, "").endsWith("@localhost>")); // never "<...@>"
}

QTEST_GUILESS_MAIN(TestMissingHeaders)
#include "tst_missingheaders.moc"
