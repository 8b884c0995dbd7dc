#include "worker.h"

#include <QMutex>
#include <QThread>
#include <QThreadPool>

#include <memory>

namespace fumibako
{

namespace
{

// Who to hand the result to: a Relay, a child of the owner (so it dies with
// it). The worker posts under the mutex, and the Relay clears itself under
// the same mutex in its destructor, so a post never reaches a dead object;
// Qt drops events still queued for an object when it is deleted.
struct RelayState {
    QMutex mutex;
    QObject *relay = nullptr;
};

class Relay : public QObject
{
public:
    Relay(QObject *owner, std::shared_ptr<RelayState> state)
        : QObject(owner), m_state(std::move(state))
    {
        m_state->relay = this;
    }
    ~Relay() override
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->relay = nullptr;
    }

private:
    std::shared_ptr<RelayState> m_state;
};

QThreadPool &pool()
{
    // Destroyed at exit after waiting for its jobs; by then every Relay is
    // gone, so late results are dropped.
    static QThreadPool threads;
    static const bool configured = [] {
        threads.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
        return true;
    }();
    Q_UNUSED(configured);
    return threads;
}

} // namespace

void runOnWorker(QObject *owner, std::function<std::function<void()>()> work)
{
    auto state = std::make_shared<RelayState>();
    new Relay(owner, state);
    pool().start([state, work = std::move(work)]() {
        std::function<void()> then = work();
        QMutexLocker lock(&state->mutex);
        QObject *relay = state->relay;
        if (!relay)
            return;
        QMetaObject::invokeMethod(
            relay,
            [relay, then = std::move(then)]() {
                relay->deleteLater();
                if (then)
                    then();
            },
            Qt::QueuedConnection);
    });
}

bool waitForWorkers(int msecs)
{
    return pool().waitForDone(msecs);
}

} // namespace fumibako
