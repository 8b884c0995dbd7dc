#include "messagepipeline.h"

#include "common/clock.h"
#include "common/threadanchor.h"
#include "mime/headerfields.h"
#include "store/eventlog.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

#include <optional>
#include <vector>

namespace fumibako
{

struct MessagePipeline::Run {
    PipelineMessage message;
    DeliveryRequest request;
    QPointer<QObject> context;
    QObject *anchor = nullptr;
    Accepted accepted;
    std::function<void(PipelineOutcome)> done;
    size_t step = 0;
    QString headerMessageId; // read once the steps are done, before the message moves on
};

QString Envelope::newId()
{
    return QString::number(QDateTime::currentMSecsSinceEpoch() & 0xfffffffffLL, 16).toUpper() +
           QString::number(QRandomGenerator::global()->bounded(0x10000) + 0x10000, 16)
               .mid(1)
               .toUpper();
}

std::optional<ArchiveRecord> MessagePipeline::archiveRecord(const Envelope &envelope,
                                                            const DeliveryRequest &request,
                                                            const QString &headerMessageId) const
{
    // What the archive keeps (the FAQ's 送信メール保管): what an account sent
    // on submission, and what MX received for the domains that ask. Forwards,
    // auto-replies, reports and notices (Forward, Internal) are not kept, nor
    // is an IMAP APPEND, which nobody sent.
    ArchiveRecord r;
    if (envelope.source == Envelope::Source::Submission && !envelope.authUser.isEmpty() &&
        m_delivery->keepsSentMail()) {
        r.direction = ArchiveDirection::Sent;
        r.accounts << envelope.authUser.toLower();
        // Mail between colleagues is one entry, the sender's; a recipient
        // whose domain keeps received mail owns it too (a search user limited
        // to that account finds it).
        for (const LocalTarget &t : request.local)
            if (t.archiveReceived && !r.accounts.contains(t.account))
                r.accounts << t.account;
    } else if (envelope.source == Envelope::Source::Mx) {
        r.direction = ArchiveDirection::Received;
        for (const LocalTarget &t : request.local)
            if (t.archiveReceived && !r.accounts.contains(t.account))
                r.accounts << t.account;
        if (r.accounts.isEmpty())
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    r.sender = envelope.sender;
    r.recipients = envelope.recipients;
    r.receivedAt = envelope.arrival.isValid() ? envelope.arrival.toSecsSinceEpoch()
                                              : m_clock->secsSinceEpoch();
    r.trackingId = envelope.id;
    r.headerMessageId = headerMessageId;
    return r;
}

MessagePipeline::MessagePipeline(Delivery *delivery, const Clock *clock)
    : m_delivery(delivery), m_clock(clock)
{
}

MessagePipeline::~MessagePipeline() = default;

void MessagePipeline::append(std::unique_ptr<PipelineStep> step)
{
    m_steps.push_back(std::move(step));
}

QStringList MessagePipeline::stepNames() const
{
    QStringList names;
    for (const auto &step : m_steps)
        names << step->name();
    return names;
}

void MessagePipeline::submit(Envelope envelope, DeliveryRequest request, QObject *context,
                             std::function<void(PipelineOutcome)> done)
{
    auto deliver = [this](const std::shared_ptr<Run> &run, DeliveryRequest request) {
        if (!request.hasDestination()) {
            PipelineOutcome discarded;
            discarded.kind = PipelineOutcome::Kind::Delivered;
            return finish(run, std::move(discarded));
        }
        request.archive = archiveRecord(run->message.envelope, request, run->headerMessageId);
        m_delivery->deliver(std::move(request), run->context,
                            [this, run](Result<Delivery::Outcome> r) {
                                PipelineOutcome outcome;
                                if (r) {
                                    outcome.kind = PipelineOutcome::Kind::Delivered;
                                    outcome.delivery = std::move(*r);
                                } else {
                                    outcome.kind = PipelineOutcome::Kind::Failed;
                                    outcome.error = r.error();
                                }
                                finish(run, std::move(outcome));
                            });
    };
    start(std::move(envelope), std::move(request), context, std::move(deliver), std::move(done));
}

void MessagePipeline::prepareInternal(QList<DeliveryRequest> requests, const QString &about,
                                      QObject *context,
                                      std::function<void(Result<QList<DeliveryRequest>>)> done)
{
    // Every callback below runs on `context`'s thread, one after another.
    struct Batch {
        std::vector<std::optional<DeliveryRequest>> kept; // in the caller's order
        qsizetype pending = 0;
        std::optional<Error> deferred;
        std::function<void(Result<QList<DeliveryRequest>>)> done;
    };
    if (requests.isEmpty())
        return done(QList<DeliveryRequest>());
    auto batch = std::make_shared<Batch>();
    batch->kept.resize(requests.size());
    batch->pending = requests.size();
    batch->done = std::move(done);
    auto settle = [batch]() {
        if (--batch->pending > 0)
            return;
        if (batch->deferred)
            return batch->done(*batch->deferred);
        QList<DeliveryRequest> out;
        for (std::optional<DeliveryRequest> &r : batch->kept)
            if (r)
                out << std::move(*r);
        batch->done(std::move(out));
    };
    EventLog *log = m_delivery->log();
    for (qsizetype i = 0; i < requests.size(); ++i) {
        DeliveryRequest &request = requests[i];
        Envelope envelope;
        envelope.source = Envelope::Source::Internal;
        envelope.id = request.messageId;
        envelope.sender = request.sender;
        for (const LocalTarget &t : std::as_const(request.local))
            envelope.recipients << t.deliveredTo;
        for (const DsnRecipient &r : std::as_const(request.remote))
            envelope.recipients << r.address;
        const QString recipients = envelope.recipients.join(QStringLiteral(", "));
        auto accepted = [batch, i, settle](const std::shared_ptr<Run> &, DeliveryRequest r) {
            batch->kept[size_t(i)] = std::move(r);
            settle();
        };
        auto stopped = [batch, settle, log, about, recipients,
                        sender = request.sender](PipelineOutcome o) {
            // The line carries the written message's own id, as the queue's lines
            // about it will (message tracking); the text names the one reported on.
            using K = PipelineOutcome::Kind;
            LogEntry e;
            e.kind = LogEntry::Kind::Delivery;
            e.address = recipients;
            e.messageId = o.id;
            e.headerMessageId = o.headerMessageId;
            e.sender = sender;
            e.result = o.kind == K::Rejected      ? QStringLiteral("rejected")
                       : o.kind == K::Quarantined ? QStringLiteral("quarantined")
                       : o.kind == K::Deferred    ? QStringLiteral("deferred")
                                                  : QStringLiteral("failed");
            const QString why = o.kind == K::Failed
                                    ? QStringLiteral(": ") + o.error.message
                                    : QStringLiteral(" by %1: %2").arg(o.step, o.verdict.reason);
            const QString then = o.kind == K::Rejected      ? QStringLiteral("dropped")
                                 : o.kind == K::Quarantined ? QStringLiteral("held")
                                                            : QStringLiteral("to be written again");
            e.text =
                QStringLiteral("id=%1 server mail%2 %3%4; %5")
                    .arg(o.id, about.isEmpty() ? QString() : QStringLiteral(" about id=") + about,
                         e.result, why, then);
            if (o.kind == K::Deferred || o.kind == K::Failed)
                batch->deferred = Error::temporary(e.text);
            log->add(std::move(e));
            settle();
        };
        start(std::move(envelope), std::move(request), context, std::move(accepted),
              std::move(stopped));
    }
}

void MessagePipeline::start(Envelope envelope, DeliveryRequest request, QObject *context,
                            Accepted accepted, std::function<void(PipelineOutcome)> done)
{
    if (envelope.id.isEmpty())
        envelope.id = Envelope::newId();
    if (!envelope.arrival.isValid())
        envelope.arrival = m_clock->now().toLocalTime();
    auto run = std::make_shared<Run>();
    run->message.envelope = std::move(envelope);
    run->message.message = std::exchange(request.message, {});
    run->request = std::move(request);
    run->context = context;
    run->anchor = threadAnchor(context);
    run->accepted = std::move(accepted);
    run->done = std::move(done);
    next(std::move(run));
}

void MessagePipeline::next(std::shared_ptr<Run> run)
{
    while (run->step < m_steps.size() &&
           !m_steps[run->step]->appliesTo(run->message.envelope.source))
        ++run->step;
    if (run->step == m_steps.size()) {
        // Every step accepted: the message, with the fields they added before
        // it (and before the caller's own trace fields), goes on to the store.
        DeliveryRequest request = std::move(run->request);
        request.messageId = run->message.envelope.id;
        request.headerMessageId = run->headerMessageId = headerMessageId(run->message);
        request.traceHeaders = run->message.addedFields + request.traceHeaders;
        request.message = std::move(run->message.message);
        if (!run->context)
            return;
        return run->accepted(run, std::move(request));
    }
    PipelineStep *step = m_steps[run->step].get();
    step->run(run->message, [this, run](Verdict verdict) {
        // Synchronous steps answer on the caller's thread and go straight on;
        // the others come back to it first.
        if (QThread::currentThread() == run->anchor->thread())
            return decided(run, std::move(verdict));
        QMetaObject::invokeMethod(
            run->anchor,
            [this, run, verdict = std::move(verdict)]() mutable {
                decided(run, std::move(verdict));
            },
            Qt::QueuedConnection);
    });
}

void MessagePipeline::decided(std::shared_ptr<Run> run, Verdict verdict)
{
    if (!run->context)
        return; // the session is gone; nothing was accepted
    PipelineOutcome outcome;
    outcome.step = m_steps[run->step]->name();
    switch (verdict.kind) {
    case Verdict::Kind::Accept:
        if (!verdict.message.isNull())
            run->message.message = std::move(verdict.message);
        if (!verdict.removeFields.isEmpty())
            run->message.message = withoutFields(run->message.message, verdict.removeFields);
        run->message.addedFields += verdict.addFields;
        if (verdict.score) {
            run->message.spamScore = verdict.score;
            run->message.spamRules = verdict.rules;
        }
        ++run->step;
        if (!verdict.held.empty())
            return holdSome(std::move(run),
                            QList<Verdict>(verdict.held.begin(), verdict.held.end()));
        return next(std::move(run));
    case Verdict::Kind::Reject:
        outcome.kind = PipelineOutcome::Kind::Rejected;
        outcome.verdict = std::move(verdict);
        return finish(run, std::move(outcome));
    case Verdict::Kind::Defer:
        outcome.kind = PipelineOutcome::Kind::Deferred;
        outcome.verdict = std::move(verdict);
        return finish(run, std::move(outcome));
    case Verdict::Kind::Quarantine:
        if (!m_quarantine) {
            outcome.kind = PipelineOutcome::Kind::Deferred;
            outcome.verdict =
                Verdict::defer(451, "4.3.0", "Error: message held, no quarantine available",
                               verdict.reason + QStringLiteral(" (no quarantine configured)"));
            return finish(run, std::move(outcome));
        }
        m_quarantine->hold(run->message, {verdict}, run->context,
                           [this, run, outcome, verdict](Result<void> r) mutable {
                               if (r) {
                                   outcome.kind = PipelineOutcome::Kind::Quarantined;
                                   outcome.verdict = verdict;
                               } else {
                                   outcome.kind = PipelineOutcome::Kind::Failed;
                                   outcome.error = r.error();
                               }
                               finish(run, std::move(outcome));
                           });
        return;
    }
}

void MessagePipeline::holdSome(std::shared_ptr<Run> run, QList<Verdict> holds)
{
    if (!m_quarantine) {
        PipelineOutcome outcome;
        outcome.step = m_steps[run->step - 1]->name();
        outcome.kind = PipelineOutcome::Kind::Deferred;
        outcome.verdict =
            Verdict::defer(451, "4.3.0", "Error: message held, no quarantine available",
                           holds.first().reason + QStringLiteral(" (no quarantine configured)"));
        return finish(run, std::move(outcome));
    }
    QSet<QString> gone;
    for (const Verdict &v : std::as_const(holds))
        for (const QString &rcpt :
             v.recipients.isEmpty() ? run->message.envelope.recipients : v.recipients)
            gone.insert(rcpt.toLower());
    m_quarantine->hold(run->message, holds, run->context, [this, run, holds, gone](Result<void> r) {
        if (!r) {
            PipelineOutcome outcome;
            outcome.step = m_steps[run->step - 1]->name();
            outcome.kind = PipelineOutcome::Kind::Failed;
            outcome.error = r.error();
            return finish(run, std::move(outcome));
        }
        // The held recipients get nothing else: no copy, no delivery report.
        const auto held = [&gone](const QString &address) {
            return gone.contains(address.toLower());
        };
        run->message.envelope.recipients.removeIf(held);
        run->request.local.removeIf([&](const LocalTarget &t) { return held(t.deliveredTo); });
        run->request.remote.removeIf([&](const DsnRecipient &d) { return held(d.address); });
        run->request.reportDelivered.removeIf(
            [&](const DsnRecipient &d) { return held(d.address); });
        run->request.returns.removeIf([&](const ReturnTarget &r) { return held(r.address); });
        if (!run->request.hasDestination()) {
            PipelineOutcome outcome;
            outcome.step = m_steps[run->step - 1]->name();
            outcome.kind = PipelineOutcome::Kind::Quarantined;
            outcome.verdict = holds.first();
            return finish(run, std::move(outcome));
        }
        next(run);
    });
}

QString MessagePipeline::headerMessageId(const PipelineMessage &m)
{
    QByteArray id = firstFieldValue(m.addedFields, "Message-ID");
    if (id.isNull())
        id = firstFieldValue(m.message, "Message-ID");
    if (id.startsWith('<') && id.endsWith('>'))
        id = id.mid(1, id.size() - 2);
    return QString::fromUtf8(id.left(998));
}

void MessagePipeline::finish(const std::shared_ptr<Run> &run, PipelineOutcome outcome)
{
    outcome.id = run->message.envelope.id;
    outcome.headerMessageId =
        run->headerMessageId.isNull() ? headerMessageId(run->message) : run->headerMessageId;
    if (run->context)
        run->done(std::move(outcome));
}

} // namespace fumibako
