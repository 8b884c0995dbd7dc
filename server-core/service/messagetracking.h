// MessageTracking: a message's whole path from its log lines (the feature
// administrators ask for most): received from whom, scanned how, delivered to
// which mailboxes, queued, each delivery attempt with the remote reply,
// bounced or delivered — and the copies it became, since a forward or a held
// batch is a message of its own whose id the original's line names ("as
// id=..."). Found from its tracking id (the 250's "queued as"), its queue id,
// its Message-ID, or an address that sent or received it.
#pragma once

#include "common/result.h"
#include "store/logstore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

class Database;

struct TrackedMessage {
    QString id;
    QString parentId;      // the message this one was forwarded or split from; "" for none
    QList<LogEntry> lines; // oldest first
};

class MessageTracking
{
public:
    explicit MessageTracking(const Database &db) : m_db(db) {}

    // Each message `what` names (most recent first, at most `maxMessages`),
    // each followed by the copies it became. NotFound when nothing matches.
    // `since` bounds an address's search; an id is found at any time.
    Result<QList<TrackedMessage>> track(const QString &what, const QDateTime &since = {},
                                        int maxMessages = 20) const;

private:
    Result<QStringList> roots(const QString &what, const QDateTime &since, int limit) const;

    const Database &m_db;
};

} // namespace fumibako
