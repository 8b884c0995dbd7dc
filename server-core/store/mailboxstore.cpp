#include "mailboxstore.h"

#include <QDateTime>

namespace fumibako
{

namespace
{

const QString kColumns = QStringLiteral(
    "id, account_id, name, special_use, "
    "EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = mailboxes.account_id AND s.name = "
    "mailboxes.name), "
    "directory, uidvalidity, uidnext, used_bytes, used_messages, highest_modseq, first_recent_uid");

Mailbox read(const QSqlQuery &q)
{
    Mailbox m;
    m.id = q.value(0).toLongLong();
    m.accountId = q.value(1).toLongLong();
    m.name = q.value(2).toString();
    m.specialUse = q.value(3).toString();
    m.subscribed = q.value(4).toBool();
    m.directory = q.value(5).toString();
    m.uidValidity = q.value(6).toLongLong();
    m.uidNext = q.value(7).toLongLong();
    m.usedBytes = q.value(8).toLongLong();
    m.messages = q.value(9).toLongLong();
    m.highestModseq = q.value(10).toLongLong();
    m.firstRecentUid = q.value(11).toLongLong();
    return m;
}

Result<Mailbox> one(Result<QSqlQuery> q, const QString &what)
{
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("no such mailbox: %1").arg(what));
    return read(*q);
}

} // namespace

const QList<QPair<QString, QString>> &MailboxStore::defaultFolders()
{
    static const QList<QPair<QString, QString>> folders = {
        {QStringLiteral("Sent"), QStringLiteral("\\Sent")},
        {QStringLiteral("Drafts"), QStringLiteral("\\Drafts")},
        {QStringLiteral("Trash"), QStringLiteral("\\Trash")},
        {QStringLiteral("Junk"), QStringLiteral("\\Junk")},
    };
    return folders;
}

Result<QList<Mailbox>> MailboxStore::list(qint64 accountId) const
{
    auto q = m_db.exec(
        QStringLiteral(
            "SELECT %1 FROM mailboxes WHERE account_id = ? ORDER BY name <> 'INBOX', name")
            .arg(kColumns),
        {accountId});
    if (!q)
        return q.error();
    QList<Mailbox> out;
    while (q->next())
        out << read(*q);
    return out;
}

Result<Mailbox> MailboxStore::find(qint64 accountId, const QString &name) const
{
    // RFC 3501 5.1: INBOX is case-insensitive, every other name is not.
    const QString key = name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0
                            ? QStringLiteral("INBOX")
                            : name;
    return one(
        m_db.exec(QStringLiteral("SELECT %1 FROM mailboxes WHERE account_id = ? AND name = ?")
                      .arg(kColumns),
                  {accountId, key}),
        name);
}

Result<Mailbox> MailboxStore::findById(qint64 id) const
{
    return one(
        m_db.exec(QStringLiteral("SELECT %1 FROM mailboxes WHERE id = ?").arg(kColumns), {id}),
        QString::number(id));
}

Result<Mailbox> MailboxStore::create(qint64 accountId, const QString &name,
                                     const QString &specialUse, const QString &directory) const
{
    // UIDVALIDITY: the time in seconds, or one more than the last value issued if
    // that is not earlier, so no value is ever issued twice. RFC 3501 2.3.1.1 asks
    // only that it never repeat for a name; never repeating at all also makes
    // (mailbox id, UIDVALIDITY, UID) name one message forever, which the IMAP
    // search cache relies on.
    auto v = m_db.exec(
        QStringLiteral("UPDATE uidvalidity_issued SET last = MAX(last + 1, ?) RETURNING last"),
        {QDateTime::currentSecsSinceEpoch()});
    if (!v)
        return v.error();
    if (!v->next())
        return Error::permanent(
            QStringLiteral("the UIDVALIDITY counter is missing from the database"));
    const qint64 uidValidity = v->value(0).toLongLong();
    v->finish();
    auto q = m_db.exec(
        QStringLiteral(
            "INSERT INTO mailboxes (account_id, name, uidvalidity, special_use, directory) "
            "VALUES (?, ?, ?, ?, ?)"),
        {accountId, name, uidValidity, specialUse, directory});
    if (!q)
        return q.error().kind == Error::Kind::Exists
                   ? Error::exists(QStringLiteral("the mailbox %1 already exists").arg(name))
                   : q.error();
    const qint64 id = q->lastInsertId().toLongLong();
    if (name == QLatin1String("INBOX") || !specialUse.isEmpty())
        if (auto r = setSubscribed(accountId, name, true); !r)
            return r.error();
    return findById(id);
}

Result<void> MailboxStore::rename(qint64 id, const QString &newName) const
{
    // The mailbox keeps its UIDVALIDITY: no other mailbox, present or past, has
    // had it, so a client that knew another mailbox by the new name cannot take
    // one for the other (RFC 3501 2.3.1.1).
    auto old = findById(id);
    if (!old)
        return old.error();
    auto q = m_db.exec(QStringLiteral("UPDATE mailboxes SET name = ? WHERE id = ?"), {newName, id});
    if (!q)
        return q.error().kind == Error::Kind::Exists
                   ? Error::exists(QStringLiteral("the mailbox %1 already exists").arg(newName))
                   : q.error();
    if (old->subscribed) {
        if (auto r = setSubscribed(old->accountId, old->name, false); !r)
            return r;
        return setSubscribed(old->accountId, newName, true);
    }
    return {};
}

Result<void> MailboxStore::remove(qint64 id) const
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM mailboxes WHERE id = ?"), {id});
    if (!q)
        return q.error();
    return {};
}

Result<void> MailboxStore::setSubscribed(qint64 accountId, const QString &name,
                                         bool subscribed) const
{
    auto q =
        subscribed
            ? m_db.exec(QStringLiteral(
                            "INSERT OR IGNORE INTO subscriptions (account_id, name) VALUES (?, ?)"),
                        {accountId, name})
            : m_db.exec(
                  QStringLiteral("DELETE FROM subscriptions WHERE account_id = ? AND name = ?"),
                  {accountId, name});
    if (!q)
        return q.error();
    return {};
}

Result<QStringList> MailboxStore::subscriptions(qint64 accountId) const
{
    return m_db.texts(
        QStringLiteral("SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name"),
        {accountId});
}

Result<void> MailboxStore::setFirstRecentUid(qint64 id, qint64 uidValidity, qint64 uid) const
{
    // The UIDVALIDITY check: a mailbox id may be reused after a DELETE; a claim
    // made on the old one must not touch the new.
    auto q =
        m_db.exec(QStringLiteral("UPDATE mailboxes SET first_recent_uid = MAX(first_recent_uid, ?) "
                                 "WHERE id = ? AND uidvalidity = ?"),
                  {uid, id, uidValidity});
    if (!q)
        return q.error();
    return {};
}

Result<int> MailboxStore::count(qint64 accountId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM mailboxes WHERE account_id = ?"),
                       {accountId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

} // namespace fumibako
