#include "auththrottle.h"

namespace fumibako
{

namespace
{
constexpr int kMaxTracked = 100000; // bounded: a flood of addresses cannot grow this forever
}

AuthThrottle::AuthThrottle(Limits limits, const Clock *clock) : m_limits(limits), m_clock(clock) {}

void AuthThrottle::setLimits(Limits limits)
{
    QMutexLocker lock(&m_mutex);
    m_limits = limits;
}

bool AuthThrottle::lockedOut(const QHash<QString, Counter> &table, const QString &key,
                             qint64 now) const
{
    auto it = table.constFind(key);
    return it != table.cend() && it->lockedUntilMs > now;
}

bool AuthThrottle::isLockedOut(const QString &ip, const QString &user) const
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock->msecsSinceEpoch();
    if (lockedOut(m_byIp, ip, now))
        return true;
    if (user.isEmpty())
        return false;
    const QString u = user.toLower();
    return lockedOut(m_byUserIp, u + QLatin1Char('|') + ip, now) || lockedOut(m_byUser, u, now);
}

bool AuthThrottle::bump(QHash<QString, Counter> &table, const QString &key, qint64 now, int limit)
{
    if (table.size() >= kMaxTracked && !table.contains(key)) {
        // Drop expired entries; if none, forget everything rather than grow.
        for (auto it = table.begin(); it != table.end();)
            it = (it->lockedUntilMs <= now && now - it->firstFailureMs > m_limits.windowMs)
                     ? table.erase(it)
                     : ++it;
        if (table.size() >= kMaxTracked)
            table.clear();
    }
    Counter &c = table[key];
    if (c.lockedUntilMs > now)
        return false;
    if (c.failures == 0 || now - c.firstFailureMs > m_limits.windowMs) {
        c.failures = 0;
        c.firstFailureMs = now;
    }
    if (++c.failures >= limit) {
        c.lockedUntilMs = now + m_limits.lockoutMs;
        c.failures = 0;
        return true;
    }
    return false;
}

bool AuthThrottle::recordFailure(const QString &ip, const QString &user)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock->msecsSinceEpoch();
    bool started = bump(m_byIp, ip, now, m_limits.failures);
    if (!user.isEmpty()) {
        const QString u = user.toLower();
        started = bump(m_byUserIp, u + QLatin1Char('|') + ip, now, m_limits.failures) || started;
        started = bump(m_byUser, u, now, m_limits.failures * kAccountWideFactor) || started;
    }
    return started;
}

void AuthThrottle::recordSuccess(const QString &ip, const QString &user)
{
    QMutexLocker lock(&m_mutex);
    Q_UNUSED(user);
    // A success clears the address's count, as Dovecot's penalty does;
    // the account's count stays so that one good login cannot hide a
    // password-guessing run spread over many addresses.
    auto it = m_byIp.find(ip);
    if (it != m_byIp.end() && it->lockedUntilMs <= m_clock->msecsSinceEpoch())
        m_byIp.erase(it);
}

} // namespace fumibako
