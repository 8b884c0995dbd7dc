// POSIX implementation of durablefile.h (Linux, macOS). macOS needs
// F_FULLFSYNC to reach the platter; Linux's fsync does.
#include "durablefile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fumibako
{

namespace
{

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool fullSync(int fd)
{
#ifdef F_FULLFSYNC
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return true;
#endif
    return ::fsync(fd) == 0;
}

} // namespace

Result<void> writeFileSynced(const QString &path, const QList<QByteArray> &parts)
{
    const QByteArray native = QFile::encodeName(path);
    int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error::temporary(QStringLiteral("cannot create %1: %2").arg(path, errnoText()));
    for (const QByteArray &part : parts) {
        const char *p = part.constData();
        qsizetype left = part.size();
        while (left > 0) {
            ssize_t n = ::write(fd, p, size_t(left));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const QString why = errnoText();
                ::close(fd);
                ::unlink(native.constData());
                return Error::temporary(QStringLiteral("cannot write %1: %2").arg(path, why));
            }
            p += n;
            left -= n;
        }
    }
    if (!fullSync(fd)) {
        const QString why = errnoText();
        ::close(fd);
        ::unlink(native.constData());
        return Error::temporary(QStringLiteral("cannot sync %1: %2").arg(path, why));
    }
    if (::close(fd) != 0)
        return Error::temporary(QStringLiteral("cannot close %1: %2").arg(path, errnoText()));
    return {};
}

Result<void> syncDirectory(const QString &dir)
{
    int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error::temporary(
            QStringLiteral("cannot open directory %1: %2").arg(dir, errnoText()));
    const bool ok = fullSync(fd);
    const QString why = ok ? QString() : errnoText();
    ::close(fd);
    if (!ok)
        return Error::temporary(QStringLiteral("cannot sync directory %1: %2").arg(dir, why));
    return {};
}

Result<void> syncFile(const QString &path)
{
    int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error::temporary(QStringLiteral("cannot open %1: %2").arg(path, errnoText()));
    const bool ok = fullSync(fd);
    const QString why = ok ? QString() : errnoText();
    ::close(fd);
    if (!ok)
        return Error::temporary(QStringLiteral("cannot sync %1: %2").arg(path, why));
    return {};
}

Result<void> renameFile(const QString &from, const QString &to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return Error::temporary(
            QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, errnoText()));
    return {};
}

Result<void> makePrivateDirectory(const QString &dir)
{
    QDir d(dir);
    if (d.exists())
        return {};
    // Build parents one by one so each new level gets 0700, whatever the umask.
    const QString abs = d.absolutePath();
    const QStringList parts = abs.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString path;
    for (const QString &part : parts) {
        path += QLatin1Char('/') + part;
        if (::mkdir(QFile::encodeName(path).constData(), 0700) == 0) {
            // The new name must survive a crash before anything is stored in it.
            const QString parent = path.left(path.lastIndexOf(QLatin1Char('/')));
            if (auto r = syncDirectory(parent.isEmpty() ? QStringLiteral("/") : parent); !r)
                return r;
        } else if (errno != EEXIST) {
            return Error::permanent(
                QStringLiteral("cannot create directory %1: %2").arg(path, errnoText()));
        }
    }
    return {};
}

void restrictFileCreationMask()
{
    ::umask(077);
}

std::optional<QByteArray> readMessageFile(const QString &path, qsizetype expectedSize)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    if (expectedSize < 0) {
        struct stat st;
        expectedSize = ::fstat(fd, &st) == 0 ? qsizetype(st.st_size) : 0;
    }
    // One byte more than expected: a read that does not fill the buffer met the
    // end of the file (a regular file reads short only there), so the usual
    // case is a single read(2).
    QByteArray data(expectedSize + 1, Qt::Uninitialized);
    qsizetype have = 0;
    for (;;) {
        const ssize_t n = ::read(fd, data.data() + have, size_t(data.size() - have));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        have += n;
        if (n == 0 || have < data.size())
            break;
        data.resize(data.size() * 2); // larger than recorded: read on
    }
    ::close(fd);
    data.truncate(have);
    return data;
}

} // namespace fumibako
