#include "forwardingservice.h"

#include "accountservice.h"
#include "common/clock.h"
#include "common/mailaddress.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/logstore.h"

namespace fumibako
{

namespace
{

// Text that goes into a header field of mail we write: no line breaks or
// other controls (header injection), and no longer than `max`.
Result<QString> headerText(const QString &text, int max, const QString &what)
{
    const QString t = text.trimmed();
    if (t.size() > max)
        return Error::invalid(QStringLiteral("%1 is longer than %2 characters").arg(what).arg(max));
    for (const QChar c : t)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return Error::invalid(QStringLiteral("%1 may not hold line breaks or control "
                                                 "characters")
                                      .arg(what));
    return t;
}

} // namespace

ForwardingService::ForwardingService(const Database &db, const Clock *clock)
    : m_db(db), m_clock(clock)
{
}

Result<qint64> ForwardingService::accountId(const QString &address) const
{
    auto account = AccountStore(m_db).find(address.trimmed());
    if (!account)
        return account.error();
    return account->id;
}

Result<void> ForwardingService::audit(const Database &db, const QString &address,
                                      const QString &what, const QString &who) const
{
    return LogStore(db).audit(m_clock->now(), address, QStringLiteral("forwarding-changed"), what,
                              who);
}

// ---- forwarding -------------------------------------------------------------

Result<std::optional<ForwardRule>> ForwardingService::forward(const QString &address) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    return ForwardingStore(m_db).forward(*id);
}

Result<void> ForwardingService::setForward(const QString &address, ForwardRule rule,
                                           const QString &who) const
{
    const QString self = address.trimmed().toLower();
    auto id = accountId(self);
    if (!id)
        return id.error();
    QStringList destinations;
    for (const QString &d : std::as_const(rule.destinations)) {
        if (d.trimmed().isEmpty())
            continue;
        auto parsed = MailAddress::parse(d.trimmed());
        if (!parsed || parsed->quoted || parsed->domainLiteral)
            return Error::invalid(QStringLiteral("\"%1\" is not a valid mail address").arg(d));
        const QString n = parsed->normalized();
        auto alias = AccountStore(m_db).findByAlias(n);
        if (n == self || (alias && alias->id == *id))
            return Error::invalid(QStringLiteral("%1 cannot forward to itself").arg(self));
        if (!destinations.contains(n))
            destinations << n;
    }
    if (destinations.isEmpty())
        return Error::invalid(QStringLiteral("forwarding needs at least one destination"));
    if (destinations.size() > ForwardRule::kMaxDestinations)
        return Error::limit(QStringLiteral("at most %1 forwarding destinations")
                                .arg(ForwardRule::kMaxDestinations));
    // FAQ: 「転送先からのエラー配信先を転送元アドレスにする」 needs 「サーバにコピーを残す」,
    // or the errors would land in a mailbox nobody reads.
    if (rule.errorsToMe && !rule.keepCopy)
        return Error::invalid(QStringLiteral("errors can come back to the account only when it "
                                             "keeps a copy"));
    auto ifFrom =
        headerText(rule.ifFrom, kMaxConditionLength, QStringLiteral("the sender condition"));
    if (!ifFrom)
        return ifFrom.error();
    auto ifSubject =
        headerText(rule.ifSubject, kMaxConditionLength, QStringLiteral("the subject condition"));
    if (!ifSubject)
        return ifSubject.error();
    rule.destinations = destinations;
    rule.ifFrom = *ifFrom;
    rule.ifSubject = *ifSubject;
    return m_db.transaction([&](const Database &db) -> Result<void> {
        if (auto r = ForwardingStore(db).setForward(*id, rule); !r)
            return r;
        QString what =
            QStringLiteral("forwarding of %1 set: to %2, %3")
                .arg(self, destinations.join(QStringLiteral(", ")),
                     rule.keepCopy ? QStringLiteral("copy kept") : QStringLiteral("no copy kept"));
        if (rule.stripAttachments)
            what += QStringLiteral(", attachments removed");
        if (!rule.ifFrom.isEmpty())
            what += QStringLiteral(", if from \"%1\"").arg(rule.ifFrom);
        if (!rule.ifSubject.isEmpty())
            what += QStringLiteral(", if subject \"%1\"").arg(rule.ifSubject);
        if (rule.skipSpam)
            what += QStringLiteral(", spam not forwarded");
        if (rule.errorsToMe)
            what += QStringLiteral(", errors to the account");
        return audit(db, self, what, who);
    });
}

