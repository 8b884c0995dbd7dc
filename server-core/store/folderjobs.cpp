#include "folderjobs.h"

#include "mailboxname.h"
#include "mailboxstore.h"
#include "maildir.h"

#include <QDir>
#include <QFileInfo>

namespace fumibako
{

bool FolderRules::isReserved(const QString &name)
{
    static const QStringList reserved = {QStringLiteral("inbox"),      QStringLiteral("spam"),
                                         QStringLiteral("trash"),      QStringLiteral("drafts"),
                                         QStringLiteral("sentmail"),   QStringLiteral("受信箱"),
                                         QStringLiteral("迷惑メール"), QStringLiteral("ごみ箱"),
                                         QStringLiteral("下書き保存"), QStringLiteral("送信箱")};
    const QString top = name.section(QLatin1Char('/'), 0, 0).toLower();
    return reserved.contains(top);
}

QString FolderRules::directoryFor(const QString &name)
{
    QStringList parts;
    for (const QString &level : name.split(QLatin1Char('/')))
        parts << QString::fromLatin1(encodeMailboxName(level))
                     .replace(QLatin1Char('.'), QLatin1String("&AC4-"));
    return QLatin1Char('.') + parts.join(QLatin1Char('.'));
}

Result<void> CreateFoldersJob::prepare()
{
    for (const QString &name : std::as_const(m_names)) {
        const Maildir dir(m_root, FolderRules::directoryFor(name));
        const bool existed = QFileInfo::exists(dir.root());
        if (auto r = dir.create(); !r)
            return r;
        if (!existed)
            m_made << dir.root();
    }
    return {};
}

Result<void> CreateFoldersJob::record(const Database &db)
{
    for (const QString &name : std::as_const(m_names))
        if (auto r = MailboxStore(db).create(m_accountId, name, QString(),
                                             FolderRules::directoryFor(name));
            !r)
            return r.error();
    return {};
}

void CreateFoldersJob::rollback()
{
    for (const QString &dir : std::as_const(m_made))
        QDir(dir).removeRecursively(); // empty: nothing was delivered to a folder with no row
}

Result<void> DeleteFolderJob::record(const Database &db)
{
    if (auto r = m_expunge.record(db); !r)
        return r;
    return MailboxStore(db).remove(m_mailboxId);
}

Result<void> DeleteFolderJob::commit(QSet<QString> &dirsToSync)
{
    auto r = m_expunge.commit(dirsToSync);
    // The row is gone and durable, so the directory goes too, whatever else
    // was left in it. Unsynced, as an expunge's unlinks are: a crash may leave
    // it, and a folder created again with that name takes it over empty (the
    // start-up sweep removes files no row names).
    QDir(m_directory).removeRecursively();
    return r;
}

} // namespace fumibako
