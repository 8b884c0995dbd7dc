// SmarthostService: what the console's smarthost page needs from the outbound
// side, without reaching into queue/: a connection test against a smarthost
// with the values as entered (not yet saved). It resolves the name (IPv4
// first), connects, greets, starts TLS and signs in exactly as the queue
// would (OutboundSettings: relay.tls, a [host]:port queue.tls_policy rule,
// queue.tls_ca_file), then says QUIT. Lives on the caller's thread; asynchronous.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace fumibako
{

class Settings;

class SmarthostService : public QObject
{
    Q_OBJECT
public:
    // The smarthost as entered on the page.
    struct Target {
        QString host;
        quint16 port = 587;
        QString tls; // relay.tls: starttls, tls, none
        QString user;
        QByteArray password;
    };

    explicit SmarthostService(QObject *parent = nullptr);
    ~SmarthostService() override;

    // Starts a test; a test still under way is abandoned (its result never comes).
    // `settings`: the stored ones, for the EHLO name and the TLS policy.
    void testConnection(const Settings &settings, const Target &target,
                        int connectTimeoutMs = 15000, int replyTimeoutMs = 30000);
    bool isTesting() const { return m_testing; }

Q_SIGNALS:
    // ok: connected (and signed in when a user was given). code: the server's
    // reply code, 0 when it never answered (no address, no connection, TLS
    // failed); reply: that reply as one line ("250 smtp.example.jp", "535 5.7.8 …").
    void testFinished(bool ok, int code, const QString &reply);

private:
    void finish(bool ok, int code, const QByteArray &reply);

    bool m_testing = false;
    int m_serial = 0;
    QPointer<QObject> m_client;
};

} // namespace fumibako
