#include "imapfetch.h"

#include <QDateTime>
#include <QLocale>

namespace fumibako {

namespace {

std::optional<FetchItem> parseItem(const QByteArray &atomText)
{
    FetchItem item;
    const QByteArray upper = atomText.toUpper();
    if (upper == "UID") {
        item.kind = FetchItem::Kind::Uid;
        return item;
    }
    if (upper == "FLAGS") {
        item.kind = FetchItem::Kind::Flags;
        return item;
    }
    if (upper == "INTERNALDATE") {
        item.kind = FetchItem::Kind::InternalDate;
        return item;
    }
    if (upper == "RFC822.SIZE") {
        item.kind = FetchItem::Kind::Size;
        return item;
    }
    if (upper == "MODSEQ") {
        item.kind = FetchItem::Kind::Modseq;
        return item;
    }
    item.kind = FetchItem::Kind::Section;
    if (upper == "RFC822") {
        item.responseName = "RFC822";
        return item;
    }
    if (upper == "RFC822.HEADER") {
        item.peek = true;  // RFC 3501: RFC822.HEADER is BODY.PEEK[HEADER]
        item.section = "HEADER";
        item.responseName = "RFC822.HEADER";
        return item;
    }
    if (upper == "RFC822.TEXT") {
        item.section = "TEXT";
        item.responseName = "RFC822.TEXT";
        return item;
    }
    qsizetype open;
    if (upper.startsWith("BODY.PEEK[")) {
        item.peek = true;
        open = 9;
    } else if (upper.startsWith("BODY[")) {
        open = 4;
    } else {
        return std::nullopt;
    }
    const qsizetype close = upper.indexOf(']', open);
    if (close < 0)
        return std::nullopt;
    QByteArray section = upper.mid(open + 1, close - open - 1).trimmed();
    const qsizetype paren = section.indexOf('(');
    if (paren >= 0) {
        if (!section.endsWith(')'))
            return std::nullopt;
        const QByteArray name = section.left(paren).trimmed();
        if (name != "HEADER.FIELDS" && name != "HEADER.FIELDS.NOT")
            return std::nullopt;
        for (const QByteArray &f : section.mid(paren + 1, section.size() - paren - 2).simplified().split(' '))
            if (!f.isEmpty())
                item.fields << (f.startsWith('"') && f.endsWith('"') && f.size() >= 2 ? f.mid(1, f.size() - 2) : f);
        if (item.fields.isEmpty())
            return std::nullopt;
        item.section = name;
    } else {
        if (!section.isEmpty() && section != "HEADER" && section != "TEXT" && section != "MIME" && section != "1" &&
            section != "1.MIME")
            return std::nullopt;
        item.section = section;
    }
    // The response names the section as asked, minus PEEK (RFC 3501 7.4.2).
    QByteArray name = "BODY[" + atomText.mid(open + 1, close - open - 1) + "]";
    const QByteArray rest = upper.mid(close + 1);
    if (!rest.isEmpty()) {
        if (!rest.startsWith('<') || !rest.endsWith('>'))
            return std::nullopt;
        const QList<QByteArray> nums = rest.mid(1, rest.size() - 2).split('.');
        bool ok1 = false, ok2 = false;
        if (nums.size() != 2)
            return std::nullopt;
        item.partialStart = nums[0].toLongLong(&ok1);
        item.partialCount = nums[1].toLongLong(&ok2);
        if (!ok1 || !ok2 || item.partialStart < 0 || item.partialCount < 0)
            return std::nullopt;
        name += '<' + QByteArray::number(item.partialStart) + '>';
    }
    item.responseName = name;
    return item;
}

bool fieldSelected(const QByteArray &line, const FetchItem &item)
{
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = (colon < 0 ? line : line.left(colon)).trimmed().toUpper();
    const bool listed = item.fields.contains(name);
    return item.section == "HEADER.FIELDS" ? listed : !listed;
}

} // namespace

std::optional<FetchRequest> parseFetchItems(const ImapValue &value)
{
    QList<QByteArray> atoms;
    if (value.type == ImapValue::Type::List) {
        for (const ImapValue &v : value.list) {
            if (v.type != ImapValue::Type::Atom)
                return std::nullopt;
            atoms << v.text;
        }
    } else if (value.type == ImapValue::Type::Atom) {
        const QByteArray macro = value.text.toUpper();
        // RFC 3501 6.4.5 macros (ENVELOPE comes with the mime/ layer).
        if (macro == "ALL" || macro == "FAST" || macro == "FULL")
            atoms = {"FLAGS", "INTERNALDATE", "RFC822.SIZE"};
        else
            atoms << value.text;
    } else {
        return std::nullopt;
    }
    if (atoms.isEmpty())
        return std::nullopt;
    FetchRequest req;
    for (const QByteArray &a : atoms) {
        auto item = parseItem(a);
        if (!item)
            return std::nullopt;
        if (item->kind == FetchItem::Kind::Section && !item->peek)
            req.setsSeen = true;
        if (item->kind == FetchItem::Kind::Uid)
            req.wantsUid = true;
        req.items << *item;
    }
    return req;
}

qsizetype headerLength(const QByteArray &message)
{
    if (message.startsWith("\r\n"))
        return 2;
    const qsizetype blank = message.indexOf("\r\n\r\n");
    return blank < 0 ? message.size() : blank + 4;
}

QByteArray headerField(const QByteArray &message, QByteArrayView name)
{
    const QByteArray header = message.left(headerLength(message));
    qsizetype pos = 0;
    while (pos < header.size()) {
        qsizetype end = header.indexOf("\r\n", pos);
        if (end < 0)
            end = header.size();
        const QByteArray line = header.mid(pos, end - pos);
        pos = end + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t'))
            continue;
        if (line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        QByteArray value = line.mid(colon + 1);
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == '\t')) {
            qsizetype e = header.indexOf("\r\n", pos);
            if (e < 0)
                e = header.size();
            value += header.mid(pos, e - pos);
            pos = e + 2;
        }
        return value.trimmed();
    }
    return {};
}

