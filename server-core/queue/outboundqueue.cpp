#include "outboundqueue.h"

#include "delivery/bouncemessage.h"
#include "delivery/delivery.h"
#include "delivery/messagepipeline.h"
#include "delivery/senderrewriting.h"
#include "destinationrules.h"
#include "mime/mimedowngrade.h"
#include "mxresolver.h"
#include "store/accountstore.h"
#include "store/eventlog.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QRegularExpression>

#include <algorithm>

namespace fumibako
{

namespace
{

QDateTime fromSecs(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs);
}

// NOTIFY without SUCCESS; NEVER when nothing is left.
QByteArray withoutSuccess(const QByteArray &notify)
{
    QByteArrayList kept = notify.split(',');
    kept.removeAll("SUCCESS");
    kept.removeAll("");
    return kept.isEmpty() ? QByteArray("NEVER") : kept.join(',');
}

// The message with a DKIM signature for each key of its From: domain put
// before it. A peer without 8BITMIME would get 8-bit bodies re-encoded by the
// SmtpClient, breaking the body hash, so such a message is made 7-bit first
// (RFC 6376 5.3). A message that cannot be signed goes out unsigned, with a log
// line: losing or holding mail over a signature would be worse.
QByteArray withDkimSignatures(const OutboundConfig &c, QByteArray message, bool peer8bit,
                              EventLog *log, const Clock *clock)
{
    if (c.dkimKeys.isEmpty())
        return message;
    QByteArray from;
    for (const Dkim::HeaderField &f : Dkim::parseHeader(message))
        if (f.name.compare("From", Qt::CaseInsensitive) == 0)
            from = f.raw;
    const qsizetype at = from.lastIndexOf('@');
    qsizetype end = at + 1;
    while (end < from.size() && !QByteArrayView(">\r\n\t ,;()").contains(from[end]))
        ++end;
    const QString domain =
        at < 0 ? QString() : QString::fromLatin1(from.mid(at + 1, end - at - 1)).toLower();
    const QList<DkimKey> keys = c.dkimKeys.value(domain);
    if (!keys.isEmpty() && !peer8bit && has8bitBytes(message))
        message = downgradeTo7bit(message);
    QByteArray signatures;
    for (const DkimKey &key : keys) {
        auto signature = DkimSigner(key, clock).sign(message);
        if (signature)
            signatures += *signature;
        else
            log->add(LogEntry::Kind::Queue, QString(), QString(),
                     QStringLiteral("DKIM signing with %1 failed, sent without it: %2")
                         .arg(key.dnsName(), signature.error().message));
    }
    return signatures + message;
}

BounceRecipient reportLine(const QueuedRecipient &r, BounceRecipient::Action action,
                           qint64 retryUntil = 0)
{
    BounceRecipient b;
    b.address = r.recipient;
    b.originalRecipient = r.orcpt;
    b.action = action;
    b.diagnostic = r.lastReply.toUtf8();
    b.remoteMta = r.remoteMta;
    if (r.lastAttempt > 0)
        b.lastAttempt = fromSecs(r.lastAttempt);
    if (retryUntil > 0)
        b.willRetryUntil = fromSecs(retryUntil);
    return b;
}

} // namespace

// ---- configuration ---------------------------------------------------------

QString QueueRoute::key() const
{
    switch (kind) {
    case Kind::Mx:
        return QStringLiteral("mx:") + destination;
    case Kind::Host:
        return QStringLiteral("host:[%1]:%2").arg(host).arg(port);
    case Kind::Relay:
        return QStringLiteral("relay");
    case Kind::Local:
        return QStringLiteral("local");
    }
    return {};
}

Result<QHash<QString, QueueRoute>> OutboundConfig::parseTransports(const QString &setting)
{
    const QString expected = QStringLiteral("domain=[host]:port or domain=relay");
    auto rules = DestinationRules::parse(setting, expected);
    if (!rules)
        return rules.error();
    QHash<QString, QueueRoute> out;
    for (const DestinationRule &rule : std::as_const(*rules)) {
        QueueRoute route;
        if (rule.value.compare(QLatin1String("relay"), Qt::CaseInsensitive) == 0) {
            route.kind = QueueRoute::Kind::Relay;
        } else {
            // [host] or [host]:port — the brackets say "no MX lookup", as in Postfix.
            const auto hop = DestinationRules::parseNextHop(rule.value);
            if (!hop)
                return Error::invalid(
                    QStringLiteral("\"%1\": expected %2").arg(rule.entry, expected));
            route.kind = QueueRoute::Kind::Host;
            route.host = hop->host;
            if (hop->port)
                route.port = hop->port;
        }
        route.destination = rule.key;
        out.insert(rule.key, route);
    }
    return out;
}

