#include "virusstrip.h"

#include "common/maildate.h"
#include "mimemessage.h"

namespace fumibako
{

namespace
{

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

struct Named {
    QString file;
    QString virus;
    const RemovedPart *info = nullptr;
};

QList<Named> namedParts(const QList<StrippedPart> &removed, const QList<RemovedPart> &found)
{
    QList<Named> out;
    for (const StrippedPart &p : removed) {
        Named n;
        for (const RemovedPart &f : found)
            if (f.path == p.path)
                n.info = &f;
        n.file = noticeLine(p.fileName.isEmpty() && n.info ? n.info->fileName : p.fileName);
        n.virus = noticeLine(p.virusName);
        out << n;
    }
    return out;
}

QString noticeText(const QList<Named> &parts)
{
    QString t;
    auto line = [&t](const QString &s = {}) { t += s + QLatin1Char('\n'); };
    line(u("このメールからウイルスが検出されたため、感染していた添付ファイルを削除しました。"));
    line(u("（Fumibako のウイルスチェックによる自動処理です）"));
    for (const Named &n : parts)
        line(u("  ・ファイル名: ") + (n.file.isEmpty() ? u("（名前なし）") : n.file) +
             u("　ウイルス名: ") + n.virus);
    line(u("削除した内容は、添付の ReplaceWarning.txt に記載しています。"));
    line();
    line(QStringLiteral("A virus was found in this message, so the infected attachments were "
                        "removed"));
    line(QStringLiteral("(done automatically by Fumibako's virus check)."));
    for (const Named &n : parts)
        line(QStringLiteral("  - file: ") +
             (n.file.isEmpty() ? QStringLiteral("(no name)") : n.file) +
             QStringLiteral("  virus: ") + n.virus);
    line(QStringLiteral("What was removed is listed in the attached ReplaceWarning.txt."));
    line(QStringLiteral("----------------------------------------------------------------------"));
    return t;
}

QString warningText(const QList<Named> &parts, const QDateTime &when, const QString &subject,
                    const QString &from)
{
    const QString date =
        QString::fromLatin1(formatMailDate(when, QStringLiteral("yyyy/MM/dd HH:mm:ss")));
    QString t;
    auto line = [&t](const QString &s = {}) { t += s + QLatin1Char('\n'); };
    auto details = [&](bool japanese) {
        int i = 0;
        for (const Named &n : parts) {
            const QString number = QString::number(++i) + QStringLiteral(". ");
            const QString pad(number.size() + 2, QLatin1Char(' '));
            const QString file = n.file.isEmpty()
                                     ? (japanese ? u("（名前なし）") : QStringLiteral("(no name)"))
                                     : n.file;
            line(QStringLiteral("  ") + number +
                 (japanese ? u("ファイル名: ") : QStringLiteral("File: ")) + file);
            line(pad + (japanese ? u("ウイルス名: ") : QStringLiteral("Virus: ")) + n.virus);
            if (n.info) {
                const QString size = QString::number(n.info->size);
                line(pad + (japanese ? u("種類: ") : QStringLiteral("Type: ")) +
                     QString::fromLatin1(n.info->contentType) +
                     (japanese ? u("（") + size + u(" バイト）")
                               : QStringLiteral(" (") + size + QStringLiteral(" bytes)")));
                line(pad + (japanese ? u("パート番号: ") : QStringLiteral("MIME part: ")) +
                     (n.info->path.isEmpty() ? QStringLiteral("1") : partNumberText(n.info->path)));
            }
        }
    };
    const QString noSubjectJa = u("（件名なし）");
    line(u("Fumibako ウイルスチェック報告"));
    line();
    line(u("このメールからウイルスが検出されたため、感染していた添付ファイルを削除しました。"));
    line(u("削除したファイルは元に戻せません。必要な場合は、差出人に安全を確かめたうえで"));
    line(u("送り直してもらってください。"));
    line();
    line(u("  処理日時: ") + date);
    line(u("  件名: ") + (subject.isEmpty() ? noSubjectJa : subject));
    line(u("  差出人: ") + from);
    line();
    line(u("削除したファイル:"));
    details(true);
    line();
    line(QStringLiteral("----------------------------------------------------------------------"));
    line(QStringLiteral("Fumibako virus check report"));
    line();
    line(QStringLiteral("A virus was found in this message, so the infected attachments were "
                        "removed."));
    line(QStringLiteral("Removed files cannot be restored. If you need them, check with the "
                        "sender that"));
    line(QStringLiteral("their computer is clean and ask them to send the files again."));
    line();
    line(QStringLiteral("  Processed: ") + date);
    line(QStringLiteral("  Subject: ") +
         (subject.isEmpty() ? QStringLiteral("(no subject)") : subject));
    line(QStringLiteral("  From: ") + from);
    line();
    line(QStringLiteral("Removed files:"));
    details(false);
    return t;
}

} // namespace

Result<QByteArray> stripParts(const QByteArray &message, const QList<StrippedPart> &removed,
                              const QDateTime &when)
{
    QList<QList<int>> paths;
    for (const StrippedPart &p : removed)
        paths << p.path;
    return removeParts(message, paths, [&](const QList<RemovedPart> &found) {
        const MimeMessage parsed(message);
        const QList<Named> parts = namedParts(removed, found);
        return StripNotice{noticeText(parts), "ReplaceWarning.txt",
                           warningText(parts, when, noticeLine(parsed.decodedHeader("Subject")),
                                       noticeLine(parsed.decodedHeader("From"))),
                           "virus"};
    });
}

} // namespace fumibako
