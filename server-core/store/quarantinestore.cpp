#include "quarantinestore.h"

#include "common/durablefile.h"
#include "maildir.h"

#include <QFile>
#include <QSqlQuery>

namespace fumibako
{

namespace
{

const QString kColumns = QStringLiteral(
    "q.id, q.account_id, a.address, q.received_at, q.sender, q.recipient, q.subject, "
    "q.header_message_id, q.size, q.reason_kind, q.reason, q.score, q.rules, q.msgid, q.path");

QuarantinedMessage fromRow(const QSqlQuery &q)
{
    QuarantinedMessage m;
    m.id = q.value(0).toLongLong();
    m.accountId = q.value(1).toLongLong();
    m.account = q.value(2).toString();
    m.receivedAt = q.value(3).toLongLong();
    m.sender = q.value(4).toString();
    m.recipient = q.value(5).toString();
    m.subject = q.value(6).toByteArray();
    m.headerMessageId = q.value(7).toString();
    m.size = q.value(8).toLongLong();
    m.reasonKind = q.value(9).toString();
    m.reason = q.value(10).toString();
    if (!q.value(11).isNull())
        m.score = q.value(11).toDouble();
    m.rules = q.value(12).toString();
    m.trackingId = q.value(13).toString();
    m.path = q.value(14).toString();
    return m;
}

Result<QList<QuarantinedMessage>> select(const Database &db, const QString &where,
                                         const QVariantList &binds)
{
    auto q = db.exec(
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM quarantine q JOIN accounts a ON a.id = q.account_id ") + where,
        binds);
    if (!q)
        return q.error();
    QList<QuarantinedMessage> out;
    while (q->next())
        out << fromRow(*q);
    return out;
}

} // namespace

Result<qint64> QuarantineStore::add(const QuarantinedMessage &m) const
{
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO quarantine (account_id, received_at, sender, recipient, "
                       "subject, header_message_id, size, reason_kind, reason, score, rules, "
                       "msgid, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {m.accountId, m.receivedAt, m.sender, m.recipient,
         m.subject.isNull() ? QByteArray("") : m.subject, m.headerMessageId, m.size, m.reasonKind,
         m.reason, m.score ? QVariant(*m.score) : QVariant(QMetaType(QMetaType::Double)), m.rules,
         m.trackingId, m.path});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<QuarantinedMessage> QuarantineStore::find(qint64 id) const
{
    auto rows = select(m_db, QStringLiteral("WHERE q.id = ?"), {id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error::notFound(QStringLiteral("no quarantined message %1").arg(id));
    return rows->first();
}

Result<QList<QuarantinedMessage>> QuarantineStore::list(qint64 accountId) const
{
    if (accountId > 0)
        return select(
            m_db, QStringLiteral("WHERE q.account_id = ? ORDER BY q.received_at DESC, q.id DESC"),
            {accountId});
    return select(m_db, QStringLiteral("ORDER BY q.received_at DESC, q.id DESC"), {});
}

Result<QList<QuarantinedMessage>> QuarantineStore::expired(qint64 now, int defaultDays,
                                                           int limit) const
{
    return select(m_db,
                  QStringLiteral("LEFT JOIN filter_options o ON o.account_id = q.account_id "
                                 "WHERE q.received_at < ? - 86400 * "
                                 "coalesce(o.quarantine_days, ?) "
                                 "ORDER BY q.received_at, q.id LIMIT ?"),
                  {now, defaultDays, limit});
}

Result<int> QuarantineStore::retentionDays(qint64 accountId, int defaultDays) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT quarantine_days FROM filter_options WHERE account_id = ?"),
                  {accountId});
    if (!q)
        return q.error();
    if (q->next() && !q->value(0).isNull())
        return q->value(0).toInt();
    return defaultDays;
}

Result<void> QuarantineStore::remove(qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM quarantine WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("no quarantined message %1").arg(id));
    return {};
}

Result<qint64> QuarantineStore::heldBytes(qint64 accountId) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM quarantine WHERE account_id = ?"),
        {accountId});
    if (!q)
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<QList<QuarantinedMessage>> QuarantineStore::unsummarized() const
{
    return select(m_db,
                  QStringLiteral("WHERE NOT EXISTS (SELECT 1 FROM quarantine_summarized s "
                                 "WHERE s.quarantine_id = q.id) "
                                 "ORDER BY q.account_id, q.received_at, q.id"),
                  {});
}

