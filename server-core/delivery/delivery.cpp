#include "delivery.h"

#include "common/threadanchor.h"
#include "queue/bouncemessage.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/maildir.h"
#include "store/storewriter.h"

#include <QDateTime>
#include <QPointer>

namespace fumibako {

Delivery::Delivery(const Database &db, StoreWriter *writer, EventLog *log, QString mailRoot, QString queueDir,
                   QString hostname)
    : m_db(db), m_writer(writer), m_log(log), m_mailRoot(std::move(mailRoot)), m_queueDir(std::move(queueDir)),
      m_hostname(std::move(hostname))
{
}

RecipientDecision Delivery::decide(const MailAddress &rcpt, bool mayRelay) const
{
    return RecipientPolicy(m_db).decide(rcpt, mayRelay);
}

LocalTarget Delivery::targetFor(const RecipientDecision &d, const QString &deliveredTo) const
{
    LocalTarget t;
    t.accountId = d.account.id;
    t.mailboxId = d.mailboxId;
    t.maildir = Maildir(m_mailRoot, d.account.maildir).root();
    t.deliveredTo = deliveredTo;
    t.quotaBytes = d.account.quotaBytes;
    t.quotaMessages = d.account.quotaMessages;
    return t;
}

QString Delivery::primaryDomain() const
{
    auto d = AccountStore(m_db).domains();
    return d && !d->isEmpty() ? d->first() : QString();
}

std::optional<DeliveryRequest> Delivery::reportRequest(BounceInput in) const
{
    auto to = MailAddress::parse(in.originalSender);
    if (!to)
        return std::nullopt;
    in.reportingMta = m_hostname;
    in.postmasterDomain = primaryDomain();
    in.messageIdDomain = m_hostname;
    in.now = QDateTime::currentDateTime();
    DeliveryRequest req;
    req.sender.clear();  // reports go out with the null sender (RFC 3461 6.2)
    req.message = BounceMessage::build(in);
    req.queueDir = m_queueDir;
    const RecipientDecision d = decide(*to, true);
    if (d.kind == RecipientDecision::Kind::Local)
        req.local << targetFor(d, to->toString());
    else if (d.kind == RecipientDecision::Kind::Remote)
        req.remote << DsnRecipient{to->toString(), "NEVER", QString()};
    else
        return std::nullopt;  // the sender's own mailbox is gone: nobody to tell
    return req;
}

// RFC 3461 6.2: local recipients that asked for SUCCESS get a "delivered"
// report, committed in the same transaction as the message, so a crash can
// neither lose the report nor send it for mail that was not stored.
std::optional<DeliveryRequest> Delivery::deliveredReport(const DeliveryRequest &request) const
{
    if (request.reportDelivered.isEmpty() || request.sender.isEmpty())
        return std::nullopt;
    // Success reports carry the header alone (RFC 3461 4.3), so the body is left out here.
    const qsizetype end = request.message.indexOf("\r\n\r\n");
    const QByteArray original =
        request.traceHeaders + (end < 0 ? request.message : request.message.left(end + 4));
    if (BounceMessage::isBounce(original))
        return std::nullopt;  // never a report about a report (RFC 3461 6.1, RFC 3834)
    BounceInput in;
    in.kind = BounceInput::Kind::Success;
    in.originalSender = request.sender;
    in.envid = request.envid;
    in.arrivalDate = QDateTime::currentDateTime();
    in.original = original;
    for (const DsnRecipient &r : request.reportDelivered) {
        BounceRecipient line;
        line.address = r.address;
        line.originalRecipient = r.orcpt;
        line.action = BounceRecipient::Action::Delivered;
        line.status = "2.0.0";
        line.lastAttempt = in.arrivalDate;
        in.recipients << line;
    }
    return reportRequest(std::move(in));
}

void Delivery::deliver(DeliveryRequest request, QObject *context, std::function<void(Result<void>)> done)
{
    request.queueDir = m_queueDir;
    std::optional<DeliveryRequest> report = deliveredReport(request);
    if ((!request.remote.isEmpty() || (report && !report->remote.isEmpty())) && m_outbound)
        done = [done = std::move(done), notify = m_outbound](Result<void> r) {
            if (r)
                notify();
            done(r);
        };
    std::shared_ptr<StoreJob> job = std::make_shared<DeliveryJob>(std::move(request));
    if (report)
        job = std::make_shared<CompositeJob>(QList<std::shared_ptr<StoreJob>>{job, std::make_shared<DeliveryJob>(std::move(*report))});
    commit(std::move(job), context, std::move(done));
}

void Delivery::commit(std::shared_ptr<StoreJob> job, QObject *context, std::function<void(Result<void>)> done)
{
    QPointer<QObject> guard(context);
    QObject *anchor = threadAnchor(context);
    m_writer->submit(std::move(job), [guard, anchor, done = std::move(done)](Result<void> r) {
        // Checked on the context's own thread, where it cannot be deleted meanwhile.
        QMetaObject::invokeMethod(
            anchor, [guard, done, r]() { if (guard) done(r); }, Qt::QueuedConnection);
    });
}

MailboxEvents *Delivery::events() { return m_writer->events(); }

} // namespace fumibako
