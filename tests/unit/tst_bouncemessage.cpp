// Unit tests of queue/bouncemessage: classify() over real-world replies
// (Postfix, Exchange, Gmail, Japanese ISPs, our own DNS and connection
// errors), isBounce() over reports and auto-generated mail, and build() —
// its bytes checked here (CRLF, 998-octet lines, 7-bit headers, the returned
// header block byte for byte) and the whole report read back by an
// independent parser, python3's `email` package (policy=default).
#include "delivery/bouncemessage.h"
#include "mime/mimetext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace fumibako;
using Cause = BounceMessage::Cause;
using Action = BounceRecipient::Action;

Q_DECLARE_METATYPE(fumibako::BounceMessage::Cause)
Q_DECLARE_METATYPE(fumibako::BounceRecipient::Action)

namespace
{

QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const QByteArray kOriginalHead =
    crlf("Return-Path: <taro@example.co.jp>\n"
         "Received: from client (client [192.0.2.1])\n"
         "\tby mail.example.co.jp with ESMTPSA; Mon, 1 Apr 2024 10:00:00 +0900\n"
         "From: =?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.co.jp>\n"
         "To: hanako@example.jp, jiro@nosuch.example\n"
         "Subject: =?UTF-8?B?6KaL56mN44KC44KK44Gu44GU5L6d6aC8?=\n"
         "Date: Mon, 1 Apr 2024 10:00:00 +0900\n"
         "Message-ID: <abc123@example.co.jp>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=UTF-8\n"
         "Content-Transfer-Encoding: base64\n");
const QByteArray kOriginalBody = crlf("5b6h6KaL56mN44KC44KK44KS44GK6aGY44GE44GX44G+44GZ44CC\n");
const QByteArray kOriginal = kOriginalHead + "\r\n" + kOriginalBody;
const char *const kOriginalSubject = "見積もりのご依頼";

const QByteArray kUnknownReply = "550 5.1.1 <hanako@example.jp>: Recipient address rejected: User "
                                 "unknown in virtual mailbox table";

BounceInput failureInput()
{
    BounceInput in;
    in.kind = BounceInput::Kind::Failure;
    in.reportingMta = QStringLiteral("mail.example.co.jp");
    in.postmasterDomain = QStringLiteral("example.co.jp");
    in.originalSender = QStringLiteral("taro@example.co.jp");
    in.envid = "QQ+314159"; // as the SMTP session keeps it: decoded from xtext
    in.arrivalDate = QDateTime(QDate(2024, 4, 1), QTime(10, 0), Qt::OffsetFromUTC, 9 * 3600);
    in.now = QDateTime(QDate(2024, 4, 1), QTime(10, 0, 7), Qt::OffsetFromUTC, 9 * 3600);
    in.messageIdDomain = QStringLiteral("mail.example.co.jp");
    in.original = kOriginal;

    BounceRecipient unknown;
    unknown.address = QStringLiteral("hanako@example.jp");
    unknown.originalRecipient = QStringLiteral("rfc822;hanako+sales@example.jp");
    unknown.action = Action::Failed;
    unknown.status = "5.1.1";
    unknown.diagnostic = kUnknownReply;
    unknown.remoteMta = QStringLiteral("mx1.example.jp");
    unknown.lastAttempt = in.now;
    BounceRecipient noHost;
    noHost.address = QStringLiteral("jiro@nosuch.example");
    noHost.action = Action::Failed;
    noHost.status = "5.4.4";
    noHost.diagnostic = "Host or domain name not found. Name service error for name=nosuch.example "
                        "type=MX: Host not found";
    noHost.lastAttempt = in.now;
    in.recipients = {unknown, noHost};
    return in;
}

QByteArray headerOf(const QByteArray &part)
{
    const qsizetype end = part.indexOf("\r\n\r\n");
    return end < 0 ? part : part.left(end + 2);
}

QByteArray bodyOf(const QByteArray &part)
{
    const qsizetype end = part.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : part.mid(end + 4);
}

// The parts of a multipart message, split at its boundary by hand (RFC 2046 5.1.1:
// the CRLF before a delimiter belongs to it).
QByteArrayList partsOf(const QByteArray &message)
{
    const QByteArray head = headerOf(message);
    const qsizetype b = head.indexOf("boundary=\"");
    if (b < 0)
        return {};
    const qsizetype start = b + 10;
    const QByteArray boundary = head.mid(start, head.indexOf('"', start) - start);
    QByteArrayList parts;
    const QByteArray delimiter = "\r\n--" + boundary;
    qsizetype at = message.indexOf(delimiter);
    while (at >= 0) {
        const qsizetype lineEnd = message.indexOf("\r\n", at + delimiter.size());
        if (message.mid(at + delimiter.size(), 2) == "--")
            break;
        const qsizetype next = message.indexOf(delimiter, lineEnd);
        parts << message.mid(lineEnd + 2, (next < 0 ? message.size() : next) - lineEnd - 2);
        at = next;
    }
    return parts;
}

// python3's email package reads the report back: `checks` is JSON for the script.
QString pythonCheck(const QByteArray &report, const QJsonObject &checks)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return QStringLiteral("no temp dir");
    QFile f(dir.filePath(QStringLiteral("report.eml")));
    if (!f.open(QIODevice::WriteOnly) || f.write(report) != report.size())
        return QStringLiteral("cannot write the report");
    f.close();
    QJsonObject args = checks;
    args.insert(QStringLiteral("path"), f.fileName());
    static const char *const script = R"PY(
import json, sys, email
from email import policy
a = json.loads(sys.argv[1])
raw = open(a["path"], "rb").read()
msg = email.message_from_bytes(raw, policy=policy.default)
def fail(what):
    print("FAIL: " + what)
    sys.exit(1)
def defects(m):
    return [d for p in m.walk() for d in p.defects]
if defects(msg):
    fail("defects: %r" % defects(msg))
if msg.get_content_type() != "multipart/report":
    fail("type " + msg.get_content_type())
if msg.get_param("report-type") != a["reportType"]:
    fail("report-type %r" % msg.get_param("report-type"))
parts = list(msg.iter_parts())
if len(parts) != 3:
    fail("%d parts" % len(parts))
if str(msg["Subject"]) != a["subject"]:
    fail("subject %r" % str(msg["Subject"]))
if msg["Auto-Submitted"] != "auto-replied":
    fail("Auto-Submitted")
frm = msg["From"].addresses[0]
if frm.addr_spec.lower() != a["from"].lower() or frm.display_name != "Mail Delivery System":
    fail("From %r" % str(msg["From"]))
if msg["To"].addresses[0].addr_spec != a["to"]:
    fail("To %r" % str(msg["To"]))
if not msg["Message-ID"] or not msg["Date"].datetime:
    fail("Message-ID / Date")
text = parts[0]
if text.get_content_type() != "text/plain" or text.get_content_charset() != "utf-8":
    fail("text part " + text.get_content_type())
body = text.get_content()
for needle in a["textContains"]:
    if needle not in body:
        fail("text lacks %r:\n%s" % (needle, body))
if body.find(a["firstJa"]) < 0 or body.find(a["firstJa"]) > body.find(a["firstEn"]):
    fail("Japanese does not come first")
ds = parts[1]
if ds.get_content_type() != "message/delivery-status":
    fail("second part " + ds.get_content_type())
blocks = ds.get_payload()
if blocks[0]["Reporting-MTA"] != a["reportingMta"]:
    fail("Reporting-MTA %r" % blocks[0]["Reporting-MTA"])
for name, value in a.get("perMessage", {}).items():
    if blocks[0][name] != value:
        fail("%s: %r" % (name, blocks[0][name]))
if len(blocks) - 1 != len(a["recipients"]):
    fail("%d recipient groups" % (len(blocks) - 1))
for block, want in zip(blocks[1:], a["recipients"]):
    for name, value in want.items():
        got = block[name]
        got = " ".join(str(got).split()) if got is not None else None
        if got != value:
            fail("%s: %r, not %r" % (name, got, value))
ret = parts[2]
if ret.get_content_type() != a["returnedType"]:
    fail("third part " + ret.get_content_type())
original = open(a["original"], "rb").read()
if a["returnedType"] == "message/rfc822":
    inner = ret.get_payload()[0]
    if inner["Message-ID"] != "<abc123@example.co.jp>" or str(inner["Subject"]) != a["originalSubject"]:
        fail("returned message headers")
    if original not in raw:
        fail("the original is not returned whole")
else:
    head = original.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    got = ret.get_payload(decode=True).replace(b"\r\n", b"\n")
    if got != head.replace(b"\r\n", b"\n"):
        fail("returned headers %r" % got)
print("OK")
)PY";
    QFile o(dir.filePath(QStringLiteral("original.eml")));
    if (!o.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write the original");
    o.write(checks.value(QStringLiteral("originalBytes")).toString().toUtf8());
    o.close();
    args.insert(QStringLiteral("original"), o.fileName());
    args.remove(QStringLiteral("originalBytes"));
    QProcess py;
    py.start(QStringLiteral("python3"),
             {QStringLiteral("-c"), QString::fromUtf8(script),
              QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact))});
    if (!py.waitForFinished(30000))
        return QStringLiteral("python3 did not finish");
    const QString out =
        QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError()).trimmed();
    return py.exitCode() == 0 ? out : out + QStringLiteral(" (exit %1)").arg(py.exitCode());
}

