#include "mailboxevents.h"

#include <algorithm>

namespace fumibako
{

MailboxEvents::Token MailboxEvents::subscribe(qint64 mailboxId, QObject *receiver,
                                              std::function<void()> changed)
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
    ++m_generations[mailboxId];
    for (auto it = m_byMailbox.constFind(mailboxId);
         it != m_byMailbox.cend() && it.key() == mailboxId; ++it) {
        const Subscriber &s = m_subscribers[it.value()];
        if (!s.receiver)
            continue;
        QMetaObject::invokeMethod(s.receiver.data(), s.changed, Qt::QueuedConnection);
    }
}

quint64 MailboxEvents::generation(qint64 mailboxId) const
{
    QMutexLocker lock(&m_mutex);
    return m_generations.value(mailboxId);
}

qint64 MailboxEvents::claimRecent(qint64 mailboxId, qint64 uidValidity, qint64 stored,
                                  qint64 uidNext)
{
    QMutexLocker lock(&m_mutex);
    RecentMark &mark = m_recent[mailboxId];
    if (mark.uidValidity != uidValidity)
        mark = {uidValidity, stored};
    const qint64 first = std::max(mark.firstUnclaimed, stored);
    mark.firstUnclaimed = std::max(first, uidNext);
    return first;
}

qint64 MailboxEvents::firstUnclaimed(qint64 mailboxId, qint64 uidValidity, qint64 stored) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_recent.constFind(mailboxId);
    return it == m_recent.cend() || it->uidValidity != uidValidity
               ? stored
               : std::max(it->firstUnclaimed, stored);
}

namespace
{
thread_local MailboxChangeScope *t_scope = nullptr;
} // namespace

MailboxChangeScope::MailboxChangeScope() : m_outer(std::exchange(t_scope, this)) {}

MailboxChangeScope::~MailboxChangeScope()
{
    t_scope = m_outer;
}

void MailboxChangeScope::touched(qint64 mailboxId)
{
    if (t_scope)
        t_scope->m_mailboxes.insert(mailboxId);
}

} // namespace fumibako
