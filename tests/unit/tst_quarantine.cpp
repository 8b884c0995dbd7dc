// The quarantine: a held message is a durable row and file outside the
// mailboxes (quota usage unchanged), one copy per local account; release puts
// the held bytes into INBOX unchanged and removes the copy in one commit;
// delete removes it; the retention sweep on a moved TestClock removes what
// was held longer than the days given and keeps what is exactly that old; the
// spam verdict carries its score and rules; every release and delete is
// audited. Runs against a real StoreWriter and data dir.
#include "common/clock.h"
#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "scan/quarantine.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "service/quarantineservice.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/filterstore.h"
#include "store/logstore.h"
#include "store/maildir.h"
#include "store/mailstorage.h"
#include "store/quarantinestore.h"
#include "store/storewriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <optional>

using namespace fumibako;

namespace
{

const QString kUser = QStringLiteral("user@example.test");
const QString kAlias = QStringLiteral("USER@example.test");
const QString kOther = QStringLiteral("other@example.test");
const QByteArray kMessage = "From: <spammer@far.test>\r\n"
                            "To: <user@example.test>\r\n"
                            "Subject: =?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?=\r\n"
                            "Message-ID: <spam-1@far.test>\r\n"
                            "DKIM-Signature: v=1; a=rsa-sha256; d=far.test; s=s; h=from:subject; "
                            "b=AAAA\r\n"
                            "\r\n"
                            "Buy now.\r\n";

} // namespace

