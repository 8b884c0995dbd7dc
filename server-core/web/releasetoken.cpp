#include "releasetoken.h"

#include "store/secrets.h"

#include "store/database.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace fumibako
{

namespace
{

constexpr char kVersion = 1;
constexpr qsizetype kBindingSize = 16;
constexpr qsizetype kMacSize = 32;
constexpr qsizetype kBodySize = 1 + 3 * 8 + kBindingSize;
constexpr qsizetype kTokenSize = kBodySize + kMacSize;
// Longer text is not a token: nothing past this is decoded.
constexpr qsizetype kMaxTokenText = 200;

void putInt(QByteArray &out, qint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

qint64 getInt(const QByteArray &in, qsizetype at)
{
    return qFromBigEndian<qint64>(in.constData() + at);
}

QByteArray mac(const QByteArray &key, const QByteArray &body)
{
    // The domain string keeps these MACs apart from any other use of the key.
    return QMessageAuthenticationCode::hash(QByteArrayLiteral("fumibako release link\0") + body,
                                            key, QCryptographicHash::Sha256);
}

// Compares in time independent of where they differ.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a[i]) ^ uchar(b[i]);
    return diff == 0;
}

} // namespace

QByteArray releaseBinding(const QuarantinedMessage &m)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(m.path.toUtf8() + '\0');
    h.addData(m.trackingId.toUtf8() + '\0');
    h.addData(QByteArray::number(m.receivedAt));
    return h.result().left(kBindingSize);
}

ReleaseToken releaseTokenFor(const QuarantinedMessage &m, int retentionDays)
{
    return {m.id, m.accountId, m.receivedAt + qint64(retentionDays) * 86400, releaseBinding(m)};
}

QString signReleaseToken(const QByteArray &key, const ReleaseToken &t)
{
    QByteArray body;
    body.reserve(kTokenSize);
    body += kVersion;
    putInt(body, t.messageId);
    putInt(body, t.accountId);
    putInt(body, t.expires);
    body += t.binding.leftJustified(kBindingSize, '\0', true);
    return QString::fromLatin1(
        (body + mac(key, body))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<ReleaseToken> verifyReleaseToken(const QByteArray &key, QStringView text)
{
    const Error bad = Error::invalid(QStringLiteral("not a valid release link"));
    if (text.isEmpty() || text.size() > kMaxTokenText)
        return bad;
    const QByteArray ascii = text.toLatin1();
    for (char c : ascii)
        if (!QChar::isLetterOrNumber(uchar(c)) && c != '-' && c != '_')
            return bad;
    auto decoded = QByteArray::fromBase64Encoding(
        ascii, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kTokenSize || decoded.decoded[0] != kVersion)
        return bad;
    // The last character carries bits the bytes do not use: only the one
    // spelling of a token is that token, so no altered link still works.
    if (decoded.decoded.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) !=
        ascii)
        return bad;
    const QByteArray body = decoded.decoded.left(kBodySize);
    if (!sameBytes(mac(key, body), decoded.decoded.mid(kBodySize)))
        return bad;
    ReleaseToken t;
    t.messageId = getInt(body, 1);
    t.accountId = getInt(body, 9);
    t.expires = getInt(body, 17);
    t.binding = body.mid(25, kBindingSize);
    return t;
}

Result<void> matchReleaseToken(const ReleaseToken &t, const QuarantinedMessage &m)
{
    if (m.id != t.messageId || m.accountId != t.accountId ||
        !sameBytes(releaseBinding(m), t.binding))
        return Error::notFound(
            QStringLiteral("quarantined message %1 is no longer held").arg(t.messageId));
    return {};
}

QString releaseUrl(const QString &host, int port, const QString &token)
{
    const QString h =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("https://%1:%2/release?t=%3").arg(h).arg(port).arg(token);
}

Result<QByteArray> releaseKey(const Database &db)
{
    return secretKey(db, QStringLiteral("release_link_key"));
}

} // namespace fumibako
