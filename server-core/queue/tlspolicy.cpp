#include "tlspolicy.h"

#include "destinationrules.h"

#include <QDir>
#include <QFile>

namespace fumibako
{

namespace
{

constexpr const char *kLevelNames[] = {"none", "may", "encrypt", "verify"};

// Letters (IDN too), digits, '-', '_' and dots between labels; a leading dot for subdomains.
bool isDomainKey(const QString &key)
{
    const QString name = key.startsWith(QLatin1Char('.')) ? key.mid(1) : key;
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('.')) ||
        name.contains(QLatin1String("..")))
        return false;
    for (QChar c : name)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') &&
            c != QLatin1Char('.'))
            return false;
    return true;
}

} // namespace

std::optional<TlsLevel> TlsPolicy::parseLevel(const QString &name)
{
    for (int i = 0; i < int(std::size(kLevelNames)); ++i)
        if (name.compare(QLatin1String(kLevelNames[i]), Qt::CaseInsensitive) == 0)
            return TlsLevel(i);
    return std::nullopt;
}

Result<TlsPolicy> TlsPolicy::parse(const QString &setting)
{
    const QString expected = QStringLiteral(
        "domain=level, .domain=level or [host]:port=level with level none, may, encrypt or verify");
    auto rules = DestinationRules::parse(setting, expected);
    if (!rules)
        return rules.error();
    TlsPolicy policy;
    for (const DestinationRule &rule : std::as_const(*rules)) {
        const auto level = parseLevel(rule.value);
        QString key = rule.key;
        if (key.startsWith(QLatin1Char('['))) {
            // Kept the way forNextHop() asks: "[host]", or "[host]:port" with a plain number.
            const auto hop = DestinationRules::parseNextHop(key);
            key = !hop        ? QString()
                  : hop->port ? QStringLiteral("[%1]:%2").arg(hop->host).arg(hop->port)
                              : QStringLiteral("[%1]").arg(hop->host);
        } else if (!isDomainKey(key)) {
            key.clear();
        }
        if (!level || key.isEmpty())
            return Error::invalid(QStringLiteral("\"%1\": expected %2").arg(rule.entry, expected));
        policy.m_rules.insert(key, *level);
    }
    return policy;
}

TlsLevel TlsPolicy::forDomain(const QString &domain) const
{
    QString d = domain.toLower();
    if (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    if (auto it = m_rules.constFind(d); it != m_rules.cend())
        return *it;
    // Postfix: "the parent domain starting with a leading '.' is matched recursively".
    for (qsizetype dot = d.indexOf(QLatin1Char('.')); dot >= 0;
         dot = d.indexOf(QLatin1Char('.'), dot + 1))
        if (auto it = m_rules.constFind(d.mid(dot)); it != m_rules.cend())
            return *it;
    return m_default;
}

std::optional<TlsLevel> TlsPolicy::forNextHop(const QString &host, quint16 port) const
{
    const QString h = host.toLower();
    if (auto it = m_rules.constFind(QStringLiteral("[%1]:%2").arg(h).arg(port));
        it != m_rules.cend())
        return *it;
    if (auto it = m_rules.constFind(QLatin1Char('[') + h + QLatin1Char(']')); it != m_rules.cend())
        return *it;
    return std::nullopt;
}

Result<QList<QSslCertificate>> TlsPolicy::loadCaFile(const QString &path)
{
    if (path.isEmpty())
        return QList<QSslCertificate>();
    if (!QDir::isAbsolutePath(path))
        return Error::invalid(QStringLiteral("%1: give the CA file's full path").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("%1: %2").arg(path, f.errorString()));
    QList<QSslCertificate> certificates = QSslCertificate::fromDevice(&f, QSsl::Pem);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty())
        return Error::invalid(QStringLiteral("%1 holds no PEM certificate").arg(path));
    return certificates;
}

} // namespace fumibako
