// The Spam Summary and its release links: a token made for one held copy
// verifies, and fails once tampered with (any byte), signed with another key,
// truncated or garbage; it matches only that copy of that account (not a
// recycled row id, not another account's copy); it expires with the retention
// on a moved TestClock. The summary's MIME: Subject Spam Summary, UTF-8 base64
// text, Japanese before English, the decoded subject and a link per message.
// QuarantineService::sendSummaries delivers one per account with held mail
// and nothing the second time; scan.summary_time is a time of day; a running
// MailServer sends them from its scheduler on a TestClock.
#include "common/clock.h"
#include "scan/quarantine.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "service/quarantineservice.h"
#include "service/scheduler.h"
#include "service/settings.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/maildir.h"
#include "store/quarantinestore.h"
#include "web/releasetoken.h"
#include "web/spamsummary.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("user@example.test");
const QString kOther = QStringLiteral("other@example.test");
const QByteArray kKey = QByteArray(32, 'k');

QuarantinedMessage heldCopy()
{
    QuarantinedMessage m;
    m.id = 42;
    m.accountId = 7;
    m.account = kUser;
    m.receivedAt =
        QDateTime(QDate(2026, 12, 7), QTime(9, 0), QTimeZone(9 * 3600)).toSecsSinceEpoch();
    m.sender = QStringLiteral("spammer@far.test");
    m.recipient = kUser;
    m.subject = "=?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?="; // お得なご案内
    m.reasonKind = QStringLiteral("spam");
    m.reason = QStringLiteral("score 1000.0 (required 5.0): GTUBE 1000.0");
    m.trackingId = QStringLiteral("ID42");
    m.path = QStringLiteral("1765065600.M1P1Q1.host,S=100");
    return m;
}

// Puts a copy held for `accountId` straight into the store, as Quarantine::hold would.
Result<void> holdCopy(const Database &db, const QString &root, qint64 accountId,
                      const QByteArray &subject, qint64 receivedAt)
{
    auto account = AccountStore(db).findById(accountId);
    if (!account)
        return account.error();
    QuarantineHoldJob::Copy c;
    c.row = heldCopy();
    c.row.accountId = accountId;
    c.row.recipient = account->address;
    c.row.subject = subject;
    c.row.receivedAt = receivedAt;
    c.parts = {"Subject: " + subject + "\r\n\r\nBuy now.\r\n"};
    QuarantineHoldJob job(root, {c});
    return runStoreJobNow(db, job);
}

// The header block and the decoded text of a generated message.
struct Parsed {
    QByteArray header;
    QString text;
};
Parsed parse(const QByteArray &message)
{
    const qsizetype end = message.indexOf("\r\n\r\n");
    Parsed p;
    p.header = message.left(end + 2);
    const QByteArray text = QByteArray::fromBase64(message.mid(end + 4));
    // CRLF throughout (RFC 5322 2.3), compared below as plain lines.
    if (text.count('\n') != text.count("\r\n"))
        return p;
    p.text = QString::fromUtf8(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return p;
}

} // namespace

