// SASL mechanisms' wire formats (PLAIN, RFC 4616; LOGIN, draft-murchison-
// sasl-login), which SaslExchange steps through for SMTP AUTH (RFC 4954),
// POP3 AUTH (RFC 5034) and IMAP AUTHENTICATE. Pure functions: no socket, no state.
#pragma once

#include <QByteArray>

#include <optional>

namespace fumibako::Sasl
{

struct Credentials {
    QByteArray authzid;
    QByteArray user;
    QByteArray password;
};

// Decodes base64 strictly; "=" means an empty response. nullopt on bad base64.
std::optional<QByteArray> decodeResponse(const QByteArray &base64);
// Parses a decoded PLAIN message: [authzid] NUL authcid NUL passwd. An authzid
// other than the user itself is refused (no proxy authorization).
std::optional<Credentials> parsePlain(const QByteArray &decoded);

} // namespace fumibako::Sasl
