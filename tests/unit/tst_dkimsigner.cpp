// DKIM (RFC 6376, RFC 8463): relaxed canonicalization rows, the header
// parser, keys and their DNS records, and signatures checked by a small
// verifier written here on OpenSSL's EVP_DigestVerify — against RFC 8463's
// published example and against what DkimSigner makes. The independent check
// with OpenDKIM is tests/integration/dkim.
#include "queue/dkimsigner.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

using namespace fumibako;

namespace
{

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

class FixedClock : public Clock
{
public:
    explicit FixedClock(qint64 secs) : m_now(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)) {}
    QDateTime now() const override { return m_now; }

private:
    QDateTime m_now;
};

QByteArray crlf(const QByteArrayList &lines)
{
    return lines.join("\r\n");
}

// RFC 8463 Appendix A.1: the Ed25519 secret key (RFC 8032 7.1, TEST 1) and
// the RSA key; A.2: their records; A.3: the message signed with both.
const char *const kRfc8463EdSecret = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
const char *const kRfc8463EdRecord =
    "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const char *const kRfc8463RsaKey =
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi\n"
    "Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM\n"
    "KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB\n"
    "AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm\n"
    "6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe\n"
    "zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy\n"
    "6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc\n"
    "uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy\n"
    "WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd\n"
    "WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a\n"
    "licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst\n"
    "o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe\n"
    "uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL\n"
    "-----END RSA PRIVATE KEY-----\n";
const char *const kRfc8463RsaRecord =
    "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
    "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
    "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
    "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
const qint64 kRfc8463Time = 1528637909;

QByteArray rfc8463Unsigned()
{
    return crlf({"From: Joe SixPack <joe@football.example.com>",
                 "To: Suzie Q <suzie@shopping.example.net>", "Subject: Is dinner ready?",
                 "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
                 "Message-ID: <20030712040037.46341.5F8J@football.example.com>", "", "Hi.", "",
                 "We lost the game.  Are you hungry yet?", "", "Joe.", ""});
}

QByteArray rfc8463Signed()
{
    return crlf({"DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
                 " d=football.example.com; i=@football.example.com;",
                 " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
                 " subject : date : message-id : from : subject : date;",
                 " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
                 " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
                 " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
                 "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
                 " d=football.example.com; i=@football.example.com;",
                 " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
                 " date : message-id : from : subject : date;",
                 " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
                 " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
                 " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
                 " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=", ""}) +
           rfc8463Unsigned();
}

// The PEM of a key made here; takes the key.
QByteArray pemOf(EVP_PKEY *raw)
{
    PKey key(raw, EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, len);
}

DkimKey rfc8463EdKey()
{
    const QByteArray secret = QByteArray::fromBase64(kRfc8463EdSecret);
    const QByteArray pem = pemOf(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(secret.constData()),
        32));
    return DkimKey::fromPem(pem, QStringLiteral("football.example.com"), QStringLiteral("brisbane"))
        .value();
}

// ---- a verifier, written apart from the signer (RFC 6376 6.1) -------------

QMap<QByteArray, QByteArray> tags(QByteArrayView value)
{
    QMap<QByteArray, QByteArray> out;
    for (const QByteArray &part : value.toByteArray().split(';')) {
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            continue;
        QByteArray v = part.mid(eq + 1);
        v.replace("\r\n", "");
        out.insert(part.left(eq).trimmed(), v.simplified());
    }
    return out;
}

PKey keyFromRecord(const QByteArray &record)
{
    const auto t = tags(record);
    QByteArray p = t.value("p");
    p.replace(' ', "");
    const QByteArray der = QByteArray::fromBase64(p);
    const auto *d = reinterpret_cast<const unsigned char *>(der.constData());
    if (t.value("k") == "ed25519")
        return PKey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, d, size_t(der.size())),
                    EVP_PKEY_free);
    return PKey(d2i_PUBKEY(nullptr, &d, long(der.size())), EVP_PKEY_free);
}