class tst_SpamSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goodTokenVerifies()
    {
        const QuarantinedMessage m = heldCopy();
        const QString text = signReleaseToken(kKey, releaseTokenFor(m, 7));
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(text).hasMatch());
        auto t = verifyReleaseToken(kKey, text);
        QVERIFY(t);
        QCOMPARE(t->messageId, m.id);
        QCOMPARE(t->accountId, m.accountId);
        QCOMPARE(t->expires, m.receivedAt + 7 * 86400);
        QVERIFY(matchReleaseToken(*t, m));
        QCOMPARE(releaseUrl(QStringLiteral("mx.example.test"), 2443, text),
                 QStringLiteral("https://mx.example.test:2443/release?t=") + text);
    }

    void tamperedTokensFail()
    {
        const QString text = signReleaseToken(kKey, releaseTokenFor(heldCopy(), 7));
        // Every character changed in turn: none verifies.
        for (qsizetype i = 0; i < text.size(); ++i) {
            QString bad = text;
            bad[i] = bad[i] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
            auto t = verifyReleaseToken(kKey, bad);
            QVERIFY2(!t, qPrintable(QStringLiteral("position %1").arg(i)));
            QCOMPARE(t.error().kind, Error::Kind::Invalid);
        }
        QVERIFY(!verifyReleaseToken(QByteArray(32, 'x'), text)); // another server's key
        QVERIFY(!verifyReleaseToken(kKey, text.left(text.size() - 1)));
        QVERIFY(!verifyReleaseToken(kKey, text + QLatin1Char('A')));
        QVERIFY(!verifyReleaseToken(kKey, QString()));
        QVERIFY(!verifyReleaseToken(kKey, QStringLiteral("<script>")));
        QVERIFY(!verifyReleaseToken(kKey, QString(5000, QLatin1Char('A'))));
    }

    void tokenIsBoundToItsCopyAndAccount()
    {
        const QuarantinedMessage m = heldCopy();
        const ReleaseToken t =
            *verifyReleaseToken(kKey, signReleaseToken(kKey, releaseTokenFor(m, 7)));
        QuarantinedMessage other = m; // the same row id, another account's copy
        other.accountId = 8;
        other.account = kOther;
        QCOMPARE(matchReleaseToken(t, other).error().kind, Error::Kind::NotFound);
        QuarantinedMessage recycled = m; // the row id handed out again for a new copy
        recycled.path = QStringLiteral("1765152000.M2P2Q2.host,S=120");
        recycled.trackingId = QStringLiteral("ID43");
        QCOMPARE(matchReleaseToken(t, recycled).error().kind, Error::Kind::NotFound);
        QuarantinedMessage otherId = m;
        otherId.id = 43;
        QVERIFY(!matchReleaseToken(t, otherId));
        // A token for the other account's copy is a different token.
        QVERIFY(signReleaseToken(kKey, releaseTokenFor(other, 7)) !=
                signReleaseToken(kKey, releaseTokenFor(m, 7)));
    }

    void tokenExpiresWithTheRetention()
    {
        const QuarantinedMessage m = heldCopy();
        const ReleaseToken t = releaseTokenFor(m, 3);
        TestClock clock(QDateTime::fromSecsSinceEpoch(m.receivedAt));
        QVERIFY(!isExpired(t, clock.now()));
        clock.advance(3 * 86400 - 1);
        QVERIFY(!isExpired(t, clock.now()));
        clock.advance(1);
        QVERIFY(isExpired(t, clock.now()));
        QCOMPARE(releaseTokenFor(m, 7).expires - t.expires, 4 * 86400);
    }

    void summaryMime()
    {
        SpamSummaryInput in;
        in.account = kUser;
        in.postmasterDomain = QStringLiteral("example.test");
        in.hostname = QStringLiteral("mx.example.test");
        in.retentionDays = 7;
        in.now = QDateTime(QDate(2026, 12, 8), QTime(5, 0), QTimeZone(9 * 3600));
        in.items << SpamSummaryItem{QDateTime(QDate(2026, 12, 7), QTime(9, 0), QTimeZone(9 * 3600)),
                                    QStringLiteral("spammer@far.test"),
                                    QString::fromUtf8("お得なご案内\r\nBcc: x@y"),
                                    QStringLiteral("spam"),
                                    QStringLiteral("score 1000.0 (required 5.0): GTUBE 1000.0"),
                                    QStringLiteral("https://mx.example.test:2443/release?t=AAA")};
        in.items << SpamSummaryItem{in.now.addSecs(-60),
                                    QString(),
                                    QString(),
                                    QStringLiteral("filter"),
                                    QStringLiteral("deny sender"),
                                    QStringLiteral("https://mx.example.test:2443/release?t=BBB")};
        const QByteArray message = spamSummaryMessage(in);
        const Parsed p = parse(message);
        QVERIFY(p.header.contains("\r\nSubject: Spam Summary\r\n"));
        QVERIFY(p.header.contains("\r\nTo: <user@example.test>\r\n"));
        QVERIFY(p.header.contains("From: Spam Summary <MAILER-DAEMON@example.test>\r\n"));
        QVERIFY(p.header.contains("\r\nAuto-Submitted: auto-generated\r\n"));
        QVERIFY(p.header.contains("Content-Type: text/plain; charset=UTF-8\r\n"));
        QVERIFY(p.header.contains("Content-Transfer-Encoding: base64\r\n"));
        QVERIFY(p.header.contains("@mx.example.test>\r\n")); // Message-ID
        for (char c : message)                               // 7-bit on the wire
            QVERIFY(uchar(c) < 0x80);
        for (const QByteArray &line : message.split('\n'))
            QVERIFY(line.size() <= 79);
        // Japanese first, then English; each lists both messages with their links.
        const qsizetype ja = p.text.indexOf(QString::fromUtf8("迷惑メールと判定"));
        const qsizetype en = p.text.indexOf(QStringLiteral("judged to be spam"));
        QVERIFY(ja >= 0);
        QVERIFY(en > ja);
        QCOMPARE(p.text.count(QStringLiteral("release?t=AAA")), 2);
        QCOMPARE(p.text.count(QStringLiteral("release?t=BBB")), 2);
        QVERIFY(p.text.indexOf(QStringLiteral("release?t=AAA")) < en);
        // The subject decoded, on one line: a header's line break does not make a field.
        QVERIFY(p.text.contains(QString::fromUtf8("  件名: お得なご案内 Bcc: x@y\n")));
        QVERIFY(p.text.contains(QString::fromUtf8("  件名: （件名なし）\n")));
        QVERIFY(p.text.contains(QStringLiteral("  Subject: (no subject)\n")));
        QVERIFY(p.text.contains(QString::fromUtf8("  差出人: spammer@far.test\n")));
        QVERIFY(p.text.contains(QStringLiteral("  From:    <>\n")));
        QVERIFY(p.text.contains(QString::fromUtf8("  理由: スパム判定 (score 1000.0")));
        QVERIFY(p.text.contains(QStringLiteral("  Reason:  spam (score 1000.0")));
        QVERIFY(p.text.contains(QStringLiteral("2026/12/07")));
    }

    void summaryTimeIsATimeOfDay()
    {
        const QString key = QStringLiteral("scan.summary_time");
        QCOMPARE(Settings::spec(key)->defaultValue, QStringLiteral("05:00"));
        QCOMPARE(*Settings::validate(key, QStringLiteral("5:30")), QStringLiteral("05:30"));
        QCOMPARE(*Settings::validate(key, QStringLiteral("23:59")), QStringLiteral("23:59"));
        QVERIFY(!Settings::validate(key, QStringLiteral("24:00")));
        QVERIFY(!Settings::validate(key, QStringLiteral("5")));
        QVERIFY(!Settings::validate(key, QStringLiteral("morning")));
        QCOMPARE(Settings::spec(QStringLiteral("ports.web"))->defaultValue, QStringLiteral("2443"));
    }

    // Through the store: one summary per account with held copies, each
    // listing only its own, with links that verify against the stored key and
    // match their copies; then nothing is due until something new is held.
    void sendSummariesOncePerHeldCopy()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        DataDir dir(tmp.path() + QLatin1String("/data"));
        QVERIFY(
            dir.initialize({QStringLiteral("example.test"), QStringLiteral("mx.example.test")}));
        Database db(dir.databaseFile());
        QVERIFY(db.migrate());
        AccountService accounts(db, dir.mailRoot());
        QVERIFY(accounts.add({kUser, QString(), Account::Role::User, "password123", 0, 0}));
        QVERIFY(accounts.add({kOther, QString(), Account::Role::User, "password123", 0, 0}));
        const QString root = Quarantine::directory(dir.path());
        QVERIFY(Quarantine::ensureDirectory(root));
        TestClock clock(QDateTime(QDate(2026, 12, 8), QTime(5, 0), QTimeZone(9 * 3600)));
        auto hold = [&](const QString &address, const QByteArray &subject) {
            QVERIFY(holdCopy(db, root, AccountStore(db).find(address)->id, subject,
                             clock.secsSinceEpoch() - 3600));
        };
        hold(kUser, "=?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?=");
        hold(kUser, "second");
        hold(kOther, "third");
        QuarantineService service(db, dir, &clock);
        auto sent = service.sendSummaries();
        QVERIFY(sent);
        QCOMPARE(*sent, (QStringList{kUser, kOther}));
        QCOMPARE(*service.sendSummaries(), QStringList()); // nothing new held

        const QByteArray key = *releaseKey(db);
        QCOMPARE(key.size(), 32);
        QCOMPARE(*releaseKey(db), key); // made once
        const Account user = *AccountStore(db).find(kUser);
        const QString inbox = Maildir(dir.mailRoot(), user.maildir).newDir();
        const QStringList files = QDir(inbox).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile f(inbox + QLatin1Char('/') + files.first());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray stored = f.readAll();
        const Parsed p = parse(stored.mid(stored.indexOf("Date: ")));
        QVERIFY(p.text.contains(QString::fromUtf8("お得なご案内")));
        QVERIFY(p.text.contains(QStringLiteral("second")));
        QVERIFY(!p.text.contains(QStringLiteral("third")));
        static const QRegularExpression link(
            QStringLiteral("https://mx\\.example\\.test:2443/release\\?t=([A-Za-z0-9_-]+)"));
        QSet<qint64> ids;
        for (auto it = link.globalMatch(p.text); it.hasNext();) {
            auto t = verifyReleaseToken(key, it.next().captured(1));
            QVERIFY(t);
            QCOMPARE(t->accountId, user.id);
            QVERIFY(matchReleaseToken(*t, *QuarantineStore(db).find(t->messageId)));
            ids.insert(t->messageId);
        }
        QCOMPARE(ids.size(), 2);

        hold(kUser, "fourth"); // new since the last summary: only it is listed
        QCOMPARE(*service.sendSummaries(), QStringList{kUser});
    }

    // The server's own run: the scheduler's catch-up at start sends what was
    // held before, and the next scan.summary_time slot on the moved clock
    // sends only what was held since, with links to the web listener's port
    // — through the pipeline and the StoreWriter.
    void scheduledSummaryThroughTheServer()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        DataDir dir(tmp.path() + QLatin1String("/data"));
        QVERIFY(
            dir.initialize({QStringLiteral("example.test"), QStringLiteral("mx.example.test")}));
        const QString root = Quarantine::directory(dir.path());
        {
            Database db(dir.databaseFile());
            QVERIFY(db.migrate());
            QVERIFY(AccountService(db, dir.mailRoot())
                        .add({kUser, QString(), Account::Role::User, "password123", 0, 0}));
            QVERIFY(
                Settings::store(db, QStringLiteral("scan.summary_time"), QStringLiteral("06:30")));
            QVERIFY(Quarantine::ensureDirectory(root));
        }
        Database db(dir.databaseFile());
        const qint64 accountId = AccountStore(db).find(kUser)->id;
        auto hold = [&](const QByteArray &subject, qint64 at) {
            QVERIFY(holdCopy(db, root, accountId, subject, at));
        };
        const QDateTime start(QDate(2026, 12, 8), QTime(12, 0));
        hold("before start", start.toSecsSinceEpoch() - 60);

        TestClock clock(start);
        MailServer::Options options;
        options.dataDir = dir.path();
        options.bindAddress = QStringLiteral("127.0.0.1");
        for (const QString &name : MailServer::listenerNames())
            options.ports.insert(name, 0);
        options.ioThreads = 1;
        options.clock = &clock;
        options.settingsPollMs = 0;
        MailServer server(options);
        QVERIFY(server.start());
        int runs = 0;
        connect(server.scheduler(), &Scheduler::finished, this, [&runs](const QString &name) {
            runs += name == QLatin1String("quarantine.summary");
        });
        const QString inbox =
            Maildir(dir.mailRoot(), AccountStore(db).find(kUser)->maildir).newDir();
        auto summaries = [&inbox]() {
            QStringList texts;
            const QStringList files = QDir(inbox).entryList(QDir::Files);
            for (const QString &name : files) {
                QFile f(inbox + QLatin1Char('/') + name);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = f.readAll();
                texts << parse(bytes.mid(bytes.indexOf("Date: "))).text;
            }
            return texts;
        };
        QTRY_COMPARE(runs, 1); // the catch-up: it never ran
        QCOMPARE(summaries().size(), 1);
        QVERIFY(summaries().first().contains(QStringLiteral("before start")));
        const QString port = QString::number(server.status().listeners.last().port);
        QVERIFY(summaries().first().contains(QStringLiteral("https://mx.example.test:") + port +
                                             QStringLiteral("/release?t=")));
        QCOMPARE(server.status().webUrl,
                 QStringLiteral("https://mx.example.test:") + port + QLatin1Char('/'));

        hold("next day", start.toSecsSinceEpoch() + 3600);
        QCOMPARE(server.scheduler()->nextRun(QStringLiteral("quarantine.summary")),
                 QDateTime(start.date().addDays(1), QTime(6, 30)));
        clock.set(QDateTime(start.date().addDays(1), QTime(6, 29)));
        QCoreApplication::processEvents();
        QCOMPARE(runs, 1);
        clock.set(QDateTime(start.date().addDays(1), QTime(6, 31)));
        QTRY_COMPARE(runs, 2);
        QTRY_COMPARE(summaries().size(), 2);
        const QStringList both = summaries();
        const qsizetype second = both[0].contains(QStringLiteral("next day")) ? 0 : 1;
        QVERIFY(both[second].contains(QStringLiteral("next day")));
        QVERIFY(!both[second].contains(QStringLiteral("before start")));
        QVERIFY(both[1 - second].contains(QStringLiteral("before start")));

        QSignalSpy stopped(&server, &MailServer::stopped);
        server.stop(0);
        QVERIFY(stopped.wait(10000));
    }
};

QTEST_GUILESS_MAIN(tst_SpamSummary)
#include "tst_spamsummary.moc"
