// Certificate: the self-signed certificate made on first run (ECDSA P-256,
// SHA-256, subjectAltName = the host name and the mail domain) with OpenSSL,
// and a reader for the certificate shown on the dashboard.
#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QStringList>

namespace fumibako::Certificate
{

struct Info {
    QString subject;
    QStringList names; // subjectAltName DNS entries
    QDateTime notBefore, notAfter;
    bool selfSigned = false;
};

struct Pem {
    QByteArray certificate;
    QByteArray privateKey;
};

Result<Pem> makeSelfSigned(const QStringList &dnsNames, int validDays = 3650);
// Checks that the key matches the certificate; both PEM.
Result<Info> check(const QByteArray &certPem, const QByteArray &keyPem);
Result<Info> inspect(const QByteArray &certPem);

} // namespace fumibako::Certificate
