#include "mailboxevents.h"

namespace fumibako {

MailboxEvents::Token MailboxEvents::subscribe(qint64 mailboxId, QObject *receiver, std::function<void()> changed)
{
    QMutexLocker lock(&m_mutex);
    const Token t = m_next++;
    m_subscribers.insert(t, {mailboxId, receiver, std::move(changed)});
    m_byMailbox.insert(mailboxId, t);
    return t;
}

void MailboxEvents::unsubscribe(Token token)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_subscribers.find(token);
    if (it == m_subscribers.end())
        return;
    m_byMailbox.remove(it->mailboxId, token);
    m_subscribers.erase(it);
}

void MailboxEvents::changed(qint64 mailboxId)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_byMailbox.constFind(mailboxId); it != m_byMailbox.cend() && it.key() == mailboxId; ++it) {
        const Subscriber &s = m_subscribers[it.value()];
        if (!s.receiver)
            continue;
        QMetaObject::invokeMethod(s.receiver.data(), s.changed, Qt::QueuedConnection);
    }
}

} // namespace fumibako
