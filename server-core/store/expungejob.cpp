#include "expungejob.h"

#include <QFile>

namespace fumibako {

void ExpungeJob::commit(QSet<QString> &dirs)
{
    for (const QString &f : std::as_const(m_files))
        if (QFile::remove(f))
            dirs.insert(f.left(f.lastIndexOf(QLatin1Char('/'))));
}

} // namespace fumibako
