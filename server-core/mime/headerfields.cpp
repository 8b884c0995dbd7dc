#include "headerfields.h"

#include <algorithm>

namespace fumibako
{

namespace
{

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 5322 3.6.8: ftext, printable US-ASCII but the colon.
bool isFtext(char c)
{
    return uchar(c) >= 33 && uchar(c) <= 126 && c != ':';
}

} // namespace

HeaderFieldScanner::HeaderFieldScanner(QByteArrayView data, qsizetype begin, qsizetype end)
    : m_data(data), m_pos(begin), m_end(end < 0 ? data.size() : end)
{
}

qsizetype HeaderFieldScanner::lineEnd(qsizetype pos, qsizetype *contentEnd) const
{
    const qsizetype lf = m_data.sliced(pos, m_end - pos).indexOf('\n');
    if (lf < 0) {
        *contentEnd = m_end;
        return m_end;
    }
    qsizetype content = pos + lf;
    if (content > pos && m_data[content - 1] == '\r')
        --content;
    *contentEnd = content;
    return pos + lf + 1;
}

HeaderFieldScanner::Item HeaderFieldScanner::next()
{
    Item item;
    item.begin = m_pos;
    if (m_pos >= m_end) {
        item.kind = Kind::End;
        item.end = item.next = m_end;
        return item;
    }
    qsizetype contentEnd = 0;
    qsizetype next = lineEnd(m_pos, &contentEnd);
    if (contentEnd == m_pos) {
        item.kind = Kind::Blank;
        item.end = m_pos;
        item.next = m_pos = next;
        return item;
    }
    qsizetype at = m_pos;
    while (at < contentEnd && isFtext(m_data[at]))
        ++at;
    item.nameEnd = at;
    while (at < contentEnd && isWsp(m_data[at]))
        ++at;
    const bool field = item.nameEnd > m_pos && at < contentEnd && m_data[at] == ':';
    item.kind = field ? Kind::Field : Kind::NotAField;
    item.colon = field ? at : 0;
    if (!field)
        item.nameEnd = m_pos;
    // Continuation lines belong to the item, a field or not.
    item.end = contentEnd;
    while (next < m_end && isWsp(m_data[next])) {
        next = lineEnd(next, &contentEnd);
        item.end = contentEnd;
    }
    item.next = m_pos = next;
    return item;
}

QByteArray HeaderFieldScanner::unfoldedValue(const Item &item) const
{
    QByteArray out;
    const QByteArrayView value = m_data.sliced(item.colon + 1, item.end - item.colon - 1);
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n')
            continue;
        if (value[i] != '\n')
            out += value[i];
    }
    return out;
}

QByteArray firstFieldValue(QByteArrayView message, QByteArrayView name)
{
    // A line that is no field is passed over, as the DKIM signer reads a header.
    HeaderFieldScanner scanner(message);
    for (auto item = scanner.next(); item.kind == HeaderFieldScanner::Kind::Field ||
                                     item.kind == HeaderFieldScanner::Kind::NotAField;
         item = scanner.next())
        if (item.kind == HeaderFieldScanner::Kind::Field &&
            scanner.name(item).compare(name, Qt::CaseInsensitive) == 0)
            return scanner.unfoldedValue(item).trimmed();
    return {};
}

QByteArray withoutFields(const QByteArray &message, const QList<QByteArray> &names)
{
    QByteArray out;
    qsizetype kept = 0; // bytes of `message` before this are in `out` or removed
    HeaderFieldScanner scanner(message);
    for (auto item = scanner.next(); item.kind == HeaderFieldScanner::Kind::Field;
         item = scanner.next()) {
        const QByteArrayView name = scanner.name(item);
        const bool named = std::any_of(names.cbegin(), names.cend(), [&](const QByteArray &n) {
            return name.compare(n, Qt::CaseInsensitive) == 0;
        });
        if (!named)
            continue;
        out += QByteArrayView(message).sliced(kept, item.begin - kept);
        kept = item.next;
    }
    if (kept == 0)
        return message;
    out += QByteArrayView(message).sliced(kept);
    return out;
}

} // namespace fumibako
