// mimedowngrade: an 8-bit message made fit for a peer without 8BITMIME
// (RFC 6152 3: the client either returns the mail or converts it to 7 bit, as
// RFC 1652 described). Every 8bit/binary leaf part is re-encoded — text/* as
// quoted-printable, anything else as base64 (RFC 2045 6) — and its
// Content-Transfer-Encoding field fixed; 7-bit parts, boundaries, preambles and
// every other header byte are copied as they are. Header fields with raw UTF-8
// (RFC 6532) cannot be downgraded: they need SMTPUTF8 (RFC 6531 3.2), which
// has8bitHeaders() tells the SMTP client. Qt types in and out; GMime does the encoding.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace fumibako
{

// True if any byte is >= 0x80 (BODY=8BITMIME or a downgrade is needed).
bool has8bitBytes(QByteArrayView data);

// True if the header of the message, or of any MIME part in it, holds a byte
// >= 0x80: that cannot be made 7-bit here (RFC 6532 3.2 header fields).
bool has8bitHeaders(const QByteArray &message);

// `message` as stored (CRLF lines) with its 8-bit bodies re-encoded. A message
// without 8-bit bodies comes back unchanged. A non-MIME message with an 8-bit
// body becomes a quoted-printable text part (MIME-Version and the encoding
// field are added). Bodies already labelled base64 or quoted-printable are left
// alone, as is anything past MimeMessage's nesting bound.
QByteArray downgradeTo7bit(const QByteArray &message);

} // namespace fumibako
