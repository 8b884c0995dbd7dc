#include "recipientpolicy.h"

#include "store/accountstore.h"

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

RecipientDecision RecipientPolicy::decide(const MailAddress &rcpt, bool mayRelay) const
{
    using K = RecipientDecision::Kind;
    RecipientDecision d;
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
    AccountStore accounts(m_db);
    Result<Account> account = Error::notFound(QString());
    if (isReserved(rcpt.local)) {
        account = accounts.administrator(rcpt.domain);
        if (!account) {
            d.kind = K::TempFail; // RFC 5321 4.5.1: postmaster must work; wait for an admin
            return d;
        }
    } else {
        account = accounts.find(rcpt.normalized());
        if (!account && account.error().kind == Error::Kind::NotFound)
            account = accounts.findByAlias(rcpt.normalized());
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
