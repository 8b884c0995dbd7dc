// QueueStore: the outbound queue's rows — one per accepted message (its spool
// file, envelope sender, DSN parameters) and one per recipient with its state:
// queued (never tried), deferred (a temporary failure; next try and last reply
// kept), delivered, bounced. A message leaves the queue, with its spool file,
// once no recipient is queued or deferred (QueueRemovalJob), together with any
// report about it, so a crash can neither lose nor repeat that report.
#pragma once

#include "store/database.h"
#include "store/storewriter.h"

#include <QList>
#include <QString>

namespace fumibako
{

struct QueuedRecipient {
    enum class State { Queued, Deferred, Delivered, Bounced };
    qint64 id = 0;
    qint64 queueId = 0;
    QString recipient;
    QString domain;
    State state = State::Queued;
    int attempts = 0;
    qint64 nextTry = 0;
    qint64 lastAttempt = 0;
    QString lastReply;
    QString remoteMta;
    QByteArray notify; // RFC 3461 NOTIFY as given, "" if none
    QString orcpt;
    bool delayNotified = false;

    bool pending() const { return state == State::Queued || state == State::Deferred; }
    static QString stateName(State s);
    static State stateFromName(const QString &name);
};

struct QueuedMessage {
    qint64 id = 0;
    QString path;   // spool file, relative to the queue directory
    QString sender; // "" = null sender
    qint64 size = 0;
    qint64 createdAt = 0;
    QByteArray envid;
    QByteArray ret;
    QString messageId;       // the id it was accepted under (message tracking)
    QString headerMessageId; // its Message-ID: field
};

struct DueRecipient {
    QueuedRecipient recipient;
    QueuedMessage message;
};

class QueueStore
{
public:
    explicit QueueStore(const Database &db) : m_db(db) {}

    // Recipients waiting whose next try has come, oldest first, with their messages.
    Result<QList<DueRecipient>> due(qint64 now, int limit) const;
    // Whether the message's spool file is still to be renamed into place.
    bool renamePending(qint64 queueId) const;
    // Every recipient still in the queue (the console's queue page), or one message's.
    Result<QList<QueuedRecipient>> recipients(qint64 queueId = 0) const;
    Result<QueuedMessage> message(qint64 queueId) const;
    Result<QList<QueuedMessage>> messages() const;
    // Messages none of whose recipients waits any more (delivered or bounced, or
    // left so by a crash before the message was removed).
    Result<QList<qint64>> finished() const;
    // The earliest next try of a waiting recipient, or -1 when none waits.
    Result<qint64> nextDue() const;

    // Inside a transaction (a StoreWriter job):
    Result<void> update(const QueuedRecipient &r) const;
    Result<void> retryNow(qint64 queueId) const; // the console's "retry now"

private:
    const Database &m_db;
};

// Removes a message from the queue and unlinks its spool file; fails (and so
// rolls back whatever it is composed with, e.g. its bounce) if the message was
// already removed.
class QueueRemovalJob : public StoreJob
{
public:
    QueueRemovalJob(qint64 queueId, QString spoolFile)
        : m_queueId(queueId), m_file(std::move(spoolFile))
    {
    }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;
    // Forgetting a finished message promises nothing to anyone: if a power loss
    // undoes it, the next start finds every recipient final and removes it again.
    bool needsSync() const override { return false; }

private:
    qint64 m_queueId;
    QString m_file;
};

} // namespace fumibako
