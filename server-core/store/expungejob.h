// ExpungeJob: removes messages for good (POP3 QUIT, IMAP EXPUNGE/MOVE):
// the index rows go first, in the group commit, so the messages vanish for
// every reader at COMMIT; the files are unlinked afterwards (a crash between
// leaves only unreferenced files, never a visible message without its file).
#pragma once

#include "messagestore.h"
#include "storewriter.h"

#include <QSet>
#include <QStringList>

namespace fumibako
{

class ExpungeJob : public StoreJob
{
public:
    ExpungeJob(QList<qint64> ids, QStringList files)
        : m_ids(std::move(ids)), m_files(std::move(files))
    {
    }
    Result<void> record(const Database &db) override { return MessageStore(db).remove(m_ids); }
    Result<void> commit(QSet<QString> &dirs) override;

private:
    QList<qint64> m_ids;
    QStringList m_files;
};

} // namespace fumibako
