// PasswordHash: scrypt (RFC 7914) through OpenSSL's EVP_KDF, stored as a PHC
// string "$scrypt$ln=15,r=8,p=1$<salt>$<hash>" (base64 without padding).
// Passwords are never stored reversibly; the admin resets, nobody reads.
// verify() accepts any ln/r/p within bounds, so the cost can rise later
// without invalidating stored hashes.
#pragma once

#include <QByteArray>
#include <QString>

namespace fumibako::PasswordHash {

struct Params {
    int logN = 15;  // N = 32768: ~32 MiB and some tens of ms per check
    int r = 8;
    int p = 1;
};

// Empty on failure (OpenSSL refused), which callers treat as an error.
QString hash(const QByteArray &password, Params params = {});
bool verify(const QByteArray &password, const QString &phc);
// True when `phc` parses as a scrypt PHC string this build can check.
bool isWellFormed(const QString &phc);

} // namespace fumibako::PasswordHash
