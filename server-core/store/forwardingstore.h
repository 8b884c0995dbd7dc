// ForwardingStore: what happens to an account's mail besides its mailbox —
// its forwarding rule (転送設定), its auto-reply (自動返信設定) and the senders
// already answered — and the group addresses that expand to several
// recipients. Pure storage: the rules are validated in service/ForwardingService
// and applied in delivery/RecipientExpansion.
#pragma once

#include "database.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fumibako
{

struct ForwardRule {
    QStringList destinations;      // at most kMaxDestinations, local or external
    bool keepCopy = true;          // 「サーバにコピーを残す」
    bool stripAttachments = false; // 「添付を削除して転送」 rather than 「すべて転送」
    QString ifFrom;    // 条件の設定: forward only mail whose sender contains this (empty: any)
    QString ifSubject; // ... and whose subject contains this (empty: any)
    bool skipSpam = false; // 「迷惑メールと判定されたメールを転送しない」
    bool errorsToMe = false; // 「転送先からのエラー配信先を転送元アドレスにする」 (needs keepCopy)

    static constexpr int kMaxDestinations = 10; // the FAQ's 10 箇所
};

struct AutoReplyRule {
    bool enabled = false;
    QDate start, end; // null: open-ended; both inclusive, local dates
    QString subject;  // empty: "Re: " + the original subject
    QString body;     // plain text
    QString fromName; // the sender name shown (FAQ 送信者名)
    int days = 7;     // once per sender per this many days (Sieve vacation :days), 1..365
    enum class Charset { Utf8, Iso2022Jp } charset = Charset::Utf8;
};

// What delivery needs of one account's rules, read with the recipient.
struct DeliveryRules {
    QString address; // the account's, lower case
    std::optional<ForwardRule> forward;
    std::optional<AutoReplyRule> autoReply; // only when enabled
    QStringList ownAddresses; // the account's address and its aliases (auto-reply's To/Cc test)
};

struct GroupAddress {
    qint64 id = 0;
    QString address;
    QStringList members; // as entered: accounts, aliases, groups or external addresses
};

class ForwardingStore
{
public:
    explicit ForwardingStore(const Database &db) : m_db(db) {}

    Result<std::optional<ForwardRule>> forward(qint64 accountId) const;
    Result<void> setForward(qint64 accountId, const ForwardRule &rule) const;
    Result<bool> clearForward(qint64 accountId) const;                      // false: there was none
    Result<std::optional<AutoReplyRule>> autoReply(qint64 accountId) const; // enabled or not
    Result<void> setAutoReply(qint64 accountId, const AutoReplyRule &rule) const;
    Result<bool> disableAutoReply(qint64 accountId) const; // false: there was none on
    // Both rules of `accountId` as delivery applies them (an auto-reply only when on).
    Result<DeliveryRules> rulesFor(qint64 accountId, const QString &address) const;
    // Accounts forwarding to `address` (the console's mutual-forwarding warning).
    Result<QStringList> forwardersTo(const QString &address) const;

    // Inside the writer's transaction: whether `sender` may get an auto-reply
    // from `accountId` now (none within `days` days), and if so the time is
    // noted, so two messages committed together answer once.
    Result<bool> claimAutoReply(qint64 accountId, const QString &sender, qint64 now,
                                int days) const;

    // Group addresses. add() creates the group or adds to its members.
    Result<QList<GroupAddress>> groups() const;
    Result<std::optional<GroupAddress>> group(const QString &address) const;
    Result<void> addGroupMembers(const QString &address, qint64 domainId,
                                 const QStringList &members) const;
    Result<bool> removeGroup(const QString &address) const;

private:
    const Database &m_db;
};

} // namespace fumibako