class tst_Quarantine : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<MailStorage> m_storage;
    std::unique_ptr<TestClock> m_clock;
    std::unique_ptr<Quarantine> m_quarantine;
    QString m_root;
    QString m_inboxNew;
    QObject m_context;

    qint64 usedBytes(const QString &address) const
    {
        auto q = m_db->exec(QStringLiteral("SELECT COALESCE(SUM(m.used_bytes), 0) FROM mailboxes m "
                                           "JOIN accounts a ON a.id = m.account_id WHERE "
                                           "a.address = ?"),
                            {address});
        q->next();
        return q->value(0).toLongLong();
    }
    QList<QuarantinedMessage> held() const { return *QuarantineStore(*m_db).list(); }
    static QStringList files(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files, QDir::Name);
    }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    Result<void> hold(QStringList recipients, const QDateTime &arrival, const QString &id)
    {
        PipelineMessage m;
        m.envelope.id = id;
        m.envelope.sender = QStringLiteral("spammer@far.test");
        m.envelope.recipients = std::move(recipients);
        m.envelope.arrival = arrival;
        m.addedFields = "Received: from far.test by mx.example.test; Mon, 7 Dec 2026 "
                        "09:00:00 +0900\r\n";
        m.message = kMessage;
        Verdict v = spamQuarantine(1000.0,
                                   {qMakePair(QStringLiteral("GTUBE"), 1000.0),
                                    qMakePair(QStringLiteral("NO_RELAYS"), -0.001)},
                                   5.0);
        v.addFields = "X-Spam-Flag: YES\r\n";
        std::optional<Result<void>> done;
        m_quarantine->hold(m, {v}, &m_context, [&](Result<void> r) { done = r; });
        if (!QTest::qWaitFor([&] { return done.has_value(); }, 10000))
            return Error::temporary(QStringLiteral("no answer"));
        return *done;
    }

    Result<void> commitNow(std::shared_ptr<StoreJob> job)
    {
        std::optional<Result<void>> done;
        m_storage->commit(std::move(job), &m_context, [&](Result<void> r) { done = r; });
        if (!QTest::qWaitFor([&] { return done.has_value(); }, 10000))
            return Error::temporary(QStringLiteral("no answer"));
        return *done;
    }

    Result<qint64> sweep(int days)
    {
        std::optional<Result<qint64>> done;
        m_quarantine->sweep(days, QStringLiteral("retention"), &m_context,
                            [&](Result<qint64> r) { done = r; });
        if (!QTest::qWaitFor([&] { return done.has_value(); }, 10000))
            return Error::temporary(QStringLiteral("no answer"));
        return *done;
    }

    void clear()
    {
        for (const QuarantinedMessage &m : held())
            QVERIFY(commitNow(Quarantine::deleteJob(m_root, {m}, QStringLiteral("test"),
                                                    QStringLiteral("deleted"), m_clock->now())));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = std::make_unique<DataDir>(m_tmp.path() + QLatin1String("/data"));
        QVERIFY(
            m_dir->initialize({QStringLiteral("example.test"), QStringLiteral("mx.example.test")}));
        m_db = std::make_unique<Database>(m_dir->databaseFile());
        QVERIFY(m_db->migrate());
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add({kUser, QString(), Account::Role::User, "password123", 0, 0}));
        QVERIFY(s.add({kOther, QString(), Account::Role::User, "password123", 0, 0}));
        m_writer = std::make_unique<StoreWriter>(m_dir->databaseFile());
        m_writer->start();
        m_clock = std::make_unique<TestClock>(
            QDateTime(QDate(2026, 12, 7), QTime(9, 0), QTimeZone(9 * 3600)));
        m_log = std::make_unique<EventLog>(m_writer.get(), false, m_clock.get());
        m_storage = std::make_unique<MailStorage>(*m_db, m_writer.get(), m_dir->mailRoot());
        m_root = Quarantine::directory(m_dir->path());
        QVERIFY(Quarantine::ensureDirectory(m_root));
        m_quarantine = std::make_unique<Quarantine>(*m_db, *m_storage, m_root, m_dir->mailRoot(),
                                                    m_log.get(), m_clock.get());
        const Account a = *AccountStore(*m_db).find(kUser);
        m_inboxNew = Maildir(m_dir->mailRoot(), a.maildir).newDir();
    }
    void cleanupTestCase()
    {
        m_quarantine.reset();
        m_writer->stop();
        m_writer->wait();
    }
    void cleanup() { clear(); }

    void spamVerdictCarriesScoreAndRules()
    {
        const Verdict v = spamQuarantine(7.3,
                                         {qMakePair(QStringLiteral("URIBL_BLOCKED"), 0.0),
                                          qMakePair(QStringLiteral("BAYES_99"), 3.5)},
                                         5.0);
        QCOMPARE(v.kind, Verdict::Kind::Quarantine);
        QCOMPARE(v.reason,
                 QStringLiteral("score 7.3 (required 5.0): URIBL_BLOCKED 0.0, BAYES_99 3.5"));
        QCOMPARE(v.reasonKind, QStringLiteral("spam"));
        QCOMPARE(*v.score, 7.3);
        QCOMPARE(v.rules.size(), 2);
        QCOMPARE(v.rules[1].first, QStringLiteral("BAYES_99"));
        QCOMPARE(v.rules[1].second, 3.5);
        QCOMPARE(rulesJson(v), QStringLiteral(R"([{"name":"URIBL_BLOCKED","score":0},)"
                                              R"({"name":"BAYES_99","score":3.5}])"));
        QCOMPARE(rulesJson(Verdict::quarantine(QStringLiteral("no rules"))), QString());
    }

    void holdIsDurableOutsideTheQuota()
    {
        const qint64 before = usedBytes(kUser);
        // Two recipients that are one account (an address case variant) and another account.
        QVERIFY(hold({kUser, kAlias, kOther}, m_clock->now(), QStringLiteral("ID1")));
        const QList<QuarantinedMessage> rows = held();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(usedBytes(kUser), before);
        QCOMPARE(files(m_inboxNew), QStringList());
        QCOMPARE(files(m_root).size(), 2);
        QCOMPARE(files(m_root + QLatin1String("/tmp")), QStringList());
        const QuarantinedMessage &m = rows.last().account == kUser ? rows.last() : rows.first();
        QCOMPARE(m.account, kUser);
        QCOMPARE(m.recipient, kUser);
        QCOMPARE(m.sender, QStringLiteral("spammer@far.test"));
        QCOMPARE(m.subject, QByteArray("=?UTF-8?B?44GK5b6X44Gq44GU5qGI5YaF?="));
        QCOMPARE(m.headerMessageId, QStringLiteral("spam-1@far.test"));
        QCOMPARE(m.reasonKind, QStringLiteral("spam"));
        QCOMPARE(*m.score, 1000.0);
        QVERIFY(m.rules.contains(QLatin1String("GTUBE")));
        QCOMPARE(m.trackingId, QStringLiteral("ID1"));
        QCOMPARE(m.receivedAt, m_clock->secsSinceEpoch());
        const QByteArray file = read(m_root + QLatin1Char('/') + m.path);
        QCOMPARE(m.size, file.size());
        QVERIFY(file.startsWith("Return-Path: <spammer@far.test>\r\nDelivered-To: " +
                                kUser.toUtf8() + "\r\nReceived: from far.test"));
        QVERIFY(file.contains("\r\nX-Spam-Flag: YES\r\nFrom: <spammer@far.test>"));
        QVERIFY(file.endsWith(kMessage));
        // The quarantine itself and the service see it too, with the subject decoded.
        QuarantineService service(*m_db, *m_dir, m_clock.get());
        auto listed = service.list(kUser);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().subject, QStringLiteral("お得なご案内"));
        QCOMPARE(*service.raw(m.id), file);
        QVERIFY(!service.list(QStringLiteral("nobody@example.test")));
    }

    void releaseIsByteIdenticalAndRemovesTheCopy()
    {
        QVERIFY(hold({kUser}, m_clock->now(), QStringLiteral("ID2")));
        const QuarantinedMessage m = held().first();
        const QByteArray file = read(m_root + QLatin1Char('/') + m.path);
        const qint64 before = usedBytes(kUser);
        auto job = Quarantine::releaseJob(*m_db, m_root, m_dir->mailRoot(), m.id,
                                          QStringLiteral("support"), m_clock->now());
        QVERIFY(job);
        QVERIFY(commitNow(*job));
        QCOMPARE(held().size(), 0);
        QVERIFY(!QFile::exists(m_root + QLatin1Char('/') + m.path));
        const QStringList inbox = files(m_inboxNew);
        QCOMPARE(inbox.size(), 1);
        QCOMPARE(read(m_inboxNew + QLatin1Char('/') + inbox.first()), file);
        QCOMPARE(usedBytes(kUser), before + file.size());
        // Released once: a second release finds nothing and delivers nothing.
        QVERIFY(!Quarantine::releaseJob(*m_db, m_root, m_dir->mailRoot(), m.id,
                                        QStringLiteral("support"), m_clock->now()));
        // The audit line names who and what.
        LogFilter f;
        f.messageId = QStringLiteral("ID2");
        bool audited = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                // Kept in a variable: the loop must not run over a temporary's inside.
                const QList<LogEntry> entries = LogStore(*m_db).query(f).value_or({});
                for (const LogEntry &e : entries)
                    if (e.result == QLatin1String("released") &&
                        e.text.contains(QLatin1String("released by support")))
                        audited = true;
                return audited;
            }(),
            5000);
        QFile::remove(m_inboxNew + QLatin1Char('/') + inbox.first()); // tidy for the next tests
    }

    void serviceReleaseWithoutAWriter()
    {
        QVERIFY(hold({kOther}, m_clock->now(), QStringLiteral("ID3")));
        const QuarantinedMessage m = held().first();
        const QByteArray file = read(m_root + QLatin1Char('/') + m.path);
        QuarantineService service(*m_db, *m_dir, m_clock.get());
        QVERIFY(service.release(m.id, QStringLiteral("fumibakoctl")));
        QCOMPARE(held().size(), 0);
        const Account other = *AccountStore(*m_db).find(kOther);
        const QString otherNew = Maildir(m_dir->mailRoot(), other.maildir).newDir();
        QCOMPARE(files(otherNew).size(), 1);
        QCOMPARE(read(otherNew + QLatin1Char('/') + files(otherNew).first()), file);
        QVERIFY(!service.release(m.id, QStringLiteral("fumibakoctl")));
        auto pending = m_db->exec(QStringLiteral("SELECT COUNT(*) FROM pending_renames"));
        QVERIFY(pending && pending->next());
        QCOMPARE(pending->value(0).toInt(), 0);
    }

    void deleteRemovesRowAndFile()
    {
        QVERIFY(hold({kUser}, m_clock->now(), QStringLiteral("ID4")));
        const QuarantinedMessage m = held().first();
        QuarantineService service(*m_db, *m_dir, m_clock.get());
        QVERIFY(service.remove(m.id, QStringLiteral("fumibakoctl")));
        QCOMPARE(held().size(), 0);
        QVERIFY(!QFile::exists(m_root + QLatin1Char('/') + m.path));
        QCOMPARE(files(m_inboxNew), QStringList());
        const auto again = service.remove(m.id, QStringLiteral("fumibakoctl"));
        QVERIFY(!again);
        QCOMPARE(again.error().kind, Error::Kind::NotFound);
        LogFilter f;
        f.messageId = QStringLiteral("ID4");
        const auto lines = *LogStore(*m_db).query(f);
        QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const LogEntry &e) {
            return e.result == QLatin1String("deleted") &&
                   e.text.contains(QLatin1String("deleted by fumibakoctl"));
        }));
    }

    void retentionSweepOnTheClockWithItsBoundary()
    {
        const QDateTime start = m_clock->now();
        QVERIFY(hold({kUser}, start, QStringLiteral("OLD")));
        QVERIFY(hold({kUser}, start.addSecs(3600), QStringLiteral("NEWER")));
        QCOMPARE(held().size(), 2);
        // Exactly 7 days after the first was held: kept.
        m_clock->set(start.addDays(7));
        QCOMPARE(*sweep(7), 0);
        QCOMPARE(held().size(), 2);
        // One second past it: the first goes, the second (an hour younger) stays.
        m_clock->advance(1);
        QCOMPARE(*sweep(7), 1);
        QCOMPARE(held().size(), 1);
        QCOMPARE(held().first().trackingId, QStringLiteral("NEWER"));
        QCOMPARE(files(m_root).size(), 1);
        // A shorter retention takes the second too.
        QCOMPARE(*sweep(1), 1);
        QCOMPARE(held().size(), 0);
        QCOMPARE(files(m_root), QStringList());
        QCOMPARE(files(m_inboxNew), QStringList()); // expired, never delivered
        m_clock->set(start);
    }

    // An account's own retention (filter retention, the FAQ's 1–7 days)
    // comes before the server's: its mail goes sooner, the others' later.
    void retentionPerAccount()
    {
        const QDateTime start = m_clock->now();
        QVERIFY(hold({kUser}, start, QStringLiteral("USER")));
        QVERIFY(hold({kOther}, start, QStringLiteral("OTHER")));
        auto other = AccountStore(*m_db).find(kOther);
        QVERIFY(other);
        AccountFilterOptions options;
        options.quarantineDays = 2;
        QVERIFY(FilterStore(*m_db).setOptions(other->id, options));
        QCOMPARE(*QuarantineStore(*m_db).retentionDays(other->id, 7), 2);
        m_clock->set(start.addDays(2).addSecs(1));
        QCOMPARE(*sweep(7), 1);
        QCOMPARE(held().size(), 1);
        QCOMPARE(held().first().trackingId, QStringLiteral("USER"));
        m_clock->set(start.addDays(7).addSecs(1));
        QCOMPARE(*sweep(7), 1);
        QCOMPARE(held().size(), 0);
        m_clock->set(start);
    }
};

QTEST_MAIN(tst_Quarantine)
#include "tst_quarantine.moc"
