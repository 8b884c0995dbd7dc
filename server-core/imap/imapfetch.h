// ImapFetch: the pure side of FETCH (RFC 3501 6.4.5, 7.4.2) — parsing the
// fetch attributes a client asks for and cutting sections out of a stored
// message (BODY[HEADER], BODY[TEXT], BODY[HEADER.FIELDS (..)], partial
// <start.count>). MIME part numbers beyond the top level and BODYSTRUCTURE /
// ENVELOPE come with the mime/ layer.
#pragma once

#include "imapcommandparser.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace fumibako {

struct FetchItem {
    enum class Kind { Uid, Flags, InternalDate, Size, Modseq, Section };
    Kind kind = Kind::Uid;
    // Section items
    bool peek = false;
    QByteArray section;          // "", "HEADER", "TEXT", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "MIME", "1"
    QList<QByteArray> fields;    // for HEADER.FIELDS[.NOT], upper-cased
    qint64 partialStart = -1;
    qint64 partialCount = -1;
    QByteArray responseName;     // what the response calls it: "BODY[HEADER]<0>", "RFC822", ...
};

struct FetchRequest {
    QList<FetchItem> items;
    bool setsSeen = false;
    bool wantsUid = false;
};

// Parses the FETCH attribute argument (an atom, a macro or a list). nullopt: BAD.
std::optional<FetchRequest> parseFetchItems(const ImapValue &value);

// The bytes of `item`'s section of `message` (CRLF message), partial applied.
QByteArray fetchSection(const QByteArray &message, const FetchItem &item);

// Splits at the blank line: header (with its final CRLF CRLF) and body.
qsizetype headerLength(const QByteArray &message);

// The value of the first header field `name` (unfolded, raw), or null.
QByteArray headerField(const QByteArray &message, QByteArrayView name);

// IMAP string for a response: a quoted string when safe and short, else a literal.
QByteArray imapString(const QByteArray &text);
QByteArray imapLiteral(const QByteArray &data);
// "dd-Mon-yyyy hh:mm:ss +zzzz" (RFC 3501 date-time) from seconds since the epoch.
QByteArray imapDateTime(qint64 secs);

} // namespace fumibako