SmtpClientOptions OutboundConfig::clientOptions(const QueueRoute &route) const
{
    using Tls = SmtpClientOptions::Tls;
    SmtpClientOptions o;
    o.heloName = hostname;
    o.connectTimeoutMs = connectTimeoutMs;
    o.replyTimeoutMs = replyTimeoutMs;
    TlsLevel level = tlsPolicy.defaultLevel();
    switch (route.kind) {
    case QueueRoute::Kind::Mx:
        level = tlsPolicy.forDomain(route.destination);
        break;
    case QueueRoute::Kind::Host:
        level = tlsPolicy.forNextHop(route.host, route.port).value_or(level);
        break;
    case QueueRoute::Kind::Relay: {
        // relay.tls stays in charge; a rule for "[relay.host]" can only ask for more
        // (verify, typically), never talk the smarthost out of TLS.
        o.tls = relay.tls;
        o.user = relay.user;
        o.password = relay.password;
        const TlsLevel own = relay.tls == Tls::None            ? TlsLevel::None
                             : relay.tls == Tls::Opportunistic ? TlsLevel::May
                                                               : TlsLevel::Encrypt;
        level = std::max(own, tlsPolicy.forNextHop(relay.host, relay.port).value_or(own));
        break;
    }
    case QueueRoute::Kind::Local:
        break;
    }
    if (o.tls != Tls::Implicit) // implicit TLS (port 465) is encrypted from the first byte
        o.tls = level == TlsLevel::None  ? Tls::None
                : level == TlsLevel::May ? Tls::Opportunistic
                                         : Tls::Required; // RFC 3207 4.1: no plaintext fallback
    // verify checks the chain and the name we connect to: the MX host's name from DNS (as
    // Postfix's "verify"), or the host of a transport rule or the smarthost.
    o.verifyPeer = level == TlsLevel::Verify;
    if (o.verifyPeer)
        o.caCertificates = tlsCaCertificates;
    return o;
}

qint64 OutboundQueue::backoff(const OutboundConfig &config, int attempts)
{
    // Doubling from the minimum, as Postfix does between its minimal and maximal backoff.
    qint64 delay = config.retryMinSecs;
    for (int i = 1; i < attempts && delay < config.retryMaxSecs; ++i)
        delay *= 2;
    return std::min(delay, config.retryMaxSecs);
}

// ---- one destination -------------------------------------------------------

// Resolves a route, connects to its hosts in order until one is ready, sends
// the batch, records each recipient's outcome as its reply comes, then quits.
class OutboundQueue::Attempt : public QObject
{
public:
    using Item = OutboundQueue::Item;

    Attempt(OutboundQueue *queue, QueueRoute route, QList<Item> items)
        : QObject(queue), m_queue(queue), m_route(std::move(route)), m_items(std::move(items))
    {
    }

    const QueueRoute &route() const { return m_route; }

    QList<qint64> recipientIds() const
    {
        QList<qint64> ids;
        for (const Item &i : m_items)
            for (const QueuedRecipient &r : i.recipients)
                ids << r.id;
        return ids;
    }
    // Handed to record(), which releases them once their outcome is committed.
    const QSet<qint64> &recordedIds() const { return m_recorded; }

    void run()
    {
        auto resolved = [this](Result<QList<QPair<QHostAddress, QString>>> targets) {
            if (!targets) {
                // NotFound (NXDOMAIN) and Permanent (null MX, a loop) are final; the rest is
                // retried.
                const bool permanent = targets.error().kind != Error::Kind::Temporary;
                const bool loop = targets.error().message.contains(QLatin1String("loops back"));
                failAll(SmtpReply::local(permanent ? 550 : 451,
                                         loop        ? "5.4.6"
                                         : permanent ? "5.4.4"
                                                     : "4.4.3",
                                         targets.error().message.toUtf8()),
                        QString());
                return;
            }
            m_targets = *targets;
            connectNext();
        };
        const OutboundConfig &c = m_queue->m_config;
        switch (m_route.kind) {
        case QueueRoute::Kind::Local:
            m_host = c.hostname;
            return deliverNextLocally();
        case QueueRoute::Kind::Mx:
            m_queue->m_resolver->resolve(
                m_route.destination, this,
                [this, resolved, port = c.smtpPort](Result<QList<MxHost>> hosts) {
                    if (!hosts)
                        return resolved(hosts.error());
                    // RFC 5321 5.1: when we are one of the MX hosts, only those more preferred
                    // than us may take the mail; none means it would loop back to us.
                    QList<MxHost> usable = *hosts;
                    const QString self = m_queue->m_config.hostname.toLower();
                    for (const MxHost &h : *hosts)
                        if (!self.isEmpty() && h.name.toLower() == self) {
                            usable.removeIf([&](const MxHost &other) {
                                return other.preference >= h.preference;
                            });
                            break;
                        }
                    if (usable.isEmpty())
                        return resolved(
                            Error::permanent(QStringLiteral("mail for %1 loops back to myself")
                                                 .arg(m_route.destination)));
                    QList<QPair<QHostAddress, QString>> targets;
                    for (const MxHost &h : std::as_const(usable))
                        for (const QHostAddress &a : h.addresses)
                            targets << qMakePair(a, h.name);
                    m_port = port;
                    resolved(targets);
                });
            break;
        case QueueRoute::Kind::Host:
        case QueueRoute::Kind::Relay: {
            const QString host =
                m_route.kind == QueueRoute::Kind::Host ? m_route.host : c.relay.host;
            if (host.isEmpty())
                return resolved(
                    Error::temporary(QStringLiteral("no smarthost is configured (relay.host)")));
            m_port = m_route.kind == QueueRoute::Kind::Host ? m_route.port : c.relay.port;
            m_queue->m_resolver->resolveHost(
                host, this, [resolved, host](Result<QList<QHostAddress>> addresses) {
                    if (!addresses)
                        return resolved(addresses.error());
                    QList<QPair<QHostAddress, QString>> targets;
                    for (const QHostAddress &a : *addresses)
                        targets << qMakePair(a, host);
                    resolved(targets);
                });
            break;
        }
        }
    }