// Verifies the `which`-th DKIM-Signature field of `message` with the key in
// `record`; on failure `why` says what did not match.
bool verify(const QByteArray &message, const QByteArray &record, int which, QString *why)
{
    qsizetype bodyOffset = 0;
    const QList<Dkim::HeaderField> fields = Dkim::parseHeader(message, &bodyOffset);
    int seen = -1;
    const Dkim::HeaderField *sig = nullptr;
    for (const auto &f : fields)
        if (f.name.compare("DKIM-Signature", Qt::CaseInsensitive) == 0 && ++seen == which)
            sig = &f;
    if (!sig)
        return *why = QStringLiteral("no signature"), false;
    const auto t = tags(QByteArrayView(sig->raw).sliced(sig->raw.indexOf(':') + 1));
    if (t.value("c") != "relaxed/relaxed")
        return *why = QStringLiteral("not relaxed/relaxed"), false;

    const QByteArray bh =
        QCryptographicHash::hash(Dkim::relaxedBody(QByteArrayView(message).sliced(bodyOffset)),
                                 QCryptographicHash::Sha256)
            .toBase64();
    QByteArray wantBh = t.value("bh");
    wantBh.replace(' ', "");
    if (bh != wantBh)
        return *why = QStringLiteral("body hash %1 != %2")
                          .arg(QLatin1String(bh), QLatin1String(wantBh)),
               false;

    // h=: each name takes the lowest instance not yet used (RFC 6376 5.4.2).
    QByteArray data;
    QList<bool> used(fields.size(), false);
    QByteArray h = t.value("h");
    h.replace(' ', "");
    for (const QByteArray &name : h.split(':')) {
        for (qsizetype i = fields.size() - 1; i >= 0; --i) {
            if (!used[i] && fields[i].name.compare(name, Qt::CaseInsensitive) == 0) {
                used[i] = true;
                data += Dkim::relaxedHeader(fields[i].raw);
                break;
            }
        }
    }
    // The signature field itself with b='s value removed (RFC 6376 3.7).
    QByteArray self;
    const QByteArray &raw = sig->raw;
    qsizetype colon = raw.indexOf(':');
    self = raw.left(colon + 1);
    const QList<QByteArray> parts = raw.mid(colon + 1).split(';');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const qsizetype eq = parts[i].indexOf('=');
        if (eq >= 0 && parts[i].left(eq).trimmed() == "b")
            self += parts[i].left(eq + 1);
        else
            self += parts[i];
        if (i + 1 < parts.size())
            self += ';';
    }
    QByteArray canonicalSelf = Dkim::relaxedHeader(self);
    canonicalSelf.chop(2);
    data += canonicalSelf;

    QByteArray b = t.value("b");
    b.replace(' ', "");
    const QByteArray signature = QByteArray::fromBase64(b);
    PKey key = keyFromRecord(record);
    if (!key)
        return *why = QStringLiteral("bad key record"), false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    QByteArray input = data;
    const EVP_MD *md = EVP_sha256();
    if (t.value("a") == "ed25519-sha256") {
        input = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        md = nullptr;
    } else if (t.value("a") != "rsa-sha256") {
        return *why = QStringLiteral("unknown algorithm"), false;
    }
    const bool ok =
        EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(input.constData()),
                         size_t(input.size())) == 1;
    if (!ok)
        *why = QStringLiteral("signature does not verify");
    return ok;
}

QByteArray signedWith(const DkimSigner &signer, const QByteArray &message)
{
    auto field = signer.sign(message);
    if (!field)
        qWarning() << field.error().message;
    return field ? *field + message : QByteArray();
}

} // namespace

