#include "quarantine.h"

#include "common/clock.h"
#include "common/durablefile.h"
#include "common/mailaddress.h"
#include "delivery/deliveryjob.h"
#include "delivery/recipientpolicy.h"
#include "mime/headerfields.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/maildir.h"
#include "store/mailstorage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace fumibako
{

namespace
{

constexpr int kSweepBatch = 500;

QString points(double p)
{
    return QString::number(p, 'f', 1);
}

// Who the copy is held for: an account and the recipient as given.
struct HeldFor {
    qint64 accountId = 0;
    QString recipient;
    qsizetype verdict = 0; // which of the holds
};

} // namespace

// ---- QuarantineReason -------------------------------------------------------

Verdict spamQuarantine(double score, const QList<QPair<QString, double>> &rules, double threshold)
{
    QStringList names;
    Verdict v = Verdict::quarantine(
        QStringLiteral("score %1 (required %2)").arg(points(score), points(threshold)));
    v.reasonKind = QStringLiteral("spam");
    v.score = score;
    v.rules = rules;
    for (const auto &[name, points_] : rules)
        names << name + QLatin1Char(' ') + points(points_);
    if (!names.isEmpty())
        v.reason += QStringLiteral(": ") + names.join(QStringLiteral(", "));
    return v;
}

QString rulesJson(const Verdict &verdict)
{
    if (verdict.rules.isEmpty())
        return {};
    QJsonArray a;
    for (const auto &[name, score] : verdict.rules)
        a.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("score"), score}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

// ---- Quarantine -------------------------------------------------------------

Quarantine::Quarantine(const Database &db, const MailStorage &storage, QString root,
                       QString mailRoot, EventLog *log, const Clock *clock)
    : m_db(db), m_storage(storage), m_root(std::move(root)), m_mailRoot(std::move(mailRoot)),
      m_log(log), m_clock(clock)
{
}

Result<void> Quarantine::ensureDirectory(const QString &root)
{
    return makePrivateDirectory(root + QLatin1String("/tmp"));
}

void Quarantine::hold(PipelineMessage message, QList<Verdict> holds, QObject *context,
                      std::function<void(Result<void>)> done)
{
    auto msg = std::make_shared<const PipelineMessage>(std::move(message));
    // Each verdict's recipients, in its order: a recipient's copy is held once,
    // for the first verdict that names it.
    QList<QStringList> recipients;
    for (const Verdict &v : std::as_const(holds))
        recipients << (v.recipients.isEmpty() ? msg->envelope.recipients : v.recipients);
    m_storage.read<QList<HeldFor>>(
        context,
        [recipients](const Database &db) -> Result<QList<HeldFor>> {
            RecipientPolicy policy(db);
            QSet<qint64> seen;
            QList<HeldFor> out;
            for (qsizetype i = 0; i < recipients.size(); ++i)
                for (const QString &rcpt : recipients[i]) {
                    auto address = MailAddress::parse(rcpt);
                    if (!address)
                        continue;
                    const RecipientDecision d = policy.decide(*address, false);
                    if (d.kind == RecipientDecision::Kind::TempFail)
                        return Error::temporary(
                            QStringLiteral("cannot look up %1 for the quarantine").arg(rcpt));
                    if (d.kind != RecipientDecision::Kind::Local || seen.contains(d.account.id))
                        continue;
                    seen.insert(d.account.id);
                    out << HeldFor{d.account.id, rcpt, i};
                }
            return out;
        },
        [this, msg, holds, context, done](Result<QList<HeldFor>> held) {
            if (!held)
                return done(held.error());
            const Envelope &e = msg->envelope;
            if (held->isEmpty()) {
                LogEntry line;
                line.kind = LogEntry::Kind::System;
                line.messageId = e.id;
                line.sender = e.sender;
                line.result = QStringLiteral("dropped");
                line.text = QStringLiteral("id=%1 held (%2) but no local recipient to hold it for")
                                .arg(e.id, holds.first().reason);
                m_log->add(std::move(line));
                return done({});
            }
            const QString headerMessageId = MessagePipeline::headerMessageId(*msg);
            QList<QuarantineHoldJob::Copy> copies;
            for (const HeldFor &h : std::as_const(*held)) {
                const Verdict &verdict = holds[h.verdict];
                QuarantineHoldJob::Copy c;
                QuarantinedMessage &row = c.row;
                row.accountId = h.accountId;
                row.receivedAt =
                    e.arrival.isValid() ? e.arrival.toSecsSinceEpoch() : m_clock->secsSinceEpoch();
                row.sender = e.sender;
                row.recipient = h.recipient;
                row.subject = firstFieldValue(msg->message, "Subject");
                row.headerMessageId = headerMessageId;
                row.reasonKind =
                    verdict.reasonKind.isEmpty() ? QStringLiteral("other") : verdict.reasonKind;
                row.reason = verdict.reason;
                row.score = verdict.score;
                row.rules = rulesJson(verdict);
                row.trackingId = e.id;
                // As a delivery would have stored it (DeliveryJob's envelope
                // fields, RFC 5321 4.4), the scanner's fields after the steps'.
                c.parts = {"Return-Path: <" + e.sender.toUtf8() +
                               ">\r\nDelivered-To: " + h.recipient.toUtf8() + "\r\n",
                           msg->addedFields, verdict.addFields, msg->message};
                copies << c;
            }
            auto job = std::make_shared<QuarantineHoldJob>(m_root, copies);
            m_storage.commit(job, context, [this, job, copies, e, done](Result<void> r) {
                if (r)
                    for (qsizetype i = 0; i < copies.size(); ++i) {
                        LogEntry line;
                        line.kind = LogEntry::Kind::Delivery;
                        line.address = copies[i].row.recipient;
                        line.messageId = e.id;
                        line.headerMessageId = copies[i].row.headerMessageId;
                        line.sender = e.sender;
                        line.result = QStringLiteral("quarantined");
                        line.text = QStringLiteral("id=%1 held in the quarantine as %2 (%3: %4)")
                                        .arg(e.id)
                                        .arg(job->ids().value(i))
                                        .arg(copies[i].row.reasonKind, copies[i].row.reason);
                        m_log->add(std::move(line));
                    }
                done(r);
            });
        });
}

LogEntry Quarantine::auditLine(const QuarantinedMessage &m, const QString &what, const QString &who,
                               const QDateTime &now)
{
    LogEntry e;
    e.time = now;
    e.kind = LogEntry::Kind::System;
    e.address = m.account;
    e.messageId = m.trackingId;
    e.headerMessageId = m.headerMessageId;
    e.sender = m.sender;
    e.result = what;
    e.text = QStringLiteral("quarantine: message %1 (id=%2, for %3, %4: %5) %6 by %7")
                 .arg(m.id)
                 .arg(m.trackingId, m.recipient, m.reasonKind, m.reason, what, who);
    return e;
}

Result<std::shared_ptr<StoreJob>> Quarantine::releaseJob(const Database &db, const QString &root,
                                                         const QString &mailRoot, qint64 id,
                                                         const QString &who, const QDateTime &now)
{
    auto m = QuarantineStore(db).find(id);
    if (!m)
        return m.error();
    auto account = AccountStore(db).findById(m->accountId);
    if (!account)
        return account.error();
    auto inbox = AccountStore(db).inboxId(account->id);
    if (!inbox)
        return inbox.error();
    const auto bytes = readMessageFile(root + QLatin1Char('/') + m->path, m->size);
    if (!bytes)
        return Error::temporary(
            QStringLiteral("cannot read the file of quarantined message %1").arg(id));
    LocalTarget t;
    t.accountId = account->id;
    t.mailboxId = *inbox;
    t.maildir = Maildir(mailRoot, account->maildir).root();
    t.deliveredTo = m->recipient;
    t.quotaBytes = account->quotaBytes;
    t.quotaMessages = account->quotaMessages;
    DeliveryRequest r;
    r.messageId = m->trackingId;
    r.headerMessageId = m->headerMessageId;
    r.sender = m->sender;
    r.message = *bytes; // byte for byte: its envelope fields were written when it was held
    r.envelopeHeaders = false;
    r.local = {t};
    r.internalDate = m->receivedAt;
    QList<std::shared_ptr<StoreJob>> jobs;
    jobs << std::make_shared<DeliveryJob>(std::move(r));
    jobs << std::make_shared<QuarantineRemovalJob>(
        root, QList<qint64>{id},
        QList<LogEntry>{auditLine(*m, QStringLiteral("released"), who, now)});
    return std::shared_ptr<StoreJob>(std::make_shared<CompositeJob>(std::move(jobs)));
}

std::shared_ptr<StoreJob> Quarantine::deleteJob(const QString &root,
                                                const QList<QuarantinedMessage> &messages,
                                                const QString &who, const QString &what,
                                                const QDateTime &now)
{
    QList<qint64> ids;
    QList<LogEntry> audit;
    for (const QuarantinedMessage &m : messages) {
        ids << m.id;
        audit << auditLine(m, what, who, now);
    }
    return std::make_shared<QuarantineRemovalJob>(root, std::move(ids), std::move(audit));
}

void Quarantine::sweep(int days, const QString &who, QObject *context,
                       std::function<void(Result<qint64>)> done)
{
    sweepBatch(days, who, context, 0, std::move(done));
}

void Quarantine::sweepBatch(int days, const QString &who, QObject *context, qint64 removedSoFar,
                            std::function<void(Result<qint64>)> done)
{
    m_storage.read<QList<QuarantinedMessage>>(
        context,
        [now = m_clock->secsSinceEpoch(), days](const Database &db) {
            return QuarantineStore(db).expired(now, days, kSweepBatch);
        },
        [this, days, who, context, removedSoFar, done](Result<QList<QuarantinedMessage>> due) {
            if (!due)
                return done(due.error());
            if (due->isEmpty())
                return done(removedSoFar);
            const qint64 n = due->size();
            m_storage.commit(
                deleteJob(m_root, *due, who, QStringLiteral("expired"), m_clock->now()), context,
                [this, days, who, context, removedSoFar, n, done](Result<void> r) {
                    if (!r)
                        return done(r.error());
                    if (n < kSweepBatch)
                        return done(removedSoFar + n);
                    sweepBatch(days, who, context, removedSoFar + n, done);
                });
        });
}

} // namespace fumibako
