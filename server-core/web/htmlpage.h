// HtmlPage: what every page of the HTTPS listener shares — the frame
// (lang="ja", UTF-8, one small inline style sheet, nothing loaded from
// anywhere) and the escaping of text that came from a message or a visitor.
// The server also sends a Content-Security-Policy saying nothing may load
// (HttpReply), so a page that slipped would still run nothing.
#pragma once

#include <QByteArray>
#include <QString>

namespace fumibako::HtmlPage
{

// A UTF-8 literal as a QString (the pages' Japanese).
inline QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Text for an element or an attribute value: control characters become spaces.
QString escape(const QString &text);

// The whole document around `body` (already HTML).
QByteArray frame(const QString &title, const QString &body);

} // namespace fumibako::HtmlPage
