#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>

namespace fumibako
{

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *j) {
        auto *r = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (r->error() == QKeychain::NoError)
            done(true, r->binaryData(), QString());
        else if (r->error() == QKeychain::EntryNotFound)
            done(true, QByteArray(), QString());
        else
            done(false, QByteArray(), r->errorString());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                                WriteDone done)
{
    QKeychain::Job *job = nullptr;
    if (value.isEmpty()) {
        auto *d = new QKeychain::DeletePasswordJob(m_service);
        d->setKey(key);
        job = d;
    } else {
        auto *w = new QKeychain::WritePasswordJob(m_service);
        w->setKey(key);
        w->setBinaryData(value);
        job = w;
    }
    job->setAutoDelete(true);
    const bool removing = value.isEmpty();
    QObject::connect(job, &QKeychain::Job::finished, context, [done, removing](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError ||
            (removing && j->error() == QKeychain::EntryNotFound))
            done(true, QString());
        else
            done(false, j->errorString());
    });
    job->start();
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    QMetaObject::invokeMethod(
        context, [done, v = values.value(key)] { done(true, v, QString()); }, Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                              WriteDone done)
{
    if (failWrites) {
        QMetaObject::invokeMethod(
            context, [done] { done(false, QStringLiteral("keychain locked")); },
            Qt::QueuedConnection);
        return;
    }
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    QMetaObject::invokeMethod(
        context, [done] { done(true, QString()); }, Qt::QueuedConnection);
}

} // namespace fumibako
