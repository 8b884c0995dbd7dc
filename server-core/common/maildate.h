// maildate: dates as mail protocols write them — local time with a numeric
// zone ("+0900"), never a zone name: RFC 5322 3.3 for headers (Received:,
// later bounces), RFC 3501 date-time for IMAP INTERNALDATE.
#pragma once

#include <QByteArray>
#include <QDateTime>

namespace fumibako
{

// `t` in local time formatted by the C-locale `pattern`, then " +hhmm".
QByteArray formatMailDate(const QDateTime &t, const QString &pattern);

inline QByteArray rfc5322Date(const QDateTime &t)
{
    return formatMailDate(t, QStringLiteral("ddd, d MMM yyyy HH:mm:ss"));
}

} // namespace fumibako
