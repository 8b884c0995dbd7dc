#include "expungejob.h"

#include <QFile>

namespace fumibako
{

Result<void> ExpungeJob::commit(QSet<QString> &dirs)
{
    // The rows are gone (and durable: this runs after the WAL fsync), so the
    // messages are gone; a file that cannot be removed is only wasted space,
    // not a failure the client must see. For the same reason the directories
    // are not synced: an unlink a crash undoes leaves a file no row names,
    // which no session shows — Dovecot does not sync them either.
    Q_UNUSED(dirs);
    for (const QString &f : std::as_const(m_files))
        QFile::remove(f);
    return {};
}

} // namespace fumibako
