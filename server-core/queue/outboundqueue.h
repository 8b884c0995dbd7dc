// OutboundQueue: gets queued mail out, the way Postfix's queue manager does.
// Due recipients are grouped by destination (the domain's MX hosts, a
// transport rule's [host]:port, or the smarthost); each destination gets at
// most a few connections, each carrying many messages. A recipient's outcome
// is recorded (synced) right after the peer's reply, so a crash resends at
// most the recipients whose delivery was not yet recorded. 4xx and broken
// connections defer with backoff; 5xx, a null MX, an unknown domain and the
// end of the queue lifetime bounce, with an RFC 3464 report to the sender that
// passes the message pipeline (as Internal mail) and leaves the queue in the
// same transaction as the message. Lives on its own thread; the store is
// reached through Delivery (the StoreWriter). Retry times and deadlines are
// read from the server's Clock; the periodic housekeeping is a Scheduler job
// (MailServer), the retry scan a timer armed from the Clock.
#pragma once

#include "common/clock.h"
#include "delivery/deliveryjob.h"
#include "dkimsigner.h"
#include "queuestore.h"
#include "smtpclient.h"
#include "tlspolicy.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace fumibako
{

class Delivery;
class MxResolver;

// Where mail for a domain goes (transport(5)-like rules, setting queue.transports).
// Local: one of our own domains (a forwarded copy for our own mailboxes), handed
// back to the message pipeline as Forward mail rather than sent over SMTP.
struct QueueRoute {
    enum class Kind { Mx, Host, Relay, Local } kind = Kind::Mx;
    QString host;        // Host: the name or address in [host]
    quint16 port = 25;   // Host
    QString destination; // Mx: the domain

    QString key() const; // one connection limit per key
};

struct OutboundConfig {
    QString hostname;          // EHLO name
    qint64 retryMinSecs = 300; // Postfix minimal_backoff_time
    qint64 retryMaxSecs = 3600;
    qint64 delayWarningSecs = 4 * 3600; // 0: no delay notices
    qint64 lifetimeSecs = 5 * 86400;    // Postfix maximal_queue_lifetime
    int maxConnections = 20;
    int maxPerDestination = 5;
    int messagesPerConnection = 50;
    quint16 smtpPort = 25;                 // of MX hosts
    QHash<QString, QueueRoute> transports; // lower-case domain → route
    QList<QHostAddress> nameservers;       // empty: the system's resolver
    struct Relay {
        QString host; // empty: no smarthost
        quint16 port = 587;
        SmtpClientOptions::Tls tls = SmtpClientOptions::Tls::Required;
        QByteArray user;
        QByteArray password;
    } relay;
    // TLS per destination (queue.tls_policy; its default level: queue.require_tls) and the
    // trust anchors a verify level adds to the system's (queue.tls_ca_file).
    TlsPolicy tlsPolicy;
    QList<QSslCertificate> tlsCaCertificates;
    int connectTimeoutMs = 30000;
    int replyTimeoutMs = 300000;
    // DKIM: the active keys per lower-case domain. A message whose From:
    // domain is here gets one DKIM-Signature per key (DMARC aligns on From:).
    QHash<QString, QList<DkimKey>> dkimKeys;

    // "example.net=[10.0.0.5]:2525, other.jp=relay" (comma or newline separated).
    static Result<QHash<QString, QueueRoute>> parseTransports(const QString &setting);
    // What the SmtpClient is told for `route` (the smarthost, a transport host, a domain's MX):
    // TLS as the policy says, with the route's own settings (relay.tls, AUTH).
    SmtpClientOptions clientOptions(const QueueRoute &route) const;
};

class OutboundQueue : public QObject
{
    Q_OBJECT
public:
    OutboundQueue(OutboundConfig config, Delivery *delivery, const Clock *clock = Clock::system(),
                  QObject *parent = nullptr);
    ~OutboundQueue() override;

    // On the queue's thread: housekeeping and a first scan (mail left from before a restart goes
    // out).
    void start();
    // Any thread: something was queued, or the administrator asked to retry now.
    void wake();
    // On the queue's thread: drops the connections; unrecorded recipients stay queued.
    void stop();
    // On the queue's thread: the signing keys from the next message on (the
    // console activated or retired a key; no restart needed).
    void setDkimKeys(QHash<QString, QList<DkimKey>> keys);
    // On the queue's thread (the Scheduler's "queue.housekeeping" job, every minute):
    // removes messages no recipient waits for any more (left so by a crash, too) and
    // sends the delay notices that are due.
    void housekeeping();

    QueueRoute routeFor(const QString &domain) const;
    // The next retry after `attempts` failed tries (exponential, capped).
    static qint64 backoff(const OutboundConfig &config, int attempts);

Q_SIGNALS:
    void changed(); // the queue's content changed (console refresh)

private:
    class Attempt;
    friend class Attempt;
    struct Item { // one message and its recipients at one destination
        QueuedMessage message;
        QList<QueuedRecipient> recipients;
    };

    void scan();
    // Due recipients not in flight, by route key (only `onlyKey`'s when given), at most
    // `maxItems` messages per route (0: no limit).
    QHash<QString, QList<Item>> collectDue(const QString &onlyKey = {}, int maxItems = 0);
    // The same for one route, taken (in flight) by a connection that has room.
    QList<Item> takeDue(const QString &routeKey, int maxItems);
    void armTimer();
    qint64 nowSecs() const { return m_clock->secsSinceEpoch(); }
    // Logs and commits what became of `message`'s recipients.
    void record(const QueuedMessage &message, QList<QueuedRecipient> outcomes,
                std::function<void()> then = {});
    void finalize(qint64 queueId);
    void notifyDelay(const QList<QueuedRecipient> &recipients);
    // A report about `message` on its way to the message's sender (local or queued), or nullopt.
    std::optional<DeliveryRequest> reportRequest(const QueuedMessage &message,
                                                 struct BounceInput in,
                                                 const QByteArray &original) const;
    QString spoolPath(const QueuedMessage &m) const;
    void attemptFinished(Attempt *attempt);

    OutboundConfig m_config;
    Delivery *m_delivery;
    const Clock *m_clock;
    MxResolver *m_resolver = nullptr;
    QTimer m_timer; // the next retry scan
    bool m_stopping = false;
    bool m_scanQueued = false;
    QSet<Attempt *> m_attempts;   // running (no Q_OBJECT, so not found by findChildren)
    QSet<QString> m_localDomains; // ours, read at each scan: the Local route
    QSet<qint64> m_inFlight;      // recipient ids an attempt holds
    QSet<qint64> m_finalizing;    // queue ids whose reports and removal are on their way
    QHash<QString, int> m_active; // route key → open attempts
    int m_activeTotal = 0;
};

} // namespace fumibako
