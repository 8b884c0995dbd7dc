#include "websessions.h"

#include "common/clock.h"

#include <QRandomGenerator>

namespace fumibako
{

WebSessions::WebSessions(const Clock *clock, Limits limits)
    : m_clock(clock ? clock : Clock::system()), m_limits(limits)
{
}

QByteArray WebSessions::open(const QString &user)
{
    const qint64 now = m_clock->msecsSinceEpoch();
    makeRoom(now);
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QByteArray token =
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_sessions.insert(token, Session{user, now, now});
    return token;
}

QString WebSessions::user(const QByteArray &token)
{
    auto it = m_sessions.find(token);
    if (it == m_sessions.end())
        return QString();
    const qint64 now = m_clock->msecsSinceEpoch();
    if (expired(*it, now)) {
        m_sessions.erase(it);
        return QString();
    }
    it->usedMs = now;
    return it->user;
}

void WebSessions::close(const QByteArray &token)
{
    m_sessions.remove(token);
}

bool WebSessions::expired(const Session &s, qint64 now) const
{
    // A clock moved back counts as no time passed, never as a new lease.
    return now - s.usedMs >= m_limits.idleMs || now - s.openedMs >= m_limits.lifetimeMs;
}

void WebSessions::makeRoom(qint64 now)
{
    if (m_sessions.size() < m_limits.max)
        return;
    m_sessions.removeIf([this, now](const auto &it) { return expired(it.value(), now); });
    while (m_sessions.size() >= m_limits.max) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it->usedMs < oldest->usedMs)
                oldest = it;
        m_sessions.erase(oldest);
    }
}

} // namespace fumibako
