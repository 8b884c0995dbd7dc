#include "mailserver.h"

#include "archive/archiveindexer.h"
#include "archiveservice.h"
#include "auth/authenticator.h"
#include "common/memorybudget.h"
#include "common/worker.h"
#include "datadir.h"
#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "dkimkeys.h"
#include "imap/imapsession.h"
#include "imap/searchtextcache.h"
#include "net/certificate.h"
#include "net/connectionlimiter.h"
#include "net/iothreadpool.h"
#include "net/listener.h"
#include "net/tlsconfig.h"
#include "outboundsettings.h"
#include "pop3/maildroplock.h"
#include "pop3/pop3session.h"
#include "quarantineservice.h"
#include "queue/outboundqueue.h"
#include "scan/quarantine.h"
#include "scan/scansteps.h"
#include "scan/spamfilter.h"
#include "scan/virusnotice.h"
#include "scheduler.h"
#include "settings.h"
#include "smtp/smtpsession.h"
#include "store/accountstore.h"
#include "store/database.h"
#include "store/eventlog.h"
#include "store/logstore.h"
#include "store/maildir.h"
#include "store/mailstorage.h"
#include "store/orphansweep.h"
#include "store/storewriter.h"
#include "web/releasetoken.h"
#include "web/spamsummary.h"
#include "web/webserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace fumibako
{

namespace
{

// Which keys sign: each one's DNS name and private key, in a stable order.
QByteArray dkimFingerprint(const QHash<QString, QList<DkimKey>> &keys)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList domains = keys.keys();
    domains.sort();
    for (const QString &domain : std::as_const(domains))
        for (const DkimKey &k : keys.value(domain)) {
            hash.addData(k.dnsName().toUtf8() + '\n');
            hash.addData(k.privateKeyPem());
        }
    return hash.result();
}

} // namespace

// What sessions and jobs read from the settings marked Live, as values: a
// session copies its part when it is made, so a later change never reaches it.
struct MailServer::LiveConfig {
    SmtpConfig smtp; // role set per listener
    ImapConfig imap; // implicitTls set per listener
    Pop3Config pop3; // implicitTls set per listener
    SessionLimits smtpLimits, pop3Limits, imapLimits;
    qint64 logRetentionDays = 90;
    int quarantineDays = 7;
};

MailServer::MailServer(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    m_settingsPoll.setInterval(m_options.settingsPollMs);
    connect(&m_settingsPoll, &QTimer::timeout, this, &MailServer::pollSettings);
}

MailServer::~MailServer()
{
    if (m_scheduler)
        m_scheduler->stop();
    qDeleteAll(m_listeners);
    m_listeners.clear();
    if (m_pool)
        m_pool->stop();
    if (m_queue)
        QMetaObject::invokeMethod(
            m_queue, [q = m_queue]() { q->stop(); }, Qt::BlockingQueuedConnection);
    if (m_writer) {
        m_writer->stop();
        m_writer->wait();
    }
    stopQueue();
    // A read still on a worker (a scheduled job's, a session's) holds the
    // Database the members below close; its result is dropped, but it must end first.
    waitForWorkers(30000);
}

const QStringList &MailServer::listenerNames()
{
    static const QStringList names = {QStringLiteral("smtp"),  QStringLiteral("submission"),
                                      QStringLiteral("smtps"), QStringLiteral("pop3"),
                                      QStringLiteral("pop3s"), QStringLiteral("imap"),
                                      QStringLiteral("imaps"), QStringLiteral("web")};
    return names;
}

const Database &MailServer::database() const
{
    return *m_db;
}