Result<void> ForwardingService::clearForward(const QString &address, const QString &who) const
{
    const QString self = address.trimmed().toLower();
    auto id = accountId(self);
    if (!id)
        return id.error();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto cleared = ForwardingStore(db).clearForward(*id);
        if (!cleared)
            return cleared.error();
        if (!*cleared)
            return {};
        return audit(db, self, QStringLiteral("forwarding of %1 cleared").arg(self), who);
    });
}

Result<QStringList> ForwardingService::mutualForwards(const QString &address,
                                                      const ForwardRule &rule) const
{
    auto back = ForwardingStore(m_db).forwardersTo(address.trimmed());
    if (!back)
        return back.error();
    QStringList out;
    for (const QString &d : rule.destinations)
        if (back->contains(d.trimmed(), Qt::CaseInsensitive))
            out << d.trimmed().toLower();
    return out;
}

// ---- auto-reply -------------------------------------------------------------

Result<std::optional<AutoReplyRule>> ForwardingService::autoReply(const QString &address) const
{
    auto id = accountId(address);
    if (!id)
        return id.error();
    return ForwardingStore(m_db).autoReply(*id);
}

Result<void> ForwardingService::setAutoReply(const QString &address, AutoReplyRule rule,
                                             const QString &who) const
{
    const QString self = address.trimmed().toLower();
    auto id = accountId(self);
    if (!id)
        return id.error();
    auto subject = headerText(rule.subject, kMaxSubjectLength, QStringLiteral("the subject"));
    if (!subject)
        return subject.error();
    auto name = headerText(rule.fromName, kMaxNameLength, QStringLiteral("the sender name"));
    if (!name)
        return name.error();
    if (rule.body.size() > kMaxBodyLength)
        return Error::invalid(
            QStringLiteral("the text is longer than %1 characters").arg(kMaxBodyLength));
    if (rule.body.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("the auto-reply needs a text"));
    if (rule.days < 1 || rule.days > 365)
        return Error::invalid(QStringLiteral("the period is 1 to 365 days"));
    if (rule.start.isValid() && rule.end.isValid() && rule.end < rule.start)
        return Error::invalid(QStringLiteral("the end date is before the start date"));
    rule.subject = *subject;
    rule.fromName = *name;
    rule.enabled = true;
    return m_db.transaction([&](const Database &db) -> Result<void> {
        if (auto r = ForwardingStore(db).setAutoReply(*id, rule); !r)
            return r;
        QString when;
        if (rule.start.isValid() || rule.end.isValid())
            when = QStringLiteral(", %1 to %2")
                       .arg(rule.start.isValid() ? rule.start.toString(Qt::ISODate)
                                                 : QStringLiteral("now"),
                            rule.end.isValid() ? rule.end.toString(Qt::ISODate)
                                               : QStringLiteral("no end"));
        return audit(
            db, self,
            QStringLiteral("auto-reply of %1 on%2, once in %3 days").arg(self, when).arg(rule.days),
            who);
    });
}

Result<void> ForwardingService::disableAutoReply(const QString &address, const QString &who) const
{
    const QString self = address.trimmed().toLower();
    auto id = accountId(self);
    if (!id)
        return id.error();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto off = ForwardingStore(db).disableAutoReply(*id);
        if (!off)
            return off.error();
        if (!*off)
            return {};
        return audit(db, self, QStringLiteral("auto-reply of %1 off").arg(self), who);
    });
}

// ---- aliases and groups -----------------------------------------------------

Result<QList<AliasEntry>> ForwardingService::aliases() const
{
    auto all = AccountStore(m_db).aliases();
    if (!all)
        return all.error();
    QList<AliasEntry> out;
    for (const auto &[alias, account] : std::as_const(*all))
        out << AliasEntry{alias, account};
    return out;
}

