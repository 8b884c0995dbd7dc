#include "missingheaders.h"

#include "headerfields.h"

#include "common/maildate.h"

#include <QRandomGenerator>

namespace fumibako
{

HeaderPresence headerPresence(QByteArrayView message)
{
    HeaderPresence found;
    HeaderFieldScanner scanner(message);
    for (bool first = true;; first = false) {
        const HeaderFieldScanner::Item item = scanner.next();
        if (item.kind == HeaderFieldScanner::Kind::NotAField)
            found.noHeader =
                first; // not a field (or a continuation of nothing): the body starts here
        if (item.kind != HeaderFieldScanner::Kind::Field)
            return found;
        const QByteArrayView name = scanner.name(item);
        found.date = found.date || name.compare("Date", Qt::CaseInsensitive) == 0;
        found.messageId = found.messageId || name.compare("Message-ID", Qt::CaseInsensitive) == 0;
    }
}

QByteArray newMessageId(const QDateTime &now, QByteArrayView host)
{
    const quint64 random = QRandomGenerator::global()->generate64();
    return '<' + now.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + '.' +
           QByteArray::number(random, 16).rightJustified(16, '0').toUpper() + '@' +
           (host.isEmpty() ? QByteArray("localhost") : host.toByteArray()) + '>';
}

QByteArray missingSubmissionFields(QByteArrayView message, const QDateTime &now,
                                   QByteArrayView host)
{
    const HeaderPresence has = headerPresence(message);
    QByteArray fields;
    if (!has.date)
        fields += "Date: " + rfc5322Date(now) + "\r\n";
    if (!has.messageId)
        fields += "Message-ID: " + newMessageId(now, host) + "\r\n";
    if (!fields.isEmpty() && has.noHeader)
        fields += "\r\n";
    return fields;
}

} // namespace fumibako