// What pythonCheck verifies of a report built from `in`: the fields every
// report has, and the ones the caller names.
QJsonObject reportChecks(const BounceInput &in, const char *subject, const char *returnedType,
                         const QJsonArray &textContains, const QString &firstJa,
                         const QString &firstEn, const QJsonArray &recipients)
{
    return QJsonObject{
        {QStringLiteral("reportType"), QStringLiteral("delivery-status")},
        {QStringLiteral("subject"), u(subject)},
        {QStringLiteral("from"), QLatin1String("MAILER-DAEMON@") + in.postmasterDomain},
        {QStringLiteral("to"), in.originalSender},
        {QStringLiteral("textContains"), textContains},
        {QStringLiteral("firstJa"), firstJa},
        {QStringLiteral("firstEn"), firstEn},
        {QStringLiteral("reportingMta"), QLatin1String("dns; ") + in.reportingMta},
        {QStringLiteral("recipients"), recipients},
        {QStringLiteral("returnedType"), QLatin1String(returnedType)},
        {QStringLiteral("originalSubject"), u(kOriginalSubject)},
        {QStringLiteral("originalBytes"), QString::fromUtf8(in.original)},
    };
}

// The shape every report must have, whatever its content (RFC 5322 2.1.1, 2.2; RFC 2047).
void checkWireShape(const QByteArray &report)
{
    QVERIFY(report.endsWith("\r\n"));
    for (qsizetype i = 0; i < report.size(); ++i) {
        if (report[i] == '\n')
            QVERIFY2(i > 0 && report[i - 1] == '\r', "a bare LF");
        if (report[i] == '\r')
            QVERIFY2(i + 1 < report.size() && report[i + 1] == '\n', "a bare CR");
    }
    for (const QByteArray &l : report.split('\n'))
        QVERIFY2(l.size() <= 999, l.left(80).constData()); // 998 + the CR
    const QByteArray head = headerOf(report);
    for (char c : head)
        QVERIFY2(uchar(c) < 0x80, "8-bit header");
    for (const QByteArray &l : head.split('\n'))
        QVERIFY2(l.size() <= 79, l.constData()); // folded at 78
}

// The report for `in`, checked for its wire shape, split into its parts.
QByteArrayList reportParts(const BounceInput &in, QByteArray *report)
{
    *report = BounceMessage::build(in);
    checkWireShape(*report);
    return partsOf(*report);
}

