// SecretStore: where the console keeps secrets it must hand back later — the
// smarthost password — outside the data dir and the settings. The console
// uses the OS keychain (QtKeychain: Secret Service / KWallet, the Windows
// Credential Manager, the macOS Keychain); tests use MemorySecretStore.
// Both answer asynchronously on the caller's thread: a keychain may ask the
// user to unlock it, so nothing waits for it.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace fumibako
{

class SecretStore
{
public:
    virtual ~SecretStore() = default;
    // `done(ok, value, error)`: ok with an empty value when nothing is stored.
    using ReadDone = std::function<void(bool ok, const QByteArray &value, const QString &error)>;
    using WriteDone = std::function<void(bool ok, const QString &error)>;
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    // An empty value removes the entry.
    virtual void write(const QString &key, const QByteArray &value, QObject *context,
                       WriteDone done) = 0;

    static QString smarthostPasswordKey() { return QStringLiteral("relay-password"); }
};

class KeychainSecretStore : public SecretStore
{
public:
    // `service` names the entries in the keychain ("Fumibako" plus the data dir).
    explicit KeychainSecretStore(QString service) : m_service(std::move(service)) {}
    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               WriteDone done) override;

private:
    QString m_service;
};

class MemorySecretStore : public SecretStore
{
public:
    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               WriteDone done) override;
    QHash<QString, QByteArray> values;
    bool failWrites = false;
};

} // namespace fumibako
