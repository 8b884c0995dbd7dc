// libFuzzer target: ImapCommandParser fed the same bytes whole and in random splits
// (the two must report the same events), plus parseSequenceSet and the modified
// UTF-7 mailbox-name codec. Small limits so every limit is reached often. Besides
// crashes and sanitizer reports it checks invariants and aborts when one breaks.
// Build and run: see tests/fuzz/CMakeLists.txt.

#include "fuzzsupport.h"

#include "imap/imapcommandparser.h"
#include "store/mailboxname.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace fumibako;
using fumibako::fuzz::check;
using fumibako::fuzz::Splitter;

namespace
{

void serialize(const ImapValue &v, QByteArray &out)
{
    out += char('0' + int(v.type));
    out += v.literal ? 'L' : '-';
    out += QByteArray::number(v.text.size()) + ':' + v.text;
    if (v.type == ImapValue::Type::List) {
        out += '(';
        for (const ImapValue &e : v.list)
            serialize(e, out);
        out += ')';
    }
}

// The command written back on the wire, strings as {n+} literals.
void write(const ImapValue &v, QByteArray &out)
{
    switch (v.type) {
    case ImapValue::Type::Atom:
        out += v.text;
        break;
    case ImapValue::Type::Nil:
        out += "NIL";
        break;
    case ImapValue::Type::String:
        out += '{' + QByteArray::number(v.text.size()) + "+}\r\n" + v.text;
        break;
    case ImapValue::Type::List:
        out += '(';
        for (qsizetype i = 0; i < v.list.size(); ++i) {
            if (i)
                out += ' ';
            write(v.list[i], out);
        }
        out += ')';
        break;
    }
}

ImapValue asLiteral(ImapValue v)
{
    if (v.type == ImapValue::Type::String)
        v.literal = true;
    for (ImapValue &e : v.list)
        e = asLiteral(e);
    return v;
}

// What the parser accepted, written again, must parse to the same command.
void checkRoundTrip(const ImapCommand &c, const ImapCommandParser::Limits &limits)
{
    QByteArray wire = c.tag + ' ' + c.name;
    for (const ImapValue &v : c.args) {
        wire += ' ';
        write(v, wire);
    }
    wire += "\r\n";
    ImapCommandParser::Limits roomy = limits;
    roomy.maxLine = wire.size(); // quoted strings became literals: more room
    roomy.maxLiteral = wire.size();
    roomy.maxAppendLiteral = wire.size();
    ImapCommandParser p(roomy);
    check(p.feed(wire) == ImapCommandParser::Status::Complete && wire.isEmpty());
    const ImapCommand again = p.take();
    QByteArray a, b;
    for (const ImapValue &v : c.args)
        serialize(asLiteral(v), a);
    for (const ImapValue &v : again.args)
        serialize(v, b);
    check(again.tag == c.tag && again.name == c.name && a == b);
}

// Runs the parser over `data`, in chunks from `split` (or whole when null), and
// returns the events it reported.
QByteArray parse(const ImapCommandParser::Limits &limits, const QByteArray &data, Splitter *split)
{
    ImapCommandParser p(limits);
    const qsizetype bound = limits.maxLine + limits.maxAppendLiteral + 64;
    QByteArray events;
    QByteArray buf;
    qsizetype offset = 0;
    while (offset < data.size()) {
        const qsizetype len = split ? std::min(split->next(64), data.size() - offset) : data.size();
        buf += data.mid(offset, len);
        offset += len;
        for (;;) {
            const qsizetype before = buf.size();
            const auto st = p.feed(buf);
            check(buf.size() <= before);
            check(p.bufferedBytes() <= bound);
            if (st == ImapCommandParser::Status::NeedMore) {
                check(buf.isEmpty());
                break;
            }
            if (st == ImapCommandParser::Status::Complete) {
                const ImapCommand c = p.take();
                check(!c.tag.isEmpty() && !c.name.isEmpty());
                check(c.name == c.name.toUpper());
                if (!split)
                    checkRoundTrip(c, limits);
                events += "C " + c.tag + ' ' + c.name + ' ';
                for (const ImapValue &v : c.args)
                    serialize(v, events);
                events += '\n';
            } else if (st == ImapCommandParser::Status::NeedContinuation) {
                events += "+\n";
            } else {
                const QByteArray r = p.errorResponse();
                check(r.startsWith("BAD ") || r.startsWith("NO [TOOBIG] "));
                check(!p.errorTag().isEmpty());
                events += "E " + p.errorTag() + ' ' + r + (p.errorIsFatal() ? " fatal\n" : "\n");
                if (p.errorIsFatal())
                    return events;
            }
        }
    }
    return events + "end " + QByteArray::number(p.bufferedBytes());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 4)
        return 0;
    // byte 0..1: the split seed; byte 2: which limits; the rest: the stream
    Splitter split{quint32(bytes[0]) << 8 | bytes[1]};
    ImapCommandParser::Limits limits;
    if (bytes[2] & 1) {
        limits.maxLine = 128;
        limits.maxLiteral = 16;
        limits.maxAppendLiteral = 256;
        limits.maxDepth = 3;
        limits.maxElements = 24;
    }
    const QByteArray data(reinterpret_cast<const char *>(bytes) + 3, qsizetype(size) - 3);

    const QByteArray whole = parse(limits, data, nullptr);
    check(parse(limits, data, &split) == whole);

    const auto set = parseSequenceSet(data, 1000, 64);
    if (set) {
        check(!set->isEmpty() && set->size() <= 64);
        for (const auto &r : *set)
            check(r.first <= r.second);
    }

    // The decoder is strict: anything it accepts has exactly one spelling.
    const QString name = decodeMailboxName(data);
    if (!name.isNull())
        check(encodeMailboxName(name) == data);
    // The encoder's output always decodes, to the input (U+0000 and lone surrogates
    // excepted, which become U+FFFD).
    const QString text = QString::fromUtf8(data).replace(QChar(0), QChar(0xfffd));
    check(decodeMailboxName(encodeMailboxName(text)) == text);
    return 0;
}
