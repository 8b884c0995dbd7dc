// Delivery: what SMTP calls to decide on recipients and what the message
// pipeline hands an accepted message to. It wraps the recipient policy,
// builds the per-recipient targets, and commits DeliveryJobs through
// MailStorage, answering on the caller's thread once the message is on stable
// storage. It also addresses the delivery reports (DSN) the server sends to
// senders; they pass the pipeline's steps for Internal mail like any message.
#pragma once

#include "deliveryjob.h"
#include "recipientpolicy.h"
#include "store/mailboxevents.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace fumibako
{

class Database;
class MailStorage;
class EventLog;
class MessagePipeline;

class Delivery
{
public:
    // `hostname` names this server in the reports it writes (Reporting-MTA).
    Delivery(const Database &db, const MailStorage &storage, EventLog *log, QString queueDir,
             QString hostname);
    ~Delivery();

    // The policy's lookups read the store on a worker; `done` runs on
    // `context`'s thread, and not if it is gone.
    //
    // What becomes of one RCPT: RecipientPolicy::decide, for `rcpt` or, when
    // `postmaster` (RFC 5321 4.5.1's bare <postmaster>), for the primary
    // domain's postmaster; `address` is then the one decided on, nullopt if
    // there is no domain to take it.
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

    // What became of an accepted message: the local recipients whose mailbox
    // could not take it while others could. They are left out of the
    // delivery, and the sender gets a failure report for them, committed with it.
    struct Outcome {
        QStringList refused;
        QList<qint64> uids; // given to the local copies, in target order
    };
    // Stores `request` as it is: messages from clients come through the
    // pipeline() first. The reports it owes (delivered, mailbox full) pass the
    // steps for Internal mail and are committed with it; a step that defers
    // one defers the message (Temporary). `done` runs on `context`'s thread
    // (and not if it is gone). Fails with OverQuota / TooBig when no recipient
    // can take it.
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

    EventLog *log() const { return m_log; }
    const Database &database() const { return m_db; }
    const QString &queueDir() const { return m_queueDir; }

private:
    static QString primaryDomain(const Database &db);
    std::optional<DeliveryRequest> deliveredReport(const DeliveryRequest &request) const;
    // Takes the local targets whose mailbox is full out of `request` (unless
    // that would leave no destination), and returns the report for them.
    Result<std::optional<DeliveryRequest>> refuseFullMailboxes(DeliveryRequest &request,
                                                               QStringList *refused) const;

    const Database &m_db;
    const MailStorage &m_storage;
    EventLog *m_log;
    QString m_queueDir;
    QString m_hostname;
    std::function<void()> m_outbound;
    std::unique_ptr<MessagePipeline> m_pipeline;
};

} // namespace fumibako
