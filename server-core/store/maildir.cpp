#include "maildir.h"

#include "common/durablefile.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>

namespace fumibako
{

Maildir::Maildir(QString mailRoot, QString relative)
    : m_root(mailRoot + QLatin1Char('/') + relative)
{
}

QString Maildir::relativePathFor(const QString &address)
{
    const QString a = address.toLower();
    const qsizetype at = a.lastIndexOf(QLatin1Char('@'));
    // Quoted local parts may hold '/', which must not escape the folder.
    QString local = a.left(at);
    local.replace(QLatin1Char('/'), QLatin1Char('_'));
    if (local.startsWith(QLatin1Char('.')))
        local.prepend(QLatin1Char('_'));
    return a.mid(at + 1) + QLatin1Char('/') + local;
}

Result<void> Maildir::create() const
{
    for (const QString &d : QStringList{tmpDir(), newDir(), curDir()})
        if (auto r = makePrivateDirectory(d); !r)
            return r;
    return {};
}

QString Maildir::uniqueName(qint64 size)
{
    static QAtomicInteger<quint64> counter;
    static const QString host = [] {
        QString h = QSysInfo::machineHostName();
        h.replace(QLatin1Char('/'), QLatin1String("\\057"))
            .replace(QLatin1Char(':'), QLatin1String("\\072"));
        return h.isEmpty() ? QStringLiteral("localhost") : h;
    }();
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    return QStringLiteral("%1.M%2P%3Q%4.%5,S=%6")
        .arg(ms / 1000)
        .arg((ms % 1000) * 1000)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddRelaxed(1))
        .arg(host)
        .arg(size);
}

} // namespace fumibako