// The human part, decoded.
QString humanText(const QByteArrayList &parts)
{
    return parts.isEmpty() ? QString()
                           : QString::fromUtf8(QByteArray::fromBase64(bodyOf(parts[0])));
}

} // namespace

class TestBounceMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void isBounce_data();
    void isBounce();
    void encodeHeaderText_data();
    void encodeHeaderText();
    void failureReport();
    void failureReportParsedByPython();
    void fullReturnParsedByPython();
    void delayReport();
    void eightBitHeadersAndLongReplies();
    void successReport();
    void returnSizeLimit_data();
    void returnSizeLimit();
    void utf8Addresses();
    void dsnValuesAreNotDecodedTwice();
    void sameInputSameReport();
    void everyCauseHasText();
    void ownReportIsBounce();
};

void TestBounceMessage::classify_data()
{
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("diagnostic");
    QTest::addColumn<Action>("action");
    QTest::addColumn<Cause>("cause");

    const Action F = Action::Failed, D = Action::Delayed;
    // Postfix
    QTest::newRow("postfix virtual user unknown")
        << QByteArray("5.1.1") << kUnknownReply << F << Cause::UserUnknown;
    QTest::newRow("postfix local recipient table, no status")
        << QByteArray()
        << QByteArray("550 5.1.1 <a@b.jp>: Recipient address rejected: User unknown in local "
                      "recipient table")
        << F << Cause::UserUnknown;
    QTest::newRow("postfix own NXDOMAIN")
        << QByteArray("5.4.4")
        << QByteArray("Host or domain name not found. Name service error for name=nosuch.example "
                      "type=MX: Host not found")
        << F << Cause::HostUnknown;
    QTest::newRow("postfix size") << QByteArray()
                                  << QByteArray("552 5.3.4 Message size exceeds fixed limit") << F
                                  << Cause::TooBig;
    QTest::newRow("postfix rbl") << QByteArray()
                                 << QByteArray("554 5.7.1 Service unavailable; Client host "
                                               "[192.0.2.1] blocked using zen.spamhaus.org")
                                 << F << Cause::Spam;
    QTest::newRow("postfix relay denied")
        << QByteArray() << QByteArray("554 5.7.1 <a@b.jp>: Relay access denied") << F
        << Cause::Spam;
    QTest::newRow("postfix connection refused, delayed")
        << QByteArray("4.4.1")
        << QByteArray("connect to mx.example.jp[192.0.2.25]:25: Connection refused") << D
        << Cause::Network;
    QTest::newRow("postfix greeting timeout, delayed")
        << QByteArray("4.4.2")
        << QByteArray("conversation with mx.example.jp[192.0.2.25] timed out while receiving the "
                      "initial server greeting")
        << D << Cause::Network;
    QTest::newRow("postfix sender domain not found")
        << QByteArray()
        << QByteArray("550 5.1.8 <taro@example.co.jp>: Sender address rejected: Domain not found")
        << F << Cause::Other;
    QTest::newRow("dovecot lmtp quota")
        << QByteArray()
        << QByteArray("552 5.2.2 <a@b.jp> Quota exceeded (mailbox for user is full)") << F
        << Cause::MailboxFull;
    QTest::newRow("dovecot quota temporary, delayed")
        << QByteArray() << QByteArray("452 4.2.2 <a@b.jp> Mailbox is full") << D
        << Cause::MailboxFull;
    // Gmail
    QTest::newRow("gmail no such account")
        << QByteArray()
        << QByteArray(
               "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
               "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
               "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser")
        << F << Cause::UserUnknown;
    QTest::newRow("gmail over quota")
        << QByteArray()
        << QByteArray("552-5.2.2 The email account that you tried to reach is over quota.") << F
        << Cause::MailboxFull;
    QTest::newRow("gmail size")
        << QByteArray()
        << QByteArray("552-5.3.4 Your message exceeded Google's message size limits.") << F
        << Cause::TooBig;
    QTest::newRow("gmail unsolicited")
        << QByteArray()
        << QByteArray("550-5.7.1 [192.0.2.1] Our system has detected that this message is likely "
                      "unsolicited mail.")
        << F << Cause::Spam;
    QTest::newRow("gmail unauthenticated sender")
        << QByteArray()
        << QByteArray(
               "550-5.7.26 This mail has been blocked because the sender is unauthenticated.")
        << F << Cause::Spam;
    QTest::newRow("gmail rate limited, delayed")
        << QByteArray()
        << QByteArray("421-4.7.28 Our system has detected an unusual rate of unsolicited mail") << D
        << Cause::Spam;
    QTest::newRow("gmail account disabled")
        << QByteArray()
        << QByteArray("550-5.2.1 The email account that you tried to reach is disabled.") << F
        << Cause::UserUnknown;
    // Exchange / Microsoft 365
    QTest::newRow("exchange recipient not found")
        << QByteArray()
        << QByteArray("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
                      "address lookup")
        << F << Cause::UserUnknown;
    QTest::newRow("exchange online dbeb")
        << QByteArray()
        << QByteArray("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)") << F
        << Cause::UserUnknown;
    QTest::newRow("exchange quota")
        << QByteArray()
        << QByteArray("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException")
        << F << Cause::MailboxFull;
    QTest::newRow("exchange ip blocked")
        << QByteArray()
        << QByteArray(
               "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.")
        << F << Cause::Spam;
    QTest::newRow("exchange size")
        << QByteArray() << QByteArray("552 5.3.4 Message size exceeds fixed maximum message size")
        << F << Cause::TooBig;
    QTest::newRow("exchange hop count")
        << QByteArray() << QByteArray("554 5.4.14 Hop count exceeded - possible mail loop ATTR34")
        << F << Cause::Other;
    // Japanese ISP-like replies, and the reference FAQ's wording
    QTest::newRow("isp user unknown, no enhanced code")
        << QByteArray() << QByteArray("550 <taro@ezweb.example.ne.jp>: User unknown") << F
        << Cause::UserUnknown;
    QTest::newRow("isp unknown user")
        << QByteArray() << QByteArray("550 Unknown user taro@docomo.example.ne.jp") << F
        << Cause::UserUnknown;
    QTest::newRow("isp no such user")
        << QByteArray() << QByteArray("550 5.1.1 <a@nifty.example>... No such user") << F
        << Cause::UserUnknown;
    QTest::newRow("faq no mailbox")
        << QByteArray() << QByteArray("550 no mailbox here by that name") << F
        << Cause::UserUnknown;
    QTest::newRow("faq host unknown")
        << QByteArray() << QByteArray("550 Host unknown") << F << Cause::HostUnknown;
    QTest::newRow("faq mailbox quota exceed")
        << QByteArray() << QByteArray("552 Mailbox quota exceed") << F << Cause::MailboxFull;
    QTest::newRow("faq access denied")
        << QByteArray() << QByteArray("554 <a@b.jp>: Recipient address rejected: Access denied")
        << F << Cause::Spam;
    QTest::newRow("isp mailbox size limit")
        << QByteArray() << QByteArray("552 5.2.2 <a@b.jp>: Mailbox size limit exceeded") << F
        << Cause::MailboxFull;
    QTest::newRow("isp plain 552")
        << QByteArray()
        << QByteArray("552 Requested mail action aborted: exceeded storage allocation") << F
        << Cause::MailboxFull;
    QTest::newRow("isp spam filter")
        << QByteArray() << QByteArray("550 5.7.1 Rejected by spam filter") << F << Cause::Spam;
    QTest::newRow("isp japanese user unknown (utf-8)")
        << QByteArray() << QByteArray("550 5.0.0 宛先のユーザーは存在しません") << F
        << Cause::UserUnknown;
    QTest::newRow("isp japanese quota (shift_jis)")
        << QByteArray()
        << QByteArray("552 "
                      "\x83\x81\x81\x5b\x83\x8b\x83\x7b\x83\x62\x83\x4e\x83\x58\x82\xcc\x97\x65\x97"
                      "\xca\x82\xaa\x82\xa2\x82\xc1\x82\xcf\x82\xa2\x82\xc5\x82\xb7")
        << F << Cause::MailboxFull; // メールボックスの容量がいっぱいです
    QTest::newRow("isp japanese spam")
        << QByteArray() << QByteArray("554 迷惑メールと判定されたため受信を拒否しました") << F
        << Cause::Spam;
    // Our queue's own words
    QTest::newRow("expired after connection failures")
        << QByteArray("4.4.1")
        << QByteArray("connect to mx.example.jp[192.0.2.25]:25: Connection timed out") << F
        << Cause::Expired;
    QTest::newRow("expired after temporary quota")
        << QByteArray() << QByteArray("452 4.2.2 Over quota") << F << Cause::Expired;
    QTest::newRow("delivery time expired")
        << QByteArray("5.4.7") << QByteArray() << F << Cause::Expired;
    QTest::newRow("mx lookup nxdomain")
        << QByteArray("5.1.2") << QByteArray() << F << Cause::HostUnknown;
    QTest::newRow("no status, no reply") << QByteArray() << QByteArray() << F << Cause::Other;
    QTest::newRow("generic 554") << QByteArray() << QByteArray("554 Transaction failed") << F
                                 << Cause::Other;
    QTest::newRow("status wins over reply text")
        << QByteArray("5.1.1") << QByteArray("550 Requested action not taken: mailbox unavailable")
        << F << Cause::UserUnknown;
}

