#include "accountstore.h"

#include "mailboxstore.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace fumibako
{

namespace
{

const QString kAccountColumns = QStringLiteral(
    "a.id, a.address, a.display_name, a.role, a.enabled, a.quota_bytes, a.quota_messages, "
    "a.maildir, a.password_hash, "
    "(SELECT COALESCE(SUM(b.used_bytes), 0) FROM mailboxes b WHERE b.account_id = a.id), "
    "(SELECT COALESCE(SUM(b.used_messages), 0) FROM mailboxes b WHERE b.account_id = a.id), "
    "a.created_at, "
    "(SELECT COALESCE(l.last_login_at, 0) FROM account_logins l WHERE l.account_id = a.id)");

Account readAccount(const QSqlQuery &q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.address = q.value(1).toString();
    a.displayName = q.value(2).toString();
    a.role = Account::roleFromName(q.value(3).toString()).value_or(Account::Role::User);
    a.enabled = q.value(4).toBool();
    a.quotaBytes = q.value(5).toLongLong();
    a.quotaMessages = q.value(6).toLongLong();
    a.maildir = q.value(7).toString();
    a.passwordHash = q.value(8).toString();
    a.usedBytes = q.value(9).toLongLong();
    a.usedMessages = q.value(10).toLongLong();
    a.createdAt = q.value(11).toLongLong();
    a.lastLoginAt = q.value(12).toLongLong();
    return a;
}

Result<Account> oneAccount(Result<QSqlQuery> q, const QString &what)
{
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no such account: %1").arg(what));
    return readAccount(*q);
}

} // namespace

Result<qint64> AccountStore::addDomain(const QString &name)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO domains (name, created_at) VALUES (?, ?)"),
                       {name.toLower(), QDateTime::currentSecsSinceEpoch()});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<QStringList> AccountStore::domains() const
{
    return m_db.texts(QStringLiteral("SELECT name FROM domains ORDER BY id"));
}

Result<qint64> AccountStore::domainId(const QString &name) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id FROM domains WHERE name = ?"), {name.toLower()});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("%1 is not a domain of this server").arg(name));
    return q->value(0).toLongLong();
}

Result<Account> AccountStore::add(const Account &account)
{
    auto domain = domainId(account.domain());
    if (!domain)
        return domain.error();
    Result<Account> out = Error::permanent(QString());
    auto r = m_db.transaction([&](const Database &db) -> Result<void> {
        auto q =
            db.exec(QStringLiteral("INSERT INTO accounts (address, domain_id, display_name, "
                                   "password_hash, role, enabled, quota_bytes, quota_messages, "
                                   "maildir, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {account.address, *domain, account.displayName, account.passwordHash,
                     Account::roleName(account.role), account.enabled ? 1 : 0, account.quotaBytes,
                     account.quotaMessages, account.maildir, QDateTime::currentSecsSinceEpoch()});
        if (!q) {
            if (q.error().kind == Error::Kind::Exists)
                return Error::exists(
                    QStringLiteral("the account %1 already exists").arg(account.address));
            return q.error();
        }
        const qint64 id = q->lastInsertId().toLongLong();
        if (auto inbox = MailboxStore(db).create(id, QStringLiteral("INBOX"), QString(), QString());
            !inbox)
            return inbox.error();
        for (const auto &[name, use] : MailboxStore::defaultFolders())
            if (auto f = MailboxStore(db).create(id, name, use, QLatin1Char('.') + name); !f)
                return f.error();
        Account a = account;
        a.id = id;
        out = a;
        return {};
    });
    if (!r)
        return r.error();
    return out;
}

Result<Account> AccountStore::find(const QString &address) const
{
    return oneAccount(
        m_db.exec(
            QStringLiteral("SELECT %1 FROM accounts a WHERE a.address = ?").arg(kAccountColumns),
            {address.toLower()}),
        address);
}

Result<Account> AccountStore::findById(qint64 id) const
{
    return oneAccount(
        m_db.exec(QStringLiteral("SELECT %1 FROM accounts a WHERE a.id = ?").arg(kAccountColumns),
                  {id}),
        QString::number(id));
}

