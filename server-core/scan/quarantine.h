// Quarantine: the message pipeline's QuarantineSink (スパムボックス, issue 13).
// A message a step holds (the spam filters: a deny entry, spoofing, the score)
// is kept once per local recipient account as it would have been stored —
// Return-Path, Delivered-To, the fields the steps added, the message — under
// <data>/quarantine/, outside every mailbox and quota, and the 250 waits until
// it is durable. Release (リカバリ) puts those bytes into the account's INBOX
// unchanged (a DKIM signature still verifies) and removes the held copy in the
// same commit; delete and the retention sweep remove it. Every release and
// delete writes an audit line (who, what, when) in that same commit.
#pragma once

#include "delivery/messagepipeline.h"
#include "store/quarantinestore.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace fumibako
{

class Clock;
class EventLog;
class MailStorage;

// The verdict that holds spam: kind "spam", the score and each rule's points
// on the Verdict, and as its reason the line the log shows,
// "score 7.3 (required 5.0): BAYES_99 3.5, ...".
Verdict spamQuarantine(double score, const QList<QPair<QString, double>> &rules, double threshold);
// A verdict's rules as the quarantine keeps them: [{"name": ..., "score": ...}],
// "" when it has none.
QString rulesJson(const Verdict &verdict);

class Quarantine : public QuarantineSink
{
public:
    // `root`: the quarantine directory (directory(dataDir)); `storage` commits
    // and reads (it resolves recipients to accounts on a worker).
    Quarantine(const Database &db, const MailStorage &storage, QString root, QString mailRoot,
               EventLog *log, const Clock *clock);

    static QString directory(const QString &dataDir)
    {
        return dataDir + QLatin1String("/quarantine");
    }
    // Creates the directory and its tmp/ (0700) if missing.
    static Result<void> ensureDirectory(const QString &root);

    // One copy per local recipient account of each verdict's recipients, with
    // its reason and its addFields after the steps' fields, all in one commit;
    // `done` on `context`'s thread once durable. A message with no local
    // recipient has nothing to hold: it is logged and dropped.
    void hold(PipelineMessage message, QList<Verdict> holds, QObject *context,
              std::function<void(Result<void>)> done) override;

    // The retention sweep: removes what was held longer than its account
    // keeps quarantined mail (its own retention, else `days`: received before
    // now - days), in batches; `done` gets how many went, on `context`'s
    // thread. Each removal is audited as by `who`.
    void sweep(int days, const QString &who, QObject *context,
               std::function<void(Result<qint64>)> done);

    // The jobs, also run by QuarantineService without a writer (the CLI).
    // Release: the held bytes into the INBOX of the account (quota checked,
    // as any delivery), the copy removed, an audit line — one commit.
    static Result<std::shared_ptr<StoreJob>> releaseJob(const Database &db, const QString &root,
                                                        const QString &mailRoot, qint64 id,
                                                        const QString &who, const QDateTime &now);
    // Delete (and expiry): the copies removed with their audit lines.
    static std::shared_ptr<StoreJob> deleteJob(const QString &root,
                                               const QList<QuarantinedMessage> &messages,
                                               const QString &who, const QString &what,
                                               const QDateTime &now);
    // "released", "deleted", "expired": the audit line for one held copy.
    static LogEntry auditLine(const QuarantinedMessage &m, const QString &what, const QString &who,
                              const QDateTime &now);

private:
    void sweepBatch(int days, const QString &who, QObject *context, qint64 removedSoFar,
                    std::function<void(Result<qint64>)> done);

    const Database &m_db;
    const MailStorage &m_storage;
    QString m_root;
    QString m_mailRoot;
    EventLog *m_log;
    const Clock *m_clock;
};

} // namespace fumibako
