#include "delivery.h"

#include "cleanupsteps.h"
#include "messagepipeline.h"

#include "bouncemessage.h"
#include "common/clock.h"
#include "forwardreturn.h"
#include "mime/headerfields.h"
#include "senderrewriting.h"
#include "store/accountstore.h"
#include "store/eventlog.h"
#include "store/forwardingstore.h"
#include "store/mailstorage.h"

#include <QDateTime>

namespace fumibako
{

Delivery::Delivery(const Database &db, const MailStorage &storage, EventLog *log, QString queueDir,
                   QString hostname, const Clock *clock)
    : m_db(db), m_storage(storage), m_log(log), m_queueDir(std::move(queueDir)),
      m_hostname(std::move(hostname)), m_clock(clock ? clock : Clock::system()),
      m_pipeline(std::make_unique<MessagePipeline>(this, m_clock))
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
            if (lookup.address) {
                lookup.decision = RecipientPolicy(db).decide(*lookup.address, mayRelay);
                if (auto r = loadRules(db, lookup.decision); !r)
                    lookup.decision.kind = RecipientDecision::Kind::TempFail;
            }
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

Result<void> Delivery::loadRules(const Database &db, RecipientDecision &d)
{
    if (d.kind == RecipientDecision::Kind::Group) {
        for (RecipientDecision &m : d.members)
            if (auto r = loadRules(db, m); !r)
                return r;
        return {};
    }
    if (d.kind != RecipientDecision::Kind::Local)
        return {};
    auto rules = ForwardingStore(db).rulesFor(d.account.id, d.account.address);
    if (!rules)
        return rules.error();
    auto keep = db.exec(QStringLiteral("SELECT 1 FROM archive_received_domains r JOIN domains d "
                                       "ON d.id = r.domain_id WHERE d.name = ?"),
                        {d.account.domain()});
    if (!keep)
        return keep.error();
    d.archiveReceived = keep->next();
    if (rules->forward || rules->autoReply)
        d.rules = std::make_shared<const DeliveryRules>(std::move(*rules));
    return {};
}

RecipientDecision Delivery::decideNow(const MailAddress &rcpt, bool mayRelay) const
{
    RecipientDecision d = RecipientPolicy(m_db).decide(rcpt, mayRelay);
    if (auto r = loadRules(m_db, d); !r)
        d.kind = RecipientDecision::Kind::TempFail;
    return d;
}

MailAddress Delivery::withoutSrs(MailAddress address) const
{
    // Each decoding is shorter than its address, so this ends; SRS1 leads to
    // the SRS0 of the first forwarder, ours too when we forwarded twice.
    while (SenderRewriting::isSrs(address.local)) {
        auto key = srsKey();
        if (!key)
            break;
        auto original = SenderRewriting(*key, m_clock).reverse(address.toString());
        const auto parsed = original ? MailAddress::parse(*original) : std::nullopt;
        if (!parsed)
            break; // someone else's SRS address, or a forged one: as it is
        address = *parsed;
    }
    return address;
}

Result<QByteArray> Delivery::srsKey() const
{
    QMutexLocker lock(&m_srsLock);
    if (m_srsKey.isEmpty()) {
        auto key = RecipientPolicy::srsKey(m_db);
        if (!key)
            return key.error();
        m_srsKey = *key;
    }
    return m_srsKey;
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
    t.rules = d.rules;
    t.account = d.account.address;
    t.archiveReceived = d.archiveReceived;
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
    // Forwarded mail carries our SRS address: the report says To: the one it stands for.
    const MailAddress real = withoutSrs(*to);
    if (real.local != to->local || real.domain != to->domain) {
        in.originalSender = real.toString();
        to = real;
    }
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
    // To our SRS address (a forwarded message's sender): the one it stands for.
    const MailAddress real = withoutSrs(to);
    const RecipientDecision d = RecipientPolicy(m_db).decide(real, true);
    if (d.kind == RecipientDecision::Kind::Local)
        req.local << targetFor(d, real.toString());
    else if (d.kind == RecipientDecision::Kind::Remote)
        req.remote << DsnRecipient{real.toString(), "NEVER", QString()};
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

std::optional<DeliveryRequest> Delivery::loopReport(const DeliveryRequest &request,
                                                    const QList<LocalTarget> &loops) const
{
    const QByteArray original = request.traceHeaders + request.message;
    if (loops.isEmpty() || request.sender.isEmpty() || BounceMessage::isBounce(original))
        return std::nullopt;
    BounceInput in;
    in.kind = BounceInput::Kind::Failure;
    in.originalSender = request.sender;
    in.envid = request.envid;
    in.arrivalDate = QDateTime::currentDateTime();
    in.original = original; // headers only (no RET=FULL for a loop: the copies went round)
    for (const LocalTarget &t : loops) {
        BounceRecipient line;
        line.address = t.deliveredTo;
        line.status = "5.4.6";
        line.diagnostic = "554 5.4.6 <" + t.deliveredTo.toUtf8() + ">: mail forwarding loop";
        line.lastAttempt = in.arrivalDate;
        in.recipients << line;
    }
    return reportRequest(std::move(in));
}

void Delivery::deliver(DeliveryRequest request, QObject *context,
                       std::function<void(Result<Outcome>)> done)
{
    request.queueDir = m_queueDir;
    Outcome outcome;
    // Full mailboxes first: a copy that is returned is neither forwarded nor answered.
    auto full = refuseFullMailboxes(request, &outcome.refused);
    if (!full)
        return done(full.error());
    Expansion expansion = RecipientExpansion(*this, m_clock, &m_forwardRate).expand(request);
    QList<DeliveryRequest> reports;
    for (const LocalTarget &t : std::as_const(expansion.loops))
        outcome.refused << t.deliveredTo;
    if (!expansion.loops.isEmpty()) {
        if (!request.hasDestination() && expansion.forwards.isEmpty())
            return done(Error{Error::Kind::Limit,
                              QStringLiteral("mail forwarding loop for %1")
                                  .arg(outcome.refused.join(QStringLiteral(", "))),
                              {}});
        if (auto report = loopReport(request, expansion.loops))
            reports << std::move(*report);
    }
    // A report back to our SRS address is told to the original sender, minus
    // where the forward went; whatever else arrives there is dropped.
    for (const ReturnTarget &r : std::as_const(request.returns)) {
        auto in = concealedReturn(request.traceHeaders + request.message, r.returnTo, QString());
        if (!in) {
            expansion.notes << QStringLiteral("dropped what came back to %1: %2")
                                   .arg(r.address, in.error().message);
            continue;
        }
        if (auto report = reportRequest(std::move(*in))) {
            expansion.notes << QStringLiteral("report to %1 told to %2 as id=%3, the forward's "
                                              "destination left out")
                                   .arg(r.address, r.returnTo, report->messageId);
            reports << std::move(*report);
        }
    }
    request.returns.clear();
    for (std::optional<DeliveryRequest> extra : {deliveredReport(request), std::move(*full)})
        if (extra)
            reports << std::move(*extra);
    // The reports pass the steps as the server's own mail, and are committed
    // with the message. A step that defers one defers the message too (the
    // client hears a 4xx and sends again), as nothing may be stored without
    // the report it owes. Forwarded copies and auto-replies go with them.
    const QString about = request.messageId;
    m_pipeline->prepareInternal(
        std::move(reports), about, context,
        [this, request = std::move(request), context, outcome, expansion = std::move(expansion),
         done = std::move(done)](Result<QList<DeliveryRequest>> prepared) mutable {
            if (!prepared)
                return done(prepared.error());
            QList<std::shared_ptr<StoreJob>> jobs;
            bool queues = !request.remote.isEmpty();
            const bool archives = request.archive && m_archived;
            if (archives)
                jobs << std::make_shared<ArchiveJob>(*request.archive, request.message);
            for (DeliveryRequest &extra : *prepared + expansion.forwards) {
                queues = queues || !extra.remote.isEmpty();
                jobs << std::make_shared<DeliveryJob>(std::move(extra));
            }
            QList<std::shared_ptr<AutoReplyJob>> replies;
            for (Expansion::Reply &reply : expansion.replies) {
                queues = queues || !reply.request.remote.isEmpty();
                replies << std::make_shared<AutoReplyJob>(std::move(reply));
                jobs << replies.last();
            }
            const QString id = request.messageId;
            const QString headerMessageId = request.headerMessageId;
            const QString sender = request.sender;
            auto main = std::make_shared<DeliveryJob>(std::move(request));
            jobs.prepend(main);
            commit(jobs.size() == 1 ? jobs.first() : std::make_shared<CompositeJob>(jobs), context,
                   [this, done = std::move(done),
                    notify = queues ? m_outbound : std::function<void()>(),
                    archived = archives ? m_archived : std::function<void()>(), outcome, main,
                    notes = expansion.notes, replies, id, headerMessageId,
                    sender](Result<void> r) mutable {
                       if (!r)
                           return done(r.error());
                       for (const auto &reply : std::as_const(replies))
                           notes << reply->note();
                       for (const QString &note : std::as_const(notes)) {
                           LogEntry e;
                           e.kind = LogEntry::Kind::Delivery;
                           e.messageId = id;
                           e.headerMessageId = headerMessageId;
                           e.sender = sender;
                           e.text = QStringLiteral("id=") + id + QLatin1Char(' ') + note;
                           m_log->add(std::move(e));
                       }
                       if (notify)
                           notify();
                       if (archived)
                           archived();
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
