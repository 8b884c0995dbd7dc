// MessageStore: the metadata of stored messages (UID, file, size, flags) in
// the messages table. Files are written by delivery/ and removed by the
// expunge paths; this class only keeps the index.
#pragma once

#include "database.h"

#include <QList>

namespace fumibako {

struct StoredMessage {
    qint64 id = 0;
    qint64 uid = 0;
    QString path;   // relative to the account's Maildir
    qint64 size = 0;
    qint64 internalDate = 0;
    QString flags;  // space-separated system and keyword flags
    qint64 modseq = 1;
};

class MessageStore {
public:
    explicit MessageStore(const Database &db) : m_db(db) {}

    Result<QList<StoredMessage>> list(qint64 mailboxId) const;
    Result<qint64> uidValidity(qint64 mailboxId) const;
    struct Appended {
        qint64 id = 0;
        qint64 uid = 0;
    };
    // Must run inside a transaction: takes the next UID and records the file.
    Result<Appended> append(qint64 mailboxId, const QString &path, qint64 size, qint64 internalDate,
                            const QString &flags = QString()) const;
    Result<void> remove(const QList<qint64> &ids) const;
    // Sets each message's flags and bumps its modseq (RFC 7162) from the mailbox's counter.
    Result<void> setFlags(qint64 mailboxId, const QList<QPair<qint64, QString>> &idsAndFlags) const;

private:
    const Database &m_db;
};

} // namespace fumibako
