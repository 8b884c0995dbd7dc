#include "httpreply.h"

#include <QHttpServerRequest>

namespace fumibako
{

HttpReply::HttpReply(QHttpServerResponder &&responder) : m_responder(std::move(responder))
{
    m_socket = m_responder.socket();
}

void HttpReply::send(int status, const QByteArray &html, const Headers &extra)
{
    Headers headers{{"Content-Type", "text/html; charset=utf-8"}};
    headers += extra;
    write(status, html, headers);
}

void HttpReply::redirect(const QByteArray &location, const Headers &extra)
{
    Headers headers{{"Location", location}};
    headers += extra;
    write(303, QByteArray(), headers);
}

void HttpReply::download(const QByteArray &body, const QByteArray &contentType,
                         const QByteArray &fileName)
{
    write(200, body,
          {{"Content-Type", contentType},
           {"Content-Disposition", "attachment; filename=\"" + fileName + '"'}});
}

void HttpReply::write(int status, const QByteArray &body, Headers headers)
{
    if (!m_socket || !m_socket->isOpen())
        return;
    headers += {// Nothing from anywhere: no scripts, images, fonts or frames; forms post here.
                {"Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'"},
                {"X-Content-Type-Options", "nosniff"},
                {"Referrer-Policy", "no-referrer"},
                {"Cache-Control", "no-store"},
                {"X-Frame-Options", "DENY"}};
    // The header list is built at run time; the responder's write() takes only a literal one.
    m_responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    for (const auto &[name, value] : std::as_const(headers))
        m_responder.writeHeader(name, value);
    m_responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    m_responder.writeBody(body);
}

QUrlQuery formFields(const QByteArray &encoded)
{
    return QUrlQuery(QString::fromLatin1(encoded).replace(QLatin1Char('+'), QStringLiteral("%20")));
}

QByteArray headerValue(const QHttpServerRequest &request, QByteArrayView name)
{
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return QByteArray();
}

} // namespace fumibako
