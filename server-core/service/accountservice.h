// AccountService: the rules around accounts — address syntax, local domains,
// reserved names (postmaster@, mailer-daemon@, root@ reach the administrator
// and can never be accounts; noreply@ is the send-only account made at init),
// password policy and hashing, Maildir creation and removal. The console,
// fumibakoctl and the wizard all manage accounts through this class.
#pragma once

#include "common/account.h"
#include "common/result.h"

#include <QList>

namespace fumibako
{

class Database;

class AccountService
{
public:
    AccountService(const Database &db, QString mailRoot);

    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMaxPasswordLength = 1024;
    static Result<void> checkPassword(const QByteArray &password);

    Result<void> addDomain(const QString &domain);
    Result<QStringList> domains() const;
    Result<Account> createNoReply(const QString &domain);

    struct NewAccount {
        QString address;
        QString displayName;
        Account::Role role = Account::Role::User;
        QByteArray password; // empty: the account cannot log in until a reset
        qint64 quotaBytes = 0;
        qint64 quotaMessages = 0;
    };
    Result<Account> add(const NewAccount &account);
    Result<QList<Account>> list() const;
    Result<Account> find(const QString &address) const;
    Result<void> setPassword(const QString &address, const QByteArray &password);
    Result<void> setEnabled(const QString &address, bool enabled);
    Result<void> setQuota(const QString &address, qint64 bytes, qint64 messages);
    Result<void> setProfile(const QString &address, const QString &displayName, Account::Role role);
    Result<void> remove(const QString &address);

    // `address` as an account, alias or group may take it: a valid mail
    // address in one of our domains, not a reserved name; normalized.
    static Result<QString> checkLocalAddress(const Database &db, const QString &address);
    // Exists when an account, an alias or a group has `address` already.
    static Result<void> checkUnused(const Database &db, const QString &address);

private:
    Result<QString> checkAddress(const QString &address) const
    {
        return checkLocalAddress(m_db, address);
    }
    Result<void> createMaildirs(const QString &relative) const;

    const Database &m_db;
    QString m_mailRoot;
};

} // namespace fumibako
