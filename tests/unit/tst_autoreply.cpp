// Tests of delivery/autoreply: every reason a message gets no auto-reply (a
// row each, in the order they are checked), the rule's dates at their
// boundaries, and the reply itself read back with the house header scanner —
// exactly the expected fields, one To with one address, no Bcc whatever the
// subject, sender name or original header try to inject — with its Japanese
// text round-tripping through UTF-8 base64 and ISO-2022-JP.
#include "delivery/autoreply.h"

#include "common/maildate.h"
#include "mime/headerfields.h"
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

const QDateTime kNow(QDate(2026, 8, 12), QTime(10, 30), Qt::LocalTime);
const QString kAccount = QStringLiteral("taro@example.jp");
const QStringList kOwn = {kAccount, QStringLiteral("Info@Example.JP")};
const QString kSender = QStringLiteral("hanako@example.com");

QByteArray header(const QByteArray &to, const QByteArray &extra = {})
{
    return crlf("From: Hanako <hanako@example.com>\n"
                "To: " +
                to +
                "\n"
                "Subject: hello\n"
                "Message-ID: <orig@example.com>\n" +
                extra);
}

AutoReplyRule onRule()
{
    AutoReplyRule rule;
    rule.enabled = true;
    rule.body = QStringLiteral("ただいま不在にしております。\n8月20日に戻ります。");
    rule.fromName = QStringLiteral("山田太郎");
    return rule;
}

// A built reply read back field by field with the server's own header reader.
struct Parsed {
    QList<QByteArray> names;  // as written, in order
    QList<QByteArray> values; // unfolded
    QByteArray body;
    bool allFields = true; // no line that is not a field before the blank line
    bool blank = false;    // the header ended with an empty line
    QByteArray value(QByteArrayView name) const
    {
        for (qsizetype i = 0; i < names.size(); ++i)
            if (names[i].compare(name, Qt::CaseInsensitive) == 0)
                return values[i].trimmed();
        return {};
    }
    int count(QByteArrayView name) const
    {
        int n = 0;
        for (const QByteArray &f : names)
            n += f.compare(name, Qt::CaseInsensitive) == 0;
        return n;
    }
};

Parsed parse(const QByteArray &message)
{
    Parsed p;
    HeaderFieldScanner scanner(message);
    for (;;) {
        const HeaderFieldScanner::Item item = scanner.next();
        if (item.kind == HeaderFieldScanner::Kind::Field) {
            p.names << scanner.name(item).toByteArray();
            p.values << scanner.unfoldedValue(item);
            continue;
        }
        if (item.kind == HeaderFieldScanner::Kind::NotAField) {
            p.allFields = false;
            continue;
        }
        p.blank = item.kind == HeaderFieldScanner::Kind::Blank;
        if (p.blank)
            p.body = message.mid(item.next);
        return p;
    }
}

QList<QByteArray> sorted(QList<QByteArray> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

const QList<QByteArray> kReplyFields = {"Auto-Submitted",
                                        "Content-Transfer-Encoding",
                                        "Content-Type",
                                        "Date",
                                        "From",
                                        "In-Reply-To",
                                        "MIME-Version",
                                        "Message-ID",
                                        "References",
                                        "Subject",
                                        "To"};

// Lines of the whole message: CRLF only, within RFC 5322 2.1.1's 998 octets,
// and 7-bit (every input here has an ASCII address).
void checkWire(const QByteArray &message)
{
    QVERIFY(!message.isEmpty());
    QVERIFY(message.endsWith("\r\n"));
    const QList<QByteArray> lines = message.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        QVERIFY2(lines[i].endsWith('\r'), lines[i].constData());
        QVERIFY2(lines[i].size() - 1 <= 998, lines[i].constData());
        QVERIFY2(!lines[i].chopped(1).contains('\r'), lines[i].constData());
    }
    for (char c : message)
        QVERIFY(uchar(c) < 0x80);
}

// The reply's checks common to every build: the field set, one From with the
// account's address, one To with the sender's, no Bcc anywhere.
void checkReply(const QByteArray &message, const QString &to, bool threaded = true)
{
    checkWire(message);
    const Parsed p = parse(message);
    QVERIFY(p.allFields);
    QVERIFY(p.blank);
    QList<QByteArray> expected = kReplyFields;
    if (!threaded)
        expected.removeAll("In-Reply-To"), expected.removeAll("References");
    QCOMPARE(sorted(p.names), sorted(expected));
    const MimeMessage m(message);
    QCOMPARE(m.addresses("To"), QStringList{to});
    QCOMPARE(m.addresses("From"), QStringList{kAccount});
    QCOMPARE(m.addresses("Bcc"), QStringList());
    QCOMPARE(m.addresses("Cc"), QStringList());
    QCOMPARE(p.value("Auto-Submitted"), QByteArray("auto-replied"));
    QCOMPARE(p.value("MIME-Version"), QByteArray("1.0"));
    QCOMPARE(p.value("Date"), rfc5322Date(kNow));
    const QByteArray id = p.value("Message-ID");
    QVERIFY2(id.startsWith('<') && id.endsWith('>') && id.count('@') == 1, id.constData());
}

