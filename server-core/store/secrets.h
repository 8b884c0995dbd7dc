// secretKey: the server's own keys (the release links' HMAC key, the SRS key
// that signs forwarded mail's return addresses), 32 random bytes each, made
// on first use and kept in the secrets table of the database in the data dir.
// Not settings: settings are listed, exported and shown, and a key is none of that.
#pragma once

#include "database.h"

#include <QByteArray>
#include <QString>

namespace fumibako
{

constexpr int kSecretKeySize = 32;

// The key called `name`, made now if there is none yet (two processes making
// it at once agree on the first one stored).
Result<QByteArray> secretKey(const Database &db, const QString &name);

} // namespace fumibako
