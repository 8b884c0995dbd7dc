// QueueService over a real data dir with mail queued for other domains:
// list() joins each recipient with its message (sender, size, age) and keeps
// the state, attempts and last reply the queue recorded; retryNow() makes the
// waiting recipients due now (and only the message's); remove() deletes the
// rows and the spool file (and refuses a second time); headers() returns the
// header block only, and decodeHeaders() makes it readable.
#include "../support/testmailstore.h"

#include "queue/queuestore.h"
#include "service/queueservice.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace fumibako;

namespace
{

const QString kSender = QStringLiteral("yamada@example.test");

QByteArray message(const QByteArray &subject)
{
    return "From: <yamada@example.test>\r\nSubject: " + subject +
           "\r\n\t(continued)\r\nMessage-ID: <x@example.test>\r\n\r\nBody line\r\nSubject: not a "
           "header\r\n";
}

} // namespace

class tst_QueueService : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::TestMailStore> m_store;

    QueueService service() const { return QueueService(m_store->db(), m_store->dir()); }
    QStringList spoolFiles() const
    {
        return QDir(m_store->dir().queueDir()).entryList(QDir::Files, QDir::Name);
    }
    QList<QueueEntry> entries() const
    {
        auto l = service().list();
        return l ? *l : QList<QueueEntry>();
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TestMailStore>(QStringLiteral("example.test"));
        QVERIFY2(m_store->problem().isEmpty(), qPrintable(m_store->problem()));
    }
    void cleanup() { m_store.reset(); }

    void emptyQueue()
    {
        auto l = service().list();
        QVERIFY(l);
        QVERIFY(l->isEmpty());
        QCOMPARE(service().remove(1).error().kind, Error::Kind::NotFound);
        QCOMPARE(service().retryNow(1).error().kind, Error::Kind::NotFound);
        QCOMPARE(service().headers(1).error().kind, Error::Kind::NotFound);
    }

    void listAfterQueuing()
    {
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        QVERIFY(m_store->queue(
            kSender, {QStringLiteral("bob@example.net"), QStringLiteral("carol@Example.ORG")},
            message("one")));
        QVERIFY(m_store->queue(QString(), {QStringLiteral("dave@example.net")}, message("report")));
        const QList<QueueEntry> l = entries();
        QCOMPARE(l.size(), 3);
        QCOMPARE(spoolFiles().size(), 2);
        QCOMPARE(l[0].recipient, QStringLiteral("bob@example.net"));
        QCOMPARE(l[0].domain, QStringLiteral("example.net"));
        QCOMPARE(l[1].domain, QStringLiteral("example.org"));
        QCOMPARE(l[0].queueId, l[1].queueId);
        QVERIFY(l[2].queueId != l[0].queueId);
        QVERIFY(l[0].recipientId != l[1].recipientId);
        QCOMPARE(l[0].sender, kSender);
        QCOMPARE(l[2].sender, QString());
        for (const QueueEntry &e : l) {
            QCOMPARE(e.state, QueueEntry::State::Queued);
            QCOMPARE(e.attempts, 0);
            QVERIFY(e.createdAt >= before);
            QVERIFY(e.nextTry >= before);
            QVERIFY(e.size > message("one").size()); // with the trace header
        }
    }

    void listShowsWhatTheQueueRecorded()
    {
        QVERIFY(m_store->queue(
            kSender, {QStringLiteral("bob@example.net"), QStringLiteral("eve@example.org")},
            message("deferred")));
        auto recipients = QueueStore(m_store->db()).recipients();
        QVERIFY(recipients);
        QueuedRecipient r = recipients->first();
        r.state = QueuedRecipient::State::Deferred;
        r.attempts = 2;
        r.nextTry = QDateTime::currentSecsSinceEpoch() + 600;
        r.lastAttempt = QDateTime::currentSecsSinceEpoch();
        r.lastReply = QStringLiteral("451 4.3.0 Try again later");
        r.remoteMta = QStringLiteral("mx.example.net");
        QVERIFY(m_store->db().transaction(
            [&](const Database &db) { return QueueStore(db).update(r); }));
        QueuedRecipient delivered = recipients->at(1);
        delivered.state = QueuedRecipient::State::Delivered;
        QVERIFY(m_store->db().transaction(
            [&](const Database &db) { return QueueStore(db).update(delivered); }));

        const QList<QueueEntry> l = entries();
        QCOMPARE(l.size(), 2);
        QCOMPARE(l[0].state, QueueEntry::State::Deferred);
        QCOMPARE(l[0].attempts, 2);
        QCOMPARE(l[0].nextTry, r.nextTry);
        QCOMPARE(l[0].lastReply, r.lastReply);
        QCOMPARE(l[0].remoteMta, r.remoteMta);
        QCOMPARE(l[1].state, QueueEntry::State::Delivered);

        // Retry now: the deferred recipient is due at once; the delivered one is left alone.
        QVERIFY(service().retryNow(l[0].queueId));
        const QList<QueueEntry> after = entries();
        QVERIFY(after[0].nextTry <= QDateTime::currentSecsSinceEpoch());
        QCOMPARE(after[0].state, QueueEntry::State::Deferred);
        QCOMPARE(after[0].attempts, 2);
        QCOMPARE(after[1].state, QueueEntry::State::Delivered);
        auto due = QueueStore(m_store->db()).due(QDateTime::currentSecsSinceEpoch() + 1, 10);
        QVERIFY(due);
        QCOMPARE(due->size(), 1);
        QCOMPARE(due->first().recipient.id, l[0].recipientId);
    }

    void retryTouchesOnlyItsMessage()
    {
        QVERIFY(m_store->queue(kSender, {QStringLiteral("a@example.net")}, message("a")));
        QVERIFY(m_store->queue(kSender, {QStringLiteral("b@example.net")}, message("b")));
        const QList<QueueEntry> l = entries();
        QVERIFY(service().retryNow(l[1].queueId));
        const QList<QueueEntry> after = entries();
        QCOMPARE(after[0].nextTry, l[0].nextTry);
        QVERIFY(after[1].nextTry <= QDateTime::currentSecsSinceEpoch());
    }

    void removeDeletesRowsAndSpoolFile()
    {
        QVERIFY(m_store->queue(
            kSender, {QStringLiteral("bob@example.net"), QStringLiteral("carol@example.org")},
            message("gone")));
        QVERIFY(m_store->queue(kSender, {QStringLiteral("dave@example.net")}, message("kept")));
        const QList<QueueEntry> l = entries();
        QCOMPARE(l.size(), 3);
        const QStringList files = spoolFiles();
        QCOMPARE(files.size(), 2);
        auto gone = QueueStore(m_store->db()).message(l[0].queueId);
        QVERIFY(gone);
        QVERIFY(files.contains(gone->path));

        QVERIFY(service().remove(l[0].queueId));
        const QList<QueueEntry> after = entries();
        QCOMPARE(after.size(), 1);
        QCOMPARE(after[0].recipient, QStringLiteral("dave@example.net"));
        QVERIFY(!QFile::exists(m_store->dir().queueDir() + QLatin1Char('/') + gone->path));
        QCOMPARE(spoolFiles().size(), 1);
        auto rows = QueueStore(m_store->db()).recipients(l[0].queueId);
        QVERIFY(rows);
        QVERIFY(rows->isEmpty()); // the recipients went with the message

        QCOMPARE(service().remove(l[0].queueId).error().kind, Error::Kind::NotFound);
        QCOMPARE(spoolFiles().size(), 1);
    }

    void headersOnly()
    {
        QVERIFY(m_store->queue(kSender, {QStringLiteral("bob@example.net")},
                               message("=?UTF-8?B?6KaL56mN5pu4?=")));
        const QList<QueueEntry> l = entries();
        auto h = service().headers(l[0].queueId);
        QVERIFY(h);
        QVERIFY(h->startsWith("Received: test\r\n"));
        QVERIFY(h->contains("Message-ID: <x@example.test>\r\n"));
        QVERIFY(!h->contains("Body line"));
        QVERIFY(!h->contains("not a header"));
        const QString decoded = QueueService::decodeHeaders(*h);
        QVERIFY2(decoded.contains(QString::fromUtf8("Subject: 見積書 (continued)")),
                 qPrintable(decoded));
        QCOMPARE(decoded.split(QLatin1Char('\n')).size(), 4);
    }
};

QTEST_GUILESS_MAIN(tst_QueueService)
#include "tst_queueservice.moc"
