#include "attachmentstrip.h"

#include "partstrip.h"

namespace fumibako
{

namespace
{

constexpr qsizetype kMaxNamesInNote = 20;

bool isSignature(const MimeLeaf &leaf)
{
    return leaf.contentType == "application/pkcs7-signature" ||
           leaf.contentType == "application/x-pkcs7-signature" ||
           leaf.contentType == "application/pgp-signature";
}

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// One language's list: the names, or what a nameless part is, and the rest counted.
QString nameList(const QList<const MimeLeaf *> &parts, bool japanese)
{
    QStringList names;
    for (const MimeLeaf *leaf : parts) {
        if (names.size() == kMaxNamesInNote)
            break;
        const QString name = noticeLine(leaf->fileName);
        names << (!name.isEmpty() ? name
                                  : (japanese ? u("パート ") : QStringLiteral("part ")) +
                                        partNumberText(leaf->path) + QStringLiteral(" (") +
                                        QString::fromLatin1(leaf->contentType) + QLatin1Char(')'));
    }
    QString out = names.join(QStringLiteral(", "));
    if (const qsizetype rest = parts.size() - names.size(); rest > 0)
        out += japanese
                   ? u(" ほか ") + QString::number(rest) + u(" 件")
                   : QStringLiteral(", and ") + QString::number(rest) + QStringLiteral(" more");
    return out;
}

QString noteText(const QList<const MimeLeaf *> &parts)
{
    return u("このメールは転送時に添付ファイルを削除しました: ") + nameList(parts, true) +
           QStringLiteral("\nAttachments were removed when this message was forwarded: ") +
           nameList(parts, false) +
           QStringLiteral(
               "\n----------------------------------------------------------------------\n");
}

} // namespace

Result<AttachmentStripResult> stripAttachments(const QByteArray &message)
{
    const QList<MimeLeaf> leaves = mimeLeaves(message);
    QList<const MimeLeaf *> removed;
    bool files = false; // something besides a signature
    for (const MimeLeaf &leaf : leaves) {
        if (leaf.pastLimit)
            return Error::limit(
                QStringLiteral(
                    "The message has more parts or deeper nesting than can be examined (part %1)")
                    .arg(partNumberText(leaf.path)));
        if (isBodyText(leaf) || leaf.path.isEmpty())
            continue;
        removed << &leaf;
        files = files || !isSignature(leaf);
    }
    if (!files)
        return AttachmentStripResult{message, {}};

    QList<QList<int>> paths;
    AttachmentStripResult out;
    for (const MimeLeaf *leaf : std::as_const(removed)) {
        paths << leaf->path;
        out.removed << nameList({leaf}, false);
    }
    const QString note = noteText(removed);
    Result<QByteArray> stripped = removeParts(message, paths, [&note](const QList<RemovedPart> &) {
        return StripNotice{note, {}, {}, "strip"};
    });
    if (!stripped)
        return stripped.error();
    out.message = std::move(*stripped);
    return out;
}

} // namespace fumibako
