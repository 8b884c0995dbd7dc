// Helpers for tests that build MIME messages piece by piece (the virus and
// attachment strips): CRLF line ends as stored mail has them, a multipart
// from its parts, and the checks every rewritten message must pass. Written
// out by hand rather than through GMime, so a test's expected bytes come from
// the same pieces as its input. Header-only.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace fumibako::test
{

// `s` with every line ending in CRLF.
inline QByteArray crlf(QByteArray s)
{
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
}

inline QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// A multipart entity (its Content-Type field, a preamble, `parts`, the close
// delimiter) as RFC 2046 5.1.1 writes it.
inline QByteArray multipart(const QByteArray &subtype, const QByteArray &boundary,
                            const QList<QByteArray> &parts)
{
    QByteArray out = "Content-Type: multipart/" + subtype + "; boundary=\"" + boundary +
                     "\"\r\n\r\nThis is a multi-part message in MIME format.\r\n";
    for (const QByteArray &p : parts)
        out += "--" + boundary + "\r\n" + p + "\r\n";
    return out + "--" + boundary + "--\r\n";
}

// Whether every LF in `s` ends a CRLF.
inline bool crlfOnly(const QByteArray &s)
{
    for (qsizetype i = 0; i < s.size(); ++i)
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
            return false;
    return true;
}

} // namespace fumibako::test
