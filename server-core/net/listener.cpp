#include "listener.h"

#include "session.h"

namespace fumibako
{

Listener::Listener(QString name, IoThreadPool *pool, Factory factory, QObject *parent)
    : QTcpServer(parent), m_name(std::move(name)), m_pool(pool), m_factory(std::move(factory))
{
}

void Listener::incomingConnection(qintptr descriptor)
{
    m_pool->dispatch([factory = m_factory, descriptor](IoThreadPool::Slot &slot) {
        Session *session = factory(slot.context);
        QObject::connect(session, &QObject::destroyed, [s = &slot]() { s->sessions.deref(); });
        session->start(descriptor);
    });
}

} // namespace fumibako
