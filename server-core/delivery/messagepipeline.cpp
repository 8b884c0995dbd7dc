#include "messagepipeline.h"

#include "common/clock.h"
#include "common/threadanchor.h"
#include "mime/headerfields.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QThread>

namespace fumibako
{

struct MessagePipeline::Run {
    PipelineMessage message;
    DeliveryRequest request;
    QPointer<QObject> context;
    QObject *anchor = nullptr;
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
        // it (and before the caller's own trace fields), goes to the store.
        DeliveryRequest request = std::move(run->request);
        request.messageId = run->message.envelope.id;
        request.headerMessageId = run->headerMessageId = headerMessageId(run->message);
        request.traceHeaders = run->message.addedFields + request.traceHeaders;
        request.message = std::move(run->message.message);
        QObject *context = run->context;
        if (!context)
            return;
        if (request.local.isEmpty() && request.remote.isEmpty()) {
            PipelineOutcome discarded;
            discarded.kind = PipelineOutcome::Kind::Delivered;
            return finish(run, std::move(discarded));
        }
        m_delivery->deliver(std::move(request), context, [this, run](Result<Delivery::Outcome> r) {
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
        return;
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
        if (!verdict.removeFields.isEmpty())
            run->message.message = withoutFields(run->message.message, verdict.removeFields);
        run->message.addedFields += verdict.addFields;
        ++run->step;
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
        m_quarantine->hold(run->message, verdict, run->context,
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
