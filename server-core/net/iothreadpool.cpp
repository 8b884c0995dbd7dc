#include "iothreadpool.h"

namespace fumibako
{

IoThreadPool::IoThreadPool(int threads)
{
    if (threads <= 0)
        threads = qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < threads; ++i) {
        auto *slot = new Slot;
        slot->thread = new QThread;
        slot->thread->setObjectName(QStringLiteral("io-%1").arg(i));
        slot->context = new QObject;
        slot->context->moveToThread(slot->thread);
        QObject::connect(slot->thread, &QThread::finished, slot->context, &QObject::deleteLater);
        slot->thread->start();
        m_slots << slot;
    }
}

IoThreadPool::~IoThreadPool()
{
    stop();
    qDeleteAll(m_slots);
}

void IoThreadPool::dispatch(std::function<void(Slot &)> work)
{
    Slot *best = m_slots.first();
    for (Slot *s : std::as_const(m_slots))
        if (s->sessions.loadRelaxed() < best->sessions.loadRelaxed())
            best = s;
    // Counted now, not when the work runs, so a burst spreads over the threads.
    best->sessions.ref();
    QMetaObject::invokeMethod(
        best->context, [best, work = std::move(work)]() { work(*best); }, Qt::QueuedConnection);
}

void IoThreadPool::dispatchAll(std::function<void(QObject *)> work)
{
    for (Slot *s : std::as_const(m_slots))
        if (s->thread)
            QMetaObject::invokeMethod(
                s->context, [ctx = s->context, work]() { work(ctx); }, Qt::QueuedConnection);
}

void IoThreadPool::stop()
{
    for (Slot *s : std::as_const(m_slots)) {
        if (!s->thread)
            continue;
        s->thread->quit();
        s->thread->wait();
        delete s->thread;
        s->thread = nullptr;
    }
}

int IoThreadPool::sessionCount() const
{
    int n = 0;
    for (const Slot *s : m_slots)
        n += s->sessions.loadRelaxed();
    return n;
}

} // namespace fumibako
