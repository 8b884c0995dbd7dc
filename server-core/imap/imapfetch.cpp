#include "imapfetch.h"

#include "common/durablefile.h"
#include "common/maildate.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace fumibako
{

namespace
{

// section-spec (RFC 3501 9): [section-part ["." section-text]] / section-msgtext, upper-cased.
bool parseSection(const QByteArray &spec, FetchItem &item)
{
    qsizetype i = 0;
    while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9') {
        const qsizetype start = i;
        while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9')
            ++i;
        bool ok = false;
        const int n = spec.mid(start, i - start).toInt(&ok);
        // nz-number; a part path deeper than any message we parse is refused too.
        if (!ok || n < 1 || spec[start] == '0' || n > 100000 ||
            item.part.size() >= MimeMessage::kMaxDepth + 2)
            return false;
        item.part << n;
        if (i == spec.size())
            return true;
        if (spec[i] != '.' || i + 1 == spec.size())
            return false;
        ++i;
    }
    const QByteArray text = spec.mid(i);
    using Text = MimeMessage::SectionText;
    if (text.isEmpty()) {
        item.text = Text::Whole;
    } else if (text == "HEADER") {
        item.text = Text::Header;
    } else if (text == "TEXT") {
        item.text = Text::Text;
    } else if (text == "MIME") {
        if (item.part.isEmpty()) // section-text "MIME" only after a part number
            return false;
        item.text = Text::Mime;
    } else {
        const bool isNot = text.startsWith("HEADER.FIELDS.NOT");
        if (!isNot && !text.startsWith("HEADER.FIELDS"))
            return false;
        QByteArray list = text.mid(isNot ? 17 : 13).trimmed();
        if (!list.startsWith('(') || !list.endsWith(')'))
            return false;
        for (const QByteArray &f : list.mid(1, list.size() - 2).simplified().split(' '))
            if (!f.isEmpty())
                item.fields << (f.startsWith('"') && f.endsWith('"') && f.size() >= 2
                                    ? f.mid(1, f.size() - 2)
                                    : f);
        if (item.fields.isEmpty())
            return false;
        item.text = isNot ? Text::HeaderFieldsNot : Text::HeaderFields;
    }
    return true;
}

std::optional<FetchItem> parseItem(const QByteArray &atomText)
{
    FetchItem item;
    const QByteArray upper = atomText.toUpper();
    static const struct {
        const char *name;
        FetchItem::Kind kind;
    } simple[] = {
        {"UID", FetchItem::Kind::Uid},
        {"FLAGS", FetchItem::Kind::Flags},
        {"INTERNALDATE", FetchItem::Kind::InternalDate},
        {"RFC822.SIZE", FetchItem::Kind::Size},
        {"MODSEQ", FetchItem::Kind::Modseq},
        {"ENVELOPE", FetchItem::Kind::Envelope},
        {"BODYSTRUCTURE", FetchItem::Kind::BodyStructure},
        {"BODY", FetchItem::Kind::Body}, // the non-extensible BODYSTRUCTURE (RFC 3501 7.4.2)
    };
    for (const auto &s : simple) {
        if (upper == s.name) {
            item.kind = s.kind;
            return item;
        }
    }
    item.kind = FetchItem::Kind::Section;
    if (upper == "RFC822") { // RFC 3501 6.4.5: BODY[]
        item.responseName = "RFC822";
        return item;
    }
    if (upper == "RFC822.HEADER") {
        item.peek = true; // RFC 3501: RFC822.HEADER is BODY.PEEK[HEADER]
        item.text = MimeMessage::SectionText::Header;
        item.responseName = "RFC822.HEADER";
        return item;
    }
    if (upper == "RFC822.TEXT") { // BODY[TEXT]
        item.text = MimeMessage::SectionText::Text;
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
    if (!parseSection(upper.mid(open + 1, close - open - 1).trimmed(), item))
        return std::nullopt;
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
        // RFC 3501 6.4.5 macros.
        if (macro == "FAST")
            atoms = {"FLAGS", "INTERNALDATE", "RFC822.SIZE"};
        else if (macro == "ALL")
            atoms = {"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"};
        else if (macro == "FULL")
            atoms = {"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"};
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

std::optional<QByteArray> fetchSection(const MimeMessage &message, const FetchItem &item)
{
    auto data = message.section(item.part, item.text, item.fields);
    if (!data)
        return std::nullopt;
    if (item.partialStart >= 0)
        return item.partialStart >= data->size() ? QByteArray("")
                                                 : data->mid(item.partialStart, item.partialCount);
    return std::move(data).value();
}

QByteArray fetchValue(const MimeMessage &message, const FetchItem &item)
{
    switch (item.kind) {
    case FetchItem::Kind::Envelope:
        return "ENVELOPE " + message.imapEnvelope();
    case FetchItem::Kind::BodyStructure:
        return "BODYSTRUCTURE " + message.imapBodyStructure(true);
    case FetchItem::Kind::Body:
        return "BODY " + message.imapBodyStructure(false);
    case FetchItem::Kind::Section: {
        const auto data = fetchSection(message, item);
        return item.responseName + ' ' + (data ? imapLiteral(*data) : QByteArray("NIL"));
    }
    default:
        return {};
    }
}

bool readsMessageFile(const FetchItem &item)
{
    return item.kind == FetchItem::Kind::Envelope || item.kind == FetchItem::Kind::BodyStructure ||
           item.kind == FetchItem::Kind::Body || item.kind == FetchItem::Kind::Section;
}

QByteArrayList fetchFileValues(const QString &path, const QList<FetchItem> &items,
                               qsizetype expectedSize)
{
    QByteArray raw = readMessageFile(path, expectedSize).value_or(QByteArray());
    auto whole = [](const FetchItem &item) {
        return item.kind == FetchItem::Kind::Section && item.part.isEmpty() &&
               item.text == MimeMessage::SectionText::Whole;
    };
    QByteArrayList values;
    if (std::all_of(items.cbegin(), items.cend(),
                    [&](const FetchItem &i) { return !readsMessageFile(i) || whole(i); })) {
        for (const FetchItem &item : items) {
            if (!readsMessageFile(item))
                continue;
            QByteArrayView data(raw);
            if (item.partialStart >= 0) { // BODY[]<start.count> (RFC 3501 6.4.5)
                const qsizetype start = std::min<qsizetype>(item.partialStart, raw.size());
                const qsizetype left = raw.size() - start;
                data = data.sliced(start, item.partialCount < 0
                                              ? left
                                              : std::min<qsizetype>(item.partialCount, left));
            }
            // Built in place: the body is copied once here, not once per concatenation.
            QByteArray value;
            value.reserve(item.responseName.size() + 24 + data.size());
            value.append(item.responseName)
                .append(" {")
                .append(QByteArray::number(data.size()))
                .append("}\r\n")
                .append(data);
            values << value;
        }
        return values;
    }
    const MimeMessage message(std::move(raw));
    for (const FetchItem &item : items)
        if (readsMessageFile(item))
            values << fetchValue(message, item);
    return values;
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

QByteArray imapLiteral(const QByteArray &data)
{
    return '{' + QByteArray::number(data.size()) + "}\r\n" + data;
}

QByteArray imapDateTime(qint64 secs)
{
    return '"' +
           formatMailDate(QDateTime::fromSecsSinceEpoch(secs),
                          QStringLiteral("dd-MMM-yyyy HH:mm:ss")) +
           '"';
}

} // namespace fumibako
