// RecipientPolicy: decides, at RCPT time, what becomes of a recipient —
// delivered to a local mailbox, discarded (send-only noreply@), queued for
// another domain (authenticated senders only), or refused. The rules that
// keep the server from being an open relay live here and nowhere else.
#pragma once

#include "common/mailaddress.h"
#include "store/account.h"

#include <QStringList>

namespace fumibako {

class Database;

struct RecipientDecision {
    enum class Kind {
        Local,      // deliver to `account`'s INBOX
        Discard,    // accept and drop silently (send-only account)
        Remote,     // queue for delivery to another domain
        Unknown,    // 550 5.1.1 User unknown
        Disabled,   // 550 5.2.1 account disabled
        Denied,     // 554 5.7.1 Access denied (relay attempt, routing trick)
        TempFail,   // 451 4.3.0 (database unavailable, no administrator yet)
    };
    Kind kind = Kind::Unknown;
    Account account;
    qint64 mailboxId = 0;
};

class RecipientPolicy {
public:
    explicit RecipientPolicy(const Database &db) : m_db(db) {}

    // The local parts that are no account but reach the domain's administrator.
    static const QStringList &reservedLocalParts();
    static bool isReserved(const QString &localPart);

    RecipientDecision decide(const MailAddress &rcpt, bool mayRelay) const;

private:
    const Database &m_db;
};

} // namespace fumibako
