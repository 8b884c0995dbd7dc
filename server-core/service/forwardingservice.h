// ForwardingService: forwarding (転送設定), auto-reply (自動返信設定), aliases
// (別名) and group addresses as the console's editors, `fumibakoctl forward |
// autoreply | alias | group` and later the users' own web pages change them —
// one path, so the rules are checked the same way whoever asks: at most 10
// destinations, valid addresses, no forwarding to oneself, errors to the
// account only when it keeps a copy, no header-breaking text. Every change is
// written with an audit line (who, what) in the same transaction.
#pragma once

#include "common/result.h"
#include "store/forwardingstore.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace fumibako
{

class Clock;
class Database;

struct AliasEntry {
    QString alias;   // "info@example.jp", or "@example.jp" for the domain's catch-all
    QString account; // the account it delivers to
};

class ForwardingService
{
public:
    ForwardingService(const Database &db, const Clock *clock);

    // Limits where the reference service is silent: a group of a small
    // office's size, texts that fit a reply.
    static constexpr int kMaxGroupMembers = 200;
    static constexpr int kMaxConditionLength = 200;
    static constexpr int kMaxSubjectLength = 200;
    static constexpr int kMaxNameLength = 100;
    static constexpr int kMaxBodyLength = 10000;

    Result<std::optional<ForwardRule>> forward(const QString &address) const;
    // Invalid (with what is wrong), Limit (over 10 destinations), NotFound.
    Result<void> setForward(const QString &address, ForwardRule rule, const QString &who) const;
    Result<void> clearForward(const QString &address, const QString &who) const;
    // The destinations of `rule` that forward back to `address` (the FAQ's
    // mutual forwarding: the loop check will stop such mail, but the user
    // should know before saving).
    Result<QStringList> mutualForwards(const QString &address, const ForwardRule &rule) const;

    Result<std::optional<AutoReplyRule>> autoReply(const QString &address) const;
    Result<void> setAutoReply(const QString &address, AutoReplyRule rule, const QString &who) const;
    Result<void> disableAutoReply(const QString &address, const QString &who) const;

    Result<QList<AliasEntry>> aliases() const;
    // `alias` "@domain" turns the domain's catch-all on (mail for any unknown
    // name there goes to `account`).
    Result<void> addAlias(const QString &alias, const QString &account, const QString &who) const;
    Result<void> removeAlias(const QString &alias, const QString &who) const;

    Result<QList<GroupAddress>> groups() const;
    // Creates the group, or adds to its members.
    Result<void> addGroup(const QString &group, const QStringList &members,
                          const QString &who) const;
    Result<void> removeGroup(const QString &group, const QString &who) const;

private:
    Result<qint64> accountId(const QString &address) const;
    Result<void> audit(const Database &db, const QString &address, const QString &what,
                       const QString &who) const;

    const Database &m_db;
    const Clock *m_clock;
};

} // namespace fumibako
