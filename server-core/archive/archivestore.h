// ArchiveStore: the mail archive (送信メール保管 and メールアーカイブ in one) —
// every message sent from an account, and received mail of the domains that
// keep it, apart from any mailbox: what a user does to a mailbox never
// changes it; only retention deletes. The message bytes are stored once per
// content (SHA-256 named, zlib-compressed files under <data>/archive/), each
// delivery of them is an entry with its envelope (sender, every recipient,
// time, direction, the accounts it belongs to). ArchiveJob writes both with
// the delivery's own commit, so the 250 means archived too: the compressed
// bytes go into a journal table, made durable by the same WAL fsync as the
// delivery (no file fsync of its own on the reply's path), and are moved to
// their file afterwards (flushJournal). The search index
// (FTS5, tokens from archivetext) is filled after the commit, off the
// delivery's path, and every search first indexes what is still waiting, so a
// result never misses a message that was archived before it was asked.
#pragma once

#include "store/storewriter.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fumibako
{

enum class ArchiveDirection { Sent, Received };
QString directionName(ArchiveDirection d); // "sent" / "received"

// What a delivery asks to be archived (DeliveryRequest::archive).
struct ArchiveRecord {
    ArchiveDirection direction = ArchiveDirection::Sent;
    QString sender;         // envelope sender; "" for <>
    QStringList recipients; // every RCPT, as given
    // The accounts the entry belongs to: the sending account (sent), the local
    // recipients' accounts (received). Addresses are kept, so an entry outlives
    // its account (the FAQ: a deleted account's mail stays to the end of its period).
    QStringList accounts;
    qint64 receivedAt = 0; // seconds since the epoch; never before the last entry's
    QString trackingId;    // Envelope::id
    QString headerMessageId;
};

struct ArchiveEntry {
    qint64 id = 0;
    qint64 receivedAt = 0; // seconds since the epoch
    ArchiveDirection direction = ArchiveDirection::Sent;
    QString sender;
    QStringList recipients;
    QStringList accounts;
    QString from, to, subject; // decoded header text ("" until indexed)
    qint64 size = 0;           // bytes of the message as sent
    bool hasAttachments = false;
    QString headerMessageId;
    QString trackingId;
};

struct ArchiveQuery {
    QString text;     // archivetext::parseQuery: words ANDed, "phrases"
    qint64 since = 0; // seconds since the epoch, inclusive; 0: no bound
    qint64 until = 0; // exclusive; 0: no bound
    std::optional<ArchiveDirection> direction;
    QString from;         // matched in the From field and the envelope sender
    QString to;           // matched in To, Cc and the envelope recipients
    QStringList accounts; // only entries of these accounts; empty: any
    std::optional<bool> hasAttachments;
    qint64 before = 0; // paging: entries with id < before; 0: from the newest
    int limit = 50;    // at most 1000
};

// Who is asking: the administrator (console, fumibakoctl) or a search user
// (検索ユーザー), perhaps limited to some accounts.
struct ArchiveSearcher {
    QString name = QStringLiteral("admin"); // for the audit line
    QStringList accounts;                   // empty: every account
    static ArchiveSearcher admin(const QString &who = QStringLiteral("admin"));
};

// Newest first; `more` when another page follows (ask again with
// before = entries.last().id).
struct ArchivePage {
    QList<ArchiveEntry> entries;
    bool more = false;
};

struct ArchiveUsage {
    qint64 entries = 0;            // deliveries archived
    qint64 messages = 0;           // distinct contents stored
    qint64 storedBytes = 0;        // the compressed files
    qint64 indexBytes = 0;         // the entries' rows and the search index, estimated
    qint64 capBytes = 0;           // archive.capacity_mb
    qint64 pending = 0;            // entries not yet in the search index
    qint64 oldest = 0, newest = 0; // seconds since the epoch; 0 when empty
    qint64 usedBytes() const { return storedBytes + indexBytes; }
};

class ArchiveStore
{
public:
    // `root` is <data>/archive.
    ArchiveStore(const Database &db, QString root);

    // Indexes waiting entries first (indexPending), then searches.
    Result<ArchivePage> search(const ArchiveQuery &query) const;
    Result<ArchiveEntry> find(qint64 id) const; // NotFound when there is none
    // The message exactly as it was sent (or received): the bytes handed to
    // the archive, decompressed and checked against their SHA-256.
    Result<QByteArray> raw(qint64 id) const;
    Result<ArchiveUsage> usage() const;

    // Parses, tokenizes and indexes up to `max` waiting entries, oldest
    // first; returns how many. Safe to run from several processes at once:
    // an entry is indexed by whoever takes it first.
    Result<int> indexPending(int max = 100000) const;

    // One entry's text as the index takes it: readPending() parses waiting
    // entries (the slow part, no transaction), writeIndex() adds them.
    struct IndexItem {
        qint64 id = 0;
        QString subject, from, to, body; // decoded; from/to include the envelope
        bool attachments = false;
        QString meta; // the filters' tokens: direction, accounts, attachments
    };
    Result<QList<IndexItem>> readPending(int max) const;
    // In the caller's transaction (or its own); an entry someone indexed
    // meanwhile is skipped. Returns how many it added.
    static Result<int> writeIndex(const Database &db, const QList<IndexItem> &items);

    // Moves contents from the journal (where a delivery's commit put them) to
    // their files: writeJournalFiles() writes and syncs up to `max` files and
    // their directories and returns the contents written; forgetJournal()
    // then deletes their journal rows. flushJournal() does both.
    Result<QList<qint64>> writeJournalFiles(int max) const;
    static Result<void> forgetJournal(const Database &db, const QList<qint64> &contentIds);
    Result<int> flushJournal(int max = 1000) const;

    // The token an account is known by in the index's meta column.
    static QString accountToken(const QString &address);

    // Retention as of `now`: entries older than their direction's days go,
    // then the oldest until the archive fits `capBytes`; a content goes with
    // its last entry. Returns the entries deleted.
    Result<int> expire(qint64 now, int sentDays, int receivedDays, qint64 capBytes) const;

    const QString &root() const { return m_root; }

private:
    const Database &m_db;
    QString m_root;
};

// Archives one delivery, committed with it (a CompositeJob beside the
// DeliveryJob): compressed and hashed in prepare(), off the writer; in
// record() the content row and its journal row once per content — a second
// entry of the same bytes only adds its entry row.
class ArchiveJob : public StoreJob
{
public:
    ArchiveJob(ArchiveRecord record, QByteArray message);
    Result<void> prepare() override;
    bool hasPreparation() const override { return true; }
    Result<void> record(const Database &db) override;

    qint64 entryId() const { return m_entryId; } // after record()

private:
    ArchiveRecord m_record;
    QByteArray m_message;
    QByteArray m_sha256; // hex
    QByteArray m_compressed;
    qint64 m_entryId = 0;
};

} // namespace fumibako
