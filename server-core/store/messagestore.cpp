#include "messagestore.h"

#include "mailboxevents.h"

namespace fumibako
{

Result<QList<StoredMessage>> MessageStore::list(qint64 mailboxId) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT id, uid, path, size, internal_date, flags, modseq FROM messages "
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
    auto q =
        m_db.exec(QStringLiteral("SELECT uidvalidity FROM mailboxes WHERE id = ?"), {mailboxId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    return q->value(0).toLongLong();
}

Result<MessageStore::Appended> MessageStore::append(qint64 mailboxId, const QString &path,
                                                    qint64 size, qint64 internalDate,
                                                    const QString &flags,
                                                    const QString &messageId) const
{
    // The usage counters keep quota checks O(1) however large the mailbox.
    auto u = m_db.exec(
        QStringLiteral("UPDATE mailboxes SET uidnext = uidnext + 1, used_bytes = used_bytes + ?, "
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
    MailboxChangeScope::touched(mailboxId);
    auto q = m_db.exec(
        QStringLiteral(
            "INSERT INTO messages (mailbox_id, uid, path, size, internal_date, flags, modseq, "
            "msgid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {mailboxId, uid, path, size, internalDate, flags, modseq, messageId});
    if (!q)
        return q.error();
    return Appended{q->lastInsertId().toLongLong(), uid};
}

Result<void> MessageStore::remove(const QList<qint64> &ids) const
{
    for (qint64 id : ids) {
        auto q = m_db.exec(
            QStringLiteral("DELETE FROM messages WHERE id = ? RETURNING mailbox_id, size, uid"),
            {id});
        if (!q)
            return q.error();
        if (!q->next())
            continue;
        const qint64 mailbox = q->value(0).toLongLong();
        const qint64 size = q->value(1).toLongLong();
        const qint64 uid = q->value(2).toLongLong();
        q->finish();
        auto u = m_db.exec(
            QStringLiteral("UPDATE mailboxes SET used_bytes = used_bytes - ?, "
                           "used_messages = used_messages - 1, highest_modseq = highest_modseq + 1 "
                           "WHERE id = ? RETURNING highest_modseq, vanished_floor"),
            {size, mailbox});
        if (!u)
            return u.error();
        if (!u->next())
            continue;
        const qint64 modseq = u->value(0).toLongLong();
        const qint64 floor = u->value(1).toLongLong();
        u->finish();
        MailboxChangeScope::touched(mailbox);
        if (auto e = m_db.exec(
                QStringLiteral(
                    "INSERT OR REPLACE INTO expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)"),
                {mailbox, uid, modseq});
            !e)
            return e.error();
        // Forgotten in steps of a thousand or so, not one row per expunge.
        if (modseq - floor > kVanishedHistory + 1024) {
            const qint64 newFloor = modseq - kVanishedHistory;
            if (auto d = m_db.exec(
                    QStringLiteral("DELETE FROM expunged WHERE mailbox_id = ? AND modseq <= ?"),
                    {mailbox, newFloor});
                !d)
                return d.error();
            if (auto f = m_db.exec(
                    QStringLiteral("UPDATE mailboxes SET vanished_floor = ? WHERE id = ?"),
                    {newFloor, mailbox});
                !f)
                return f.error();
        }
    }
    return {};
}

Result<QList<MessageStore::FlagResult>>
MessageStore::storeFlags(qint64 mailboxId, const QList<qint64> &ids, MessageFlags::Op op,
                         const QStringList &given, qint64 unchangedSince) const
{
    QList<FlagResult> results;
    QList<qint64> toWrite; // indexes into results
    for (qint64 id : ids) {
        auto q = m_db.exec(
            QStringLiteral("SELECT flags, modseq FROM messages WHERE id = ? AND mailbox_id = ?"),
            {id, mailboxId});
        if (!q)
            return q.error();
        if (!q->next())
            continue; // expunged meanwhile
        FlagResult r{id, q->value(0).toString(), q->value(1).toLongLong(), false};
        if (unchangedSince >= 0 && r.modseq > unchangedSince) {
            r.modified = true;
        } else {
            const QStringList current = MessageFlags::split(r.flags);
            const QStringList next = MessageFlags::apply(current, op, given);
            if (next != current) {
                r.flags = next.join(QLatin1Char(' '));
                toWrite << results.size();
            }
        }
        results << r;
    }
    if (toWrite.isEmpty())
        return results;
    auto u = m_db.exec(
        QStringLiteral("UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ? "
                       "RETURNING highest_modseq"),
        {mailboxId});
    if (!u)
        return u.error();
    if (!u->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    const qint64 modseq = u->value(0).toLongLong();
    u->finish();
    MailboxChangeScope::touched(mailboxId);
    for (qint64 k : std::as_const(toWrite)) {
        FlagResult &r = results[k];
        r.modseq = modseq;
        if (auto q =
                m_db.exec(QStringLiteral("UPDATE messages SET flags = ?, modseq = ? WHERE id = ?"),
                          {r.flags, modseq, r.id});
            !q)
            return q.error();
    }
    return results;
}

Result<MessageStore::Changes> MessageStore::changesSince(qint64 mailboxId, qint64 modseq) const
{
    Changes out;
    auto r = m_db.readTransaction([&](const Database &db) -> Result<void> {
        auto mailbox = MailboxStore(db).findById(mailboxId);
        if (!mailbox)
            return mailbox.error();
        out.mailbox = *mailbox;
        auto q = db.exec(
            QStringLiteral("SELECT id, uid, path, size, internal_date, flags, modseq FROM messages "
                           "WHERE mailbox_id = ? AND modseq > ? ORDER BY uid"),
            {mailboxId, modseq});
        if (!q)
            return q.error();
        while (q->next())
            out.changed.append({q->value(0).toLongLong(), q->value(1).toLongLong(),
                                q->value(2).toString(), q->value(3).toLongLong(),
                                q->value(4).toLongLong(), q->value(5).toString(),
                                q->value(6).toLongLong()});
        q->finish();
        if (modseq > 0) {
            auto vanished = MessageStore(db).vanishedSince(mailboxId, modseq);
            if (!vanished)
                return vanished.error();
            out.vanished = *vanished;
        }
        return {};
    });
    if (!r)
        return r.error();
    return out;
}

Result<QList<qint64>> MessageStore::vanishedSince(qint64 mailboxId, qint64 modseq) const
{
    auto m = m_db.exec(QStringLiteral("SELECT vanished_floor, uidnext FROM mailboxes WHERE id = ?"),
                       {mailboxId});
    if (!m)
        return m.error();
    if (!m->next())
        return Error::notFound(QStringLiteral("no such mailbox"));
    const qint64 floor = m->value(0).toLongLong();
    const qint64 uidNext = m->value(1).toLongLong();
    m->finish();
    QList<qint64> out;
    if (modseq < floor) {
        // Older than the history kept: every UID below uidnext that is gone.
        auto q =
            m_db.exec(QStringLiteral("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid"),
                      {mailboxId});
        if (!q)
            return q.error();
        qint64 next = 1;
        auto gap = [&](qint64 upTo) {
            for (; next < upTo; ++next)
                out << next;
        };
        while (q->next()) {
            const qint64 uid = q->value(0).toLongLong();
            gap(uid);
            next = uid + 1;
        }
        gap(uidNext);
        return out;
    }
    auto q = m_db.exec(
        QStringLiteral("SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid"),
        {mailboxId, modseq});
    if (!q)
        return q.error();
    while (q->next())
        out << q->value(0).toLongLong();
    return out;
}

Result<qint64> MessageStore::unseenCount(qint64 mailboxId) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT count(*) FROM messages WHERE mailbox_id = ? AND "
                                 "' ' || lower(flags) || ' ' NOT LIKE '% \\seen %' ESCAPE '!'"),
                  {mailboxId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<qint64> MessageStore::countFromUid(qint64 mailboxId, qint64 uid) const
{
    auto q =
        m_db.exec(QStringLiteral("SELECT count(*) FROM messages WHERE mailbox_id = ? AND uid >= ?"),
                  {mailboxId, uid});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

} // namespace fumibako