    void abort()
    {
        m_aborted = true;
        if (m_client)
            m_client->abort();
    }

private:
    void connectNext()
    {
        if (m_aborted)
            return done();
        // No host took the mail. A refusal before any transaction (5xx greeting, AUTH
        // refused by the smarthost) defers too, as Postfix's smtp_skip_5xx_greeting and
        // smtp_sasl_auth_soft_bounce do: it is the server's problem, not the recipient's.
        if (m_next >= m_targets.size())
            return failAll(
                m_lastFailure.code || !m_lastFailure.text.isEmpty()
                    ? m_lastFailure
                    : SmtpReply::local(0, "4.4.1", "no host of the destination could be reached"),
                m_lastHost, /*temporary=*/true);
        const auto [address, name] = m_targets[m_next++];
        m_host = name;
        m_client = new SmtpClient(m_queue->m_config.clientOptions(m_route), this);
        connect(m_client, &SmtpClient::ready, this, [this]() { sendNext(); });
        connect(m_client, &SmtpClient::failed, this, [this, address](const SmtpReply &reply) {
            // RFC 5321 5.1: on a failure to connect or a refusal to talk, the next host.
            m_lastFailure = reply;
            m_lastHost = m_host + QLatin1Char('[') + address.toString() + QLatin1Char(']');
            m_failedBeforeReady = true;
        });
        connect(m_client, &SmtpClient::closed, this, [this]() {
            m_client->deleteLater();
            m_client = nullptr;
            if (m_failedBeforeReady && m_sent == 0) {
                m_failedBeforeReady = false;
                return connectNext();
            }
            done();
        });
        m_client->connectToHost(address, m_port, name);
    }

    // One message at a time, so only one spool file is in memory.
    void sendNext()
    {
        if (m_aborted || !m_client)
            return;
        // More mail for this destination may have come due: one connection carries it
        // (up to the per-connection limit) instead of a new handshake per batch.
        if (m_index >= m_items.size() && m_sent < m_queue->m_config.messagesPerConnection)
            m_items +=
                m_queue->takeDue(m_route.key(), m_queue->m_config.messagesPerConnection - m_sent);
        if (m_index >= m_items.size())
            return m_client->quit();
        const Item &item = m_items[m_index++];
        ++m_sent;
        QFile f(m_queue->spoolPath(item.message));
        if (!f.open(QIODevice::ReadOnly)) {
            recordItem(item,
                       QList<SmtpReply>(item.recipients.size(),
                                        SmtpReply::local(451, "4.3.0", "queue file unreadable")));
            return sendNext();
        }
        OutboundEnvelope env;
        env.sender = item.message.sender;
        env.envid = item.message.envid;
        env.ret = item.message.ret;
        for (const QueuedRecipient &r : item.recipients) {
            env.recipients << r.recipient;
            env.notify << r.notify;
            env.orcpt << r.orcpt;
        }
        const QByteArray message = withDkimSignatures(m_queue->m_config, f.readAll(),
                                                      m_client->extensions().contains("8BITMIME"),
                                                      m_queue->m_delivery->log(), m_queue->m_clock);
        m_client->send(env, message, [this, item](QList<SmtpReply> replies) {
            recordItem(item, replies);
            sendNext();
        });
    }

    // The Local route: one message at a time through the pipeline, as the
    // forwarded copy it is, to our own mailboxes (whose rules apply in turn).
    // Several at once, so that their commits share the writer's syncs (group
    // commit) instead of each waiting for the last; more as they finish.
    static constexpr int kLocalInFlight = 16;

    void deliverNextLocally()
    {
        // Until something is in flight (its answer calls back) or nothing is left.
        while (m_localInFlight == 0 || (!m_aborted && m_index < m_items.size())) {
            if (m_aborted)
                return done();
            if (m_index >= m_items.size() && m_localInFlight == 0)
                m_items += m_queue->takeDue(m_route.key(), m_queue->m_config.messagesPerConnection);
            if (m_index >= m_items.size())
                return m_localInFlight == 0 ? done() : void();
            while (m_index < m_items.size() && m_localInFlight < kLocalInFlight)
                deliverLocally(m_items[m_index++]);
            if (m_localInFlight >= kLocalInFlight)
                return;
        }
    }

