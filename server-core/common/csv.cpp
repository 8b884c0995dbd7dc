#include "csv.h"

#include <QStringDecoder>

namespace fumibako::csv
{

QByteArray bom()
{
    return QByteArrayLiteral("\xEF\xBB\xBF");
}

QByteArray row(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        QString f = fields[i];
        out += '"' + f.replace(QLatin1Char('"'), QStringLiteral("\"\"")).toUtf8() + '"';
    }
    return out + "\r\n";
}

Result<QList<Record>> parse(const QByteArray &data, const Limits &limits)
{
    if (data.size() > limits.maxBytes)
        return Error::invalid(
            QStringLiteral("the file is larger than %1 MB").arg(limits.maxBytes / (1024 * 1024)));
    QByteArrayView bytes(data);
    if (bytes.startsWith(bom()))
        bytes = bytes.sliced(3);
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decode(bytes);
    if (decode.hasError())
        return Error::invalid(QStringLiteral("the file is not UTF-8 text (save it as "
                                             "\"CSV UTF-8\")"));
    QList<Record> records;
    Record current;
    QString field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the field began with a quote
    int line = 1;
    current.line = 1;
    auto endField = [&]() -> Result<void> {
        if (field.size() > limits.maxFieldChars)
            return Error::invalid(QStringLiteral("line %1: a field is longer than %2 characters")
                                      .arg(current.line)
                                      .arg(limits.maxFieldChars));
        current.fields << field;
        field.clear();
        wasQuoted = false;
        if (current.fields.size() > limits.maxFields)
            return Error::invalid(QStringLiteral("line %1: more than %2 fields")
                                      .arg(current.line)
                                      .arg(limits.maxFields));
        return {};
    };
    auto endRecord = [&]() -> Result<void> {
        if (records.size() >= limits.maxRecords)
            return Error::invalid(QStringLiteral("more than %1 lines").arg(limits.maxRecords));
        records << current;
        current = Record();
        return {};
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            if (auto r = endField(); !r)
                return r.error();
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            const bool blank = current.fields.isEmpty() && field.isEmpty() && !wasQuoted;
            if (!blank) {
                if (auto r = endField(); !r)
                    return r.error();
                if (auto r = endRecord(); !r)
                    return r.error();
            }
            ++line;
            current.line = line;
        } else {
            field += c;
        }
    }
    if (quoted)
        return Error::invalid(
            QStringLiteral("line %1: a quoted field is not closed").arg(current.line));
    if (!field.isEmpty() || wasQuoted || !current.fields.isEmpty()) {
        if (auto r = endField(); !r)
            return r.error();
        if (auto r = endRecord(); !r)
            return r.error();
    }
    return records;
}

} // namespace fumibako::csv
