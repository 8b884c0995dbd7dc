#include "queuestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace fumibako
{

namespace
{

const char *const kRecipientColumns = "id, queue_id, recipient, domain, state, attempts, next_try, "
                                      "last_attempt, last_reply, remote_mta, notify, orcpt, "
                                      "delay_notified";

QueuedRecipient readRecipient(const QSqlQuery &q)
{
    QueuedRecipient r;
    r.id = q.value(0).toLongLong();
    r.queueId = q.value(1).toLongLong();
    r.recipient = q.value(2).toString();
    r.domain = q.value(3).toString();
    r.state = QueuedRecipient::stateFromName(q.value(4).toString());
    r.attempts = q.value(5).toInt();
    r.nextTry = q.value(6).toLongLong();
    r.lastAttempt = q.value(7).toLongLong();
    r.lastReply = q.value(8).toString();
    r.remoteMta = q.value(9).toString();
    r.notify = q.value(10).toString().toLatin1();
    r.orcpt = q.value(11).toString();
    r.delayNotified = q.value(12).toBool();
    return r;
}

Result<QList<QueuedRecipient>> readRecipients(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    QList<QueuedRecipient> out;
    while (q->next())
        out << readRecipient(*q);
    return out;
}

// id, path, sender, size, created_at, envid, ret from column `first` on.
constexpr const char *kMessageColumns =
    "id, path, sender, size, created_at, envid, ret, msgid, header_message_id";

// kMessageColumns, from column `first` on.
QueuedMessage readMessage(const QSqlQuery &q, int first = 0)
{
    return {q.value(first).toLongLong(),
            q.value(first + 1).toString(),
            q.value(first + 2).toString(),
            q.value(first + 3).toLongLong(),
            q.value(first + 4).toLongLong(),
            q.value(first + 5).toString().toLatin1(),
            q.value(first + 6).toString().toLatin1(),
            q.value(first + 7).toString(),
            q.value(first + 8).toString()};
}

} // namespace

QString QueuedRecipient::stateName(State s)
{
    switch (s) {
    case State::Queued:
        return QStringLiteral("queued");
    case State::Deferred:
        return QStringLiteral("deferred");
    case State::Delivered:
        return QStringLiteral("delivered");
    case State::Bounced:
        return QStringLiteral("bounced");
    }
    return QStringLiteral("queued");
}

QueuedRecipient::State QueuedRecipient::stateFromName(const QString &name)
{
    if (name == QLatin1String("deferred"))
        return State::Deferred;
    if (name == QLatin1String("delivered"))
        return State::Delivered;
    if (name == QLatin1String("bounced"))
        return State::Bounced;
    return State::Queued;
}

Result<QList<DueRecipient>> QueueStore::due(qint64 now, int limit) const
{
    // One query for recipients and their messages: the queue manager scans often.
    QString columns;
    for (const QString &c : QString::fromLatin1(kRecipientColumns).split(QLatin1String(", ")))
        columns += QLatin1String("r.") + c + QLatin1String(", ");
    QStringList messageColumns = QString::fromLatin1(kMessageColumns).split(QLatin1String(", "));
    for (QString &c : messageColumns)
        c.prepend(QLatin1String("q."));
    auto q = m_db.exec(QStringLiteral("SELECT %1%2 "
                                      "FROM queue_recipients r JOIN queue q ON q.id = r.queue_id "
                                      "WHERE r.state IN ('queued', 'deferred') AND r.next_try <= ? "
                                      "ORDER BY r.next_try, r.id LIMIT ?")
                           .arg(columns, messageColumns.join(QLatin1String(", "))),
                       {now, limit});
    if (!q)
        return q.error();
    QList<DueRecipient> out;
    const int first = int(QString::fromLatin1(kRecipientColumns).split(QLatin1String(", ")).size());
    while (q->next())
        out.append({readRecipient(*q), readMessage(*q, first)});
    return out;
}

bool QueueStore::renamePending(qint64 queueId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT 1 FROM pending_renames WHERE queue_id = ? LIMIT 1"),
                       {queueId});
    return q && q->next();
}

Result<QList<QueuedRecipient>> QueueStore::recipients(qint64 queueId) const
{
    if (queueId > 0)
        return readRecipients(m_db.exec(
            QStringLiteral("SELECT %1 FROM queue_recipients WHERE queue_id = ? ORDER BY id")
                .arg(QLatin1String(kRecipientColumns)),
            {queueId}));
    return readRecipients(
        m_db.exec(QStringLiteral("SELECT %1 FROM queue_recipients ORDER BY queue_id, id")
                      .arg(QLatin1String(kRecipientColumns))));
}

Result<QueuedMessage> QueueStore::message(qint64 queueId) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT %1 FROM queue WHERE id = ?").arg(QLatin1String(kMessageColumns)),
        {queueId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no queued message %1").arg(queueId));
    return readMessage(*q);
}

Result<QList<QueuedMessage>> QueueStore::messages() const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT %1 FROM queue ORDER BY id").arg(QLatin1String(kMessageColumns)));
    if (!q)
        return q.error();
    QList<QueuedMessage> out;
    while (q->next())
        out << readMessage(*q);
    return out;
}

Result<QList<qint64>> QueueStore::finished() const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT id FROM queue q WHERE NOT EXISTS (SELECT 1 FROM queue_recipients r "
                       "WHERE r.queue_id = q.id AND r.state IN ('queued', 'deferred'))"));
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q->next())
        out << q->value(0).toLongLong();
    return out;
}

Result<qint64> QueueStore::nextDue() const
{
    auto q = m_db.exec(QStringLiteral("SELECT COALESCE(MIN(next_try), -1) FROM queue_recipients "
                                      "WHERE state IN ('queued', 'deferred')"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : -1;
}

Result<void> QueueStore::update(const QueuedRecipient &r) const
{
    auto q = m_db.exec(
        QStringLiteral(
            "UPDATE queue_recipients SET state = ?, attempts = ?, next_try = ?, last_attempt = ?, "
            "last_reply = ?, remote_mta = ?, delay_notified = ?, notify = ? WHERE id = ?"),
        {QueuedRecipient::stateName(r.state), r.attempts, r.nextTry, r.lastAttempt, r.lastReply,
         r.remoteMta, r.delayNotified ? 1 : 0, QString::fromLatin1(r.notify), r.id});
    if (!q)
        return q.error();
    return {};
}

Result<void> QueueStore::retryNow(qint64 queueId) const
{
    auto q = m_db.exec(
        QStringLiteral(
            "UPDATE queue_recipients SET next_try = CAST(strftime('%s', 'now') AS INTEGER) "
            "WHERE queue_id = ? AND state IN ('queued', 'deferred')"),
        {queueId});
    if (!q)
        return q.error();
    return {};
}

Result<void> QueueRemovalJob::record(const Database &db)
{
    auto q = db.exec(QStringLiteral("DELETE FROM queue WHERE id = ? RETURNING id"), {m_queueId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(
            QStringLiteral("queued message %1 was already removed").arg(m_queueId));
    return {};
}

Result<void> QueueRemovalJob::commit(QSet<QString> &dirsToSync)
{
    // The row is gone; a file a crash leaves behind is only an orphan, never a
    // message sent twice, so the directory needs no sync of its own.
    Q_UNUSED(dirsToSync);
    QFile::remove(m_file);
    return {};
}

} // namespace fumibako
