#include "deliveryjob.h"

#include "common/durablefile.h"
#include "store/maildir.h"
#include "store/messagestore.h"

#include <QDateTime>
#include <QFile>

namespace fumibako
{

bool dsnWants(const QByteArray &notify, QByteArrayView what)
{
    if (notify.isEmpty())
        return what != "SUCCESS";
    return notify.split(',').contains(what.toByteArray());
}

QByteArray DeliveryJob::localPrefix(const DeliveryRequest &request, const LocalTarget &t)
{
    if (!request.envelopeHeaders)
        return {};
    // As Postfix's virtual(8) writes them (RFC 5321 4.4: Return-Path on top).
    return "Return-Path: <" + request.sender.toUtf8() +
           ">\r\nDelivered-To: " + t.deliveredTo.toUtf8() + "\r\n";
}

qint64 DeliveryJob::storedSize(const DeliveryRequest &request, const LocalTarget &target)
{
    return localPrefix(request, target).size() + request.traceHeaders.size() +
           request.message.size();
}

Result<void> checkQuota(const Database &db, const LocalTarget &t, qint64 size)
{
    if (t.quotaBytes <= 0 && t.quotaMessages <= 0)
        return {};
    auto q = db.exec(
        QStringLiteral("SELECT COALESCE(SUM(used_bytes), 0), COALESCE(SUM(used_messages), 0) "
                       "FROM mailboxes WHERE account_id = ?"),
        {t.accountId});
    if (!q)
        return q.error();
    q->next();
    const qint64 usedBytes = q->value(0).toLongLong();
    const qint64 usedMessages = q->value(1).toLongLong();
    if (t.quotaBytes > 0 && size > t.quotaBytes)
        return Error{Error::Kind::TooBig,
                     QStringLiteral("message exceeds the mailbox quota of %1").arg(t.deliveredTo),
                     {}};
    if ((t.quotaBytes > 0 && usedBytes + size > t.quotaBytes) ||
        (t.quotaMessages > 0 && usedMessages + 1 > t.quotaMessages))
        return Error{
            Error::Kind::OverQuota, QStringLiteral("mailbox of %1 is full").arg(t.deliveredTo), {}};
    return {};
}

Result<void> DeliveryJob::prepare()
{
    for (int i = 0; i < m_req.local.size(); ++i) {
        const LocalTarget &t = m_req.local[i];
        const QByteArray prefix = localPrefix(m_req, t);
        const qint64 size = prefix.size() + m_req.traceHeaders.size() + m_req.message.size();
        const QString name = Maildir::uniqueName(size);
        const QString folder = t.directory.isEmpty() ? QString() : t.directory + QLatin1Char('/');
        Written w{t.maildir + QLatin1Char('/') + folder + QLatin1String("tmp/") + name,
                  t.maildir + QLatin1Char('/') + folder + QLatin1String("new/") + name,
                  folder + QLatin1String("new/") + name, size, i};
        if (auto r = writeFileSynced(w.tmpPath, {prefix, m_req.traceHeaders, m_req.message}); !r) {
            rollback();
            return r;
        }
        m_written << w;
    }
    if (!m_req.remote.isEmpty()) {
        const qint64 size = m_req.traceHeaders.size() + m_req.message.size();
        const QString name = Maildir::uniqueName(size);
        Written w{m_req.queueDir + QLatin1String("/tmp/") + name,
                  m_req.queueDir + QLatin1Char('/') + name, name, size, -1};
        if (auto r = writeFileSynced(w.tmpPath, {m_req.traceHeaders, m_req.message}); !r) {
            rollback();
            return r;
        }
        m_written << w;
    }
    return {};
}

Result<void> DeliveryJob::record(const Database &db)
{
    MessageStore messages(db);
    m_uids.clear();
    m_pendingRows.clear();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Written &w : std::as_const(m_written)) {
        QVariant messageId, queueId;
        if (w.target >= 0) {
            const LocalTarget &t = m_req.local[w.target];
            if (auto r = checkQuota(db, t, w.size); !r)
                return r;
            auto appended = messages.append(t.mailboxId, w.relativePath, w.size,
                                            m_req.internalDate > 0 ? m_req.internalDate : now,
                                            t.flags, m_req.messageId);
            if (!appended)
                return appended.error();
            messageId = appended->id;
            m_uids << appended->uid;
        } else {
            auto q = db.exec(
                QStringLiteral(
                    "INSERT INTO queue (path, sender, size, created_at, envid, ret, msgid, "
                    "header_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                {w.relativePath, m_req.sender, w.size, now, QString::fromLatin1(m_req.envid),
                 QString::fromLatin1(m_req.ret), m_req.messageId, m_req.headerMessageId});
            if (!q)
                return q.error();
            queueId = q->lastInsertId().toLongLong();
            for (const DsnRecipient &rcpt : std::as_const(m_req.remote)) {
                const QString domain =
                    rcpt.address.mid(rcpt.address.lastIndexOf(QLatin1Char('@')) + 1).toLower();
                if (auto r = db.exec(
                        QStringLiteral(
                            "INSERT INTO queue_recipients (queue_id, recipient, domain, next_try, "
                            "notify, orcpt) VALUES (?, ?, ?, ?, ?, ?)"),
                        {queueId, rcpt.address, domain, std::max(now, m_req.notBefore),
                         QString::fromLatin1(rcpt.notify), rcpt.orcpt});
                    !r)
                    return r.error();
            }
        }
        auto pending = db.exec(
            QStringLiteral("INSERT INTO pending_renames (source, target, message_id, queue_id) "
                           "VALUES (?, ?, ?, ?)"),
            {w.tmpPath, w.finalPath, messageId, queueId});
        if (!pending)
            return pending.error();
        m_pendingRows << pending->lastInsertId().toLongLong();
    }
    // Into place before COMMIT: a reader that sees the rows (POP3 opening the
    // maildrop, a SELECT) must find the files. A crash before COMMIT leaves
    // a file no row names (which the server never shows); one after COMMIT
    // but before the directory is synced has recover() redo the rename from
    // the pending_renames row. The reply still waits for both syncs.
    for (Written &w : m_written) {
        if (auto r = renameFile(w.tmpPath, w.finalPath); !r) {
            unrename();
            return r;
        }
        w.renamed = true;
    }
    return {};
}

void DeliveryJob::unrename()
{
    for (Written &w : m_written)
        if (w.renamed && renameFile(w.finalPath, w.tmpPath))
            w.renamed = false;
}

Result<void> DeliveryJob::commit(QSet<QString> &dirsToSync)
{
    for (const Written &w : std::as_const(m_written))
        dirsToSync.insert(w.finalPath.left(w.finalPath.lastIndexOf(QLatin1Char('/'))));
    return {};
}

void DeliveryJob::rollback()
{
    for (const Written &w : std::as_const(m_written))
        QFile::remove(w.renamed ? w.finalPath : w.tmpPath);
    m_written.clear();
}

} // namespace fumibako
