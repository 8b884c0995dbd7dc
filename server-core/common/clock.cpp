#include "clock.h"

namespace fumibako
{

Clock *Clock::system()
{
    static Clock clock;
    return &clock;
}

TestClock::TestClock(QDateTime start) : m_now(start.toUTC()) {}

QDateTime TestClock::now() const
{
    QMutexLocker lock(&m_mutex);
    return m_now;
}

void TestClock::set(const QDateTime &time)
{
    {
        QMutexLocker lock(&m_mutex);
        m_now = time.toUTC();
    }
    Q_EMIT m_notifier.moved();
}

void TestClock::advance(qint64 secs)
{
    set(now().addSecs(secs));
}

} // namespace fumibako
