// libFuzzer target: an SMTP client's byte stream as the session reads it —
// command lines (SmtpCommand), MAIL FROM / RCPT TO paths with their ESMTP
// parameters (SmtpPath, xtext, NOTIFY), and after DATA the message up to
// <CRLF>.<CRLF> (SmtpDataReader), read whole and again in random splits (the
// two must agree). Besides crashes and sanitizer reports it checks
// invariants and aborts when one breaks.
// Build and run: see tests/fuzz/CMakeLists.txt.

#include "fuzzsupport.h"

#include "smtp/smtpcommand.h"
#include "smtp/smtpdatareader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace fumibako;
using fumibako::fuzz::check;
using fumibako::fuzz::Splitter;

namespace
{

constexpr qsizetype kMaxLine = 2048; // the session's bound (Postfix's line_length_limit)

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 3461 4: what decodeXtext accepts is printable ASCII without "=", each
// "+XX" standing for one octet.
void checkXtext(QByteArrayView value)
{
    const auto decoded = decodeXtext(value);
    if (!decoded)
        return;
    check(!value.contains('=') && decoded->size() == value.size() - 2 * value.count('+'));
    for (char c : value)
        check(c >= '!' && c <= '~');
}

void checkCommand(QByteArrayView line)
{
    const SmtpCommand cmd = SmtpCommand::parse(line);
    bool blank = true;
    for (char c : line)
        blank = blank && isBlank(c);
    check((cmd.verb == SmtpCommand::Verb::Empty) == blank);
    check(cmd.argument.isEmpty() || !isBlank(cmd.argument.back()));
    check(QByteArrayView(line).contains(cmd.argument));

    for (const QByteArrayView keyword : {QByteArrayView("FROM"), QByteArrayView("TO")}) {
        const auto path = SmtpPath::parse(cmd.argument, keyword);
        if (!path)
            continue;
        check(!(path->null && (path->postmaster || path->sourceRoute)));
        check(path->params.size() <= 16);
        for (const auto &[key, value] : path->params) {
            check(!key.isEmpty());
            for (char c : key)
                check((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
            for (char c : value)
                check(!isBlank(c));
            check(path->param(key).has_value());
            checkXtext(value);
            if (const auto notify = parseDsnNotify(value)) {
                check(*notify == notify->toUpper());
                check(*notify == "NEVER" || !notify->contains("NEVER"));
            }
        }
        if (!path->null && !path->postmaster) {
            check(!path->address.local.isEmpty() && !path->address.domain.isEmpty());
            // What the server writes back (Received:, bounces, the queue) reads as the same
            // address.
            const auto again = MailAddress::parse(path->address.toString());
            check(again.has_value() || path->address.quoted);
            if (again)
                check(again->local == path->address.local && again->domain == path->address.domain);
        }
    }
    checkXtext(line);
}

struct DataResult {
    bool complete = false;
    qsizetype consumed = 0;
    QByteArray message;
    bool bare = false;
    bool overflow = false;
    qsizetype size = 0;

    bool operator==(const DataResult &) const = default;
};

// The DATA reader over `data`, in chunks from `split` (or whole when null).
DataResult readData(QByteArrayView data, qsizetype limit, Splitter *split)
{
    SmtpDataReader reader(limit);
    DataResult r;
    qsizetype offset = 0;
    while (offset < data.size()) {
        const qsizetype len = split ? std::min(split->next(64), data.size() - offset) : data.size();
        qsizetype consumed = -1;
        const auto status = reader.feed(data.sliced(offset, len), &consumed);
        check(consumed > 0 && consumed <= len);
        check(reader.storedSize() <= limit && reader.size() >= reader.storedSize());
        offset += consumed;
        if (status == SmtpDataReader::Status::Complete) {
            r.complete = true;
            break;
        }
        check(consumed == len);
    }
    r.consumed = offset;
    r.bare = reader.bareNewline();
    r.overflow = reader.overflow();
    r.size = reader.size();
    r.message = reader.takeMessage();
    check(r.overflow == (r.size > limit));
    return r;
}

// A complete message without bare line ends is CRLF lines; dot-stuffed again
// and ended, it must read back the same.
void checkDataRoundTrip(const DataResult &r)
{
    if (!r.complete || r.bare || r.overflow)
        return;
    check(r.message.isEmpty() || r.message.endsWith("\r\n"));
    QByteArray wire;
    for (qsizetype start = 0; start < r.message.size();) {
        const qsizetype end = r.message.indexOf("\r\n", start) + 2;
        check(end > start);
        if (r.message[start] == '.')
            wire += '.';
        wire += QByteArrayView(r.message).sliced(start, end - start);
        start = end;
    }
    wire += ".\r\n";
    const DataResult again = readData(wire, r.message.size(), nullptr);
    check(again.complete && again.consumed == wire.size() && again.message == r.message &&
          !again.bare);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 4)
        return 0;
    // byte 0..1: the split seed; byte 2: the DATA size limit; the rest: what the client sends
    Splitter split{quint32(bytes[0]) << 8 | bytes[1]};
    const qsizetype limit = bytes[2] & 1 ? 64 : 1 << 20;
    const QByteArrayView data(reinterpret_cast<const char *>(bytes) + 3, qsizetype(size) - 3);

    qsizetype pos = 0;
    while (pos < data.size()) {
        // A command line: up to LF, CR LF taken off; longer lines are cut as the session refuses
        // them.
        qsizetype lf = data.indexOf('\n', pos);
        const qsizetype next = lf < 0 ? data.size() : lf + 1;
        qsizetype end = lf < 0 ? data.size() : lf;
        if (end > pos && data[end - 1] == '\r')
            --end;
        const QByteArrayView line = data.sliced(pos, std::min(end - pos, kMaxLine));
        pos = next;
        checkCommand(line);
        if (SmtpCommand::parse(line).verb != SmtpCommand::Verb::Data)
            continue;
        const QByteArrayView rest = data.sliced(pos);
        const DataResult whole = readData(rest, limit, nullptr);
        check(readData(rest, limit, &split) == whole);
        checkDataRoundTrip(whole);
        if (!whole.complete)
            break;
        pos += whole.consumed;
    }
    return 0;
}
