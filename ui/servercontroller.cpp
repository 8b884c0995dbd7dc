#include "servercontroller.h"

#include <QTimer>

namespace fumibako
{

ServerController::ServerController(MailServer::Options options, QObject *parent)
    : QObject(parent), m_worker(new ServerWorker(std::move(options)))
{
    qRegisterMetaType<fumibako::ServerStatus>();
    qRegisterMetaType<fumibako::Error>();
    m_thread.setObjectName(QStringLiteral("mail server"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ServerWorker::started, this, [this] {
        // A server that has just started runs with every setting as stored.
        setPendingRestart({});
        setState(State::Running);
    });
    connect(m_worker, &ServerWorker::startFailed, this, [this](const Error &e) {
        m_lastError = e;
        setState(State::Failed);
        Q_EMIT startFailed(e);
    });
    connect(m_worker, &ServerWorker::stopped, this, [this] {
        // Nothing waits for a restart while nothing runs: the next start reads every setting.
        setPendingRestart({});
        if (m_state != State::Failed && m_state != State::Starting)
            setState(State::Stopped);
    });
    connect(m_worker, &ServerWorker::status, this, &ServerController::onStatus);
    connect(m_worker, &ServerWorker::dkimKeysReloaded, this, &ServerController::dkimKeysReloaded);
    connect(m_worker, &ServerWorker::settingsChanged, this,
            [this](const QStringList &applied, const QStringList &pending) {
                // A report the old server queued before it stopped must not
                // bring back what the restart settled.
                if (m_state != State::Running)
                    return;
                setPendingRestart(pending);
                Q_EMIT settingsChanged(applied, pending);
            });
    m_thread.start();
}

ServerController::~ServerController()
{
    // Close listeners, the I/O threads and the store writer inside the server
    // thread, then join it.
    QMetaObject::invokeMethod(m_worker, &ServerWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void ServerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServerController::setPendingRestart(const QStringList &keys)
{
    if (m_pendingRestart == keys)
        return;
    m_pendingRestart = keys;
    Q_EMIT pendingRestartChanged(m_pendingRestart);
}

void ServerController::onStatus(const ServerStatus &status)
{
    ServerStatus s = status;
    // A stopped server cannot inspect its certificate; keep the last known one.
    if (s.certificateSubject.isEmpty() && !s.certificateExpiry.isValid()) {
        s.certificateSubject = m_status.certificateSubject;
        s.certificateNames = m_status.certificateNames;
        s.certificateExpiry = m_status.certificateExpiry;
    }
    m_status = s;
    Q_EMIT statusChanged(m_status);
}

void ServerController::start()
{
    if (m_state == State::Running || m_state == State::Starting || m_state == State::Stopping)
        return;
    setState(State::Starting);
    QMetaObject::invokeMethod(m_worker, &ServerWorker::start, Qt::QueuedConnection);
}

void ServerController::stop(int graceMs)
{
    if (m_state == State::Stopped || m_state == State::Failed) {
        // Nothing runs; tell the caller at once (it may be waiting to quit).
        Q_EMIT stateChanged(m_state);
        return;
    }
    setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, graceMs] { w->stop(graceMs); }, Qt::QueuedConnection);
}

void ServerController::restart(int graceMs)
{
    if (m_state == State::Stopped || m_state == State::Failed) {
        start();
        return;
    }
    if (m_state == State::Stopping || m_state == State::Starting)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, graceMs] { w->restart(graceMs); }, Qt::QueuedConnection);
    // The worker reports started() (or startFailed()) when the new server runs.
    connect(
        m_worker, &ServerWorker::stopped, this, [this] { setState(State::Starting); },
        Qt::SingleShotConnection);
}

void ServerController::refresh()
{
    QMetaObject::invokeMethod(m_worker, &ServerWorker::refresh, Qt::QueuedConnection);
}

void ServerController::wakeQueue()
{
    QMetaObject::invokeMethod(m_worker, &ServerWorker::wakeQueue, Qt::QueuedConnection);
}

void ServerController::reloadDkimKeys()
{
    QMetaObject::invokeMethod(m_worker, &ServerWorker::reloadDkimKeys, Qt::QueuedConnection);
}

void ServerController::setRelayPassword(const QByteArray &password)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, password] { w->setRelayPassword(password); },
        Qt::QueuedConnection);
}

void ServerController::reloadSettings()
{
    QMetaObject::invokeMethod(m_worker, &ServerWorker::reloadSettings, Qt::QueuedConnection);
}

// --- ServerWorker (server thread) ---

void ServerWorker::reloadSettings()
{
    // A failure is logged by the server; its next poll tries again.
    if (m_server && m_server->isRunning())
        (void)m_server->reloadSettings();
}

void ServerWorker::wakeQueue()
{
    if (m_server && m_server->isRunning())
        m_server->wakeQueue();
}

void ServerWorker::reloadDkimKeys()
{
    if (!m_server || !m_server->isRunning()) {
        Q_EMIT dkimKeysReloaded(false, Error());
        return;
    }
    auto r = m_server->reloadDkimKeys();
    Q_EMIT dkimKeysReloaded(r.has_value(), r ? Error() : r.error());
}

void ServerWorker::start()
{
    if (m_server)
        return;
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(ServerController::kStatusIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &ServerWorker::refresh);
    }
    m_server = new MailServer(m_options, this);
    connect(m_server, &MailServer::stopped, this, &ServerWorker::onServerStopped);
    connect(m_server, &MailServer::settingsChanged, this, &ServerWorker::settingsChanged);
    if (auto r = m_server->start(); !r) {
        delete m_server; // closes whatever listeners did open
        m_server = nullptr;
        Q_EMIT startFailed(r.error());
        refresh();
        return;
    }
    m_timer->start();
    Q_EMIT started();
    refresh();
}

void ServerWorker::stop(int graceMs)
{
    m_restartWhenStopped = false;
    if (!m_server) {
        Q_EMIT stopped();
        return;
    }
    m_server->stop(graceMs);
}

void ServerWorker::restart(int graceMs)
{
    if (!m_server) {
        start();
        return;
    }
    m_restartWhenStopped = true;
    m_server->stop(graceMs);
}

void ServerWorker::onServerStopped()
{
    if (m_timer)
        m_timer->stop();
    if (m_server) {
        m_server->deleteLater();
        m_server = nullptr;
    }
    refresh();
    Q_EMIT stopped();
    if (m_restartWhenStopped) {
        m_restartWhenStopped = false;
        QTimer::singleShot(0, this, &ServerWorker::start);
    }
}

void ServerWorker::refresh()
{
    if (m_server) {
        Q_EMIT status(m_server->status());
        return;
    }
    // Stopped: the listeners are known by name only.
    ServerStatus s;
    for (const QString &name : MailServer::listenerNames()) {
        ListenerStatus l;
        l.name = name;
        s.listeners << l;
    }
    Q_EMIT status(s);
}

void ServerWorker::shutdown()
{
    m_restartWhenStopped = false;
    delete m_timer;
    m_timer = nullptr;
    delete m_server;
    m_server = nullptr;
}

} // namespace fumibako
