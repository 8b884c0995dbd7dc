// ServerController: hosts the embedded MailServer in its own QThread for the
// console. The GUI only calls start/stop/restart (queued into the server
// thread) and receives ServerStatus value snapshots every two seconds and on
// every state change — never pointers into the server or its sessions.
// Settings changes the running server noticed (the console's own saves and
// fumibakoctl's alike) arrive as key lists: the live ones it applied and the
// restart-only ones waiting for its next start.
// Destroying the controller shuts the server down and joins the thread.
#pragma once

#include "common/result.h"
#include "service/mailserver.h"
#include "service/serverstatus.h"

#include <QObject>
#include <QThread>

class QTimer;

namespace fumibako
{

class ServerWorker;

class ServerController : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping, Failed };
    Q_ENUM(State)

    explicit ServerController(MailServer::Options options, QObject *parent = nullptr);
    ~ServerController() override;

    State state() const { return m_state; }
    const ServerStatus &status() const { return m_status; }
    // The last start failure (kind for the console's own text, message for details).
    const Error &lastError() const { return m_lastError; }
    // The restart-only settings the running server reports as changed since it
    // started (MailServer::pendingRestart); empty while it is stopped, since a
    // start reads every setting anyway.
    const QStringList &pendingRestart() const { return m_pendingRestart; }

    static constexpr int kStatusIntervalMs = 2000;

public Q_SLOTS:
    void start();
    void stop(int graceMs = 10000);
    void restart(int graceMs = 10000);
    void refresh();
    // The queue scans now (after "retry now"); nothing happens when the server is stopped.
    void wakeQueue();
    // The running server signs with the active DKIM keys as they are now
    // (after the console activated or retired one); answered by dkimKeysReloaded.
    void reloadDkimKeys();
    // The smarthost password from the keychain, used from the next (re)start on.
    void setRelayPassword(const QByteArray &password);
    // The running server reads the settings now instead of at its next poll
    // (after the console stored some); answered by settingsChanged if any changed.
    void reloadSettings();

Q_SIGNALS:
    void stateChanged(fumibako::ServerController::State state);
    void statusChanged(const fumibako::ServerStatus &status);
    void startFailed(const fumibako::Error &error);
    // After reloadDkimKeys. Not applied: the server is not running (it loads
    // the keys when it starts; error.message is empty), or a key could not be
    // loaded (error says why; the server keeps signing with the keys it had).
    void dkimKeysReloaded(bool applied, const fumibako::Error &error);
    // The running server found changed settings: `applied` are live keys now
    // in force for new connections and jobs; `pendingRestart` every
    // restart-only key that waits (as pendingRestart() now returns).
    void settingsChanged(const QStringList &applied, const QStringList &pendingRestart);
    // pendingRestart() changed: after settingsChanged, or emptied by a (re)start or stop.
    void pendingRestartChanged(const QStringList &keys);

private:
    void setState(State state);
    void onStatus(const ServerStatus &status);
    void setPendingRestart(const QStringList &keys);

    QThread m_thread;
    ServerWorker *m_worker = nullptr;
    State m_state = State::Stopped;
    ServerStatus m_status;
    Error m_lastError;
    QStringList m_pendingRestart;
};

// Lives in the server thread; owns the MailServer there. Internal to the controller.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    explicit ServerWorker(MailServer::Options options) : m_options(std::move(options)) {}

public Q_SLOTS:
    void start();
    void stop(int graceMs);
    void restart(int graceMs);
    void refresh();
    void shutdown();
    void wakeQueue();
    void reloadDkimKeys();
    void setRelayPassword(const QByteArray &password) { m_options.relayPassword = password; }
    void reloadSettings();

Q_SIGNALS:
    void dkimKeysReloaded(bool applied, const fumibako::Error &error);
    void settingsChanged(const QStringList &applied, const QStringList &pendingRestart);
    void started();
    void startFailed(const fumibako::Error &error);
    void stopped();
    void status(const fumibako::ServerStatus &status);

private:
    void onServerStopped();

    MailServer::Options m_options;
    MailServer *m_server = nullptr;
    QTimer *m_timer = nullptr;
    bool m_restartWhenStopped = false;
};

} // namespace fumibako
