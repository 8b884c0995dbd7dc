#include "dkimkeys.h"

#include "common/durablefile.h"
#include "settings.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>
#include <tuple>

namespace fumibako
{

namespace
{

const QLatin1String kSuffix(".pem");

// A DNS name made of LDH labels (RFC 1035 2.3.1), lower-cased; `what` names it in errors.
Result<QString> checkName(const QString &value, const char *what, int maxLength)
{
    const QString v = value.trimmed().toLower();
    static const QRegularExpression re(QStringLiteral(
        "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"));
    if (v.isEmpty() || v.size() > maxLength || !re.match(v).hasMatch())
        return Error::invalid(
            QStringLiteral("not a valid %1: \"%2\"").arg(QLatin1String(what), value));
    return v;
}

struct KeyName {
    QString domain, selector;
};

// Both checked and lower-cased: they become a path under the data dir.
Result<KeyName> checkKeyName(const QString &domain, const QString &selector)
{
    auto d = DkimKeyStore::checkDomain(domain);
    if (!d)
        return d.error();
    auto s = DkimKeyStore::checkSelector(selector);
    if (!s)
        return s.error();
    return KeyName{*d, *s};
}

} // namespace

DkimKeyStore::DkimKeyStore(DataDir dir, const Database &db, const Clock *clock)
    : m_dir(std::move(dir)), m_db(db), m_clock(clock)
{
}

Result<QString> DkimKeyStore::checkDomain(const QString &domain)
{
    auto d = checkName(domain, "domain", 253);
    if (d && !d->contains(QLatin1Char('.')))
        return Error::invalid(QStringLiteral("not a valid domain: \"%1\"").arg(domain));
    return d;
}

Result<QString> DkimKeyStore::checkSelector(const QString &selector)
{
    return checkName(selector, "DKIM selector", 63);
}

Result<QMap<QString, QStringList>> DkimKeyStore::parseSelectors(const QString &setting)
{
    QMap<QString, QStringList> out;
    static const QRegularExpression separators(QStringLiteral("[;\\n]"));
    for (const QString &part : setting.split(separators, Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty())
            continue;
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            return Error::invalid(
                QStringLiteral("\"%1\" is not domain=selector[,selector]").arg(part.trimmed()));
        auto domain = checkDomain(part.left(eq));
        if (!domain)
            return domain.error();
        QStringList &selectors = out[*domain];
        for (const QString &s : part.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (s.trimmed().isEmpty())
                continue;
            auto selector = checkSelector(s);
            if (!selector)
                return selector.error();
            if (!selectors.contains(*selector))
                selectors << *selector;
        }
        if (selectors.isEmpty())
            out.remove(*domain);
    }
    return out;
}

QString DkimKeyStore::formatSelectors(const QMap<QString, QStringList> &selectors)
{
    QStringList parts;
    for (auto it = selectors.cbegin(); it != selectors.cend(); ++it)
        if (!it.value().isEmpty())
            parts << it.key() + QLatin1Char('=') + it.value().join(QLatin1Char(','));
    return parts.join(QLatin1String("; "));
}

QString DkimKeyStore::directory() const
{
    return m_dir.path() + QLatin1String("/dkim");
}

QString DkimKeyStore::keyFile(const QString &domain, const QString &selector) const
{
    return directory() + QLatin1Char('/') + domain + QLatin1Char('/') + selector + kSuffix;
}

Result<QMap<QString, QStringList>> DkimKeyStore::activeSelectors() const
{
    auto settings = Settings::load(m_db);
    if (!settings)
        return settings.error();
    return parseSelectors(settings->value(selectorsSetting()));
}

Result<void> DkimKeyStore::storeSelectors(const QMap<QString, QStringList> &selectors) const
{
    return Settings::store(m_db, selectorsSetting(), formatSelectors(selectors));
}

Result<DkimKey> DkimKeyStore::generate(const QString &domainName, DkimKey::Algorithm algorithm,
                                       const QString &selectorName)
{
    auto domain = checkDomain(domainName);
    if (!domain)
        return domain.error();
    QString selector;
    if (selectorName.isEmpty()) {
        const QString base = DkimKey::rotationSelector(m_clock->now(), algorithm);
        selector = base;
        for (int n = 2; QFile::exists(keyFile(*domain, selector)); ++n)
            selector = base + QLatin1Char('-') + QString::number(n);
    } else {
        auto checked = checkSelector(selectorName);
        if (!checked)
            return checked.error();
        selector = *checked;
        if (QFile::exists(keyFile(*domain, selector)))
            return Error::exists(QStringLiteral("%1 already has a DKIM key with selector %2")
                                     .arg(*domain, selector));
    }
    auto key = DkimKey::generate(algorithm, *domain, selector);
    if (!key)
        return key.error();
    const QString folder = directory() + QLatin1Char('/') + *domain;
    if (auto made = makePrivateDirectory(folder); !made)
        return made.error();
    // makePrivateDirectory makes missing parents too; sync the names into them.
    if (auto synced = syncDirectory(directory()); !synced)
        return synced.error();
    if (auto synced = syncDirectory(m_dir.path()); !synced)
        return synced.error();
    if (auto saved = key->save(keyFile(*domain, selector)); !saved)
        return saved.error();
    return key;
}

Result<DkimKey> DkimKeyStore::key(const QString &domain, const QString &selector) const
{
    auto name = checkKeyName(domain, selector);
    if (!name)
        return name.error();
    const QString path = keyFile(name->domain, name->selector);
    if (!QFile::exists(path))
        return Error::notFound(QStringLiteral("%1 has no DKIM key with selector %2")
                                   .arg(name->domain, name->selector));
    return DkimKey::load(path, name->domain, name->selector);
}

Result<void> DkimKeyStore::activate(const QString &domain, const QString &selector)
{
    auto k = key(domain, selector); // refuses a key that does not exist or does not load
    if (!k)
        return k.error();
    auto active = activeSelectors();
    if (!active)
        return active.error();
    QStringList &list = (*active)[k->domain()];
    if (list.contains(k->selector()))
        return {};
    list << k->selector();
    return storeSelectors(*active);
}

Result<void> DkimKeyStore::retire(const QString &domain, const QString &selector)
{
    auto name = checkKeyName(domain, selector);
    auto active = name ? activeSelectors() : Result<QMap<QString, QStringList>>(name.error());
    if (!active)
        return active.error();
    if (!(*active)[name->domain].removeOne(name->selector))
        return Error::notFound(
            QStringLiteral("%1 does not sign with selector %2").arg(name->domain, name->selector));
    return storeSelectors(*active);
}

Result<void> DkimKeyStore::remove(const QString &domain, const QString &selector)
{
    auto name = checkKeyName(domain, selector);
    auto active = name ? activeSelectors() : Result<QMap<QString, QStringList>>(name.error());
    if (!active)
        return active.error();
    if (active->value(name->domain).contains(name->selector))
        return Error::invalid(QStringLiteral("%1's key %2 still signs; retire it first")
                                  .arg(name->domain, name->selector));
    const QString path = keyFile(name->domain, name->selector);
    if (!QFile::exists(path))
        return Error::notFound(QStringLiteral("%1 has no DKIM key with selector %2")
                                   .arg(name->domain, name->selector));
    if (!QFile::remove(path))
        return Error::temporary(QStringLiteral("cannot delete %1").arg(path));
    return syncDirectory(QFileInfo(path).absolutePath());
}

Result<QList<DkimKeyInfo>> DkimKeyStore::list() const
{
    auto active = activeSelectors();
    if (!active)
        return active.error();
    QList<DkimKeyInfo> out;
    const QDir root(directory());
    for (const QString &domain : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!checkDomain(domain))
            continue;
        const QDir folder(root.filePath(domain));
        for (const QFileInfo &file :
             folder.entryInfoList({QStringLiteral("*.pem")}, QDir::Files, QDir::Name)) {
            const QString selector = file.completeBaseName();
            if (!checkSelector(selector))
                continue;
            auto k = DkimKey::load(file.filePath(), domain, selector);
            if (!k)
                return Error::permanent(
                    QStringLiteral("%1: %2").arg(file.filePath(), k.error().message));
            DkimKeyInfo info;
            info.domain = domain;
            info.selector = selector;
            info.algorithm = k->algorithm();
            info.active = active->value(domain).contains(selector);
            info.created = file.lastModified().toUTC();
            info.dnsName = k->dnsName();
            info.txtRecord = k->dnsTxtRecord();
            info.zoneFileRecord = k->zoneFileRecord();
            out << info;
        }
    }
    std::sort(out.begin(), out.end(), [](const DkimKeyInfo &a, const DkimKeyInfo &b) {
        return std::tie(a.domain, a.selector) < std::tie(b.domain, b.selector);
    });
    return out;
}