class tst_DkimSigner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void relaxedHeader_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("canonical");
        // RFC 6376 3.4.5's example header fields.
        QTest::newRow("rfc6376 3.4.5 A") << QByteArray("A: X") << QByteArray("a:X\r\n");
        QTest::newRow("rfc6376 3.4.5 B")
            << QByteArray("B : Y\t\r\n\tZ  ") << QByteArray("b:Y Z\r\n");
        QTest::newRow("name lower-cased")
            << QByteArray("Message-ID: <A@B>") << QByteArray("message-id:<A@B>\r\n");
        QTest::newRow("no space after colon") << QByteArray("To:a@b") << QByteArray("to:a@b\r\n");
        QTest::newRow("empty value") << QByteArray("X-Empty:   ") << QByteArray("x-empty:\r\n");
        QTest::newRow("inner runs collapse")
            << QByteArray("Subject: a  \t b   c") << QByteArray("subject:a b c\r\n");
        QTest::newRow("folded three times")
            << QByteArray("Subject: one\r\n two\r\n\tthree\r\n   four")
            << QByteArray("subject:one two three four\r\n");
        QTest::newRow("fold right after colon")
            << QByteArray("To:\r\n a@b") << QByteArray("to:a@b\r\n");
        QTest::newRow("bare LF fold")
            << QByteArray("Subject: x\n y") << QByteArray("subject:x y\r\n");
        QTest::newRow("8-bit value kept")
            << QByteArray("Subject: \xe6\x97\xa5\xe6\x9c\xac  \xe8\xaa\x9e")
            << QByteArray("subject:\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e\r\n");
        QTest::newRow("colon in value") << QByteArray("Date: Fri, 11 Jul 2003 21:00:37 -0700")
                                        << QByteArray("date:Fri, 11 Jul 2003 21:00:37 -0700\r\n");
    }
    void relaxedHeader()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, canonical);
        QCOMPARE(Dkim::relaxedHeader(field), canonical);
        QCOMPARE(Dkim::relaxedHeader(field + "\r\n"), canonical); // with its line break too
    }

    void relaxedBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("canonical");
        // RFC 6376 3.4.5's example body.
        QTest::newRow("rfc6376 3.4.5")
            << QByteArray(" C \r\nD \t E\r\n\r\n\r\n") << QByteArray(" C\r\nD E\r\n");
        // RFC 6376 3.4.4 and errata 3986: an empty body canonicalizes to nothing.
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n\r\n") << QByteArray();
        QTest::newRow("only WSP lines") << QByteArray("  \r\n\t\r\n \t \r\n") << QByteArray();
        QTest::newRow("no final CRLF") << QByteArray("abc") << QByteArray("abc\r\n");
        QTest::newRow("no final CRLF, trailing WSP")
            << QByteArray("abc \t") << QByteArray("abc\r\n");
        QTest::newRow("trailing empty lines") << QByteArray("a\r\n\r\n\r\n") << QByteArray("a\r\n");
        QTest::newRow("inner empty lines kept")
            << QByteArray("a\r\n\r\n\r\nb\r\n") << QByteArray("a\r\n\r\n\r\nb\r\n");
        QTest::newRow("inner WSP line emptied")
            << QByteArray("a\r\n  \r\nb") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("leading WSP to one SP") << QByteArray("\t\t x\r\n") << QByteArray(" x\r\n");
        QTest::newRow("bare LF lines") << QByteArray("a\nb \n\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("8-bit UTF-8") << QByteArray("\xe6\x97\xa5\xe6\x9c\xac  \xe8\xaa\x9e \r\n")
                                     << QByteArray("\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e\r\n");
        QTest::newRow("dot line kept") << QByteArray(".\r\n..\r\n") << QByteArray(".\r\n..\r\n");
    }
    void relaxedBody()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, canonical);
        QCOMPARE(Dkim::relaxedBody(body), canonical);
    }

    // A body past the 64 KiB chunk of the streamed form comes out whole, with
    // the held-back empty lines at a chunk edge in place.
    void relaxedBodyStreamsLargeBodies()
    {
        QByteArray body, expected;
        for (int i = 0; i < 20000; ++i) {
            body += "line  " + QByteArray::number(i) + " \r\n" + (i % 7 == 0 ? "\r\n \r\n" : "");
            expected += "line " + QByteArray::number(i) + "\r\n" + (i % 7 == 0 ? "\r\n\r\n" : "");
        }
        body += "\r\n\r\n";
        while (expected.endsWith("\r\n\r\n"))
            expected.chop(2);
        int pieces = 0;
        QByteArray streamed;
        Dkim::relaxedBody(body, [&](QByteArrayView piece) {
            ++pieces;
            streamed += piece;
        });
        QVERIFY(pieces > 1);
        QCOMPARE(streamed, expected);
    }

    void parseHeader_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArrayList>("names");
        QTest::addColumn<QByteArrayList>("raws");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("simple") << QByteArray("From: a\r\nTo: b\r\n\r\nbody\r\n")
                                << QByteArrayList{"From", "To"}
                                << QByteArrayList{"From: a", "To: b"} << QByteArray("body\r\n");
        QTest::newRow("folded") << QByteArray("Subject: a\r\n b\r\n\tc\r\nTo: x\r\n\r\n")
                                << QByteArrayList{"Subject", "To"}
                                << QByteArrayList{"Subject: a\r\n b\r\n\tc", "To: x"}
                                << QByteArray();
        QTest::newRow("no body") << QByteArray("From: a\r\n") << QByteArrayList{"From"}
                                 << QByteArrayList{"From: a"} << QByteArray();
        QTest::newRow("bare LF") << QByteArray("From: a\nTo: b\n\nbody\n")
                                 << QByteArrayList{"From", "To"}
                                 << QByteArrayList{"From: a", "To: b"} << QByteArray("body\n");
        QTest::newRow("duplicates kept in order")
            << QByteArray("To: 1\r\nTo: 2\r\n\r\n") << QByteArrayList{"To", "To"}
            << QByteArrayList{"To: 1", "To: 2"} << QByteArray();
        QTest::newRow("space before colon") << QByteArray("B : Y\r\n\r\n") << QByteArrayList{"B"}
                                            << QByteArrayList{"B : Y"} << QByteArray();
        QTest::newRow("line without colon skipped")
            << QByteArray("From: a\r\nnonsense\r\nTo: b\r\n\r\nx") << QByteArrayList{"From", "To"}
            << QByteArrayList{"From: a", "To: b"} << QByteArray("x");
        QTest::newRow("blank line in body stays body")
            << QByteArray("From: a\r\n\r\n\r\nTo: b\r\n") << QByteArrayList{"From"}
            << QByteArrayList{"From: a"} << QByteArray("\r\nTo: b\r\n");
    }
    void parseHeader()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArrayList, names);
        QFETCH(QByteArrayList, raws);
        QFETCH(QByteArray, body);
        qsizetype bodyOffset = -1;
        const auto fields = Dkim::parseHeader(message, &bodyOffset);
        QByteArrayList gotNames, gotRaws;
        for (const auto &f : fields)
            gotNames << f.name, gotRaws << f.raw;
        QCOMPARE(gotNames, names);
        QCOMPARE(gotRaws, raws);
        QCOMPARE(message.mid(bodyOffset), body);
    }

    // RFC 6376 3.4.5, the whole example: header fields and body together.
    void rfc6376Example()
    {
        const QByteArray message("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n");
        qsizetype bodyOffset = 0;
        QByteArray header;
        for (const auto &f : Dkim::parseHeader(message, &bodyOffset))
            header += Dkim::relaxedHeader(f.raw);
        QCOMPARE(header, QByteArray("a:X\r\nb:Y Z\r\n"));
        QCOMPARE(Dkim::relaxedBody(QByteArrayView(message).sliced(bodyOffset)),
                 QByteArray(" C\r\nD E\r\n"));
    }

    // RFC 8463 Appendix A: the published signatures verify with this
    // canonicalization, and the body hash comes out as printed.
    void rfc8463PublishedExample_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QByteArray>("record");
        QTest::newRow("ed25519-sha256") << 0 << QByteArray(kRfc8463EdRecord);
        QTest::newRow("rsa-sha256") << 1 << QByteArray(kRfc8463RsaRecord);
    }
    void rfc8463PublishedExample()
    {
        QFETCH(int, which);
        QFETCH(QByteArray, record);
        QString why;
        QVERIFY2(verify(rfc8463Signed(), record, which, &why), qPrintable(why));
        QByteArray tampered = rfc8463Signed();
        tampered.replace("hungry", "Hungry");
        QVERIFY(!verify(tampered, record, which, &why));
        tampered = rfc8463Signed();
        tampered.replace("Is dinner ready?", "Is dinner ready!");
        QVERIFY(!verify(tampered, record, which, &why));
    }
    void rfc8463Keys()
    {
        QCOMPARE(rfc8463EdKey().dnsTxtRecord(), QByteArray(kRfc8463EdRecord));
        auto rsa = DkimKey::fromPem(kRfc8463RsaKey, QStringLiteral("football.example.com"),
                                    QStringLiteral("test"));
        QVERIFY2(rsa, rsa ? "" : qPrintable(rsa.error().message));
        QCOMPARE(rsa->algorithm(), DkimKey::Algorithm::RsaSha256);
        QCOMPARE(rsa->dnsTxtRecord(), QByteArray(kRfc8463RsaRecord));
    }

    // Known answers: the RFC 8463 keys and time. Ed25519 and RSASSA-PKCS1-v1_5
    // are deterministic, so the whole field is fixed; it must also verify.
    void knownAnswer_data()
    {
        QTest::addColumn<bool>("ed25519");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ed25519-sha256")
            << true
            << crlf({"DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
                     " d=football.example.com; s=brisbane; t=1528637909;",
                     " h=from:subject:date:to:message-id;",
                     " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
                     " b=eSla0C2/M8+lG2gn/w//6dj+11hY345AVJ0IokKWaEfyNDsPuAaUIogcHdLfRsbrcH2p1kaQa",
                     " x8/ojBsWQjQAg==", ""});
        QTest::newRow("rsa-sha256")
            << false
            << crlf({"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
                     " d=football.example.com; s=test; t=1528637909;",
                     " h=from:subject:date:to:message-id;",
                     " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
                     " b=YbhmT5omGD6I1akdi+8py+vH01PPpYysm8NSZoz3LNB8rCBBRxn2yvIxoMiXM1sGhcbZH4/79",
                     " g/TUhVI8Qp9teKyQWj8NCqAkISpeosLF/2lA8Cpd2WU0haKZgcDKvODKSwi3OCCKccVBgRTBIRz",
                     " L4d4Q1qfF0l4IB456lm729k=", ""});
    }
    void knownAnswer()
    {
        QFETCH(bool, ed25519);
        QFETCH(QByteArray, expected);
        const DkimKey key =
            ed25519 ? rfc8463EdKey()
                    : DkimKey::fromPem(kRfc8463RsaKey, QStringLiteral("football.example.com"),
                                       QStringLiteral("test"))
                          .value();
        const FixedClock clock(kRfc8463Time);
        const DkimSigner signer(key, &clock);
        auto field = signer.sign(rfc8463Unsigned());
        QVERIFY(field);
        QCOMPARE(*field, expected);
        QString why;
        QVERIFY2(verify(*field + rfc8463Unsigned(), key.dnsTxtRecord(), 0, &why), qPrintable(why));
    }

    void generatedKeys_data()
    {
        QTest::addColumn<DkimKey::Algorithm>("algorithm");
        QTest::addColumn<QByteArray>("recordPrefix");
        QTest::addColumn<int>("publicSize");
        QTest::newRow("rsa-sha256")
            << DkimKey::Algorithm::RsaSha256 << QByteArray("v=DKIM1; k=rsa; p=MIIBIjAN") << 294;
        QTest::newRow("ed25519-sha256")
            << DkimKey::Algorithm::Ed25519Sha256 << QByteArray("v=DKIM1; k=ed25519; p=") << 32;
    }
    void generatedKeys()
    {
        QFETCH(DkimKey::Algorithm, algorithm);
        QFETCH(QByteArray, recordPrefix);
        QFETCH(int, publicSize);
        auto key =
            DkimKey::generate(algorithm, QStringLiteral("Example.COM"), QStringLiteral("fb202406"));
        QVERIFY(key);
        QCOMPARE(key->algorithm(), algorithm);
        QCOMPARE(key->domain(), QStringLiteral("example.com"));
        QCOMPARE(key->dnsName(), QStringLiteral("fb202406._domainkey.example.com"));
        QVERIFY2(key->dnsTxtRecord().startsWith(recordPrefix), key->dnsTxtRecord().constData());
        QCOMPARE(key->publicKey().size(), publicSize); // RSA 2048 SubjectPublicKeyInfo: 294 bytes
        QVERIFY(key->privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        if (algorithm == DkimKey::Algorithm::RsaSha256)
            QCOMPARE(EVP_PKEY_get_bits(key->evpKey()), 2048);

        // The zone file form splits the record into strings of at most 255 bytes.
        const QByteArray zone = key->zoneFileRecord();
        QVERIFY(zone.startsWith("fb202406._domainkey.example.com. IN TXT ( \""));
        QByteArray joined;
        for (const QByteArray &s : zone.split('"'))
            QVERIFY(s.size() <= 255);
        const QByteArrayList strings = zone.split('"');
        for (qsizetype i = 1; i < strings.size(); i += 2)
            joined += strings[i];
        QCOMPARE(joined, key->dnsTxtRecord());

        // Save and load: same key, file private to its owner.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dkim.pem"));
        QVERIFY(key->save(path));
        QCOMPARE(QFile::permissions(path) &
                     ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFile::Permissions());
        QVERIFY(key->save(path)); // replacing an existing key works (rotation)
        auto loaded =
            DkimKey::load(path, QStringLiteral("example.com"), QStringLiteral("fb202406"));
        QVERIFY(loaded);
        QCOMPARE(loaded->dnsTxtRecord(), key->dnsTxtRecord());
        QCOMPARE(loaded->algorithm(), algorithm);

        // Rotation: a new key has a new public key.
        auto next =
            DkimKey::generate(algorithm, QStringLiteral("example.com"), QStringLiteral("fb202407"));
        QVERIFY(next);
        QVERIFY(next->publicKey() != key->publicKey());
    }

    void rotationSelectors()
    {
        const QDateTime when(QDate(2024, 6, 30), QTime(23, 0), Qt::UTC);
        QCOMPARE(DkimKey::rotationSelector(when, DkimKey::Algorithm::RsaSha256),
                 QStringLiteral("fb202406r"));
        QCOMPARE(DkimKey::rotationSelector(when, DkimKey::Algorithm::Ed25519Sha256),
                 QStringLiteral("fb202406e"));
    }

    void badKeys_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("selector");
        const QString d = QStringLiteral("example.com"), s = QStringLiteral("sel");
        QTest::newRow("garbage") << QByteArray("not a key") << d << s;
        QTest::newRow("RSA 512") << pemOf(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(512)))
                                 << d << s;
        QTest::newRow("EC P-256") << pemOf(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")) << d
                                  << s;
        const QByteArray good = QByteArray(kRfc8463RsaKey);
        QTest::newRow("empty selector") << good << d << QString();
        QTest::newRow("selector with ;") << good << d << QStringLiteral("a;b");
        QTest::newRow("domain with space") << good << QStringLiteral("exa mple.com") << s;
        QTest::newRow("empty domain") << good << QString() << s;
    }
    void badKeys()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, domain);
        QFETCH(QString, selector);
        auto key = DkimKey::fromPem(pem, domain, selector);
        QVERIFY(!key);
        QCOMPARE(key.error().kind, Error::Kind::Invalid);
    }

    // Messages of every shape sign and verify; each then fails when its body
    // or a signed header changes, and survives changes relaxed allows.
    void signAndVerify_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expectedH");
        QTest::newRow("plain") << crlf({"From: a@example.com", "To: b@example.net", "Subject: hi",
                                        "", "hello", ""})
                               << QByteArray("from:subject:to");
        QTest::newRow("folded headers")
            << crlf({"From: \"A very long display name that goes on\"", "\t<a@example.com>",
                     "To: b@example.net,", " c@example.net,", "   d@example.net",
                     "Subject: =?UTF-8?B?5pel5pys6Kqe?=", " =?UTF-8?B?44OG44K544OI?=", "", "body",
                     ""})
            << QByteArray("from:subject:to");
        QTest::newRow("trailing blank lines")
            << crlf({"From: a@example.com", "", "text", "", "", "", ""}) << QByteArray("from");
        QTest::newRow("empty body")
            << crlf({"From: a@example.com", "Subject: x", "", ""}) << QByteArray("from:subject");
        QTest::newRow("no body at all")
            << crlf({"From: a@example.com", "Subject: x", ""}) << QByteArray("from:subject");
        QTest::newRow("8-bit UTF-8 body")
            << crlf({"From: a@example.com", "Content-Type: text/plain; charset=UTF-8",
                     "Content-Transfer-Encoding: 8bit", "MIME-Version: 1.0", "",
                     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x9c\xac\xe6\x96\x87  \t",
                     ""})
            << QByteArray("from:mime-version:content-type:content-transfer-encoding");
        QTest::newRow("duplicate headers")
            << crlf({"Received: x", "Received: y", "From: a@example.com", "To: first@example.net",
                     "To: second@example.net", "Subject: one", "Subject: two", "", "body", ""})
            << QByteArray("from:subject:to");
        QTest::newRow("list headers")
            << crlf({"From: list@example.com", "List-Id: <l.example.com>",
                     "List-Unsubscribe: <mailto:u@example.com>",
                     "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "X-Other: not signed", "",
                     "b", ""})
            << QByteArray("from:list-id:list-unsubscribe:list-unsubscribe-post");
        QTest::newRow("lower-case names")
            << crlf({"from: a@example.com", "SUBJECT: x", "", "b", ""})
            << QByteArray("from:subject");
    }
    void signAndVerify()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expectedH);
        for (const auto algorithm :
             {DkimKey::Algorithm::Ed25519Sha256, DkimKey::Algorithm::RsaSha256}) {
            auto key = algorithm == DkimKey::Algorithm::RsaSha256
                           ? DkimKey::fromPem(kRfc8463RsaKey, QStringLiteral("example.com"),
                                              QStringLiteral("s1"))
                           : DkimKey::generate(algorithm, QStringLiteral("example.com"),
                                               QStringLiteral("s2"));
            QVERIFY(key);
            const FixedClock clock(1700000000);
            const DkimSigner signer(*key, &clock);
            auto field = signer.sign(message);
            QVERIFY2(field, field ? "" : qPrintable(field.error().message));
            QVERIFY(field->startsWith(
                "DKIM-Signature: v=1; a=" + DkimKey::algorithmName(algorithm) + ";"));
            QVERIFY(field->endsWith("\r\n"));
            QVERIFY(field->contains(" t=1700000000;"));
            for (const QByteArray &line : field->split('\n'))
                QVERIFY2(line.size() <= 78, line.constData());
            const auto t = tags(QByteArrayView(*field).sliced(15));
            QByteArray h = t.value("h");
            h.replace(' ', "");
            QCOMPARE(h, expectedH);

            const QByteArray signedMessage = *field + message;
            QString why;
            QVERIFY2(verify(signedMessage, key->dnsTxtRecord(), 0, &why), qPrintable(why));

            // Tampering that must fail: body text, a signed header, an extra
            // From above the signed one (the verifier then takes the new one).
            QByteArray body =
                signedMessage + (message.contains("\r\n\r\n") ? "" : "\r\n") + "tampered\r\n";
            QVERIFY(!verify(body, key->dnsTxtRecord(), 0, &why));
            QVERIFY(why.startsWith(QLatin1String("body hash")));
            QByteArray header = signedMessage;
            header.replace("From: ", "From: x");
            header.replace("from: ", "from: x");
            QVERIFY(!verify(header, key->dnsTxtRecord(), 0, &why));
            QCOMPARE(why, QStringLiteral("signature does not verify"));

            // Changes relaxed/relaxed ignores: an unsigned header added,
            // trailing blank lines, refolding, white space inside lines.
            QVERIFY(verify(*field + "X-Added: y\r\n" + message, key->dnsTxtRecord(), 0, &why));
            QByteArray refolded = signedMessage;
            refolded.replace("From: ", "From:\r\n\t  ");
            refolded.replace("from: ", "from:\r\n\t  ");
            QVERIFY2(verify(refolded, key->dnsTxtRecord(), 0, &why), qPrintable(why));
            if (message.contains("\r\n\r\n"))
                QVERIFY2(verify(signedMessage + "\r\n\r\n", key->dnsTxtRecord(), 0, &why),
                         qPrintable(why));
        }
    }

    // The signature covers the last instance of a repeated field (RFC 6376
    // 5.4.2): changing the first one does not matter, changing the last does.
    void duplicateSignsLastInstance()
    {
        const DkimKey key = rfc8463EdKey();
        const DkimSigner signer(key);
        const QByteArray message =
            crlf({"From: a@example.com", "Subject: one", "Subject: two", "", "body", ""});
        const QByteArray signedMessage = signedWith(signer, message);
        QString why;
        QVERIFY(verify(signedMessage, key.dnsTxtRecord(), 0, &why));
        QByteArray first = signedMessage;
        first.replace("Subject: one", "Subject: 1");
        QVERIFY(verify(first, key.dnsTxtRecord(), 0, &why));
        QByteArray last = signedMessage;
        last.replace("Subject: two", "Subject: 2");
        QVERIFY(!verify(last, key.dnsTxtRecord(), 0, &why));
    }

    void noFromRefused()
    {
        const DkimSigner signer(rfc8463EdKey());
        auto field = signer.sign(crlf({"To: b@example.net", "Subject: x", "", "b", ""}));
        QVERIFY(!field);
        QCOMPARE(field.error().kind, Error::Kind::Invalid);
    }

    // The time comes from the injected clock.
    void usesClock()
    {
        const FixedClock clock(1234567890);
        const DkimSigner signer(rfc8463EdKey(), &clock);
        QVERIFY(signer.sign(rfc8463Unsigned())->contains(" t=1234567890;"));
    }
};

QTEST_APPLESS_MAIN(tst_DkimSigner)
#include "tst_dkimsigner.moc"
