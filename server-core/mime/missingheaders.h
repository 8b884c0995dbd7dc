// missingheaders: the Date: and Message-ID: fields a submission server adds
// when its authenticated client left them out (RFC 6409 8.2, 8.3; RFC 5322
// 3.6 requires Date:, 3.6.4 says Message-ID: SHOULD be there), as Postfix's
// cleanup does for local submission. Fields that are present are never
// touched; mail from other servers (the MX port) never comes here. Pure byte
// work, no GMime: it runs on the session's thread and reads only the header.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace fumibako
{

// What the top-level header of `message` holds, read as RFC 5322 2.2 reads it:
// fields up to the first empty line (or the first line that is no field),
// continuation lines (folding, 2.2.3) belonging to the field above them, names
// compared without case and with the obsolete space before the colon (4.5).
// Lines may end in CRLF or a bare LF.
struct HeaderPresence {
    bool date = false;
    bool messageId = false;
    // The first line is neither a field nor the empty line: the message has
    // no header at all and its first line is body text.
    bool noHeader = false;
};
HeaderPresence headerPresence(QByteArrayView message);

// "<yyyyMMddhhmmss.random@host>" (RFC 5322 3.6.4): the time and 64 random
// bits keep it unique without any state.
QByteArray newMessageId(const QDateTime &now, QByteArrayView host);

// The fields to write before `message` (after the trace fields): "Date: ..."
// (local time with its zone, RFC 5322 3.3) and "Message-ID: <...@host>" when
// missing, CRLF-terminated; and an empty line after them when the message had
// no header, so its first line stays body text. Empty when nothing is missing.
QByteArray missingSubmissionFields(QByteArrayView message, const QDateTime &now,
                                   QByteArrayView host);

} // namespace fumibako
