// virusstrip: the MIME half of stripping a virus from incoming mail (issue 13,
// FAQ メールウイルスチェック). clamd only says that a stream is infected, not
// where, so the scan step scans the whole message, and only when it is
// infected scans each leaf from mimeLeaves() (partstrip.h) on its own;
// stripParts() then takes the infected leaves out, puts a notice at the top of
// the body and attaches ReplaceWarning.txt, as the reference service does, in
// the structure removeParts() writes (partstrip.h: the original body wrapped
// whole, kept parts byte for byte, boundaries "=_fumibako-virus-...").
#pragma once

#include "common/result.h"
#include "partstrip.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace fumibako
{

struct StrippedPart {
    QList<int> path;   // a MimeLeaf's path
    QString fileName;  // as shown to the recipient; empty: taken from the part
    QString virusName; // as clamd named it, e.g. "Eicar-Test-Signature"
};

// `message` with the parts in `removed` taken out, the notice at the top of
// the body and ReplaceWarning.txt attached (removeParts()).
// `when` is the time the notice and ReplaceWarning.txt give. Invalid when
// `removed` is empty, NotFound when a path names no part of mimeLeaves' tree.
Result<QByteArray> stripParts(const QByteArray &message, const QList<StrippedPart> &removed,
                              const QDateTime &when = QDateTime::currentDateTime());

} // namespace fumibako
