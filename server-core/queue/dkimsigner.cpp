#include "dkimsigner.h"

#include "mime/headerfields.h"

#include "common/durablefile.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/buffer.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace fumibako
{

namespace
{

Error sslFailure(const char *what)
{
    return Error::permanent(QStringLiteral("OpenSSL: %1 failed").arg(QLatin1String(what)));
}

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

std::shared_ptr<evp_pkey_st> adopt(EVP_PKEY *key)
{
    return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

QByteArray pemOf(EVP_PKEY *key)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || !PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
        return {};
    BUF_MEM *mem = nullptr;
    BIO_get_mem_ptr(bio.get(), &mem);
    return QByteArray(mem->data, qsizetype(mem->length));
}

QByteArray publicKeyOf(EVP_PKEY *key, DkimKey::Algorithm algorithm)
{
    if (algorithm == DkimKey::Algorithm::Ed25519Sha256) {
        QByteArray raw(32, Qt::Uninitialized);
        size_t len = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(raw.data()), &len) !=
                1 ||
            len != 32)
            return {};
        return raw;
    }
    const int len = i2d_PUBKEY(key, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    return i2d_PUBKEY(key, &p) == len ? der : QByteArray();
}

// Calls `line` for each line of `text` without its CRLF or bare LF; the last
// piece (possibly empty) comes with `terminated` false.
template <typename F> void forEachLine(QByteArrayView text, F line)
{
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype lf = text.indexOf('\n', start);
        if (lf < 0)
            break;
        qsizetype end = lf;
        if (end > start && text[end - 1] == '\r')
            --end;
        line(text.sliced(start, end - start), true);
        start = lf + 1;
    }
    line(text.sliced(start), false);
}

// Appends `in` with every run of WSP reduced to one SP and WSP at the end dropped.
void appendCollapsed(QByteArray &out, QByteArrayView in)
{
    bool pendingSpace = false;
    for (char c : in) {
        if (isWsp(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

// ---- DkimKey ---------------------------------------------------------------

QByteArray DkimKey::algorithmName(Algorithm algorithm)
{
    return algorithm == Algorithm::Ed25519Sha256 ? QByteArrayLiteral("ed25519-sha256")
                                                 : QByteArrayLiteral("rsa-sha256");
}

Result<DkimKey> DkimKey::generate(Algorithm algorithm, const QString &domain,
                                  const QString &selector)
{
    EVP_PKEY *key = algorithm == Algorithm::Ed25519Sha256
                        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
    if (!key)
        return sslFailure("DKIM key generation");
    const QByteArray pem = pemOf(key);
    EVP_PKEY_free(key);
    if (pem.isEmpty())
        return sslFailure("PEM encoding");
    return fromPem(pem, domain, selector);
}

Result<DkimKey> DkimKey::fromPem(const QByteArray &privateKeyPem, const QString &domain,
                                 const QString &selector)
{
    // RFC 6376 3.1 / 3.5: a selector is a sub-domain (dot-separated labels);
    // d= a domain name. Keep both to letters, digits, '-', '.' and '_'.
    const auto validName = [](const QString &s) {
        if (s.isEmpty() || s.size() > 253 || s.startsWith(QLatin1Char('.')) ||
            s.endsWith(QLatin1Char('.')) || s.contains(QLatin1String("..")))
            return false;
        for (QChar c : s)
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') &&
                c != QLatin1Char('.') && c != QLatin1Char('_'))
                return false;
        return true;
    };
    if (!validName(domain))
        return Error::invalid(QStringLiteral("DKIM: not a domain name: %1").arg(domain));
    if (!validName(selector))
        return Error::invalid(QStringLiteral("DKIM: not a valid selector: %1").arg(selector));

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())), BIO_free);
    EVP_PKEY *raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!raw)
        return Error::invalid(QStringLiteral("DKIM: not a PEM private key (or it is encrypted)"));
    DkimKey key;
    key.m_key = adopt(raw);
    if (EVP_PKEY_is_a(raw, "ED25519")) {
        key.m_algorithm = Algorithm::Ed25519Sha256;
    } else if (EVP_PKEY_is_a(raw, "RSA")) {
        key.m_algorithm = Algorithm::RsaSha256;
        if (EVP_PKEY_get_bits(raw) < 1024)
            return Error::invalid(
                QStringLiteral("DKIM: RSA keys need at least 1024 bits (RFC 8301)"));
    } else {
        return Error::invalid(QStringLiteral("DKIM: the key is neither RSA nor Ed25519"));
    }
    key.m_domain = domain.toLower();
    key.m_selector = selector;
    key.m_pem = pemOf(raw); // normalised to PKCS#8
    key.m_public = publicKeyOf(raw, key.m_algorithm);
    if (key.m_pem.isEmpty() || key.m_public.isEmpty())
        return sslFailure("DKIM key encoding");
    return key;
}

