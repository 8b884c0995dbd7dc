// Unit tests of delivery/forwardreturn: delivery reports as a forward
// destination's server writes them (Postfix's failure and delay reports,
// a message/rfc822 return, a success report, several recipients) retold with
// concealedReturn() and written by BounceMessage::build(), whose output — raw
// and with each part decoded — must name the forwarding address and never the
// destination (the phone address, its hosts, its domain); mail that is no
// delivery report is Invalid.
#include "delivery/bouncemessage.h"
#include "delivery/forwardreturn.h"
#include "mime/virusstrip.h"

#include <QtTest>

using namespace fumibako;
using Kind = BounceInput::Kind;
using Action = BounceRecipient::Action;

Q_DECLARE_METATYPE(fumibako::BounceInput::Kind)
Q_DECLARE_METATYPE(fumibako::BounceRecipient::Action)

namespace
{

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

const QString kSender = s("taro@example.co.jp");
const QString kForwarder = s("hanako@fwd.example.jp");

// The header of the forwarded message as the destination received it: its
// own Delivered-To and Received (naming the phone) on top, then ours, then
// the sender's fields — with a To: that names the phone, as when the sender
// had written to it directly too.
const QByteArray kReturnedHeader =
    crlf("Return-Path: <SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp>\n"
         "Delivered-To: phone@docomo.example\n"
         "Received: from mail.fwd.example.jp (mail.fwd.example.jp [192.0.2.25])\n"
         "\tby mx.docomo.example (Postfix) with ESMTPS id 4VB1x2Y3zZ\n"
         "\tfor <phone@docomo.example>; Mon,  1 Apr 2024 10:00:04 +0900 (JST)\n"
         "Delivered-To: hanako@fwd.example.jp\n"
         "Received: from client.example.co.jp (client.example.co.jp [198.51.100.7])\n"
         "\tby mail.fwd.example.jp with ESMTPS\n"
         "\tfor <hanako@fwd.example.jp>; Mon, 1 Apr 2024 10:00:03 +0900\n"
         "From: =?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.co.jp>\n"
         "To: hanako@fwd.example.jp, Phone <phone@docomo.example>\n"
         "Cc: jiro@example.co.jp\n"
         "Subject: =?UTF-8?B?6KaL56mN44KC44KK44Gu44GU5L6d6aC8?=\n"
         "Date: Mon, 1 Apr 2024 10:00:00 +0900\n"
         "Message-ID: <abc123@example.co.jp>\n"
         "X-Mailer: Example Mailer 1.0\n"
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=UTF-8\n"
         "Content-Transfer-Encoding: base64\n");
const QByteArray kReturnedBody = crlf("44GU6YCj57Wh44Gv 090-1234-5678 phone@docomo.example\n");
const QList<QByteArray> kSenderFields = {"from", "cc",         "subject",
                                         "date", "message-id", "delivered-to"};

// Postfix's bounce(8) layout: the report, the delivery status, the header.
QByteArray report(const QByteArray &statusRecipients, const QByteArray &returnedType,
                  const QByteArray &returned, const QByteArray &reportType = "delivery-status",
                  const QByteArray &statusType = "message/delivery-status")
{
    return crlf("Return-Path: <>\n"
                "Received: by mx.docomo.example (Postfix)\n"
                "\tid 4VB1x2Y3zZ; Mon,  1 Apr 2024 10:00:05 +0900 (JST)\n"
                "Date: Mon,  1 Apr 2024 10:00:05 +0900 (JST)\n"
                "From: MAILER-DAEMON@mx.docomo.example (Mail Delivery System)\n"
                "Subject: Undelivered Mail Returned to Sender\n"
                "To: SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp\n"
                "Auto-Submitted: auto-replied\n"
                "MIME-Version: 1.0\n"
                "Content-Type: multipart/report; report-type=" +
                reportType +
                ";\n"
                "\tboundary=\"4VB1x2Y3zZ.1711933205/mx.docomo.example\"\n"
                "Content-Transfer-Encoding: 8bit\n"
                "Message-Id: <20240401010005.4VB1x2Y3zZ@mx.docomo.example>\n"
                "\n"
                "This is a MIME-encapsulated message.\n"
                "\n"
                "--4VB1x2Y3zZ.1711933205/mx.docomo.example\n"
                "Content-Description: Notification\n"
                "Content-Type: text/plain; charset=us-ascii\n"
                "\n"
                "This is the mail system at host mx.docomo.example.\n"
                "\n"
                "I'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients. It's attached below.\n"
                "\n"
                "                   The mail system\n"
                "\n"
                "<phone@docomo.example>: host mbox.docomo.example[203.0.113.9] said: 550\n"
                "    5.1.1 <phone@docomo.example>: Recipient address rejected: User unknown\n"
                "\n"
                "--4VB1x2Y3zZ.1711933205/mx.docomo.example\n"
                "Content-Description: Delivery report\n"
                "Content-Type: " +
                statusType +
                "\n"
                "\n"
                "Reporting-MTA: dns; mx.docomo.example\n"
                "X-Postfix-Queue-ID: 4VB1x2Y3zZ\n"
                "X-Postfix-Sender: rfc822; SRS0=8+TM=LG=example.co.jp=taro@fwd.example.jp\n"
                "Arrival-Date: Mon,  1 Apr 2024 10:00:04 +0900 (JST)\n"
                "\n" +
                statusRecipients +
                "\n"
                "--4VB1x2Y3zZ.1711933205/mx.docomo.example\n"
                "Content-Description: Undelivered Message Headers\n"
                "Content-Type: " +
                returnedType +
                "\n"
                "\n" +
                returned +
                "\n"
                "--4VB1x2Y3zZ.1711933205/mx.docomo.example--\n");
}

const QByteArray kUserUnknown =
    "Final-Recipient: rfc822; phone@docomo.example\n"
    "Original-Recipient: rfc822;phone@docomo.example\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mbox.docomo.example\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <phone@docomo.example>: Recipient address\n"
    "    rejected: User unknown in virtual mailbox table\n";
const QByteArray kDelayed =
    "Final-Recipient: rfc822; phone@docomo.example\n"
    "Original-Recipient: rfc822;phone@docomo.example\n"
    "Action: delayed\n"
    "Status: 4.4.1\n"
    "Diagnostic-Code: X-Postfix; connect to mbox.docomo.example[203.0.113.9]:25:\n"
    "    Connection timed out\n"
    "Will-Retry-Until: Mon,  6 Apr 2024 10:00:04 +0900 (JST)\n";

// A report's leaves, for finding text in the parts build() base64-encodes.
QByteArray everything(const QByteArray &message)
{
    QByteArray all = message;
    for (const MimeLeaf &leaf : mimeLeaves(message))
        all += "\n" + leaf.body;
    return all;
}

QList<QByteArray> fieldNames(const QByteArray &header)
{
    QList<QByteArray> names;
    for (const QByteArray &line : header.split('\n'))
        if (!line.isEmpty() && line[0] != ' ' && line[0] != '\t' && line.contains(':'))
            names << line.left(line.indexOf(':')).trimmed().toLower();
    return names;
}

} // namespace

