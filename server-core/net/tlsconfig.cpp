#include "tlsconfig.h"

#include <QFile>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>

namespace fumibako
{

Result<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile)
{
    QFile cf(certFile), kf(keyFile);
    if (!cf.open(QIODevice::ReadOnly))
        return Error::permanent(QStringLiteral("cannot read the TLS certificate %1").arg(certFile));
    if (!kf.open(QIODevice::ReadOnly))
        return Error::permanent(QStringLiteral("cannot read the TLS key %1").arg(keyFile));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(cf.readAll(), QSsl::Pem);
    const QByteArray keyPem = kf.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return Error::permanent(QStringLiteral("%1 holds no PEM certificate").arg(certFile));
    if (key.isNull())
        return Error::permanent(QStringLiteral("%1 holds no usable private key").arg(keyFile));
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(chain.first());
    conf.setLocalCertificateChain(chain);
    conf.setPrivateKey(key);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    // A server that verifies no client certificate needs no CA store; loading
    // the system roots for every handshake costs more than the handshake.
    conf.setCaCertificates({});
    return conf;
}

QString describeTlsSession(const QSslSocket &socket)
{
    const QSslCipher c = socket.sessionCipher();
    QString proto;
    switch (socket.sessionProtocol()) {
    case QSsl::TlsV1_3:
        proto = QStringLiteral("TLSv1.3");
        break;
    case QSsl::TlsV1_2:
        proto = QStringLiteral("TLSv1.2");
        break;
    default:
        proto = c.protocolString();
        break;
    }
    return QStringLiteral("%1 with cipher %2 (%3/%4 bits)")
        .arg(proto, c.name())
        .arg(c.usedBits())
        .arg(c.supportedBits());
}

} // namespace fumibako