Result<DkimKey> DkimKey::load(const QString &path, const QString &domain, const QString &selector)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::notFound(
            QStringLiteral("DKIM: cannot read %1: %2").arg(path, file.errorString()));
    return fromPem(file.read(64 * 1024), domain, selector);
}

Result<void> DkimKey::save(const QString &path) const
{
    const QString temp = path + QLatin1String(".tmp");
    QFile::remove(temp); // left by a crash; writeFileSynced creates exclusively
    if (auto written = writeFileSynced(temp, {m_pem}); !written)
        return written;
    if (auto renamed = renameFile(temp, path); !renamed) {
        QFile::remove(temp);
        return renamed;
    }
    return syncDirectory(QFileInfo(path).absolutePath());
}

QString DkimKey::rotationSelector(const QDateTime &when, Algorithm algorithm)
{
    // "fb202406e": one per month and algorithm; rotating twice a month is
    // rare enough that the caller adds a suffix when the name is taken.
    return QStringLiteral("fb%1%2")
        .arg(when.toUTC().toString(QStringLiteral("yyyyMM")))
        .arg(algorithm == Algorithm::Ed25519Sha256 ? QLatin1Char('e') : QLatin1Char('r'));
}

QString DkimKey::dnsName() const
{
    return m_selector + QLatin1String("._domainkey.") + m_domain;
}

QByteArray DkimKey::dnsTxtRecord() const
{
    // RFC 6376 3.6.1: v=DKIM1 first; k= the key type (RFC 8463 4.2 adds
    // "ed25519"); p= base64 of the key data.
    return "v=DKIM1; k=" + QByteArray(m_algorithm == Algorithm::Ed25519Sha256 ? "ed25519" : "rsa") +
           "; p=" + m_public.toBase64();
}

QByteArray DkimKey::zoneFileRecord() const
{
    const QByteArray txt = dnsTxtRecord();
    QByteArray out = dnsName().toLatin1() + ". IN TXT (";
    for (qsizetype at = 0; at < txt.size(); at += 250)
        out += " \"" + txt.mid(at, 250) + '"';
    return out + " )";
}

// ---- canonicalization (RFC 6376 3.4) -----------------------------------------

