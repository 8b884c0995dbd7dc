// WebServer: the server's HTTPS listener (ports.web) on Qt HttpServer, with
// the data dir's certificate like every TLS listener. Today it serves the
// Spam Summary's release links, and the archive's search pages (ArchiveSite):
//   GET  /release?t=TOKEN  the confirmation page (date, sender, subject) and a form
//   POST /release          (t=TOKEN in the form) releases into INBOX, byte for byte
// Only the POST changes anything, and it carries the token itself, so there is
// no session or cookie for another site to ride on (no CSRF). A tampered,
// expired, used or other account's token gets an error page and changes nothing.
// It lives on the server's thread: reads run on MailStorage's workers and the
// release is Quarantine::releaseJob committed by the StoreWriter, so the
// thread never waits on the disk.
#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QSslServer;

namespace fumibako
{

class ArchiveSearchAccess;
class AuthThrottle;
class Clock;
class ConnectionLimiter;
class EventLog;
class MailStorage;

class WebServer : public QObject
{
    Q_OBJECT
public:
    struct Config {
        QByteArray key; // releaseKey()
        QString quarantineRoot;
        QString mailRoot;
        // The per-address and total caps every listener shares (limits.*); may be null.
        ConnectionLimiter *limiter = nullptr;
        // The archive's search pages (/archive) when set; must outlive the workers.
        const ArchiveSearchAccess *archive = nullptr;
        // Failed sign-ins to those pages count here, with the mail logins'; may be null.
        AuthThrottle *throttle = nullptr;
    };
    WebServer(const MailStorage &storage, EventLog *log, const Clock *clock, Config config,
              QObject *parent = nullptr);
    ~WebServer() override;

    Result<void> listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls);
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;

private:
    void showRelease(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void release(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    const MailStorage &m_storage;
    EventLog *m_log;
    const Clock *m_clock;
    Config m_config;
    std::unique_ptr<QHttpServer> m_http;
    QSslServer *m_tcp = nullptr; // owned by m_http
};

} // namespace fumibako