Result<void> MailServer::start()
{
    DataDir dir(m_options.dataDir);
    if (!dir.isInitialized())
        return Error::notFound(
            QStringLiteral("%1 is not a Fumibako data directory; create it with "
                           "`fumibakoctl --data-dir %1 init --domain YOUR.DOMAIN`")
                .arg(m_options.dataDir));
    if (auto r = dir.ensureLayout(); !r)
        return r;
    m_db = std::make_unique<Database>(dir.databaseFile());
    if (auto r = m_db->migrate(); !r)
        return r;
    if (auto r = StoreWriter::recover(*m_db); !r)
        return r;
    auto orphans =
        OrphanSweep::run(*m_db, dir.mailRoot(), dir.queueDir(), Quarantine::directory(dir.path()));
    if (!orphans)
        return orphans.error();
    auto settings = Settings::load(*m_db);
    if (!settings)
        return settings.error();
    auto tls = loadServerTls(dir.certificateFile(), dir.keyFile());
    if (!tls)
        return tls.error();

    m_writer = std::make_unique<StoreWriter>(dir.databaseFile());
    m_writer->start();
    m_log = std::make_unique<EventLog>(m_writer.get(), m_options.echoLog, m_options.clock);
    for (const QString &file : std::as_const(*orphans))
        m_log->add(
            LogEntry::Kind::System, QString(), QString(),
            QStringLiteral(
                "removed %1: no committed message names it (a delivery interrupted before its 250)")
                .arg(file));
    const QString hostname = settings->value(QStringLiteral("server.hostname"));
    m_storage = std::make_unique<MailStorage>(*m_db, m_writer.get(), dir.mailRoot());
    m_delivery = std::make_unique<Delivery>(*m_db, *m_storage, m_log.get(), dir.queueDir(),
                                            hostname, m_options.clock);
    m_delivery->setForwardRate(int(settings->integer(QStringLiteral("forward.local_per_minute"))));
    m_archiveIndexer = std::make_unique<ArchiveIndexer>(*m_db, m_writer.get(), dir.archiveDir());
    ArchiveIndexer *indexer = m_archiveIndexer.get();
    m_delivery->setArchive([indexer]() { indexer->poke(); });
    indexer->start(); // what a previous run left unindexed
    const QString quarantineRoot = Quarantine::directory(dir.path());
    if (auto r = Quarantine::ensureDirectory(quarantineRoot); !r)
        return r;
    m_quarantine = std::make_unique<Quarantine>(*m_db, *m_storage, quarantineRoot, dir.mailRoot(),
                                                m_log.get(), m_options.clock);
    m_delivery->pipeline().setQuarantine(m_quarantine.get());
    if (auto scan = addScanSteps(*settings); !scan)
        return scan.error();
    m_throttle = std::make_unique<AuthThrottle>(AuthThrottle::Limits{}, m_options.clock);
    m_accounts = std::make_unique<StoredAccounts>(*m_db);
    m_auth = std::make_unique<Authenticator>(*m_accounts, m_throttle.get(), m_options.clock);
    m_auth->setCacheSeconds(int(settings->integer(QStringLiteral("auth.cache_seconds"))));
    m_maildropLocks = std::make_unique<MaildropLock>();
    m_messageMemory =
        std::make_unique<MemoryBudget>(settings->integer(QStringLiteral("limits.message_memory")));
    m_limiter = std::make_unique<ConnectionLimiter>();
    m_imapUserSessions = std::make_unique<KeyedCounter>();
    m_pool = std::make_unique<IoThreadPool>(m_options.ioThreads);
    const qint64 searchCacheBytes = settings->integer(QStringLiteral("imap.search_cache"));
    m_searchCache =
        searchCacheBytes > 0 ? std::make_shared<SearchTextCache>(searchCacheBytes) : nullptr;
    m_hostname = hostname;
    m_startSettings = std::make_unique<Settings>(*settings);
    m_settings = std::make_unique<Settings>(*settings);
    applyLive(*settings);

    QString bind = m_options.bindAddress.isEmpty() ? settings->value(QStringLiteral("server.bind"))
                                                   : m_options.bindAddress;
    const QHostAddress address =
        bind == QLatin1String("*") ? QHostAddress(QHostAddress::Any) : QHostAddress(bind);
    if (address.isNull())
        return Error::invalid(
            QStringLiteral("cannot listen on \"%1\": not an IP address").arg(bind));

    const QSslConfiguration tlsConf = *tls;
    for (const QString &name : listenerNames()) {
        if (name == QLatin1String("web"))
            continue; // HTTP, not a mail session: startWeb() below
        const int port = m_options.ports.contains(name)
                             ? m_options.ports.value(name)
                             : int(settings->integer(QStringLiteral("ports.") + name));
        // Runs on an I/O thread for each new connection, with the live settings of that moment.
        Listener::Factory factory;
        if (name.startsWith(QLatin1String("imap"))) {
            const bool implicitTls = name == QLatin1String("imaps");
            factory = [this, tlsConf, implicitTls](QObject *parent) -> Session * {
                const auto live = liveConfig();
                ImapConfig c = live->imap;
                c.implicitTls = implicitTls;
                return new ImapSession(c, m_auth.get(), m_storage.get(), &m_delivery->pipeline(),
                                       m_log.get(), tlsConf, live->imapLimits, m_limiter.get(),
                                       parent);
            };
        } else if (name.startsWith(QLatin1String("pop3"))) {
            const bool implicitTls = name == QLatin1String("pop3s");
            factory = [this, tlsConf, implicitTls](QObject *parent) -> Session * {
                const auto live = liveConfig();
                Pop3Config c = live->pop3;
                c.implicitTls = implicitTls;
                return new Pop3Session(c, m_auth.get(), m_storage.get(), m_log.get(),
                                       m_maildropLocks.get(), tlsConf, live->pop3Limits,
                                       m_limiter.get(), parent);
            };
        } else {
            const SmtpConfig::Role role = name == QLatin1String("smtp") ? SmtpConfig::Role::Mx
                                          : name == QLatin1String("submission")
                                              ? SmtpConfig::Role::Submission
                                              : SmtpConfig::Role::Smtps;
            factory = [this, tlsConf, role](QObject *parent) -> Session * {
                const auto live = liveConfig();
                SmtpConfig c = live->smtp;
                c.role = role;
                return new SmtpSession(c, m_auth.get(), m_delivery.get(), m_log.get(), tlsConf,
                                       live->smtpLimits, m_limiter.get(), parent);
            };
        }
        auto *listener = new Listener(name, m_pool.get(), factory, this);
        listener->setMaxPendingConnections(256);
        if (!listener->listen(address, quint16(port))) {
            const QString why = listener->errorString();
            delete listener;
            return Error::permanent(QStringLiteral("cannot listen on %1 port %2 (%3): %4")
                                        .arg(address.toString())
                                        .arg(port)
                                        .arg(name, why));
        }
        m_listeners << listener;
    }
    if (auto web = startWeb(address, *settings, tlsConf); !web)
        return web;
    if (auto q = startQueue(*settings); !q)
        return q;
    if (auto r = startScheduler(*settings); !r)
        return r;
    m_running = true;
    if (auto v = m_db->exec(QStringLiteral("PRAGMA data_version")); v && v->next())
        m_dataVersion = v->value(0).toLongLong();
    if (m_options.settingsPollMs > 0)
        m_settingsPoll.start();
    m_log->add(LogEntry::Kind::System, QString(), QString(), QStringLiteral("server started"));
    for (Listener *l : std::as_const(m_listeners))
        Q_EMIT listening(l->name(), l->serverAddress(), l->serverPort());
    Q_EMIT listening(QStringLiteral("web"), m_web->serverAddress(), m_web->serverPort());
    return {};
}