void TestBounceMessage::classify()
{
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, diagnostic);
    QFETCH(Action, action);
    QFETCH(Cause, cause);
    BounceRecipient r;
    r.address = QStringLiteral("a@b.jp");
    r.status = status;
    r.diagnostic = diagnostic;
    r.action = action;
    QCOMPARE(BounceMessage::classify(r), cause);
}

void TestBounceMessage::isBounce_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("bounce");

    const QByteArray body = "\r\nHello.\r\n";
    QTest::newRow("ordinary mail")
        << crlf("From: Taro <taro@example.co.jp>\nTo: a@b.jp\nSubject: hi\n") + body << false;
    QTest::newRow("postfix bounce")
        << crlf("From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)\n"
                "Subject: Undelivered Mail Returned to Sender\n"
                "Content-Type: multipart/report; report-type=delivery-status;\n"
                "\tboundary=\"x\"\n") +
               body
        << true;
    QTest::newRow("report type, folded and quoted") << crlf("From: postmaster@example.jp\n"
                                                            "Content-Type: multipart/report;\n"
                                                            " boundary=\"x\";\n"
                                                            " report-type=\"delivery-status\"\n") +
                                                           body
                                                    << true;
    QTest::newRow("global delivery status")
        << crlf("From: x@example.jp\nContent-Type: multipart/report; "
                "report-type=global-delivery-status; boundary=y\n") +
               body
        << true;
    QTest::newRow("read receipt (MDN)")
        << crlf("From: x@example.jp\nContent-Type: multipart/report; "
                "report-type=disposition-notification; boundary=y\n") +
               body
        << true;
    QTest::newRow("feedback report is not a bounce")
        << crlf("From: abuse@example.jp\nContent-Type: multipart/report; "
                "report-type=feedback-report; boundary=y\n") +
               body
        << false;
    QTest::newRow("auto-submitted auto-replied")
        << crlf("From: a@b.jp\nAuto-Submitted: auto-replied\n") + body << true;
    QTest::newRow("auto-submitted auto-generated with comment")
        << crlf("From: a@b.jp\nAuto-Submitted: auto-generated (digest)\n") + body << true;
    QTest::newRow("auto-submitted no")
        << crlf("From: a@b.jp\nAuto-Submitted: no\n") + body << false;
    QTest::newRow("auto-submitted No with comment")
        << crlf("From: a@b.jp\nAuto-Submitted: No (a person wrote this)\n") + body << false;
    QTest::newRow("mailer-daemon in angle brackets")
        << crlf("From: \"Mail Delivery Subsystem\" <Mailer-Daemon@mx.example.jp>\n") + body << true;
    QTest::newRow("bare MAILER-DAEMON") << crlf("From: MAILER-DAEMON\n") + body << true;
    QTest::newRow("mailerdaemon") << crlf("From: mailerdaemon@example.jp\n") + body << true;
    QTest::newRow("mailer-daemon only in display name")
        << crlf("From: \"MAILER-DAEMON fan\" <fan@example.jp>\n") + body << false;
    QTest::newRow("exim bounce")
        << crlf("From: Mail Delivery System <Mailer-Daemon@exim.example>\nX-Failed-Recipients: "
                "a@b.jp\n") +
               body
        << true;
    QTest::newRow("x-failed-recipients alone")
        << crlf("From: a@exim.example\nX-Failed-Recipients: a@b.jp\n") + body << true;
    QTest::newRow("return-path null") << crlf("Return-Path: <>\nFrom: a@b.jp\n") + body << true;
    QTest::newRow("report type only in the body")
        << crlf("From: a@b.jp\nSubject: x\n\nContent-Type: multipart/report; "
                "report-type=delivery-status\n")
        << false;
    QTest::newRow("LF line endings")
        << QByteArray("From: MAILER-DAEMON@x.jp\nSubject: x\n\nbody\n") << true;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestBounceMessage::isBounce()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, bounce);
    QCOMPARE(BounceMessage::isBounce(message), bounce);
}

