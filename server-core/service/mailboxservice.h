// MailboxService: an account's folders as the console shows them (name as the
// user sees it, special-use role, message count, size, unread count) and the
// reference service's "メールボックスの初期化": empty the INBOX for good. The
// removal goes through ExpungeJob like an IMAP EXPUNGE or POP3 QUIT, so the
// usage counters, modseqs and file durability follow the one expunge path.
#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

namespace fumibako
{

class Database;

struct MailboxSummary {
    qint64 id = 0;
    QString name;       // "/"-separated Unicode, as stored (never modified UTF-7)
    QString specialUse; // "\\Sent", "\\Drafts", "\\Trash", "\\Junk" or empty
    qint64 messages = 0;
    qint64 bytes = 0;
    qint64 unseen = 0; // messages without \Seen

    bool isInbox() const { return name == QLatin1String("INBOX"); }
};

class MailboxService
{
public:
    MailboxService(const Database &db, QString mailRoot);

    // INBOX first, then the special-use folders, then the others by name.
    Result<QList<MailboxSummary>> mailboxes(const QString &address) const;
    // Removes every message of the account's INBOX (rows in one transaction,
    // then the files, then a sync of their directories); other folders are
    // untouched. Returns the number of messages removed. Sessions of a running
    // server see the change at their next command.
    Result<qint64> emptyInbox(const QString &address) const;

private:
    const Database &m_db;
    QString m_mailRoot;
};

} // namespace fumibako
