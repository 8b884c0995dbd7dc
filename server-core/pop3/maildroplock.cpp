#include "maildroplock.h"

namespace fumibako
{

bool MaildropLock::tryLock(qint64 accountId)
{
    QMutexLocker lock(&m_mutex);
    if (m_locked.contains(accountId))
        return false;
    m_locked.insert(accountId);
    return true;
}

void MaildropLock::unlock(qint64 accountId)
{
    QMutexLocker lock(&m_mutex);
    m_locked.remove(accountId);
}

} // namespace fumibako