void TestBounceMessage::encodeHeaderText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QStringLiteral("Undelivered Mail Returned to Sender");
    QTest::newRow("subject") << u("【配送エラー】Undelivered Mail Returned to Sender");
    QTest::newRow("long japanese") << u("お送りいただいたメールは次の宛先に届けることができませんで"
                                        "した。宛先のメールアドレスが存在しません。");
    QTest::newRow("nec specials") << u("①会議 Ⅱ期 ㈱文箱");
    QTest::newRow("looks encoded") << QStringLiteral("=?UTF-8?B?abc?= literal");
}

void TestBounceMessage::encodeHeaderText()
{
    QFETCH(QString, text);
    const QByteArray encoded = mimetext::encodeHeaderText(text);
    for (char c : encoded)
        QVERIFY2(uchar(c) < 0x80 && c != '\r' && c != '\n', encoded.constData());
    for (const QByteArray &word : encoded.split(' '))
        if (word.startsWith("=?"))
            QVERIFY2(word.size() <= 75, word.constData()); // RFC 2047 2
    QCOMPARE(mimetext::decodeHeaderText(encoded), text);
}

void TestBounceMessage::failureReport()
{
    const QByteArray report = BounceMessage::build(failureInput());
    checkWireShape(report);
    const QByteArray head = headerOf(report);
    QVERIFY(head.contains("\r\nFrom: Mail Delivery System <MAILER-DAEMON@example.co.jp>\r\n"));
    QVERIFY(head.contains("\r\nTo: <taro@example.co.jp>\r\n"));
    QVERIFY(head.contains("\r\nAuto-Submitted: auto-replied\r\n"));
    QVERIFY(head.contains("\r\nMIME-Version: 1.0\r\n"));
    QVERIFY(head.contains("Content-Type: multipart/report; report-type=delivery-status;"));
    QVERIFY(head.contains("@mail.example.co.jp>\r\n"));

    const QByteArrayList parts = partsOf(report);
    QCOMPARE(parts.size(), 3);
    QVERIFY(headerOf(parts[0]).contains("Content-Transfer-Encoding: base64"));
    const QString text = humanText(parts);
    QVERIFY(text.contains(u("宛先のメールアドレスが存在しません")));
    QVERIFY(text.contains(u("宛先のドメイン（@より後ろの部分）が存在しません")));
    QVERIFY(text.contains(u("アドレスに誤りがないかご確認ください。")));
    QVERIFY(text.contains(u(kOriginalSubject)));
    QVERIFY(text.contains(QString::fromLatin1(kUnknownReply)));
    QVERIFY(text.contains(QStringLiteral("Originally to: hanako+sales@example.jp")));
    QVERIFY(text.indexOf(u("宛先のメールアドレスが存在しません")) <
            text.indexOf(QStringLiteral("The recipient's address does not exist")));

    const QByteArray status = bodyOf(parts[1]);
    QVERIFY(status.startsWith("Reporting-MTA: dns; mail.example.co.jp\r\n"
                              "Original-Envelope-Id: QQ+314159\r\n"
                              "Arrival-Date: "));
    QVERIFY(status.contains(
        "\r\n\r\nOriginal-Recipient: rfc822; hanako+sales@example.jp\r\n"
        "Final-Recipient: rfc822; hanako@example.jp\r\n"
        "Action: failed\r\n"
        "Status: 5.1.1\r\n"
        "Remote-MTA: dns; mx1.example.jp\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <hanako@example.jp>: Recipient address\r\n"
        " rejected: User unknown in virtual mailbox table\r\n"
        "Last-Attempt-Date: "));
    QVERIFY(status.contains("\r\n\r\nFinal-Recipient: rfc822; jiro@nosuch.example\r\n"
                            "Action: failed\r\nStatus: 5.4.4\r\n"
                            "Diagnostic-Code: X-Fumibako; Host or domain name not found."));
    QVERIFY(!status.contains("Will-Retry-Until"));

    QVERIFY(headerOf(parts[2]).startsWith("Content-Type: text/rfc822-headers\r\n"));
    QCOMPARE(bodyOf(parts[2]), kOriginalHead); // the header block unchanged
}