void MailServer::stop(int graceMs)
{
    if (!m_running || m_stopping) {
        if (!m_running)
            Q_EMIT stopped();
        return;
    }
    m_stopping = true;
    for (Listener *l : std::as_const(m_listeners))
        l->close();
    m_web->close();
    m_pool->dispatchAll([](QObject *context) {
        for (Session *s : context->findChildren<Session *>(Qt::FindDirectChildrenOnly))
            s->requestDrain();
    });
    auto *poll = new QTimer(this);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + graceMs;
    connect(poll, &QTimer::timeout, this, [this, poll, deadline]() {
        if (m_pool->sessionCount() > 0 && QDateTime::currentMSecsSinceEpoch() < deadline)
            return;
        poll->deleteLater();
        finishStop();
    });
    poll->start(50);
}

void MailServer::finishStop()
{
    m_log->add(LogEntry::Kind::System, QString(), QString(), QStringLiteral("server stopped"));
    m_settingsPoll.stop();
    m_scheduler->stop(); // no job starts now; one under way ends when the writer has finished
    qDeleteAll(m_listeners);
    m_listeners.clear();
    m_web.reset();  // a release being committed still is; its page is not sent
    m_pool->stop(); // closes whatever the grace period did not
    if (m_queue)    // drops its connections; what was recorded is being committed
        QMetaObject::invokeMethod(
            m_queue, [q = m_queue]() { q->stop(); }, Qt::BlockingQueuedConnection);
    m_writer->stop(); // commits what was submitted
    m_writer->wait();
    stopQueue();           // after the writer: its last callbacks go to the queue's thread
    waitForWorkers(30000); // reads under way end before anyone may close the store
    m_running = false;
    m_stopping = false;
    Q_EMIT stopped();
}

Result<void> MailServer::startQueue(const Settings &settings)
{
    DataDir dir(m_options.dataDir);
    auto config = OutboundSettings::config(settings);
    if (!config)
        return config.error();
    OutboundConfig c = std::move(*config);
    c.relay.password =
        m_options.relayPassword.isEmpty() ? dir.relayPassword() : m_options.relayPassword;
    auto dkimKeys = DkimKeyStore(dir, *m_db, m_options.clock).signers();
    if (!dkimKeys)
        return dkimKeys.error();
    c.dkimKeys = *dkimKeys;
    m_dkimInUse = dkimFingerprint(*dkimKeys);

    m_queueThread = std::make_unique<QThread>();
    m_queueThread->setObjectName(QStringLiteral("outbound queue"));
    m_queue = new OutboundQueue(c, m_delivery.get(), m_options.clock);
    m_queue->moveToThread(m_queueThread.get());
    m_queueThread->start();
    OutboundQueue *queue = m_queue;
    m_delivery->setOutboundNotifier([queue]() { queue->wake(); });
    QMetaObject::invokeMethod(
        m_queue, [queue]() { queue->start(); }, Qt::QueuedConnection);
    return {};
}