// A From: value as a reader shows it: a leading quoted-string unquoted
// (RFC 5322 3.2.4), encoded-words decoded.
QString shownFrom(const QByteArray &value)
{
    if (!value.startsWith('"'))
        return mimetext::decodeHeaderText(value);
    QByteArray name;
    qsizetype i = 1;
    for (; i < value.size() && value[i] != '"'; ++i)
        name += value[i] == '\\' && i + 1 < value.size() ? value[++i] : value[i];
    return QString::fromUtf8(name + value.mid(i + 1));
}

AutoReply::Reply baseReply()
{
    AutoReply::Reply r;
    r.rule = onRule();
    r.originalHeader = header("Taro <taro@example.jp>");
    r.to = kSender;
    r.from = kAccount;
    r.now = kNow;
    r.messageIdDomain = QStringLiteral("mail.example.jp");
    return r;
}

} // namespace

class TestAutoReply : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suppression_data();
    void suppression();
    void dates_data();
    void dates();
    void injection_data();
    void injection();
    void invalidAddresses_data();
    void invalidAddresses();
    void subject_data();
    void subject();
    void threading_data();
    void threading();
    void messageIdDomain_data();
    void messageIdDomain();
    void utf8Body();
    void iso2022Jp();
    void iso2022JpFallback_data();
    void iso2022JpFallback();
    void longSubjectIsFolded();
};