void TestBounceMessage::failureReportParsedByPython()
{
    const BounceInput in = failureInput();
    const QByteArray report = BounceMessage::build(in);
    QJsonObject checks = reportChecks(
        in, "【配送エラー】Undelivered Mail Returned to Sender", "text/rfc822-headers",
        QJsonArray{u("宛先のメールアドレスが存在しません"),
                   u("アドレスに誤りがないかご確認ください。"),
                   u("宛先のドメイン（@より後ろの部分）が存在しません"),
                   QStringLiteral("hanako@example.jp"), QString::fromLatin1(kUnknownReply),
                   u(kOriginalSubject), QStringLiteral("The recipient's address does not exist")},
        u("宛先のメールアドレスが存在しません"),
        QStringLiteral("The recipient's address does not exist"),
        QJsonArray{
            QJsonObject{
                {QStringLiteral("Final-Recipient"), QStringLiteral("rfc822; hanako@example.jp")},
                {QStringLiteral("Original-Recipient"),
                 QStringLiteral("rfc822; hanako+sales@example.jp")},
                {QStringLiteral("Action"), QStringLiteral("failed")},
                {QStringLiteral("Status"), QStringLiteral("5.1.1")},
                {QStringLiteral("Remote-MTA"), QStringLiteral("dns; mx1.example.jp")},
                {QStringLiteral("Diagnostic-Code"),
                 QStringLiteral("smtp; ") + QString::fromLatin1(kUnknownReply)}},
            QJsonObject{
                {QStringLiteral("Final-Recipient"), QStringLiteral("rfc822; jiro@nosuch.example")},
                {QStringLiteral("Action"), QStringLiteral("failed")},
                {QStringLiteral("Status"), QStringLiteral("5.4.4")}}});
    checks.insert(QStringLiteral("perMessage"), QJsonObject{{QStringLiteral("Original-Envelope-Id"),
                                                             QStringLiteral("QQ+314159")}});
    QCOMPARE(pythonCheck(report, checks), QStringLiteral("OK"));

    // The check can fail: a report whose Subject is not the Japanese + English text.
    checks.insert(QStringLiteral("subject"), QStringLiteral("Undelivered Mail Returned to Sender"));
    QVERIFY(pythonCheck(report, checks).startsWith(QStringLiteral("FAIL: subject")));
}

void TestBounceMessage::fullReturnParsedByPython()
{
    BounceInput in = failureInput();
    in.returnFull = true;
    in.recipients.removeLast();
    const QByteArray report = BounceMessage::build(in);
    checkWireShape(report);
    const QByteArrayList parts = partsOf(report);
    QCOMPARE(parts.size(), 3);
    QVERIFY(headerOf(parts[2]).startsWith("Content-Type: message/rfc822\r\n"));
    QVERIFY(!headerOf(parts[2]).contains("Content-Transfer-Encoding")); // 7-bit original
    QCOMPARE(bodyOf(parts[2]), kOriginal);
    const QString attached = u("お送りいただいたメールを添付しています。");
    const QJsonObject checks =
        reportChecks(in, "【配送エラー】Undelivered Mail Returned to Sender", "message/rfc822",
                     QJsonArray{attached, QStringLiteral("Your message is attached.")}, attached,
                     QStringLiteral("Your message is attached."),
                     QJsonArray{QJsonObject{{QStringLiteral("Action"), QStringLiteral("failed")},
                                            {QStringLiteral("Status"), QStringLiteral("5.1.1")}}});
    QCOMPARE(pythonCheck(report, checks), QStringLiteral("OK"));
}

void TestBounceMessage::delayReport()
{
    BounceInput in = failureInput();
    in.kind = BounceInput::Kind::Delay;
    in.returnFull = true; // RFC 3461 4.3: RET applies to failures only
    BounceRecipient r;
    r.address = QStringLiteral("hanako@example.jp");
    r.action = Action::Delayed;
    r.status = "4.4.1";
    r.diagnostic = "connect to mx1.example.jp[192.0.2.25]:25: Connection refused";
    r.lastAttempt = in.now;
    r.willRetryUntil = in.arrivalDate.addDays(5);
    in.recipients = {r};
    QByteArray report;
    const QByteArrayList parts = reportParts(in, &report);
    QCOMPARE(parts.size(), 3);
    const QString text = humanText(parts);
    QVERIFY(text.contains(u("配送は自動で再試行を続けています")));
    QVERIFY(text.contains(u("今のところお客様の操作は必要ありません")));
    QVERIFY(text.contains(u("相手のメールサーバに接続できない")));
    QVERIFY(text.contains(u("再送期限: 2024/04/06")));
    QVERIFY(text.contains(QStringLiteral("there is nothing you need to do yet")));
    QVERIFY(!text.contains(u("対処:"))); // nothing to do yet
    const QByteArray status = bodyOf(parts[1]);
    QVERIFY(status.contains("Action: delayed\r\nStatus: 4.4.1\r\n"));
    QVERIFY(status.contains("\r\nWill-Retry-Until: "));
    QVERIFY(headerOf(parts[2]).startsWith("Content-Type: text/rfc822-headers\r\n"));
    QCOMPARE(bodyOf(parts[2]), kOriginalHead);

    const QJsonObject checks = reportChecks(
        in, "【配送遅延】Delayed Mail (still being retried)", "text/rfc822-headers",
        QJsonArray{u("配送は自動で再試行を続けています"), QStringLiteral("Connection refused")},
        u("配送は自動で再試行を続けています"), QStringLiteral("Delivery is still being retried"),
        QJsonArray{QJsonObject{
            {QStringLiteral("Action"), QStringLiteral("delayed")},
            {QStringLiteral("Status"), QStringLiteral("4.4.1")},
            {QStringLiteral("Diagnostic-Code"),
             QStringLiteral(
                 "X-Fumibako; connect to mx1.example.jp[192.0.2.25]:25: Connection refused")}}});
    QCOMPARE(pythonCheck(report, checks), QStringLiteral("OK"));
}

