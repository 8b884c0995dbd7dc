#include "missingheaders.h"

#include "common/maildate.h"

#include <QRandomGenerator>

namespace fumibako
{

namespace
{

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 5322 3.6.8: field-name = 1*ftext, printable US-ASCII but the colon.
bool isFieldName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name)
        if (uchar(c) < 33 || uchar(c) > 126 || c == ':')
            return false;
    return true;
}

} // namespace

HeaderPresence headerPresence(QByteArrayView message)
{
    HeaderPresence found;
    bool first = true;
    for (qsizetype at = 0; at < message.size();) {
        const qsizetype lf = message.indexOf('\n', at);
        const qsizetype next = lf < 0 ? message.size() : lf + 1;
        QByteArrayView line = message.sliced(at, (lf < 0 ? message.size() : lf) - at);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break; // the empty line before the body (RFC 5322 2.1)
        if (!isWsp(line.front())) {
            const qsizetype colon = line.indexOf(':');
            QByteArrayView name = colon < 0 ? QByteArrayView() : line.first(colon);
            while (!name.isEmpty() && isWsp(name.back()))
                name.chop(1);
            if (!isFieldName(name)) {
                found.noHeader = first;
                break; // not a field: the body starts here
            }
            found.date = found.date || name.compare("Date", Qt::CaseInsensitive) == 0;
            found.messageId =
                found.messageId || name.compare("Message-ID", Qt::CaseInsensitive) == 0;
        } else if (first) {
            found.noHeader = true; // a continuation of nothing
            break;
        }
        first = false;
        at = next;
    }
    return found;
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