// The scanners go after the cleanup steps, so they see the trace fields the
// message will be stored with; clamd before spamd, so spam is scored on what
// the mailbox gets; the spam filters after both (scan/spamfilter.h).
Result<void> MailServer::addScanSteps(const Settings &settings)
{
    const int timeoutMs = int(settings.integer(QStringLiteral("scan.timeout"))) * 1000;
    const int concurrent = int(settings.integer(QStringLiteral("scan.max_concurrent")));
    const QString clamd = settings.value(QStringLiteral("scan.clamd"));
    if (!clamd.isEmpty()) {
        auto address = ScannerAddress::parse(clamd);
        if (!address)
            return address.error();
        m_delivery->pipeline().append(std::make_unique<VirusScanStep>(
            ClamdClient(*address, {timeoutMs, 0}),
            VirusScanStep::parseAction(settings.value(QStringLiteral("scan.virus_action"))),
            std::make_shared<ScanGate>(concurrent), m_log.get(),
            [this](const PipelineMessage &message, const QString &virus) {
                // Called on the thread clamd answered on; the notice is written on ours.
                QMetaObject::invokeMethod(
                    this, [this, message, virus]() { sendVirusNotice(message, virus); },
                    Qt::QueuedConnection);
            }));
    }
    const QString spamd = settings.value(QStringLiteral("scan.spamd"));
    if (!spamd.isEmpty()) {
        auto address = ScannerAddress::parse(spamd);
        if (!address)
            return address.error();
        m_delivery->pipeline().append(std::make_unique<SpamScanStep>(
            SpamdClient(*address, {timeoutMs, SpamdOptions().maxMessageSize}),
            settings.value(QStringLiteral("scan.spam_threshold")).toDouble(),
            settings.value(QStringLiteral("scan.spam")).split(QLatin1Char(','), Qt::SkipEmptyParts),
            std::make_shared<ScanGate>(concurrent), m_log.get(),
            SpamScanStep::parseAction(settings.value(QStringLiteral("scan.spam_action")))));
    }
    // The filters last: they judge the score, and work without spamd too.
    SpamFilter::Policy policy;
    policy.threshold = settings.value(QStringLiteral("scan.spam_threshold")).toDouble();
    policy.quarantineSpam =
        !spamd.isEmpty() &&
        SpamScanStep::parseAction(settings.value(QStringLiteral("scan.spam_action"))) ==
            SpamScanStep::Action::Quarantine;
    m_delivery->pipeline().append(std::make_unique<SpamFilterStep>(*m_storage, policy));
    return {};
}

void MailServer::sendVirusNotice(const PipelineMessage &message, const QString &virus)
{
    auto to = MailAddress::parse(message.envelope.sender);
    if (!to || !m_delivery)
        return; // the null sender: nobody to tell
    VirusNoticeInput in;
    in.reportingMta = m_hostname;
    in.postmasterDomain = m_delivery->noticeDomain();
    in.sender = to->toString();
    in.recipients = message.envelope.recipients;
    in.virusName = virus;
    in.original = message.message;
    in.now = m_options.clock->now().toLocalTime();
    auto request = m_delivery->noticeRequest(*to, virusNoticeMessage(in));
    if (!request)
        return;
    Envelope envelope;
    envelope.source = Envelope::Source::Internal;
    envelope.id = request->messageId;
    envelope.recipients = {to->toString()};
    const QString about = message.envelope.id;
    m_delivery->pipeline().submit(
        envelope, std::move(*request), this, [this, about, to = to->toString()](PipelineOutcome o) {
            LogEntry e;
            e.kind = LogEntry::Kind::Delivery;
            e.address = to;
            e.messageId = o.id;
            e.headerMessageId = o.headerMessageId;
            e.result = o.kind == PipelineOutcome::Kind::Delivered ? QStringLiteral("sent")
                                                                  : QStringLiteral("failed");
            e.text = QStringLiteral("id=%1 virus notice about id=%2 %3")
                         .arg(o.id, about,
                              o.kind == PipelineOutcome::Kind::Delivered
                                  ? QStringLiteral("delivered")
                                  : QStringLiteral("not delivered: ") + o.error.message);
            m_log->add(std::move(e));
        });
}

