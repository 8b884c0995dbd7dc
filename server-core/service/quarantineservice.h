// QuarantineService: the quarantine (スパムボックス) as the console's 迷惑メール
// page and `fumibakoctl quarantine` see it — every held message of every
// account, or one account's, with why it was held; the held bytes for a
// preview; release into INBOX (byte for byte) and delete, each audited with
// who did it. Works on the data dir whether or not the server runs: the jobs
// are Quarantine's own, committed here at once (runStoreJobNow).
#pragma once

#include "common/result.h"
#include "mime/messagepreview.h"
#include "service/datadir.h"
#include "store/quarantinestore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

class Clock;
class Database;

struct QuarantineEntry {
    QuarantinedMessage message;
    QString subject; // decoded (RFC 2047, ISO-2022-JP included)
    QDateTime received;
};

// What the scanners caught since a moment, for the dashboard.
struct ProtectionCounts {
    qint64 viruses = 0;  // messages with a virus: stripped, or refused at end of DATA
    qint64 held = 0;     // copies put in the quarantine (one per account)
    qint64 unscored = 0; // accepted without a spam score (spamd down or hung)
};

class QuarantineService
{
public:
    QuarantineService(const Database &db, DataDir dir, const Clock *clock);

    // Newest first; `address` empty: every account. NotFound for an unknown account.
    Result<QList<QuarantineEntry>> list(const QString &address = {}) const;
    // The held file as it would have been stored.
    Result<QByteArray> raw(qint64 id) const;
    // Into the account's INBOX, unchanged; gone from the quarantine. `who` is audited.
    Result<void> release(qint64 id, const QString &who) const;
    Result<void> remove(qint64 id, const QString &who) const;
    // The held message for a safe look (messagePreview): decoded headers and
    // text, attachments by name and size. NotFound when it is gone.
    Result<MessagePreview> preview(qint64 id) const;
    // Viruses, held copies and unscored messages since `since` (the
    // dashboard's "today"), from the log.
    Result<ProtectionCounts> countsSince(const QDateTime &since) const;

    // The Spam Summaries due now (`fumibakoctl quarantine summary --now`):
    // every account with held mail no summary has listed gets one, committed
    // here with the marks of what it lists. Returns the accounts it went to.
    // Not through the pipeline's steps, which only a running server has.
    Result<QStringList> sendSummaries() const;

    // How long an account's quarantine keeps mail, in days, which its release
    // links expire with: the account's own retention, else scan.quarantine_days.
    static int retentionDays(const Database &db, const class Settings &settings, qint64 accountId);

private:
    const Database &m_db;
    DataDir m_dir;
    const Clock *m_clock;
    QString m_root;
};

} // namespace fumibako
