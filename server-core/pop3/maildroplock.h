// MaildropLock: one POP3 session per mailbox at a time (RFC 1939 8: the
// maildrop is locked for the session). In-process, since one process serves
// every session; answered with -ERR [IN-USE] (RFC 2449 8.1.2).
#pragma once

#include <QMutex>
#include <QSet>

namespace fumibako
{

class MaildropLock
{
public:
    bool tryLock(qint64 accountId);
    void unlock(qint64 accountId);

private:
    QMutex m_mutex;
    QSet<qint64> m_locked;
};

} // namespace fumibako
