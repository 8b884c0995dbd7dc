// NoticeMail: the pieces every message the server writes itself is built
// from — delivery reports now; the Spam Summary, quota warnings and
// auto-replies next — so that each is 7-bit clean, CRLF, folded within RFC
// 5322's line limits and Japanese first (DESIGN.md) the same way. Pure byte
// work: no GMime, no state.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace fumibako::NoticeMail
{

bool isAscii(QByteArrayView bytes);
// A value for a 7-bit field: line breaks (a multi-line SMTP reply) become
// spaces, other controls and 8-bit bytes '?'.
QByteArray printableAscii(QByteArrayView in);
// Lone LF (and lone CR) to CRLF: the message is sent as is over SMTP (RFC 5321 2.3.8).
QByteArray toCrlf(QByteArrayView in);
// "Name: value" CRLF, folded (RFC 5322 2.2.3) before a space so lines stay
// within 78 octets where the value allows, and within 998 always.
QByteArray field(QByteArrayView name, QByteArrayView value);
// Base64 in lines of 76 (RFC 2045 6.8), each ending in CRLF.
QByteArray base64Lines(const QByteArray &data);

// A notice of one text part (the virus notice, the Spam Summary, an
// auto-reply): the header fields given, in this order (In-Reply-To and
// References only when set), then MIME-Version, Content-Type and
// Content-Transfer-Encoding, and the text with its line ends made CRLF. UTF-8
// text goes as base64, so any line length and 8-bit text pass every hop;
// ISO-2022-JP text is 7-bit already and goes as it is.
struct TextNotice {
    QByteArray date;          // RFC 5322 3.3 (rfc5322Date)
    QByteArray from;          // "Name <MAILER-DAEMON@domain>"
    QByteArray to;            // "<address>"
    QByteArray subject;       // ready to write: ASCII, or encoded-words after a space
    QByteArray messageId;     // "<...@...>"
    QByteArray inReplyTo;     // RFC 5322 3.6.4, replies only: "<...@...>"
    QByteArray references;    // RFC 5322 3.6.4, replies only: "<...> <...>"
    QByteArray autoSubmitted; // RFC 3834 5: "auto-replied", "auto-generated"
    QByteArray text;          // UTF-8, or ISO-2022-JP when iso2022Jp is set
    bool iso2022Jp = false;   // text is ISO-2022-JP (RFC 1468), lines within 998 octets
};
QByteArray textNotice(const TextNotice &notice);

} // namespace fumibako::NoticeMail
