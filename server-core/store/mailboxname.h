// Mailbox names on the IMAP wire: modified UTF-7 (RFC 3501 5.1.3). Printable ASCII
// stands for itself, "&" is written "&-", anything else is "&" + modified BASE64 of
// UTF-16BE + "-". The decoder is strict (one spelling per name), so two different
// wire names never map to the same mailbox and a bad name is refused, not mangled.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace fumibako
{

// A null QString on invalid input: a byte outside printable ASCII, an unterminated
// "&", a bad BASE64 character or padding bits, an odd UTF-16 length, unpaired
// surrogates, U+0000, printable ASCII written encoded ("&AGE-"), two encoded runs
// side by side ("&U,A-&U,A-"). The empty name decodes to an empty, non-null string.
QString decodeMailboxName(QByteArrayView wire);

// Always decodable by decodeMailboxName(): an unpaired surrogate or U+0000 is
// written as U+FFFD.
QByteArray encodeMailboxName(const QString &name);

// Why `name` (decoded, trailing separators removed) cannot name a new mailbox, as
// the text of a NO, or nullptr when it can. Dovecot's rules (mailbox_verify_create_name):
// no empty level ("a//b", a leading "/"), no "." or ".." level and no leading "~"
// (each means something else to file tools, backups and some clients), no "\\", no
// control character, no LIST wildcard "*" or "%" (RFC 3501 5.1), no level over 255
// bytes of UTF-8; and at most 200 characters in all.
const char *mailboxNameProblem(QStringView name);

} // namespace fumibako
