// ReleaseToken: the capability in a Spam Summary's release link (issue 13).
// It names one held copy (its row id), the account it was held for, when the
// link stops working (received + the retention), and a binding to the copy's
// file name, tracking id and arrival, so a row id SQLite hands out again after
// a release never matches an old link. HMAC-SHA256 under a key of 32 random
// bytes kept in the database (secrets table): whoever has the link may
// release that one message, and nobody can make or alter a link without the key.
#pragma once

#include "common/result.h"
#include "store/quarantinestore.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace fumibako
{

class Database;

struct ReleaseToken {
    qint64 messageId = 0;
    qint64 accountId = 0;
    qint64 expires = 0; // seconds since the epoch; the link works before it
    QByteArray binding; // releaseBinding() of the copy, 16 bytes
};

// What ties a token to one held copy beyond its row id.
QByteArray releaseBinding(const QuarantinedMessage &m);
// The token for `m`, good until received + `retentionDays` days.
ReleaseToken releaseTokenFor(const QuarantinedMessage &m, int retentionDays);
// URL-safe base64 without padding, fit for a query string.
QString signReleaseToken(const QByteArray &key, const ReleaseToken &token);
// Invalid for anything not signed with `key` as it is (tampered, truncated,
// another key, garbage); says nothing of expiry or the copy.
Result<ReleaseToken> verifyReleaseToken(const QByteArray &key, QStringView text);
// From `expires` on, the link no longer releases (nor shows) anything.
inline bool isExpired(const ReleaseToken &token, const QDateTime &now)
{
    return now.toSecsSinceEpoch() >= token.expires;
}
// NotFound unless `m` is the very copy (and account) the token was made for.
Result<void> matchReleaseToken(const ReleaseToken &token, const QuarantinedMessage &m);
// https://HOST:PORT/release?t=TOKEN
QString releaseUrl(const QString &host, int port, const QString &token);

// The key, made (32 bytes from the system's CSPRNG) and stored on first use;
// two processes making it at once agree on the one stored first.
Result<QByteArray> releaseKey(const Database &db);

} // namespace fumibako
