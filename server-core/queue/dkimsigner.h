// DKIM signing of outbound mail (RFC 6376, RFC 8463): per-domain keys
// (rsa-sha256 with RSA 2048, ed25519-sha256) made and kept with OpenSSL 3,
// the TXT record the administrator publishes, and a signer that turns the raw
// spooled message (CRLF lines, headers, blank line, body) into the
// DKIM-Signature: field to prepend, with relaxed/relaxed canonicalization.
// Raw bytes are what DKIM signs, so the header block is parsed here, not by GMime.
#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include <functional>
#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

namespace fumibako
{

class DkimKey
{
public:
    enum class Algorithm { RsaSha256, Ed25519Sha256 };

    // A new key: RSA 2048 (RFC 8301 3.2) or Ed25519 (RFC 8463 3).
    static Result<DkimKey> generate(Algorithm algorithm, const QString &domain,
                                    const QString &selector);
    // A key from its PEM private key (PKCS#8 or traditional RSA); the algorithm
    // follows from the key. RSA keys under 1024 bits are refused (RFC 8301 3.2).
    static Result<DkimKey> fromPem(const QByteArray &privateKeyPem, const QString &domain,
                                   const QString &selector);
    static Result<DkimKey> load(const QString &path, const QString &domain,
                                const QString &selector);
    // Writes the private key durably, mode 0600, replacing `path` atomically.
    Result<void> save(const QString &path) const;

    // A selector for a key made at `when`: a new one per rotation so the old
    // record can stay published while mail signed with it is still in transit.
    static QString rotationSelector(const QDateTime &when, Algorithm algorithm);
    static QByteArray algorithmName(Algorithm algorithm); // "rsa-sha256", "ed25519-sha256"

    Algorithm algorithm() const { return m_algorithm; }
    QString domain() const { return m_domain; }
    QString selector() const { return m_selector; }
    QByteArray privateKeyPem() const { return m_pem; }
    // RSA: the SubjectPublicKeyInfo DER; Ed25519: the raw 32-byte key (RFC 8463 4).
    QByteArray publicKey() const { return m_public; }
    // Where the record goes: "<selector>._domainkey.<domain>" (RFC 6376 3.6.2.1).
    QString dnsName() const;
    // The TXT record's text (RFC 6376 3.6.1), e.g. "v=DKIM1; k=ed25519; p=...".
    QByteArray dnsTxtRecord() const;
    // The same as a zone file line, split into character-strings of at most
    // 255 bytes (RFC 1035 3.3.14; an RSA 2048 record is longer than one).
    QByteArray zoneFileRecord() const;

    evp_pkey_st *evpKey() const { return m_key.get(); }

private:
    DkimKey() = default;
    Algorithm m_algorithm = Algorithm::RsaSha256;
    QString m_domain, m_selector;
    QByteArray m_pem, m_public;
    std::shared_ptr<evp_pkey_st> m_key; // read-only after creation; shared by copies
};

// RFC 6376 3.4: the pieces of relaxed canonicalization and the header block
// parser, public so the tests can feed them rows.
namespace Dkim
{

struct HeaderField {
    QByteArray name; // as written, e.g. "Subject"
    QByteArray raw;  // the whole field with its folding, without the final line break
};

// Splits the header block (up to the first empty line) into fields, as
// HeaderFieldScanner reads them; a line that is no field is skipped, since no
// signature can cover it. *bodyOffset receives where the body starts (message
// size if none).
QList<HeaderField> parseHeader(QByteArrayView message, qsizetype *bodyOffset = nullptr);
// RFC 6376 3.4.2: "name:value\r\n", name lower-cased, unfolded, WSP runs to
// one SP, WSP around the colon and at the end removed.
QByteArray relaxedHeader(QByteArrayView field);
// RFC 6376 3.4.4: WSP runs to one SP, WSP at line ends removed, empty lines at
// the end removed, a final CRLF added to a non-empty body; "" stays "".
QByteArray relaxedBody(QByteArrayView body);
// The same, streamed: `sink` receives the canonical body in pieces.
void relaxedBody(QByteArrayView body, const std::function<void(QByteArrayView)> &sink);

} // namespace Dkim

class DkimSigner
{
public:
    explicit DkimSigner(DkimKey key, const Clock *clock = Clock::system());

    // The header fields signed when present, in h= order (RFC 6376 5.4.1, with
    // Message-ID, MIME fields and RFC 8058's List-Unsubscribe-Post). From is
    // required; a field that occurs several times is signed in its last
    // instance, the one a verifier picks first (RFC 6376 5.4.2).
    static const QByteArrayList &signedHeaderNames();

    // The "DKIM-Signature: ..." field, folded, ending in CRLF, to put before
    // the message. Fails if the message has no From: field (RFC 6376 5.4).
    Result<QByteArray> sign(QByteArrayView message) const;

    const DkimKey &key() const { return m_key; }

private:
    DkimKey m_key;
    const Clock *m_clock;
};

} // namespace fumibako
