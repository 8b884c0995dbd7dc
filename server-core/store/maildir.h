// Maildir: the on-disk layout of a mailbox — tmp/, new/, cur/ under
// mail/<domain>/<local>/ — so other tools can read the mail. Files hold the
// message with CRLF line ends exactly as served, so sizes match RFC822.SIZE.
// Names follow the Maildir convention (time.MusecPpid_counter.host,S=size).
#pragma once

#include "common/result.h"

#include <QString>

namespace fumibako
{

class Maildir
{
public:
    Maildir(QString mailRoot, QString relative);

    static QString relativePathFor(const QString &address);
    Result<void> create() const;

    QString root() const { return m_root; }
    QString tmpDir() const { return m_root + QLatin1String("/tmp"); }
    QString newDir() const { return m_root + QLatin1String("/new"); }
    QString curDir() const { return m_root + QLatin1String("/cur"); }
    QString absolute(const QString &relativeFile) const
    {
        return m_root + QLatin1Char('/') + relativeFile;
    }

    // A name unique across processes and restarts.
    static QString uniqueName(qint64 size);

private:
    QString m_root;
};

} // namespace fumibako