class TestForwardReturn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concealed_data()
    {
        QTest::addColumn<QByteArray>("report");
        QTest::addColumn<QString>("forwarder");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<Action>("action");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QList<QByteArray>>("fields");

        const QByteArray headers = "text/rfc822-headers";
        QTest::newRow("Postfix failure")
            << report(crlf(kUserUnknown), headers, kReturnedHeader) << kForwarder << Kind::Failure
            << Action::Failed << kForwarder << QByteArray("5.1.1") << kSenderFields;
        QTest::newRow("forwarder from Delivered-To")
            << report(crlf(kUserUnknown), headers, kReturnedHeader) << QString() << Kind::Failure
            << Action::Failed << kForwarder << QByteArray("5.1.1") << kSenderFields;
        QTest::newRow("Postfix delay")
            << report(crlf(kDelayed), headers, kReturnedHeader) << kForwarder << Kind::Delay
            << Action::Delayed << kForwarder << QByteArray("4.4.1") << kSenderFields;
        QTest::newRow("message/rfc822 returned")
            << report(crlf("Final-Recipient: rfc822;phone@docomo.example\n"
                           "Action: failed\n"
                           "Status: 5.2.2 (mailbox full)\n"),
                      "message/rfc822", kReturnedHeader + "\r\n" + kReturnedBody)
            << QString() << Kind::Failure << Action::Failed << kForwarder << QByteArray("5.2.2")
            << kSenderFields;
        QTest::newRow("no Status: 5.0.0, no Delivered-To")
            << report(crlf("Final-Recipient: rfc822; phone@docomo.example\n"
                           "Action: failed\n"),
                      headers,
                      crlf("From: taro@example.co.jp\n"
                           "Subject: hello\n"
                           "Received: from x by mx.docomo.example for phone@docomo.example;\n"
                           "\tMon, 1 Apr 2024 10:00:04 +0900\n"))
            << QString() << Kind::Failure << Action::Failed << QString() << QByteArray("5.0.0")
            << QList<QByteArray>{"from", "subject"};
        QTest::newRow("delayed and failed: the failure's status")
            << report(crlf(kDelayed) + "\r\n" +
                          crlf("Final-Recipient: rfc822; phone2@docomo.example\n"
                               "Action: failed\n"
                               "Status: 5.1.1\n"),
                      headers, kReturnedHeader)
            << kForwarder << Kind::Failure << Action::Failed << kForwarder << QByteArray("5.1.1")
            << kSenderFields;
        QTest::newRow("two delayed: delay")
            << report(crlf(kDelayed) + "\r\n" + crlf(kDelayed).replace("phone@", "phone2@"),
                      headers, kReturnedHeader)
            << kForwarder << Kind::Delay << Action::Delayed << kForwarder << QByteArray("4.4.1")
            << kSenderFields;
        QTest::newRow("success (NOTIFY=SUCCESS passed on)")
            << report(crlf("Final-Recipient: rfc822; phone@docomo.example\n"
                           "Action: relayed\n"
                           "Status: 2.0.0\n"
                           "Remote-MTA: dns; mbox.docomo.example\n"),
                      headers, kReturnedHeader)
            << kForwarder << Kind::Success << Action::Relayed << kForwarder << QByteArray("2.0.0")
            << kSenderFields;
        QTest::newRow("RFC 6533 global report")
            << report(crlf("Final-Recipient: utf-8; phone@docomo.example\n"
                           "Action: failed\n"
                           "Status: 5.1.1\n"),
                      "message/global-headers", kReturnedHeader, "global-delivery-status",
                      "message/global-delivery-status")
            << QString() << Kind::Failure << Action::Failed << kForwarder << QByteArray("5.1.1")
            << kSenderFields;
        QTest::newRow("LF line ends, forwarder in other case")
            << QByteArray(report(crlf(kUserUnknown), headers, kReturnedHeader))
                   .replace("\r\n", "\n")
            << s("Hanako@FWD.example.jp") << Kind::Failure << Action::Failed
            << s("Hanako@FWD.example.jp") << QByteArray("5.1.1") << kSenderFields;
    }
    void concealed()
    {
        QFETCH(QByteArray, report);
        QFETCH(QString, forwarder);
        QFETCH(Kind, kind);
        QFETCH(Action, action);
        QFETCH(QString, address);
        QFETCH(QByteArray, status);
        QFETCH(QList<QByteArray>, fields);

        const Result<BounceInput> r = concealedReturn(report, kSender, forwarder);
        QVERIFY(r.has_value());
        QCOMPARE(r->kind, kind);
        QCOMPARE(r->originalSender, kSender);
        QVERIFY(!r->returnFull);
        QCOMPARE(r->recipients.size(), 1);
        const BounceRecipient &rcpt = r->recipients.first();
        QCOMPARE(rcpt.address, address);
        QCOMPARE(rcpt.action, action);
        QCOMPARE(rcpt.status, status);
        QVERIFY(rcpt.diagnostic.isEmpty());
        QVERIFY(rcpt.remoteMta.isEmpty());
        QVERIFY(rcpt.originalRecipient.isEmpty());
        QCOMPARE(fieldNames(r->original), fields);
        if (fields.contains("delivered-to"))
            QVERIFY(r->original.toLower().contains("delivered-to: hanako@fwd.example.jp"));
        if (fields.contains("subject")) // the sender's own field, as written
            QVERIFY(r->original.contains("Subject: =?UTF-8?B?6KaL56mN44KC44KK44Gu44GU5L6d6aC8?=") ||
                    r->original.contains("Subject: hello"));

        // The report the sender gets: the destination nowhere in it.
        BounceInput in = *r;
        in.reportingMta = s("mail.fwd.example.jp");
        in.postmasterDomain = s("fwd.example.jp");
        in.messageIdDomain = s("mail.fwd.example.jp");
        in.now = QDateTime(QDate(2024, 4, 1), QTime(10, 0, 9), Qt::OffsetFromUTC, 9 * 3600);
        const QByteArray bounce = BounceMessage::build(in);
        const QByteArray all = everything(bounce).toLower();
        QVERIFY2(!all.contains("phone"), all.constData());
        QVERIFY2(!all.contains("docomo"), all.constData());
        QVERIFY(!all.contains("203.0.113.9"));
        QVERIFY(!all.contains("090-1234-5678"));
        QVERIFY(bounce.contains("To: <taro@example.co.jp>"));
        if (!address.isEmpty())
            QVERIFY(bounce.contains("Final-Recipient: rfc822; " + address.toUtf8()));
        QVERIFY(bounce.contains("Status: " + status));
        QVERIFY(!bounce.contains("Diagnostic-Code"));
        QVERIFY(!bounce.contains("Remote-MTA"));
        // The sender still recognises its message.
        if (fields.contains("message-id"))
            QVERIFY(all.contains("message-id: <abc123@example.co.jp>"));
    }

    // The same report with the destination's fields put back would leak: the
    // checks above can fail.
    void leakIsDetected()
    {
        const Result<BounceInput> r =
            concealedReturn(report(crlf(kUserUnknown), "text/rfc822-headers", kReturnedHeader),
                            kSender, kForwarder);
        QVERIFY(r.has_value());
        BounceInput in = *r;
        in.now = QDateTime(QDate(2024, 4, 1), QTime(10, 0, 9), Qt::UTC);
        in.recipients.first().diagnostic = "550 5.1.1 <phone@docomo.example>: User unknown";
        QVERIFY(everything(BounceMessage::build(in)).contains("phone@docomo.example"));
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain message") << kReturnedHeader + "\r\n" + kReturnedBody;
        QTest::newRow("multipart/mixed with a delivery-status part")
            << report(crlf(kUserUnknown), "text/rfc822-headers", kReturnedHeader)
                   .replace("multipart/report", "multipart/mixed");
        QTest::newRow("read receipt (RFC 8098)")
            << report(crlf("Final-Recipient: rfc822; phone@docomo.example\n"
                           "Disposition: manual-action/MDN-sent-manually; displayed\n"),
                      "text/rfc822-headers", kReturnedHeader, "disposition-notification",
                      "message/disposition-notification");
        QTest::newRow("report with no recipient")
            << report(QByteArray(), "text/rfc822-headers", kReturnedHeader);
        QTest::newRow("garbage") << QByteArray("\x01\x02\r\n\r\n--\r\n");
    }
    void invalid()
    {
        QFETCH(QByteArray, message);
        const Result<BounceInput> r = concealedReturn(message, kSender, kForwarder);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().kind, Error::Kind::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestForwardReturn)
#include "tst_forwardreturn.moc"
