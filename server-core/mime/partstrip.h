// partstrip: a message's leaf parts, and the one rewrite that takes some of
// them out and says so at the top of the body. Two features use it with their
// own words: the virus strip (virusstrip: infected parts, a notice and
// ReplaceWarning.txt, issue 13) and forwarding with 「添付を削除して転送」
// (attachmentstrip: every attached file, a one-line note). Parts are addressed
// by IMAP part number (RFC 3501 6.4.5) as MimeMessage splits them, so a path
// means the same part here, in IMAP and in the console.
//
// The structure removeParts() writes (RFC 2046 5.1.3):
//
//   <original header fields, Content-* taken out>
//   MIME-Version: 1.0
//   Content-Type: multipart/mixed; boundary="=_fumibako-<tag>-..."
//   ├─ 1  text/plain; charset=UTF-8, base64    the notice: Japanese, then English
//   ├─ 2  <the original Content-* fields>      the original body minus the removed
//   │                                           parts (left out if nothing remains)
//   └─ 3  text/plain; name=<attachmentName>    only when the notice has one (attachment)
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
#include <QList>
#include <QString>

#include <functional>

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
    bool attachment = false; // Content-Disposition: attachment (RFC 2183 2.2)
    qsizetype size = 0;      // of `body`
    // The body with its Content-Transfer-Encoding undone (base64,
    // quoted-printable, uuencode). A message/rfc822 part is one leaf: its whole
    // encapsulated message, scanned as a whole (clamd reads mail itself).
    QByteArray body;
    // True: not a leaf but the part where a limit stopped the walk, its body
    // the part's raw bytes, undecoded (a multipart nested deeper than
    // kMaxMimeDepth, or the first part past kMaxMimeLeaves leaves). A list
    // with such an entry does not show every part: the caller treats the
    // message as one it cannot handle part by part.
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

// Whether a leaf is the text of the message as mail programs show it —
// text/plain or text/html, neither marked as an attachment nor named — rather
// than a file they offer to save. The held-mail preview and the attachment
// strip draw the line in the same place.
bool isBodyText(const MimeLeaf &leaf);

// What removeParts() took out, for its notice.
struct RemovedPart {
    QList<int> path;
    QByteArray contentType; // as MimeLeaf's
    QString fileName;       // as MimeLeaf's; empty when the part has none
    qsizetype size = 0;     // decoded, as MimeLeaf's
};

// What removeParts() writes besides the kept body.
struct StripNotice {
    QString text; // part 1, as text/plain UTF-8; "\n" line ends (written as CRLF)
    // When not empty, a text/plain UTF-8 attachment of that (ASCII, no quote)
    // name after the body, holding attachmentText.
    QByteArray attachmentName;
    QString attachmentText;
    // In the new top's boundary, "=_fumibako-<tag>-<random hex>": letters,
    // digits and '-' only (RFC 2046 5.1.1 bchars).
    QByteArray boundaryTag;
};

// `message` with the parts at `paths` taken out and the notice written in the
// structure described above. `notice` is asked once, with what was removed in
// the message's order. Invalid when `paths` is empty or a multipart to rewrite
// has an unreadable boundary; NotFound when a path names no part of
// mimeLeaves' tree (a path below an attached message, one past the limits, or
// none at all). A path may name a multipart: it goes whole.
Result<QByteArray>
removeParts(const QByteArray &message, const QList<QList<int>> &paths,
            const std::function<StripNotice(const QList<RemovedPart> &)> &notice);

// "2.1" for {2, 1}; "" for {}. For logs and notices.
QString partNumberText(const QList<int> &path);

// A name or text from the message fit for one line of a notice: control
// characters as spaces, white space simplified, at most 200 characters (then "…").
QString noticeLine(const QString &text);

} // namespace fumibako
