// DestinationRules: the syntax shared by the outbound queue's per-destination
// settings (queue.transports, queue.tls_policy): "key=value" entries separated
// by commas, semicolons or line breaks, keys compared without case, and
// Postfix's next-hop form "[host]" / "[host]:port" (brackets: this very host,
// no MX lookup; transport(5)). One parser, so both settings accept, refuse and
// explain alike.
#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace fumibako
{

struct DestinationRule {
    QString key;   // lower-case; never empty, no '@' and no blanks
    QString value; // trimmed, case as written
    QString entry; // the entry as written, for messages
};

struct NextHop {
    QString host;
    quint16 port = 0; // 0: none given
};

namespace DestinationRules
{

// The entries in order (a later rule for the same key wins, as the caller
// stores them). `expected` completes "expected ..." in the error text.
Result<QList<DestinationRule>> parse(const QString &setting, const QString &expected);

// "[host]" or "[host]:port" (port 1-65535); nullopt for anything else.
std::optional<NextHop> parseNextHop(QStringView text);

} // namespace DestinationRules

} // namespace fumibako
