#include "smarthostservice.h"

#include "outboundsettings.h"
#include "queue/smtpclient.h"
#include "settings.h"

#include <QHostInfo>
#include <QSysInfo>

namespace fumibako
{

SmarthostService::SmarthostService(QObject *parent) : QObject(parent) {}

SmarthostService::~SmarthostService() = default;

void SmarthostService::testConnection(const Settings &settings, const Target &target,
                                      int connectTimeoutMs, int replyTimeoutMs)
{
    const int serial = ++m_serial;
    if (m_client)
        m_client->deleteLater();
    m_testing = true;
    auto config = OutboundSettings::config(settings);
    if (!config) {
        // Reported from the event loop, as every other outcome.
        QMetaObject::invokeMethod(
            this,
            [this, serial, message = config.error().message.toUtf8()] {
                if (serial == m_serial)
                    finish(false, 0, message);
            },
            Qt::QueuedConnection);
        return;
    }
    config->relay = OutboundSettings::relay(settings, target.password);
    config->relay.host = target.host;
    config->relay.port = target.port;
    config->relay.tls = OutboundSettings::relayTls(target.tls);
    config->relay.user = target.user.toUtf8();
    config->connectTimeoutMs = connectTimeoutMs;
    config->replyTimeoutMs = replyTimeoutMs;
    if (config->hostname.isEmpty())
        config->hostname = QSysInfo::machineHostName();
    QueueRoute route;
    route.kind = QueueRoute::Kind::Relay;
    const SmtpClientOptions options = config->clientOptions(route);

    auto connectTo = [this, serial, options, target](const QHostAddress &address) {
        if (serial != m_serial)
            return;
        auto *client = new SmtpClient(options, this);
        m_client = client;
        connect(client, &SmtpClient::ready, this, [this, serial, client] {
            if (serial == m_serial) {
                const SmtpReply reply = client->lastReply();
                finish(true, reply.code, reply.toLine());
            }
            client->quit();
        });
        connect(client, &SmtpClient::failed, this, [this, serial](const SmtpReply &reply) {
            if (serial == m_serial)
                finish(false, reply.code, reply.toLine());
        });
        connect(client, &SmtpClient::closed, client, &QObject::deleteLater);
        client->connectToHost(address, target.port, target.host);
    };
    QHostAddress literal;
    if (literal.setAddress(target.host)) {
        QMetaObject::invokeMethod(
            this, [connectTo, literal] { connectTo(literal); }, Qt::QueuedConnection);
        return;
    }
    QHostInfo::lookupHost(
        target.host, this, [this, serial, connectTo, host = target.host](const QHostInfo &info) {
            if (serial != m_serial)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                finish(
                    false, 0,
                    SmtpReply::local(0, "4.4.4", "no address found for " + host.toUtf8()).toLine());
                return;
            }
            // IPv4 first: many office networks have no IPv6 route to the outside.
            QHostAddress address = info.addresses().first();
            for (const QHostAddress &a : info.addresses())
                if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                    address = a;
                    break;
                }
            connectTo(address);
        });
}

void SmarthostService::finish(bool ok, int code, const QByteArray &reply)
{
    if (!m_testing)
        return;
    m_testing = false;
    Q_EMIT testFinished(ok, code, QString::fromUtf8(reply));
}

} // namespace fumibako