Result<void> QuarantineStore::markSummarized(const QList<qint64> &ids, qint64 at) const
{
    for (qint64 id : ids) {
        auto held = m_db.exec(QStringLiteral("SELECT 1 FROM quarantine WHERE id = ?"), {id});
        if (!held)
            return held.error();
        if (!held->next())
            return Error::notFound(QStringLiteral("no quarantined message %1").arg(id));
        auto q = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO quarantine_summarized "
                                          "(quarantine_id, summarized_at) VALUES (?, ?)"),
                           {id, at});
        if (!q)
            return q.error();
        if (q->numRowsAffected() != 1)
            return Error::exists(
                QStringLiteral("quarantined message %1 is already in a Spam Summary").arg(id));
    }
    return {};
}

// ---- QuarantineHoldJob ------------------------------------------------------

Result<void> QuarantineHoldJob::prepare()
{
    for (const Copy &c : std::as_const(m_copies)) {
        qint64 size = 0;
        for (const QByteArray &p : c.parts)
            size += p.size();
        const QString name = Maildir::uniqueName(size);
        Written w{m_root + QLatin1String("/tmp/") + name, m_root + QLatin1Char('/') + name, name,
                  size};
        if (auto r = writeFileSynced(w.tmpPath, c.parts); !r) {
            rollback();
            return r;
        }
        m_written << w;
    }
    return {};
}

Result<void> QuarantineHoldJob::record(const Database &db)
{
    m_ids.clear();
    m_pendingRows.clear();
    QuarantineStore store(db);
    for (qsizetype i = 0; i < m_written.size(); ++i) {
        QuarantinedMessage row = m_copies[i].row;
        row.size = m_written[i].size;
        row.path = m_written[i].name;
        auto id = store.add(row);
        if (!id)
            return id.error();
        m_ids << *id;
        auto pending =
            db.exec(QStringLiteral("INSERT INTO pending_renames (source, target) VALUES (?, ?)"),
                    {m_written[i].tmpPath, m_written[i].finalPath});
        if (!pending)
            return pending.error();
        m_pendingRows << pending->lastInsertId().toLongLong();
    }
    // Into place before COMMIT, as a delivery does: a reader that sees the row finds the file.
    for (Written &w : m_written) {
        if (auto r = renameFile(w.tmpPath, w.finalPath); !r) {
            for (Written &back : m_written)
                if (back.renamed && renameFile(back.finalPath, back.tmpPath))
                    back.renamed = false;
            return r;
        }
        w.renamed = true;
    }
    return {};
}

Result<void> QuarantineHoldJob::commit(QSet<QString> &dirsToSync)
{
    if (!m_written.isEmpty())
        dirsToSync.insert(m_root);
    return {};
}

void QuarantineHoldJob::rollback()
{
    for (const Written &w : std::as_const(m_written))
        QFile::remove(w.renamed ? w.finalPath : w.tmpPath);
    m_written.clear();
}

// ---- QuarantineRemovalJob ---------------------------------------------------

Result<void> QuarantineRemovalJob::record(const Database &db)
{
    m_files.clear();
    QuarantineStore store(db);
    for (qint64 id : std::as_const(m_ids)) {
        auto m = store.find(id);
        if (!m)
            return m.error();
        if (auto r = store.remove(id); !r)
            return r;
        m_files << m_root + QLatin1Char('/') + m->path;
    }
    LogStore log(db);
    for (const LogEntry &e : std::as_const(m_audit))
        if (auto r = log.append(e); !r)
            return r;
    return {};
}

Result<void> QuarantineRemovalJob::commit(QSet<QString> &dirsToSync)
{
    for (const QString &f : std::as_const(m_files))
        QFile::remove(f);
    if (!m_files.isEmpty())
        dirsToSync.insert(m_root);
    return {};
}

// ---- runStoreJobNow ---------------------------------------------------------

Result<void> runStoreJobNow(const Database &db, StoreJob &job)
{
    if (auto r = job.prepare(); !r)
        return r;
    auto tx = db.transaction([&job](const Database &d) { return job.record(d); });
    if (!tx) {
        job.rollback();
        return tx;
    }
    QSet<QString> dirs;
    if (auto r = job.commit(dirs); !r)
        return r;
    for (const QString &dir : std::as_const(dirs))
        if (auto r = syncDirectory(dir); !r)
            return r;
    const QList<qint64> renames = job.pendingRenameRows();
    if (renames.isEmpty())
        return {};
    return db.transaction([&renames](const Database &d) -> Result<void> {
        for (qint64 row : renames)
            if (auto r = d.exec(QStringLiteral("DELETE FROM pending_renames WHERE id = ?"), {row});
                !r)
                return r.error();
        return {};
    });
}

} // namespace fumibako
