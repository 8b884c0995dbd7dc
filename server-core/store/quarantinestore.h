// QuarantineStore: the quarantine (スパムボックス) in the database — one row
// per held copy, naming its account, why it was held (spam score and rules,
// the filter entry, ...) and its file under <data>/quarantine/. Held mail is
// outside every mailbox, so it never counts against a quota (the FAQ: 迷惑
// メールボックス内のメール容量は利用容量に含まれません). The jobs write a held
// copy (file + row) and take copies out (row + file) durably through the
// StoreWriter, or at once with runStoreJobNow() where no writer runs (the CLI).
#pragma once

#include "logstore.h"
#include "storewriter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace fumibako
{

struct QuarantinedMessage {
    qint64 id = 0;
    qint64 accountId = 0;
    QString account;       // the account's address (read from accounts; not stored)
    qint64 receivedAt = 0; // seconds since the epoch
    QString sender;        // envelope sender; "" for <>
    QString recipient;     // as given in RCPT TO
    QByteArray subject;    // the Subject field's value as it came (RFC 2047 words undecoded)
    QString headerMessageId;
    qint64 size = 0;    // bytes of the held file
    QString reasonKind; // "spam", "filter", "virus", "spoofing", ...
    QString reason;     // for people: "score 1000.0 (required 5.0): GTUBE 1000.0"
    std::optional<double> score;
    QString rules;      // JSON array of {"name", "score"} (spam), or "" (filters)
    QString trackingId; // the message's id at acceptance (Envelope::id, message tracking)
    QString path;       // the file, relative to the quarantine directory
};

class QuarantineStore
{
public:
    explicit QuarantineStore(const Database &db) : m_db(db) {}

    Result<qint64> add(const QuarantinedMessage &message) const;
    // NotFound when no such row.
    Result<QuarantinedMessage> find(qint64 id) const;
    // Newest first; accountId 0: every account.
    Result<QList<QuarantinedMessage>> list(qint64 accountId = 0) const;
    // Held for as long as its account keeps quarantined mail or longer, as of
    // `now` (seconds since the epoch): the account's own retention
    // (filter_options.quarantine_days), else `defaultDays`. Oldest first.
    Result<QList<QuarantinedMessage>> expired(qint64 now, int defaultDays, int limit) const;
    // How many days the account's quarantined mail is kept.
    Result<int> retentionDays(qint64 accountId, int defaultDays) const;
    // NotFound when no such row (released or deleted meanwhile).
    Result<void> remove(qint64 id) const;
    // Held bytes per account, for the console's figures.
    Result<qint64> heldBytes(qint64 accountId) const;
    // The Spam Summary's bookkeeping: the copies no summary has listed yet,
    // by account, oldest first; and marking copies listed (in the summary's
    // own commit). Exists when one already is — another summary took it —
    // and NotFound when one is gone, so the commit fails and sends nothing twice.
    Result<QList<QuarantinedMessage>> unsummarized() const;
    Result<void> markSummarized(const QList<qint64> &ids, qint64 at) const;

private:
    const Database &m_db;
};

// Writes held copies: each file synced into <root>/tmp/, then in the
// transaction the row, a pending_renames row and the rename into <root>/,
// and the directory synced before the reply — the same rules as a mailbox.
class QuarantineHoldJob : public StoreJob
{
public:
    struct Copy {
        QuarantinedMessage row;  // everything but id, size and path
        QList<QByteArray> parts; // the file's bytes, in order
    };
    QuarantineHoldJob(QString root, QList<Copy> copies)
        : m_root(std::move(root)), m_copies(std::move(copies))
    {
    }
    Result<void> prepare() override;
    bool hasPreparation() const override { return true; }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;
    void rollback() override;
    QList<qint64> pendingRenameRows() const override { return m_pendingRows; }

    const QList<qint64> &ids() const { return m_ids; } // after record()

private:
    struct Written {
        QString tmpPath, finalPath, name;
        qint64 size = 0;
        bool renamed = false;
    };
    QString m_root;
    QList<Copy> m_copies;
    QList<Written> m_written;
    QList<qint64> m_ids;
    QList<qint64> m_pendingRows;
};

// Takes held copies out: the rows in the transaction (NotFound when one is
// already gone, so a copy is never released twice), with the audit lines
// given; the files unlinked after COMMIT and their directory synced.
class QuarantineRemovalJob : public StoreJob
{
public:
    QuarantineRemovalJob(QString root, QList<qint64> ids, QList<LogEntry> audit = {})
        : m_root(std::move(root)), m_ids(std::move(ids)), m_audit(std::move(audit))
    {
    }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;

private:
    QString m_root;
    QList<qint64> m_ids;
    QList<LogEntry> m_audit;
    QStringList m_files;
};

// Runs `job` here and now, as the StoreWriter would (prepare, one
// transaction, commit, the directories synced, pending renames forgotten):
// for fumibakoctl and other callers without a writer. SQLite commits with
// synchronous=FULL, so the rows are durable when the transaction returns.
Result<void> runStoreJobNow(const Database &db, StoreJob &job);

} // namespace fumibako
