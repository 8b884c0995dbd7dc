#include "webserver.h"

#include "archivesite.h"
#include "common/clock.h"
#include "httpreply.h"
#include "mime/mimetext.h"
#include "net/connectionlimiter.h"
#include "net/hostaddress.h"
#include "releasepages.h"
#include "releasetoken.h"
#include "scan/quarantine.h"
#include "store/eventlog.h"
#include "store/mailstorage.h"
#include "store/quarantinestore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>

namespace fumibako
{

namespace
{

using Status = QHttpServerResponder::StatusCode;
using ReleasePages::Failure;

// A form body longer than this is not ours: the token is about a hundred characters.
constexpr qsizetype kMaxBody = 4096;

void fail(HttpReply &reply, Failure why)
{
    reply.send(ReleasePages::failureStatus(why), ReleasePages::failure(why));
}

Failure failureFor(const Error &e)
{
    switch (e.kind) {
    case Error::Kind::NotFound:
        return Failure::Gone;
    case Error::Kind::Invalid:
        return Failure::Invalid;
    default:
        return Failure::Unavailable;
    }
}

ReleasePages::Message pageMessage(const QuarantinedMessage &m)
{
    return {m.account, QDateTime::fromSecsSinceEpoch(m.receivedAt), m.sender,
            mimetext::decodeHeaderText(m.subject)};
}

// The held copy a token names, if it is still that copy.
Result<QuarantinedMessage> heldFor(const Database &db, const ReleaseToken &token)
{
    auto m = QuarantineStore(db).find(token.messageId);
    if (!m)
        return m.error();
    if (auto match = matchReleaseToken(token, *m); !match)
        return match.error();
    return *m;
}

} // namespace

WebServer::WebServer(const MailStorage &storage, EventLog *log, const Clock *clock, Config config,
                     QObject *parent)
    : QObject(parent), m_storage(storage), m_log(log), m_clock(clock), m_config(std::move(config)),
      m_http(std::make_unique<QHttpServer>())
{
    m_http->route(QStringLiteral("/release"), QHttpServerRequest::Method::Get,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      showRelease(request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/release"), QHttpServerRequest::Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      release(request, std::move(responder));
                  });
    if (m_config.archive)
        new ArchiveSite(*m_http, m_config.archive, m_config.throttle, m_log, m_clock, this);
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        HttpReply reply(std::move(responder));
        fail(reply, Failure::NotFound);
    });
}

WebServer::~WebServer() = default;

Result<void> WebServer::listen(const QHostAddress &address, quint16 port,
                               const QSslConfiguration &tls)
{
    auto *tcp = new QSslServer;
    tcp->setSslConfiguration(tls);
    // The caps the mail listeners have (limits.connections_per_ip, _total),
    // counted from the handshake until the socket goes.
    if (ConnectionLimiter *limiter = m_config.limiter)
        connect(tcp, &QSslServer::startedEncryptionHandshake, this, [this, limiter](QSslSocket *s) {
            const QHostAddress peer = s->peerAddress();
            if (limiter->acquire(peer) != ConnectionLimiter::Verdict::Ok) {
                s->abort();
                return;
            }
            connect(s, &QObject::destroyed, this, [limiter, peer]() { limiter->release(peer); });
        });
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error::permanent(QStringLiteral("cannot listen on %1 port %2 (web): %3")
                                    .arg(address.toString())
                                    .arg(port)
                                    .arg(why));
    }
    m_http->bind(tcp); // takes it as a child
    m_tcp = tcp;
    return {};
}

void WebServer::close()
{
    if (m_tcp)
        m_tcp->close();
}

bool WebServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

QHostAddress WebServer::serverAddress() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

quint16 WebServer::serverPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void WebServer::showRelease(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    const QString text = request.query().queryItemValue(QStringLiteral("t"));
    auto token = verifyReleaseToken(m_config.key, text);
    if (!token)
        return fail(*reply, Failure::Invalid);
    if (isExpired(*token, m_clock->now()))
        return fail(*reply, Failure::Expired);
    const ReleaseToken t = *token;
    m_storage.read<QuarantinedMessage>(
        this, [t](const Database &db) { return heldFor(db, t); },
        [reply, text](Result<QuarantinedMessage> m) {
            if (!m)
                return fail(*reply, failureFor(m.error()));
            reply->send(200, ReleasePages::confirmation(pageMessage(*m), text));
        });
}

void WebServer::release(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto reply = std::make_shared<HttpReply>(std::move(responder));
    const QByteArray body = request.body();
    if (body.size() > kMaxBody)
        return fail(*reply, Failure::Invalid);
    const QString text = formFields(body).queryItemValue(QStringLiteral("t"), QUrl::FullyDecoded);
    auto token = verifyReleaseToken(m_config.key, text);
    if (!token)
        return fail(*reply, Failure::Invalid);
    const QDateTime now = m_clock->now();
    if (isExpired(*token, now))
        return fail(*reply, Failure::Expired);
    const ReleaseToken t = *token;
    const QString who =
        QStringLiteral("release link from ") + displayAddress(request.remoteAddress());
    struct Release {
        QuarantinedMessage message;
        std::shared_ptr<StoreJob> job;
    };
    // Found and read on a worker (the held file too), committed by the writer:
    // the removal in the same transaction finds the row gone if another
    // release won the race, and then nothing is delivered.
    m_storage.read<Release>(
        this,
        [t, who, now, root = m_config.quarantineRoot,
         mailRoot = m_config.mailRoot](const Database &db) -> Result<Release> {
            auto m = heldFor(db, t);
            if (!m)
                return m.error();
            auto job = Quarantine::releaseJob(db, root, mailRoot, m->id, who, now);
            if (!job)
                return job.error();
            return Release{*m, *job};
        },
        [this, reply](Result<Release> r) {
            if (!r)
                return fail(*reply, failureFor(r.error()));
            const ReleasePages::Message page = pageMessage(r->message);
            const qint64 id = r->message.id;
            m_storage.commit(r->job, this, [this, reply, page, id](Result<void> done) {
                if (!done) {
                    m_log->add(LogEntry::Kind::System, page.account, QString(),
                               QStringLiteral("release link: quarantined message %1 not "
                                              "released: %2")
                                   .arg(id)
                                   .arg(done.error().message));
                    return fail(*reply, failureFor(done.error()));
                }
                reply->send(200, ReleasePages::released(page));
            });
        });
}

} // namespace fumibako