namespace Dkim
{

QList<HeaderField> parseHeader(QByteArrayView message, qsizetype *bodyOffset)
{
    QList<HeaderField> fields;
    HeaderFieldScanner scanner(message);
    for (;;) {
        const HeaderFieldScanner::Item item = scanner.next();
        switch (item.kind) {
        case HeaderFieldScanner::Kind::Field:
            fields.append({scanner.name(item).toByteArray(),
                           message.sliced(item.begin, item.end - item.begin).toByteArray()});
            continue;
        case HeaderFieldScanner::Kind::NotAField:
            continue; // no field, so nothing a signature could cover
        case HeaderFieldScanner::Kind::Blank:
        case HeaderFieldScanner::Kind::End:
            if (bodyOffset)
                *bodyOffset = item.next;
            return fields;
        }
    }
}

QByteArray relaxedHeader(QByteArrayView field)
{
    const qsizetype colon = field.indexOf(':');
    QByteArrayView name = colon < 0 ? field : field.first(colon);
    while (!name.isEmpty() && isWsp(name.back()))
        name.chop(1);
    QByteArray out = name.toByteArray().toLower();
    out += ':';
    if (colon >= 0) {
        // Unfold (drop the CR and LF of each fold), then collapse the WSP.
        QByteArray value;
        value.reserve(field.size() - colon);
        for (char c : field.sliced(colon + 1))
            if (c != '\r' && c != '\n')
                value += c;
        qsizetype lead = 0;
        while (lead < value.size() && isWsp(value[lead]))
            ++lead;
        appendCollapsed(out, QByteArrayView(value).sliced(lead));
    }
    out += "\r\n";
    return out;
}

void relaxedBody(QByteArrayView body, const std::function<void(QByteArrayView)> &sink)
{
    QByteArray chunk;
    constexpr qsizetype kChunk = 64 * 1024;
    qsizetype emptyLines = 0; // held back until a non-empty line follows them
    forEachLine(body, [&](QByteArrayView line, bool terminated) {
        const qsizetype before = chunk.size();
        appendCollapsed(chunk, line);
        if (chunk.size() == before) {
            // An empty line, or one of only WSP (appendCollapsed dropped it all).
            if (terminated)
                ++emptyLines;
            return;
        }
        if (emptyLines) {
            const QByteArray text = chunk.sliced(before);
            chunk.truncate(before);
            for (; emptyLines > 0; --emptyLines)
                chunk += "\r\n";
            chunk += text;
        }
        chunk += "\r\n"; // also for a last line without one (RFC 6376 3.4.4)
        if (chunk.size() >= kChunk) {
            sink(chunk);
            chunk.clear();
        }
    });
    if (!chunk.isEmpty())
        sink(chunk);
}

QByteArray relaxedBody(QByteArrayView body)
{
    QByteArray out;
    relaxedBody(body, [&](QByteArrayView piece) { out += piece; });
    return out;
}

} // namespace Dkim

// ---- DkimSigner --------------------------------------------------------------

DkimSigner::DkimSigner(DkimKey key, const Clock *clock) : m_key(std::move(key)), m_clock(clock) {}

const QByteArrayList &DkimSigner::signedHeaderNames()
{
    static const QByteArrayList names = {
        "From",
        "Reply-To",
        "Subject",
        "Date",
        "To",
        "Cc",
        "Message-ID",
        "In-Reply-To",
        "References",
        "Sender",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "Resent-Date",
        "Resent-From",
        "Resent-To",
        "Resent-Cc",
        "List-Id",
        "List-Help",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "List-Subscribe",
        "List-Post",
        "List-Owner",
        "List-Archive",
    };
    return names;
}

