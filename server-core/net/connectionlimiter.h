// ConnectionLimiter: counts open connections per client address and in all,
// shared by every listener and I/O thread (Postfix's anvil, in-process).
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace fumibako
{

// KeyedCounter: how many sessions hold a key (e.g. "user|address" for IMAP's
// per-user limit, Dovecot's mail_max_userip_connections).
class KeyedCounter
{
public:
    bool tryAcquire(const QString &key, int limit);
    void release(const QString &key);

private:
    QMutex m_mutex;
    QHash<QString, int> m_counts;
};

class ConnectionLimiter
{
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
