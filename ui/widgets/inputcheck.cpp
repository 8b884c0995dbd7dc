#include "inputcheck.h"

#include "service/accountservice.h"

#include <QRegularExpression>
#include <QUrl>

namespace fumibako
{

static QString halfWidth(const QString &text)
{
    // NFKC turns full-width Latin letters, digits and punctuation into ASCII.
    return text.normalized(QString::NormalizationForm_KC).trimmed();
}

static bool isAscii(const QString &text)
{
    for (QChar c : text)
        if (c.unicode() > 127)
            return false;
    return true;
}

QString InputCheck::normalizeDomain(const QString &text)
{
    QString d = halfWidth(text).toLower();
    if (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    if (!isAscii(d)) {
        const QByteArray ace = QUrl::toAce(d);
        if (!ace.isEmpty())
            d = QString::fromLatin1(ace);
    }
    return d;
}

QString InputCheck::normalizeLocalPart(const QString &text)
{
    return halfWidth(text).toLower();
}

QString InputCheck::normalizeAddress(const QString &text)
{
    return halfWidth(text).toLower();
}

QString InputCheck::domainProblem(const QString &domain)
{
    if (domain.isEmpty())
        return tr("Enter the domain name.");
    if (!isAscii(domain))
        return tr("The domain name contains characters that cannot be used. Use letters, digits, "
                  "hyphens and dots "
                  "(e.g. example.co.jp).");
    if (!domain.contains(QLatin1Char('.')))
        return tr("Enter the whole domain name including its ending, e.g. example.co.jp.");
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (domain.size() > 253)
        return tr("The domain name is too long.");
    for (const QString &part : domain.split(QLatin1Char('.')))
        if (!label.match(part).hasMatch())
            return tr("\"%1\" is not a valid domain name. Use letters, digits, hyphens and dots "
                      "(e.g. example.co.jp).")
                .arg(domain);
    return {};
}

QString InputCheck::hostnameProblem(const QString &hostname)
{
    if (hostname.isEmpty())
        return {}; // optional: the machine's name is used
    if (domainProblem(hostname).isEmpty() || hostname == QLatin1String("localhost"))
        return {};
    return tr("\"%1\" is not a valid host name. Use letters, digits, hyphens and dots (e.g. "
              "mail.example.co.jp).")
        .arg(hostname);
}

QString InputCheck::localPartProblem(const QString &local)
{
    if (local.isEmpty())
        return tr("Enter the part of the address before the @.");
    if (local.contains(QLatin1Char('@')))
        return tr("Enter only the part before the @; the domain is chosen separately.");
    if (local.size() > 64)
        return tr("The part before the @ can be at most 64 characters long.");
    // A dot-atom (RFC 5322 3.2.3) without the routing characters % ! / that the
    // server refuses in account names.
    static const QRegularExpression atom(
        QStringLiteral("^[a-z0-9#$&'*+=?^_`{|}~-]+(\\.[a-z0-9#$&'*+=?^_`{|}~-]+)*$"));
    if (!atom.match(local).hasMatch())
        return tr("The address contains characters that cannot be used. Use half-width letters, "
                  "digits and . - _ + "
                  "(a dot cannot come first, last or twice in a row).");
    // The server's reserved names (RecipientPolicy): their mail goes to the administrator.
    static const QStringList reserved = {QStringLiteral("postmaster"),
                                         QStringLiteral("mailer-daemon"), QStringLiteral("root")};
    if (reserved.contains(local))
        return tr("%1@ is reserved: its mail goes to the administrator, so it cannot be an "
                  "account.")
            .arg(local);
    return {};
}

QString InputCheck::passwordProblem(const QString &password, const QString &confirmation)
{
    if (password.isEmpty())
        return tr("Enter a password.");
    const QByteArray bytes = password.toUtf8();
    if (password.size() < AccountService::kMinPasswordLength)
        return tr("The password must be at least %1 characters long.")
            .arg(AccountService::kMinPasswordLength);
    if (bytes.size() > AccountService::kMaxPasswordLength)
        return tr("The password is too long.");
    for (QChar c : password)
        if (c.category() == QChar::Other_Control)
            return tr("The password cannot contain control characters.");
    if (password != confirmation)
        return tr("The two passwords do not match. Enter the same password twice.");
    return {};
}

QString InputCheck::displayNameProblem(const QString &displayName)
{
    if (displayName.trimmed().size() > 200)
        return tr("The display name can be at most 200 characters long.");
    return {};
}

QString InputCheck::addressProblem(const QString &address)
{
    if (address.isEmpty())
        return tr("Enter a mail address.");
    // One @ between a dot-atom and a domain with a dot: what the service
    // accepts in practice (it checks the full syntax again).
    static const QRegularExpression whole(
        QStringLiteral("^[a-z0-9#$&'*+=?^_`{|}~/!%-]+(\\.[a-z0-9#$&'*+=?^_`{|}~/"
                       "!%-]+)*@[a-z0-9-]+(\\.[a-z0-9-]+)+$"));
    if (!whole.match(address).hasMatch())
        return tr("\"%1\" is not a mail address. Enter the whole address in half-width "
                  "characters, e.g. taro@example.com.")
            .arg(address);
    return {};
}

} // namespace fumibako