Result<void> MailServer::startWeb(const QHostAddress &address, const Settings &settings,
                                  const QSslConfiguration &tls)
{
    auto key = releaseKey(*m_db);
    if (!key)
        return key.error();
    m_releaseKey = *key;
    const DataDir dir(m_options.dataDir);
    m_archiveSearch = std::make_unique<ArchiveService>(*m_db, dir, m_options.clock);
    m_web = std::make_unique<WebServer>(
        *m_storage, m_log.get(), m_options.clock,
        WebServer::Config{m_releaseKey, Quarantine::directory(dir.path()), dir.mailRoot(),
                          m_limiter.get(), m_archiveSearch.get(), m_throttle.get()});
    const QString name = QStringLiteral("web");
    const int port = m_options.ports.contains(name)
                         ? m_options.ports.value(name)
                         : int(settings.integer(QStringLiteral("ports.") + name));
    if (auto r = m_web->listen(address, quint16(port), tls); !r)
        return r;
    // Where the links must point, for fumibakoctl's summaries (a port 0 took any).
    if (auto r = m_db->exec(QStringLiteral("INSERT INTO listener_ports (name, port) VALUES (?, ?) "
                                           "ON CONFLICT (name) DO UPDATE SET port = excluded.port"),
                            {name, int(m_web->serverPort())});
        !r)
        return r.error();
    return {};
}

QString MailServer::webUrl() const
{
    if (!m_web || !m_web->isListening())
        return {};
    return releaseUrl(m_hostname, m_web->serverPort(), QString()).section(QLatin1Char('/'), 0, 2) +
           QLatin1Char('/');
}

void MailServer::sendSpamSummaries(std::function<void(Result<int>)> done)
{
    // Not m_running: the scheduler's catch-up run comes during start().
    if (!m_web || m_stopping)
        return done(Error::temporary(QStringLiteral("the server is not running")));
    SpamSummaryConfig config;
    config.hostname = m_hostname;
    config.webPort = m_web->serverPort();
    config.key = m_releaseKey;
    config.retentionDays = [db = m_db.get(), settings = *m_settings](qint64 accountId) {
        return QuarantineService::retentionDays(*db, settings, accountId);
    };
    const QDateTime now = m_options.clock->now();
    Delivery *delivery = m_delivery.get();
    m_storage->read<QList<PreparedSummary>>(
        this,
        [delivery, config, now](const Database &db) {
            return prepareSpamSummaries(db, *delivery, config, now);
        },
        [this, delivery, now, done](Result<QList<PreparedSummary>> due) {
            if (!due)
                return done(due.error());
            if (due->isEmpty())
                return done(0);
            // Each summary passes the steps for Internal mail, then goes into
            // the store with the marks of what it lists, in one commit.
            auto left = std::make_shared<int>(int(due->size()));
            auto sent = std::make_shared<int>(0);
            for (PreparedSummary &summary : *due) {
                const QString account = summary.account;
                const QString id = summary.request.messageId;
                QList<qint64> ids = summary.ids;
                auto finished = [this, left, sent, done, account, id](Result<void> r) {
                    LogEntry e;
                    e.kind = LogEntry::Kind::Delivery;
                    e.address = account;
                    e.messageId = id;
                    e.result = r ? QStringLiteral("sent") : QStringLiteral("failed");
                    e.text = r ? QStringLiteral("id=%1 Spam Summary delivered").arg(id)
                               : QStringLiteral("id=%1 Spam Summary not delivered: %2")
                                     .arg(id, r.error().message);
                    m_log->add(std::move(e));
                    if (r)
                        ++*sent;
                    if (--*left == 0)
                        done(*sent);
                };
                delivery->pipeline().prepareInternal(
                    {std::move(summary.request)}, id, this,
                    [this, ids, now, finished](Result<QList<DeliveryRequest>> prepared) {
                        if (!prepared)
                            return finished(prepared.error());
                        QList<std::shared_ptr<StoreJob>> jobs;
                        for (DeliveryRequest &r : *prepared)
                            jobs << std::make_shared<DeliveryJob>(std::move(r));
                        // A step that dropped or held the summary: its copies count as listed.
                        jobs << summaryMarkJob(ids, now);
                        m_storage->commit(std::make_shared<CompositeJob>(std::move(jobs)), this,
                                          finished);
                    });
            }
        });
}