Result<QList<Account>> AccountStore::list() const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT %1 FROM accounts a ORDER BY a.address").arg(kAccountColumns));
    if (!q)
        return q.error();
    QList<Account> out;
    while (q->next())
        out << readAccount(*q);
    return out;
}

Result<void> AccountStore::update(const Account &a)
{
    auto q =
        m_db.exec(QStringLiteral("UPDATE accounts SET display_name = ?, role = ?, enabled = ?, "
                                 "quota_bytes = ?, quota_messages = ? WHERE id = ?"),
                  {a.displayName, Account::roleName(a.role), a.enabled ? 1 : 0, a.quotaBytes,
                   a.quotaMessages, a.id});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("no such account: %1").arg(a.address));
    return {};
}

Result<void> AccountStore::setPasswordHash(const QString &address, const QString &phc)
{
    auto q = m_db.exec(QStringLiteral("UPDATE accounts SET password_hash = ? WHERE address = ?"),
                       {phc, address.toLower()});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("no such account: %1").arg(address));
    return {};
}

Result<bool> AccountStore::replacePasswordHash(const QString &address, const QString &expected,
                                               const QString &phc)
{
    auto q = m_db.exec(
        QStringLiteral(
            "UPDATE accounts SET password_hash = ? WHERE address = ? AND password_hash = ?"),
        {phc, address.toLower(), expected});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<void> AccountStore::remove(const QString &address)
{
    auto q =
        m_db.exec(QStringLiteral("DELETE FROM accounts WHERE address = ?"), {address.toLower()});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("no such account: %1").arg(address));
    return {};
}

Result<Account> AccountStore::findByAlias(const QString &address) const
{
    return oneAccount(m_db.exec(QStringLiteral("SELECT %1 FROM aliases l JOIN accounts a ON "
                                               "a.id = l.account_id WHERE l.address = ?")
                                    .arg(kAccountColumns),
                                {address.toLower()}),
                      address);
}

Result<void> AccountStore::addAlias(const QString &alias, qint64 accountId)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO aliases (address, account_id) VALUES (?, ?)"),
                       {alias.toLower(), accountId});
    if (!q)
        return q.error();
    return {};
}

Result<bool> AccountStore::removeAlias(const QString &alias)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM aliases WHERE address = ?"), {alias.toLower()});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<QList<QPair<QString, QString>>> AccountStore::aliases() const
{
    auto q = m_db.exec(QStringLiteral("SELECT l.address, a.address FROM aliases l JOIN accounts a "
                                      "ON a.id = l.account_id ORDER BY l.address"));
    if (!q)
        return q.error();
    QList<QPair<QString, QString>> out;
    while (q->next())
        out << qMakePair(q->value(0).toString(), q->value(1).toString());
    return out;
}

Result<Account> AccountStore::administrator(const QString &domain) const
{
    return oneAccount(
        m_db.exec(QStringLiteral("SELECT %1 FROM accounts a JOIN domains d ON d.id = a.domain_id "
                                 "WHERE d.name = ? AND a.role = 'admin' AND a.enabled = 1 "
                                 "ORDER BY a.id LIMIT 1")
                      .arg(kAccountColumns),
                  {domain.toLower()}),
        QStringLiteral("administrator of %1").arg(domain));
}

Result<qint64> AccountStore::inboxId(qint64 accountId) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT id FROM mailboxes WHERE account_id = ? AND name = 'INBOX'"),
        {accountId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("the account has no INBOX"));
    return q->value(0).toLongLong();
}

Result<Account> StoredAccounts::find(const QString &address) const
{
    return AccountStore(m_db).find(address);
}

Result<bool> StoredAccounts::replacePasswordHash(const QString &address, const QString &oldHash,
                                                 const QString &newHash) const
{
    return AccountStore(m_db).replacePasswordHash(address, oldHash, newHash);
}

} // namespace fumibako
