#include "messagepreview.h"

#include "gmimeinit.h"
#include "headerfields.h"
#include "mimemessage.h"
#include "mimetext.h"
#include "partstrip.h"

#include <gmime/gmime.h>

#include <QHash>
#include <QStringList>

namespace fumibako
{

namespace
{

// What a leaf's own header says beyond MimeLeaf: its charset. GMime parses
// the parameters (RFC 2231).
QByteArray leafCharset(const MimeMessage &message, const MimeLeaf &leaf)
{
    mimetext::ensureGMime();
    const Result<QByteArray> header =
        leaf.path.isEmpty() ? message.section({}, MimeMessage::SectionText::Header)
                            : message.section(leaf.path, MimeMessage::SectionText::Mime);
    QByteArray charset;
    if (!header)
        return charset;
    const QByteArray type = firstFieldValue(*header, "Content-Type");
    if (!type.isNull())
        if (GMimeContentType *ct = g_mime_content_type_parse(nullptr, type.constData())) {
            charset = g_mime_content_type_get_parameter(ct, "charset");
            g_object_unref(ct);
        }
    return charset;
}

QDateTime parseDate(const QByteArray &value)
{
    if (value.trimmed().isEmpty())
        return {};
    mimetext::ensureGMime();
    GDateTime *parsed = g_mime_utils_header_decode_date(value.constData());
    if (!parsed)
        return {};
    const qint64 secs = g_date_time_to_unix(parsed);
    const int offset = int(g_date_time_get_utc_offset(parsed) / G_TIME_SPAN_SECOND);
    g_date_time_unref(parsed);
    return QDateTime::fromSecsSinceEpoch(secs, Qt::OffsetFromUTC, offset);
}

QString joined(const MimeMessage &message, QByteArrayView name)
{
    return message.decodedHeaders(name).join(QStringLiteral(", ")).simplified();
}

QString lines(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

// ---- HTML -----------------------------------------------------------------------------

const QHash<QString, QString> &entities()
{
    // The references spam and office mail actually use; an unknown one stays as written.
    static const QHash<QString, QString> table = {
        {QStringLiteral("amp"), QStringLiteral("&")},
        {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},
        {QStringLiteral("nbsp"), QStringLiteral(" ")},
        {QStringLiteral("ensp"), QStringLiteral(" ")},
        {QStringLiteral("emsp"), QStringLiteral(" ")},
        {QStringLiteral("thinsp"), QStringLiteral(" ")},
        {QStringLiteral("shy"), QString()},
        {QStringLiteral("zwnj"), QString()},
        {QStringLiteral("zwj"), QString()},
        {QStringLiteral("copy"), QStringLiteral("©")},
        {QStringLiteral("reg"), QStringLiteral("®")},
        {QStringLiteral("trade"), QStringLiteral("™")},
        {QStringLiteral("hellip"), QStringLiteral("…")},
        {QStringLiteral("mdash"), QStringLiteral("—")},
        {QStringLiteral("ndash"), QStringLiteral("–")},
        {QStringLiteral("laquo"), QStringLiteral("«")},
        {QStringLiteral("raquo"), QStringLiteral("»")},
        {QStringLiteral("lsquo"), QStringLiteral("‘")},
        {QStringLiteral("rsquo"), QStringLiteral("’")},
        {QStringLiteral("ldquo"), QStringLiteral("“")},
        {QStringLiteral("rdquo"), QStringLiteral("”")},
        {QStringLiteral("middot"), QStringLiteral("·")},
        {QStringLiteral("bull"), QStringLiteral("•")},
        {QStringLiteral("times"), QStringLiteral("×")},
        {QStringLiteral("divide"), QStringLiteral("÷")},
        {QStringLiteral("yen"), QStringLiteral("¥")},
        {QStringLiteral("euro"), QStringLiteral("€")},
        {QStringLiteral("pound"), QStringLiteral("£")},
        {QStringLiteral("cent"), QStringLiteral("¢")},
        {QStringLiteral("sect"), QStringLiteral("§")},
        {QStringLiteral("deg"), QStringLiteral("°")},
        {QStringLiteral("plusmn"), QStringLiteral("±")},
        {QStringLiteral("rarr"), QStringLiteral("→")},
        {QStringLiteral("larr"), QStringLiteral("←")},
        {QStringLiteral("uarr"), QStringLiteral("↑")},
        {QStringLiteral("darr"), QStringLiteral("↓")},
    };
    return table;
}

// The character reference at `pos` (an '&'): its text and length, or a null string.
QString entityAt(const QString &html, qsizetype pos, qsizetype *length)
{
    const qsizetype semi = html.indexOf(QLatin1Char(';'), pos + 1);
    if (semi < 0 || semi - pos > 12)
        return {};
    const QString name = html.mid(pos + 1, semi - pos - 1);
    *length = semi - pos + 1;
    if (name.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const bool hex =
            name.size() > 1 && (name.at(1) == QLatin1Char('x') || name.at(1) == QLatin1Char('X'));
        const uint code = hex ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
        if (!ok)
            return {};
        // NUL, surrogates and out-of-range references become U+FFFD (HTML 5 13.2.5.80).
        if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return QString(QChar::ReplacementCharacter);
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    const auto it = entities().constFind(name);
    return it == entities().cend() ? QString() : *it;
}

bool isBlockTag(const QString &name)
{
    static const QStringList blocks = {
        QStringLiteral("br"),      QStringLiteral("p"),          QStringLiteral("div"),
        QStringLiteral("tr"),      QStringLiteral("li"),         QStringLiteral("table"),
        QStringLiteral("ul"),      QStringLiteral("ol"),         QStringLiteral("dl"),
        QStringLiteral("dt"),      QStringLiteral("dd"),         QStringLiteral("h1"),
        QStringLiteral("h2"),      QStringLiteral("h3"),         QStringLiteral("h4"),
        QStringLiteral("h5"),      QStringLiteral("h6"),         QStringLiteral("hr"),
        QStringLiteral("pre"),     QStringLiteral("blockquote"), QStringLiteral("section"),
        QStringLiteral("article"), QStringLiteral("header"),     QStringLiteral("footer"),
        QStringLiteral("center"),  QStringLiteral("address"),    QStringLiteral("form"),
    };
    return blocks.contains(name);
}

} // namespace

QString htmlToPlainText(const QString &html)
{
    QString out;
    out.reserve(html.size() / 2);
    bool pre = false;
    bool space = false; // white space seen and not yet written
    // A block starts on a line of its own; <br> always breaks the line.
    auto newline = [&out, &space](bool force) {
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        if (force || !(out.isEmpty() || out.endsWith(QLatin1Char('\n'))))
            out += QLatin1Char('\n');
        space = false;
    };
    auto pendingSpace = [&out, &space] {
        if (space && !out.isEmpty() && !out.endsWith(QLatin1Char('\n')))
            out += QLatin1Char(' ');
        space = false;
    };
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html.at(i);
        if (c == QLatin1Char('<')) {
            if (html.mid(i, 4) == QLatin1String("<!--")) {
                const qsizetype end = html.indexOf(QLatin1String("-->"), i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            const QChar next = i + 1 < n ? html.at(i + 1) : QChar();
            if (!next.isLetter() && next != QLatin1Char('/') && next != QLatin1Char('!') &&
                next != QLatin1Char('?')) {
                pendingSpace();
                out += c; // a lone '<' is text
                ++i;
                continue;
            }
            // The tag's end: the first '>' outside a quoted attribute value.
            qsizetype j = i + 1;
            QChar quote;
            for (; j < n; ++j) {
                const QChar d = html.at(j);
                if (!quote.isNull()) {
                    if (d == quote)
                        quote = QChar();
                } else if (d == QLatin1Char('"') || d == QLatin1Char('\'')) {
                    quote = d;
                } else if (d == QLatin1Char('>')) {
                    break;
                }
            }
            const bool closing = next == QLatin1Char('/');
            qsizetype k = i + (closing ? 2 : 1);
            qsizetype nameEnd = k;
            while (nameEnd < j && (html.at(nameEnd).isLetterOrNumber()))
                ++nameEnd;
            const QString name = html.mid(k, nameEnd - k).toLower();
            i = j < n ? j + 1 : n;
            if (!closing && (name == QLatin1String("script") || name == QLatin1String("style") ||
                             name == QLatin1String("head") || name == QLatin1String("title"))) {
                // Their content is no text: skip to the closing tag.
                const qsizetype end =
                    html.indexOf(QLatin1String("</") + name, i, Qt::CaseInsensitive);
                if (end < 0) {
                    i = n;
                } else {
                    const qsizetype close = html.indexOf(QLatin1Char('>'), end);
                    i = close < 0 ? n : close + 1;
                }
                continue;
            }
            if (name == QLatin1String("pre"))
                pre = !closing;
            if (isBlockTag(name)) {
                newline(name == QLatin1String("br"));
                if (!closing && name == QLatin1String("li"))
                    out += QStringLiteral("・");
            } else if (name == QLatin1String("td") || name == QLatin1String("th")) {
                space = true;
            }
            continue;
        }
        if (c.isSpace() && !pre) {
            space = true;
            ++i;
            continue;
        }
        pendingSpace();
        if (c == QLatin1Char('&')) {
            qsizetype length = 0;
            const QString text = entityAt(html, i, &length);
            if (!text.isNull()) {
                out += text;
                i += length;
                continue;
            }
        }
        out += c == QLatin1Char('\r') ? QLatin1Char('\n') : c;
        ++i;
    }
    // At most one empty line in a row, no spaces at line ends, none around the text.
    QStringList result;
    int blank = 0;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        QString l = line;
        while (l.endsWith(QLatin1Char(' ')))
            l.chop(1);
        if (l.trimmed().isEmpty()) {
            if (++blank > 1 || result.isEmpty())
                continue;
            result << QString();
            continue;
        }
        blank = 0;
        result << l;
    }
    while (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result.join(QLatin1Char('\n'));
}

MessagePreview messagePreview(const QByteArray &raw, qsizetype maxTextChars)
{
    MessagePreview p;
    const MimeMessage message(raw);
    p.from = joined(message, "From");
    p.to = joined(message, "To");
    p.cc = joined(message, "Cc");
    p.subject = message.decodedHeader("Subject").simplified();
    const QByteArray date = message.rawHeader("Date");
    p.dateText = QString::fromLatin1(date).simplified();
    p.date = parseDate(date);

    QStringList plain, html;
    QByteArray unopened; // a multipart whose parts could not be found: shown as it is
    for (const MimeLeaf &leaf : mimeLeaves(raw)) {
        if (isBodyText(leaf)) {
            const QString text = mimetext::decodeCharset(leaf.body, leafCharset(message, leaf));
            if (leaf.contentType == "text/plain")
                plain << lines(text);
            else
                html << htmlToPlainText(text);
            continue;
        }
        if (leaf.path.isEmpty() && !leaf.pastLimit && leaf.contentType.startsWith("multipart/")) {
            unopened = leaf.body;
            continue;
        }
        MessagePreview::Attachment a;
        a.name = leaf.fileName;
        // A forwarded message is named by its subject, as mail programs show it.
        if (a.name.isEmpty() && leaf.contentType == "message/rfc822")
            a.name = mimetext::decodeHeaderText(firstFieldValue(leaf.body, "Subject")).simplified();
        a.contentType = QString::fromLatin1(leaf.contentType);
        a.size = leaf.size;
        p.attachments << a;
    }
    if (!plain.isEmpty()) {
        p.text = plain.join(QStringLiteral("\n\n"));
    } else if (!html.isEmpty()) {
        p.text = html.join(QStringLiteral("\n\n"));
        p.textFromHtml = true;
    } else if (!unopened.isEmpty()) {
        p.text = lines(mimetext::decodeCharset(unopened, ""));
    }
    if (maxTextChars > 0 && p.text.size() > maxTextChars) {
        // Never half a surrogate pair.
        p.text.truncate(p.text.at(maxTextChars - 1).isHighSurrogate() ? maxTextChars - 1
                                                                      : maxTextChars);
        p.textTruncated = true;
    }
    return p;
}

} // namespace fumibako