void TestAutoReply::suppression_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<bool>("spam");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("reason"); // empty: a reply is due

    const QString off = QStringLiteral("auto-reply is off");
    const QString null = QStringLiteral("null envelope sender");
    const QString system = QStringLiteral("sender is a system or list address");
    const QString autoSubmitted = QStringLiteral("the message is Auto-Submitted");
    const QString bulk = QStringLiteral("the message is Precedence bulk, junk or list");
    const QString list = QStringLiteral("the message is from a mailing list");
    const QString spam = QStringLiteral("the message is spam");
    const QString notMine = QStringLiteral("the account is not in To: or Cc:");
    const QByteArray plain = header("Taro <taro@example.jp>");

    QTest::newRow("due: addressed to the account")
        << plain << kSender << false << true << QString();
    QTest::newRow("rule off") << plain << kSender << false << false << off;
    QTest::newRow("rule off comes first") << plain << QString() << true << false << off;

    QTest::newRow("null sender: empty") << plain << QString() << false << true << null;
    QTest::newRow("null sender: <>") << plain << QStringLiteral("<>") << false << true << null;
    QTest::newRow("sender in <> is read")
        << plain << QStringLiteral("<hanako@example.com>") << false << true << QString();

    const char *systemSenders[] = {
        "MAILER-DAEMON@example.com", "mailer-daemon@example.com", "mailerdaemon@example.com",
        "postmaster@example.com",    "PostMaster@example.com",    "owner-staff@lists.example.com",
        "staff-request@example.com", "staff-owner@example.com",   "noreply@example.com",
        "NoReply@example.com",       "no-reply@example.com",      "donotreply@example.com",
        "do-not-reply@example.com",  "listserv@example.com",      "majordomo@example.com",
        "root@example.com",          "nobody@example.com",        "\"noreply\"@example.com",
    };
    for (const char *s : systemSenders)
        QTest::newRow(qPrintable(QStringLiteral("system sender %1").arg(QLatin1String(s))))
            << plain << QString::fromLatin1(s) << false << true << system;
    const char *ordinarySenders[] = {"rooter@example.com", "noreply-ish@example.com",
                                     "requests@example.com", "owner@example.com",
                                     "taro.nobody@example.com"};
    for (const char *s : ordinarySenders)
        QTest::newRow(qPrintable(QStringLiteral("ordinary sender %1").arg(QLatin1String(s))))
            << plain << QString::fromLatin1(s) << false << true << QString();
    QTest::newRow("system sender before Auto-Submitted")
        << header("taro@example.jp", "Auto-Submitted: auto-replied\n")
        << QStringLiteral("postmaster@example.com") << false << true << system;

    // RFC 3834 5.1: any value but "no".
    QTest::newRow("Auto-Submitted: auto-replied")
        << header("taro@example.jp", "Auto-Submitted: auto-replied\n") << kSender << false << true
        << autoSubmitted;
    QTest::newRow("Auto-Submitted: auto-generated")
        << header("taro@example.jp", "Auto-Submitted: auto-generated\n") << kSender << false << true
        << autoSubmitted;
    QTest::newRow("Auto-Submitted: auto-notified")
        << header("taro@example.jp", "Auto-Submitted: auto-notified\n") << kSender << false << true
        << autoSubmitted;
    QTest::newRow("Auto-Submitted: an unknown value")
        << header("taro@example.jp", "auto-submitted: something-else\n") << kSender << false << true
        << autoSubmitted;
    QTest::newRow("Auto-Submitted: empty") << header("taro@example.jp", "Auto-Submitted:\n")
                                           << kSender << false << true << autoSubmitted;
    QTest::newRow("Auto-Submitted: AUTO-REPLIED with a parameter")
        << header("taro@example.jp", "AUTO-SUBMITTED: AUTO-REPLIED; owner-email=x@y\n") << kSender
        << false << true << autoSubmitted;
    QTest::newRow("Auto-Submitted: no replies") << header("taro@example.jp", "Auto-Submitted: no\n")
                                                << kSender << false << true << QString();
    QTest::newRow("Auto-Submitted: No with comments replies")
        << header("taro@example.jp", "Auto-Submitted: (sent by (a) person) No (really)\n")
        << kSender << false << true << QString();
    QTest::newRow("Auto-Submitted: folded no replies")
        << header("taro@example.jp", "Auto-Submitted:\n  no\n") << kSender << false << true
        << QString();
    QTest::newRow("Auto-Submitted: no, then a second field auto-replied")
        << header("taro@example.jp", "Auto-Submitted: no\nAuto-Submitted: auto-replied\n")
        << kSender << false << true << autoSubmitted;
    QTest::newRow("Auto-Submitted before Precedence and List-Id")
        << header(
               "taro@example.jp",
               "Precedence: bulk\nList-Id: <staff.example.com>\nAuto-Submitted: auto-generated\n")
        << kSender << true << true << autoSubmitted;

    for (const char *p : {"bulk", "junk", "list", "Bulk", " (c) JUNK"})
        QTest::newRow(qPrintable(QStringLiteral("Precedence: %1").arg(QLatin1String(p))))
            << header("taro@example.jp", QByteArray("Precedence: ") + p + '\n') << kSender << false
            << true << bulk;
    QTest::newRow("Precedence: first-class replies")
        << header("taro@example.jp", "Precedence: first-class\n") << kSender << false << true
        << QString();
    QTest::newRow("Precedence before List-Id")
        << header("taro@example.jp", "List-Id: <staff.example.com>\nPrecedence: list\n") << kSender
        << false << true << bulk;

    const char *listFields[] = {"List-Id: Staff <staff.example.com>",
                                "List-Post: <mailto:staff@example.com>",
                                "List-Unsubscribe: <mailto:staff-leave@example.com>",
                                "List-Help: <mailto:staff-help@example.com>",
                                "List-Subscribe: <mailto:staff-join@example.com>",
                                "List-Owner: <mailto:owner@example.com>",
                                "List-Archive: <https://example.com/archive>",
                                "list-id: <lower.case.example.com>"};
    for (const char *f : listFields)
        QTest::newRow(qPrintable(QString::fromLatin1(f).section(QLatin1Char(':'), 0, 0)))
            << header("taro@example.jp", QByteArray(f) + '\n') << kSender << false << true << list;
    QTest::newRow("a list field before spam")
        << header("taro@example.jp", "List-Id: <staff.example.com>\n") << kSender << true << true
        << list;
    QTest::newRow("List-ID-ish name is no list field")
        << header("taro@example.jp", "X-List-Id: <staff.example.com>\n") << kSender << false << true
        << QString();

    QTest::newRow("spam flag from the scanner") << plain << kSender << true << true << spam;
    QTest::newRow("X-Spam-Flag: YES")
        << header("taro@example.jp", "X-Spam-Flag: YES\n") << kSender << false << true << spam;
    QTest::newRow("X-Spam-Flag: yes")
        << header("taro@example.jp", "x-spam-flag: yes\n") << kSender << false << true << spam;
    QTest::newRow("X-Spam-Flag: NO replies")
        << header("taro@example.jp", "X-Spam-Flag: NO\n") << kSender << false << true << QString();
    QTest::newRow("spam before the address check")
        << header("someone@example.com") << kSender << true << true << spam;

    // The account among To: and Cc:, as RFC 5322 3.4 may write it.
    QTest::newRow("bare address") << header("taro@example.jp") << kSender << false << true
                                  << QString();
    QTest::newRow("alias, any case")
        << header("INFO@example.jp") << kSender << false << true << QString();
    QTest::newRow("in Cc")
        << crlf("From: hanako@example.com\nTo: someone@example.com\nCc: a@example.com,\n"
                " Taro <taro@example.jp>\nSubject: x\n")
        << kSender << false << true << QString();
    QTest::newRow("folded To")
        << crlf("From: hanako@example.com\nTo: a@example.com,\n b@example.com,\n\t"
                "Taro\n <taro@example.jp>\nSubject: x\n")
        << kSender << false << true << QString();
    QTest::newRow("name with a comma in quotes")
        << header("\"Yamada, Taro\" <taro@example.jp>") << kSender << false << true << QString();
    QTest::newRow("name with an address and a comma in quotes")
        << header("\"someone@example.com, other\" <taro@example.jp>") << kSender << false << true
        << QString();
    QTest::newRow("group") << header("Staff: a@example.com, Taro <taro@example.jp>;, b@example.com")
                           << kSender << false << true << QString();
    QTest::newRow("comment after the address")
        << header("taro@example.jp (Yamada, Taro)") << kSender << false << true << QString();
    QTest::newRow("RFC 2047 name") << header("=?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.jp>")
                                   << kSender << false << true << QString();
    QTest::newRow("ISO-2022-JP name, folded")
        << header("=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=\n =?ISO-2022-JP?B?GyRCQkBPOhsoQg==?=\n"
                  " <taro@example.jp>")
        << kSender << false << true << QString();
    QTest::newRow("second To field") << header("someone@example.com", "To: taro@example.jp\n")
                                     << kSender << false << true << QString();
    QTest::newRow("own address only in Bcc")
        << header("someone@example.com", "Bcc: taro@example.jp\n") << kSender << false << true
        << notMine;
    QTest::newRow("own address only in a quoted name")
        << header("\"taro@example.jp\" <someone@example.com>") << kSender << false << true
        << notMine;
    QTest::newRow("own address only in a comment")
        << header("someone@example.com (taro@example.jp)") << kSender << false << true << notMine;
    QTest::newRow("a longer domain")
        << header("taro@example.jp.example.net") << kSender << false << true << notMine;
    QTest::newRow("a longer local part")
        << header("xtaro@example.jp") << kSender << false << true << notMine;
    QTest::newRow("undisclosed recipients")
        << header("undisclosed-recipients:;") << kSender << false << true << notMine;
    QTest::newRow("no To at all") << crlf("From: hanako@example.com\nSubject: x\n") << kSender
                                  << false << true << notMine;
    QTest::newRow("To only in the body")
        << crlf("From: hanako@example.com\nTo: someone@example.com\n\nTo: taro@example.jp\n")
        << kSender << false << true << notMine;
}

