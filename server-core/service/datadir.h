// DataDir: the layout of a Fumibako data directory and its creation by
// `fumibakoctl init` / the first-run wizard:
//   fumibako.db   SQLite (WAL): accounts, settings, message index, queue, log
//   tls/          cert.pem, key.pem (self-signed on init; replaceable)
//   mail/         Maildirs, mail/<domain>/<local>/{tmp,new,cur}
//   queue/        outbound spool files (queue/tmp while being written)
//   dkim/         DKIM keys, dkim/<domain>/<selector>.pem (the signing set: dkim.selectors)
//   relay-password  the smarthost password for fumibakod (fumibakoctl relay passwd)
// Files 0600, folders 0700.
#pragma once

#include "common/result.h"

#include <QMap>
#include <QString>

namespace fumibako
{

class DataDir
{
public:
    explicit DataDir(QString path) : m_path(std::move(path)) {}

    static QString defaultPath(); // QStandardPaths::AppDataLocation

    const QString &path() const { return m_path; }
    QString databaseFile() const { return m_path + QLatin1String("/fumibako.db"); }
    QString certificateFile() const { return m_path + QLatin1String("/tls/cert.pem"); }
    QString keyFile() const { return m_path + QLatin1String("/tls/key.pem"); }
    QString mailRoot() const { return m_path + QLatin1String("/mail"); }
    QString queueDir() const { return m_path + QLatin1String("/queue"); }
    QString archiveDir() const { return m_path + QLatin1String("/archive"); }
    // The smarthost password (fumibakoctl relay passwd): a 0600 file, never a setting.
    QString relayPasswordFile() const { return m_path + QLatin1String("/relay-password"); }
    Result<void> setRelayPassword(const QByteArray &password) const;
    QByteArray relayPassword() const; // empty when none was set

    bool isInitialized() const; // holds a database
    bool holdsData() const;     // exists and is not empty

    struct InitOptions {
        QString domain;
        QString hostname; // empty: the machine's host name
        // The console's first-run wizard also makes the administrator and
        // chooses the ports, in the same all-or-nothing step.
        QString adminAddress = {}; // empty: none (fumibakoctl adds accounts itself)
        QString adminName = {};
        QByteArray adminPassword = {};
        QMap<QString, int> ports = {}; // listener name → port (settings ports.*)
    };
    // Creates everything; refuses a directory that already holds data, and
    // leaves nothing behind when a step fails.
    Result<void> initialize(const InitOptions &options) const;
    // Replaces the TLS certificate and key after checking that they match.
    Result<void> importCertificate(const QByteArray &certPem, const QByteArray &keyPem) const;
    // Ensures the folders exist (for a data dir made by an older version).
    Result<void> ensureLayout() const;

private:
    Result<void> createEverything(const InitOptions &options) const;

    QString m_path;
};

} // namespace fumibako