Result<void> MailServer::startScheduler(const Settings &settings)
{
    m_scheduler = std::make_unique<Scheduler>(*m_db, m_writer.get(), m_log.get(), m_options.clock,
                                              QTimeZone::systemTimeZone(), this);
    OutboundQueue *queue = m_queue;
    m_scheduler->add(QStringLiteral("queue.housekeeping"), Scheduler::Period::every(60),
                     [queue](Scheduler::Done done) {
                         QMetaObject::invokeMethod(
                             queue,
                             [queue, done]() {
                                 queue->housekeeping();
                                 done();
                             },
                             Qt::QueuedConnection);
                     });
    EventLog *log = m_log.get();
    const Clock *clock = m_options.clock;
    m_scheduler->add(
        QStringLiteral("log.retention"), Scheduler::Period::daily(QTime(3, 0)),
        [this, log, clock](Scheduler::Done done) {
            const qint64 retentionDays =
                liveConfig()->logRetentionDays; // log.retention_days as of this run
            log->prune(clock->now().addDays(-retentionDays), [log, retentionDays,
                                                              done](Result<qint64> deleted) {
                if (!deleted)
                    log->add(
                        LogEntry::Kind::System, QString(), QString(),
                        QStringLiteral("log retention stopped: %1").arg(deleted.error().message));
                else if (*deleted > 0)
                    log->add(LogEntry::Kind::System, QString(), QString(),
                             QStringLiteral("log retention: deleted %1 entries older than %2 days")
                                 .arg(*deleted)
                                 .arg(retentionDays));
                done();
            });
        });
    // The quarantine's retention (scan.quarantine_days as of the run), an hour
    // after the log's: what was held longer is deleted, each with an audit line.
    Quarantine *quarantine = m_quarantine.get();
    m_scheduler->add(QStringLiteral("quarantine.retention"), Scheduler::Period::daily(QTime(4, 0)),
                     [this, log, quarantine](Scheduler::Done done) {
                         const int days = liveConfig()->quarantineDays;
                         quarantine->sweep(
                             days, QStringLiteral("retention"), this,
                             [log, days, done](Result<qint64> deleted) {
                                 if (!deleted)
                                     log->add(LogEntry::Kind::System, QString(), QString(),
                                              QStringLiteral("quarantine retention stopped: %1")
                                                  .arg(deleted.error().message));
                                 else if (*deleted > 0)
                                     log->add(LogEntry::Kind::System, QString(), QString(),
                                              QStringLiteral("quarantine retention: deleted %1 "
                                                             "messages held over %2 days")
                                                  .arg(*deleted)
                                                  .arg(days));
                                 done();
                             });
                     });
    // The archive's retention and cap (archive.sent_days, received_days,
    // capacity_mb as of the run) and its capacity warnings, at 03:30.
    m_scheduler->add(QStringLiteral("archive.retention"), Scheduler::Period::daily(QTime(3, 30)),
                     [this, log, clock](Scheduler::Done done) {
                         const Database *db = m_db.get();
                         const QString dataDir = m_options.dataDir;
                         runOnWorker(this, [db, dataDir, clock, log, done]() {
                             auto deleted = ArchiveService(*db, DataDir(dataDir), clock).sweep();
                             return [deleted, log, done]() {
                                 if (!deleted)
                                     log->add(LogEntry::Kind::System, QString(), QString(),
                                              QStringLiteral("archive retention stopped: %1")
                                                  .arg(deleted.error().message));
                                 else if (*deleted > 0)
                                     log->add(LogEntry::Kind::System, QString(), QString(),
                                              QStringLiteral("archive retention: deleted %1 "
                                                             "messages")
                                                  .arg(*deleted));
                                 done();
                             };
                         });
                     });
    // The Spam Summary at scan.summary_time (restart-only: the scheduler's
    // slots are set at start), after the retention sweep has run at 04:00.
    const QTime summaryAt = QTime::fromString(settings.value(QStringLiteral("scan.summary_time")),
                                              QStringLiteral("HH:mm"));
    m_scheduler->add(
        QStringLiteral("quarantine.summary"),
        Scheduler::Period::daily(summaryAt.isValid() ? summaryAt : QTime(5, 0)),
        [this, log](Scheduler::Done done) {
            sendSpamSummaries([log, done](Result<int> sent) {
                if (!sent)
                    log->add(LogEntry::Kind::System, QString(), QString(),
                             QStringLiteral("Spam Summary not sent: %1").arg(sent.error().message));
                else if (*sent > 0)
                    log->add(LogEntry::Kind::System, QString(), QString(),
                             QStringLiteral("Spam Summary sent to %1 accounts").arg(*sent));
                done();
            });
        });
    return m_scheduler->start();
}

