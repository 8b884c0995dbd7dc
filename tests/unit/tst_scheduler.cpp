// The Scheduler on a TestClock: time is moved, never waited for. A periodic job
// runs when the clock passes its due time and not before; a daily job once per
// day; a restart on the same database file neither repeats a daily job nor
// skips it (a slot that passed while the server was down is caught up once);
// and the server's log retention job deletes the rows older than
// log.retention_days, keeping the newer ones.
#include "common/clock.h"
#include "service/datadir.h"
#include "service/mailserver.h"
#include "service/scheduler.h"
#include "service/settings.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/logstore.h"
#include "store/storewriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fumibako;

namespace
{

const QTimeZone kTokyo(9 * 3600);

// 2026-04-`day` at hh:mm in Tokyo.
QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 4, day), QTime(hour, minute), kTokyo);
}

// One lifetime of a server: its database connection, its writer and a Scheduler
// with one job, "test.job", that counts its runs.
class Lifetime
{
public:
    Lifetime(const QString &file, TestClock *clock, Scheduler::Period period, QObject *anchor,
             bool finishes = true)
        : m_db(file), m_writer(file), m_log(&m_writer, false, clock),
          m_scheduler(m_db, &m_writer, &m_log, clock, kTokyo, anchor),
          m_spy(&m_scheduler, &Scheduler::finished)
    {
        m_writer.start();
        m_scheduler.add(QStringLiteral("test.job"), period, [this, finishes](Scheduler::Done done) {
            ++runs;
            if (finishes)
                done();
        });
    }
    ~Lifetime()
    {
        m_scheduler.stop();
        m_writer.stop();
        m_writer.wait();
    }

    Result<void> start() { return m_scheduler.start(); }
    // Until every run so far is over and recorded.
    bool settled()
    {
        return QTest::qWaitFor([this]() { return m_spy.count() == runs; }, 10000);
    }
    Scheduler &scheduler() { return m_scheduler; }

    int runs = 0;

private:
    Database m_db;
    StoreWriter m_writer;
    EventLog m_log;
    Scheduler m_scheduler;
    QSignalSpy m_spy;
};

} // namespace

