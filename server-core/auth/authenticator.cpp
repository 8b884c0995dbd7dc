#include "authenticator.h"

#include "common/mailaddress.h"
#include "common/threadanchor.h"
#include "passwordhash.h"

#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QRandomGenerator>

namespace fumibako
{

namespace
{
constexpr int kMaxCacheEntries = 10000;
}

Authenticator::Authenticator(const AccountDirectory &accounts, AuthThrottle *throttle,
                             const Clock *clock)
    : m_accounts(accounts), m_throttle(throttle), m_clock(clock)
{
    // scrypt takes ~32 MiB per check: bound the parallel checks by cores.
    m_pool.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    m_secret.resize(32);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_secret.data()), 8);
}

Authenticator::~Authenticator()
{
    m_pool.waitForDone();
}

QByteArray Authenticator::cacheKey(const QByteArray &user, const QByteArray &password) const
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, m_secret);
    mac.addData(user.toLower());
    mac.addData("\0", 1);
    mac.addData(password);
    return mac.result();
}

void Authenticator::verify(const QByteArray &user, const QByteArray &password, const QString &peer,
                           QObject *context, std::function<void(AuthOutcome)> done)
{
    QPointer<QObject> guard(context);
    // A recently verified password (or a lock-out) is answered on the caller's
    // thread: no hop to a worker for the common case of a client that logs in
    // for every message. Only scrypt goes to the pool.
    if (auto quick = check(user, password, peer, false)) {
        QMetaObject::invokeMethod(
            context,
            [guard, done, outcome = *quick]() {
                if (guard)
                    done(outcome);
            },
            Qt::QueuedConnection);
        return;
    }
    QObject *anchor = threadAnchor(context);
    m_pool.start([this, user, password, peer, guard, anchor, done = std::move(done)]() {
        AuthOutcome outcome = verifyNow(user, password, peer);
        QMetaObject::invokeMethod(
            anchor,
            [guard, done, outcome]() {
                if (guard)
                    done(outcome);
            },
            Qt::QueuedConnection);
    });
}

void Authenticator::rehash(Account &account, const QByteArray &password) const
{
    const QString phc = PasswordHash::hash(password);
    if (phc.isEmpty())
        return;
    // Only if the hash is still the one just checked: a password changed
    // meanwhile wins. A failure keeps the old hash, which still works.
    auto r = m_accounts.replacePasswordHash(account.address, account.passwordHash, phc);
    if (r && *r)
        account.passwordHash = phc;
}

AuthOutcome Authenticator::verifyNow(const QByteArray &user, const QByteArray &password,
                                     const QString &peer)
{
    return *check(user, password, peer, true);
}

std::optional<AuthOutcome> Authenticator::check(const QByteArray &user, const QByteArray &password,
                                                const QString &peer, bool mayHash)
{
    AuthOutcome out;
    const QString name = QString::fromUtf8(user).toLower();
    if (m_throttle && m_throttle->isLockedOut(peer, name)) {
        out.kind = AuthOutcome::Kind::LockedOut;
        return out;
    }
    auto address = MailAddress::parse(QByteArrayView(user));
    Result<Account> account = address ? m_accounts.find(address->normalized())
                                      : Result<Account>(Error::notFound(QString()));
    if (!account && account.error().kind != Error::Kind::NotFound) {
        out.kind = AuthOutcome::Kind::TempFail;
        return out;
    }
    bool ok = false;
    if (account && account->enabled && !account->passwordHash.isEmpty()) {
        const QByteArray key = cacheKey(user, password);
        const qint64 now = m_clock->msecsSinceEpoch();
        {
            QMutexLocker lock(&m_cacheMutex);
            auto it = m_cache.constFind(key);
            ok = it != m_cache.cend() && it->expiresMs > now && it->phc == account->passwordHash;
        }
        if (!ok) {
            if (!mayHash)
                return std::nullopt;
            ok = PasswordHash::verify(password, account->passwordHash);
            if (ok && PasswordHash::needsRehash(account->passwordHash))
                rehash(*account, password);
            if (ok && m_cacheMs > 0) {
                QMutexLocker lock(&m_cacheMutex);
                if (m_cache.size() >= kMaxCacheEntries)
                    m_cache.clear();
                m_cache.insert(key, {account->passwordHash, now + m_cacheMs});
            }
        }
    } else {
        if (!mayHash)
            return std::nullopt;
        // Same cost whether or not the account exists, so timing tells nothing.
        PasswordHash::verify(password, PasswordHash::dummyHash());
    }
    if (!ok) {
        if (m_throttle)
            m_throttle->recordFailure(peer, name);
        out.kind = AuthOutcome::Kind::Failed;
        return out;
    }
    if (m_throttle)
        m_throttle->recordSuccess(peer, name);
    out.kind = AuthOutcome::Kind::Ok;
    out.account = *account;
    out.account.passwordHash.clear();
    return out;
}

} // namespace fumibako