void TestBounceMessage::eightBitHeadersAndLongReplies()
{
    BounceInput in = failureInput();
    // Raw UTF-8 in the Subject (as some mailers send it) and a very long reply.
    const QByteArray head =
        crlf("From: taro@example.co.jp\nTo: hanako@example.jp\n"
             "Subject: 見積もりのご依頼 \nMessage-ID: <abc123@example.co.jp>\n");
    in.original = head + "\r\nbody\r\n";
    in.recipients.removeLast();
    in.recipients[0].diagnostic =
        "550 5.7.1 " + QByteArray(1500, 'x') + " blocked " + QByteArray(400, 'y');
    in.recipients[0].status.clear();
    const QByteArray report = BounceMessage::build(in);
    checkWireShape(report);
    for (char c : report)
        QVERIFY2(uchar(c) < 0x80, "the report must stay 7-bit");
    const QByteArrayList parts = partsOf(report);
    QCOMPARE(parts.size(), 3);
    QVERIFY(headerOf(parts[2]).contains("Content-Transfer-Encoding: quoted-printable"));
    QVERIFY(bodyOf(parts[1]).contains("Status: 5.7.1\r\n")); // taken from the reply
    const QJsonObject checks =
        reportChecks(in, "【配送エラー】Undelivered Mail Returned to Sender", "text/rfc822-headers",
                     QJsonArray{u("迷惑メール"), QString(1500, QLatin1Char('x'))}, u("迷惑メール"),
                     QStringLiteral("as spam"),
                     QJsonArray{QJsonObject{{QStringLiteral("Status"), QStringLiteral("5.7.1")}}});
    QCOMPARE(pythonCheck(report, checks), QStringLiteral("OK"));

    // RET=FULL of an 8-bit original: message/rfc822 can only say 8bit (RFC 2046 5.2.1).
    in.returnFull = true;
    const QByteArray full = BounceMessage::build(in);
    const QByteArrayList fullParts = partsOf(full);
    QCOMPARE(fullParts.size(), 3);
    QVERIFY(headerOf(fullParts[2]).contains("Content-Transfer-Encoding: 8bit"));
    QCOMPARE(bodyOf(fullParts[2]), in.original);
}

void TestBounceMessage::successReport()
{
    BounceInput in = failureInput();
    in.kind = BounceInput::Kind::Success;
    in.returnFull = true; // RFC 3461 4.3: not for success reports
    in.recipients.removeLast();
    in.recipients[0].action = Action::Delivered;
    in.recipients[0].status = "2.0.0";
    in.recipients[0].diagnostic = "250 2.0.0 Ok: queued as 4VxYz";
    QByteArray report;
    const QByteArrayList parts = reportParts(in, &report);
    QCOMPARE(parts.size(), 3);
    const QString text = humanText(parts);
    QVERIFY(text.contains(u("次の宛先に届けました")));
    QVERIFY(!text.contains(u("対処:")));
    QVERIFY(bodyOf(parts[1]).contains("Action: delivered\r\nStatus: 2.0.0\r\n"));
    QCOMPARE(bodyOf(parts[2]), kOriginalHead);
    // Delivered, so not "Undelivered Message Headers" (Postfix's wording).
    QVERIFY(headerOf(parts[2]).contains("\r\nContent-Description: Message Headers\r\n"));
    const QJsonObject checks = reportChecks(
        in, "【配送完了】Successful Mail Delivery Report", "text/rfc822-headers",
        QJsonArray{u("配送しました。"), QStringLiteral("Delivered.")}, u("配送しました。"),
        QStringLiteral("Delivered."),
        QJsonArray{QJsonObject{{QStringLiteral("Action"), QStringLiteral("delivered")}}});
    QCOMPARE(pythonCheck(report, checks), QStringLiteral("OK"));
}

void TestBounceMessage::returnSizeLimit_data()
{
    QTest::addColumn<bool>("returnFull");
    QTest::addColumn<int>("extraBody");     // bytes added to the body of kOriginal
    QTest::addColumn<int>("extraFields");   // 100-byte fields added to its header
    QTest::addColumn<int>("limitDelta");    // limit = the original's size + this,
    QTest::addColumn<bool>("defaultLimit"); // unless the row keeps kBounceSizeLimit
    QTest::addColumn<bool>("whole");
    QTest::addColumn<bool>("tooLarge"); // the text says only the header came back, and why
    QTest::newRow("RET=FULL, small") << true << 0 << 0 << 0 << true << true << false;
    QTest::newRow("RET=FULL, exactly the limit") << true << 0 << 0 << 0 << false << true << false;
    QTest::newRow("RET=FULL, one byte over") << true << 0 << 0 << -1 << false << false << true;
    QTest::newRow("RET=FULL, 60 kB body, default limit")
        << true << 60000 << 0 << 0 << true << false << true;
    QTest::newRow("RET=FULL, 2 MB body, default limit")
        << true << 2000000 << 0 << 0 << true << false << true;
    QTest::newRow("RET=HDRS, 2 MB body") << false << 2000000 << 0 << 0 << true << false << false;
    QTest::newRow("RET=FULL, 60 kB header: cut at a field")
        << true << 0 << 600 << 0 << true << false << true;
    QTest::newRow("RET=HDRS, 60 kB header: cut at a field")
        << false << 0 << 600 << 0 << true << false << false;
}

