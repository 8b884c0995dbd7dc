#include "accountservice.h"

#include "auth/passwordhash.h"
#include "common/mailaddress.h"
#include "delivery/recipientpolicy.h"
#include "scan/quarantine.h"
#include "store/accountstore.h"
#include "store/forwardingstore.h"
#include "store/mailboxstore.h"
#include "store/maildir.h"
#include "store/quarantinestore.h"

#include <QDir>
#include <QFileInfo>

namespace fumibako
{

AccountService::AccountService(const Database &db, QString mailRoot)
    : m_db(db), m_mailRoot(std::move(mailRoot))
{
}

Result<void> AccountService::checkPassword(const QByteArray &password)
{
    if (password.size() < kMinPasswordLength)
        return Error::invalid(QStringLiteral("the password must be at least %1 characters long")
                                  .arg(kMinPasswordLength));
    if (password.size() > kMaxPasswordLength)
        return Error::invalid(QStringLiteral("the password is too long"));
    for (char c : password)
        if (static_cast<unsigned char>(c) < 32 || c == 127)
            return Error::invalid(
                QStringLiteral("the password must not contain control characters"));
    return {};
}

Result<void> AccountService::addDomain(const QString &domain)
{
    auto r = AccountStore(m_db).addDomain(domain);
    if (!r)
        return r.error();
    return {};
}

Result<QStringList> AccountService::domains() const
{
    return AccountStore(m_db).domains();
}

Result<Account> AccountService::createNoReply(const QString &domain)
{
    Account a;
    a.address = QStringLiteral("noreply@") + domain.toLower();
    a.displayName = QStringLiteral("noreply");
    a.role = Account::Role::SendOnly;
    a.maildir = Maildir::relativePathFor(a.address);
    if (auto r = createMaildirs(a.maildir); !r)
        return r.error();
    return AccountStore(m_db).add(a);
}

Result<void> AccountService::createMaildirs(const QString &relative) const
{
    if (auto r = Maildir(m_mailRoot, relative).create(); !r)
        return r;
    for (const auto &folder : MailboxStore::defaultFolders())
        if (auto r = Maildir(m_mailRoot, relative + QLatin1String("/.") + folder.first).create();
            !r)
            return r;
    return {};
}

Result<QString> AccountService::checkLocalAddress(const Database &db, const QString &address)
{
    auto parsed = MailAddress::parse(address.trimmed());
    if (!parsed || parsed->quoted || parsed->domainLiteral || !parsed->isAscii())
        return Error::invalid(QStringLiteral("\"%1\" is not a valid mail address").arg(address));
    // The reference service refuses these shapes as senders; never make them accounts.
    if (parsed->local.contains(QLatin1Char('%')) || parsed->local.contains(QLatin1Char('!')) ||
        parsed->local.contains(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("\"%1\" is not a valid mail address").arg(address));
    auto domains = AccountStore(db).domains();
    if (!domains)
        return domains.error();
    if (!domains->contains(parsed->domain.toLower()))
        return Error::invalid(
            QStringLiteral("%1 is not a domain of this server").arg(parsed->domain));
    if (RecipientPolicy::isReserved(parsed->local))
        return Error::invalid(QStringLiteral("%1 is a reserved address: its mail goes to the "
                                             "administrator and it cannot be an account")
                                  .arg(parsed->normalized()));
    return parsed->normalized();
}

Result<void> AccountService::checkUnused(const Database &db, const QString &address)
{
    AccountStore accounts(db);
    for (auto found : {accounts.find(address), accounts.findByAlias(address)}) {
        if (found)
            return Error::exists(QStringLiteral("%1 is already in use").arg(address));
        if (found.error().kind != Error::Kind::NotFound)
            return found.error();
    }
    auto group = ForwardingStore(db).group(address);
    if (!group)
        return group.error();
    if (*group)
        return Error::exists(QStringLiteral("%1 is already a group address").arg(address));
    return {};
}

Result<Account> AccountService::add(const NewAccount &n)
{
    auto address = checkAddress(n.address);
    if (!address)
        return address.error();
    if (auto unused = checkUnused(m_db, *address); !unused)
        return unused.error();
    Account a;
    a.address = *address;
    a.displayName = n.displayName.trimmed().left(200);
    a.role = n.role;
    a.quotaBytes = n.quotaBytes;
    a.quotaMessages = n.quotaMessages;
    if (n.quotaBytes < 0 || n.quotaMessages < 0)
        return Error::invalid(QStringLiteral("a quota cannot be negative"));
    if (!n.password.isEmpty()) {
        if (auto r = checkPassword(n.password); !r)
            return r.error();
        a.passwordHash = PasswordHash::hash(n.password);
        if (a.passwordHash.isEmpty())
            return Error::permanent(QStringLiteral("password hashing failed"));
    }
    a.maildir = Maildir::relativePathFor(a.address);
    if (auto r = createMaildirs(a.maildir); !r)
        return r.error();
    return AccountStore(m_db).add(a);
}

Result<QList<Account>> AccountService::list() const
{
    return AccountStore(m_db).list();
}

Result<Account> AccountService::find(const QString &address) const
{
    return AccountStore(m_db).find(address.trimmed());
}

Result<void> AccountService::setPassword(const QString &address, const QByteArray &password)
{
    if (auto r = checkPassword(password); !r)
        return r;
    auto account = find(address);
    if (!account)
        return account.error();
    const QString phc = PasswordHash::hash(password);
    if (phc.isEmpty())
        return Error::permanent(QStringLiteral("password hashing failed"));
    return AccountStore(m_db).setPasswordHash(account->address, phc);
}

Result<void> AccountService::setEnabled(const QString &address, bool enabled)
{
    auto account = find(address);
    if (!account)
        return account.error();
    account->enabled = enabled;
    return AccountStore(m_db).update(*account);
}

Result<void> AccountService::setQuota(const QString &address, qint64 bytes, qint64 messages)
{
    if (bytes < 0 || messages < 0)
        return Error::invalid(QStringLiteral("a quota cannot be negative"));
    auto account = find(address);
    if (!account)
        return account.error();
    account->quotaBytes = bytes;
    account->quotaMessages = messages;
    return AccountStore(m_db).update(*account);
}

Result<void> AccountService::setProfile(const QString &address, const QString &displayName,
                                        Account::Role role)
{
    auto account = find(address);
    if (!account)
        return account.error();
    if (account->role == Account::Role::SendOnly && role != Account::Role::SendOnly)
        return Error::invalid(QStringLiteral("%1 is the send-only account; its role cannot change")
                                  .arg(account->address));
    account->displayName = displayName.trimmed().left(200);
    account->role = role;
    return AccountStore(m_db).update(*account);
}

Result<void> AccountService::remove(const QString &address)
{
    auto account = find(address);
    if (!account)
        return account.error();
    if (account->role == Account::Role::SendOnly &&
        account->localPart() == QLatin1String("noreply"))
        return Error::invalid(
            QStringLiteral("%1 is built in and cannot be deleted").arg(account->address));
    // Its quarantined copies go with it (their rows by the foreign key).
    auto held = QuarantineStore(m_db).list(account->id);
    if (!held)
        return held.error();
    if (auto r = AccountStore(m_db).remove(account->address); !r)
        return r;
    // The rows are gone; the files follow (a crash here leaves only unused
    // files, which the next start's OrphanSweep removes).
    QDir(Maildir(m_mailRoot, account->maildir).root()).removeRecursively();
    // DataDir keeps mail/ and quarantine/ side by side.
    const QString quarantine = Quarantine::directory(QFileInfo(m_mailRoot).path());
    for (const QuarantinedMessage &m : std::as_const(*held))
        QFile::remove(quarantine + QLatin1Char('/') + m.path);
    return {};
}

} // namespace fumibako
