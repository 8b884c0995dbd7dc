#include "datadir.h"

#include "accountservice.h"
#include "common/durablefile.h"
#include "common/mailaddress.h"
#include "net/certificate.h"
#include "settings.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace fumibako
{

QString DataDir::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool DataDir::isInitialized() const
{
    return QFile::exists(databaseFile());
}

bool DataDir::holdsData() const
{
    QDir d(m_path);
    return d.exists() &&
           !d.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty();
}

Result<void> DataDir::ensureLayout() const
{
    for (const QString &dir : QStringList{m_path, m_path + QLatin1String("/tls"), mailRoot(),
                                          queueDir(), queueDir() + QLatin1String("/tmp")})
        if (auto r = makePrivateDirectory(dir); !r)
            return r;
    return {};
}

Result<void> DataDir::initialize(const InitOptions &options) const
{
    if (holdsData())
        return Error::exists(
            QStringLiteral("%1 already holds data; refusing to overwrite it").arg(m_path));
    auto r = createEverything(options);
    if (!r)
        QDir(m_path).removeRecursively(); // it held nothing before: leave nothing half-made
    return r;
}

Result<void> DataDir::createEverything(const InitOptions &options) const
{
    const QString domain = options.domain.trimmed().toLower();
    if (!isValidDomainName(domain.toUtf8()) || !domain.contains(QLatin1Char('.')))
        return Error::invalid(
            QStringLiteral("\"%1\" is not a valid mail domain (e.g. example.co.jp)")
                .arg(options.domain));
    if (auto r = ensureLayout(); !r)
        return r;

    Database db(databaseFile());
    if (auto r = db.migrate(); !r)
        return r;
    if (!options.hostname.isEmpty())
        if (auto r = Settings::store(db, QStringLiteral("server.hostname"), options.hostname); !r)
            return r;
    auto settings = Settings::load(db);
    if (!settings)
        return settings.error();
    const QString hostname = settings->value(QStringLiteral("server.hostname"));

    AccountService accounts(db, mailRoot());
    if (auto r = accounts.addDomain(domain); !r)
        return r;
    // noreply@ exists from the start as a send-only account (reference FAQ).
    if (auto r = accounts.createNoReply(domain); !r)
        return r.error();
    if (!options.adminAddress.isEmpty()) {
        AccountService::NewAccount admin;
        admin.address = options.adminAddress;
        admin.displayName = options.adminName;
        admin.role = Account::Role::Admin;
        admin.password = options.adminPassword;
        if (auto r = accounts.add(admin); !r)
            return r.error();
    }
    for (auto it = options.ports.cbegin(); it != options.ports.cend(); ++it)
        if (auto r = Settings::store(db, QStringLiteral("ports.") + it.key(),
                                     QString::number(it.value()));
            !r)
            return r;

    auto pem = Certificate::makeSelfSigned({hostname, domain});
    if (!pem)
        return pem.error();
    if (auto r = writeFileSynced(keyFile(), {pem->privateKey}); !r)
        return r;
    if (auto r = writeFileSynced(certificateFile(), {pem->certificate}); !r)
        return r;
    return syncDirectory(m_path + QLatin1String("/tls"));
}

Result<void> DataDir::importCertificate(const QByteArray &certPem, const QByteArray &keyPem) const
{
    auto info = Certificate::check(certPem, keyPem);
    if (!info)
        return info.error();
    const QString certTmp = certificateFile() + QLatin1String(".new");
    const QString keyTmp = keyFile() + QLatin1String(".new");
    QFile::remove(certTmp);
    QFile::remove(keyTmp);
    if (auto r = writeFileSynced(keyTmp, {keyPem}); !r)
        return r;
    if (auto r = writeFileSynced(certTmp, {certPem}); !r)
        return r;
    if (auto r = renameFile(keyTmp, keyFile()); !r)
        return r;
    if (auto r = renameFile(certTmp, certificateFile()); !r)
        return r;
    return syncDirectory(m_path + QLatin1String("/tls"));
}

Result<void> DataDir::setRelayPassword(const QByteArray &password) const
{
    if (password.contains('\n') || password.contains('\r') || password.size() > 1024)
        return Error::invalid(
            QStringLiteral("the password must be one line of at most 1024 bytes"));
    // writeFileSynced creates files 0600; the rename and the directory sync make it durable.
    const QString tmp = relayPasswordFile() + QLatin1String(".tmp");
    if (auto r = writeFileSynced(tmp, {password}); !r)
        return r;
    if (auto r = renameFile(tmp, relayPasswordFile()); !r)
        return r;
    return syncDirectory(m_path);
}

QByteArray DataDir::relayPassword() const
{
    QFile f(relayPasswordFile());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace fumibako
