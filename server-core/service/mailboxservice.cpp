#include "mailboxservice.h"

#include "common/durablefile.h"
#include "store/accountstore.h"
#include "store/expungejob.h"
#include "store/mailboxstore.h"
#include "store/maildir.h"
#include "store/messagestore.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace fumibako
{

namespace
{

// INBOX, then the special-use folders in the order every account gets them.
int rank(const MailboxSummary &m)
{
    if (m.isInbox())
        return 0;
    const auto &defaults = MailboxStore::defaultFolders();
    for (int i = 0; i < defaults.size(); ++i)
        if (defaults.at(i).second == m.specialUse)
            return 1 + i;
    return m.specialUse.isEmpty() ? 1 + int(defaults.size()) + 1 : 1 + int(defaults.size());
}

} // namespace

MailboxService::MailboxService(const Database &db, QString mailRoot)
    : m_db(db), m_mailRoot(std::move(mailRoot))
{
}

Result<QList<MailboxSummary>> MailboxService::mailboxes(const QString &address) const
{
    auto account = AccountStore(m_db).find(address.trimmed());
    if (!account)
        return account.error();
    auto boxes = MailboxStore(m_db).list(account->id);
    if (!boxes)
        return boxes.error();
    // One pass over the account's messages for the unread counts; the
    // message counts and sizes are the counters the quota check keeps.
    auto q = m_db.exec(
        QStringLiteral(
            "SELECT m.mailbox_id, COUNT(*) FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id "
            "WHERE b.account_id = ? AND (' ' || m.flags || ' ') NOT LIKE '% \\Seen %' "
            "GROUP BY m.mailbox_id"),
        {account->id});
    if (!q)
        return q.error();
    QHash<qint64, qint64> unseen;
    while (q->next())
        unseen.insert(q->value(0).toLongLong(), q->value(1).toLongLong());

    QList<MailboxSummary> out;
    out.reserve(boxes->size());
    for (const Mailbox &b : std::as_const(*boxes)) {
        MailboxSummary s;
        s.id = b.id;
        s.name = b.name;
        s.specialUse = b.specialUse;
        s.messages = b.messages;
        s.bytes = b.usedBytes;
        s.unseen = unseen.value(b.id);
        out << s;
    }
    std::stable_sort(out.begin(), out.end(), [](const MailboxSummary &a, const MailboxSummary &b) {
        const int ra = rank(a), rb = rank(b);
        if (ra != rb)
            return ra < rb;
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<qint64> MailboxService::emptyInbox(const QString &address) const
{
    auto account = AccountStore(m_db).find(address.trimmed());
    if (!account)
        return account.error();
    const Maildir maildir(m_mailRoot, account->maildir);
    // The list is read inside the write transaction, so a delivery that
    // commits meanwhile is either wholly in it (and removed) or wholly after.
    std::optional<ExpungeJob> job;
    qint64 removed = 0;
    auto tx = m_db.transaction([&](const Database &db) -> Result<void> {
        auto inbox = MailboxStore(db).find(account->id, QStringLiteral("INBOX"));
        if (!inbox)
            return inbox.error();
        auto messages = MessageStore(db).list(inbox->id);
        if (!messages)
            return messages.error();
        QList<qint64> ids;
        QStringList files;
        for (const StoredMessage &m : std::as_const(*messages)) {
            ids << m.id;
            files << maildir.absolute(m.path);
        }
        removed = ids.size();
        job.emplace(std::move(ids), std::move(files));
        return job->record(db);
    });
    if (!tx)
        return tx.error();
    // The rows are committed: the messages are gone for every reader. Now the
    // files, and a sync of each directory that lost a name.
    QSet<QString> dirs;
    if (auto r = job->commit(dirs); !r)
        return r.error();
    for (const QString &dir : std::as_const(dirs))
        if (auto r = syncDirectory(dir); !r)
            return r.error();
    return removed;
}

} // namespace fumibako
