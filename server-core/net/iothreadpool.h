// IoThreadPool: one event-loop thread per core. The listener hands each new
// connection to the thread with the fewest sessions; everything a session
// does afterwards happens on that thread.
#pragma once

#include <QAtomicInt>
#include <QList>
#include <QObject>
#include <QThread>

#include <functional>

namespace fumibako
{

class IoThreadPool
{
public:
    explicit IoThreadPool(int threads = 0);
    ~IoThreadPool();

    struct Slot {
        QThread *thread = nullptr;
        QObject *context = nullptr; // lives on `thread`; queue work to it
        QAtomicInt sessions;
    };
    // Runs `work` on the least busy thread; it receives that thread's slot,
    // whose session count already includes it (deref when the session ends).
    void dispatch(std::function<void(Slot &)> work);
    // Runs `work` on every thread with its context object.
    void dispatchAll(std::function<void(QObject *)> work);
    void stop();
    int sessionCount() const;

private:
    QList<Slot *> m_slots;
};

} // namespace fumibako
