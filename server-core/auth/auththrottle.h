// AuthThrottle: counts failed logins and locks out for a while once a limit
// is reached (Dovecot's auth_penalty and Postfix's anvil together): a client
// address after `failures`, an account from one address after `failures`,
// and an account from everywhere only after kAccountWideFactor times that —
// so a stranger cannot cheaply lock a user out, yet guessing spread over
// many addresses still stops. Thread-safe; time from an injectable Clock.
#pragma once

#include "common/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace fumibako
{

class AuthThrottle
{
public:
    struct Limits {
        int failures = 10; // failures before a lock-out
        qint64 lockoutMs = 15 * 60 * 1000;
        qint64 windowMs = 15 * 60 * 1000; // failures older than this are forgotten
    };

    explicit AuthThrottle(Limits limits, const Clock *clock = Clock::system());

    // True when `ip` or `user` is locked out right now.
    bool isLockedOut(const QString &ip, const QString &user) const;
    // Records a failure; returns true when it starts a lock-out.
    bool recordFailure(const QString &ip, const QString &user);
    void recordSuccess(const QString &ip, const QString &user);
    void setLimits(Limits limits);

private:
    struct Counter {
        int failures = 0;
        qint64 firstFailureMs = 0;
        qint64 lockedUntilMs = 0;
    };
    bool lockedOut(const QHash<QString, Counter> &table, const QString &key, qint64 now) const;
    bool bump(QHash<QString, Counter> &table, const QString &key, qint64 now, int limit);

    static constexpr int kAccountWideFactor = 5;

    mutable QMutex m_mutex;
    Limits m_limits;
    const Clock *m_clock;
    QHash<QString, Counter> m_byIp;
    QHash<QString, Counter> m_byUserIp;
    QHash<QString, Counter> m_byUser;
};

} // namespace fumibako