void TestBounceMessage::returnSizeLimit()
{
    QFETCH(bool, returnFull);
    QFETCH(int, extraBody);
    QFETCH(int, extraFields);
    QFETCH(int, limitDelta);
    QFETCH(bool, defaultLimit);
    QFETCH(bool, whole);
    QFETCH(bool, tooLarge);
    BounceInput in = failureInput();
    in.recipients.removeLast();
    in.returnFull = returnFull;
    QByteArray head = kOriginalHead;
    for (int i = 0; i < extraFields; ++i) // folded, so a cut could fall inside a field
        head += "X-Filler-" + QByteArray::number(i).rightJustified(4, '0') + ": " +
                QByteArray(40, 'a') + "\r\n\t" + QByteArray(39, 'b') + "\r\n";
    QByteArray body = kOriginalBody;
    for (qsizetype line = 0; line < extraBody / 78; ++line)
        body += QByteArray(76, 'x') + "\r\n";
    in.original = head + "\r\n" + body;
    QCOMPARE(in.returnSizeLimit, kBounceSizeLimit);
    if (!defaultLimit)
        in.returnSizeLimit = in.original.size() + limitDelta;

    QByteArray report;
    const QByteArrayList parts = reportParts(in, &report);
    QCOMPARE(parts.size(), 3);
    // Bounded: the report carries at most the limit of the original, plus its own text.
    QVERIFY2(report.size() < qMin(in.original.size(), in.returnSizeLimit) + 12000,
             QByteArray::number(report.size()).constData());
    const QByteArray returned = bodyOf(parts[2]);
    if (whole) {
        QVERIFY(headerOf(parts[2]).startsWith("Content-Type: message/rfc822\r\n"));
        QVERIFY(headerOf(parts[2]).contains("Content-Description: Undelivered Message\r\n"));
        QCOMPARE(returned, in.original);
    } else {
        QVERIFY(headerOf(parts[2]).startsWith("Content-Type: text/rfc822-headers\r\n"));
        QVERIFY(
            headerOf(parts[2]).contains("Content-Description: Undelivered Message Headers\r\n"));
        QVERIFY(returned.size() <= in.returnSizeLimit);
        if (head.size() <= in.returnSizeLimit) {
            QCOMPARE(returned, head);
        } else { // whole fields, as many as fit
            QVERIFY(head.startsWith(returned));
            QVERIFY(returned.endsWith("\r\n"));
            QVERIFY(head[returned.size()] == 'X');
            QVERIFY(returned.size() > in.returnSizeLimit - 100);
        }
    }
    const QString text = humanText(parts);
    QCOMPARE(text.contains(u("大きいため（%1 バイト）").arg(in.original.size())), tooLarge);
    QCOMPARE(
        text.contains(QStringLiteral("too large to return (%1 bytes)").arg(in.original.size())),
        tooLarge);
    QCOMPARE(text.contains(u("お送りいただいたメールを添付しています。")), whole);
}

void TestBounceMessage::utf8Addresses()
{
    // RFC 6533: a UTF-8 address makes the report a global one, "utf-8" typed.
    BounceInput in = failureInput();
    in.originalSender = u("太郎@例え.jp");
    in.recipients.removeLast();
    in.recipients[0].address = u("花子@例え.jp");
    in.recipients[0].originalRecipient.clear();
    const QByteArray report = BounceMessage::build(in);
    QVERIFY(headerOf(report).contains("report-type=global-delivery-status"));
    QVERIFY(headerOf(report).contains(u("\r\nTo: <太郎@例え.jp>\r\n").toUtf8()));
    const QByteArrayList parts = partsOf(report);
    QCOMPARE(parts.size(), 3);
    QVERIFY(headerOf(parts[1]).startsWith("Content-Type: message/global-delivery-status\r\n"));
    QVERIFY(bodyOf(parts[1]).contains(u("Final-Recipient: utf-8; 花子@例え.jp\r\n").toUtf8()));
    QVERIFY(!bodyOf(parts[1]).contains("Original-Recipient"));
}

void TestBounceMessage::dsnValuesAreNotDecodedTwice()
{
    // The client sent ENVID=id+2B41 and ORCPT=rfc822;hanako+2B2024@example.jp: the
    // queue holds them decoded, and "+41", "+20" are text now, not escapes.
    BounceInput in = failureInput();
    in.envid = "id+41";
    in.recipients.removeLast();
    in.recipients[0].originalRecipient = QStringLiteral("rfc822;hanako+2024@example.jp");
    QByteArray report;
    const QByteArrayList parts = reportParts(in, &report);
    QCOMPARE(parts.size(), 3);
    const QByteArray status = bodyOf(parts[1]);
    QVERIFY2(status.contains("\r\nOriginal-Envelope-Id: id+41\r\n"), status.constData());
    QVERIFY2(status.contains("\r\nOriginal-Recipient: rfc822; hanako+2024@example.jp\r\n"),
             status.constData());
    QVERIFY(humanText(parts).contains(QStringLiteral("Originally to: hanako+2024@example.jp")));
}

void TestBounceMessage::sameInputSameReport()
{
    BounceInput in = failureInput();
    const QByteArray a = BounceMessage::build(in);
    QCOMPARE(BounceMessage::build(in), a);
    in.now = in.now.addSecs(1);
    const QByteArray b = BounceMessage::build(in);
    auto messageId = [](const QByteArray &m) {
        const qsizetype at = m.indexOf("\r\nMessage-ID: ");
        return m.mid(at, m.indexOf("\r\n", at + 2) - at);
    };
    QVERIFY(messageId(a) != messageId(b));
    QVERIFY(!messageId(a).isEmpty());
}

void TestBounceMessage::everyCauseHasText()
{
    for (int c = 0; c <= int(Cause::Other); ++c) {
        const BounceMessage::CauseText &t = BounceMessage::causeText(Cause(c));
        QVERIFY(QString::fromUtf8(t.ja).endsWith(u("。")));
        QVERIFY(QString::fromUtf8(t.jaAdvice).endsWith(u("。")));
        QVERIFY(QByteArray(t.en).endsWith('.'));
        QVERIFY(QByteArray(t.enAdvice).endsWith('.'));
    }
}

void TestBounceMessage::ownReportIsBounce()
{
    BounceInput in = failureInput();
    QVERIFY(BounceMessage::isBounce(BounceMessage::build(in)));
    in.kind = BounceInput::Kind::Delay;
    QVERIFY(BounceMessage::isBounce(BounceMessage::build(in)));
    QVERIFY(!BounceMessage::isBounce(in.original));
}

QTEST_GUILESS_MAIN(TestBounceMessage)
#include "tst_bouncemessage.moc"
