#include "expungejob.h"

#include <QFile>

namespace fumibako {

Result<void> ExpungeJob::commit(QSet<QString> &dirs)
{
    // The rows are gone, so the messages are gone; a file that cannot be
    // removed is only wasted space, not a failure the client must see.
    for (const QString &f : std::as_const(m_files))
        if (QFile::remove(f))
            dirs.insert(f.left(f.lastIndexOf(QLatin1Char('/'))));
    return {};
}

} // namespace fumibako