    void deliverLocally(const Item &item)
    {
        QFile f(m_queue->spoolPath(item.message));
        if (!f.open(QIODevice::ReadOnly)) {
            recordItem(item,
                       QList<SmtpReply>(item.recipients.size(),
                                        SmtpReply::local(451, "4.3.0", "queue file unreadable")));
            return;
        }
        ++m_localInFlight;
        Delivery *delivery = m_queue->m_delivery;
        using K = RecipientDecision::Kind;
        Envelope envelope;
        envelope.source = Envelope::Source::Forward;
        envelope.id = item.message.messageId; // empty: the pipeline makes one
        envelope.sender = item.message.sender;
        envelope.peer = QStringLiteral("local");
        DeliveryRequest request;
        request.sender = item.message.sender;
        request.message = f.readAll();
        request.envid = item.message.envid;
        request.ret = item.message.ret;
        // Each recipient's answer before the pipeline: refusals are final here.
        QList<std::optional<SmtpReply>> replies;
        for (const QueuedRecipient &r : item.recipients) {
            const auto address = MailAddress::parse(r.recipient);
            const RecipientDecision d =
                address ? delivery->decideNow(*address, false) : RecipientDecision{};
            std::optional<SmtpReply> reply;
            switch (d.kind) {
            case K::Local:
                request.local << delivery->targetFor(d, r.recipient);
                break;
            case K::Group:
                for (const RecipientDecision &m : d.members) {
                    if (m.kind == K::Local)
                        request.local << delivery->targetFor(m, m.address);
                    else
                        request.remote << DsnRecipient{m.address, r.notify, r.orcpt};
                }
                break;
            case K::Return:
                request.returns << ReturnTarget{r.recipient, d.returnTo};
                break;
            case K::Discard:
                reply = SmtpReply::local(250, "2.0.0", "discarded (send-only recipient)");
                break;
            case K::Unknown:
                reply = SmtpReply::local(550, "5.1.1", "User unknown in virtual mailbox table");
                break;
            case K::Disabled:
                reply = SmtpReply::local(550, "5.2.1", "Account disabled");
                break;
            case K::Remote:
            case K::Denied:
            case K::TempFail:
                // No longer one of ours, or the store is busy: the next scan routes it anew.
                reply = SmtpReply::local(451, "4.3.0", "Temporary lookup failure");
                break;
            }
            if (reply)
                replies << reply;
            else
                replies << std::nullopt;
            if (!reply)
                envelope.recipients << r.recipient;
        }
        delivery->pipeline().submit(
            std::move(envelope), std::move(request), this,
            [this, item, replies](PipelineOutcome o) mutable {
                using O = PipelineOutcome::Kind;
                SmtpReply all = SmtpReply::local(250, "2.0.0", "delivered to mailbox");
                switch (o.kind) {
                case O::Delivered:
                case O::Quarantined:
                    // Copies refused (full, a loop) were reported by Delivery with the message.
                    break;
                case O::Rejected:
                case O::Deferred:
                    all = SmtpReply::local(o.verdict.code, o.verdict.status, o.verdict.text);
                    break;
                case O::Failed:
                    all =
                        o.error.kind == Error::Kind::OverQuota
                            ? SmtpReply::local(452, "4.2.2", "Mailbox full")
                        : o.error.kind == Error::Kind::TooBig
                            ? SmtpReply::local(552, "5.2.2", "Mailbox full: message too big")
                        : o.error.kind == Error::Kind::Limit
                            ? SmtpReply::local(554, "5.4.6",
                                               "mail forwarding loop: " + o.error.message.toUtf8())
                            : SmtpReply::local(451, "4.3.0", o.error.message.toUtf8());
                    break;
                }
                QList<SmtpReply> out;
                for (const std::optional<SmtpReply> &r : replies)
                    out << r.value_or(all);
                recordItem(item, out);
                --m_localInFlight;
                deliverNextLocally();
            });
    }

    void recordItem(const Item &item, const QList<SmtpReply> &replies)
    {
        for (const QueuedRecipient &r : item.recipients)
            m_recorded.insert(r.id);
        m_queue->record(item.message, outcomes(item, replies),
                        [q = m_queue, id = item.message.id]() { q->finalize(id); });
    }

