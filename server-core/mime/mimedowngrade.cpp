#include "mimedowngrade.h"

#include "gmimeinit.h"
#include "headerfields.h"
#include "mimemessage.h"

#include <gmime/gmime.h>

namespace fumibako
{

namespace
{

// One header field of an entity: where its lines are, and its unfolded value.
struct HeaderField {
    QByteArray name; // lower case
    QByteArray value;
    qsizetype begin = 0;
    qsizetype end = 0; // just past its last line end
};

// An entity (message or part) of raw[begin, end): header fields, then the body.
struct Entity {
    qsizetype begin = 0;
    qsizetype headerEnd = 0; // just past the last field (where a new field goes)
    qsizetype bodyBegin = 0; // just past the blank line
    qsizetype end = 0;
    QList<HeaderField> fields;
    QByteArray type = "text";
    QByteArray subtype = "plain";
    QByteArray boundary;

    const HeaderField *field(QByteArrayView name) const
    {
        for (const HeaderField &f : fields)
            if (f.name == name)
                return &f;
        return nullptr;
    }
    QByteArray encoding() const
    {
        const HeaderField *f = field("content-transfer-encoding");
        return f ? f->value.trimmed().toLower() : QByteArray();
    }
};

// End of the line at pos (past its LF, or `end`).
qsizetype lineEnd(const QByteArray &raw, qsizetype pos, qsizetype end)
{
    const qsizetype nl = raw.indexOf('\n', pos);
    return nl < 0 || nl >= end ? end : nl + 1;
}

Entity parseEntity(const QByteArray &raw, qsizetype begin, qsizetype end, bool digestChild)
{
    Entity e;
    e.begin = begin;
    e.end = end;
    e.headerEnd = e.bodyBegin = begin;
    HeaderFieldScanner scanner(raw, begin, end);
    for (bool more = true; more;) {
        const HeaderFieldScanner::Item item = scanner.next();
        switch (item.kind) {
        case HeaderFieldScanner::Kind::Field: {
            if (e.fields.size() >= 10000) { // no more fields: the body starts here
                e.bodyBegin = item.begin;
                more = false;
                break;
            }
            // The value unfolded, each line trimmed (RFC 5322 2.2.3).
            QByteArray value;
            for (const QByteArray &line :
                 raw.mid(item.colon + 1, item.end - item.colon - 1).split('\n'))
                value += (value.isEmpty() ? QByteArray() : QByteArray(" ")) + line.trimmed();
            e.fields.append({scanner.name(item).toByteArray().toLower(), value.trimmed(),
                             item.begin, item.next});
            e.headerEnd = e.bodyBegin = item.next;
            break;
        }
        case HeaderFieldScanner::Kind::Blank:
            e.bodyBegin = item.next;
            more = false;
            break;
        case HeaderFieldScanner::Kind::NotAField: // not a field: the body starts here
            e.bodyBegin = item.begin;
            more = false;
            break;
        case HeaderFieldScanner::Kind::End:
            e.headerEnd = e.bodyBegin = end;
            more = false;
            break;
        }
    }
    if (digestChild) { // RFC 2046 5.1.5
        e.type = "message";
        e.subtype = "rfc822";
    }
    if (const HeaderField *ct = e.field("content-type")) {
        mimetext::ensureGMime();
        GMimeContentType *parsed = g_mime_content_type_parse(nullptr, ct->value.constData());
        const QByteArray type = QByteArray(g_mime_content_type_get_media_type(parsed)).toLower();
        const QByteArray subtype =
            QByteArray(g_mime_content_type_get_media_subtype(parsed)).toLower();
        // RFC 2045 5.2: an unreadable Content-Type is text/plain.
        if (!type.isEmpty() && !subtype.isEmpty()) {
            e.type = type;
            e.subtype = subtype;
        }
        e.boundary = g_mime_content_type_get_parameter(parsed, "boundary");
        g_object_unref(parsed);
    }
    return e;
}

// GMime's encoders read CRLF or LF lines and write LF lines; stored mail has CRLF.
QByteArray encodeBody(QByteArrayView body, GMimeContentEncoding encoding)
{
    GMimeEncoding state;
    g_mime_encoding_init_encode(&state, encoding);
    QByteArray lf(qsizetype(g_mime_encoding_outlen(&state, size_t(body.size()))) + 16,
                  Qt::Uninitialized);
    lf.truncate(
        qsizetype(g_mime_encoding_flush(&state, body.data(), size_t(body.size()), lf.data())));
    QByteArray out;
    out.reserve(lf.size() + lf.size() / 32);
    for (char c : std::as_const(lf)) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

// The header of `e` with its Content-Transfer-Encoding field set to `encoding`
// (replaced in place, or added after the last field).
QByteArray headerWithEncoding(const QByteArray &raw, const Entity &e, QByteArrayView encoding,
                              bool addMimeVersion)
{
    QByteArray field = "Content-Transfer-Encoding: " + encoding.toByteArray() + "\r\n";
    if (addMimeVersion && !e.field("mime-version"))
        field.prepend("MIME-Version: 1.0\r\n");
    const HeaderField *old = e.field("content-transfer-encoding");
    const qsizetype at = old ? old->begin : e.headerEnd;
    const qsizetype resume = old ? old->end : e.headerEnd;
    QByteArray out = raw.mid(e.begin, at - e.begin);
    if (!out.isEmpty() && !out.endsWith('\n'))
        out += "\r\n"; // the last field had no line end
    out += field;
    if (e.bodyBegin == e.headerEnd)
        out += "\r\n"; // there was no blank line before the body
    return out + raw.mid(resume, e.bodyBegin - resume);
}

class Downgrader
{
public:
    // `encode` false only looks for 8-bit header bytes.
    Downgrader(const QByteArray &raw, bool encode) : m_raw(raw), m_encode(encode) {}

    // Appends entity raw[begin, end), made 7-bit, to `out`.
    void entity(qsizetype begin, qsizetype end, int depth, bool digestChild, QByteArray &out)
    {
        const Entity e = parseEntity(m_raw, begin, end, digestChild);
        m_headers8bit =
            m_headers8bit || has8bitBytes(QByteArrayView(m_raw).sliced(begin, e.bodyBegin - begin));
        const QByteArrayView body = QByteArrayView(m_raw).sliced(e.bodyBegin, end - e.bodyBegin);
        const QByteArray cte = e.encoding();
        const bool labelled8bit = cte == "8bit" || cte == "binary";
        if (!has8bitBytes(body) || depth >= MimeMessage::kMaxDepth || --m_budget <= 0) {
            out += QByteArrayView(m_raw).sliced(begin, end - begin);
            return;
        }
        if ((e.type == "multipart" && !e.boundary.isEmpty()) ||
            (e.type == "message" && (e.subtype == "rfc822" || e.subtype == "global") &&
             cte != "base64" && cte != "quoted-printable")) {
            QByteArray inner;
            if (e.type == "multipart")
                multipart(e, depth, inner);
            else
                entity(e.bodyBegin, end, depth + 1, false, inner);
            // RFC 2045 6.4: a composite type is 7bit, 8bit or binary; relabel it when now 7-bit.
            if (labelled8bit && !has8bitBytes(inner))
                out += headerWithEncoding(m_raw, e, "7bit", false);
            else
                out += QByteArrayView(m_raw).sliced(begin, e.bodyBegin - begin);
            out += inner;
            return;
        }
        if (cte == "base64" || cte == "quoted-printable" || e.type == "message") {
            out += QByteArrayView(m_raw).sliced(begin, end - begin); // mislabelled: leave it
            return;
        }
        if (!m_encode)
            return;
        const bool text = e.type == "text";
        out += headerWithEncoding(m_raw, e, text ? "quoted-printable" : "base64", depth == 0);
        out += encodeBody(body, text ? GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE
                                     : GMIME_CONTENT_ENCODING_BASE64);
        // GMime ends base64 with a line break; a part's last line break belongs to
        // the boundary after it (RFC 2046 5.1.1), so it is not the part's.
        if (!text && depth > 0 && out.endsWith("\r\n"))
            out.chop(2);
    }

    bool headers8bit() const { return m_headers8bit; }

private:
    // RFC 2046 5.1.1: the body as preamble, "--boundary" lines, parts, "--boundary--", epilogue.
    void multipart(const Entity &e, int depth, QByteArray &out)
    {
        const QByteArray delimiter = "--" + e.boundary;
        const bool digest = e.subtype == "digest";
        qsizetype copied = e.bodyBegin; // everything before this is in `out`
        qsizetype partStart = -1;
        qsizetype pos = e.bodyBegin;
        while (pos < e.end) {
            const qsizetype next = lineEnd(m_raw, pos, e.end);
            const QByteArrayView line = QByteArrayView(m_raw).sliced(pos, next - pos);
            const bool isDelimiter =
                line.startsWith(delimiter) && (line.sliced(delimiter.size()).startsWith("--") ||
                                               line.sliced(delimiter.size()).trimmed().isEmpty());
            if (isDelimiter) {
                const bool close = line.sliced(delimiter.size()).startsWith("--");
                if (partStart >= 0) {
                    qsizetype partEnd =
                        pos; // the line break before the delimiter is the delimiter's
                    if (partEnd > partStart && m_raw[partEnd - 1] == '\n')
                        --partEnd;
                    if (partEnd > partStart && m_raw[partEnd - 1] == '\r')
                        --partEnd;
                    entity(partStart, partEnd, depth + 1, digest, out);
                    copied = partEnd;
                }
                out += QByteArrayView(m_raw).sliced(copied, next - copied);
                copied = next;
                partStart = close ? -1 : next;
                if (close)
                    break;
            }
            pos = next;
        }
        if (partStart >= 0) { // no close delimiter: the last part runs to the end
            entity(partStart, e.end, depth + 1, digest, out);
            copied = e.end;
        }
        out += QByteArrayView(m_raw).sliced(copied, e.end - copied); // the epilogue
    }

    const QByteArray &m_raw;
    const bool m_encode;
    bool m_headers8bit = false;
    int m_budget = MimeMessage::kMaxParts;
};

} // namespace

bool has8bitBytes(QByteArrayView data)
{
    for (char c : data)
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    return false;
}

bool has8bitHeaders(const QByteArray &message)
{
    if (!has8bitBytes(message))
        return false;
    Downgrader d(message, false);
    QByteArray ignored;
    d.entity(0, message.size(), 0, false, ignored);
    return d.headers8bit();
}

QByteArray downgradeTo7bit(const QByteArray &message)
{
    if (!has8bitBytes(message))
        return message;
    QByteArray out;
    out.reserve(message.size() + message.size() / 4);
    Downgrader(message, true).entity(0, message.size(), 0, false, out);
    return out;
}

} // namespace fumibako
