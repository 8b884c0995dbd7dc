#include "destinationrules.h"

#include <QRegularExpression>

namespace fumibako::DestinationRules
{

Result<QList<DestinationRule>> parse(const QString &setting, const QString &expected)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\n]"));
    QList<DestinationRule> out;
    for (const QString &raw : setting.split(separators, Qt::SkipEmptyParts)) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        DestinationRule rule{entry.left(eq).trimmed().toLower(), entry.mid(eq + 1).trimmed(),
                             entry};
        static const QRegularExpression blank(QStringLiteral("\\s"));
        if (eq <= 0 || rule.key.isEmpty() || rule.key.contains(QLatin1Char('@')) ||
            rule.key.contains(blank))
            return Error::invalid(QStringLiteral("\"%1\": expected %2").arg(entry, expected));
        out << rule;
    }
    return out;
}

std::optional<NextHop> parseNextHop(QStringView text)
{
    const qsizetype close = text.indexOf(QLatin1Char(']'));
    if (!text.startsWith(QLatin1Char('[')) || close < 2)
        return std::nullopt;
    NextHop hop{text.mid(1, close - 1).toString()};
    const QStringView rest = text.mid(close + 1);
    if (rest.isEmpty())
        return hop;
    bool ok = false;
    const uint port = rest.startsWith(QLatin1Char(':')) ? rest.mid(1).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535)
        return std::nullopt;
    hop.port = quint16(port);
    return hop;
}

} // namespace fumibako::DestinationRules
