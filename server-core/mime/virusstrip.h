// virusstrip: the MIME half of stripping a virus from incoming mail (issue 13,
// FAQ メールウイルスチェック). clamd only says that a stream is infected, not
// where, so the scan step scans the whole message, and only when it is
// infected scans each leaf from mimeLeaves() on its own; stripParts() then
// takes the infected leaves out, puts a notice at the top of the body and
// attaches ReplaceWarning.txt, as the reference service does. Parts are
// addressed by IMAP part number (RFC 3501 6.4.5) as MimeMessage splits them,
// so a path means the same part here, in IMAP and in the console.
//
// The structure stripParts() writes (RFC 2046 5.1.3):
//
//   <original header fields, Content-* taken out>
//   MIME-Version: 1.0
//   Content-Type: multipart/mixed; boundary="=_fumibako-virus-..."
//   ├─ 1  text/plain; charset=UTF-8, base64    the notice: Japanese, then English
//   ├─ 2  <the original Content-* fields>      the original body minus the removed
//   │                                           parts (left out if nothing remains)
//   └─ 3  text/plain; name=ReplaceWarning.txt  what was removed, when (attachment)
//
// Why a new top rather than adding to the original's: the original's top may be
// multipart/alternative, related or signed, where an extra part would be read as
// another version of the text, a resource, or break the signature part; a
// single-part original has no list to add to. Wrapped whole, the original body
// keeps its own Content-Type, charset and transfer encoding, and every kept part
// is copied byte for byte: an ISO-2022-JP or Shift_JIS text is never decoded and
// re-encoded. Mail clients show a multipart/mixed inside multipart/mixed inline,
// in order, so the notice reads first. A multipart on the way to a removed part is
// written anew with its own boundary (its preamble and epilogue, which no client
// shows, are dropped); one that loses every part goes with them. Header fields
// other than Content-* are copied as they were (DKIM-Signature too: a verifier
// finds the body hash changed and treats the mail as unsigned, RFC 6376 6.1;
// an S/MIME or PGP signature over a removed part fails the same way). Our lines
// are CRLF and at most 76 octets; the output is 8-bit (Content-Transfer-Encoding:
// 8bit on the new top) only when a kept part is.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

struct MimeLeaf {
    // IMAP part number: {1} for the body of a single-part message, {2, 1} for
    // the first part of the second part. {} only for a top-level multipart in
    // which no part could be found (no boundary): its whole body is the leaf.
    QList<int> path;
    QByteArray contentType; // "application/zip", lower case; "text/plain" when not given
    // Content-Disposition's filename, else Content-Type's name; RFC 2231
    // (charset, continuations) and RFC 2047 (as Outlook writes it) decoded,
    // unencoded 8-bit names (Shift_JIS, EUC-JP) guessed. Empty when none.
    QString fileName;
    qsizetype size = 0; // of `body`
    // The body with its Content-Transfer-Encoding undone (base64,
    // quoted-printable, uuencode). A message/rfc822 part is one leaf: its whole
    // encapsulated message, scanned as a whole (clamd reads mail itself).
    QByteArray body;
    // True: not a leaf but the part where a limit stopped the walk, its body
    // the part's raw bytes, undecoded (a multipart nested deeper than
    // kMaxMimeDepth, or the first part past kMaxMimeLeaves leaves). A list
    // with such an entry does not show every part: the caller treats the
    // message as one it cannot scan part by part.
    bool pastLimit = false;
};

// Postfix stops at mime_nesting_limit (100) and Dovecot at 100 nested and
// 10 000 parts in all; MimeMessage opens 32 levels and 5000 parts. We stop
// below MimeMessage's bounds, so that what it would keep opaque is reported
// rather than silently scanned as one piece; 1000 leaves bound the clamd round
// trips one infected message can cost (ClamAV's own MaxRecursion is 17).
constexpr int kMaxMimeDepth = 30;
constexpr int kMaxMimeLeaves = 1000;

// Every leaf part of `message` (CRLF lines as stored), in the message's order;
// a single-part message has one. At most kMaxMimeLeaves leaves and one
// pastLimit entry. If clamd finds the whole message infected but no leaf,
// the virus is not in one part (or is in what MimeMessage does not open): do
// not strip.
QList<MimeLeaf> mimeLeaves(const QByteArray &message);

struct StrippedPart {
    QList<int> path;   // a MimeLeaf's path
    QString fileName;  // as shown to the recipient; empty: taken from the part
    QString virusName; // as clamd named it, e.g. "Eicar-Test-Signature"
};

// `message` with the parts in `removed` taken out, the notice at the top of
// the body and ReplaceWarning.txt attached, in the structure described above.
// `when` is the time the notice and ReplaceWarning.txt give. Invalid when
// `removed` is empty, NotFound when a path names no part of mimeLeaves' tree.
Result<QByteArray> stripParts(const QByteArray &message, const QList<StrippedPart> &removed,
                              const QDateTime &when = QDateTime::currentDateTime());

// "2.1" for {2, 1}; "" for {}. For logs and the notice.
QString partNumberText(const QList<int> &path);

} // namespace fumibako
