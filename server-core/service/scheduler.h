// Scheduler: the server's one place for timed work (queue housekeeping, log
// retention; later the Spam Summary and old-mail moves), on the injected Clock.
// Jobs are named, run every N seconds or daily at a local time, and report
// when they are done (they may finish on another thread). Each job's last run
// is kept in the database (scheduler_runs), so a restart neither repeats a
// daily job that already ran in its slot nor skips one whose slot passed while
// the server was down: that one runs once at start (catch-up). One QTimer is
// armed for the next due job; a TestClock's moves make it look again at once.
#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimeZone>
#include <QTimer>

#include <functional>

namespace fumibako
{

class Clock;
class Database;
class EventLog;
class StoreWriter;

class Scheduler : public QObject
{
    Q_OBJECT
public:
    // When a job runs. A job that never ran is due at once.
    struct Period {
        qint64 everySecs = 0; // > 0: this long after its last run began
        QTime dailyAt;        // else: once per day, at this local time
        static Period every(qint64 secs) { return {secs, {}}; }
        static Period daily(QTime localTime) { return {0, localTime}; }
    };
    // Call once when the run is over, from any thread.
    using Done = std::function<void()>;
    using Job = std::function<void(Done)>;

    // `writer` records the runs and `log` what failed. Give it a parent that outlives
    // the writer's callbacks (MailServer), as Delivery::commit's contexts have.
    Scheduler(const Database &db, StoreWriter *writer, EventLog *log, const Clock *clock,
              QTimeZone zone = QTimeZone::systemTimeZone(), QObject *parent = nullptr);
    ~Scheduler() override;

    // Before start(). The name is the job's key in the database: keep it stable.
    void add(const QString &name, Period period, Job job);
    // Reads the last runs, starts what is due (catch-up) and arms the timer.
    Result<void> start();
    // No run starts after this; runs under way finish on their own.
    void stop();

    // When the job last began a run that finished (invalid: never); when it is due next.
    QDateTime lastRun(const QString &name) const;
    QDateTime nextRun(const QString &name) const;

Q_SIGNALS:
    // A run of `name` ended and its time is recorded in the database.
    void finished(const QString &name);

private:
    struct Entry {
        Period period;
        Job job;
        QDateTime lastRun; // the start of the last finished run
        QDateTime started; // of the run under way; invalid when idle
    };
    QDateTime dueAt(const Entry &e) const;
    void evaluate();
    void arm();
    void runFinished(const QString &name);

    const Database &m_db;
    StoreWriter *m_writer;
    EventLog *m_log;
    const Clock *m_clock;
    QTimeZone m_zone;
    QHash<QString, Entry> m_jobs;
    QTimer m_timer;
    bool m_running = false;
    bool m_evaluating = false;
};

} // namespace fumibako
