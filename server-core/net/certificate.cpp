#include "certificate.h"

#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace fumibako::Certificate
{

namespace
{

template <typename T, void (*F)(T *)> struct Deleter {
    void operator()(T *p) const { F(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, len);
}

Error opensslError(const char *what)
{
    return Error::permanent(QStringLiteral("OpenSSL: %1 failed").arg(QLatin1String(what)));
}

} // namespace

Result<Pem> makeSelfSigned(const QStringList &dnsNames, int validDays)
{
    if (dnsNames.isEmpty())
        return Error::invalid(QStringLiteral("a certificate needs at least one name"));
    PKey key(EVP_EC_gen("P-256"));
    if (!key)
        return opensslError("EC key generation");
    X509Ptr cert(X509_new());
    if (!cert)
        return opensslError("X509_new");
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validDays) * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = dnsNames.first().toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Fumibako"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);

    QStringList sans;
    for (const QString &n : dnsNames)
        if (!sans.contains(QLatin1String("DNS:") + n))
            sans << QLatin1String("DNS:") + n;
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const QByteArray sanText = sans.join(QLatin1Char(',')).toUtf8();
    const std::pair<int, const char *> exts[] = {
        {NID_subject_alt_name, sanText.constData()},  {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_key_usage, "critical,digitalSignature"}, {NID_ext_key_usage, "serverAuth"},
        {NID_subject_key_identifier, "hash"},
    };
    for (const auto &[nid, value] : exts) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (!ext)
            return opensslError("certificate extension");
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return opensslError("certificate signing");

    BioPtr certBio(BIO_new(BIO_s_mem())), keyBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certBio.get(), cert.get()) ||
        !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return opensslError("PEM encoding");
    return Pem{bioBytes(certBio.get()), bioBytes(keyBio.get())};
}

Result<Info> inspect(const QByteArray &certPem)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull())
        return Error::invalid(QStringLiteral("not a PEM certificate"));
    const QSslCertificate &c = certs.first();
    Info info;
    info.subject = c.subjectDisplayName();
    info.names = c.subjectAlternativeNames().values(QSsl::DnsEntry);
    info.notBefore = c.effectiveDate();
    info.notAfter = c.expiryDate();
    info.selfSigned = c.isSelfSigned();
    return info;
}

Result<Info> check(const QByteArray &certPem, const QByteArray &keyPem)
{
    auto info = inspect(certPem);
    if (!info)
        return info;
    BioPtr certBio(BIO_new_mem_buf(certPem.constData(), int(certPem.size())));
    BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    X509Ptr cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    PKey key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return Error::invalid(QStringLiteral("not a PEM certificate"));
    if (!key)
        return Error::invalid(QStringLiteral("not a PEM private key (or it is encrypted)"));
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return Error::invalid(QStringLiteral("the private key does not belong to the certificate"));
    return info;
}

} // namespace fumibako::Certificate
