// Listener: a QTcpServer for one named port (smtp, submission, pop3, ...)
// that hands each accepted socket to an I/O thread, where `factory` builds
// the protocol session. Accepting stays on the thread that owns the
// listener; nothing else happens there.
#pragma once

#include "iothreadpool.h"

#include <QTcpServer>

#include <functional>

namespace fumibako
{

class Session;

class Listener : public QTcpServer
{
    Q_OBJECT
public:
    using Factory = std::function<Session *(QObject *parent)>;

    Listener(QString name, IoThreadPool *pool, Factory factory, QObject *parent = nullptr);
    const QString &name() const { return m_name; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QString m_name;
    IoThreadPool *m_pool;
    Factory m_factory;
};

} // namespace fumibako