class tst_Scheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_file = m_tmp->filePath(QStringLiteral("fumibako.db"));
        QVERIFY(Database(m_file).migrate());
    }

    // Every 60 s; the job never ran, so it runs at start (run 1), then as the clock moves by
    // `steps`.
    void periodic_data()
    {
        QTest::addColumn<QList<int>>("steps");
        QTest::addColumn<QList<int>>("runs"); // after each step
        QTest::newRow("not before its time") << QList<int>{59} << QList<int>{1};
        QTest::newRow("at its time") << QList<int>{60} << QList<int>{2};
        QTest::newRow("every period") << QList<int>{60, 60, 60} << QList<int>{2, 3, 4};
        QTest::newRow("in small steps")
            << QList<int>{30, 29, 1, 59, 1} << QList<int>{1, 1, 2, 2, 3};
        QTest::newRow("a long jump runs it once") << QList<int>{3600, 59, 1} << QList<int>{2, 2, 3};
    }
    void periodic()
    {
        QFETCH(QList<int>, steps);
        QFETCH(QList<int>, runs);
        QList<QDateTime> times;
        for (int step : std::as_const(steps))
            times << (times.isEmpty() ? at(1, 12) : times.last()).addSecs(step);
        runThrough(Scheduler::Period::every(60), at(1, 12), at(1, 12).addSecs(60), times, runs);
    }

    // Daily at 03:00 Tokyo; started at day 1 01:00 the job, never run, runs at once (run 1).
    void daily_data()
    {
        QTest::addColumn<QList<QDateTime>>("times");
        QTest::addColumn<QList<int>>("runs"); // after the clock is set to each time
        QTest::newRow("not before 03:00") << QList<QDateTime>{at(1, 2, 59)} << QList<int>{1};
        QTest::newRow("at 03:00") << QList<QDateTime>{at(1, 2, 59), at(1, 3)} << QList<int>{1, 2};
        QTest::newRow("once a day")
            << QList<QDateTime>{at(1, 3), at(1, 12),   at(1, 23, 59), at(2, 2, 59),
                                at(2, 3), at(2, 3, 1), at(3, 3)}
            << QList<int>{2, 2, 2, 2, 3, 3, 4};
        QTest::newRow("late in the day")
            << QList<QDateTime>{at(1, 22), at(2, 1)} << QList<int>{2, 2};
        QTest::newRow("days skipped at once run it once")
            << QList<QDateTime>{at(4, 12), at(4, 23), at(5, 3)} << QList<int>{2, 2, 3};
    }
    void daily()
    {
        QFETCH(QList<QDateTime>, times);
        QFETCH(QList<int>, runs);
        runThrough(Scheduler::Period::daily(QTime(3, 0)), at(1, 1), at(1, 3), times, runs);
    }

    // The first lifetime starts at day 1 02:00 (the job runs: it never ran) and
    // runs it again at 03:00. The second starts at `restart`, then the clock is set to `later`.
    void restart_data()
    {
        QTest::addColumn<QDateTime>("restart");
        QTest::addColumn<int>("runsAtStart");
        QTest::addColumn<QDateTime>("later");
        QTest::addColumn<int>("runsLater");
        QTest::newRow("after the day's run") << at(1, 10) << 0 << at(2, 3) << 1;
        QTest::newRow("just after the day's run") << at(1, 3, 1) << 0 << at(1, 23, 59) << 0;
        QTest::newRow("before the next slot") << at(2, 2, 30) << 0 << at(2, 3) << 1;
        QTest::newRow("at the next slot") << at(2, 3) << 1 << at(2, 23) << 1;
        QTest::newRow("down over the slot: caught up once") << at(2, 10) << 1 << at(2, 23, 59) << 1;
        QTest::newRow("down for days: caught up once") << at(5, 10) << 1 << at(6, 3) << 2;
        QTest::newRow("caught up, then the day's own slot") << at(3, 2) << 1 << at(3, 3) << 2;
    }
    void restart()
    {
        QFETCH(QDateTime, restart);
        QFETCH(int, runsAtStart);
        QFETCH(QDateTime, later);
        QFETCH(int, runsLater);
        const auto daily = Scheduler::Period::daily(QTime(3, 0));
        TestClock clock(at(1, 2));
        {
            Lifetime first(m_file, &clock, daily, this);
            QVERIFY(first.start());
            QVERIFY(first.settled());
            clock.set(at(1, 3));
            QCOMPARE(first.runs, 2);
            QVERIFY(first.settled());
        }
        clock.set(restart);
        Lifetime second(m_file, &clock, daily, this);
        QCOMPARE(second.scheduler().lastRun(QStringLiteral("test.job")), QDateTime());
        QVERIFY(second.start());
        QCOMPARE(second.scheduler().lastRun(QStringLiteral("test.job")).toMSecsSinceEpoch(),
                 at(1, 3).toMSecsSinceEpoch());
        QCOMPARE(second.runs, runsAtStart);
        QVERIFY(second.settled());
        clock.set(later);
        QCoreApplication::processEvents();
        QCOMPARE(second.runs, runsLater);
        QVERIFY(second.settled());
    }

    // A run the server stopped before it reported its end is not recorded: it runs again.
    void unfinishedRunRunsAgain()
    {
        TestClock clock(at(1, 2));
        {
            Lifetime first(m_file, &clock, Scheduler::Period::daily(QTime(3, 0)), this);
            QVERIFY(first.start());
            QVERIFY(first.settled());
        }
        clock.set(at(1, 3));
        {
            Lifetime stalled(m_file, &clock, Scheduler::Period::daily(QTime(3, 0)), this, false);
            QVERIFY(stalled.start());
            QCOMPARE(stalled.runs, 1);
        }
        clock.set(at(1, 4));
        Lifetime third(m_file, &clock, Scheduler::Period::daily(QTime(3, 0)), this);
        QVERIFY(third.start());
        QCOMPARE(third.runs, 1);
    }

    // The server's "log.retention" job: at start (it never ran) and at the next 03:00.
    // Log rows are `ages` days old (and `bulk` rows 400 days old); those older than
    // the setting go, the others stay, however many batches that takes.
    void logRetention_data()
    {
        QTest::addColumn<QString>("days"); // "": the default (90)
        QTest::addColumn<QList<int>>("ages");
        QTest::addColumn<int>("bulk");
        QTest::addColumn<QList<int>>("keptAtStart");
        QTest::addColumn<QList<int>>("keptTwoDaysLater");
        QTest::newRow("default 90 days") << QString() << QList<int>{400, 91, 89, 1, 0} << 0
                                         << QList<int>{89, 1, 0} << QList<int>{1, 0};
        QTest::newRow("30 days") << QStringLiteral("30") << QList<int>{31, 29, 27} << 0
                                 << QList<int>{29, 27} << QList<int>{27};
        QTest::newRow("1 day") << QStringLiteral("1") << QList<int>{2, 0} << 0 << QList<int>{0}
                               << QList<int>{};
        QTest::newRow("more than a batch")
            << QString() << QList<int>{89} << 2 * EventLog::kPruneBatch + 500 << QList<int>{89}
            << QList<int>{};
    }
    void logRetention()
    {
        QFETCH(QString, days);
        QFETCH(QList<int>, ages);
        QFETCH(int, bulk);
        QFETCH(QList<int>, keptAtStart);
        QFETCH(QList<int>, keptTwoDaysLater);

        const DataDir dir(m_tmp->filePath(QStringLiteral("data")));
        QVERIFY(dir.initialize({QStringLiteral("example.jp"), QStringLiteral("mx.example.jp")}));
        Database db(dir.databaseFile());
        QVERIFY(db.migrate());
        if (!days.isEmpty())
            QVERIFY(Settings::store(db, QStringLiteral("log.retention_days"), days));
        const QDateTime start = at(10, 12);
        QVERIFY(db.transaction([&](const Database &d) -> Result<void> {
            const LogStore log(d);
            for (int age : std::as_const(ages))
                if (auto r = log.append({start.addDays(-age).addSecs(-60), LogEntry::Kind::Delivery,
                                         QStringLiteral("age%1@example.jp").arg(age), QString(),
                                         QStringLiteral("test")});
                    !r)
                    return r;
            for (int i = 0; i < bulk; ++i)
                if (auto r = log.append({start.addDays(-400), LogEntry::Kind::Delivery,
                                         QStringLiteral("bulk@example.jp"), QString(),
                                         QStringLiteral("test")});
                    !r)
                    return r;
            return {};
        }));
        auto kept = [&db]() {
            QList<int> out;
            auto rows =
                db.texts(QStringLiteral("SELECT address FROM log WHERE text = 'test' ORDER BY ts"));
            for (const QString &a : rows.value_or({}))
                out << (a.startsWith(QLatin1String("age"))
                            ? a.mid(3, a.indexOf(QLatin1Char('@')) - 3).toInt()
                            : -1);
            return out;
        };

        TestClock clock(start);
        MailServer::Options options;
        options.dataDir = dir.path();
        options.bindAddress = QStringLiteral("127.0.0.1");
        for (const QString &name : MailServer::listenerNames())
            options.ports.insert(name, 0);
        options.ioThreads = 1;
        options.clock = &clock;
        MailServer server(options);
        QVERIFY(server.start());
        int sweeps = 0;
        connect(server.scheduler(), &Scheduler::finished, this, [&sweeps](const QString &name) {
            sweeps += name == QLatin1String("log.retention");
        });
        QTRY_COMPARE(sweeps, 1);
        QCOMPARE(kept(), keptAtStart);

        clock.advance(2 * 86400); // past one 03:00 in any time zone
        QTRY_COMPARE(sweeps, 2);
        QCOMPARE(kept(), keptTwoDaysLater);
        QSignalSpy stopped(&server, &MailServer::stopped);
        server.stop(0);
        QVERIFY(stopped.wait(10000));
    }

private:
    // Starts a job that never ran at `start` (it runs at once), checks when it is due next,
    // then sets the clock to each of `times` and counts the runs.
    void runThrough(Scheduler::Period period, const QDateTime &start, const QDateTime &firstDue,
                    const QList<QDateTime> &times, const QList<int> &runs)
    {
        TestClock clock(start);
        Lifetime life(m_file, &clock, period, this);
        QVERIFY(life.start());
        QCOMPARE(life.runs, 1);
        QVERIFY(life.settled());
        QCOMPARE(life.scheduler().nextRun(QStringLiteral("test.job")).toMSecsSinceEpoch(),
                 firstDue.toMSecsSinceEpoch());
        for (qsizetype i = 0; i < times.size(); ++i) {
            clock.set(times[i]);
            QCoreApplication::processEvents();
            QCOMPARE(life.runs, runs[i]);
            QVERIFY(life.settled());
        }
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_file;
};

QTEST_GUILESS_MAIN(tst_Scheduler)
#include "tst_scheduler.moc"
