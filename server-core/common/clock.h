// Clock: the time source of every time-based rule — throttling, lock-outs,
// caches, DKIM timestamps, the outbound queue's retries and deadlines, and the
// Scheduler's jobs (queue housekeeping, log retention, later digests) —
// injectable so tests move time (KeePassXC's MockClock habit) instead of
// sleeping. A TestClock says when it moved, so timers armed from now() (the
// Scheduler's, the queue's) look again at once rather than at wall-clock time.
#pragma once

#include <QDateTime>
#include <QMutex>
#include <QObject>

namespace fumibako
{

// Emits moved() when a clock's time jumps (TestClock::advance / set); receivers
// connect with a context object, so it reaches them on their own thread.
class ClockNotifier : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void moved();
};

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
    qint64 msecsSinceEpoch() const { return now().toMSecsSinceEpoch(); }
    qint64 secsSinceEpoch() const { return now().toSecsSinceEpoch(); }
    // nullptr for a clock that only moves with real time (the system's).
    virtual ClockNotifier *notifier() const { return nullptr; }

    static Clock *system();
};

// A clock tests set and move; thread-safe. Each move emits notifier()->moved().
class TestClock : public Clock
{
public:
    explicit TestClock(QDateTime start);
    QDateTime now() const override;
    ClockNotifier *notifier() const override { return &m_notifier; }
    void set(const QDateTime &time);
    void advance(qint64 secs);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
    mutable ClockNotifier m_notifier;
};

} // namespace fumibako
