// ImapFetch: the pure side of FETCH (RFC 3501 6.4.5, 7.4.2) — parsing the
// fetch attributes a client asks for (macros ALL / FAST / FULL, ENVELOPE,
// BODYSTRUCTURE, BODY, BODY[section]<partial> with part numbers and
// .HEADER / .TEXT / .MIME / .HEADER.FIELDS[.NOT]) and answering them from a
// MimeMessage, which keeps the original bytes of every part.
#pragma once

#include "common/worker.h" // FETCH and SEARCH read message files off the I/O thread
#include "imapcommandparser.h"
#include "mime/mimemessage.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace fumibako
{

struct FetchItem {
    enum class Kind {
        Uid,
        Flags,
        InternalDate,
        Size,
        Modseq,
        Envelope,
        BodyStructure,
        Body,
        Section
    };
    Kind kind = Kind::Uid;
    // Section items: BODY[<part>.<text>]<partial>, RFC822, RFC822.HEADER, RFC822.TEXT
    bool peek = false;
    QList<int> part; // {} for the whole message, {1, 2} for "1.2"
    MimeMessage::SectionText text = MimeMessage::SectionText::Whole;
    QList<QByteArray> fields; // for HEADER.FIELDS[.NOT], upper-cased
    qint64 partialStart = -1;
    qint64 partialCount = -1;
    QByteArray responseName; // what the response calls it: "BODY[HEADER]<0>", "RFC822", ...
};

struct FetchRequest {
    QList<FetchItem> items;
    bool setsSeen = false;
    bool wantsUid = false;
};

// Parses the FETCH attribute argument (an atom, a macro or a list). nullopt: BAD.
std::optional<FetchRequest> parseFetchItems(const ImapValue &value);

// The bytes of `item`'s section of `message`, partial applied; nullopt when the
// message has no such part (the response then says NIL).
std::optional<QByteArray> fetchSection(const MimeMessage &message, const FetchItem &item);

// The response value of an ENVELOPE, BODYSTRUCTURE, BODY or section item.
QByteArray fetchValue(const MimeMessage &message, const FetchItem &item);

// Whether answering `item` needs the message file.
bool readsMessageFile(const FetchItem &item);

// The values of the items of `items` that read the message file at `path`, in
// order. The file is parsed only when an item needs its structure: BODY[] and
// RFC822 are sent as stored. `expectedSize` is the size the store recorded,
// if known (see readMessageFile). Any thread.
QByteArrayList fetchFileValues(const QString &path, const QList<FetchItem> &items,
                               qsizetype expectedSize = -1);

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
