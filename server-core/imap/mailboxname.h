// Mailbox names on the IMAP wire: modified UTF-7 (RFC 3501 5.1.3). Printable ASCII
// stands for itself, "&" is written "&-", anything else is "&" + modified BASE64 of
// UTF-16BE + "-". The decoder is strict (one spelling per name), so two different
// wire names never map to the same mailbox and a bad name is refused, not mangled.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace fumibako {

// A null QString on invalid input: a byte outside printable ASCII, an unterminated
// "&", a bad BASE64 character or padding bits, an odd UTF-16 length, unpaired
// surrogates, U+0000, printable ASCII written encoded ("&AGE-"), two encoded runs
// side by side ("&U,A-&U,A-"). The empty name decodes to an empty, non-null string.
QString decodeMailboxName(QByteArrayView wire);

// Always decodable by decodeMailboxName(): an unpaired surrogate or U+0000 is
// written as U+FFFD.
QByteArray encodeMailboxName(const QString &name);

} // namespace fumibako