void TestAutoReply::suppression()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, sender);
    QFETCH(bool, spam);
    QFETCH(bool, enabled);
    QFETCH(QString, reason);
    AutoReplyRule rule = onRule();
    rule.enabled = enabled;
    const std::optional<QString> got =
        AutoReply::suppression(header, sender, kOwn, spam, rule, kNow);
    QCOMPARE(got.value_or(QString()), reason);
    QCOMPARE(got.has_value(), !reason.isEmpty());
}

void TestAutoReply::dates_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("end");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("reason");
    const QDate start(2026, 8, 10), end(2026, 8, 20);
    const QString before = QStringLiteral("before the auto-reply period");
    const QString after = QStringLiteral("after the auto-reply period");
    auto at = [](QDate d, QTime t) { return QDateTime(d, t, Qt::LocalTime); };
    QTest::newRow("the last second before start")
        << start << end << at(start.addDays(-1), QTime(23, 59, 59)) << before;
    QTest::newRow("start, midnight") << start << end << at(start, QTime(0, 0)) << QString();
    QTest::newRow("inside") << start << end << at(QDate(2026, 8, 15), QTime(12, 0)) << QString();
    QTest::newRow("end, last second") << start << end << at(end, QTime(23, 59, 59)) << QString();
    QTest::newRow("the day after end, midnight")
        << start << end << at(end.addDays(1), QTime(0, 0)) << after;
    QTest::newRow("one-day period") << start << start << at(start, QTime(18, 0)) << QString();
    QTest::newRow("no start: long before end")
        << QDate() << end << at(QDate(2000, 1, 1), QTime(0, 0)) << QString();
    QTest::newRow("no start: after end")
        << QDate() << end << at(end.addDays(1), QTime(0, 0)) << after;
    QTest::newRow("no end: long after start")
        << start << QDate() << at(QDate(2099, 12, 31), QTime(23, 59)) << QString();
    QTest::newRow("no end: before start")
        << start << QDate() << at(start.addDays(-1), QTime(12, 0)) << before;
    QTest::newRow("open both ways")
        << QDate() << QDate() << at(QDate(2026, 1, 1), QTime(0, 0)) << QString();
    // The dates are local: 2026-08-09 23:30 UTC is already the 10th east of UTC+0:30.
    const QDateTime utc(QDate(2026, 8, 9), QTime(23, 30), Qt::UTC);
    QTest::newRow("now in another zone is read as local time")
        << start << end << utc << (utc.toLocalTime().date() < start ? before : QString());
}

void TestAutoReply::dates()
{
    QFETCH(QDate, start);
    QFETCH(QDate, end);
    QFETCH(QDateTime, now);
    QFETCH(QString, reason);
    AutoReplyRule rule = onRule();
    rule.start = start;
    rule.end = end;
    const auto got =
        AutoReply::suppression(header("taro@example.jp"), kSender, kOwn, false, rule, now);
    QCOMPARE(got.value_or(QString()), reason);
}

