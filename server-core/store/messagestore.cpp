#include "messagestore.h"

namespace fumibako {

Result<QList<StoredMessage>> MessageStore::list(qint64 mailboxId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, uid, path, size, internal_date, flags, modseq FROM messages "
                                      "WHERE mailbox_id = ? ORDER BY uid"),
                       {mailboxId});
    if (!q)
        return q.error();
    QList<StoredMessage> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                    q->value(3).toLongLong(), q->value(4).toLongLong(), q->value(5).toString(),
                    q->value(6).toLongLong()});
    return out;
}

Result<qint64> MessageStore::uidValidity(qint64 mailboxId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT uidvalidity FROM mailboxes WHERE id = ?"), {mailboxId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    return q->value(0).toLongLong();
}

Result<MessageStore::Appended> MessageStore::append(qint64 mailboxId, const QString &path, qint64 size,
                                                   qint64 internalDate, const QString &flags) const
{
    // The usage counters keep quota checks O(1) however large the mailbox.
    auto u = m_db.exec(QStringLiteral("UPDATE mailboxes SET uidnext = uidnext + 1, used_bytes = used_bytes + ?, "
                                      "used_messages = used_messages + 1, highest_modseq = highest_modseq + 1 "
                                      "WHERE id = ? RETURNING uidnext - 1, highest_modseq"),
                       {size, mailboxId});
    if (!u)
        return u.error();
    if (!u->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    const qint64 uid = u->value(0).toLongLong();
    const qint64 modseq = u->value(1).toLongLong();
    u->finish();
    auto q = m_db.exec(QStringLiteral("INSERT INTO messages (mailbox_id, uid, path, size, internal_date, flags, modseq) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                       {mailboxId, uid, path, size, internalDate, flags, modseq});
    if (!q)
        return q.error();
    return Appended{q->lastInsertId().toLongLong(), uid};
}

Result<void> MessageStore::remove(const QList<qint64> &ids) const
{
    for (qint64 id : ids) {
        auto q = m_db.exec(QStringLiteral("DELETE FROM messages WHERE id = ? RETURNING mailbox_id, size"), {id});
        if (!q)
            return q.error();
        if (!q->next())
            continue;
        const qint64 mailbox = q->value(0).toLongLong();
        const qint64 size = q->value(1).toLongLong();
        q->finish();
        if (auto u = m_db.exec(QStringLiteral("UPDATE mailboxes SET used_bytes = used_bytes - ?, "
                                              "used_messages = used_messages - 1, highest_modseq = highest_modseq + 1 "
                                              "WHERE id = ?"),
                               {size, mailbox});
            !u)
            return u.error();
    }
    return {};
}

} // namespace fumibako

namespace fumibako {

Result<void> MessageStore::setFlags(qint64 mailboxId, const QList<QPair<qint64, QString>> &idsAndFlags) const
{
    auto u = m_db.exec(QStringLiteral("UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ? "
                                      "RETURNING highest_modseq"),
                       {mailboxId});
    if (!u)
        return u.error();
    if (!u->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    const qint64 modseq = u->value(0).toLongLong();
    u->finish();
    for (const auto &[id, flags] : idsAndFlags)
        if (auto q = m_db.exec(QStringLiteral("UPDATE messages SET flags = ?, modseq = ? WHERE id = ? AND mailbox_id = ?"),
                               {flags, modseq, id, mailboxId});
            !q)
            return q.error();
    return {};
}

} // namespace fumibako
