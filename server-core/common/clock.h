// Clock: the time source of every time-based rule (throttling, lock-outs,
// caches, later retries and digests), injectable so tests can move time
// (KeePassXC's MockClock habit) instead of sleeping.
#pragma once

#include <QDateTime>

namespace fumibako {

class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
    qint64 msecsSinceEpoch() const { return now().toMSecsSinceEpoch(); }

    static Clock *system();
};

} // namespace fumibako
