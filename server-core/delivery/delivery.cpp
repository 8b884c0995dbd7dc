#include "delivery.h"

#include "cleanupsteps.h"
#include "messagepipeline.h"

#include "bouncemessage.h"
#include "common/clock.h"
#include "mime/headerfields.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/mailstorage.h"

#include <QDateTime>

namespace fumibako
{

Delivery::Delivery(const Database &db, const MailStorage &storage, EventLog *log, QString queueDir,
                   QString hostname)
    : m_db(db), m_storage(storage), m_log(log), m_queueDir(std::move(queueDir)),
      m_hostname(std::move(hostname)),
      m_pipeline(std::make_unique<MessagePipeline>(this, Clock::system()))
{
    m_pipeline->append(std::make_unique<LineEndCheck>());
    m_pipeline->append(std::make_unique<TraceFieldStep>(m_hostname));
    m_pipeline->append(std::make_unique<MissingFieldsStep>(m_hostname));
    m_pipeline->append(std::make_unique<HopLimitStep>());
}

Delivery::~Delivery() = default;

void Delivery::decide(const MailAddress &rcpt, bool postmaster, bool mayRelay, QObject *context,
                      std::function<void(RecipientLookup)> done) const
{
    m_storage.read<RecipientLookup>(
        context,
        [rcpt, postmaster, mayRelay](const Database &db) -> Result<RecipientLookup> {
            RecipientLookup lookup{rcpt, {}};
            if (postmaster)
                lookup.address =
                    MailAddress::parse(QStringLiteral("postmaster@") + primaryDomain(db));
            if (lookup.address)
                lookup.decision = RecipientPolicy(db).decide(*lookup.address, mayRelay);
            return lookup;
        },
        [done = std::move(done)](Result<RecipientLookup> r) {
            if (r)
                return done(*r);
            RecipientLookup failed;
            failed.decision.kind = RecipientDecision::Kind::TempFail;
            done(failed);
        });
}

void Delivery::checkSender(const QString &authUser, const std::optional<MailAddress> &from,
                           QObject *context, std::function<void(Result<void>)> done) const
{
    m_storage.read<bool>(
        context,
        [authUser, from](const Database &db) -> Result<bool> {
            if (auto r = RecipientPolicy(db).checkSender(authUser, from); !r)
                return r.error();
            return true;
        },
        [done = std::move(done)](Result<bool> r) {
            done(r ? Result<void>() : Result<void>(r.error()));
        });
}

LocalTarget Delivery::targetFor(const RecipientDecision &d, const QString &deliveredTo) const
{
    LocalTarget t;
    t.accountId = d.account.id;
    t.mailboxId = d.mailboxId;
    t.maildir = m_storage.maildirRoot(d.account.maildir);
    t.deliveredTo = deliveredTo;
    t.quotaBytes = d.account.quotaBytes;
    t.quotaMessages = d.account.quotaMessages;
    return t;
}

QString Delivery::primaryDomain(const Database &db)
{
    auto d = AccountStore(db).domains();
    return d && !d->isEmpty() ? d->first() : QString();
}

std::optional<DeliveryRequest> Delivery::reportRequest(BounceInput in) const
{
    auto to = MailAddress::parse(in.originalSender);
    if (!to)
        return std::nullopt;
    in.reportingMta = m_hostname;
    in.postmasterDomain = primaryDomain(m_db);
    in.messageIdDomain = m_hostname;
    in.now = QDateTime::currentDateTime();
    return noticeRequest(*to, BounceMessage::build(in));
}

std::optional<DeliveryRequest> Delivery::noticeRequest(const MailAddress &to,
                                                       QByteArray message) const
{
    DeliveryRequest req;
    req.messageId = Envelope::newId(); // a message of its own, tracked as such
    req.sender.clear(); // the null sender: nobody answers a notice (RFC 3461 6.2, RFC 3834)
    req.message = std::move(message);
    req.queueDir = m_queueDir;
    const RecipientDecision d = RecipientPolicy(m_db).decide(to, true);
    if (d.kind == RecipientDecision::Kind::Local)
        req.local << targetFor(d, to.toString());
    else if (d.kind == RecipientDecision::Kind::Remote)
        req.remote << DsnRecipient{to.toString(), "NEVER", QString()};
    else
        return std::nullopt; // the mailbox is gone: nobody to tell
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
        return std::nullopt; // never a report about a report (RFC 3461 6.1, RFC 3834)
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

Result<std::optional<DeliveryRequest>> Delivery::refuseFullMailboxes(DeliveryRequest &request,
                                                                     QStringList *refused) const
{
    // With one destination there is nobody else to deliver to: the job's own
    // check in the writer refuses it, and no query is made here.
    if (request.local.size() + (request.remote.isEmpty() ? 0 : 1) < 2)
        return std::optional<DeliveryRequest>();
    QList<BounceRecipient> lines;
    QList<LocalTarget> kept;
    std::optional<Error> firstError;
    for (const LocalTarget &t : std::as_const(request.local)) {
        auto r = checkQuota(m_db, t, DeliveryJob::storedSize(request, t));
        if (r) {
            kept << t;
            continue;
        }
        if (r.error().kind != Error::Kind::OverQuota && r.error().kind != Error::Kind::TooBig)
            return r.error();
        if (!firstError)
            firstError = r.error();
        BounceRecipient line;
        line.address = t.deliveredTo;
        line.status = "5.2.2";
        line.diagnostic = "552 5.2.2 <" + t.deliveredTo.toUtf8() + ">: Mailbox full";
        line.lastAttempt = QDateTime::currentDateTime();
        lines << line;
        *refused << t.deliveredTo;
    }
    if (lines.isEmpty())
        return std::optional<DeliveryRequest>();
    // Nobody else takes it: the client hears the refusal at end of DATA.
    if (kept.isEmpty() && request.remote.isEmpty())
        return *firstError;
    request.local = kept;
    request.reportDelivered.removeIf(
        [&](const DsnRecipient &r) { return refused->contains(r.address); });
    // The null sender, or a report about a report, gets no report (RFC 3461 6.1, RFC 3834).
    const QByteArray original = request.traceHeaders + request.message;
    if (request.sender.isEmpty() || BounceMessage::isBounce(original))
        return std::optional<DeliveryRequest>();
    BounceInput in;
    in.kind = BounceInput::Kind::Failure;
    in.originalSender = request.sender;
    in.envid = request.envid;
    in.arrivalDate = QDateTime::currentDateTime();
    in.returnFull = request.ret == "FULL";
    in.original = original;
    in.recipients = lines;
    return reportRequest(std::move(in));
}

void Delivery::deliver(DeliveryRequest request, QObject *context,
                       std::function<void(Result<Outcome>)> done)
{
    request.queueDir = m_queueDir;
    Outcome outcome;
    auto failure = refuseFullMailboxes(request, &outcome.refused);
    if (!failure) {
        done(failure.error());
        return;
    }
    QList<DeliveryRequest> reports;
    for (std::optional<DeliveryRequest> extra : {deliveredReport(request), std::move(*failure)})
        if (extra)
            reports << std::move(*extra);
    // The reports pass the steps as the server's own mail, and are committed
    // with the message. A step that defers one defers the message too (the
    // client hears a 4xx and sends again), as nothing may be stored without
    // the report it owes.
    const QString about = request.messageId;
    m_pipeline->prepareInternal(
        std::move(reports), about, context,
        [this, request = std::move(request), context, outcome,
         done = std::move(done)](Result<QList<DeliveryRequest>> prepared) mutable {
            if (!prepared)
                return done(prepared.error());
            QList<std::shared_ptr<StoreJob>> jobs;
            bool queues = !request.remote.isEmpty();
            for (DeliveryRequest &report : *prepared) {
                queues = queues || !report.remote.isEmpty();
                jobs << std::make_shared<DeliveryJob>(std::move(report));
            }
            auto main = std::make_shared<DeliveryJob>(std::move(request));
            jobs.prepend(main);
            commit(jobs.size() == 1 ? jobs.first() : std::make_shared<CompositeJob>(jobs), context,
                   [done = std::move(done), notify = queues ? m_outbound : std::function<void()>(),
                    outcome, main](Result<void> r) mutable {
                       if (!r)
                           return done(r.error());
                       if (notify)
                           notify();
                       outcome.uids = main->assignedUids();
                       done(outcome);
                   });
        });
}

void Delivery::commit(std::shared_ptr<StoreJob> job, QObject *context,
                      std::function<void(Result<void>)> done)
{
    m_storage.commit(std::move(job), context, std::move(done));
}

} // namespace fumibako