Result<void> ForwardingService::addAlias(const QString &alias, const QString &account,
                                         const QString &who) const
{
    QString name = alias.trimmed().toLower();
    if (name.startsWith(QLatin1Char('@'))) {
        // The catch-all: off unless the administrator names an account for it.
        auto domain = AccountStore(m_db).domainId(name.mid(1));
        if (!domain)
            return domain.error();
    } else {
        auto checked = AccountService::checkLocalAddress(m_db, name);
        if (!checked)
            return checked.error();
        name = *checked;
    }
    auto target = AccountStore(m_db).find(account.trimmed());
    if (!target)
        return target.error();
    if (target->role == Account::Role::SendOnly)
        return Error::invalid(
            QStringLiteral("%1 is send-only: it receives no mail").arg(target->address));
    return m_db.transaction([&](const Database &db) -> Result<void> {
        if (auto unused = AccountService::checkUnused(db, name); !unused)
            return unused;
        if (auto r = AccountStore(db).addAlias(name, target->id); !r)
            return r;
        return audit(db, target->address,
                     name.startsWith(QLatin1Char('@'))
                         ? QStringLiteral("catch-all of %1 to %2").arg(name.mid(1), target->address)
                         : QStringLiteral("alias %1 of %2 added").arg(name, target->address),
                     who);
    });
}

Result<void> ForwardingService::removeAlias(const QString &alias, const QString &who) const
{
    const QString name = alias.trimmed().toLower();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto removed = AccountStore(db).removeAlias(name);
        if (!removed)
            return removed.error();
        if (!*removed)
            return Error::notFound(QStringLiteral("no such alias: %1").arg(name));
        return audit(db, name, QStringLiteral("alias %1 removed").arg(name), who);
    });
}

Result<QList<GroupAddress>> ForwardingService::groups() const
{
    return ForwardingStore(m_db).groups();
}

Result<void> ForwardingService::addGroup(const QString &group, const QStringList &members,
                                         const QString &who) const
{
    auto name = AccountService::checkLocalAddress(m_db, group);
    if (!name)
        return name.error();
    QStringList checked;
    for (const QString &m : members) {
        auto parsed = MailAddress::parse(m.trimmed());
        if (!parsed || parsed->quoted || parsed->domainLiteral)
            return Error::invalid(QStringLiteral("\"%1\" is not a valid mail address").arg(m));
        if (parsed->normalized() == *name)
            return Error::invalid(QStringLiteral("%1 cannot be a member of itself").arg(*name));
        if (!checked.contains(parsed->normalized()))
            checked << parsed->normalized();
    }
    if (checked.isEmpty())
        return Error::invalid(QStringLiteral("a group needs at least one member"));
    auto domain = AccountStore(m_db).domainId(name->section(QLatin1Char('@'), -1));
    if (!domain)
        return domain.error();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        ForwardingStore store(db);
        auto existing = store.group(*name);
        if (!existing)
            return existing.error();
        if (!*existing) {
            if (auto unused = AccountService::checkUnused(db, *name); !unused)
                return unused;
        }
        QStringList all = *existing ? (*existing)->members : QStringList();
        for (const QString &m : std::as_const(checked))
            if (!all.contains(m))
                all << m;
        if (all.size() > kMaxGroupMembers)
            return Error::limit(
                QStringLiteral("a group has at most %1 members").arg(kMaxGroupMembers));
        if (auto r = store.addGroupMembers(*name, *domain, checked); !r)
            return r;
        return audit(
            db, *name,
            QStringLiteral("group %1: %2 added").arg(*name, checked.join(QStringLiteral(", "))),
            who);
    });
}

Result<void> ForwardingService::removeGroup(const QString &group, const QString &who) const
{
    const QString name = group.trimmed().toLower();
    return m_db.transaction([&](const Database &db) -> Result<void> {
        auto removed = ForwardingStore(db).removeGroup(name);
        if (!removed)
            return removed.error();
        if (!*removed)
            return Error::notFound(QStringLiteral("no such group: %1").arg(name));
        return audit(db, name, QStringLiteral("group %1 removed").arg(name), who);
    });
}

} // namespace fumibako
