// MailServer: the embedded server as one object — opens the data dir, runs
// migrations and crash recovery, starts the StoreWriter, the I/O threads and
// one Listener per protocol port, and the Scheduler with the server's timed
// jobs (queue housekeeping, log retention), all on one injectable Clock; and
// stops them gracefully (stop accepting, let transactions under way finish,
// then close). fumibakod and the console both create exactly one; tests drive
// it through its ports.
//
// Settings: those the registry marks Live (service/settings.h) apply while it
// runs. Every second it asks SQLite whether another connection committed
// (PRAGMA data_version, one cheap call on the server's thread) and, if so,
// reads the settings table again: fumibakoctl in another process and the
// console's own connection both write there, so no IPC and no notifier is
// needed, and an idle server reads nothing. Sessions are built from an
// immutable snapshot (a shared_ptr swapped under a mutex), so a change reaches
// the connections and jobs that start after it and never one under way.
// Restart-only changes are logged and listed by pendingRestart().
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "net/certificate.h"
#include "serverstatus.h"

#include <QHostAddress>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

namespace fumibako
{

class Authenticator;
class AuthThrottle;
class ConnectionLimiter;
class Database;
class Delivery;
class EventLog;
class IoThreadPool;
class KeyedCounter;
class Listener;
class MaildropLock;
class MailStorage;
class MemoryBudget;
class OutboundQueue;
class Quarantine;
class ArchiveIndexer;
class Scheduler;
class SearchTextCache;
class Settings;
class StoredAccounts;
class StoreWriter;
class WebServer;

class MailServer : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString dataDir;
        QString bindAddress;      // empty: the server.bind setting
        QMap<QString, int> ports; // name → port; overrides ports.* settings
        bool echoLog = false;     // copy log lines to stderr (fumibakod)
        int ioThreads = 0;        // 0: one per core
        QByteArray relayPassword; // smarthost password; empty: the data dir's relay-password file
        const Clock *clock = Clock::system(); // of every time-based rule; tests pass a TestClock
        int settingsPollMs =
            1000; // how often to look for changed settings; 0: only reloadSettings()
    };

    explicit MailServer(Options options, QObject *parent = nullptr);
    ~MailServer() override;

    // smtp, submission, smtps, pop3, pop3s, imap, imaps, web (HTTPS: the release links)
    static const QStringList &listenerNames();

    Result<void> start();
    // Stops accepting, drains sessions (at most `graceMs`), then emits stopped().
    void stop(int graceMs = 10000);
    bool isRunning() const { return m_running; }

    ServerStatus status() const;
    // Makes the outbound queue scan now (after the console's "retry now"); on the server's thread.
    void wakeQueue();
    // Reads the active DKIM keys again and hands them to the outbound queue
    // (the console activated or retired one); on the server's thread. On an
    // error the queue keeps the keys it had. Nothing to do while stopped.
    Result<void> reloadDkimKeys();
    // Reads the settings again and applies the live ones that changed to new
    // sessions and jobs (the poll calls it; so may anyone who just stored one).
    // Returns the live keys applied; restart-only changes go to pendingRestart().
    Result<QStringList> reloadSettings();
    // Restart-only settings whose stored value differs from the one this server started with.
    QStringList pendingRestart() const;
    const Database &database() const;
    // The timed jobs ("queue.housekeeping", "log.retention", "quarantine.retention",
    // "quarantine.summary"); null until start().
    Scheduler *scheduler() const { return m_scheduler.get(); }
    // The web listener's base URL with server.hostname, as the Spam Summary's
    // links have it (https://HOST:PORT/); empty while stopped.
    QString webUrl() const;
    // Sends the Spam Summaries due now (the scheduler's job; tests may call it);
    // `done` on the server's thread with how many went out.
    void sendSpamSummaries(std::function<void(Result<int>)> done);

Q_SIGNALS:
    void listening(const QString &name, const QHostAddress &address, quint16 port);
    void stopped();
    // After reloadSettings() found changes: the live keys now in force, and
    // every restart-only key waiting for a restart.
    void settingsChanged(const QStringList &applied, const QStringList &pendingRestart);

private:
    struct LiveConfig;
    std::shared_ptr<const LiveConfig> makeLiveConfig(const Settings &settings) const;
    std::shared_ptr<const LiveConfig> liveConfig() const; // any thread
    void applyLive(const Settings &settings);
    void pollSettings();
    Result<void> startQueue(const class Settings &settings);
    Result<void> startScheduler(const class Settings &settings);
    Result<void> addScanSteps(const class Settings &settings);
    // The mail a submission sender gets when clamd found a virus in what
    // they sent (the FAQ's 「【ウイルス検出】送信メールを削除しました」).
    void sendVirusNotice(const struct PipelineMessage &message, const QString &virus);
    Result<void> startWeb(const QHostAddress &address, const class Settings &settings,
                          const QSslConfiguration &tls);
    void stopQueue();
    void finishStop();

    Options m_options;
    bool m_running = false;
    bool m_stopping = false;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<EventLog> m_log;
    std::unique_ptr<MailStorage> m_storage; // what POP3 and IMAP sessions see of the store
    std::unique_ptr<Delivery> m_delivery;
    std::unique_ptr<Quarantine> m_quarantine; // the pipeline's QuarantineSink
    std::unique_ptr<ArchiveIndexer> m_archiveIndexer;
    std::unique_ptr<AuthThrottle> m_throttle;
    std::unique_ptr<StoredAccounts> m_accounts; // what m_auth looks logins up in
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<MaildropLock> m_maildropLocks;
    std::unique_ptr<MemoryBudget> m_messageMemory;
    std::unique_ptr<ConnectionLimiter> m_limiter;
    std::unique_ptr<KeyedCounter> m_imapUserSessions;
    std::unique_ptr<IoThreadPool> m_pool;
    std::unique_ptr<QThread> m_queueThread;
    OutboundQueue *m_queue = nullptr; // lives on m_queueThread
    std::unique_ptr<Scheduler> m_scheduler;
    QList<Listener *> m_listeners;
    // What the web's archive search pages ask; outlives m_web and its workers' reads.
    std::unique_ptr<class ArchiveService> m_archiveSearch;
    std::unique_ptr<WebServer> m_web; // the ports.web listener; uses m_storage and m_log
    QByteArray m_releaseKey;          // the release links' HMAC key (web/releasetoken.h)
    std::shared_ptr<SearchTextCache> m_searchCache;
    QString m_hostname;                        // server.hostname as started
    QByteArray m_dkimInUse;                    // dkimFingerprint of the queue's keys
    std::unique_ptr<Settings> m_startSettings; // as started (restart-only keys)
    std::unique_ptr<Settings> m_settings;      // as last read
    mutable QMutex m_liveMutex;
    std::shared_ptr<const LiveConfig> m_live; // guarded by m_liveMutex
    QTimer m_settingsPoll;
    qint64 m_dataVersion = -1;
    mutable Certificate::Info
        m_certificate; // cache for status(), which runs on the server's thread
    mutable QDateTime m_certificateModified;
};

} // namespace fumibako