    // What each recipient's reply means for its queue row (RFC 5321 4.2.1, 4.5.4.1).
    QList<QueuedRecipient> outcomes(const Item &item, const QList<SmtpReply> &replies) const
    {
        const OutboundConfig &c = m_queue->m_config;
        const qint64 now = m_queue->nowSecs();
        QList<QueuedRecipient> out;
        for (qsizetype i = 0; i < item.recipients.size(); ++i) {
            QueuedRecipient r = item.recipients[i];
            const SmtpReply reply = replies.value(i, SmtpReply::local(0, "4.4.2", "no reply"));
            r.lastAttempt = now;
            r.lastReply = QString::fromUtf8(reply.toLine());
            r.remoteMta = m_host;
            ++r.attempts;
            if (reply.isPositive()) {
                r.state = QueuedRecipient::State::Delivered;
                // A next hop that speaks DSN was given NOTIFY and reports success
                // itself (RFC 3461 5.2.2); a "relayed" report from us would be a
                // second one (Postfix drops SUCCESS the same way).
                if (m_client && m_client->extensions().contains("DSN"))
                    r.notify = withoutSuccess(r.notify);
            } else if ((reply.isPermanent() && !m_forceTemporary) ||
                       now - item.message.createdAt >= c.lifetimeSecs) {
                r.state = QueuedRecipient::State::Bounced; // refused, or out of time
            } else {
                r.state = QueuedRecipient::State::Deferred;
                r.nextTry = now + OutboundQueue::backoff(c, r.attempts);
            }
            out << r;
        }
        return out;
    }

    void failAll(const SmtpReply &reply, const QString &host, bool temporary = false)
    {
        m_host = host;
        m_forceTemporary = temporary;
        for (const Item &item : std::as_const(m_items))
            recordItem(item, QList<SmtpReply>(item.recipients.size(), reply));
        done();
    }

    void done()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_queue->attemptFinished(this);
    }

    OutboundQueue *m_queue;
    QueueRoute m_route;
    QList<Item> m_items;
    QList<QPair<QHostAddress, QString>> m_targets;
    qsizetype m_next = 0;
    quint16 m_port = 25;
    QString m_host;
    QString m_lastHost;
    SmtpReply m_lastFailure;
    SmtpClient *m_client = nullptr;
    bool m_failedBeforeReady = false;
    qsizetype m_index = 0;
    int m_sent = 0;
    QSet<qint64> m_recorded;
    bool m_aborted = false;
    bool m_finished = false;
    bool m_forceTemporary = false;
    int m_localInFlight = 0; // the Local route's messages in the pipeline
};

// ---- the queue -------------------------------------------------------------

OutboundQueue::OutboundQueue(OutboundConfig config, Delivery *delivery, const Clock *clock,
                             QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_delivery(delivery), m_clock(clock),
      m_timer(this)
{
    // The timer is a child, so moveToThread() takes it along.
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutboundQueue::scan);
    // A test clock that jumps may make retries due: look now, not when the timer says.
    if (ClockNotifier *n = m_clock->notifier())
        connect(n, &ClockNotifier::moved, this, &OutboundQueue::wake);
}

OutboundQueue::~OutboundQueue() = default;

void OutboundQueue::start()
{
    m_resolver = new MxResolver(m_config.nameservers, this);
    housekeeping(); // messages a crash left finished, delay notices due while we were down
    scan();
}

