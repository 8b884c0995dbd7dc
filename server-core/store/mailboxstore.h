// MailboxStore: an account's folders (INBOX, the special-use folders made
// with every account, and the user's own) in the mailboxes table. Folder
// files live in Maildir++ directories (".Sent", ".&U9ZfFVFI-.&iYt5-") under
// the account's Maildir; the directory is fixed at creation, so a rename only
// touches the index.
#pragma once

#include "database.h"

#include <QList>

namespace fumibako
{

struct Mailbox {
    qint64 id = 0;
    qint64 accountId = 0;
    QString name;            // "/"-separated, Unicode
    QString specialUse;      // "\\Sent", "\\Drafts", "\\Trash", "\\Junk" or empty
    bool subscribed = false; // the account's subscriptions hold the name
    QString directory;       // relative to the account's Maildir; empty for INBOX
    qint64 uidValidity = 0;
    qint64 uidNext = 1;
    qint64 usedBytes = 0;
    qint64 messages = 0;
    qint64 highestModseq = 1;
    qint64 firstRecentUid = 1; // no IMAP session has claimed this UID or later as \Recent
};

class MailboxStore
{
public:
    explicit MailboxStore(const Database &db) : m_db(db) {}

    // The folders every account has, with their RFC 6154 attributes.
    static const QList<QPair<QString, QString>> &defaultFolders();

    Result<QList<Mailbox>> list(qint64 accountId) const;
    Result<Mailbox> find(qint64 accountId, const QString &name) const; // INBOX case-insensitive
    Result<Mailbox> findById(qint64 id) const;
    // Inside a transaction or not; the directory must be created by the caller.
    // INBOX and the special-use folders start subscribed, a user's folder does not.
    Result<Mailbox> create(qint64 accountId, const QString &name, const QString &specialUse,
                           const QString &directory) const;
    // A subscription to the old name moves with the mailbox.
    Result<void> rename(qint64 id, const QString &newName) const;
    // The subscription stays: LIST (SUBSCRIBED) shows it as \NonExistent.
    Result<void> remove(qint64 id) const;
    Result<int> count(qint64 accountId) const;

    // Subscriptions are names, whether a mailbox has them or not (RFC 3501 6.3.6).
    Result<void> setSubscribed(qint64 accountId, const QString &name, bool subscribed) const;
    Result<QStringList> subscriptions(qint64 accountId) const; // sorted

    // Records that IMAP sessions have seen every UID below `uid` as \Recent; never
    // goes back. The claim itself is made in memory (MailboxEvents::claimRecent).
    Result<void> setFirstRecentUid(qint64 id, qint64 uidValidity, qint64 uid) const;

private:
    const Database &m_db;
};

} // namespace fumibako