QByteArray fetchSection(const QByteArray &message, const FetchItem &item)
{
    QByteArray data;
    const qsizetype hlen = headerLength(message);
    if (item.section.isEmpty()) {
        data = message;
    } else if (item.section == "HEADER" || item.section == "MIME" || item.section == "1.MIME") {
        data = message.left(hlen);
    } else if (item.section == "TEXT" || item.section == "1") {
        data = message.mid(hlen);
    } else {
        // HEADER.FIELDS[.NOT]: whole fields, continuation lines included, then the blank line.
        const QByteArray header = message.left(hlen);
        qsizetype pos = 0;
        bool keep = false;
        while (pos < header.size()) {
            qsizetype end = header.indexOf("\r\n", pos);
            end = end < 0 ? header.size() : end + 2;
            const QByteArray line = header.mid(pos, end - pos);
            pos = end;
            if (line == "\r\n")
                break;
            if (!(line.startsWith(' ') || line.startsWith('\t')))
                keep = fieldSelected(line, item);
            if (keep)
                data += line;
        }
        data += "\r\n";
    }
    if (item.partialStart >= 0)
        data = item.partialStart >= data.size() ? QByteArray() : data.mid(item.partialStart, item.partialCount);
    return data;
}

QByteArray imapString(const QByteArray &text)
{
    if (text.size() < 1024) {
        bool safe = true;
        for (char c : text)
            if (c == '\r' || c == '\n' || c == '\0' || static_cast<unsigned char>(c) >= 0x80)
                safe = false;
        if (safe) {
            QByteArray q = text;
            q.replace('\\', "\\\\").replace('"', "\\\"");
            return '"' + q + '"';
        }
    }
    return imapLiteral(text);
}

QByteArray imapLiteral(const QByteArray &data) { return '{' + QByteArray::number(data.size()) + "}\r\n" + data; }

QByteArray imapDateTime(qint64 secs)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(secs).toLocalTime();
    const int offset = t.offsetFromUtc() / 60;
    const QString zone = QString::asprintf("%c%02d%02d", offset < 0 ? '-' : '+', qAbs(offset) / 60, qAbs(offset) % 60);
    return '"' + (QLocale::c().toString(t, QStringLiteral("dd-MMM-yyyy HH:mm:ss ")) + zone).toLatin1() + '"';
}

} // namespace fumibako
