// CSV as spreadsheets read and write it (RFC 4180): the files administrators
// open in Excel — accounts now, logs later. Written as UTF-8 with a BOM (so
// Excel does not guess Shift_JIS), CRLF line ends and every field quoted, so
// text like 0012, -a or _b is kept as text by the tools that honour quotes.
// Read with the same rules, tolerant of LF line ends and of a missing BOM,
// and bounded: a record past the limits is an error, not a hang.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace fumibako::csv
{

// The bytes a file starts with.
QByteArray bom();
// One record, every field quoted, CRLF at the end.
QByteArray row(const QStringList &fields);

struct Record {
    int line = 0; // the file's line the record starts on, from 1
    QStringList fields;
};

struct Limits {
    qsizetype maxBytes = 10 * 1024 * 1024;
    int maxRecords = 100000;
    int maxFields = 64;
    qsizetype maxFieldChars = 4096;
};

// Every record of `data` (a BOM skipped, blank lines skipped). Invalid, naming
// the line, for bytes that are not UTF-8, a quote left open or a limit passed.
Result<QList<Record>> parse(const QByteArray &data, const Limits &limits = {});

} // namespace fumibako::csv
