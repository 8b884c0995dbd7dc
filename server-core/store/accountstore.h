// AccountStore: accounts, domains and aliases in the database. Pure storage:
// the rules (reserved names, validation, hashing) live in service/AccountService.
#pragma once

#include "auth/accountdirectory.h"
#include "common/account.h"
#include "database.h"

#include <QList>

namespace fumibako
{

class AccountStore
{
public:
    explicit AccountStore(const Database &db) : m_db(db) {}

    Result<qint64> addDomain(const QString &name);
    Result<QStringList> domains() const;
    Result<qint64> domainId(const QString &name) const;

    Result<Account> add(const Account &account); // creates INBOX too
    Result<Account> find(const QString &address) const;
    Result<Account> findById(qint64 id) const;
    Result<QList<Account>> list() const;
    Result<void> update(const Account &account); // display name, role, enabled, quotas
    Result<void> setPasswordHash(const QString &address, const QString &phc);
    // Sets the hash only while it is still `expected`; false if it was not.
    Result<bool> replacePasswordHash(const QString &address, const QString &expected,
                                     const QString &phc);
    Result<void> remove(const QString &address);

    // The account whose INBOX receives mail for `address` through an alias.
    Result<Account> findByAlias(const QString &address) const;
    Result<void> addAlias(const QString &alias, qint64 accountId);
    Result<bool> removeAlias(const QString &alias); // false: there was none
    // Every alias ("@domain": the domain's catch-all) with its account's address.
    Result<QList<QPair<QString, QString>>> aliases() const;
    // The domain's administrator (oldest enabled admin): postmaster@ etc. go there.
    Result<Account> administrator(const QString &domain) const;

    Result<qint64> inboxId(qint64 accountId) const;

private:
    const Database &m_db;
};

// The accounts in the database as logging in sees them (auth/AccountDirectory).
class StoredAccounts : public AccountDirectory
{
public:
    explicit StoredAccounts(const Database &db) : m_db(db) {}
    Result<Account> find(const QString &address) const override;
    Result<bool> replacePasswordHash(const QString &address, const QString &oldHash,
                                     const QString &newHash) const override;

private:
    const Database &m_db;
};

} // namespace fumibako