void TestAutoReply::injection_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("fromName");
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<int>("charset");
    QTest::addColumn<QString>("expectedSubject"); // decoded
    QTest::addColumn<QByteArray>("inReplyTo");    // empty: no In-Reply-To / References

    const int utf8 = int(AutoReplyRule::Charset::Utf8);
    const int jis = int(AutoReplyRule::Charset::Iso2022Jp);
    const QByteArray plain = header("taro@example.jp");
    const QByteArray orig = "<orig@example.com>";
    const QString name = QStringLiteral("Taro");

    for (int cs : {utf8, jis}) {
        const QString tag = cs == utf8 ? QStringLiteral(" (UTF-8)") : QStringLiteral(" (JIS)");
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(QLatin1String(what) + tag));
        };
        row("subject with CRLF Bcc") << QStringLiteral("x\r\nBcc: evil@x") << name << plain << cs
                                     << QStringLiteral("x Bcc: evil@x") << orig;
        row("subject with bare LF and CR")
            << QStringLiteral("a\nTo: evil@x\rCc: e@x") << name << plain << cs
            << QStringLiteral("a To: evil@x Cc: e@x") << orig;
        row("subject with other controls and U+2028")
            << QStringLiteral("a\x0b\x0c\x1b\x7f") + QChar(0x2028) + QStringLiteral("Bcc: x")
            << name << plain << cs << QStringLiteral("a Bcc: x") << orig;
        row("Japanese subject with CRLF") << QStringLiteral("不在\r\nBcc: evil@x") << name << plain
                                          << cs << QStringLiteral("不在 Bcc: evil@x") << orig;
        row("fromName with a quoted address, an address and a comma")
            << QStringLiteral("in") << QStringLiteral("\"a@b\" <evil@x>, other") << plain << cs
            << QStringLiteral("in") << orig;
        row("fromName with a backslash and a quote")
            << QStringLiteral("in") << QStringLiteral("a\\\" <evil@x>, \\") << plain << cs
            << QStringLiteral("in") << orig;
        row("Japanese fromName with address syntax")
            << QStringLiteral("in") << QStringLiteral("山田 \"a@b\" <evil@x>, other") << plain << cs
            << QStringLiteral("in") << orig;
        row("fromName with CRLF Bcc")
            << QStringLiteral("in") << QStringLiteral("Taro\r\nBcc: evil@x") << plain << cs
            << QStringLiteral("in") << orig;
        row("fromName that looks like an encoded-word")
            << QStringLiteral("in") << QStringLiteral("=?UTF-8?Q?a=0D=0ABcc:_x?=") << plain << cs
            << QStringLiteral("in") << orig;
        row("original Message-ID then a Bcc line")
            << QString() << name
            << crlf("To: taro@example.jp\nSubject: s\nMessage-ID: <m1@example.com>\nBcc: "
                    "evil@x\n")
            << cs << QStringLiteral("Re: s") << QByteArray("<m1@example.com>");
        row("original Message-ID with a bare CR inside")
            << QString() << name
            << QByteArray("To: taro@example.jp\r\nSubject: s\r\nMessage-ID: <m2@example.com>\rBcc: "
                          "evil@x\r\n")
            << cs << QStringLiteral("Re: s") << QByteArray("<m2@example.com>");
        row("original Message-ID folded around CRLF")
            << QString() << name
            << crlf("To: taro@example.jp\nSubject: s\nMessage-ID: <m3@exa\n Bcc: evil@x>\n") << cs
            << QStringLiteral("Re: s") << QByteArray();
        row("original Message-ID with a space and a second field")
            << QString() << name << crlf("To: taro@example.jp\nSubject: s\nMessage-ID: <a b@x>\n")
            << cs << QStringLiteral("Re: s") << QByteArray();
        row("original subject: encoded-word of CRLF Bcc")
            << QString() << name
            << crlf("To: taro@example.jp\nSubject: =?UTF-8?B?" +
                    QByteArray("a\r\nBcc: x").toBase64() + "?=\nMessage-ID: <m4@example.com>\n")
            << cs << QStringLiteral("Re: a Bcc: x") << QByteArray("<m4@example.com>");
        row("original subject: Q encoded-word of LF To")
            << QString() << name
            << crlf("To: taro@example.jp\nSubject: =?UTF-8?Q?b=0ATo:_evil@x?=\n"
                    "Message-ID: <m5@example.com>\n")
            << cs << QStringLiteral("Re: b To: evil@x") << QByteArray("<m5@example.com>");
    }
}

void TestAutoReply::injection()
{
    QFETCH(QString, subject);
    QFETCH(QString, fromName);
    QFETCH(QByteArray, original);
    QFETCH(int, charset);
    QFETCH(QString, expectedSubject);
    QFETCH(QByteArray, inReplyTo);
    AutoReply::Reply r = baseReply();
    r.rule.subject = subject;
    r.rule.fromName = fromName;
    r.rule.charset = AutoReplyRule::Charset(charset);
    r.originalHeader = original;
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender, !inReplyTo.isEmpty());
    const Parsed p = parse(message);
    QCOMPARE(mimetext::decodeHeaderText(p.value("Subject")), expectedSubject);
    QCOMPARE(p.value("In-Reply-To"), inReplyTo);
    QCOMPARE(p.value("References"), inReplyTo);
    for (const QByteArray &v : p.values)
        QVERIFY2(!v.contains('\r') && !v.contains('\n'), v.constData());
    // The name comes back whole as one display name, its line breaks spaces,
    // never as an address of its own (checkReply: From has the account's only).
    QCOMPARE(shownFrom(p.value("From")),
             QString(fromName).replace(QStringLiteral("\r\n"), QStringLiteral(" ")) +
                 QStringLiteral(" <taro@example.jp>"));
}