Result<QByteArray> DkimSigner::sign(QByteArrayView message) const
{
    qsizetype bodyOffset = 0;
    const QList<Dkim::HeaderField> fields = Dkim::parseHeader(message, &bodyOffset);

    // RFC 6376 5.4.2: the verifier takes instances from the bottom up, so one
    // h= entry per name signs the last instance.
    QByteArrayList signedNames;
    QByteArray headerData;
    for (const QByteArray &name : signedHeaderNames()) {
        for (qsizetype i = fields.size() - 1; i >= 0; --i) {
            if (sameName(fields[i].name, name)) {
                signedNames << name.toLower();
                headerData += Dkim::relaxedHeader(fields[i].raw);
                break;
            }
        }
    }
    if (signedNames.isEmpty() || signedNames.first() != "from")
        return Error::invalid(QStringLiteral("DKIM: the message has no From: header field"));

    // bh= (RFC 6376 3.7): SHA-256 of the canonical body.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1)
        return sslFailure("SHA-256");
    Dkim::relaxedBody(message.sliced(bodyOffset), [&](QByteArrayView piece) {
        EVP_DigestUpdate(md.get(), piece.data(), size_t(piece.size()));
    });
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLen = 0;
    if (EVP_DigestFinal_ex(md.get(), digest, &digestLen) != 1)
        return sslFailure("SHA-256");
    const QByteArray bodyHash =
        QByteArray(reinterpret_cast<const char *>(digest), int(digestLen)).toBase64();

    // The field, folded at tag boundaries and after the colons of h= so no line
    // passes 78 characters (RFC 5322 2.1.1); relaxed canonicalization makes
    // the folds invisible to the signature (RFC 6376 3.4.2).
    QByteArray field = "DKIM-Signature:";
    qsizetype lineLength = field.size();
    const auto put = [&](const QByteArray &atom, bool space) {
        if (lineLength + atom.size() + (space ? 1 : 0) > 76) {
            field += "\r\n ";
            lineLength = 1;
        } else if (space) {
            field += ' ';
            ++lineLength;
        }
        field += atom;
        lineLength += atom.size();
    };
    put("v=1;", true);
    put("a=" + DkimKey::algorithmName(m_key.algorithm()) + ';', true);
    put("c=relaxed/relaxed;", true);
    put("d=" + m_key.domain().toLatin1() + ';', true);
    put("s=" + m_key.selector().toLatin1() + ';', true);
    put("t=" + QByteArray::number(m_clock->now().toSecsSinceEpoch()) + ';', true);
    const QByteArray h = "h=" + signedNames.join(':') + ';';
    if (h.size() < 76) {
        put(h, true);
    } else { // FWS may follow each colon (RFC 6376 3.5, h= tag)
        for (qsizetype i = 0; i < signedNames.size(); ++i)
            put((i == 0 ? "h=" : "") + signedNames[i] + (i + 1 < signedNames.size() ? ":" : ";"),
                i == 0);
    }
    put("bh=" + bodyHash + ';', true);
    field += "\r\n b="; // the signature starts a line of its own
    lineLength = 3;

    // RFC 6376 3.7: the signed data ends with this field, b= empty, relaxed,
    // without its final CRLF.
    QByteArray self = Dkim::relaxedHeader(field);
    self.chop(2);
    headerData += self;

    QByteArray signature;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx)
        return sslFailure("EVP_MD_CTX_new");
    QByteArray input = headerData;
    const EVP_MD *hash = EVP_sha256();
    if (m_key.algorithm() == DkimKey::Algorithm::Ed25519Sha256) {
        // RFC 8463 3: PureEdDSA Ed25519 over the SHA-256 hash of the header data.
        unsigned char h[32];
        unsigned int hLen = 0;
        if (EVP_Digest(headerData.constData(), size_t(headerData.size()), h, &hLen, EVP_sha256(),
                       nullptr) != 1)
            return sslFailure("SHA-256");
        input = QByteArray(reinterpret_cast<const char *>(h), int(hLen));
        hash = nullptr; // Ed25519 hashes internally; OpenSSL wants no digest here
    }
    signature.resize(EVP_PKEY_get_size(m_key.evpKey()));
    size_t sigLen = size_t(signature.size());
    const auto *in = reinterpret_cast<const unsigned char *>(input.constData());
    if (EVP_DigestSignInit(ctx.get(), nullptr, hash, nullptr, m_key.evpKey()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &sigLen, in,
                       size_t(input.size())) != 1)
        return sslFailure("DKIM signing");
    signature.resize(qsizetype(sigLen));

    // b= folded: FWS inside base64 is ignored by verifiers (RFC 6376 3.5, b= tag).
    const QByteArray b64 = signature.toBase64();
    for (qsizetype at = 0; at < b64.size();) {
        qsizetype room = 76 - lineLength;
        if (room <= 0) {
            field += "\r\n ";
            lineLength = 1;
            room = 75;
        }
        const QByteArray piece = b64.mid(at, room);
        field += piece;
        lineLength += piece.size();
        at += piece.size();
    }
    field += "\r\n";
    return field;
}

} // namespace fumibako
