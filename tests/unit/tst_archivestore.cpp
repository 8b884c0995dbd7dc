// The archive as stored and searched: one copy per content however many
// entries, each charset decoded before indexing, every query kind and filter,
// pages, retention and the cap with given times, capacity warnings once per
// crossing, the search users' limits, and what an export writes.
#include "archive/archivestore.h"
#include "common/clock.h"
#include "service/accountservice.h"
#include "service/archiveservice.h"
#include "service/datadir.h"
#include "service/settings.h"
#include "store/quarantinestore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fumibako;

namespace
{

constexpr qint64 kDay = 86400;
const qint64 kNow = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();

QByteArray message(const QByteArray &subject, const QByteArray &body,
                   const QByteArray &contentType = "text/plain; charset=utf-8",
                   const QByteArray &from = "=?UTF-8?B?55Sw5Lit?= <alice@example.test>")
{
    return "From: " + from + "\r\nTo: bob@other.test\r\nSubject: " + subject +
           "\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body + "\r\n";
}

} // namespace

class TestArchiveStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<DataDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ArchiveStore> m_store;
    TestClock m_clock{QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC)};

    qint64 archive(const QByteArray &bytes, qint64 at,
                   ArchiveDirection direction = ArchiveDirection::Sent,
                   QStringList accounts = {QStringLiteral("alice@example.test")},
                   QStringList recipients = {QStringLiteral("bob@other.test")})
    {
        ArchiveRecord r;
        r.direction = direction;
        r.sender = QStringLiteral("alice@example.test");
        r.recipients = recipients;
        r.accounts = accounts;
        r.receivedAt = at;
        ArchiveJob job(r, bytes);
        if (!runStoreJobNow(*m_db, job))
            return 0;
        return job.entryId();
    }
    QList<qint64> ids(const ArchiveQuery &q)
    {
        auto page = m_store->search(q);
        if (!page) {
            qWarning() << page.error().message << page.error().detail;
            return {-1};
        }
        QList<qint64> out;
        for (const ArchiveEntry &e : page->entries)
            out << e.id;
        return out;
    }
    QList<qint64> ids(const QString &text)
    {
        ArchiveQuery q;
        q.text = text;
        return ids(q);
    }
    void wipe()
    {
        for (const char *sql : {"DELETE FROM archive_entries", "DELETE FROM archive_journal",
                                "DELETE FROM archive_contents",
                                "INSERT INTO archive_fts (archive_fts) VALUES ('delete-all')",
                                "UPDATE archive_totals SET entries = 0, contents = 0, "
                                "stored_bytes = 0, index_bytes = 0",
                                "DELETE FROM archive_warnings"})
            QVERIFY(m_db->exec(QString::fromLatin1(sql)));
        QDir(m_store->root()).removeRecursively();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = std::make_unique<DataDir>(m_tmp.path() + QLatin1String("/data"));
        QVERIFY(m_dir->initialize({QStringLiteral("example.test"), QString()}));
        m_db = std::make_unique<Database>(m_dir->databaseFile());
        QVERIFY(m_db->migrate());
        AccountService s(*m_db, m_dir->mailRoot());
        QVERIFY(s.add(
            {QStringLiteral("admin@example.test"), QString(), Account::Role::Admin, {}, 0, 0}));
        for (const char *a : {"alice@example.test", "bob@example.test"})
            QVERIFY(s.add({QString::fromLatin1(a), QString(), Account::Role::User, {}, 0, 0}));
        m_store = std::make_unique<ArchiveStore>(*m_db, m_dir->archiveDir());
        m_clock.set(QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC));
    }
    void init() { wipe(); }

    void oneCopyPerContent()
    {
        QStringList ten;
        for (int i = 0; i < 10; ++i)
            ten << QStringLiteral("r%1@other.test").arg(i);
        const QByteArray m = message("hello", "ten people");
        const qint64 first =
            archive(m, kNow, ArchiveDirection::Sent, {QStringLiteral("alice@example.test")}, ten);
        QVERIFY(first > 0);
        auto u = m_store->usage();
        QVERIFY(u);
        QCOMPARE(u->entries, 1);
        QCOMPARE(u->messages, 1);
        QCOMPARE(m_store->find(first)->recipients, ten);
        // The same bytes again: a second entry, no second copy.
        const qint64 second = archive(m, kNow + 1);
        u = m_store->usage();
        QCOMPARE(u->entries, 2);
        QCOMPARE(u->messages, 1);
        QCOMPARE(*m_store->raw(second), m);
        // Moved from the journal to its file, still the same bytes.
        QCOMPARE(*m_store->flushJournal(), 1);
        auto files = QDir(m_store->root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(files.size(), 1);
        QCOMPARE(*m_store->raw(first), m);
        QCOMPARE(*m_store->flushJournal(), 0);
    }

    void decodedBeforeIndexing()
    {
        // ISO-2022-JP with the NEC row (① ㈱), Shift_JIS, EUC-JP, HTML, an
        // attachment's name, an RFC 2047 subject.
        const qint64 jis =
            archive(message("=?ISO-2022-JP?B?GyRCOEA4bBsoQg==?=",
                            "\x1b$B3t<02q<R$N@A5a=q\x1b(B \x1b$B-!\x1b(B \x1b$B-j\x1b(B",
                            "text/plain; charset=ISO-2022-JP"),
                    kNow);
        const qint64 sjis = archive(message("sjis", "\x8c\xa9\x90\xcf\x8f\x91\x82\xc5\x82\xb7",
                                            "text/plain; charset=Shift_JIS"),
                                    kNow + 1);
        const qint64 euc = archive(
            message("euc", "\xb2\xf1\xb5\xc4\xbc\xbc", "text/plain; charset=EUC-JP"), kNow + 2);
        const qint64 html =
            archive(message("html", "<p>&#x7D0D;&#x54C1;&#x66F8;</p><script>nothing</script>",
                            "text/html; charset=utf-8"),
                    kNow + 3);
        const qint64 attached = archive(
            "From: alice@example.test\r\nTo: bob@other.test\r\nSubject: file\r\nMIME-Version: "
            "1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: "
            "text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/pdf\r\n"
            "Content-Disposition: attachment; filename*=UTF-8''%E8%A6%8B%E7%A9%8D.pdf\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--b--\r\n",
            kNow + 4);
        QCOMPARE(ids(QStringLiteral("株")), QList<qint64>{jis});
        QCOMPARE(ids(QStringLiteral("請求")), QList<qint64>{jis});
        QCOMPARE(ids(QStringLiteral("株式会社")), QList<qint64>{jis});
        QCOMPARE(ids(QStringLiteral("①")), QList<qint64>{jis});
        QCOMPARE(ids(QStringLiteral("㈱")), QList<qint64>{jis});
        QCOMPARE(ids(QStringLiteral("言語")), QList<qint64>{jis}); // the subject, decoded
        QCOMPARE(ids(QStringLiteral("見積書")), QList<qint64>{sjis});
        QCOMPARE(ids(QStringLiteral("会議室")), QList<qint64>{euc});
        QCOMPARE(ids(QStringLiteral("納品書")), QList<qint64>{html});
        QCOMPARE(ids(QStringLiteral("nothing")), QList<qint64>{}); // scripts are not text
        QCOMPARE(ids(QStringLiteral("見積")), (QList<qint64>{attached, sjis}));
        QCOMPARE(ids(QStringLiteral("田中")).size(), 4); // the From name, RFC 2047
        ArchiveQuery q;
        q.hasAttachments = true;
        QCOMPARE(ids(q), QList<qint64>{attached});
        q.hasAttachments = false;
        QCOMPARE(ids(q), (QList<qint64>{html, euc, sjis, jis}));
        QCOMPARE(m_store->find(jis)->subject, QStringLiteral("言語"));
        QVERIFY(m_store->find(attached)->hasAttachments);
    }

    void filtersAndPages()
    {
        QList<qint64> all;
        for (int i = 0; i < 30; ++i) {
            const bool sent = i % 2 == 0;
            all << archive(
                message("会議 " + QByteArray::number(i), "本文"), kNow - (30 - i) * kDay,
                sent ? ArchiveDirection::Sent : ArchiveDirection::Received,
                {sent ? QStringLiteral("alice@example.test") : QStringLiteral("bob@example.test")});
        }
        ArchiveQuery q;
        q.text = QStringLiteral("会議");
        q.limit = 7;
        QList<qint64> seen;
        for (;;) {
            auto page = m_store->search(q);
            QVERIFY(page);
            for (const ArchiveEntry &e : page->entries)
                seen << e.id;
            if (!page->more)
                break;
            q.before = page->entries.last().id;
        }
        QList<qint64> newestFirst(all.rbegin(), all.rend());
        QCOMPARE(seen, newestFirst);

        ArchiveQuery d;
        d.text = QStringLiteral("本文");
        d.direction = ArchiveDirection::Received;
        d.limit = 100;
        QCOMPARE(ids(d).size(), 15);
        d.direction.reset();
        d.accounts = {QStringLiteral("ALICE@example.test")};
        QCOMPARE(ids(d).size(), 15);
        d.accounts.clear();
        d.since = kNow - 10 * kDay;
        d.until = kNow - 5 * kDay;
        const QList<qint64> window = ids(d);
        QCOMPARE(window, (QList<qint64>{all[24], all[23], all[22], all[21], all[20]}));
        // No text: the filters alone.
        ArchiveQuery f;
        f.since = kNow - 3 * kDay;
        QCOMPARE(ids(f), (QList<qint64>{all[29], all[28], all[27]}));
        f.direction = ArchiveDirection::Sent;
        QCOMPARE(ids(f), (QList<qint64>{all[28]}));
        ArchiveQuery from;
        from.from = QStringLiteral("田中");
        from.to = QStringLiteral("bob@other.test");
        from.limit = 100;
        QCOMPARE(ids(from).size(), 30);
        from.to = QStringLiteral("carol@other.test");
        QCOMPARE(ids(from), QList<qint64>{});
    }

    void newMailIsFoundAtOnce()
    {
        QCOMPARE(ids(QStringLiteral("新着")), QList<qint64>{});
        const qint64 id = archive(message("新着", "x"), kNow);
        QCOMPARE(ids(QStringLiteral("新着")), QList<qint64>{id});
        QCOMPARE(m_store->usage()->pending, 0);
    }

    // A message that took longer to pass the scanners than one after it is
    // committed later: it takes that one's date, so a date range is a range
    // of ids and the order by date is the order by id.
    void datesNeverGoBack()
    {
        const qint64 later = archive(message("順序", "later"), kNow);
        const qint64 slow = archive(message("順序", "slow"), kNow - 5);
        QCOMPARE(m_store->find(slow)->receivedAt, kNow);
        ArchiveQuery q;
        q.text = QStringLiteral("順序");
        q.since = kNow - 60;
        QCOMPARE(ids(q), (QList<qint64>{slow, later}));
    }

    void retentionByDirectionAndAge()
    {
        const qint64 oldSent = archive(message("古い", "a"), kNow - 91 * kDay);
        const qint64 oldReceived =
            archive(message("古い", "b"), kNow - 91 * kDay, ArchiveDirection::Received);
        const qint64 recent = archive(message("古い", "c"), kNow - 89 * kDay);
        // The same content as the old sent one, still in its period: the file stays.
        const qint64 twin = archive(message("古い", "a"), kNow - kDay);
        QCOMPARE(ids(QStringLiteral("古い")).size(), 4);
        QVERIFY(m_store->flushJournal());
        auto deleted = m_store->expire(kNow, 90, 365, 0);
        QVERIFY(deleted);
        QCOMPARE(*deleted, 1);
        QCOMPARE(ids(QStringLiteral("古い")), (QList<qint64>{twin, recent, oldReceived}));
        QVERIFY(!m_store->find(oldSent));
        QCOMPARE(*m_store->raw(twin), message("古い", "a"));
        deleted = m_store->expire(kNow, 30, 30, 0);
        QCOMPARE(*deleted, 2);
        QCOMPARE(ids(QStringLiteral("古い")), QList<qint64>{twin});
        auto u = m_store->usage();
        QCOMPARE(u->entries, 1);
        QCOMPARE(u->messages, 1);
        // The index is whole after the deletions.
        QVERIFY(m_db->exec(
            QStringLiteral("INSERT INTO archive_fts (archive_fts) VALUES ('integrity-check')")));
        // And the files of the contents that went are gone.
        int files = 0;
        for (const QString &d : QDir(m_store->root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            files +=
                int(QDir(m_store->root() + QLatin1Char('/') + d).entryList(QDir::Files).size());
        QCOMPARE(files, 1);
    }

    void capDeletesOldestFirst()
    {
        QList<qint64> all;
        for (int i = 0; i < 20; ++i)
            all << archive(message("cap " + QByteArray::number(i), QByteArray(2000, char('a' + i))),
                           kNow - (20 - i) * 60);
        QVERIFY(m_store->search({}));
        const qint64 used = m_store->usage()->usedBytes();
        auto deleted = m_store->expire(kNow, 90, 90, used / 2);
        QVERIFY(deleted);
        QVERIFY(*deleted >= 10);
        QVERIFY(m_store->usage()->usedBytes() <= used / 2);
        ArchiveQuery q;
        q.limit = 100;
        const QList<qint64> left = ids(q);
        QCOMPARE(left.first(), all.last());
        QVERIFY(!m_store->find(all.first()));
        QCOMPARE(left.size(), 20 - *deleted);
    }

    void capacityWarningsOncePerCrossing()
    {
        ArchiveService service(*m_db, *m_dir, &m_clock);
        for (int i = 0; i < 10; ++i)
            archive(message("w " + QByteArray::number(i), QByteArray(3000, char('a' + i))), kNow);
        QVERIFY(m_store->search({}));
        const qint64 used = m_store->usage()->usedBytes();
        auto inbox = [this]() {
            return QDir(m_dir->mailRoot() + QStringLiteral("/example.test/admin/new"))
                .entryList(QDir::Files)
                .size();
        };
        const qsizetype before = inbox();
        // A cap of 1 MiB, and the usage set through the totals row.
        QVERIFY(Settings::store(*m_db, QStringLiteral("archive.capacity_mb"), QStringLiteral("1")));
        const qint64 mib = 1024 * 1024;
        auto setUsed = [this, used](qint64 target) {
            QVERIFY(m_db->exec(
                QStringLiteral("UPDATE archive_totals SET index_bytes = index_bytes + ?"),
                {target - used}));
        };
        setUsed(mib * 85 / 100);
        QVERIFY(service.sweep());
        QCOMPARE(inbox(), before + 1);
        QVERIFY(service.sweep()); // still 85 %: no second mail
        QCOMPARE(inbox(), before + 1);
        setUsed(used + mib * 10 / 100); // 95 %
        QVERIFY(service.sweep());
        QCOMPARE(inbox(), before + 2);
    }

    void searchUsers()
    {
        ArchiveService service(*m_db, *m_dir, &m_clock);
        const qint64 a = archive(message("共有", "a"), kNow, ArchiveDirection::Sent,
                                 {QStringLiteral("alice@example.test")});
        const qint64 b = archive(message("共有", "b"), kNow, ArchiveDirection::Received,
                                 {QStringLiteral("bob@example.test")});
        QCOMPARE(service
                     .addSearchUser(QStringLiteral("admin"), QStringLiteral("password-1"), {},
                                    QStringLiteral("t"))
                     .error()
                     .kind,
                 Error::Kind::Exists);
        QCOMPARE(service
                     .addSearchUser(QStringLiteral("ProvAdmin"), QStringLiteral("password-1"), {},
                                    QStringLiteral("t"))
                     .error()
                     .kind,
                 Error::Kind::Exists);
        QCOMPARE(service
                     .addSearchUser(QStringLiteral("auditor"), QStringLiteral("password-1"),
                                    {QStringLiteral("nobody@example.test")}, QStringLiteral("t"))
                     .error()
                     .kind,
                 Error::Kind::Invalid);
        QVERIFY(service.addSearchUser(QStringLiteral("auditor"), QStringLiteral("password-1"),
                                      {QStringLiteral("bob@example.test")}, QStringLiteral("t")));
        QVERIFY(!service.authenticate(QStringLiteral("auditor"), QStringLiteral("wrong-pass")));
        auto who = service.authenticate(QStringLiteral("auditor"), QStringLiteral("password-1"));
        QVERIFY(who);
        ArchiveQuery q;
        q.text = QStringLiteral("共有");
        auto page = service.search(q, *who);
        QVERIFY(page);
        QCOMPARE(page->entries.size(), 1);
        QCOMPARE(page->entries.first().id, b);
        q.accounts = {QStringLiteral("alice@example.test")};
        QCOMPARE(service.search(q, *who)->entries.size(), 0);
        QCOMPARE(service.raw(a, *who).error().kind, Error::Kind::NotFound);
        QVERIFY(service.raw(b, *who));
        QCOMPARE(service.search(q, ArchiveService::Searcher::admin())->entries.size(), 1);
        // Audited: who, the query, how many.
        auto lines = m_db->texts(QStringLiteral("SELECT text FROM log WHERE text LIKE "
                                                "'archive search \"%' ORDER BY id"));
        QVERIFY(lines);
        QVERIFY(lines->size() >= 3);
        QVERIFY2(lines->first().contains(QStringLiteral("共有")),
                 qPrintable(lines->join(QLatin1Char('\n'))));
        QVERIFY(lines->first().contains(QStringLiteral("1 results")));
        QVERIFY(lines->first().contains(QStringLiteral("auditor")));
    }

    void exports()
    {
        ArchiveService service(*m_db, *m_dir, &m_clock);
        const QByteArray one = message("one", "From here\r\n>From there\r\nend");
        const QByteArray two = message("two", "second");
        const qint64 a = archive(one, kNow);
        const qint64 b = archive(two, kNow + 1);
        const QString dir = m_tmp.path() + QStringLiteral("/eml");
        QVERIFY(service.exportEml({a, b}, dir, ArchiveService::Searcher::admin()));
        QFile f(dir + QStringLiteral("/%1.eml").arg(a));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), one);
        const QString mbox = m_tmp.path() + QStringLiteral("/out.mbox");
        QVERIFY(service.exportMbox({a, b}, mbox, ArchiveService::Searcher::admin()));
        QFile m(mbox);
        QVERIFY(m.open(QIODevice::ReadOnly));
        const QByteArray text = m.readAll();
        QVERIFY(text.startsWith("From alice@example.test "));
        QVERIFY(text.contains("\n>From here\n>>From there\nend\n"));
        QCOMPARE(text.count("\nFrom alice@example.test "), 1); // the second message's line
        // Cancelled: nothing left behind.
        const QString cancelled = m_tmp.path() + QStringLiteral("/cancelled.mbox");
        auto r = service.exportMbox({a, b}, cancelled, ArchiveService::Searcher::admin(),
                                    [](qsizetype, qsizetype) { return false; });
        QCOMPARE(r.error().kind, Error::Kind::Limit);
        QVERIFY(!QFile::exists(cancelled));
        const QString dir2 = m_tmp.path() + QStringLiteral("/eml2");
        QVERIFY(!service.exportEml({a, b}, dir2, ArchiveService::Searcher::admin(),
                                   [](qsizetype, qsizetype) { return false; }));
        QCOMPARE(QDir(dir2).entryList(QDir::Files).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestArchiveStore)
#include "tst_archivestore.moc"
