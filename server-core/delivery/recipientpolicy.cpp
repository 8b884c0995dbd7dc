#include "recipientpolicy.h"

#include "senderrewriting.h"

#include "common/clock.h"
#include "store/accountstore.h"
#include "store/forwardingstore.h"
#include "store/secrets.h"

#include <QSet>

namespace fumibako
{

const QStringList &RecipientPolicy::reservedLocalParts()
{
    static const QStringList names = {QStringLiteral("postmaster"), QStringLiteral("mailer-daemon"),
                                      QStringLiteral("root")};
    return names;
}

bool RecipientPolicy::isReserved(const QString &localPart)
{
    return reservedLocalParts().contains(localPart.toLower());
}

Result<QByteArray> RecipientPolicy::srsKey(const Database &db)
{
    return secretKey(db, QStringLiteral("srs_key"));
}

RecipientDecision RecipientPolicy::decide(const MailAddress &rcpt, bool mayRelay) const
{
    using K = RecipientDecision::Kind;
    RecipientDecision d;
    d.address = rcpt.normalized();
    bool local = false;
    if (!rcpt.domainLiteral) {
        auto domain = AccountStore(m_db).domainId(rcpt.domain);
        if (!domain && domain.error().kind != Error::Kind::NotFound) {
            d.kind = K::TempFail; // a database hiccup must not turn into "not ours"
            return d;
        }
        local = domain.has_value();
    }
    // Routing tricks inside a local address (%-hack, bang paths, a quoted
    // local part holding '@') are how relays get abused: refuse them whoever
    // asks, as Postfix does with allow_untrusted_routing = no.
    const bool routing = rcpt.local.contains(QLatin1Char('%')) ||
                         rcpt.local.contains(QLatin1Char('!')) ||
                         rcpt.local.contains(QLatin1Char('@'));
    if (!local) {
        d.kind = mayRelay ? K::Remote : K::Denied;
        return d;
    }
    if (routing) {
        d.kind = K::Denied;
        return d;
    }
    return decideLocal(rcpt, 0);
}

// An address in one of our domains: an account, the administrator behind a
// reserved name, our SRS return address, an alias, a group, the domain's
// catch-all — in that order, so a catch-all never hides anything named.
RecipientDecision RecipientPolicy::decideLocal(const MailAddress &rcpt, int depth) const
{
    using K = RecipientDecision::Kind;
    RecipientDecision d;
    d.address = rcpt.normalized();
    AccountStore accounts(m_db);
    Result<Account> account = Error::notFound(QString());
    if (isReserved(rcpt.local)) {
        account = accounts.administrator(rcpt.domain);
        if (!account) {
            d.kind = K::TempFail; // RFC 5321 4.5.1: postmaster must work; wait for an admin
            return d;
        }
    } else if (SenderRewriting::isSrs(rcpt.local)) {
        auto key = srsKey(m_db);
        if (!key) {
            d.kind = K::TempFail;
            return d;
        }
        auto original = SenderRewriting(*key, Clock::system()).reverse(d.address);
        d.kind = original ? K::Return : K::Unknown; // forged or expired: nobody here
        if (original)
            d.returnTo = *original;
        return d;
    } else {
        account = accounts.find(d.address);
        if (!account && account.error().kind == Error::Kind::NotFound)
            account = accounts.findByAlias(d.address);
        if (!account && account.error().kind == Error::Kind::NotFound) {
            auto group = ForwardingStore(m_db).group(d.address);
            if (!group) {
                d.kind = K::TempFail;
                return d;
            }
            if (*group)
                return expandGroup(d.address, (*group)->members, depth);
            account = accounts.findByAlias(QLatin1Char('@') + rcpt.domain.toLower());
        }
    }
    if (!account) {
        d.kind = account.error().kind == Error::Kind::NotFound ? K::Unknown : K::TempFail;
        return d;
    }
    d.account = *account;
    if (!d.account.enabled) {
        d.kind = K::Disabled;
        return d;
    }
    if (d.account.role == Account::Role::SendOnly) {
        d.kind = K::Discard;
        return d;
    }
    auto inbox = accounts.inboxId(d.account.id);
    if (!inbox) {
        d.kind = K::TempFail;
        return d;
    }
    d.mailboxId = *inbox;
    d.kind = K::Local;
    return d;
}

RecipientDecision RecipientPolicy::expandGroup(const QString &address, const QStringList &members,
                                               int depth) const
{
    using K = RecipientDecision::Kind;
    RecipientDecision group;
    group.address = address;
    group.kind = K::Group;
    if (depth >= kMaxGroupDepth) {
        group.kind = K::Unknown; // too deep (or a cycle): this branch reaches nobody
        return group;
    }
    QSet<qint64> accounts;
    QSet<QString> remote;
    const auto add = [&](RecipientDecision member) {
        if (member.kind == K::Local && !accounts.contains(member.account.id)) {
            accounts.insert(member.account.id);
            group.members.push_back(std::move(member));
        } else if (member.kind == K::Remote && !remote.contains(member.address)) {
            remote.insert(member.address);
            group.members.push_back(std::move(member));
        }
    };
    for (const QString &text : members) {
        auto member = MailAddress::parse(text);
        if (!member)
            continue;
        auto domain = member->domainLiteral ? Result<qint64>(Error::notFound(QString()))
                                            : AccountStore(m_db).domainId(member->domain);
        RecipientDecision d;
        if (domain) {
            d = decideLocal(*member, depth + 1);
        } else if (domain.error().kind == Error::Kind::NotFound) {
            // An external member is what the administrator chose: it goes out
            // whoever sent the mail (as a Postfix virtual alias does).
            d.kind = K::Remote;
            d.address = member->normalized();
        } else {
            d.kind = K::TempFail;
        }
        if (d.kind == K::TempFail) {
            group.kind = K::TempFail;
            group.members.clear();
            return group;
        }
        if (d.kind == K::Group)
            for (RecipientDecision &m : d.members)
                add(std::move(m));
        else
            add(std::move(d));
    }
    if (group.members.empty())
        group.kind = K::Unknown;
    return group;
}

Result<void> RecipientPolicy::checkSender(const QString &authUser,
                                          const std::optional<MailAddress> &from) const
{
    if (!from)
        return Error::permanent(QStringLiteral("the null sender is not allowed on submission"));
    const QString address = from->normalized();
    if (address == authUser)
        return {};
    auto alias = AccountStore(m_db).findByAlias(address);
    if (!alias && alias.error().kind != Error::Kind::NotFound)
        return Error::temporary(alias.error().message);
    if (alias && alias->address == authUser)
        return {};
    return Error::permanent(QStringLiteral("%1 may not send as %2").arg(authUser, address));
}

Result<void> RecipientPolicy::checkDeclaredSize(const Account &a, qint64 declaredSize)
{
    if (a.quotaBytes > 0 && declaredSize > a.quotaBytes)
        return Error{Error::Kind::TooBig,
                     QStringLiteral("message exceeds the mailbox quota of %1").arg(a.address),
                     {}};
    if ((a.quotaBytes > 0 && a.usedBytes + declaredSize >= a.quotaBytes) ||
        (a.quotaMessages > 0 && a.usedMessages >= a.quotaMessages))
        return Error{
            Error::Kind::OverQuota, QStringLiteral("mailbox of %1 is full").arg(a.address), {}};
    return {};
}

} // namespace fumibako
