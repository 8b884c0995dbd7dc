#include "maildate.h"

#include <QLocale>

namespace fumibako
{

QByteArray formatMailDate(const QDateTime &t, const QString &pattern)
{
    const QDateTime local = t.toLocalTime();
    const int offset = local.offsetFromUtc() / 60;
    const QString zone = QString::asprintf("%c%02d%02d", offset < 0 ? '-' : '+', qAbs(offset) / 60,
                                           qAbs(offset) % 60);
    return (QLocale::c().toString(local, pattern) + QLatin1Char(' ') + zone).toLatin1();
}

} // namespace fumibako
