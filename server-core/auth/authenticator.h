// Authenticator: checks a user name and password for every protocol. scrypt
// is slow on purpose, so the check runs on a worker thread and answers
// through a callback; a verified password is remembered briefly (keyed by a
// keyed hash, never the password) the way Dovecot's auth cache does, so a
// client that logs in for every message does not pay scrypt each time. A
// password change invalidates the entry because the stored hash changes.
#pragma once

#include "accountdirectory.h"
#include "auththrottle.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace fumibako
{

struct AuthOutcome {
    enum class Kind { Ok, Failed, LockedOut, TempFail };
    Kind kind = Kind::Failed;
    Account account; // valid when Ok (password hash cleared)
};

class Authenticator
{
public:
    Authenticator(const AccountDirectory &accounts, AuthThrottle *throttle,
                  const Clock *clock = Clock::system());
    ~Authenticator();

    void setCacheSeconds(int seconds) { m_cacheMs = qint64(seconds) * 1000; }

    // Runs the check off the caller's thread; `done` is invoked on `context`'s
    // thread, and not at all if `context` is gone by then.
    void verify(const QByteArray &user, const QByteArray &password, const QString &peer,
                QObject *context, std::function<void(AuthOutcome)> done);

    // The blocking check (worker threads and the CLI).
    AuthOutcome verifyNow(const QByteArray &user, const QByteArray &password, const QString &peer);

private:
    // The whole check; without `mayHash`, nullopt where scrypt would be needed.
    std::optional<AuthOutcome> check(const QByteArray &user, const QByteArray &password,
                                     const QString &peer, bool mayHash);
    QByteArray cacheKey(const QByteArray &user, const QByteArray &password) const;
    // Stores a hash of today's strength for a password just verified against a weaker one.
    void rehash(Account &account, const QByteArray &password) const;

    const AccountDirectory &m_accounts;
    AuthThrottle *m_throttle;
    const Clock *m_clock;
    QThreadPool m_pool;
    QByteArray m_secret;
    qint64 m_cacheMs = 60 * 1000;
    struct CacheEntry {
        QString phc;
        qint64 expiresMs = 0;
    };
    QMutex m_cacheMutex;
    QHash<QByteArray, CacheEntry> m_cache;
};

} // namespace fumibako
