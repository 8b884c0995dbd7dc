// Delivery: what SMTP calls to decide on recipients and what the message
// pipeline hands an accepted message to. It wraps the recipient policy,
// builds the per-recipient targets, and commits DeliveryJobs through
// MailStorage, answering on the caller's thread once the message is on stable
// storage. It also addresses the delivery reports (DSN) the server sends to
// senders; they pass the pipeline's steps for Internal mail like any message.
#pragma once

#include "deliveryjob.h"
#include "recipientexpansion.h"
#include "recipientpolicy.h"
#include "store/mailboxevents.h"

#include <QMutex>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace fumibako
{

class Clock;
class Database;
class MailStorage;
class EventLog;
class MessagePipeline;

class Delivery
{
public:
    // `hostname` names this server in the reports it writes (Reporting-MTA).
    Delivery(const Database &db, const MailStorage &storage, EventLog *log, QString queueDir,
             QString hostname, const Clock *clock = nullptr);
    ~Delivery();

    // The policy's lookups read the store on a worker; `done` runs on
    // `context`'s thread, and not if it is gone.
    //
    // What becomes of one RCPT: RecipientPolicy::decide, for `rcpt` or, when
    // `postmaster` (RFC 5321 4.5.1's bare <postmaster>), for the primary
    // domain's postmaster; `address` is then the one decided on, nullopt if
    // there is no domain to take it. Local decisions (a group's members too)
    // come with the account's forwarding and auto-reply rules.
    struct RecipientLookup {
        std::optional<MailAddress> address;
        RecipientDecision decision;
    };
    void decide(const MailAddress &rcpt, bool postmaster, bool mayRelay, QObject *context,
                std::function<void(RecipientLookup)> done) const;
    // RecipientPolicy::checkSender: whether `authUser` may send as `from`.
    void checkSender(const QString &authUser, const std::optional<MailAddress> &from,
                     QObject *context, std::function<void(Result<void>)> done) const;
    LocalTarget targetFor(const RecipientDecision &decision, const QString &deliveredTo) const;
    // decide() on the calling thread, rules included (the outbound queue's
    // local transport).
    RecipientDecision decideNow(const MailAddress &rcpt, bool mayRelay) const;

    // What became of an accepted message: the local recipients whose mailbox
    // could not take it (full, or a forwarding loop) while others could. They
    // are left out of the delivery, and the sender gets a failure report for
    // them, committed with it.
    struct Outcome {
        QStringList refused;
        QList<qint64> uids; // given to the local copies, in target order
    };
    // Stores `request` as it is: messages from clients come through the
    // pipeline() first. The recipients' rules are applied first
    // (RecipientExpansion: forwards, auto-replies, loops), reports that came
    // back to our SRS addresses are rewritten for the original sender, and
    // all of it is committed with the message. The reports it owes
    // (delivered, mailbox full, loop) pass the steps for Internal mail; a step
    // that defers one defers the message (Temporary). `done` runs on
    // `context`'s thread (and not if it is gone). Fails with OverQuota /
    // TooBig when no recipient can take it, Limit when every copy loops.
    void deliver(DeliveryRequest request, QObject *context,
                 std::function<void(Result<Outcome>)> done);
    // Any durable job, same threading rule: MailStorage::commit.
    void commit(std::shared_ptr<StoreJob> job, QObject *context,
                std::function<void(Result<void>)> done);

    // An RFC 3464 report to `in.originalSender`, from MAILER-DAEMON@ the
    // primary domain with the null sender (RFC 3461 6.2), ready to deliver;
    // nullopt when that sender is no longer anyone to tell. The caller fills
    // in the kind, recipients, ENVID, arrival date and original.
    std::optional<DeliveryRequest> reportRequest(struct BounceInput in) const;
    // Any other message the server writes to `to` (a virus notice, the Spam
    // Summary, ...), addressed like a report: the null sender, `to`'s mailbox
    // or the outbound queue; nullopt when `to` is no longer anyone to tell.
    std::optional<DeliveryRequest> noticeRequest(const MailAddress &to, QByteArray message) const;
    // The domain such notices come from (MAILER-DAEMON@it): the primary one.
    QString noticeDomain() const { return primaryDomain(m_db); }

    // The steps every message received passes before deliver().
    MessagePipeline &pipeline() { return *m_pipeline; }

    // Called (on the delivering context's thread) after a message for other
    // domains has been queued: the outbound queue's wake-up. Set before start.
    void setOutboundNotifier(std::function<void()> notify) { m_outbound = std::move(notify); }

    // Forwards to our own mailboxes per account and minute (forward.local_per_minute).
    void setForwardRate(int perMinute) { m_forwardRate.setRate(perMinute); }

    // The archive: kept from start() on, told to `archived` (the indexer's
    // wake-up, on the delivering context's thread) after each commit. Set
    // before start; without it nothing is archived.
    void setArchive(std::function<void()> archived) { m_archived = std::move(archived); }
    // Whether mail sent from accounts is kept (archive.sent, a live setting).
    void setArchiveSent(bool keep) { m_archiveSent.store(keep, std::memory_order_relaxed); }
    bool keepsSentMail() const
    {
        return m_archived && m_archiveSent.load(std::memory_order_relaxed);
    }

    EventLog *log() const { return m_log; }
    const Database &database() const { return m_db; }
    const QString &queueDir() const { return m_queueDir; }
    const QString &hostname() const { return m_hostname; }
    // The SRS key (RecipientPolicy::srsKey), read once.
    Result<QByteArray> srsKey() const;
    // The address our SRS address `address` stands for (through SRS1 too);
    // any other address as it is.
    MailAddress withoutSrs(MailAddress address) const;

private:
    static QString primaryDomain(const Database &db);
    std::optional<DeliveryRequest> deliveredReport(const DeliveryRequest &request) const;
    // Takes the local targets whose mailbox is full out of `request` (unless
    // that would leave no destination), and returns the report for them.
    Result<std::optional<DeliveryRequest>> refuseFullMailboxes(DeliveryRequest &request,
                                                               QStringList *refused) const;

    // Local targets for `d` (one, or a group's), with their accounts' rules.
    static Result<void> loadRules(const Database &db, RecipientDecision &d);
    // The failure report for copies that loop, or nullopt (null sender, a report).
    std::optional<DeliveryRequest> loopReport(const DeliveryRequest &request,
                                              const QList<LocalTarget> &loops) const;

    const Database &m_db;
    const MailStorage &m_storage;
    EventLog *m_log;
    QString m_queueDir;
    QString m_hostname;
    const Clock *m_clock;
    ForwardRateLimit m_forwardRate;
    mutable QMutex m_srsLock;
    mutable QByteArray m_srsKey;
    std::function<void()> m_outbound;
    std::atomic<bool> m_archiveSent = false;
    std::function<void()> m_archived;
    std::unique_ptr<MessagePipeline> m_pipeline;
};

} // namespace fumibako
