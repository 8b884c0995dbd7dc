// MessageStore: the metadata of stored messages (UID, file, size, flags) in
// the messages table. Files are written by delivery/ and removed by the
// expunge paths; this class only keeps the index.
#pragma once

#include "database.h"
#include "mailboxstore.h"
#include "messageflags.h"

#include <QList>

namespace fumibako
{

struct StoredMessage {
    qint64 id = 0;
    qint64 uid = 0;
    QString path; // relative to the account's Maildir
    qint64 size = 0;
    qint64 internalDate = 0;
    QString flags; // space-separated system and keyword flags
    qint64 modseq = 1;
};

class MessageStore
{
public:
    explicit MessageStore(const Database &db) : m_db(db) {}

    Result<QList<StoredMessage>> list(qint64 mailboxId) const;
    Result<qint64> uidValidity(qint64 mailboxId) const;
    struct Appended {
        qint64 id = 0;
        qint64 uid = 0;
    };
    // Must run inside a transaction: takes the next UID and records the file.
    // `messageId` is the id the message was accepted under (message tracking).
    Result<Appended> append(qint64 mailboxId, const QString &path, qint64 size, qint64 internalDate,
                            const QString &flags = QString(),
                            const QString &messageId = QString()) const;
    // Removes the rows and remembers each UID with the mod-sequence of its removal,
    // for the last kVanishedHistory mod-sequences of its mailbox: a POP3 account
    // that deletes all it downloads would otherwise grow the history forever.
    Result<void> remove(const QList<qint64> &ids) const;
    static constexpr qint64 kVanishedHistory = 100000;

    // STORE inside the write transaction, so concurrent sessions never lose
    // each other's flags. Messages whose flags change get one new mod-sequence
    // (RFC 7162 3.1.3); with `unchangedSince` >= 0 a message whose modseq is
    // higher is left alone and reported as modified.
    struct FlagResult {
        qint64 id = 0;
        QString flags;         // after the operation
        qint64 modseq = 0;     // after the operation
        bool modified = false; // failed the UNCHANGEDSINCE test
    };
    Result<QList<FlagResult>> storeFlags(qint64 mailboxId, const QList<qint64> &ids,
                                         MessageFlags::Op op, const QStringList &given,
                                         qint64 unchangedSince = -1) const;

    // What changed in a mailbox after `modseq`, read in one snapshot: the
    // mailbox row, messages added or with new flags, and the UIDs expunged.
    struct Changes {
        Mailbox mailbox;
        QList<StoredMessage> changed; // ascending UID
        QList<qint64> vanished;       // ascending UID
    };
    Result<Changes> changesSince(qint64 mailboxId, qint64 modseq) const;
    // The whole mailbox and its row, in one snapshot (SELECT).
    Result<Changes> snapshot(qint64 mailboxId) const { return changesSince(mailboxId, 0); }
    // The UIDs expunged after `modseq`, ascending. When that is older than the
    // history kept, every UID given so far that no message has any more: a
    // superset, which RFC 7162 3.2.10 allows (clients ignore UIDs they lack).
    Result<QList<qint64>> vanishedSince(qint64 mailboxId, qint64 modseq) const;
    Result<qint64> unseenCount(qint64 mailboxId) const;
    // Messages with this UID or a higher one (STATUS RECENT counts from the first unclaimed).
    Result<qint64> countFromUid(qint64 mailboxId, qint64 uid) const;

private:
    const Database &m_db;
};

} // namespace fumibako
