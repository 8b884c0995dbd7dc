#include "common/durablefile.h"
#include "delivery/deliveryjob.h"
#include "delivery/recipientpolicy.h"
#include "service/accountservice.h"
#include "service/datadir.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/folderjobs.h"
#include "store/mailboxevents.h"
#include "store/mailboxstore.h"
#include "store/maildir.h"
#include "store/messageflags.h"
#include "store/messagestore.h"
#include "store/storewriter.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fumibako;

class tst_Store : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;

    Result<void> commitSync(StoreWriter &w, std::shared_ptr<StoreJob> job)
    {
        QSemaphore done;
        Result<void> result;
        w.submit(std::move(job), [&](Result<void> r) {
            result = r;
            done.release();
        });
        done.acquire();
        return result;
    }

    // A new folder of user@example.test holding `count` 10-byte messages, whose
    // row ids go in `ids`; nullopt if either could not be made.
    std::optional<Mailbox> mailboxWithMessages(const QString &name, int count, QList<qint64> &ids)
    {
        const Account a = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        auto box = MailboxStore(*m_db).create(a.id, name, QString(), QLatin1Char('.') + name);
        if (!box)
            return std::nullopt;
        auto added = m_db->transaction([&](const Database &db) -> Result<void> {
            for (int i = 0; i < count; ++i) {
                auto r = MessageStore(db).append(
                    box->id, QStringLiteral("cur/%1%2").arg(name).arg(i), 10, 0);
                if (!r)
                    return r.error();
                ids << r->id;
            }
            return {};
        });
        if (!added)
            return std::nullopt;
        return *box;
    }

    DeliveryRequest requestFor(const QString &address, const QByteArray &message)
    {
        Account a = *AccountStore(*m_db).find(address);
        RecipientDecision d;
        d.account = a;
        d.mailboxId = *AccountStore(*m_db).inboxId(a.id);
        LocalTarget t;
        t.accountId = a.id;
        t.mailboxId = d.mailboxId;
        t.maildir = Maildir(m_dir->mailRoot(), a.maildir).root();
        t.deliveredTo = address;
        t.quotaBytes = a.quotaBytes;
        t.quotaMessages = a.quotaMessages;
        DeliveryRequest r;
        r.sender = QStringLiteral("sender@peer.test");
        r.traceHeaders = "Received: test\r\n";
        r.message = message;
        r.local = {t};
        r.queueDir = m_dir->queueDir();
        return r;
    }

    // Undoes migration 8 (message tracking), for the tests that replay older migrations.
    static bool undoTrackingMigration(const Database &db)
    {
        for (const char *sql :
             {"DROP INDEX log_msgid", "DROP INDEX log_queue_id", "DROP INDEX log_header_message_id",
              "DROP INDEX log_sender", "DROP INDEX log_address",
              "ALTER TABLE log DROP COLUMN msgid", "ALTER TABLE log DROP COLUMN queue_id",
              "ALTER TABLE log DROP COLUMN header_message_id", "ALTER TABLE log DROP COLUMN sender",
              "ALTER TABLE log DROP COLUMN result", "ALTER TABLE queue DROP COLUMN msgid",
              "ALTER TABLE queue DROP COLUMN header_message_id",
              "ALTER TABLE messages DROP COLUMN msgid"})
            if (!db.exec(QString::fromLatin1(sql)))
                return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = std::make_unique<DataDir>(m_tmp.path() + QLatin1String("/data"));
        auto r =
            m_dir->initialize({QStringLiteral("example.test"), QStringLiteral("mx.example.test")});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        m_db = std::make_unique<Database>(m_dir->databaseFile());
        QVERIFY(m_db->migrate());
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add({QStringLiteral("Admin@Example.test"), QStringLiteral("管理者"),
                       Account::Role::Admin, "password123", 0, 0}));
        QVERIFY(s.add({QStringLiteral("user@example.test"), QString(), Account::Role::User,
                       "password123", 0, 0}));
    }
    void initRefusesADirWithData()
    {
        auto r = m_dir->initialize({QStringLiteral("example.test"), QString()});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Exists);
    }
    void initRejectsBadDomain()
    {
        DataDir d(m_tmp.path() + QLatin1String("/bad"));
        QVERIFY(!d.initialize({QStringLiteral("not a domain"), QString()}));
        QVERIFY(!QDir(d.path()).exists()); // nothing half-made is left
    }
    void migrationsAreIdempotent()
    {
        QVERIFY(m_db->migrate());
        QVERIFY(m_db->schemaVersion() >= 1);
    }
    void noReplyExistsAsSendOnly()
    {
        auto a = AccountStore(*m_db).find(QStringLiteral("noreply@example.test"));
        QVERIFY(a);
        QCOMPARE(a->role, Account::Role::SendOnly);
    }
    void accountRules_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<int>("kind");
        QTest::newRow("postmaster") << QStringLiteral("postmaster@example.test")
                                    << QByteArray("password123") << int(Error::Kind::Invalid);
        QTest::newRow("mailer-daemon") << QStringLiteral("MAILER-DAEMON@example.test")
                                       << QByteArray("password123") << int(Error::Kind::Invalid);
        QTest::newRow("root") << QStringLiteral("root@example.test") << QByteArray("password123")
                              << int(Error::Kind::Invalid);
        QTest::newRow("noreply exists") << QStringLiteral("noreply@example.test")
                                        << QByteArray("password123") << int(Error::Kind::Exists);
        QTest::newRow("duplicate, other case")
            << QStringLiteral("USER@example.test") << QByteArray("password123")
            << int(Error::Kind::Exists);
        QTest::newRow("foreign domain") << QStringLiteral("a@other.test")
                                        << QByteArray("password123") << int(Error::Kind::Invalid);
        QTest::newRow("bad syntax") << QStringLiteral("a b@example.test")
                                    << QByteArray("password123") << int(Error::Kind::Invalid);
        QTest::newRow("percent hack") << QStringLiteral("a%b@example.test")
                                      << QByteArray("password123") << int(Error::Kind::Invalid);
        QTest::newRow("short password") << QStringLiteral("new@example.test") << QByteArray("short")
                                        << int(Error::Kind::Invalid);
    }
    void accountRules()
    {
        QFETCH(QString, address);
        QFETCH(QByteArray, password);
        QFETCH(int, kind);
        auto r = AccountService(*m_db, m_dir->mailRoot())
                     .add({address, QString(), Account::Role::User, password, 0, 0});
        QVERIFY(!r);
        QCOMPARE(int(r.error().kind), kind);
    }
    void passwordIsStoredHashed()
    {
        auto a = AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        QVERIFY(a);
        QVERIFY(a->passwordHash.startsWith(QLatin1String("$scrypt$")));
        QVERIFY(!a->passwordHash.contains(QLatin1String("password123")));
        QFile db(m_dir->databaseFile());
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.readAll().contains("password123"));
    }
    void reservedAddressesReachTheAdministrator()
    {
        RecipientPolicy p(*m_db);
        for (const char *a :
             {"postmaster@example.test", "mailer-daemon@example.test", "root@example.test"}) {
            const RecipientDecision d = p.decide(*MailAddress::parse(QByteArrayView(a)), false);
            QCOMPARE(d.kind, RecipientDecision::Kind::Local);
            QCOMPARE(d.account.address, QStringLiteral("admin@example.test"));
        }
        QCOMPARE(p.decide(*MailAddress::parse(QStringLiteral("noreply@example.test")), false).kind,
                 RecipientDecision::Kind::Discard);
        QCOMPARE(p.decide(*MailAddress::parse(QStringLiteral("x@other.test")), false).kind,
                 RecipientDecision::Kind::Denied);
        QCOMPARE(p.decide(*MailAddress::parse(QStringLiteral("x@other.test")), true).kind,
                 RecipientDecision::Kind::Remote);
        QCOMPARE(p.decide(*MailAddress::parse(QStringLiteral("user%other.test@example.test")), true)
                     .kind,
                 RecipientDecision::Kind::Denied);
        QCOMPARE(p.decide(*MailAddress::parse(QStringLiteral("nobody@example.test")), false).kind,
                 RecipientDecision::Kind::Unknown);
    }
    void deliveryIsIndexedAndRenamed()
    {
        StoreWriter w(m_dir->databaseFile());
        w.start();
        QVERIFY(
            commitSync(w, std::make_shared<DeliveryJob>(requestFor(
                              QStringLiteral("user@example.test"), "Subject: a\r\n\r\nbody\r\n"))));
        auto a = AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        auto list = MessageStore(*m_db).list(*AccountStore(*m_db).inboxId(a->id));
        QVERIFY(list);
        QCOMPARE(list->size(), 1);
        const Maildir md(m_dir->mailRoot(), a->maildir);
        QFile f(md.absolute(list->first().path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray stored = f.readAll();
        QVERIFY(stored.startsWith(
            "Return-Path: <sender@peer.test>\r\nDelivered-To: user@example.test\r\n"));
        QCOMPARE(qint64(stored.size()), list->first().size);
        QVERIFY(QDir(md.tmpDir()).isEmpty());
        w.stop();
        w.wait();
    }
    void quotaIsEnforcedAtCommit()
    {
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add({QStringLiteral("small@example.test"), QString(), Account::Role::User,
                       "password123", 300, 0}));
        StoreWriter w(m_dir->databaseFile());
        w.start();
        const QByteArray msg(100, 'x');
        QVERIFY(commitSync(w, std::make_shared<DeliveryJob>(
                                  requestFor(QStringLiteral("small@example.test"), msg))));
        auto full = commitSync(w, std::make_shared<DeliveryJob>(
                                      requestFor(QStringLiteral("small@example.test"), msg)));
        QVERIFY(!full);
        QCOMPARE(full.error().kind, Error::Kind::OverQuota);
        auto big = commitSync(w, std::make_shared<DeliveryJob>(requestFor(
                                     QStringLiteral("small@example.test"), QByteArray(400, 'x'))));
        QVERIFY(!big);
        QCOMPARE(big.error().kind, Error::Kind::TooBig);
        const Account a = *AccountStore(*m_db).find(QStringLiteral("small@example.test"));
        QCOMPARE(a.usedMessages, 1);
        QVERIFY(QDir(Maildir(m_dir->mailRoot(), a.maildir).tmpDir())
                    .isEmpty()); // refused copies removed
        w.stop();
        w.wait();
    }
    // In one group commit, a job with no directory to sync (an expunge) is
    // reported before the directory syncs of the others (a delivery), unless one
    // of those changed its mailbox: announcing that mailbox would show the
    // delivery before its directory is synced.
    void jobsWithoutDirectoriesAreNotHeldByOthersSyncs()
    {
        struct TestJob : StoreJob {
            qint64 mailbox = 0;
            QString dir;                // to sync, if any
            QSemaphore *gate = nullptr; // record() waits here: holds the writer
            Result<void> record(const Database &) override
            {
                if (gate)
                    gate->acquire();
                MailboxChangeScope::touched(mailbox);
                return {};
            }
            Result<void> commit(QSet<QString> &dirsToSync) override
            {
                if (!dir.isEmpty())
                    dirsToSync.insert(dir);
                return {};
            }
        };
        auto job = [](qint64 mailbox, const QString &dir = QString()) {
            auto j = std::make_shared<TestJob>();
            j->mailbox = mailbox;
            j->dir = dir;
            return j;
        };
        StoreWriter w(m_dir->databaseFile());
        w.start();
        QSemaphore gate, done;
        QMutex mutex;
        QStringList order;
        auto submit = [&](std::shared_ptr<TestJob> j, const QString &name) {
            w.submit(std::move(j), [&, name](Result<void> r) {
                QMutexLocker lock(&mutex);
                order << (r ? name : name + QLatin1String(" failed"));
                done.release();
            });
        };
        auto held = job(9);
        held->gate = &gate;
        submit(held, QStringLiteral("held"));
        // While the writer waits in the first job, three more queue up: one batch.
        submit(job(1, m_tmp.path()), QStringLiteral("delivery to 1"));
        submit(job(2), QStringLiteral("expunge in 2"));
        submit(job(1), QStringLiteral("expunge in 1"));
        gate.release();
        QVERIFY(done.tryAcquire(4, 10000));
        QCOMPARE(order,
                 (QStringList{QStringLiteral("held"), QStringLiteral("expunge in 2"),
                              QStringLiteral("delivery to 1"), QStringLiteral("expunge in 1")}));
        w.stop();
        w.wait();
    }
    void recoverFinishesInterruptedRenames()
    {
        const QString src = m_tmp.path() + QLatin1String("/pending-src");
        const QString dst = m_tmp.path() + QLatin1String("/pending-dst");
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        QVERIFY(
            m_db->exec(QStringLiteral("INSERT INTO pending_renames (source, target) VALUES (?, ?)"),
                       {src, dst}));
        QVERIFY(StoreWriter::recover(*m_db));
        QVERIFY(!QFile::exists(src));
        QVERIFY(QFile::exists(dst));
    }
    void recoverForgetsMessagesWhoseFileWasLost()
    {
        const Account a = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        const qint64 inbox = *AccountStore(*m_db).inboxId(a.id);
        qint64 id = 0;
        QVERIFY(m_db->transaction([&](const Database &db) -> Result<void> {
            auto r = MessageStore(db).append(inbox, QStringLiteral("new/lost"), 10, 0);
            if (!r)
                return r.error();
            id = r->id;
            return {};
        }));
        QVERIFY(m_db->exec(
            QStringLiteral(
                "INSERT INTO pending_renames (source, target, message_id) VALUES (?, ?, ?)"),
            {m_tmp.path() + QLatin1String("/lost-src"), m_tmp.path() + QLatin1String("/lost-dst"),
             id}));
        const qint64 before = MessageStore(*m_db).list(inbox)->size();
        QVERIFY(StoreWriter::recover(*m_db));
        QCOMPARE(MessageStore(*m_db).list(inbox)->size(), before - 1);
        const Account after = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        QCOMPARE(after.usedMessages, a.usedMessages); // the counters never counted the lost row
    }
    void flagOperations_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("expected");
        const int replace = int(MessageFlags::Op::Replace), add = int(MessageFlags::Op::Add),
                  remove = int(MessageFlags::Op::Remove);
        QTest::newRow("add to empty") << "" << add << "\\Seen"
                                      << "\\Seen";
        QTest::newRow("add keeps order, no duplicate")
            << "\\Seen $Work" << add << "\\seen \\Flagged"
            << "\\Seen $Work \\Flagged";
        QTest::newRow("remove ignores case") << "\\Seen $Work \\Flagged" << remove << "\\SEEN $work"
                                             << "\\Flagged";
        QTest::newRow("remove absent") << "\\Seen" << remove << "\\Deleted"
                                       << "\\Seen";
        QTest::newRow("replace") << "\\Seen $Work" << replace << "\\Answered"
                                 << "\\Answered";
        QTest::newRow("replace with nothing") << "\\Seen" << replace << ""
                                              << "";
    }
    void flagOperations()
    {
        QFETCH(QString, current);
        QFETCH(int, op);
        QFETCH(QString, given);
        QFETCH(QString, expected);
        const QStringList out = MessageFlags::apply(
            MessageFlags::split(current), MessageFlags::Op(op), MessageFlags::split(given));
        QCOMPARE(out.join(QLatin1Char(' ')), expected);
    }
    // RFC 3501 2.3.1.1: a mailbox deleted and created again has a new UIDVALIDITY,
    // even within the same second; no two mailboxes ever get the same one.
    void uidValidityNeverRepeats()
    {
        const Account a = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        const MailboxStore boxes(*m_db);
        QSet<qint64> seen;
        auto all = boxes.list(a.id);
        QVERIFY(all);
        for (const Mailbox &m : *all)
            seen.insert(m.uidValidity);
        QCOMPARE(seen.size(), all->size()); // INBOX and the default folders
        for (int round = 0; round < 5; ++round) {
            auto box =
                boxes.create(a.id, QStringLiteral("again"), QString(), QStringLiteral(".again"));
            QVERIFY(box);
            QVERIFY2(!seen.contains(box->uidValidity),
                     qPrintable(QString::number(box->uidValidity)));
            QVERIFY(box->uidValidity > 0 &&
                    box->uidValidity < (qint64(1) << 32)); // nz-number, 32 bits
            seen.insert(box->uidValidity);
            QVERIFY(boxes.remove(box->id));
        }
    }

    // Migration 5 on a database that has mailboxes already: the counter starts
    // from the highest UIDVALIDITY there, even one ahead of the clock (a clock
    // set back since), so a new mailbox never repeats one.
    void uidValidityCounterStartsAboveExistingMailboxes()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        Database db(tmp.filePath(QStringLiteral("old.db")));
        QVERIFY(db.migrate());
        const int latest = db.schemaVersion();
        const qint64 ahead = QDateTime::currentSecsSinceEpoch() + 100000;
        // Back to schema 4 (migrations 8, 6 and 5 undone) with one mailbox from the future.
        QVERIFY(undoTrackingMigration(db));
        QVERIFY(db.exec(QStringLiteral("DROP TABLE subscriptions")));
        QVERIFY(db.exec(QStringLiteral("ALTER TABLE mailboxes DROP COLUMN first_recent_uid")));
        QVERIFY(db.exec(QStringLiteral(
            "ALTER TABLE mailboxes ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1")));
        QVERIFY(db.exec(QStringLiteral("DROP TABLE uidvalidity_issued")));
        QVERIFY(db.exec(
            QStringLiteral("INSERT INTO domains (name, created_at) VALUES ('old.test', 0)")));
        auto account = db.exec(
            QStringLiteral("INSERT INTO accounts (address, domain_id, role, maildir, created_at) "
                           "VALUES ('u@old.test', (SELECT id FROM domains), 'user', 'u', 0)"));
        QVERIFY(account);
        const qint64 accountId = account->lastInsertId().toLongLong();
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO mailboxes (account_id, name, uidvalidity) VALUES (?, 'INBOX', ?)"),
            {accountId, ahead}));
        QVERIFY(db.exec(QStringLiteral("PRAGMA user_version=4")));
        QVERIFY(db.migrate());
        QCOMPARE(db.schemaVersion(), latest);
        auto box = MailboxStore(db).create(accountId, QStringLiteral("new"), QString(),
                                           QStringLiteral(".new"));
        QVERIFY(box);
        QCOMPARE(box->uidValidity, ahead + 1);
    }

    // Migration 6 on a schema-5 database: subscribed mailboxes become subscriptions,
    // unsubscribed ones do not, and the messages already there are not \Recent.
    void subscriptionsAndRecentMarkFromSchema5()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        Database db(tmp.filePath(QStringLiteral("five.db")));
        QVERIFY(db.migrate());
        const int latest = db.schemaVersion();
        QVERIFY(undoTrackingMigration(db));
        QVERIFY(db.exec(QStringLiteral("DROP TABLE subscriptions")));
        QVERIFY(db.exec(QStringLiteral("ALTER TABLE mailboxes DROP COLUMN first_recent_uid")));
        QVERIFY(db.exec(QStringLiteral(
            "ALTER TABLE mailboxes ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1")));
        QVERIFY(db.exec(
            QStringLiteral("INSERT INTO domains (name, created_at) VALUES ('five.test', 0)")));
        auto account = db.exec(
            QStringLiteral("INSERT INTO accounts (address, domain_id, role, maildir, created_at) "
                           "VALUES ('u@five.test', (SELECT id FROM domains), 'user', 'u', 0)"));
        QVERIFY(account);
        const qint64 accountId = account->lastInsertId().toLongLong();
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO mailboxes (account_id, name, uidvalidity, uidnext, subscribed) "
                "VALUES (?, 'on', 1, 7, 1), (?, 'off', 2, 3, 0)"),
            {accountId, accountId}));
        QVERIFY(db.exec(QStringLiteral("PRAGMA user_version=5")));
        QVERIFY(db.migrate());
        QCOMPARE(db.schemaVersion(), latest);
        const MailboxStore boxes(db);
        QCOMPARE(*boxes.subscriptions(accountId), QStringList{QStringLiteral("on")});
        QVERIFY(boxes.find(accountId, QStringLiteral("on"))->subscribed);
        QVERIFY(!boxes.find(accountId, QStringLiteral("off"))->subscribed);
        QCOMPARE(boxes.find(accountId, QStringLiteral("on"))->firstRecentUid, 7);
        QCOMPARE(boxes.find(accountId, QStringLiteral("off"))->firstRecentUid, 3);
    }

    // Subscriptions are names (RFC 3501 6.3.6): the built-in folders start subscribed, a
    // user's folder does not; RENAME takes a subscription along, DELETE leaves it.
    void subscriptionsAreNames()
    {
        const Account a = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        const MailboxStore boxes(*m_db);
        const QStringList builtIn = *boxes.subscriptions(a.id);
        for (const char *name : {"INBOX", "Sent", "Drafts", "Trash", "Junk"})
            QVERIFY2(builtIn.contains(QLatin1String(name)), name);
        auto box = boxes.create(a.id, QStringLiteral("subs"), QString(), QStringLiteral(".subs"));
        QVERIFY(box);
        QVERIFY(!box->subscribed);
        QVERIFY(boxes.setSubscribed(a.id, QStringLiteral("subs"), true));
        QVERIFY(boxes.setSubscribed(a.id, QStringLiteral("subs"), true)); // twice is once
        QVERIFY(boxes.findById(box->id)->subscribed);
        QVERIFY(boxes.rename(box->id, QStringLiteral("subs2")));
        QVERIFY(boxes.findById(box->id)->subscribed);
        QVERIFY(!boxes.subscriptions(a.id)->contains(QStringLiteral("subs")));
        QVERIFY(boxes.remove(box->id));
        QVERIFY(boxes.subscriptions(a.id)->contains(QStringLiteral("subs2")));
        QVERIFY(boxes.setSubscribed(a.id, QStringLiteral("subs2"), false));
        QCOMPARE(*boxes.subscriptions(a.id), builtIn);
    }

    // RFC 3501 2.3.2: one claim per message, whichever thread asks; a mailbox whose id
    // comes back with another UIDVALIDITY starts again from what the store says.
    void recentIsClaimedOnce()
    {
        MailboxEvents events;
        QCOMPARE(events.firstUnclaimed(7, 100, 1), 1);
        QCOMPARE(events.claimRecent(7, 100, 1, 5), 1); // UIDs 1..4 are this claim's
        QCOMPARE(events.claimRecent(7, 100, 1, 5), 5); // nothing left for another
        QCOMPARE(events.firstUnclaimed(7, 100, 1), 5);
        QCOMPARE(events.claimRecent(7, 100, 1, 8), 5); // 5..7 arrived since
        QCOMPARE(events.claimRecent(7, 100, 6, 8), 8); // a stale stored mark never goes back
        QCOMPARE(events.firstUnclaimed(7, 200, 1), 1); // another mailbox with the same id
        QCOMPARE(events.claimRecent(7, 200, 3, 4), 3);
        // Many threads claim the same new UIDs at once: they are shared out, never twice.
        MailboxEvents racing;
        QMutex lock;
        QList<QPair<qint64, qint64>> claims;
        QList<QThread *> threads;
        for (int t = 0; t < 8; ++t)
            threads << QThread::create([&]() {
                for (qint64 next = 2; next <= 500; ++next) {
                    const qint64 first = racing.claimRecent(1, 1, 1, next);
                    QMutexLocker l(&lock);
                    claims << qMakePair(first, next);
                }
            });
        for (QThread *t : std::as_const(threads))
            t->start();
        for (QThread *t : std::as_const(threads)) {
            t->wait();
            delete t;
        }
        QList<int> owners(500, 0);
        for (const auto &[first, next] : std::as_const(claims))
            for (qint64 uid = first; uid < next; ++uid)
                ++owners[int(uid)];
        for (int uid = 1; uid < 500; ++uid)
            QCOMPARE(owners[uid], 1);
    }

    void firstRecentUidNeverGoesBack()
    {
        QList<qint64> ids;
        auto box = mailboxWithMessages(QStringLiteral("recentmark"), 2, ids);
        QVERIFY(box);
        const MailboxStore boxes(*m_db);
        QCOMPARE(box->firstRecentUid, 1);
        QVERIFY(boxes.setFirstRecentUid(box->id, box->uidValidity, 3));
        QVERIFY(boxes.setFirstRecentUid(box->id, box->uidValidity, 2));
        QVERIFY(boxes.setFirstRecentUid(box->id, box->uidValidity + 1, 9)); // not this mailbox
        QCOMPARE(boxes.findById(box->id)->firstRecentUid, 3);
        QCOMPARE(*MessageStore(*m_db).countFromUid(box->id, 2), 1);
    }

    // RFC 7162: every change gets a higher modseq; expunged UIDs are remembered with theirs.
    void modseqTracksFlagsAndExpunges()
    {
        QList<qint64> ids;
        auto box = mailboxWithMessages(QStringLiteral("modseq"), 3, ids);
        QVERIFY(box);
        const MessageStore store(*m_db);
        auto start = store.snapshot(box->id);
        QVERIFY(start);
        QCOMPARE(start->changed.size(), 3);
        const qint64 base = start->mailbox.highestModseq;
        QCOMPARE(start->changed.last().modseq, base);

        auto stored = store.storeFlags(box->id, {ids[0], ids[1]}, MessageFlags::Op::Add,
                                       {QStringLiteral("\\Seen")});
        QVERIFY(stored);
        QCOMPARE(stored->size(), 2);
        QVERIFY(stored->at(0).modseq > base);
        QCOMPARE(stored->at(0).modseq, stored->at(1).modseq); // one STORE, one modseq
        const qint64 afterStore = stored->at(0).modseq;
        // Nothing to change: the modseq stays; UNCHANGEDSINCE below the message's fails.
        auto again =
            store.storeFlags(box->id, {ids[0]}, MessageFlags::Op::Add, {QStringLiteral("\\seen")});
        QCOMPARE(again->first().modseq, afterStore);
        auto conditional = store.storeFlags(box->id, {ids[0], ids[2]}, MessageFlags::Op::Add,
                                            {QStringLiteral("\\Flagged")}, base);
        QVERIFY(conditional->at(0).modified);
        QVERIFY(!conditional->at(1).modified);
        QCOMPARE(conditional->at(1).flags, QStringLiteral("\\Flagged"));

        QVERIFY(store.remove({ids[1]}));
        auto changes = store.changesSince(box->id, base);
        QVERIFY(changes);
        QCOMPARE(changes->changed.size(), 2); // ids[0] (\Seen) and ids[2] (\Flagged)
        QCOMPARE(changes->vanished, QList<qint64>{2});
        QVERIFY(changes->mailbox.highestModseq > conditional->at(1).modseq);
        QCOMPARE(changes->mailbox.messages, 2);
        auto none = store.changesSince(box->id, changes->mailbox.highestModseq);
        QVERIFY(none->changed.isEmpty() && none->vanished.isEmpty());
        QCOMPARE(store.unseenCount(box->id).value_or(-1), 1);
    }
    // The expunge history is bounded: past kVanishedHistory mod-sequences the
    // oldest UIDs are forgotten, and a client asking from before that is told
    // every UID that is gone (a superset RFC 7162 allows), never too few.
    void expungeHistoryIsBounded()
    {
        QList<qint64> ids;
        auto box = mailboxWithMessages(QStringLiteral("history"), 4, ids);
        QVERIFY(box);
        const MessageStore store(*m_db);
        auto remember = [&](const QString &sql) {
            auto q = m_db->exec(sql, {box->id});
            return q && q->next() ? q->value(0).toLongLong() : -1;
        };
        const qint64 before =
            remember(QStringLiteral("SELECT highest_modseq FROM mailboxes WHERE id = ?"));
        QVERIFY(m_db->transaction(
            [&](const Database &db) { return MessageStore(db).remove({ids[0]}); }));
        QCOMPARE(*store.vanishedSince(box->id, before), QList<qint64>{1});
        // A long history later (flag changes, other expunges), one more expunge.
        QVERIFY(m_db->exec(
            QStringLiteral("UPDATE mailboxes SET highest_modseq = highest_modseq + ? WHERE id = ?"),
            {MessageStore::kVanishedHistory + 2000, box->id}));
        const qint64 recent =
            remember(QStringLiteral("SELECT highest_modseq FROM mailboxes WHERE id = ?"));
        QVERIFY(m_db->transaction(
            [&](const Database &db) { return MessageStore(db).remove({ids[2]}); }));
        QCOMPARE(remember(QStringLiteral("SELECT count(*) FROM expunged WHERE mailbox_id = ?")),
                 1); // UID 1 forgotten
        QCOMPARE(*store.vanishedSince(box->id, recent), QList<qint64>{3});
        QCOMPARE(*store.vanishedSince(box->id, before),
                 (QList<qint64>{1, 3})); // from the messages left
        auto changes = store.changesSince(box->id, before);
        QVERIFY(changes);
        QCOMPARE(changes->vanished, (QList<qint64>{1, 3}));
    }
    void removeDeletesMaildir()
    {
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add({QStringLiteral("gone@example.test"), QString(), Account::Role::User,
                       QByteArray(), 0, 0}));
        const QString root = Maildir(m_dir->mailRoot(),
                                     Maildir::relativePathFor(QStringLiteral("gone@example.test")))
                                 .root();
        QVERIFY(QDir(root).exists());
        QVERIFY(s.remove(QStringLiteral("gone@example.test")));
        QVERIFY(!QDir(root).exists());
        QVERIFY(!s.remove(QStringLiteral("noreply@example.test")));
    }
    // readMessageFile reads the whole file whatever size it is told to expect.
    void readMessageFileReadsItWhole_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("expected");
        QTest::newRow("empty, unknown") << 0 << -1;
        QTest::newRow("empty, as recorded") << 0 << 0;
        QTest::newRow("as recorded") << 4000 << 4000;
        QTest::newRow("unknown size") << 70000 << -1;
        QTest::newRow("larger than recorded") << 70000 << 10;
        QTest::newRow("much larger than recorded") << 300000 << 0;
        QTest::newRow("smaller than recorded") << 100 << 5000;
    }
    void readMessageFileReadsItWhole()
    {
        QFETCH(int, size);
        QFETCH(int, expected);
        QByteArray content(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            content[i] = char('a' + i % 26);
        const QString path = m_tmp.filePath(
            QStringLiteral("read-%1").arg(QString::fromUtf8(QTest::currentDataTag())));
        QVERIFY(writeFileSynced(path, {content}));
        const auto read = readMessageFile(path, expected);
        QVERIFY(read);
        QCOMPARE(read->size(), content.size());
        QCOMPARE(*read, content);
        QVERIFY(!readMessageFile(m_tmp.filePath(QStringLiteral("no such file")), expected));
    }

    // Folder rules: Maildir++ names, reserved names, and the jobs that make and remove folders.
    void folderRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("directory");
        QTest::addColumn<bool>("reserved");
        QTest::newRow("plain") << QStringLiteral("Work") << QStringLiteral(".Work") << false;
        QTest::newRow("nested") << QStringLiteral("Work/2026") << QStringLiteral(".Work.2026")
                                << false;
        QTest::newRow("dot in a level")
            << QStringLiteral("v1.2") << QStringLiteral(".v1&AC4-2") << false;
        QTest::newRow("japanese") << QStringLiteral("請求書") << QStringLiteral(".&istsQmb4-")
                                  << false;
        QTest::newRow("reserved, any case")
            << QStringLiteral("Trash/old") << QStringLiteral(".Trash.old") << true;
        QTest::newRow("reserved japanese") << QStringLiteral("迷惑メール") << QString() << true;
    }
    void folderRules()
    {
        QFETCH(QString, name);
        QFETCH(QString, directory);
        QFETCH(bool, reserved);
        QCOMPARE(FolderRules::isReserved(name), reserved);
        if (!directory.isEmpty())
            QCOMPARE(FolderRules::directoryFor(name), directory);
    }
    void folderJobsMakeAndRemoveDirectoriesWithTheirRows()
    {
        StoreWriter w(m_dir->databaseFile());
        w.start();
        const Account a = *AccountStore(*m_db).find(QStringLiteral("user@example.test"));
        const QString root = Maildir(m_dir->mailRoot(), a.maildir).root();
        const QStringList names = {QStringLiteral("Jobs"), QStringLiteral("Jobs/Sub")};
        QVERIFY(commitSync(w, std::make_shared<CreateFoldersJob>(root, a.id, names)));
        for (const QString &n : names) {
            QVERIFY(MailboxStore(*m_db).find(a.id, n));
            QVERIFY(
                QDir(root + QLatin1Char('/') + FolderRules::directoryFor(n) + QLatin1String("/cur"))
                    .exists());
        }
        // A name that exists fails the transaction; the new directory made for it goes again.
        const QString again = QStringLiteral("Jobs/Other");
        auto dup = commitSync(
            w, std::make_shared<CreateFoldersJob>(root, a.id, QStringList{again, names.first()}));
        QVERIFY(!dup);
        QVERIFY(!MailboxStore(*m_db).find(a.id, again));
        QVERIFY(!QDir(root + QLatin1Char('/') + FolderRules::directoryFor(again)).exists());
        QVERIFY(QDir(root + QLatin1Char('/') + FolderRules::directoryFor(names.first())).exists());

        const Mailbox sub = *MailboxStore(*m_db).find(a.id, names.last());
        const QString dir = root + QLatin1Char('/') + sub.directory;
        QVERIFY(commitSync(
            w, std::make_shared<DeleteFolderJob>(sub.id, dir, QList<qint64>(), QStringList())));
        QVERIFY(!MailboxStore(*m_db).find(a.id, names.last()));
        QVERIFY(!QDir(dir).exists());
        w.stop();
        w.wait();
    }
};

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
