// QueueService: the outbound queue as the console and fumibakoctl show it —
// one entry per recipient still in the queue with its message's sender, size
// and age — and what an administrator does to it: "retry now" (the waiting
// recipients of a message become due at once), removal of a message with its
// spool file (through QueueRemovalJob, committed durably like the server's own
// removals), and the spool file's header block for "show headers".
#pragma once

#include "common/result.h"
#include "queue/queuestore.h"
#include "service/datadir.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace fumibako
{

class Database;

struct QueueEntry {
    using State = QueuedRecipient::State;
    qint64 queueId = 0;
    qint64 recipientId = 0;
    QString recipient;
    QString domain;
    QString sender; // "" = null sender (a report)
    State state = State::Queued;
    int attempts = 0;
    qint64 nextTry = 0; // seconds since the epoch; 0 = as soon as possible
    qint64 lastAttempt = 0;
    QString lastReply; // the peer's last reply, e.g. "451 4.3.0 Try later"
    QString remoteMta;
    qint64 size = 0;
    qint64 createdAt = 0;
};

class QueueService
{
public:
    QueueService(const Database &db, DataDir dir);

    // Every recipient in the queue, oldest message first.
    Result<QList<QueueEntry>> list() const;
    // Makes the message's waiting recipients due now; a running server picks
    // them up at its next scan (MailServer::wakeQueue makes that immediate).
    Result<void> retryNow(qint64 queueId) const;
    // Removes the message for every recipient, and its spool file; nothing is sent.
    Result<void> remove(qint64 queueId) const;
    // The spool file's header block (up to the empty line), CRLF line ends.
    Result<QByteArray> headers(qint64 queueId) const;
    // The same block for people: folded lines joined, RFC 2047 words decoded
    // (ISO-2022-JP included), one "Name: value" line per field.
    static QString decodeHeaders(const QByteArray &block);

    static constexpr qint64 kMaxHeaderBytes = 256 * 1024;

private:
    const Database &m_db;
    DataDir m_dir;
};

} // namespace fumibako