Result<QList<DkimKey>> DkimKeyStore::signersFor(const QString &domainName) const
{
    auto domain = checkDomain(domainName);
    if (!domain)
        return domain.error();
    auto active = activeSelectors();
    if (!active)
        return active.error();
    QList<DkimKey> out;
    for (const QString &selector : active->value(*domain)) {
        auto k = key(*domain, selector);
        if (!k)
            return Error::permanent(
                QStringLiteral("DKIM key %1 of %2: %3").arg(selector, *domain, k.error().message));
        out << *k;
    }
    return out;
}

Result<QHash<QString, QList<DkimKey>>> DkimKeyStore::signers() const
{
    auto active = activeSelectors();
    if (!active)
        return active.error();
    QHash<QString, QList<DkimKey>> out;
    for (auto it = active->cbegin(); it != active->cend(); ++it) {
        auto keys = signersFor(it.key());
        if (!keys)
            return keys.error();
        if (!keys->isEmpty())
            out.insert(it.key(), *keys);
    }
    return out;
}

QString DkimKeyStore::spfRecord(const QString &domain, const QString &hostname,
                                const QString &relayHost)
{
    Q_UNUSED(domain);
    const QString sender = relayHost.trimmed().isEmpty() ? hostname.trimmed().toLower()
                                                         : relayHost.trimmed().toLower();
    QString record = QStringLiteral("v=spf1 mx");
    if (!sender.isEmpty() && QHostAddress(sender).isNull())
        record += QStringLiteral(" a:") + sender;
    else if (!sender.isEmpty())
        record += (sender.contains(QLatin1Char(':')) ? QStringLiteral(" ip6:")
                                                     : QStringLiteral(" ip4:")) +
                  sender;
    return record + QStringLiteral(" ~all");
}

QString DkimKeyStore::dmarcRecord(const QString &domain)
{
    return QStringLiteral("v=DMARC1; p=none; rua=mailto:postmaster@") + domain.trimmed().toLower();
}

} // namespace fumibako
