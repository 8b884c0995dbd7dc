// attachmentstrip: a message as forwarding sends it with the reference
// service's 「添付を削除して転送」 (FAQ 転送設定: forward without attached files,
// e.g. to a phone). Every attached file is taken out by the same rewrite as
// the virus strip (partstrip.h: kept parts byte for byte, an ISO-2022-JP text
// never re-encoded) with a one-line note, Japanese then English, at the top;
// no ReplaceWarning.txt — it would be an attachment itself.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QStringList>

namespace fumibako
{

struct AttachmentStripResult {
    QByteArray message; // the input itself, byte for byte, when nothing was removed
    // What was removed, in the message's order, for the log: each part's file
    // name, or "part 2.1 (application/pdf)" when it has none.
    QStringList removed;
};

// What is an attachment: every leaf of mimeLeaves() that isBodyText() does not
// call the message's text — so what the held-mail preview lists as
// attachments is what forwarding removes. That is:
//  - kept: text/plain and text/html leaves with no file name and no
//    Content-Disposition: attachment — the plain and HTML versions of a
//    multipart/alternative, the HTML root of a multipart/related; also a
//    top-level multipart whose parts cannot be found (no boundary), which
//    holds no part a mail program would offer as a file;
//  - removed: any leaf with Content-Disposition: attachment or with a file
//    name (a named text/plain too), every other type — images (the inline
//    images of a multipart/related HTML body as well: they are files, and the
//    FAQ's intent is a forward with none; the HTML then shows its cid: images
//    as missing), application/*, winmail.dat, text/calendar, the parts of a
//    multipart/encrypted — and message/rfc822 parts whole (a forwarded mail
//    with its own attachments);
//  - the signature of a multipart/signed (application/pkcs7-signature,
//    x-pkcs7-signature, pgp-signature) is removed only with something else:
//    alone it is no file to the reader, and the message still verifies; once
//    a signed part has changed it could only fail.
// The note reads 「このメールは転送時に添付ファイルを削除しました: a.pdf, b.xlsx」
// then "Attachments were removed when this message was forwarded: a.pdf,
// b.xlsx", at most 20 names (then 「ほか N 件」 / "and N more"). Limit when the
// message is nested deeper or has more parts than mimeLeaves() walks (what
// lies past the limit cannot be judged; do not forward it whole); Invalid when
// a multipart to rewrite has an unreadable boundary.
Result<AttachmentStripResult> stripAttachments(const QByteArray &message);

} // namespace fumibako
