// Account: one mail account (an address with a mailbox and a password hash),
// the value type that auth/, store/, service/ and the models pass around.
// It lives in common/ because every layer speaks of accounts; store/ keeps them.
#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace fumibako
{

struct Account {
    enum class Role { Admin, User, SendOnly };

    qint64 id = 0;
    QString address; // normalized (lower-case)
    QString displayName;
    Role role = Role::User;
    bool enabled = true;
    qint64 quotaBytes = 0;    // 0 = unlimited
    qint64 quotaMessages = 0; // 0 = unlimited
    qint64 usedBytes = 0;
    qint64 usedMessages = 0;
    QString maildir;        // relative to the data dir's mail/ folder
    QString passwordHash;   // PHC string; never leaves server-core
    qint64 createdAt = 0;   // seconds since the epoch
    qint64 lastLoginAt = 0; // the last POP3 or IMAP login; 0: never

    static QString roleName(Role role);
    static std::optional<Role> roleFromName(const QString &name);
    QString domain() const { return address.mid(address.lastIndexOf(QLatin1Char('@')) + 1); }
    QString localPart() const { return address.left(address.lastIndexOf(QLatin1Char('@'))); }
};

} // namespace fumibako

Q_DECLARE_METATYPE(fumibako::Account)
