#include "scheduler.h"

#include "common/clock.h"
#include "common/threadanchor.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/storewriter.h"

#include <QPointer>

#include <algorithm>
#include <atomic>
#include <memory>

namespace fumibako
{

namespace
{

// Longest the timer sleeps: a wall clock that jumps (suspend, NTP) is noticed within it.
constexpr qint64 kMaxWaitMs = 10 * 60 * 1000;

// The first time of day `at` in `zone` after `t`.
QDateTime slotAfter(const QDateTime &t, QTime at, const QTimeZone &zone)
{
    const QDate day = t.toTimeZone(zone).date();
    for (int i = 0;; ++i)
        if (QDateTime slot(day.addDays(i), at, zone); slot > t)
            return slot;
}

} // namespace

Scheduler::Scheduler(const Database &db, StoreWriter *writer, EventLog *log, const Clock *clock,
                     QTimeZone zone, QObject *parent)
    : QObject(parent), m_db(db), m_writer(writer), m_log(log), m_clock(clock),
      m_zone(std::move(zone)), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire early, only to be armed again
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::evaluate);
}

Scheduler::~Scheduler() = default;

void Scheduler::add(const QString &name, Period period, Job job)
{
    m_jobs.insert(name, {period, std::move(job), {}, {}});
}

Result<void> Scheduler::start()
{
    auto q = m_db.exec(QStringLiteral("SELECT name, last_run FROM scheduler_runs"));
    if (!q)
        return q.error();
    while (q->next())
        if (auto it = m_jobs.find(q->value(0).toString()); it != m_jobs.end())
            it->lastRun = QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC);
    m_running = true;
    if (ClockNotifier *n = m_clock->notifier())
        connect(n, &ClockNotifier::moved, this, &Scheduler::evaluate, Qt::UniqueConnection);
    evaluate(); // what fell due while the server was down runs now, once
    return {};
}

void Scheduler::stop()
{
    m_running = false;
    m_timer.stop();
}

QDateTime Scheduler::lastRun(const QString &name) const
{
    return m_jobs.value(name).lastRun;
}

QDateTime Scheduler::nextRun(const QString &name) const
{
    auto it = m_jobs.constFind(name);
    return it == m_jobs.cend() ? QDateTime() : dueAt(*it);
}

QDateTime Scheduler::dueAt(const Entry &e) const
{
    if (!e.lastRun.isValid())
        return QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    if (e.period.everySecs > 0) // a clock set back must not hold a periodic job up for as long
        return std::min(e.lastRun, m_clock->now()).addSecs(e.period.everySecs);
    // Each daily slot at most once: the first slot after the last run, however long ago.
    return slotAfter(e.lastRun, e.period.dailyAt, m_zone);
}

void Scheduler::evaluate()
{
    if (!m_running || m_evaluating)
        return;
    m_evaluating = true;
    const QDateTime now = m_clock->now();
    for (const QString &name : m_jobs.keys()) {
        Entry &e = m_jobs[name];
        if (!m_running || e.started.isValid() || dueAt(e) > now)
            continue;
        e.started = now;
        // Thread-safe and once only; finishes on this object's thread (see threadAnchor).
        auto called = std::make_shared<std::atomic_bool>(false);
        Done done = [guard = QPointer<Scheduler>(this), anchor = threadAnchor(this), name,
                     called]() {
            if (called->exchange(true))
                return;
            QMetaObject::invokeMethod(
                anchor,
                [guard, name]() {
                    if (guard)
                        guard->runFinished(name);
                },
                Qt::QueuedConnection);
        };
        e.job(std::move(done));
    }
    m_evaluating = false;
    arm();
}

void Scheduler::arm()
{
    QDateTime next;
    for (const Entry &e : std::as_const(m_jobs))
        if (!e.started.isValid() && (!next.isValid() || dueAt(e) < next))
            next = dueAt(e);
    if (!m_running || !next.isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 waitMs = std::clamp<qint64>(m_clock->now().msecsTo(next), 0, kMaxWaitMs);
    m_timer.start(int(waitMs));
}

void Scheduler::runFinished(const QString &name)
{
    auto it = m_jobs.find(name);
    if (it == m_jobs.end() || !it->started.isValid())
        return;
    it->lastRun = std::exchange(it->started, QDateTime());
    const QVariantList row = {name, it->lastRun.toMSecsSinceEpoch()};
    // A daily run is synced: a power loss must not make it run twice. A periodic one runs again
    // soon anyway.
    const auto durability =
        it->period.everySecs > 0 ? SqlJob::Durability::Unsynced : SqlJob::Durability::Synced;
    auto job = std::make_shared<SqlJob>(
        [row](const Database &db) -> Result<void> {
            auto q = db.exec(
                QStringLiteral("INSERT INTO scheduler_runs (name, last_run) VALUES (?, ?) "
                               "ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run"),
                row);
            if (!q)
                return q.error();
            return {};
        },
        durability);
    m_writer->submit(job, [guard = QPointer<Scheduler>(this), anchor = threadAnchor(this),
                           name](Result<void> r) {
        QMetaObject::invokeMethod(
            anchor,
            [guard, name, r]() {
                if (!guard)
                    return;
                if (!r && guard->m_log)
                    guard->m_log->add(LogEntry::Kind::System, QString(), QString(),
                                      QStringLiteral("could not record the run of %1: %2")
                                          .arg(name, r.error().message));
                Q_EMIT guard->finished(name);
            },
            Qt::QueuedConnection);
    });
    arm();
}

} // namespace fumibako
