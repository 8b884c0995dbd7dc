// RecipientExpansion: what the local recipients' own rules make of a message
// once every step has accepted it — Postfix's local(8) stage. A copy whose
// mailbox a Delivered-To: field names already is a forwarding loop and goes
// back to the sender; an account's forwarding rule sends a copy on through the
// outbound queue (local destinations too, so they expand in turn and are
// rate-limited per account) with an SRS envelope sender, and may drop the
// account's own copy; its auto-reply answers the sender, once per period.
// Everything made here is committed with the message, in one transaction.
#pragma once

#include "deliveryjob.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace fumibako
{

class Clock;
class Delivery;
struct ForwardRule;

// How often an account's forwards to our own mailboxes may go: the FAQ's
// 「転送までの時間を制限」, so two accounts forwarding to each other can never
// make a storm even before the loop check stops them. A burst of `perMinute`,
// then one every 60 / perMinute seconds (a generic cell rate).
class ForwardRateLimit
{
public:
    explicit ForwardRateLimit(int perMinute = 30) { setRate(perMinute); }
    void setRate(int perMinute);
    // The time (seconds since the epoch) the next local forward of `accountId`
    // may go: `now` while under the rate, later past it. Any thread.
    qint64 slot(qint64 accountId, qint64 now);

private:
    QMutex m_lock;
    qint64 m_intervalMs = 2000;
    QHash<qint64, qint64> m_theoretical; // account → theoretical arrival time (ms)
};

struct Expansion {
    QList<DeliveryRequest> forwards; // copies sent on, each ready for a DeliveryJob
    struct Reply {
        qint64 accountId = 0;
        QString account; // its address, for the log
        QString sender;  // answered once per `days`: ForwardingStore::claimAutoReply
        int days = 7;
        qint64 at = 0; // when it was decided (the server's clock), for the period
        DeliveryRequest request;
    };
    QList<Reply> replies;
    QList<LocalTarget> loops; // copies refused: a Delivered-To names them already
    QStringList notes;        // what was done and why not, one log line each
};

class RecipientExpansion
{
public:
    RecipientExpansion(const Delivery &delivery, const Clock *clock, ForwardRateLimit *rate)
        : m_delivery(delivery), m_clock(clock), m_rate(rate)
    {
    }

    // Applies the rules of `request`'s local targets: takes the looping copies
    // and those not kept out of it and returns what goes with it. Mail stored
    // without envelope (IMAP APPEND, COPY) is left alone.
    Expansion expand(DeliveryRequest &request) const;

    // The local parts whose mail is never forwarded (FAQ: ループを防止するため).
    static bool isSystemSender(const QString &address);

private:
    // Builds the forwarded copies; whether the account's own copy is kept.
    bool forward(const DeliveryRequest &request, const LocalTarget &t, const ForwardRule &rule,
                 const QString &from, const QString &subject, bool spam, Expansion *out) const;
    void autoReply(const DeliveryRequest &request, const LocalTarget &t, const QByteArray &header,
                   bool spam, const QDateTime &now, Expansion *out) const;

    const Delivery &m_delivery;
    const Clock *m_clock;
    ForwardRateLimit *m_rate;
};

// An auto-reply, written only if its sender has had none from the account
// within the period: checked and noted inside the transaction, so two
// messages committed together answer once, and a crash forgets nothing.
class AutoReplyJob : public StoreJob
{
public:
    explicit AutoReplyJob(Expansion::Reply reply)
        : m_accountId(reply.accountId), m_account(std::move(reply.account)),
          m_sender(std::move(reply.sender)), m_days(reply.days), m_at(reply.at),
          m_messageId(reply.request.messageId), m_job(std::move(reply.request))
    {
    }
    // After the commit: what became of it, for the log.
    QString note() const;
    Result<void> prepare() override { return m_job.prepare(); }
    bool hasPreparation() const override { return true; }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;
    void rollback() override { m_job.rollback(); }
    QList<qint64> pendingRenameRows() const override
    {
        return m_skipped ? QList<qint64>() : m_job.pendingRenameRows();
    }

private:
    qint64 m_accountId;
    QString m_account;
    QString m_sender;
    int m_days;
    qint64 m_at;
    QString m_messageId;
    DeliveryJob m_job;
    bool m_skipped = false;
};

} // namespace fumibako
