// SmtpCommand: the pure parsers of SMTP's command lines (RFC 5321 4.1) —
// the verb table and the MAIL FROM / RCPT TO paths with their ESMTP
// parameters. They never see a socket; the line is already bounded by the
// session (2,048 octets, Postfix's line_length_limit).
#pragma once

#include "common/mailaddress.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace fumibako
{

struct SmtpCommand {
    enum class Verb {
        Helo,
        Ehlo,
        Mail,
        Rcpt,
        Data,
        Bdat,
        Rset,
        Noop,
        Quit,
        Vrfy,
        Expn,
        Help,
        StartTls,
        Auth,
        Unknown,
        Empty,
        // Not SMTP at all: an HTTP request line (CONNECT, GET, POST, HEAD) or a
        // header field ("Host: ...") — a web page made a browser talk to us, or
        // a client lost track of DATA. Postfix's smtpd_forbidden_commands.
        Forbidden
    };
    Verb verb = Verb::Unknown;
    QByteArray argument; // the rest of the line after one space
    QByteArrayView line; // the whole line, valid while the caller's line is

    static SmtpCommand parse(QByteArrayView line);
};

struct SmtpPath {
    bool null = false;        // <>
    bool sourceRoute = false; // <@a,@b:user@c> (RFC 5321 4.1.2, obsolete)
    bool postmaster = false;  // RCPT TO:<Postmaster> without a domain (RFC 5321 4.5.1)
    MailAddress address;
    QList<QPair<QByteArray, QByteArray>> params; // upper-cased keys
    // A parameter that is malformed (RFC 5321 4.1.2: esmtp-keyword ["=" esmtp-value],
    // the value not empty), given twice, or one too many; the path itself parsed.
    bool badParams = false;

    std::optional<QByteArray> param(const QByteArray &key) const;
    // Parses "FROM:<path> params" (keyword "FROM") or "TO:<path> params".
    static std::optional<SmtpPath> parse(QByteArrayView argument, QByteArrayView keyword);
};

// RFC 3461 4: xtext ("+2B" for '+'), used by ENVID and ORCPT. nullopt when malformed.
std::optional<QByteArray> decodeXtext(QByteArrayView xtext);
// RFC 3461 4.1: NOTIFY=NEVER or a comma list of SUCCESS, FAILURE, DELAY; upper-cased, or nullopt.
std::optional<QByteArray> parseDsnNotify(QByteArrayView value);

} // namespace fumibako
