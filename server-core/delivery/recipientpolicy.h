// RecipientPolicy: decides, at RCPT time, what becomes of a recipient —
// delivered to a local mailbox (an account, an alias, a catch-all), expanded
// (a group address), turned back into a report to the original sender (our
// SRS return address), discarded (send-only noreply@), queued for another
// domain (authenticated senders only), or refused — and, at MAIL
// time on submission, which sender addresses an account may use. The rules
// that keep the server from being an open relay live here and nowhere else;
// they answer in Error kinds, which each protocol words as its own reply.
#pragma once

#include "common/account.h"
#include "common/mailaddress.h"
#include "common/result.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace fumibako
{

class Database;
struct DeliveryRules;

struct RecipientDecision {
    enum class Kind {
        Local,    // deliver to `account`'s INBOX
        Discard,  // accept and drop silently (send-only account)
        Remote,   // queue for delivery to another domain
        Unknown,  // 550 5.1.1 User unknown
        Disabled, // 550 5.2.1 account disabled
        Denied,   // 554 5.7.1 Access denied (relay attempt, routing trick)
        TempFail, // 451 4.3.0 (database unavailable, no administrator yet)
        Group,    // a group address: deliver to each of `members`
        Return,   // our SRS address: what comes back is reported to `returnTo`
    };
    Kind kind = Kind::Unknown;
    Account account;
    qint64 mailboxId = 0;
    QString address; // the address decided on (a group's member), lower case
    // Group: its members expanded (nested groups too, to kMaxGroupDepth), each
    // Local or Remote, duplicates removed; members that reach nobody left out.
    std::vector<RecipientDecision> members;
    QString returnTo; // Return: the address the SRS address stands for
    // Local: the account's forwarding and auto-reply rules, when it has any
    // (Delivery::decide reads them; the policy alone does not).
    std::shared_ptr<const DeliveryRules> rules;
    // Local: the account's domain keeps received mail in the archive (read with the rules).
    bool archiveReceived = false;
};

class RecipientPolicy
{
public:
    explicit RecipientPolicy(const Database &db) : m_db(db) {}

    // The local parts that are no account but reach the domain's administrator.
    static const QStringList &reservedLocalParts();
    static bool isReserved(const QString &localPart);
    // How deep a group may name groups (Postfix's virtual_alias_recursion_limit is 1000;
    // a small office needs a few levels, and a cycle must end quickly).
    static constexpr int kMaxGroupDepth = 5;

    RecipientDecision decide(const MailAddress &rcpt, bool mayRelay) const;
    // The SRS key (store/secrets.h), for the Return decisions and for forwarding.
    static Result<QByteArray> srsKey(const Database &db);

    // Submission: `authUser` may send as its own address or one of its
    // aliases, and not with the null sender (refused by the reference
    // service, as abuse). Permanent when not, Temporary when unknown.
    Result<void> checkSender(const QString &authUser, const std::optional<MailAddress> &from) const;
    // RCPT time, from the size MAIL FROM declared (RFC 1870): TooBig when the
    // message alone exceeds the account's quota, OverQuota when its mailbox
    // is full or would be. The writer checks again, race-free, at delivery.
    static Result<void> checkDeclaredSize(const Account &account, qint64 declaredSize);

private:
    RecipientDecision decideLocal(const MailAddress &rcpt, int depth) const;
    RecipientDecision expandGroup(const QString &address, const QStringList &members,
                                  int depth) const;

    const Database &m_db;
};

} // namespace fumibako