std::shared_ptr<const MailServer::LiveConfig>
MailServer::makeLiveConfig(const Settings &settings) const
{
    auto live = std::make_shared<LiveConfig>();
    const bool plainLoopback = settings.flag(QStringLiteral("auth.allow_plaintext_loopback"));
    const int failureDelay = int(settings.integer(QStringLiteral("auth.failure_delay_ms")));
    const qint64 maxMessageSize = settings.integer(QStringLiteral("smtp.max_message_size"));

    SessionLimits &smtpLimits = live->smtpLimits;
    smtpLimits.idleTimeoutMs = int(settings.integer(QStringLiteral("smtp.idle_timeout")) * 1000);
    smtpLimits.maxErrors = int(settings.integer(QStringLiteral("limits.protocol_errors")));
    smtpLimits.maxLine =
        2048; // Postfix line_length_limit; commands only, DATA is unbounded per line
    live->pop3Limits = smtpLimits;
    live->pop3Limits.idleTimeoutMs =
        int(settings.integer(QStringLiteral("pop3.idle_timeout")) * 1000);
    live->pop3Limits.maxLine = 1024; // RFC 2449 4 allows 255; be lenient with long AUTH lines
    live->imapLimits = smtpLimits;
    live->imapLimits.idleTimeoutMs =
        int(settings.integer(QStringLiteral("imap.idle_timeout")) * 1000);
    live->imapLimits.maxLine =
        8192; // only IDLE's DONE and AUTHENTICATE lines; commands have the parser's limits

    SmtpConfig &smtp = live->smtp;
    smtp.hostname = m_hostname; // restart-only: Delivery and the queue took it at start
    smtp.maxMessageSize = maxMessageSize;
    smtp.maxRecipients = int(settings.integer(QStringLiteral("smtp.max_recipients")));
    smtp.allowPlaintextAuthOnLoopback = plainLoopback;
    smtp.authFailureDelayMs = failureDelay;
    smtp.messageMemory = m_messageMemory.get();

    ImapConfig &imap = live->imap;
    imap.allowPlaintextAuthOnLoopback = plainLoopback;
    imap.authFailureDelayMs = failureDelay;
    imap.maxMessageSize = maxMessageSize;
    imap.maxSessionsPerUserAddress =
        int(settings.integer(QStringLiteral("limits.imap_sessions_per_user")));
    imap.userSessions = m_imapUserSessions.get();
    imap.searchCache = m_searchCache;
    imap.idleCheckIntervalMs =
        int(settings.integer(QStringLiteral("imap.idle_check_interval")) * 1000);

    live->pop3 = Pop3Config{false, plainLoopback, failureDelay};
    live->logRetentionDays = settings.integer(QStringLiteral("log.retention_days"));
    live->quarantineDays = int(settings.integer(QStringLiteral("scan.quarantine_days")));
    return live;
}

std::shared_ptr<const MailServer::LiveConfig> MailServer::liveConfig() const
{
    QMutexLocker lock(&m_liveMutex);
    return m_live;
}

void MailServer::applyLive(const Settings &settings)
{
    auto live = makeLiveConfig(settings);
    {
        QMutexLocker lock(&m_liveMutex);
        m_live = std::move(live);
    }
    // These two count across sessions and lock inside: new limits hold from the next check on.
    AuthThrottle::Limits throttle;
    throttle.failures = int(settings.integer(QStringLiteral("auth.lockout_failures")));
    throttle.lockoutMs = settings.integer(QStringLiteral("auth.lockout_minutes")) * 60 * 1000;
    throttle.windowMs = throttle.lockoutMs;
    m_throttle->setLimits(throttle);
    m_limiter->setLimits(int(settings.integer(QStringLiteral("limits.connections_per_ip"))),
                         int(settings.integer(QStringLiteral("limits.connections_total"))));
    m_delivery->setArchiveSent(settings.flag(QStringLiteral("archive.sent")));
}

void MailServer::pollSettings()
{
    if (!m_running || m_stopping)
        return;
    auto v = m_db->exec(QStringLiteral("PRAGMA data_version"));
    if (!v || !v->next())
        return;
    const qint64 version = v->value(0).toLongLong();
    if (version == m_dataVersion)
        return;
    m_dataVersion = version;
    (void)reloadSettings(); // a failure is logged there; the next commit tries again
}

Result<QStringList> MailServer::reloadSettings()
{
    if (!m_running)
        return QStringList();
    auto settings = Settings::load(*m_db);
    if (!settings) {
        m_log->add(LogEntry::Kind::System, QString(), QString(),
                   QStringLiteral("settings not reloaded: %1").arg(settings.error().message));
        return settings.error();
    }
    const QStringList changed = settings->changedFrom(*m_settings);
    if (changed.isEmpty())
        return QStringList();
    const QStringList restart = Settings::restartOnly(changed);
    QStringList applied;
    for (const QString &key : changed)
        if (!restart.contains(key))
            applied << key;
    *m_settings = std::move(*settings);
    if (!applied.isEmpty()) {
        applyLive(*m_settings);
        m_log->add(LogEntry::Kind::System, QString(), QString(),
                   QStringLiteral("settings applied to new connections: %1")
                       .arg(applied.join(QStringLiteral(", "))));
        if (applied.contains(QStringLiteral("dkim.selectors")))
            (void)reloadDkimKeys(); // logs its outcome
    }
    if (!restart.isEmpty())
        m_log->add(LogEntry::Kind::System, QString(), QString(),
                   QStringLiteral("settings changed that take effect when the server restarts: %1")
                       .arg(restart.join(QStringLiteral(", "))));
    Q_EMIT settingsChanged(applied, pendingRestart());
    return applied;
}

