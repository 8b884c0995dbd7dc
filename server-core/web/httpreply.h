// HttpReply: one answer of the HTTPS listener that may come later, once a
// worker or the StoreWriter is done. Qt 6.4's responder writes straight to
// the socket, which the server deletes when the client hangs up, so the
// socket is watched and a reply for a vanished client is dropped. Every
// answer carries the same strict headers: nothing may load from anywhere, no
// framing, no sniffing, no caching, no referrer (tokens are in URLs).
#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>

class QHttpServerRequest;

namespace fumibako
{

class HttpReply
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit HttpReply(QHttpServerResponder &&responder);

    // A page (UTF-8 HTML).
    void send(int status, const QByteArray &html, const Headers &extra = {});
    // 303 See Other to `location` (a path on this server).
    void redirect(const QByteArray &location, const Headers &extra = {});
    // Bytes to save, not to show: `fileName` is plain ASCII.
    void download(const QByteArray &body, const QByteArray &contentType,
                  const QByteArray &fileName);

private:
    void write(int status, const QByteArray &body, Headers headers);

    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
};

// The fields of an HTML form as sent (application/x-www-form-urlencoded: a
// POST's body or a GET's query string), '+' read as a space.
QUrlQuery formFields(const QByteArray &encoded);
// A request header's value, its name matched without regard to case; "" when absent.
QByteArray headerValue(const QHttpServerRequest &request, QByteArrayView name);

} // namespace fumibako
