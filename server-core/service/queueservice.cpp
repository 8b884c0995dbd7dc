#include "queueservice.h"

#include "common/durablefile.h"
#include "mime/mimetext.h"
#include "store/database.h"

#include <QFile>
#include <QHash>

#include <optional>

namespace fumibako
{

QueueService::QueueService(const Database &db, DataDir dir) : m_db(db), m_dir(std::move(dir)) {}

Result<QList<QueueEntry>> QueueService::list() const
{
    // Both reads in one transaction: a message removed between them would
    // otherwise leave recipients without their sender.
    QList<QueuedMessage> messages;
    QList<QueuedRecipient> recipients;
    auto tx = m_db.transaction([&](const Database &db) -> Result<void> {
        QueueStore store(db);
        auto m = store.messages();
        if (!m)
            return m.error();
        auto r = store.recipients();
        if (!r)
            return r.error();
        messages = std::move(*m);
        recipients = std::move(*r);
        return {};
    });
    if (!tx)
        return tx.error();
    QHash<qint64, QueuedMessage> byId;
    for (const QueuedMessage &m : std::as_const(messages))
        byId.insert(m.id, m);
    QList<QueueEntry> out;
    out.reserve(recipients.size());
    for (const QueuedRecipient &r : std::as_const(recipients)) {
        const auto it = byId.constFind(r.queueId);
        if (it == byId.constEnd())
            continue;
        QueueEntry e;
        e.queueId = r.queueId;
        e.recipientId = r.id;
        e.recipient = r.recipient;
        e.domain = r.domain;
        e.sender = it->sender;
        e.state = r.state;
        e.attempts = r.attempts;
        e.nextTry = r.nextTry;
        e.lastAttempt = r.lastAttempt;
        e.lastReply = r.lastReply;
        e.remoteMta = r.remoteMta;
        e.size = it->size;
        e.createdAt = it->createdAt;
        out << e;
    }
    return out;
}

Result<void> QueueService::retryNow(qint64 queueId) const
{
    return m_db.transaction([queueId](const Database &db) -> Result<void> {
        QueueStore store(db);
        if (auto m = store.message(queueId); !m)
            return m.error();
        return store.retryNow(queueId);
    });
}

Result<void> QueueService::remove(qint64 queueId) const
{
    auto message = QueueStore(m_db).message(queueId);
    if (!message)
        return message.error();
    std::optional<QueueRemovalJob> job;
    job.emplace(queueId, m_dir.queueDir() + QLatin1Char('/') + message->path);
    // The row goes first (the queue no longer sees the message), then the file
    // and a sync of the queue directory.
    auto tx = m_db.transaction([&job](const Database &db) { return job->record(db); });
    if (!tx)
        return tx.error();
    QSet<QString> dirs;
    if (auto r = job->commit(dirs); !r)
        return r.error();
    for (const QString &dir : std::as_const(dirs))
        if (auto r = syncDirectory(dir); !r)
            return r.error();
    return {};
}

Result<QByteArray> QueueService::headers(qint64 queueId) const
{
    auto message = QueueStore(m_db).message(queueId);
    if (!message)
        return message.error();
    QFile f(m_dir.queueDir() + QLatin1Char('/') + message->path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("cannot read spool file of queued message %1: %2")
                                   .arg(queueId)
                                   .arg(f.errorString()));
    QByteArray out;
    while (!f.atEnd() && out.size() < kMaxHeaderBytes) {
        const QByteArray line = f.readLine(8192);
        if (line == "\r\n" || line == "\n")
            break;
        out += line;
    }
    return out;
}

QString QueueService::decodeHeaders(const QByteArray &block)
{
    QList<QByteArray> fields;
    for (QByteArray line : block.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty())
            fields.last() += ' ' + line.trimmed(); // RFC 5322 2.2.3 unfolding
        else
            fields << line;
    }
    QStringList out;
    for (const QByteArray &f : std::as_const(fields)) {
        const qsizetype colon = f.indexOf(':');
        if (colon <= 0) {
            out << QString::fromUtf8(f);
            continue;
        }
        out << QString::fromLatin1(f.left(colon)) + QLatin1String(": ") +
                   mimetext::decodeHeaderText(f.mid(colon + 1).trimmed());
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace fumibako
