// The rules of an account's own folders and the jobs that change them: the
// Maildir++ directory a name lives in (".folder.sub", each level in modified
// UTF-7, Courier's and Dovecot's layout), the names the system keeps for
// itself, and folder creation and deletion as StoreWriter jobs, so that the
// directories are made and removed on the writer's threads, never on an I/O
// thread, and only with the rows that name them.
#pragma once

#include "expungejob.h"
#include "storewriter.h"

#include <QStringList>

namespace fumibako
{

namespace FolderRules
{
// The reference service's own folders, in English and Japanese, and everything
// under them: IMAP clients may not create or rename to these.
bool isReserved(const QString &name);
// ".folder.sub" for "folder/sub"; '.' inside a level is escaped as "&AC4-".
QString directoryFor(const QString &name);
} // namespace FolderRules

// Creates `names` (parents first) in one transaction; their Maildir
// directories are made before it, and taken away again if it fails.
class CreateFoldersJob : public StoreJob
{
public:
    CreateFoldersJob(QString maildirRoot, qint64 accountId, QStringList names)
        : m_root(std::move(maildirRoot)), m_accountId(accountId), m_names(std::move(names))
    {
    }
    Result<void> prepare() override;
    bool hasPreparation() const override { return true; }
    Result<void> record(const Database &db) override;
    void rollback() override;

private:
    QString m_root;
    qint64 m_accountId;
    QStringList m_names;
    QStringList m_made; // directories prepare() created
};

// Deletes a folder: its messages (as an expunge) and its row in one
// transaction, then its directory once that is committed.
class DeleteFolderJob : public StoreJob
{
public:
    DeleteFolderJob(qint64 mailboxId, QString directory, QList<qint64> messageIds,
                    QStringList files)
        : m_mailboxId(mailboxId), m_directory(std::move(directory)),
          m_expunge(std::move(messageIds), std::move(files))
    {
    }
    Result<void> record(const Database &db) override;
    Result<void> commit(QSet<QString> &dirsToSync) override;

private:
    qint64 m_mailboxId;
    QString m_directory; // absolute
    ExpungeJob m_expunge;
};

} // namespace fumibako