void TestAutoReply::invalidAddresses_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("built");
    QTest::newRow("plain") << kSender << kAccount << true;
    QTest::newRow("to in <>") << QStringLiteral("<hanako@example.com>") << kAccount << true;
    QTest::newRow("to with spaces around")
        << QStringLiteral(" hanako@example.com ") << kAccount << true;
    QTest::newRow("quoted local part")
        << QStringLiteral("\"hana ko\"@example.com") << kAccount << true;
    QTest::newRow("to with CRLF Bcc")
        << QStringLiteral("hanako@example.com\r\nBcc: evil@x") << kAccount << false;
    QTest::newRow("to with LF") << QStringLiteral("hanako@example.com\n") << kAccount << false;
    QTest::newRow("to with a tab inside")
        << QStringLiteral("hanako@exa\tmple.com") << kAccount << false;
    QTest::newRow("to: two addresses")
        << QStringLiteral("hanako@example.com, evil@x") << kAccount << false;
    QTest::newRow("to: name-addr")
        << QStringLiteral("Hanako <hanako@example.com>") << kAccount << false;
    QTest::newRow("to: <a>, <b>") << QStringLiteral("<hanako@example.com>, <evil@x>") << kAccount
                                  << false;
    QTest::newRow("to: quoted CRLF")
        << QStringLiteral("\"a\r\nBcc: x\"@example.com") << kAccount << false;
    QTest::newRow("to: empty") << QString() << kAccount << false;
    QTest::newRow("to: <>") << QStringLiteral("<>") << kAccount << false;
    QTest::newRow("to: no domain") << QStringLiteral("hanako") << kAccount << false;
    QTest::newRow("from with CRLF")
        << kSender << QStringLiteral("taro@example.jp\r\nBcc: x") << false;
    QTest::newRow("from: empty") << kSender << QString() << false;
}

void TestAutoReply::invalidAddresses()
{
    QFETCH(QString, to);
    QFETCH(QString, from);
    QFETCH(bool, built);
    AutoReply::Reply r = baseReply();
    r.to = to;
    r.from = from;
    const QByteArray message = AutoReply::build(r);
    QCOMPARE(!message.isEmpty(), built);
    if (built) {
        const QString address = to.trimmed().remove(QLatin1Char('<')).remove(QLatin1Char('>'));
        const MimeMessage m(message);
        QCOMPARE(m.addresses("To").size(), 1);
        QCOMPARE(m.addresses("To").first(), address.startsWith(QLatin1Char('"'))
                                                ? QStringLiteral("hana ko@example.com")
                                                : address);
        checkReply(message, m.addresses("To").first());
    }
}

void TestAutoReply::subject_data()
{
    QTest::addColumn<QString>("ruleSubject");
    QTest::addColumn<QByteArray>("originalSubject"); // the field's raw value; null: no field
    QTest::addColumn<QString>("expected");
    QTest::newRow("the rule's subject") << QStringLiteral("不在のお知らせ") << QByteArray("hello")
                                        << QStringLiteral("不在のお知らせ");
    QTest::newRow("Re: + original")
        << QString() << QByteArray("hello") << QStringLiteral("Re: hello");
    QTest::newRow("already Re:") << QString() << QByteArray("Re: hello")
                                 << QStringLiteral("Re: hello");
    QTest::newRow("already RE:") << QString() << QByteArray("RE: hello")
                                 << QStringLiteral("RE: hello");
    QTest::newRow("already re: without a space")
        << QString() << QByteArray("re:hello") << QStringLiteral("re:hello");
    QTest::newRow("Reply is not Re:")
        << QString() << QByteArray("Reply needed") << QStringLiteral("Re: Reply needed");
    QTest::newRow("encoded UTF-8 original")
        << QString() << QByteArray("=?UTF-8?B?5Lya6K2w44Gu5Lu2?=")
        << QStringLiteral("Re: 会議の件");
    QTest::newRow("encoded ISO-2022-JP original, folded")
        << QString()
        << QByteArray("=?ISO-2022-JP?B?GyRCMnE1RBsoQg==?=\r\n =?ISO-2022-JP?B?GyRCJE43bxsoQg==?=")
        << QStringLiteral("Re: 会議の件");
    QTest::newRow("encoded Re: is not doubled")
        << QString() << QByteArray("=?UTF-8?B?UmU6IOS8muitsA==?=") << QStringLiteral("Re: 会議");
    QTest::newRow("no original subject") << QString() << QByteArray() << QStringLiteral("Re:");
    QTest::newRow("blank rule subject uses the original")
        << QStringLiteral(" \r\n ") << QByteArray("hello") << QStringLiteral("Re: hello");
    QTest::newRow("a hostile long subject is cut")
        << QString() << QByteArray(5000, 'x')
        << QStringLiteral("Re: ") + QString(256, QLatin1Char('x'));
}