void OutboundQueue::wake()
{
    QMetaObject::invokeMethod(
        this,
        [this]() {
            if (m_scanQueued || m_stopping)
                return;
            m_scanQueued = true; // one scan for a burst of wake-ups
            QMetaObject::invokeMethod(this, &OutboundQueue::scan, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void OutboundQueue::stop()
{
    m_stopping = true;
    m_timer.stop();
    for (Attempt *a : std::as_const(m_attempts))
        a->abort();
}

void OutboundQueue::setDkimKeys(QHash<QString, QList<DkimKey>> keys)
{
    m_config.dkimKeys = std::move(keys);
}

QueueRoute OutboundQueue::routeFor(const QString &domain) const
{
    const QString d = domain.toLower();
    if (m_localDomains.contains(d)) {
        QueueRoute local;
        local.kind = QueueRoute::Kind::Local;
        local.destination = d;
        return local;
    }
    if (auto it = m_config.transports.constFind(d); it != m_config.transports.cend())
        return *it;
    QueueRoute route;
    if (!m_config.relay.host.isEmpty()) {
        route.kind = QueueRoute::Kind::Relay; // OP25B: everything through the smarthost
    } else {
        route.kind = QueueRoute::Kind::Mx;
        route.port = m_config.smtpPort;
    }
    route.destination = d;
    return route;
}

QString OutboundQueue::spoolPath(const QueuedMessage &m) const
{
    return m_delivery->queueDir() + QLatin1Char('/') + m.path;
}

QHash<QString, QList<OutboundQueue::Item>> OutboundQueue::collectDue(const QString &onlyKey,
                                                                     int maxItems)
{
    // Destination → message → its recipients there, in the order they became due.
    QHash<QString, QList<Item>> batches;
    QueueStore store(m_delivery->database());
    auto due = store.due(nowSecs(), 2000);
    if (!due) {
        m_delivery->log()->add(LogEntry::Kind::Queue, QString(), QString(),
                               QStringLiteral("queue scan failed: %1").arg(due.error().message));
        return batches;
    }
    QHash<qint64, QPair<QString, qsizetype>> placed; // queue id → (route key, index in its batch)
    QSet<qint64> notYet;
    for (const DueRecipient &d : std::as_const(*due)) {
        const QueuedRecipient &r = d.recipient;
        if (m_inFlight.contains(r.id) || m_finalizing.contains(r.queueId) ||
            notYet.contains(r.queueId))
            continue;
        const QString key = routeFor(r.domain).key();
        if (!onlyKey.isEmpty() && key != onlyKey)
            continue;
        auto it = placed.constFind(r.queueId);
        if (it == placed.cend() || it->first != key) {
            // Committed rows come before their spool file's rename: such a message is not ready
            // yet.
            if (it == placed.cend() && !QFile::exists(spoolPath(d.message)) &&
                store.renamePending(r.queueId)) {
                notYet.insert(r.queueId);
                continue;
            }
            QList<Item> &items = batches[key];
            if (maxItems > 0 && items.size() >= maxItems)
                continue;
            items.append({d.message, {}});
            it = placed.insert(r.queueId, qMakePair(key, items.size() - 1));
        }
        batches[key][it->second].recipients << r;
    }
    return batches;
}

QList<OutboundQueue::Item> OutboundQueue::takeDue(const QString &routeKey, int maxItems)
{
    if (m_stopping || maxItems <= 0)
        return {};
    QList<Item> items = collectDue(routeKey, maxItems).value(routeKey);
    for (const Item &i : std::as_const(items))
        for (const QueuedRecipient &r : i.recipients)
            m_inFlight.insert(r.id);
    return items;
}

void OutboundQueue::scan()
{
    m_scanQueued = false;
    if (m_stopping)
        return;
    if (m_activeTotal >= m_config.maxConnections)
        return armTimer(); // every connection busy: they take more work as they finish
    // Our own domains (the Local route), read once a scan: not again for each
    // message a connection takes on (takeDue).
    if (auto ours = AccountStore(m_delivery->database()).domains())
        m_localDomains = QSet<QString>(ours->cbegin(), ours->cend());
    const QHash<QString, QList<Item>> batches = collectDue();
    for (auto b = batches.cbegin(); b != batches.cend(); ++b) {
        QList<Item> items = b.value();
        while (!items.isEmpty() && m_activeTotal < m_config.maxConnections &&
               m_active.value(b.key()) < m_config.maxPerDestination) {
            const QList<Item> chunk = items.mid(0, m_config.messagesPerConnection);
            items = items.mid(chunk.size());
            auto *attempt =
                new Attempt(this, routeFor(chunk.first().recipients.first().domain), chunk);
            m_attempts.insert(attempt);
            for (qint64 id : attempt->recipientIds())
                m_inFlight.insert(id);
            ++m_active[b.key()];
            ++m_activeTotal;
            attempt->run();
        }
    }
    armTimer();
}

void OutboundQueue::armTimer()
{
    if (m_stopping)
        return;
    auto next = QueueStore(m_delivery->database()).nextDue();
    qint64 waitMs = 60 * 1000;
    if (next && *next >= 0)
        waitMs = std::clamp<qint64>((*next - nowSecs()) * 1000, 1000, 60 * 1000);
    m_timer.start(int(waitMs));
}

void OutboundQueue::attemptFinished(Attempt *attempt)
{
    const QString key = attempt->route().key();
    if (--m_active[key] <= 0)
        m_active.remove(key);
    --m_activeTotal;
    m_attempts.remove(attempt);
    attempt->deleteLater();
    // Recipients it never recorded (an abort) become due again at the next scan;
    // recorded ones stay held until their outcome is committed (record()).
    QList<qint64> ids;
    for (qint64 id : attempt->recipientIds())
        if (!attempt->recordedIds().contains(id))
            ids << id;
    QMetaObject::invokeMethod(
        this,
        [this, ids]() {
            for (qint64 id : ids)
                m_inFlight.remove(id);
            if (!m_stopping)
                scan();
        },
        Qt::QueuedConnection);
}

void OutboundQueue::record(const QueuedMessage &message, QList<QueuedRecipient> outcomes,
                           std::function<void()> then)
{
    EventLog *log = m_delivery->log();
    for (const QueuedRecipient &r : std::as_const(outcomes)) {
        LogEntry e;
        e.kind = LogEntry::Kind::SmtpSend;
        e.address = r.recipient;
        e.peer = r.remoteMta;
        e.messageId = message.messageId;
        e.queueId = r.queueId;
        e.headerMessageId = message.headerMessageId;
        e.sender = message.sender;
        e.result = QueuedRecipient::stateName(r.state);
        e.text = QStringLiteral("%1queue=%2 status=%3 (%4)")
                     .arg(message.messageId.isEmpty()
                              ? QString()
                              : QStringLiteral("id=") + message.messageId + QLatin1Char(' '))
                     .arg(r.queueId)
                     .arg(e.result, r.lastReply);
        log->add(std::move(e));
    }
    auto job = std::make_shared<SqlJob>([outcomes](const Database &db) -> Result<void> {
        QueueStore store(db);
        for (const QueuedRecipient &r : outcomes)
            if (auto u = store.update(r); !u)
                return u;
        return {};
    });
    m_delivery->commit(job, this, [this, outcomes, then](Result<void> r) {
        for (const QueuedRecipient &o : outcomes)
            m_inFlight.remove(o.id);
        if (!r)
            m_delivery->log()->add(
                LogEntry::Kind::Queue, QString(), QString(),
                QStringLiteral("could not record delivery results: %1").arg(r.error().message));
        else if (then)
            then();
        // A message that has waited long enough tells its sender now rather than
        // at the next housekeeping round.
        QList<QueuedRecipient> late;
        for (const QueuedRecipient &o : outcomes)
            if (r && o.state == QueuedRecipient::State::Deferred && !o.delayNotified &&
                m_config.delayWarningSecs > 0)
                late << o;
        if (!late.isEmpty())
            if (auto m = QueueStore(m_delivery->database()).message(late.first().queueId);
                m && nowSecs() - m->createdAt >= m_config.delayWarningSecs)
                notifyDelay(late);
        Q_EMIT changed();
    });
}

// When no recipient of a message waits any more: the reports it owes its
// sender, once through the pipeline's steps, and its removal, in one transaction.
void OutboundQueue::finalize(qint64 queueId)
{
    if (m_finalizing.contains(queueId))
        return;
    QueueStore store(m_delivery->database());
    auto message = store.message(queueId);
    auto recipients = store.recipients(queueId);
    if (!message || !recipients)
        return;
    if (std::any_of(recipients->cbegin(), recipients->cend(),
                    [](const QueuedRecipient &r) { return r.pending(); }))
        return;
    // The spool file is read only when a report is owed (most messages owe none).
    const bool owesReport =
        !message->sender.isEmpty() &&
        std::any_of(recipients->cbegin(), recipients->cend(), [](const QueuedRecipient &r) {
            return (r.state == QueuedRecipient::State::Bounced && dsnWants(r.notify, "FAILURE")) ||
                   (r.state == QueuedRecipient::State::Delivered && dsnWants(r.notify, "SUCCESS"));
        });
    QByteArray original;
    if (owesReport) {
        QFile f(spoolPath(*message));
        original = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QList<DeliveryRequest> reports;
    // Never to the null sender, never about a report (RFC 3461 6.1, RFC 3834).
    if (owesReport && !BounceMessage::isBounce(original)) {
        for (const auto kind : {BounceInput::Kind::Failure, BounceInput::Kind::Success}) {
            BounceInput in;
            in.kind = kind;
            for (const QueuedRecipient &r : std::as_const(*recipients)) {
                if (kind == BounceInput::Kind::Failure &&
                    r.state == QueuedRecipient::State::Bounced && dsnWants(r.notify, "FAILURE"))
                    in.recipients << reportLine(r, BounceRecipient::Action::Failed);
                if (kind == BounceInput::Kind::Success &&
                    r.state == QueuedRecipient::State::Delivered && dsnWants(r.notify, "SUCCESS"))
                    in.recipients << reportLine(r, BounceRecipient::Action::Relayed);
            }
            if (in.recipients.isEmpty())
                continue;
            in.returnFull = message->ret == "FULL";
            if (auto request = reportRequest(*message, std::move(in), original))
                reports << std::move(*request);
        }
    }
    m_finalizing.insert(queueId);
    m_delivery->pipeline().prepareInternal(
        std::move(reports), message->messageId, this,
        [this, queueId, spool = spoolPath(*message)](Result<QList<DeliveryRequest>> prepared) {
            if (!prepared) {
                // A step deferred a report (and logged it): the message stays, finished,
                // and the next housekeeping finalizes it again.
                m_finalizing.remove(queueId);
                return;
            }
            QList<std::shared_ptr<StoreJob>> jobs;
            bool queuesMore = false;
            for (DeliveryRequest &report : *prepared) {
                queuesMore = queuesMore || !report.remote.isEmpty();
                jobs << std::make_shared<DeliveryJob>(std::move(report));
            }
            jobs << std::make_shared<QueueRemovalJob>(queueId, spool);
            m_delivery->commit(std::make_shared<CompositeJob>(jobs), this,
                               [this, queueId, queuesMore](Result<void> r) {
                                   m_finalizing.remove(queueId);
                                   if (r && queuesMore)
                                       wake(); // a report for another domain waits in the queue
                                   Q_EMIT changed();
                               });
        });
}

void OutboundQueue::housekeeping()
{
    if (m_stopping)
        return;
    QueueStore store(m_delivery->database());
    if (auto finished = store.finished())
        for (qint64 id : *finished)
            finalize(id);
    if (m_config.delayWarningSecs <= 0)
        return;
    // RFC 3464 "delayed" reports, once per recipient, when mail has waited long.
    auto all = store.recipients();
    auto messages = store.messages();
    if (!all || !messages)
        return;
    QHash<qint64, qint64> createdAt;
    for (const QueuedMessage &m : std::as_const(*messages))
        createdAt.insert(m.id, m.createdAt);
    const qint64 now = nowSecs();
    QHash<qint64, QList<QueuedRecipient>> late;
    for (const QueuedRecipient &r : std::as_const(*all)) {
        if (r.state != QueuedRecipient::State::Deferred || r.delayNotified ||
            m_inFlight.contains(r.id))
            continue;
        if (createdAt.contains(r.queueId) &&
            now - createdAt.value(r.queueId) >= m_config.delayWarningSecs)
            late[r.queueId] << r;
    }
    for (const QList<QueuedRecipient> &recipients : std::as_const(late))
        notifyDelay(recipients);
}

std::optional<DeliveryRequest> OutboundQueue::reportRequest(const QueuedMessage &message,
                                                            BounceInput in,
                                                            const QByteArray &original) const
{
    in.originalSender = message.sender;
    in.envid = message.envid;
    in.arrivalDate = fromSecs(message.createdAt);
    in.original = original;
    const QString senderLocal = message.sender.section(QLatin1Char('@'), 0, -2);
    if (SenderRewriting::isSrs(senderLocal)) {
        // A forwarded copy (its sender our SRS address): the report goes to the
        // original sender, who must not learn where the forward went (the
        // FAQ's phone address). Each line names the forwarding address (the
        // ORCPT the forward gave) and says no more than its status.
        for (BounceRecipient &r : in.recipients) {
            QString forwarder = r.originalRecipient;
            if (forwarder.startsWith(QLatin1String("rfc822;"), Qt::CaseInsensitive))
                forwarder = forwarder.mid(7);
            r.address = forwarder;
            r.originalRecipient = forwarder;
            // "550 5.1.1 <phone@...>: User unknown" → "550 5.1.1": the codes say
            // what happened, the text may name the destination.
            static const QRegularExpression codes(
                QStringLiteral("^[2-5][0-9][0-9]( [245]\\.[0-9]{1,3}\\.[0-9]{1,3})?"));
            r.diagnostic = codes.match(QString::fromLatin1(r.diagnostic)).captured(0).toLatin1();
            r.remoteMta.clear();
        }
        in.returnFull = false;
    }
    return m_delivery->reportRequest(std::move(in));
}

void OutboundQueue::notifyDelay(const QList<QueuedRecipient> &recipients)
{
    QueueStore store(m_delivery->database());
    auto message = store.message(recipients.first().queueId);
    if (!message)
        return;
    QList<QueuedRecipient> marked;
    BounceInput in;
    in.kind = BounceInput::Kind::Delay;
    for (QueuedRecipient r : recipients) {
        if (dsnWants(r.notify, "DELAY"))
            in.recipients << reportLine(r, BounceRecipient::Action::Delayed,
                                        message->createdAt + m_config.lifetimeSecs);
        r.delayNotified = true;
        marked << r;
    }
    QList<DeliveryRequest> reports;
    QFile f(spoolPath(*message));
    const QByteArray original = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    if (!in.recipients.isEmpty() && !message->sender.isEmpty() &&
        !BounceMessage::isBounce(original))
        if (auto request = reportRequest(*message, std::move(in), original))
            reports << std::move(*request);
    for (const QueuedRecipient &r : std::as_const(marked))
        m_inFlight.insert(r.id); // not tried while its notice is being prepared and committed
    m_delivery->pipeline().prepareInternal(
        std::move(reports), message->messageId, this,
        [this, marked](Result<QList<DeliveryRequest>> prepared) {
            if (!prepared) {
                // A step deferred the notice (and logged it): nobody is marked notified,
                // so the next housekeeping, or the next deferral, writes it again.
                for (const QueuedRecipient &r : marked)
                    m_inFlight.remove(r.id);
                return;
            }
            QList<std::shared_ptr<StoreJob>> jobs;
            for (DeliveryRequest &report : *prepared)
                jobs << std::make_shared<DeliveryJob>(std::move(report));
            jobs << std::make_shared<SqlJob>([marked](const Database &db) -> Result<void> {
                QueueStore store(db);
                for (const QueuedRecipient &r : marked)
                    if (auto u = store.update(r); !u)
                        return u;
                return {};
            });
            m_delivery->commit(std::make_shared<CompositeJob>(jobs), this,
                               [this, marked](Result<void>) {
                                   for (const QueuedRecipient &r : marked)
                                       m_inFlight.remove(r.id);
                                   wake();
                                   Q_EMIT changed();
                               });
        });
}

} // namespace fumibako
