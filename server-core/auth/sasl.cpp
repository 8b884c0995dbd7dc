#include "sasl.h"

#include <QList>

namespace fumibako::Sasl
{

std::optional<QByteArray> decodeResponse(const QByteArray &base64)
{
    const QByteArray t = base64.trimmed();
    if (t == "=")
        return QByteArray();
    auto r = QByteArray::fromBase64Encoding(t, QByteArray::Base64Encoding |
                                                   QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return r.decoded;
}

std::optional<Credentials> parsePlain(const QByteArray &decoded)
{
    const QList<QByteArray> parts = decoded.split('\0');
    if (parts.size() != 3 || parts[1].isEmpty() || parts[1].size() > 320 || parts[2].size() > 1024)
        return std::nullopt;
    // We offer no proxy authorization: an authzid must name the user itself (RFC 4616 2).
    if (!parts[0].isEmpty() && parts[0].toLower() != parts[1].toLower())
        return std::nullopt;
    return Credentials{parts[0], parts[1], parts[2]};
}

} // namespace fumibako::Sasl