void TestAutoReply::subject()
{
    QFETCH(QString, ruleSubject);
    QFETCH(QByteArray, originalSubject);
    QFETCH(QString, expected);
    AutoReply::Reply r = baseReply();
    r.rule.subject = ruleSubject;
    r.originalHeader = crlf("To: taro@example.jp\nMessage-ID: <orig@example.com>\n");
    if (!originalSubject.isNull())
        r.originalHeader += "Subject: " + originalSubject + "\r\n";
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender);
    QCOMPARE(MimeMessage(message).decodedHeader("Subject"), expected);
}

void TestAutoReply::threading_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("inReplyTo");
    QTest::addColumn<QByteArray>("references");
    QTest::newRow("Message-ID only") << crlf("To: taro@example.jp\nMessage-ID: <a@x>\n")
                                     << QByteArray("<a@x>") << QByteArray("<a@x>");
    QTest::newRow("References then Message-ID (RFC 5322 3.6.4)")
        << crlf("To: taro@example.jp\nReferences: <r1@x>\n <r2@x> (comment)\nMessage-Id:\n "
                "<a@x>\n")
        << QByteArray("<a@x>") << QByteArray("<r1@x> <r2@x> <a@x>");
    QTest::newRow("In-Reply-To of the original is not used when it has References")
        << crlf("To: taro@example.jp\nIn-Reply-To: <p@x>\nMessage-ID: <a@x>\n")
        << QByteArray("<a@x>") << QByteArray("<a@x>");
    QTest::newRow("References without a Message-ID")
        << crlf("To: taro@example.jp\nReferences: <r1@x>\n") << QByteArray()
        << QByteArray("<r1@x>");
    QTest::newRow("broken ids in References are dropped")
        << crlf("To: taro@example.jp\nReferences: <r1@x> <no-at> <a\"b@x> <>\nMessage-ID: <a@x>\n")
        << QByteArray("<a@x>") << QByteArray("<r1@x> <a\"b@x> <a@x>");
    QByteArray many;
    for (int i = 0; i < 30; ++i)
        many += " <r" + QByteArray::number(i) + "@x>";
    QByteArray kept = "<r0@x>"; // 20 ids: the root, then the latest 18 and the parent
    for (int i = 12; i < 30; ++i)
        kept += " <r" + QByteArray::number(i) + "@x>";
    QTest::newRow("a long thread keeps the root and the latest")
        << crlf("To: taro@example.jp\nReferences:" + many + "\nMessage-ID: <a@x>\n")
        << QByteArray("<a@x>") << kept + " <a@x>";
}

void TestAutoReply::threading()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, inReplyTo);
    QFETCH(QByteArray, references);
    AutoReply::Reply r = baseReply();
    r.originalHeader = original;
    const QByteArray message = AutoReply::build(r);
    checkWire(message);
    const Parsed p = parse(message);
    QCOMPARE(p.value("In-Reply-To"), inReplyTo);
    QCOMPARE(p.count("In-Reply-To"), inReplyTo.isEmpty() ? 0 : 1);
    QCOMPARE(p.value("References").simplified(), references);
    QCOMPARE(p.count("References"), references.isEmpty() ? 0 : 1);
    QVERIFY(p.value("Message-ID").endsWith("@mail.example.jp>"));
}

void TestAutoReply::messageIdDomain_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QByteArray>("idEnd");
    QTest::newRow("given") << QStringLiteral("mail.example.jp") << QByteArray("@mail.example.jp>");
    QTest::newRow("empty: the account's domain") << QString() << QByteArray("@example.jp>");
    QTest::newRow("CRLF Bcc: the account's domain")
        << QStringLiteral("mail.example.jp\r\nBcc: evil@x") << QByteArray("@example.jp>");
    QTest::newRow("a second id: the account's domain")
        << QStringLiteral("x> <y@z") << QByteArray("@example.jp>");
}

void TestAutoReply::messageIdDomain()
{
    QFETCH(QString, domain);
    QFETCH(QByteArray, idEnd);
    AutoReply::Reply r = baseReply();
    r.messageIdDomain = domain;
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender);
    const QByteArray id = parse(message).value("Message-ID");
    QVERIFY2(id.endsWith(idEnd), id.constData());
}

