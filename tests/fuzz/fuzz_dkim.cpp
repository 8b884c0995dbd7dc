// libFuzzer target: the DKIM signer over an outbound message from a user
// (RFC 6376) — the header-block parser, relaxed header and body
// canonicalization (3.4.2, 3.4.4) and signing with an Ed25519 key. Besides
// crashes and sanitizer reports it checks invariants and aborts when one
// breaks: the canonical forms are canonical (idempotent, no WSP runs, no
// trailing empty lines), the body form agrees with a plain line-by-line
// reading of 3.4.4, and the signature field's bh= is the hash of that body
// and its lines stay within 78 characters.
// Build and run: see tests/fuzz/CMakeLists.txt.

#include "fuzzsupport.h"

#include "queue/dkimsigner.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <cstddef>
#include <cstdint>

using namespace fumibako;
using fumibako::fuzz::check;

namespace
{

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

class FixedClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC); }
};

// RFC 6376 3.4.4 read one line at a time: lines end at LF (a CR before it
// belongs to the line end), WSP runs become one SP, WSP at a line's end goes,
// empty lines at the end go, each line left ends in CRLF.
QByteArray referenceRelaxedBody(QByteArrayView body)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (;;) {
        const qsizetype lf = body.indexOf('\n', start);
        QByteArrayView line = body.sliced(start, (lf < 0 ? body.size() : lf) - start);
        if (lf >= 0 && line.endsWith('\r'))
            line.chop(1);
        QByteArray out;
        for (char c : line) {
            if (isWsp(c)) {
                if (!out.endsWith(' '))
                    out += ' ';
            } else {
                out += c;
            }
        }
        if (out.endsWith(' '))
            out.chop(1);
        if (lf < 0) {
            if (!out.isEmpty()) // a last line without CRLF still gets one
                lines << out;
            break;
        }
        lines << out;
        start = lf + 1;
    }
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    QByteArray out;
    for (const QByteArray &l : lines)
        out += l + "\r\n";
    return out;
}

// `strict`: a field as the parser found it, whose name is ftext (no WSP, no line breaks).
void checkCanonicalHeader(QByteArrayView field, bool strict)
{
    const QByteArray c = Dkim::relaxedHeader(field);
    check(c.endsWith("\r\n") && c.contains(':'));
    const QByteArrayView content = QByteArrayView(c).chopped(2);
    check(Dkim::relaxedHeader(content) == c);
    if (!strict)
        return;
    const qsizetype colon = content.indexOf(':');
    check(!content.contains('\r') && !content.contains('\n') && !content.contains('\t'));
    check(!content.contains("  ") && !content.endsWith(' '));
    check(colon > 0 && content[colon - 1] != ' ' && !content.sliced(colon).startsWith(": "));
}

void checkSignature(const DkimSigner &signer, QByteArrayView message, QByteArrayView body,
                    bool hasFrom)
{
    const auto field = signer.sign(message);
    check(field.has_value() == hasFrom);
    if (!field)
        return;
    check(field->startsWith("DKIM-Signature:") && field->endsWith("\r\n"));
    for (const QByteArray &line : field->chopped(2).split('\n'))
        check(line.size() <= 78 + 1 && !line.chopped(line.endsWith('\r') ? 1 : 0).contains('\r'));
    const QByteArray bh =
        "bh=" +
        QCryptographicHash::hash(referenceRelaxedBody(body), QCryptographicHash::Sha256)
            .toBase64() +
        ';';
    check(QByteArray(*field).replace("\r\n ", "").contains(bh));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static const FixedClock clock;
    static const DkimSigner signer = [] {
        auto key = DkimKey::generate(DkimKey::Algorithm::Ed25519Sha256,
                                     QStringLiteral("example.jp"), QStringLiteral("fuzz"));
        check(key.has_value());
        return DkimSigner(*key, &clock);
    }();

    const QByteArrayView message(reinterpret_cast<const char *>(bytes), qsizetype(size));
    qsizetype bodyOffset = -1;
    const QList<Dkim::HeaderField> fields = Dkim::parseHeader(message, &bodyOffset);
    check(bodyOffset >= 0 && bodyOffset <= message.size());
    bool hasFrom = false;
    for (const Dkim::HeaderField &f : fields) {
        check(!f.name.isEmpty() && f.raw.startsWith(f.name) && !f.raw.endsWith('\n'));
        check(message.first(bodyOffset).contains(f.raw));
        hasFrom = hasFrom || f.name.compare("From", Qt::CaseInsensitive) == 0;
        checkCanonicalHeader(f.raw, true);
    }
    checkCanonicalHeader(message.first(std::min(message.size(), qsizetype(998))), false);

    const QByteArrayView body = message.sliced(bodyOffset);
    const QByteArray canonical = Dkim::relaxedBody(body);
    check(canonical == referenceRelaxedBody(body));
    check(Dkim::relaxedBody(canonical) == canonical);
    checkSignature(signer, message, body, hasFrom);
    return 0;
}
