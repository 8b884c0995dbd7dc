// WebSessions: who is signed in to the archive's search pages. A sign-in gets
// an opaque token (32 bytes from the system's CSPRNG, base64url) that the
// browser keeps in a Secure, HttpOnly, SameSite=Strict cookie. Tokens live in
// memory only, so a restart signs everyone out; one is forgotten after 30
// minutes unused (Dovecot's IMAP idle rule) or 8 hours after its sign-in, and
// at most 1,000 are kept — the least recently used goes first. Used on the
// web server's thread alone; time from the injectable Clock.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace fumibako
{

class Clock;

class WebSessions
{
public:
    struct Limits {
        qint64 idleMs = 30 * 60 * 1000;
        qint64 lifetimeMs = 8 * 60 * 60 * 1000;
        int max = 1000;
    };

    explicit WebSessions(const Clock *clock, Limits limits);
    explicit WebSessions(const Clock *clock) : WebSessions(clock, Limits{}) {}

    // A new session for `user`; its token.
    QByteArray open(const QString &user);
    // The user `token` belongs to, restarting its idle time; "" when the token
    // is unknown or has expired.
    QString user(const QByteArray &token);
    void close(const QByteArray &token);
    qsizetype size() const { return m_sessions.size(); }

private:
    struct Session {
        QString user;
        qint64 openedMs = 0;
        qint64 usedMs = 0;
    };
    bool expired(const Session &s, qint64 now) const;
    void makeRoom(qint64 now);

    const Clock *m_clock;
    Limits m_limits;
    QHash<QByteArray, Session> m_sessions;
};

} // namespace fumibako
