#include "connectionlimiter.h"

namespace fumibako
{

bool KeyedCounter::tryAcquire(const QString &key, int limit)
{
    QMutexLocker lock(&m_mutex);
    int &n = m_counts[key];
    if (n >= limit)
        return false;
    ++n;
    return true;
}

void KeyedCounter::release(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_counts.find(key);
    if (it != m_counts.end() && --it.value() <= 0)
        m_counts.erase(it);
}

void ConnectionLimiter::setLimits(int perAddress, int total)
{
    QMutexLocker lock(&m_mutex);
    m_limitPerAddress = perAddress;
    m_limitTotal = total;
}

ConnectionLimiter::Verdict ConnectionLimiter::acquire(const QHostAddress &peer)
{
    QMutexLocker lock(&m_mutex);
    if (m_total >= m_limitTotal)
        return Verdict::TooManyInAll;
    int &n = m_perAddress[peer.toString()];
    if (n >= m_limitPerAddress) {
        return Verdict::TooManyFromAddress;
    }
    ++n;
    ++m_total;
    return Verdict::Ok;
}

void ConnectionLimiter::release(const QHostAddress &peer)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_perAddress.find(peer.toString());
    if (it == m_perAddress.end())
        return;
    if (--it.value() <= 0)
        m_perAddress.erase(it);
    --m_total;
}

int ConnectionLimiter::open() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace fumibako