void TestAutoReply::utf8Body()
{
    AutoReply::Reply r = baseReply();
    r.rule.body = QStringLiteral("お世話になっております。\n"
                                 "8月20日まで不在です。\r\n①㈱～ 😀\r"
                                 "\x1b$B\x1b(B escape and \x07 bell gone\n\tend\n");
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender);
    const Parsed p = parse(message);
    QCOMPARE(p.value("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(p.value("Content-Transfer-Encoding"), QByteArray("base64"));
    const QByteArray text = mimetext::decodeTransfer(p.body, "base64");
    QCOMPARE(QString::fromUtf8(text),
             QStringLiteral("お世話になっております。\r\n8月20日まで不在です。\r\n①㈱～ 😀\r\n"
                            "$B(B escape and  bell gone\r\n\tend\r\n"));
    const QString from = mimetext::decodeHeaderText(p.value("From"));
    QCOMPARE(from, QStringLiteral("山田太郎 <taro@example.jp>"));
    QVERIFY(p.value("From").startsWith("=?UTF-8?B?"));
    QCOMPARE(MimeMessage(message).decodedHeader("Subject"), QStringLiteral("Re: hello"));
}

void TestAutoReply::iso2022Jp()
{
    AutoReply::Reply r = baseReply();
    r.rule.charset = AutoReplyRule::Charset::Iso2022Jp;
    r.rule.subject = QStringLiteral("不在のお知らせ（8月20日まで）・山田");
    r.rule.body =
        QStringLiteral("お世話になっております。\n8月20日まで不在です。\n\nABC ～－∥￠￡￢ ー");
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender);
    const Parsed p = parse(message);
    QCOMPARE(p.value("Content-Type"), QByteArray("text/plain; charset=ISO-2022-JP"));
    QCOMPARE(p.value("Content-Transfer-Encoding"), QByteArray("7bit"));
    QVERIFY(p.body.contains("\x1b$B"));
    QCOMPARE(
        mimetext::decodeIso2022Jp(p.body),
        QStringLiteral(
            "お世話になっております。\r\n8月20日まで不在です。\r\n\r\nABC ～－∥￠￡￢ ー\r\n"));
    // Each line ends in ASCII (RFC 1468).
    for (const QByteArray &line : p.body.split('\n'))
        if (line.contains('\x1b'))
            QVERIFY2(line.chopped(1).endsWith("\x1b(B"), line.constData());
    const QByteArray subject = p.value("Subject");
    QVERIFY2(subject.startsWith("=?ISO-2022-JP?B?"), subject.constData());
    for (const QByteArray &word : subject.simplified().split(' '))
        QVERIFY2(word.size() <= 75, word.constData());
    QCOMPARE(mimetext::decodeHeaderText(subject), r.rule.subject);
    QVERIFY(p.value("From").startsWith("=?ISO-2022-JP?B?"));
    QCOMPARE(mimetext::decodeHeaderText(p.value("From")),
             QStringLiteral("山田太郎 <taro@example.jp>"));
}

void TestAutoReply::iso2022JpFallback_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("fromName");
    QTest::addColumn<QString>("body");
    const QString ok = QStringLiteral("不在です");
    QTest::newRow("emoji in the body") << ok << ok << QStringLiteral("不在です 😀");
    QTest::newRow("NEC special in the body") << ok << ok << QStringLiteral("①会議室");
    QTest::newRow("half-width katakana in the subject") << QStringLiteral("ﾌｻﾞｲ") << ok << ok;
    QTest::newRow("emoji in the name") << ok << QStringLiteral("山田😀") << ok;
    QTest::newRow("a line longer than 998 octets in ISO-2022-JP")
        << ok << ok << QString(600, QChar(0x3042));
}

void TestAutoReply::iso2022JpFallback()
{
    QFETCH(QString, subject);
    QFETCH(QString, fromName);
    QFETCH(QString, body);
    AutoReply::Reply r = baseReply();
    r.rule.charset = AutoReplyRule::Charset::Iso2022Jp;
    r.rule.subject = subject;
    r.rule.fromName = fromName;
    r.rule.body = body;
    const QByteArray message = AutoReply::build(r);
    checkReply(message, kSender);
    const Parsed p = parse(message);
    QCOMPARE(p.value("Content-Type"), QByteArray("text/plain; charset=UTF-8"));
    QVERIFY(!message.contains("ISO-2022-JP"));
    QCOMPARE(QString::fromUtf8(mimetext::decodeTransfer(p.body, "base64")), body);
    QCOMPARE(MimeMessage(message).decodedHeader("Subject"), subject);
    QCOMPARE(mimetext::decodeHeaderText(p.value("From")),
             fromName + QStringLiteral(" <taro@example.jp>"));
}

void TestAutoReply::longSubjectIsFolded()
{
    AutoReply::Reply r = baseReply();
    r.rule.subject = QString(120, QChar(0x3042)) + QStringLiteral(" and some ASCII words too");
    r.rule.fromName = QString(40, QChar(0x5C71));
    for (auto cs : {AutoReplyRule::Charset::Utf8, AutoReplyRule::Charset::Iso2022Jp}) {
        r.rule.charset = cs;
        const QByteArray message = AutoReply::build(r);
        checkReply(message, kSender);
        const qsizetype headerEnd = message.indexOf("\r\n\r\n");
        for (const QByteArray &line : message.left(headerEnd).split('\n'))
            QVERIFY2(line.size() <= 79, line.constData()); // 78 and the CR
        QCOMPARE(MimeMessage(message).decodedHeader("Subject"), r.rule.subject);
    }
}

QTEST_GUILESS_MAIN(TestAutoReply)
#include "tst_autoreply.moc"
