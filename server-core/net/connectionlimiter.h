// ConnectionLimiter: counts open connections per client address and in all,
// shared by every listener and I/O thread (Postfix's anvil, in-process).
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace fumibako {

class ConnectionLimiter {
public:
    enum class Verdict { Ok, TooManyFromAddress, TooManyInAll };

    void setLimits(int perAddress, int total);
    Verdict acquire(const QHostAddress &peer);
    void release(const QHostAddress &peer);
    int open() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, int> m_perAddress;
    int m_total = 0;
    int m_limitPerAddress = 50;
    int m_limitTotal = 10000;
};

} // namespace fumibako
