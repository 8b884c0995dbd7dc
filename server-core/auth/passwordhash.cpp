#include "passwordhash.h"

#include <QStringList>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

namespace fumibako::PasswordHash
{

namespace
{

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

QByteArray b64(const QByteArray &raw)
{
    return raw.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

QByteArray scrypt(const QByteArray &password, const QByteArray &salt, const Params &params,
                  int length = kHashBytes)
{
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    if (!kdf)
        return {};
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx)
        return {};
    uint64_t n = uint64_t(1) << params.logN;
    uint32_t r = uint32_t(params.r), p = uint32_t(params.p);
    // Room for 128 * N * r plus slack, so OpenSSL's default 32 MiB cap does not refuse ln=15.
    uint64_t maxmem = 256ull * n * r + (16ull << 20);
    OSSL_PARAM ps[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                          const_cast<char *>(password.constData()),
                                          size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.constData()),
                                          size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, Qt::Uninitialized);
    const bool ok = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char *>(out.data()),
                                   size_t(out.size()), ps) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok ? out : QByteArray();
}

struct Parsed {
    Params params;
    QByteArray salt;
    QByteArray hash;
    bool ok = false;
};

Parsed parse(const QString &phc)
{
    Parsed out;
    const QStringList parts = phc.split(QLatin1Char('$'));
    // "", "scrypt", "ln=..,r=..,p=..", salt, hash
    if (parts.size() != 5 || !parts[0].isEmpty() || parts[1] != QLatin1String("scrypt"))
        return out;
    bool haveLn = false, haveR = false, haveP = false;
    for (const QString &kv : parts[2].split(QLatin1Char(','))) {
        const int eq = kv.indexOf(QLatin1Char('='));
        if (eq < 0)
            return out;
        bool ok = false;
        const int value = kv.mid(eq + 1).toInt(&ok);
        if (!ok)
            return out;
        const QString key = kv.left(eq);
        if (key == QLatin1String("ln"))
            out.params.logN = value, haveLn = true;
        else if (key == QLatin1String("r"))
            out.params.r = value, haveR = true;
        else if (key == QLatin1String("p"))
            out.params.p = value, haveP = true;
        else
            return out;
    }
    // Bounds keep a tampered database from asking for gigabytes.
    if (!haveLn || !haveR || !haveP || out.params.logN < 10 || out.params.logN > 20 ||
        out.params.r < 1 || out.params.r > 32 || out.params.p < 1 || out.params.p > 16)
        return out;
    const auto opts = QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors;
    auto salt = QByteArray::fromBase64Encoding(parts[3].toLatin1(), opts);
    auto hash = QByteArray::fromBase64Encoding(parts[4].toLatin1(), opts);
    if (!salt || !hash || salt.decoded.size() < 4 || hash.decoded.size() < 16 ||
        hash.decoded.size() > 64)
        return out;
    out.salt = salt.decoded;
    out.hash = hash.decoded;
    out.ok = true;
    return out;
}

} // namespace

QString hash(const QByteArray &password, Params params)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1)
        return {};
    const QByteArray derived = scrypt(password, salt, params);
    if (derived.isEmpty())
        return {};
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(params.logN)
        .arg(params.r)
        .arg(params.p)
        .arg(QString::fromLatin1(b64(salt)), QString::fromLatin1(b64(derived)));
}

bool verify(const QByteArray &password, const QString &phc)
{
    const Parsed parsed = parse(phc);
    if (!parsed.ok)
        return false;
    const QByteArray derived =
        scrypt(password, parsed.salt, parsed.params, int(parsed.hash.size()));
    if (derived.size() != parsed.hash.size())
        return false;
    return CRYPTO_memcmp(derived.constData(), parsed.hash.constData(), size_t(derived.size())) == 0;
}

bool isWellFormed(const QString &phc)
{
    return parse(phc).ok;
}

bool needsRehash(const QString &phc, Params params)
{
    const Parsed parsed = parse(phc);
    if (!parsed.ok)
        return false; // nothing to compare; verify() refuses it anyway
    auto memory = [](const Params &x) { return (quint64(1) << x.logN) * quint64(x.r); };
    auto work = [&](const Params &x) { return memory(x) * quint64(x.p); };
    return memory(parsed.params) < memory(params) || work(parsed.params) < work(params);
}

QString dummyHash()
{
    const Params params;
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$c2FsdHNhbHRzYWx0$"
                          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .arg(params.logN)
        .arg(params.r)
        .arg(params.p);
}

} // namespace fumibako::PasswordHash
