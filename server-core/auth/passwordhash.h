// PasswordHash: scrypt (RFC 7914) through OpenSSL's EVP_KDF, stored as a PHC
// string "$scrypt$ln=15,r=8,p=3$<salt>$<hash>" (base64 without padding).
// Passwords are never stored reversibly; the admin resets, nobody reads.
// verify() accepts any ln/r/p within bounds, so the cost can rise without
// invalidating stored hashes: a weaker one is replaced at the next login.
#pragma once

#include <QByteArray>
#include <QString>

namespace fumibako::PasswordHash
{

// OWASP's password storage cheat sheet lists N=2^17 r=8 p=1, N=2^16 r=8 p=2
// and N=2^15 r=8 p=3 as equals. The last keeps each check at 32 MiB (128·N·r),
// so logins in parallel on the auth pool cost no more memory than before;
// p=3 triples the work (ln=15 r=8 p=1 was half of OWASP's minimum).
struct Params {
    int logN = 15;
    int r = 8;
    int p = 3;
};

// A PHC string of the current parameters that no password matches: checking
// against it costs what a real check costs (unknown users must not be faster).
QString dummyHash();

// Empty on failure (OpenSSL refused), which callers treat as an error.
QString hash(const QByteArray &password, Params params = {});
bool verify(const QByteArray &password, const QString &phc);
// True when `phc` parses as a scrypt PHC string this build can check.
bool isWellFormed(const QString &phc);
// True when `phc` was made with less work or memory than `params` asks: it
// should be hashed again the next time its password is known.
bool needsRehash(const QString &phc, Params params = {});

} // namespace fumibako::PasswordHash