QStringList MailServer::pendingRestart() const
{
    if (!m_settings || !m_startSettings)
        return {};
    return Settings::restartOnly(m_settings->changedFrom(*m_startSettings));
}

void MailServer::wakeQueue()
{
    if (m_queue)
        m_queue->wake();
}

Result<void> MailServer::reloadDkimKeys()
{
    if (!m_queue)
        return {};
    auto keys = DkimKeyStore(DataDir(m_options.dataDir), *m_db, m_options.clock).signers();
    if (!keys) {
        m_log->add(
            LogEntry::Kind::System, QString(), QString(),
            QStringLiteral("DKIM keys not reloaded, still signing with the previous ones: %1")
                .arg(keys.error().message));
        return keys.error();
    }
    // Asked twice for one change (the console asks, and the settings poll sees
    // dkim.selectors change): the second finds the keys in use and says nothing.
    const QByteArray fingerprint = dkimFingerprint(*keys);
    if (fingerprint == m_dkimInUse)
        return {};
    m_dkimInUse = fingerprint;
    QStringList names;
    for (auto it = keys->cbegin(); it != keys->cend(); ++it)
        for (const DkimKey &k : it.value())
            names << k.dnsName();
    names.sort();
    m_log->add(
        LogEntry::Kind::System, QString(), QString(),
        QStringLiteral("DKIM keys reloaded: %1")
            .arg(names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
    // Queued to the queue's thread, where messages are signed: a message
    // already being sent keeps the signatures it got.
    QMetaObject::invokeMethod(
        m_queue,
        [queue = m_queue, keys = std::move(*keys)]() mutable {
            queue->setDkimKeys(std::move(keys));
        },
        Qt::QueuedConnection);
    return {};
}

void MailServer::stopQueue()
{
    if (!m_queueThread)
        return;
    m_delivery->setOutboundNotifier({});
    // Deleted on its own thread: a deferred delete still pending when the
    // thread's loop ends is carried out as the thread finishes.
    std::exchange(m_queue, nullptr)->deleteLater();
    m_queueThread->quit();
    m_queueThread->wait();
    m_queueThread.reset();
}

ServerStatus MailServer::status() const
{
    ServerStatus s;
    s.running = m_running;
    for (const QString &name : listenerNames()) {
        ListenerStatus ls;
        ls.name = name;
        for (const Listener *l : m_listeners) {
            if (l->name() == name) {
                ls.address = l->serverAddress().toString();
                ls.port = l->serverPort();
                ls.listening = l->isListening();
            }
        }
        if (name == QLatin1String("web") && m_web) {
            ls.address = m_web->serverAddress().toString();
            ls.port = m_web->serverPort();
            ls.listening = m_web->isListening();
        }
        s.listeners << ls;
    }
    s.webUrl = webUrl();
    s.openConnections = m_pool ? m_pool->sessionCount() : 0;
    if (m_db) {
        const QDateTime midnight =
            QDateTime(m_options.clock->now().toLocalTime().date(), QTime(0, 0));
        LogStore log(*m_db);
        s.receivedToday = log.countSince(LogEntry::Kind::SmtpReceive, midnight).value_or(0);
        s.sentToday = log.countSince(LogEntry::Kind::SmtpSend, midnight).value_or(0);
        if (auto q = m_db->exec(QStringLiteral(
                "SELECT COUNT(*) FROM queue_recipients WHERE state IN ('queued', 'deferred')"));
            q && q->next())
            s.queueLength = q->value(0).toLongLong();
    }
    // The dashboard polls: parse the certificate again only when the file changed.
    const QString certFile = DataDir(m_options.dataDir).certificateFile();
    const QDateTime modified = QFileInfo(certFile).lastModified();
    if (modified != m_certificateModified) {
        m_certificateModified = modified;
        m_certificate = {};
        QFile cert(certFile);
        if (cert.open(QIODevice::ReadOnly))
            if (auto info = Certificate::inspect(cert.readAll()))
                m_certificate = *info;
    }
    s.certificateSubject = m_certificate.subject;
    s.certificateNames = m_certificate.names;
    s.certificateExpiry = m_certificate.notAfter;
    return s;
}

} // namespace fumibako
